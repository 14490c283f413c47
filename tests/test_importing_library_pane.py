"""The library pane on a real database: import (with progress, cancel, failures), search,
sort, open, rename, delete with undo, merge and split."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.store import Store
from reader.core.store.database import DB_FILENAME
from reader.ui.library import LibraryPane
from reader.ui.library.model import ADDED, CHARS, KNOWN, TITLE

if TYPE_CHECKING:
    from tests.conftest import Told

SEED_TITLE = "大足石刻“国际朋友圈”不断扩大"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as opened:
        yield opened


@pytest.fixture
def pane(qtbot: QtBot, store: Store) -> Iterator[LibraryPane]:
    widget = LibraryPane(store)
    qtbot.addWidget(widget)
    yield widget
    widget.runner.wait()


def _titles(pane: LibraryPane) -> list[str]:
    return [pane.model.index(r, TITLE).data() for r in range(pane.model.rowCount())]


def _import(qtbot: QtBot, pane: LibraryPane, files: list[str]) -> list[int]:
    with qtbot.waitSignal(pane.imported, timeout=20_000) as signal:
        pane.import_files(files)
    qtbot.waitUntil(lambda: not pane.importing)
    return list(signal.args[0])


def test_import_lists_the_articles(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    assert len(ids) == 8
    assert SEED_TITLE in _titles(pane)
    assert pane.selected_ids() == [ids[0]]
    assert not pane.progress_row.isVisibleTo(pane)
    assert store.articles.get(ids[0]).info.title == SEED_TITLE


def test_search_title_and_full_text(qtbot: QtBot, pane: LibraryPane) -> None:
    _import(qtbot, pane, [str(paths.seed_article())])
    pane.search.setText("平仓后成功")  # only in the text of the last article
    assert _titles(pane) == ["从加快建设西部陆海新通道等国家战略来看…"]
    pane.search.setText("政协")
    assert "大足区政协开展文旅产业发展主题调研" in _titles(pane)
    pane.search.clear()
    assert pane.model.rowCount() == 8


def test_sort_by_characters_is_numeric(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    _import(qtbot, pane, [str(paths.seed_article())])
    pane.table.sortByColumn(CHARS, Qt.SortOrder.AscendingOrder)
    counts = [store.articles.info(i).char_count for i in pane.article_ids()]
    assert counts == sorted(counts)
    pane.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    titles = _titles(pane)
    assert titles == sorted(titles, key=str.lower)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_double_click_opens(qtbot: QtBot, pane: LibraryPane) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    pane.resize(600, 600)
    pane.show()
    qtbot.waitExposed(pane)
    row = pane.article_ids().index(ids[2])
    rect = pane.table.visualRect(pane.model.index(row, TITLE))
    opened: list[int] = []
    pane.article_activated.connect(opened.append)
    viewport = pane.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [ids[2]]
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert opened == [ids[2], ids[2]]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_narrow_pane_keeps_titles_and_search_readable(
    qtbot: QtBot, pane: LibraryPane, store: Store
) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    pane.resize(250, 500)  # the library dock's width on a first run
    pane.show()
    qtbot.waitExposed(pane)
    table = pane.table
    assert [table.isColumnHidden(c) for c in (TITLE, ADDED, CHARS, KNOWN)] == [
        False,
        True,
        True,
        False,
    ]
    assert table.columnWidth(TITLE) > table.viewport().width() / 2
    assert not table.horizontalScrollBar().isVisible()
    assert pane.search.width() > 0.8 * pane.width()
    info = store.articles.info(ids[1])
    tooltip = pane.model.index(pane.article_ids().index(ids[1]), TITLE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert f"{info.char_count:,} characters" in tooltip  # what the hidden columns said
    assert f"Added {info.added_at:%Y-%m-%d}" in tooltip

    pane.resize(640, 500)
    qtbot.waitUntil(lambda: not table.isColumnHidden(ADDED))
    assert not table.isColumnHidden(CHARS)
    pane.resize(250, 500)
    qtbot.waitUntil(lambda: table.isColumnHidden(ADDED))


def test_rename_in_place(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    index = pane.model.index(pane.article_ids().index(ids[0]), TITLE)
    assert pane.model.setData(index, "石刻的朋友")
    assert store.articles.info(ids[0]).title == "石刻的朋友"
    assert not pane.model.setData(index, "  ")
    assert store.articles.info(ids[0]).title == "石刻的朋友"  # an empty title is refused
    assert "石刻的朋友" in _titles(pane)


def test_delete_and_undo(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    pane.select(ids[1])
    pane.delete_selected()
    assert ids[1] not in [a.id for a in store.articles.all()]
    assert pane.model.rowCount() == 7
    assert pane.undo_row.isVisibleTo(pane)
    pane.undo_button.click()
    assert ids[1] in [a.id for a in store.articles.all()]
    assert pane.model.rowCount() == 8
    assert not pane.undo_row.isVisibleTo(pane)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_delete_and_undo_keys_in_the_table(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    with qtbot.waitActive(pane):
        pane.show()
        pane.activateWindow()
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    pane.select(ids[1])
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert ids[1] not in [a.id for a in store.articles.all()]
    qtbot.keyClick(pane.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ids[1] in [a.id for a in store.articles.all()]
    assert pane.selected_ids() == [ids[1]]


def test_merge_and_split(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    ids = _import(qtbot, pane, [str(paths.seed_article())])
    first, second = store.articles.get(ids[2]), store.articles.get(ids[3])
    pane.merge(ids[2], ids[3])
    merged = store.articles.get(ids[2])
    assert merged.text == f"{first.text}\n{second.info.title}\n{second.text}"
    assert pane.model.rowCount() == 7
    pane.split(ids[2], len(first.text.split("\n")))
    [new_id] = set(pane.article_ids()) - set(ids)
    assert store.articles.text(ids[2]) == first.text
    assert store.articles.info(new_id).title == second.info.title
    assert pane.model.rowCount() == 8


def test_bad_files_change_nothing(
    qtbot: QtBot, pane: LibraryPane, store: Store, tmp_path: Path, warnings: list[str]
) -> None:
    _import(qtbot, pane, [str(paths.seed_article())])
    before = [(a.id, a.title) for a in store.articles.all()]
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\0\1\2\3" * 1000)
    not_zip = tmp_path / "book.epub"
    not_zip.write_bytes(b"just text")
    with qtbot.waitSignal(pane.import_failed, timeout=10_000) as signal:
        pane.import_files([str(binary), str(not_zip)])
    assert "not a text file" in signal.args[0] and "not a zip" in signal.args[0]
    assert warnings == [signal.args[0]]
    qtbot.waitUntil(lambda: not pane.importing)
    assert [(a.id, a.title) for a in store.articles.all()] == before
    assert not pane.progress_row.isVisibleTo(pane)


def test_cancelled_import_leaves_no_trace(
    qtbot: QtBot, pane: LibraryPane, store: Store, tmp_path: Path
) -> None:
    page = paths.seed_article().read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([page] * 60), encoding="utf-8")
    with qtbot.waitSignal(pane.import_cancelled, timeout=20_000):
        pane.import_files([str(big)])
        pane.import_files([str(big)])  # queued behind the first: cancelled too
        pane.cancel_button.click()
    qtbot.waitUntil(lambda: not pane.importing, timeout=20_000)
    assert store.articles.all() == []
    assert pane.model.rowCount() == 0
    assert not pane.progress_row.isVisibleTo(pane)


def test_chosen_encoding_applies(
    qtbot: QtBot, pane: LibraryPane, store: Store, tmp_path: Path, warnings: list[str]
) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("今天天氣很好。".encode("big5"))
    pane.encoding.setCurrentIndex(pane.encoding.findData("utf-8"))
    with qtbot.waitSignal(pane.import_failed, timeout=10_000):
        pane.import_files([str(path)])
    assert "utf-8" in warnings[0]
    pane.encoding.setCurrentIndex(pane.encoding.findData("big5"))
    assert _import(qtbot, pane, [str(path)])
    assert [a.title for a in store.articles.all()] == ["今天天氣很好"]


def test_paste_makes_an_article(qtbot: QtBot, pane: LibraryPane, store: Store) -> None:
    QApplication.clipboard().setText("今天天气很好。\n我们去公园。")
    with qtbot.waitSignal(pane.imported, timeout=10_000) as signal:
        pane.paste()
    article = store.articles.get(signal.args[0][0])
    assert article.text == "今天天气很好。\n我们去公园。"
    assert article.info.source == ""


def test_one_bad_file_does_not_drop_the_batch(
    qtbot: QtBot, pane: LibraryPane, store: Store, tmp_path: Path, warnings: list[str]
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    good = tmp_path / "good.txt"
    good.write_text("好文章。", encoding="utf-8")
    with qtbot.waitSignal(pane.import_failed, timeout=20_000):
        pane.import_files([str(bad), str(good)])
    qtbot.waitUntil(lambda: not pane.importing)
    assert "broken.pdf" in warnings[0]
    assert [a.title for a in store.articles.all()] == ["好文章"]


@pytest.mark.parametrize("answer", [True, False])
def test_japanese_is_imported_only_when_confirmed(
    qtbot: QtBot,
    pane: LibraryPane,
    store: Store,
    tmp_path: Path,
    told: Told,
    answer: bool,
) -> None:
    told.answers = [answer]
    path = tmp_path / "neko.txt"
    path.write_text("吾輩は猫である。名前はまだ無い。" * 10, encoding="utf-8")
    pane.import_files([str(path)])
    qtbot.waitUntil(lambda: bool(told.messages), timeout=20_000)
    qtbot.waitUntil(lambda: not pane.importing, timeout=20_000)
    [asked] = told.messages
    assert asked.asks and "looks Japanese" in asked.text
    assert asked.title == "Import text that is not Chinese?"
    titles = [a.title for a in store.articles.all()]
    assert titles == (["吾輩は猫である"] if answer else [])


def test_english_is_asked_about_before_it_is_imported(
    qtbot: QtBot, pane: LibraryPane, store: Store, told: Told
) -> None:
    told.answers = [True]
    pane.import_text("Remember to buy milk, eggs and bread on the way home.")
    qtbot.waitUntil(lambda: bool(store.articles.all()), timeout=20_000)
    [asked] = told.messages
    assert asked.asks and "does not look Chinese" in asked.text
