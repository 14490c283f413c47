"""View ▸ Tone sandhi for 一 and 不: the rubies over the real analysis, off by default,
remembered across a restart; the stored readings stay the citation tones."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.settings import load_settings
from reader.core.store import NewArticle
from reader.ui.main_window import LanguageTools, MainWindow
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "这不是我的书。我们一起去吧。"


def ruby_over(window: MainWindow, text: str) -> str:
    layout = window.view.layout_
    assert layout is not None
    index = window.view.text.index(text)
    return " ".join(layout.rubies[index : index + len(text)])


def show_text(qtbot: QtBot, window: MainWindow) -> None:
    article_id = window.store.articles.add(NewArticle("Sandhi", TEXT))
    window.show_article(article_id)
    wait_for_pinyin(qtbot, window)


def test_sandhi_is_off_by_default_and_on_shows_bu_shi_as_bu2(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    show_text(qtbot, window)
    assert not window.display.sandhi_action.isChecked()
    assert ruby_over(window, "不是") == "bù shì"
    assert ruby_over(window, "一起") == "yī qǐ"

    window.display.sandhi_action.trigger()
    assert ruby_over(window, "不是") == "bú shì"
    assert ruby_over(window, "一起") == "yì qǐ"
    token = next(t for t in window.view.tokens if "不" in t.text)
    assert token.readings[token.text.index("不")] == "bu4"  # display only
    window.close()
    assert load_settings(data_dir).tone_sandhi

    again = open_window(qtbot, data_dir, language_tools)
    show_text(qtbot, again)
    assert again.display.sandhi_action.isChecked()
    assert ruby_over(again, "不是") == "bú shì"
    again.display.sandhi_action.trigger()
    assert ruby_over(again, "不是") == "bù shì"
