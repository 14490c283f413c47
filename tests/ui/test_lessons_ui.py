"""File ▸ Export list… writing a real file on the worker, and lesson packs opened in the
window through their preview (File ▸ Open, drops), with accept, cancel and no duplicates."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.core.export.formats import ExportFormat
from reader.core.export.from_store import lesson_pack
from reader.core.export.model import ExportOptions
from reader.core.export.pack import write_pack
from reader.core.settings import load_settings
from reader.core.store import NewWord, Store
from reader.core.store.database import DB_FILENAME
from reader.ui.export_dialog import ExportRequest
from reader.ui.lessons import PackDropFilter
from reader.ui.main_window import LanguageTools, MainWindow
from reader.ui.messages import Level
from tests.export_samples import ARTICLE_TEXT, bank_word, require_program, stock_lesson_article
from tests.ui.test_reader_window import open_window

if TYPE_CHECKING:
    from tests.conftest import Told

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def stock(store: Store) -> int:
    """An article, a correction it uses, and the article's list of two words."""
    article, list_id = stock_lesson_article(store)
    store.vocab.add_words(
        [bank_word(article), NewWord("行长", "行長", "hang2 zhang3", ("bank president",))],
        list_id,
    )
    return list_id


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, language_tools: LanguageTools) -> MainWindow:
    return open_window(qtbot, data_dir, language_tools)


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    """A teacher's lesson, from a database of its own."""
    with Store.open(tmp_path / "teacher" / DB_FILENAME) as teacher:
        list_id = stock(teacher)
        [word_list] = [w for w in teacher.vocab.lists() if w.id == list_id]
        return write_pack(tmp_path / "lesson.readerpack", lesson_pack(teacher, word_list))


# --- File ▸ Export list… ------------------------------------------------------------------


def test_export_list_writes_a_csv_on_the_worker(
    qtbot: QtBot,
    window: MainWindow,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    stock(window.store)
    file_menu = window.menuBar().actions()[0].menu()
    assert (
        isinstance(file_menu, QMenu)
        and window.actions_by_name["export_list"] in file_menu.actions()
    )
    window.actions_by_name["export_list"].trigger()
    dialog = window.list_export.dialog
    assert dialog is not None and dialog.isVisible()  # no "which list?" question first
    assert dialog.list_box.currentText() == "Words from 在银行 (2 words)"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.CSV))
    out = tmp_path / "lesson.csv"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(window.list_export.written, timeout=60000) as written:
        dialog.accept()
    assert written.args == [out]
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["Simplified"] for r in rows] == ["银行", "行长"]
    bank = rows[0]
    assert bank["Pinyin"] == "yínháng" and bank["Source"] == "在银行"
    assert bank["Example pinyin"] == "Wǒ qù yínháng qǔqián."  # the window's analyser (a sentence)
    assert bank["Classifier"] and bank["HSK"]  # the window's dictionary
    assert load_settings(data_dir).export_format == "csv"  # saved at once
    assert load_settings(data_dir).export_folder == str(tmp_path)
    assert window.list_export.progress is None and "Exported" in window.activity.text()


def test_an_export_that_fails_is_reported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, warnings: list[str]
) -> None:
    list_id = window.store.vocab.create_list("no article")
    [word_list] = [w for w in window.store.vocab.lists() if w.id == list_id]
    request = ExportRequest(ExportFormat.PACK, tmp_path / "x.readerpack", ExportOptions(), False)
    with qtbot.waitSignal(window.list_export.failed, timeout=30000) as failed:
        window.list_export.start(word_list, request)
    assert "has no article" in failed.args[0]
    assert warnings == [failed.args[0]] and not (tmp_path / "x.readerpack").exists()


def test_no_lists_no_export(window: MainWindow, told: Told) -> None:
    assert window.list_export.choose_and_export() is None
    [message] = told.messages
    assert message.level is Level.INFORMATION and "no word list" in message.text


# --- opening lesson packs --------------------------------------------------------------------


def wait_for_preview(qtbot: QtBot, window: MainWindow) -> object:
    qtbot.waitUntil(lambda: window.packs.dialog is not None and window.packs.dialog.isVisible())
    return window.packs.dialog


@pytest.mark.parametrize("tick", [False, True], ids=["article only", "whole library"])
def test_the_box_takes_the_packs_reading_fixes_too(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, tick: bool
) -> None:
    """The preview's box names the pack's reading fix; unticked it reads 银行 in the
    pack's article only, ticked in the whole library."""
    with Store.open(tmp_path / "teacher" / DB_FILENAME) as teacher:
        list_id = stock(teacher)
        teacher.corrections.add_reading_fix("银行", ["yin2", "hang4"])
        [word_list] = [w for w in teacher.vocab.lists() if w.id == list_id]
        pack = write_pack(tmp_path / "fixed.readerpack", lesson_pack(teacher, word_list))
    window.open_file(str(pack))
    dialog = wait_for_preview(qtbot, window)
    choice = dialog.rules_for_library  # type: ignore[attr-defined]
    assert "1 segmentation corrections and 1 reading fix in every other" in choice.text()
    choice.setChecked(tick)
    with qtbot.waitSignal(window.packs.opened) as opened:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    article = opened.args[0].article_id
    fixes = window.store.corrections
    assert [f.fix.text for f in fixes.reading_fixes(article)] == ["银行"]
    assert [f.fix.text for f in fixes.reading_fixes()] == (["银行"] if tick else [])


def test_open_a_pack_cancel_then_accept_then_again(
    qtbot: QtBot, window: MainWindow, pack_file: Path
) -> None:
    window.open_file(str(pack_file))
    dialog = wait_for_preview(qtbot, window)
    assert dialog is not None
    summary = dialog.summary.text()  # type: ignore[attr-defined]
    assert "在银行" in summary and "2 words" in summary and "1 segmentation" in summary
    assert dialog.ok_button.text() == "Add to library"  # type: ignore[attr-defined]
    dialog.reject()  # type: ignore[attr-defined]
    assert window.store.articles.all() == [] and window.store.vocab.lists() == []

    window.open_file(str(pack_file))
    dialog = wait_for_preview(qtbot, window)
    choice = dialog.rules_for_library  # type: ignore[attr-defined]
    assert choice.isVisible() and not choice.isChecked()  # for the article only, by default
    assert "1 segmentation corrections in every other article" in choice.text()
    with qtbot.waitSignal(window.packs.opened) as opened:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    result = opened.args[0]
    assert window.article_id == result.article_id and window.view.text == ARTICLE_TEXT
    assert [a.title for a in window.store.articles.all()] == ["在银行"]
    assert window.library.model.rowCount() == 1
    [own] = window.store.vocab.lists()
    assert own.article_id == result.article_id and own.word_count == 2
    assert [c.text for c in window.store.corrections.all(result.article_id)] == ["说了算"]
    assert window.store.corrections.all() == []  # the pack's rule is for its article only
    assert "Added “在银行”" in window.activity.text()

    window.open_file(str(pack_file))
    dialog = wait_for_preview(qtbot, window)
    assert "already in your library" in dialog.heading.text()  # type: ignore[attr-defined]
    assert dialog.ok_button.text() == "Open it"  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.packs.opened) as again:
        dialog.accept()  # type: ignore[attr-defined]
    assert again.args[0].already_present and len(window.store.articles.all()) == 1
    assert len(window.store.vocab.lists()) == 1 and window.article_id == result.article_id


def test_a_bad_pack_is_reported_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, warnings: list[str]
) -> None:
    bad = tmp_path / "bad.readerpack"
    bad.write_bytes(b"PK\x03\x04 not really")
    window.open_file(str(bad))
    qtbot.waitUntil(lambda: bool(warnings))
    assert "bad.readerpack" in warnings[0] and "not a lesson pack" in warnings[0]
    assert window.packs.dialog is None and window.store.articles.all() == []


def drop(window: MainWindow, packs_only: bool, files: list[Path]) -> bool:
    """A drop through the window's (or the library's) filter, as Qt delivers a real drag
    (Qt does not deliver a drop event sent by hand)."""
    [watcher] = [f for f in window.findChildren(PackDropFilter) if f.packs_only is packs_only]
    target = window.library if packs_only else window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton)
    enter = QDragEnterEvent(QPoint(5, 5), *args, Qt.KeyboardModifier.NoModifier)
    if not watcher.eventFilter(target, enter):
        return False
    assert enter.isAccepted()
    event = QDropEvent(QPointF(5, 5), *args, Qt.KeyboardModifier.NoModifier)
    return watcher.eventFilter(target, event)


def test_packs_dropped_on_the_window_or_the_library_open_with_a_preview(
    qtbot: QtBot, window: MainWindow, pack_file: Path, tmp_path: Path
) -> None:
    window.finish_startup()  # drops are taken once the window has painted (built after it)
    assert window.acceptDrops()
    assert drop(window, False, [pack_file])
    dialog = wait_for_preview(qtbot, window)
    dialog.reject()  # type: ignore[attr-defined]
    note = tmp_path / "note.txt"
    note.write_text("今天天气很好。", encoding="utf-8")
    assert not drop(window, True, [note])  # no pack: the library's own drop handles it
    assert drop(window, True, [pack_file, note])  # the article is imported, the pack previewed
    dialog = wait_for_preview(qtbot, window)
    with qtbot.waitSignal(window.packs.opened):
        dialog.accept()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(window.store.articles.all()) == 2, timeout=30000)
    texts = {window.store.articles.text(a.id) for a in window.store.articles.all()}
    assert texts == {ARTICLE_TEXT, "今天天气很好。"}


def test_export_list_as_a_pdf_handout_on_the_worker(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Qt draws the handout on the worker thread, with the window's analyser for ruby."""
    list_id = stock(window.store)
    [word_list] = [w for w in window.store.vocab.lists() if w.id == list_id]
    request = ExportRequest(ExportFormat.PDF, tmp_path / "handout.pdf", ExportOptions(), False)
    with qtbot.waitSignal(window.list_export.written, timeout=60000):
        window.list_export.start(word_list, request)
    assert (tmp_path / "handout.pdf").read_bytes()[:5] == b"%PDF-"
    pdftotext = require_program("pdftotext", "poppler-utils")
    text = subprocess.run(
        [pdftotext, str(tmp_path / "handout.pdf"), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "银行" in text and "行长说了算" in text.replace(" ", "").replace("\n", "")
