"""File ▸ Import CC-CEDICT release… in the real window: a malformed file is reported with
its line numbers and changes nothing; a small valid release becomes the dictionary that
the lookups and the analysis use."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.cedict import Dictionary
from reader.core.cedict.sources import imported_source_path
from reader.core.store import NewArticle
from reader.ui.main_window import LanguageTools, MainWindow
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HEADER = "#! version=1\n#! date=2030-01-01T00:00:00Z\n"


def choose(monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(file), ""))
    )


def report_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.dictionary_import.message is not None, timeout=30000)
    box = window.dictionary_import.message
    assert box is not None and box.isVisible()
    return box


def test_a_malformed_release_is_reported_by_line_and_changes_nothing(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    language_tools: LanguageTools,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    before = window.dictionary
    bad = tmp_path / "cedict_ts.u8"
    good = "銀行 银行 [yin2 hang2] /bank/\n"
    bad.write_text(HEADER + good + "not a dictionary line\n" * 3 + good, encoding="utf-8")
    choose(monkeypatch, bad)

    window.actions_by_name["import_dictionary"].trigger()
    box = report_box(qtbot, window)
    assert box.icon() is QMessageBox.Icon.Warning
    assert "3 of 5 lines are malformed" in box.text()
    assert "Nothing was changed" in box.text()
    details = box.informativeText()
    assert all(f"line {n}:" in details for n in (4, 5, 6))  # the header is lines 1–2
    assert "line 3:" not in details and "line 7:" not in details

    assert window.dictionary is before
    assert window.analyzer is language_tools.analyzer
    assert not imported_source_path(data_dir).exists()
    assert Dictionary.open(data_dir=data_dir).source == paths.bundled_cedict()


def test_a_valid_release_becomes_the_dictionary_in_use(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    language_tools: LanguageTools,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as stream:
        entries = [line for line in stream if not line.startswith("#")][:300]
    entries.append("銀行 银行 [yin2 hang2] /bank/imported gloss/\n")
    release = tmp_path / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    release.write_bytes(gzip.compress((HEADER + "".join(entries)).encode("utf-8")))
    window = open_window(qtbot, data_dir, language_tools)
    window.show_article(window.store.articles.add(NewArticle("Bank", "我们去银行取钱。")))
    wait_for_pinyin(qtbot, window)
    choose(monkeypatch, release)

    window.actions_by_name["import_dictionary"].trigger()
    box = report_box(qtbot, window)
    assert box.text().startswith("Imported 301 entries (release 2030-01-01")
    new = window.dictionary
    assert new is not None and new is not language_tools.dictionary and new.entry_count == 301
    assert [s.gloss for e in new.entries("银行") for s in e.senses] == ["bank", "imported gloss"]
    # the analyser is re-created for it off the UI thread, then the article re-analysed
    qtbot.waitUntil(
        lambda: window.analyzer is not None and window.analyzer.dictionary is new, timeout=60000
    )
    qtbot.waitUntil(
        lambda: (
            any(t.text == "银行" and t.entry_ids for t in window.view.tokens)
            and not any(t.text == "我们" and t.entry_ids for t in window.view.tokens)
        ),
        timeout=60000,
    )
    bank = next(i for i, t in enumerate(window.view.tokens) if t.text == "银行")
    window.lookup.open_popup(bank, window.view.tokens[bank].start)
    assert "imported gloss" in window.popup.browser.toPlainText()
    assert Dictionary.open(data_dir=data_dir).entry_count == 301  # and at the next start


def test_cancel_stops_the_import_and_keeps_the_dictionary(
    qtbot: QtBot,
    data_dir: Path,
    language_tools: LanguageTools,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    before = window.dictionary
    choose(monkeypatch, paths.bundled_cedict())  # the full release: seconds to import
    window.actions_by_name["import_dictionary"].trigger()
    progress = window.dictionary_import.progress
    assert progress is not None
    cancel = progress.findChild(QPushButton)  # the dialog's Cancel button
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: "cancelled" in window.activity.text(), timeout=30000)
    assert window.dictionary_import.progress is None
    assert window.dictionary is before
    assert not imported_source_path(data_dir).exists()
