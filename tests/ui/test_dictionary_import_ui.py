"""File ▸ Import CC-CEDICT release… in the real window: a malformed file is reported with
its line numbers and changes nothing; a small valid release becomes the dictionary that
the lookups and the analysis use."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.cedict import Dictionary
from reader.core.cedict.sources import imported_source_path
from reader.core.store import NewArticle
from reader.ui.main_window import LanguageTools
from reader.ui.messages import Level, Message
from tests.ui.test_reader_window import open_window, wait_for_pinyin

if TYPE_CHECKING:
    from tests.conftest import Told

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HEADER = "#! version=1\n#! date=2025-01-01T00:00:00Z\n"


def choose(monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(file), ""))
    )


def report(qtbot: QtBot, told: Told, count: int = 1) -> Message:
    """The ``count``-th message the import said (it comes when the import is done)."""
    qtbot.waitUntil(lambda: len(told.messages) >= count, timeout=30000)
    return told.messages[count - 1]


def test_a_malformed_release_is_reported_by_line_and_changes_nothing(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    language_tools: LanguageTools,
    monkeypatch: pytest.MonkeyPatch,
    told: Told,
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    before = window.dictionary
    failures: list[str] = []
    window.messages.failed.connect(failures.append)
    bad = tmp_path / "cedict_ts.u8"
    good = "銀行 银行 [yin2 hang2] /bank/\n"
    bad.write_text(HEADER + good + "not a dictionary line\n" * 3 + good, encoding="utf-8")
    choose(monkeypatch, bad)

    window.actions_by_name["import_dictionary"].trigger()
    box = report(qtbot, told)
    assert box.level is Level.ERROR and failures == [box.text]
    assert "3 of 5 lines are malformed" in box.text
    assert "Nothing was changed" in box.text
    details = box.details
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
    told: Told,
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

    told.answers = [True]  # "Use it anyway"
    before = window.dictionary
    in_use: list[bool] = []  # when each message is said: is the old dictionary in use?
    window.messages.said.connect(lambda _m: in_use.append(window.dictionary is before))
    window.actions_by_name["import_dictionary"].trigger()
    question = report(qtbot, told)  # 301 entries: far fewer than the 122,143 in use
    assert "100 % fewer" in question.text and question.yes == "Use it anyway"
    box = report(qtbot, told, 2)
    assert box.text.startswith("Imported 301 entries (release 2025-01-01")
    assert in_use == [True, False]  # asked before anything changed; reported after the switch
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
