"""The article view marks a word in either script: a status set on 银行 marks 銀行 in a
traditional article, and a key pressed on 銀行 marks 银行 (real window, analyser, store)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.store import NewArticle, WordStatus
from reader.ui.main_window import LanguageTools, MainWindow
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TRADITIONAL = "我們去銀行取錢。"
SIMPLIFIED = "我们去银行取钱。"


def _show(qtbot: QtBot, window: MainWindow, article_id: int) -> None:
    window.show_article(article_id)
    wait_for_pinyin(qtbot, window)


def test_status_marks_follow_the_word_across_scripts(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    view = window.view
    traditional = window.store.articles.add(NewArticle("Traditional", TRADITIONAL))
    simplified = window.store.articles.add(NewArticle("Simplified", SIMPLIFIED))

    _show(qtbot, window, simplified)
    window.vocab.set_status(WordStatus.KNOWN, "银行")
    window.writer.wait()
    assert view.statuses["银行"] == int(WordStatus.KNOWN)

    _show(qtbot, window, traditional)
    assert view.statuses["銀行"] == int(WordStatus.KNOWN)
    assert view.statuses["我們"] == int(WordStatus.NEW)
    window.vocab.tabs.setCurrentWidget(window.vocab.stats)
    assert window.vocab.stats.stats is not None
    assert window.vocab.stats.stats.known_words == 1
    assert "银行" not in window.vocab.stats.unknown_words()

    # a key pressed on the traditional word re-marks it at once and sets the simplified key
    view.set_current(view.text.index("我們"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)
    window.writer.wait()
    assert view.statuses["我們"] == int(WordStatus.LEARNING_3)
    assert window.store.vocab.status("我们") is WordStatus.LEARNING_3
    assert window.store.vocab.statuses_for(["我們"])["我們"] is WordStatus.NEW

    # adding the unknown words of the traditional article stores them simplified
    window.vocab.add_all_unknown()
    window.writer.wait()
    lists = window.store.vocab.lists()
    [own] = [wl for wl in lists if wl.article_id == traditional]
    added = {w.simplified: w.traditional for w in window.store.vocab.words(own.id)}
    assert added == {"去": "去", "取钱": "取錢"}  # 我们 learning, 银行 known: not unknown

    _show(qtbot, window, simplified)
    assert view.statuses["我们"] == int(WordStatus.LEARNING_3)
    assert view.statuses["银行"] == int(WordStatus.KNOWN)
