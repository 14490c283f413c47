"""Edit ▸ Fix reading… in the real window: the learner's reading is stored, shown over the
text here and in a later article, listed beside the segmentation rules, and removable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.core.store import NewArticle
from reader.ui.corrections import ReadingDialog
from reader.ui.main_window import LanguageTools, MainWindow
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def readings_of(window: MainWindow, word: str) -> list[tuple[str, ...]]:
    return [t.readings for t in window.view.tokens if t.text == word]


def test_a_reading_fix_applies_everywhere_and_can_be_removed(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    first = window.store.articles.add(NewArticle("First", "他去银行取钱。"))
    second = window.store.articles.add(NewArticle("Second", "银行在前面。"))
    window.show_article(first)
    wait_for_pinyin(qtbot, window)
    assert readings_of(window, "银行") == [("yin2", "hang2")]

    window.view.set_current(window.view.text.index("银行"))
    window.actions_by_name["fix_reading"].trigger()
    dialog = window.segmentation.reading_dialog
    assert isinstance(dialog, ReadingDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.field.text() == "yín háng" and not ok.isEnabled()  # unchanged yet
    dialog.field.setText("yín xyz")
    assert not ok.isEnabled() and "not a pinyin syllable" in dialog.verdict.text()
    dialog.field.setText("yin2 hàng")
    assert ok.isEnabled() and dialog.verdict.text() == "yín hàng"
    ok.click()
    qtbot.waitUntil(lambda: readings_of(window, "银行") == [("yin2", "hang4")], timeout=30000)

    window.show_article(second)  # a later article has the learner's reading too
    wait_for_pinyin(qtbot, window)
    assert readings_of(window, "银行") == [("yin2", "hang4")]

    window.actions_by_name["corrections"].trigger()
    rules = window.segmentation.rules_dialog
    assert rules is not None
    assert [rules.list.item(i).text() for i in range(rules.list.count())] == [
        "银行 → yín hàng   (reading)"
    ]
    rules.list.item(0).setSelected(True)
    rules.remove_button.click()
    qtbot.waitUntil(lambda: readings_of(window, "银行") == [("yin2", "hang2")], timeout=30000)
    assert window.store.corrections.reading_fixes() == []
    window.close()
