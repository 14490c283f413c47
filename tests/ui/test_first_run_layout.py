"""The first run's window at 1200×800 from a fresh data folder (real widgets, offscreen):
the article gets most of the width and the panels beside it stay usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import TokenKind
from reader.ui.main_window import LanguageTools, MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ARTICLE_SHARE = 0.55  # of the window's width, at 1200×800
PANEL_WIDTH = 180  # px: narrower, a panel's table and buttons no longer fit


def first_run(qtbot: QtBot, data_dir: Path, tools: LanguageTools) -> MainWindow:
    """A fresh data folder: the window as a first launch shows it, once the seed is
    imported and its pinyin shown (the import's progress row came and went)."""
    assert not any(data_dir.iterdir())
    window = MainWindow(data_dir, tools)
    qtbot.addWidget(window)
    window.open_last_or_seed()
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: any(t.kind is TokenKind.WORD and t.entry_ids for t in window.view.tokens),
        timeout=30000,
    )
    qtbot.waitUntil(lambda: not window.library.pending)
    QApplication.processEvents()
    return window


def share_of(window: MainWindow) -> float:
    reading = window.centralWidget()
    assert reading is not None
    return reading.width() / window.width()


def shown(dock: QDockWidget) -> bool:
    """On screen: visible, and the front tab if it shares its place (Qt moves the others
    out of sight)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def test_the_article_gets_most_of_the_width_on_a_first_run(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = first_run(qtbot, data_dir, language_tools)
    assert (window.width(), window.height()) == (1200, 800)
    assert share_of(window) >= ARTICLE_SHARE, f"article {share_of(window):.0%} of the width"
    # The panels are there and usable: the library and the word panel side by side with
    # the article, the vocabulary a tab beside the word panel.
    assert shown(window.library_dock) and shown(window.side_dock)
    assert window.library_dock.width() >= PANEL_WIDTH
    assert window.side_dock.width() >= PANEL_WIDTH
    assert window.tabifiedDockWidgets(window.side_dock) == [window.vocab_dock]
    window.vocab_dock.raise_()
    QApplication.processEvents()
    assert shown(window.vocab_dock) and not shown(window.side_dock)
    assert share_of(window) >= ARTICLE_SHARE  # the vocabulary's tab does not widen it
    window.vocab.add_all_unknown()  # a list to show: its word, pinyin and meaning fit
    window.writer.wait()
    window.vocab.panel.refresh()
    QApplication.processEvents()
    table = window.vocab.panel.table
    assert table.model().rowCount() > 0 and not table.horizontalScrollBar().isVisible()


def test_an_import_does_not_widen_the_library(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, language_tools: LanguageTools
) -> None:
    """The import's progress row said the file's name: the library widened to fit it
    and kept that width (the first run's article got 32 % of the window)."""
    window = first_run(qtbot, data_dir, language_tools)
    before = window.library_dock.width()
    long_name = tmp_path / ("一篇题目很长很长的文章" * 3 + ".txt")
    long_name.write_text("今天天气很好。", encoding="utf-8")
    window.library.import_files([str(long_name)])
    qtbot.waitUntil(lambda: not window.library.pending)
    QApplication.processEvents()
    assert window.library_dock.width() == before


def test_in_a_narrow_window_the_panels_step_aside_and_the_toolbar_says_where(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = first_run(qtbot, data_dir, language_tools)
    docks = [window.library_dock, window.side_dock, window.vocab_dock]
    toggle = window.narrow.toggle
    assert not toggle.isVisible()  # wide: nothing stepped aside
    window.vocab_dock.raise_()  # the vocabulary's tab in front
    window.resize(800, 700)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in docks))
    assert toggle.isVisible() and not toggle.isChecked()
    assert window.display.toolbar.actions()[0] is toggle  # where a narrow toolbar shows it
    assert window.centralWidget().width() == window.width()  # type: ignore[union-attr]
    toggle.trigger()  # the panels back beside the article, as they were
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks))
    assert shown(window.library_dock) and shown(window.vocab_dock)
    assert not shown(window.side_dock)
    toggle.trigger()
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in docks))
    window.resize(1200, 800)  # wide again: they come back by themselves
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks))
    assert not toggle.isVisible() and shown(window.vocab_dock)


def test_a_word_clicked_before_the_dictionary_is_ready_opens_when_it_is(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    """A first run prepares the dictionary for seconds; a click meanwhile was lost."""
    window = MainWindow(data_dir, open_tools=False)  # the dictionary is not there yet
    qtbot.addWidget(window)
    window.open_last_or_seed()
    window.show()
    qtbot.waitUntil(lambda: "游客" in window.view.text, timeout=30000)
    view = window.view
    char = view.text.index("游客")
    view.scroll_to_char(char)
    QApplication.processEvents()
    window.lookup.popup  # noqa: B018 (built after the first paint, as at launch)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.char_rect(char).center())
    assert not window.popup.isVisible()
    assert "opens when it is ready" in window.lookup.word_panel.toPlainText()
    window.loader.use_tools(language_tools)  # the dictionary arrives
    qtbot.waitUntil(window.popup.isVisible)
    lookup = window.popup.lookup
    assert lookup is not None and lookup.word == "游客" and lookup.entries
