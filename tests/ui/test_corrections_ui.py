"""Edit ▸ Split word… / Merge with next word / Segmentation corrections… in the real window:
the rule is stored, the open article and a later one are cut by it, it survives reopening
the database, and removing it brings the dictionary's cut back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.core.store import CorrectionKind, NewArticle, Store
from reader.ui.corrections import SplitDialog
from reader.ui.main_window import DB_FILENAME, LanguageTools, MainWindow
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIRST = "他是一个大学生。"
SECOND = "我的朋友也是大学生，他们一起学习。"


def words(window: MainWindow) -> list[str]:
    return [t.text for t in window.view.tokens if t.is_chinese]


def show(qtbot: QtBot, window: MainWindow, article_id: int) -> None:
    window.show_article(article_id)
    wait_for_pinyin(qtbot, window)


def go_to(window: MainWindow, word: str) -> None:
    window.view.set_current(window.view.text.index(word))


def test_split_applies_here_and_in_a_later_article_survives_and_can_be_removed(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    first = window.store.articles.add(NewArticle("First", FIRST))
    second = window.store.articles.add(NewArticle("Second", SECOND))
    show(qtbot, window, second)  # analysed and stored before the rule exists
    assert "大学生" in words(window)
    show(qtbot, window, first)
    assert "大学生" in words(window)

    go_to(window, "大学生")
    window.actions_by_name["split_word"].trigger()
    dialog = window.segmentation.split_dialog
    assert isinstance(dialog, SplitDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no cut yet
    dialog.field.setText("大学 生")
    assert ok.isEnabled() and dialog.verdict.text() == "大学 + 生"
    ok.click()
    qtbot.waitUntil(lambda: "大学生" not in words(window), timeout=30000)
    assert words(window)[-2:] == ["大学", "生"]
    token = next(t for t in window.view.tokens if t.text == "大学")
    assert token.entry_ids and token.readings == ("da4", "xue2")
    [rule] = window.store.corrections.all()
    assert (rule.kind, rule.text, rule.parts) == (CorrectionKind.SPLIT, "大学生", ("大学", "生"))

    show(qtbot, window, second)  # its stored analysis predates the rule: analysed again
    assert "大学生" not in words(window) and "大学" in words(window)
    window.close()

    with Store.open(data_dir / DB_FILENAME) as store:  # the rule is in the database
        assert [c.text for c in store.corrections.all()] == ["大学生"]
    again = open_window(qtbot, data_dir, language_tools)
    show(qtbot, again, first)
    assert "大学生" not in words(again) and "大学" in words(again)

    again.actions_by_name["corrections"].trigger()
    rules = again.segmentation.rules_dialog
    assert rules is not None and rules.isVisible()
    assert [rules.list.item(i).text() for i in range(rules.list.count())] == [
        "大学生 → 大学 + 生   (split)"
    ]
    rules.list.item(0).setSelected(True)
    rules.remove_button.click()
    qtbot.waitUntil(lambda: "大学生" in words(again), timeout=30000)
    assert again.store.corrections.all() == []
    assert rules.list.count() == 0 and rules.empty.isVisible()


def test_merge_with_next_word_and_what_cannot_be_merged(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    show(qtbot, window, window.store.articles.add(NewArticle("First", FIRST)))
    assert words(window)[:4] == ["他", "是", "一", "个"]

    go_to(window, "一个")
    window.actions_by_name["merge_next"].trigger()
    qtbot.waitUntil(lambda: "一个" in words(window), timeout=30000)
    merged = next(t for t in window.view.tokens if t.text == "一个")
    assert merged.readings == ("yi1", "ge4")
    assert merged.parts == ("一", "个")  # no entry of its own: a tap explains its parts
    [rule] = window.store.corrections.all()
    assert (rule.kind, rule.parts) == (CorrectionKind.MERGE, ("一个",))
    # Edit ▸ Undo takes the merge back (and the article is cut as before); Redo again
    undo = window.vocab.history.undo_action
    assert undo.text() == "&Undo Merge 一个 → 一个"
    undo.trigger()
    qtbot.waitUntil(lambda: "一个" not in words(window), timeout=30000)
    assert window.store.corrections.all() == []
    window.vocab.history.redo_action.trigger()
    qtbot.waitUntil(lambda: "一个" in words(window), timeout=30000)

    go_to(window, "生。")  # the last word: only punctuation follows
    window.actions_by_name["merge_next"].trigger()
    assert "Cannot merge" in window.activity.text()
    go_to(window, "他")
    window.actions_by_name["split_word"].trigger()  # one character: nothing to split
    assert "cannot be split" in window.activity.text()
    assert len(window.store.corrections.all()) == 1
