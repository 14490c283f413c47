"""A click on a number or its measure word looks up the unit (6月, 52个) on the seed page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.ui.test_reader_window import click_word, show_article_with, window  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_click_on_a_number_shows_the_unit_and_add_keeps_its_measure_word(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture)
) -> None:
    show_article_with(qtbot, window, "6月5日")
    for clicked in ("6", "月"):  # the number or its measure word: the same unit
        click_word(qtbot, window, clicked)
        lookup = window.popup.lookup
        assert lookup is not None and lookup.unit is not None
        assert lookup.unit.text == "6月" and "June" in lookup.unit_gloss
        assert lookup.word == "月"  # what Add adds, with the popup's token: the measure word
        index = window.popup.token_index
        assert index is not None and window.view.tokens[index].text == "月"
        page = window.popup.browser.toPlainText()
        assert "6月" in page and "liù yuè" in page and "June" in page
        assert "Add adds the measure word 月" in page
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    article_id = window.article_id
    assert article_id is not None
    own = window.store.vocab.list_for_article(article_id)
    assert own is not None
    [word] = window.store.vocab.words(own)
    assert word.simplified == "月" and "6月5日" in word.full_sentence
