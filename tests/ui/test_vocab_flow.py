"""Collecting words on the real seed page: click, add, the stored sentence, statuses that
re-mark the text, the statistics panel, the lists panel (delete and undo)."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QMenu, QPushButton
from pytestqt.qtbot import QtBot

from reader.core.collect import is_collectable, sentence_around
from reader.core.store import NewWord, WordStatus
from reader.ui.main_window import LanguageTools, MainWindow
from reader.ui.messages import Level
from reader.ui.vocab.labels import pinyin_marks
from reader.ui.vocab.panel import PINYIN as VOCAB_PINYIN
from reader.ui.vocab.stats_panel import ADD_COLUMN, MEANING, PINYIN, TIMES, WORD
from tests.ui.test_reader_window import click_word, open_window, show_article_with

if TYPE_CHECKING:
    from reader.core.cedict import Dictionary
    from tests.conftest import Told

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, language_tools: LanguageTools) -> MainWindow:
    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "银行")
    return window


def _expected_sentence(window: MainWindow, index: int) -> str:
    """The sentence around the token, found independently: from the text's end marks."""
    text = window.view.text
    start = window.view.tokens[index].start
    ends = "。！？\n"
    left = max(text.rfind(c, 0, start) for c in ends) + 1
    right = min((p for p in (text.find(c, start) for c in ends) if p >= 0), default=len(text))
    sentence = text[left : right + 1].strip()
    while sentence[:1] in "”」":
        sentence = sentence[1:]
    return sentence


def test_click_add_keeps_the_sentence_around_the_word(qtbot: QtBot, window: MainWindow) -> None:
    index = click_word(qtbot, window, "银行")
    assert window.popup.isVisible()
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    article_id = window.article_id
    assert article_id is not None
    lists = window.store.vocab.lists()
    [own] = [wl for wl in lists if wl.article_id == article_id]
    title = window.store.articles.get(article_id).info.title
    assert own.name == f"Words from {title}"
    [word] = window.store.vocab.words(own.id)
    assert word.simplified == "银行"
    assert word.pinyin == "yin2 hang2"
    assert word.traditional == "銀行"
    assert any("bank" in s for s in word.senses)
    assert word.source_article_id == article_id
    assert word.full_sentence == _expected_sentence(window, index)
    assert word.full_sentence[-1] in "。！？”"
    # the example is the clause of it around the word
    assert "银行" in word.sentence and word.sentence.strip("…") in word.full_sentence
    # the panel shows it; a word collected is being learnt
    assert [w.simplified for w in window.vocab.panel.model.words] == ["银行"]
    assert window.store.vocab.status("银行") is WordStatus.LEARNING_1
    # Enter on the open popup adds too (the same word is not doubled)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    window.writer.wait()
    assert len(window.store.vocab.words(own.id)) == 1


def test_status_keys_re_mark_the_text(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    click_word(qtbot, window, "银行")
    painted: list[int] = []
    original = view.paintEvent

    def counted_paint(event: QPaintEvent) -> None:
        painted.append(1)
        original(event)

    view.paintEvent = counted_paint  # type: ignore[method-assign]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)
    window.writer.wait()
    assert view.statuses["银行"] == int(WordStatus.LEARNING_3)
    assert window.store.vocab.status("银行") is WordStatus.LEARNING_3
    assert window.vocab.popup_state.status_box.currentData() == int(WordStatus.LEARNING_3)
    qtbot.waitUntil(lambda: bool(painted), timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_K)
    window.writer.wait()
    assert view.statuses["银行"] == int(WordStatus.KNOWN)
    assert window.store.vocab.status("银行") is WordStatus.KNOWN
    window.vocab.tabs.setCurrentWidget(window.vocab.stats)
    assert window.vocab.stats.stats is not None
    assert "银行" not in window.vocab.stats.unknown_words()
    qtbot.keyClick(view, Qt.Key.Key_I)
    window.writer.wait()
    assert window.store.vocab.status("银行") is WordStatus.IGNORED


def test_statistics_add_unknown_and_library_percent(qtbot: QtBot, window: MainWindow) -> None:
    stats_panel = window.vocab.stats
    assert stats_panel.stats is None  # counted only when in view
    window.vocab.tabs.setCurrentWidget(stats_panel)
    stats = stats_panel.stats
    assert stats is not None and stats.known_words == 0 and stats.total_words > 50
    first, count = stats.unknown_by_frequency[0]
    model = stats_panel.model
    assert (model.index(0, WORD).data(), model.index(0, TIMES).data()) == (first, str(count))
    # the pinyin read at the word's first occurrence and its meanings, as "Add" saves them
    token = next(t for t in window.view.tokens if window.word_keys.get(t.text) == first)
    entry = window.dictionary.entry(token.entry_ids[0])
    assert model.index(0, PINYIN).data() == pinyin_marks(" ".join(token.readings))
    assert model.index(0, MEANING).data() == entry.senses[0].gloss
    tooltip = model.index(0, MEANING).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "; ".join(s.gloss for s in entry.senses)
    row_of = {model.index(r, WORD).data(): r for r in range(model.rowCount())}
    assert model.index(row_of["银行"], PINYIN).data() == "yínháng"
    rect = stats_panel.table.visualRect(model.index(0, ADD_COLUMN))
    qtbot.mouseClick(stats_panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.writer.wait()
    article_id = window.article_id
    assert article_id is not None
    own = window.store.vocab.list_for_article(article_id)
    assert [w.simplified for w in window.store.vocab.words(own)] == [first]
    assert first not in stats_panel.unknown_words()
    # marking the commonest word known raises % known in the panel and the library, whose
    # rows change in place (the article selected there stays selected)
    other = next(i.id for i in window.store.articles.all() if i.id != article_id)
    window.library.select(other)
    window.vocab.set_status(WordStatus.KNOWN, first)
    window.writer.wait()
    assert window.library.selected_ids() == [other]
    after = stats_panel.stats
    assert after is not None and after.known_words == count
    row = window.library.model.row_of(article_id)
    assert row is not None
    shown = window.library.model.index(row, 3).data()
    assert shown == f"{after.percent_known:.0f}"


def test_panel_delete_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    window.vocab.add_all_unknown()  # counts the statistics first (not in view)
    window.writer.wait()
    unknown = window.store.vocab.words(window.vocab.panel.list_id() or 0)
    assert [w.simplified for w in unknown] == window.vocab.stats.unknown_words()
    assert len(unknown) > 10 and {w.status for w in unknown} == {WordStatus.LEARNING_1}
    window.vocab.panel.table.selectAll()
    window.vocab.panel.delete_selected()
    window.writer.wait()
    assert window.vocab.panel.model.words == []
    two = [w.simplified for w in unknown[:2]]
    with qtbot.waitSignal(window.vocab.words_added) as added:
        window.vocab.add_words(two)
    assert added.args is not None and len(added.args[0]) == 2
    window.writer.wait()  # the panel's read of the list
    panel = window.vocab.panel
    removed = panel.model.words[0].simplified
    panel.select_word(removed)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    window.writer.wait()
    assert removed not in [w.simplified for w in panel.model.words]
    undo = window.vocab.history.undo_action
    assert undo.text() == f"&Undo Remove {removed}" and undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()  # Edit ▸ Undo (a window shortcut: the offscreen test window is not active)
    window.writer.wait()
    assert sorted(w.simplified for w in panel.model.words) == sorted(two)


def test_a_long_pinyin_does_not_push_the_columns_out(qtbot: QtBot, window: MainWindow) -> None:
    window.vocab.add_all_unknown()
    window.writer.wait()
    panel = window.vocab.panel
    list_id = panel.list_id()
    assert list_id is not None
    long = "zhong1 hua2 ren2 min2 gong4 he2 guo2 guo2 wu4 yuan4"
    window.store.vocab.add_words([NewWord("中华人民共和国国务院", pinyin=long)], list_id)
    panel.refresh()
    window.vocab_dock.raise_()  # its tab in front of the word panel's
    window.resizeDocks([window.vocab_dock], [420], Qt.Orientation.Horizontal)
    table = panel.table
    qtbot.waitUntil(lambda: 0 < table.viewport().width() < 420)
    assert table.columnWidth(VOCAB_PINYIN) < table.fontMetrics().horizontalAdvance(
        pinyin_marks(long)
    )
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()  # status, HSK and date stay in view


def test_sentence_around_ends_at_sentence_marks(window: MainWindow) -> None:
    tokens = window.view.tokens
    index = next(i for i, t in enumerate(tokens) if t.text == "银行")
    sentence = sentence_around(tokens, index)
    assert "。" not in sentence[:-1] and "\n" not in sentence
    # the seed page's first 银行 (read there): "2023年 4月，西部地区 22家地方法人银行、13家
    # 外资银行在渝机构等57家金融机构，……和金融服务体系。", a paragraph's first sentence
    assert sentence.startswith("2023年") and "地方法人银行、13家外资银行在渝机构" in sentence
    assert sentence.endswith("覆盖陆海新通道沿线地区和国家全域的市场交易网络和金融服务体系。")


def test_a_key_adds_the_current_word_and_shift_a_the_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.view
    index = next(i for i, t in enumerate(view.tokens) if t.text == "银行")
    view.set_current(view.tokens[index].start)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A)
    window.writer.wait()
    article_id = window.article_id
    assert article_id is not None
    own = window.store.vocab.list_for_article(article_id)
    assert [w.simplified for w in window.store.vocab.words(own)] == ["银行"]
    token = view.tokens[index]
    view.selection = (token.start - 6, token.end + 8)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    window.writer.wait()
    qtbot.keyRelease(view, Qt.Key.Key_Shift)  # Qt keeps Shift "held" until an event says not
    after = [w.simplified for w in window.store.vocab.words(own)]
    expected = {
        t.text
        for t in view.tokens
        if t.start < token.end + 8 and t.end > token.start - 6 and is_collectable(t)
    }
    assert after[0] == "银行" and set(after) == expected and len(after) == len(expected) > 2


def test_panel_filters_status_change_move_and_notes(qtbot: QtBot, window: MainWindow) -> None:
    vocab = window.vocab
    vocab.tabs.setCurrentWidget(vocab.stats)
    words = vocab.stats.unknown_words()
    vocab.add_words(words[:4])
    window.writer.wait()
    panel = vocab.panel
    vocab.tabs.setCurrentWidget(panel)
    assert [w.simplified for w in panel.model.words] == words[:4]
    # status from the list: the text is re-marked at once
    first = panel.model.words[0].simplified
    panel.select_word(first)
    panel.set_status(WordStatus.KNOWN)
    window.writer.wait()
    assert window.view.statuses[first] == int(WordStatus.KNOWN)
    panel.status_filter.setCurrentText("Known")
    window.writer.wait()  # the words of the list read anew
    assert [w.simplified for w in panel.model.words] == [first]
    panel.status_filter.setCurrentText("Not known yet")
    window.writer.wait()  # the words of the list read anew
    assert [w.simplified for w in panel.model.words] == words[1:4]
    panel.status_filter.setCurrentText("Any status")
    window.writer.wait()  # the words of the list read anew
    level = window.vocab._hsk(words[1])
    panel.hsk_filter.setCurrentIndex(panel.hsk_filter.findData(level if level else 0))
    window.writer.wait()  # the words of the list read anew
    assert words[1] in [w.simplified for w in panel.model.words]
    assert all(window.vocab._hsk(w.simplified) == level for w in panel.model.words)
    panel.hsk_filter.setCurrentIndex(0)
    window.writer.wait()  # the words of the list read anew
    panel.date_filter.setCurrentText("Today")
    window.writer.wait()  # the words of the list read anew
    assert len(panel.model.words) == 4
    panel.date_filter.setCurrentText("Any date")
    window.writer.wait()  # the words of the list read anew
    # sort by Hanzi through the header
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [w.simplified for w in panel.model.words] == sorted(words[:4], reverse=True)
    # notes
    panel.select_word(words[2])
    panel.notes.setPlainText("seen on the bus")
    panel.save_notes()
    window.writer.wait()
    [kept] = [w for w in panel.model.words if w.simplified == words[2]]
    assert kept.notes == "seen on the bus"
    # move to another list
    other = window.store.vocab.create_list("Review")
    panel.refresh()
    window.writer.wait()  # the words of the list read anew
    panel.select_word(words[2])
    panel.transfer(other, move=True)
    window.writer.wait()
    assert words[2] not in [w.simplified for w in panel.model.words]
    assert [w.simplified for w in window.store.vocab.words(other)] == [words[2]]
    assert window.store.vocab.words(other)[0].notes == "seen on the bus"


def test_senses_lists_and_collecting_into_a_chosen_list(qtbot: QtBot, window: MainWindow) -> None:
    vocab = window.vocab
    panel = vocab.panel
    vocab.add_words(["银行"])
    window.writer.wait()
    panel.select_word("银行")
    [word] = panel.selected_words()
    glosses = [panel.senses.item(i).text() for i in range(panel.senses.count())]
    assert list(word.senses) == glosses[: len(word.senses)] and len(glosses) >= len(word.senses)
    panel.senses.item(0).setCheckState(Qt.CheckState.Unchecked)  # keep the others only
    window.writer.wait()
    assert window.store.vocab.word(word.id).senses == tuple(glosses[1 : len(word.senses)])
    # a list of one's own collects the next words
    mine = window.store.vocab.create_list("HSK review")
    panel.refresh(show_list=mine)
    panel.collect_here.setChecked(True)
    assert vocab.target_list_id == mine
    other = next(t.text for t in window.view.tokens if t.entry_ids and t.text != "银行")
    vocab.add_words([other])
    window.writer.wait()
    assert len(window.store.vocab.words(mine)) == 1
    # deleting the list is a word action: Edit ▸ Undo puts it back with its word, Redo
    # deletes it again, in order with the add before it
    history = vocab.history
    panel.delete_list()
    window.writer.wait()
    assert mine not in [wl.id for wl in window.store.vocab.lists()]
    assert history.undo_action.text() == "&Undo Delete the list “HSK review”"
    assert "Delete the list" in window.activity.text() and history.notice.isVisible()
    history.undo_action.trigger()
    window.writer.wait()
    assert [wl.word_count for wl in window.store.vocab.lists() if wl.id == mine] == [1]
    assert panel.list_id() == mine  # the list put back is the one shown
    history.redo_action.trigger()
    window.writer.wait()
    assert mine not in [wl.id for wl in window.store.vocab.lists()]
    history.undo_action.trigger()
    history.undo_action.trigger()  # the add of the word into it, done before the delete
    window.writer.wait()
    assert [wl.word_count for wl in window.store.vocab.lists() if wl.id == mine] == [0]


def test_mark_all_new_words_known_after_reading(
    qtbot: QtBot, window: MainWindow, told: Told
) -> None:
    vocab = window.vocab
    vocab.tabs.setCurrentWidget(vocab.stats)
    new_words = vocab.stats.unknown_words()
    learning, ignored = new_words[0], new_words[1]
    vocab.set_status(WordStatus.LEARNING_2, learning)
    window.writer.wait()
    vocab.set_status(WordStatus.IGNORED, ignored)
    window.writer.wait()
    told.answers = [False, True]
    assert vocab.mark_new_known() == 0
    assert window.store.vocab.status(new_words[2]) is WordStatus.NEW  # nothing changed
    qtbot.mouseClick(vocab.stats.known_all_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    assert [m.level for m in told.messages] == [Level.QUESTION, Level.QUESTION]
    assert f"Mark the {len(new_words) - 2:,} new words" in told.messages[-1].text
    statuses = window.store.vocab.statuses_for(new_words)
    assert statuses[learning] is WordStatus.LEARNING_2 and statuses[ignored] is WordStatus.IGNORED
    assert {statuses[w] for w in new_words[2:]} == {WordStatus.KNOWN}
    assert vocab.stats.unknown_words() == [] and not vocab.stats.known_all_button.isEnabled()
    token = next(t for t in window.view.tokens if window.word_keys.get(t.text) == new_words[2])
    assert window.view.statuses[token.text] == int(WordStatus.KNOWN)  # the marks follow
    article_id = window.article_id
    assert article_id is not None
    row = window.library.model.row_of(article_id)
    assert row is not None
    stats = vocab.stats.stats
    assert stats is not None and stats.percent_known > 90
    assert window.library.model.index(row, 3).data() == f"{stats.percent_known:.0f}"
    assert vocab.mark_new_known() == 0 and "No new words" in window.activity.text()


def test_word_actions_undo_and_redo_in_order(qtbot: QtBot, window: MainWindow) -> None:
    """A adds 银行 (and makes it Learning 1), K marks it known; Edit ▸ Undo takes back the
    status, then the add; Redo puts the add back. The Edit menu says what it would undo."""
    click_word(qtbot, window, "银行")
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    window.vocab.set_status(WordStatus.KNOWN)
    window.writer.wait()
    history = window.vocab.history
    assert window.store.vocab.status("银行") is WordStatus.KNOWN
    assert history.undo_action.text() == "&Undo Known 银行"
    assert history.notice.toolTip() == "Undo Known 银行 (Ctrl+Z)"  # the status bar's button
    history.undo_action.trigger()
    window.writer.wait()
    assert window.store.vocab.status("银行") is WordStatus.LEARNING_1
    assert history.undo_action.text() == "&Undo Add 银行"
    history.undo_action.trigger()
    window.writer.wait()
    assert window.store.vocab.status("银行") is WordStatus.NEW
    assert window.store.vocab.lists_holding("银行") == {}
    assert window.vocab.panel.model.words == []
    history.redo_action.trigger()
    window.writer.wait()
    [held] = window.store.vocab.lists_holding("银行").values()
    assert held.startswith("Words from")
    assert window.store.vocab.status("银行") is WordStatus.LEARNING_1
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert isinstance(edit_menu, QMenu)
    assert edit_menu.actions()[:2] == [history.undo_action, history.redo_action]


def _fits(button: QPushButton) -> bool:
    return button.fontMetrics().horizontalAdvance(button.text()) < button.width()


def test_the_popup_and_the_word_tab_show_the_word_in_its_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Before: "+ Add to “Words from …”" and the status box; after A: one button,
    ``✓ In “Words from …” · Learning 1``, in the popup and in the side panel's Word tab,
    following status keys, undo and redo at once; its menu sets a status or removes it."""
    vocab = window.vocab
    popup, panel = vocab.popup_state, vocab.panel_state
    click_word(qtbot, window, "银行")
    qtbot.waitUntil(lambda: window.lookup.panel_lookup is not None, timeout=3000)
    article_id = window.article_id
    assert article_id is not None
    name = f"Words from {window.store.articles.info(article_id).title}"
    for state in (popup, panel):
        assert not state.in_list and state.add_button.toolTip() == f"+ Add to “{name}” (A or Enter)"
        assert state.status_box.isVisibleTo(state)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    window.writer.wait()
    for state in (popup, panel):
        button = state.state_button
        assert state.in_list and not state.add_button.isVisibleTo(state)
        assert button.full_text() == f"✓ In “{name}” · Learning 1"
        # elided to the room there is once laid out: the name gives way, the status stays
        qtbot.waitUntil(partial(_fits, button), timeout=3000)
        assert button.text().startswith("✓ In “") and button.text().endswith("” · Learning 1")
    assert "…" in popup.state_button.text()  # the popup is narrower than the name
    qtbot.keyClick(window.view, Qt.Key.Key_K)
    window.writer.wait()
    assert popup.state_button.full_text().endswith("· Known")
    assert panel.state_button.full_text().endswith("· Known")
    assert popup.status_actions[WordStatus.KNOWN].isChecked()
    vocab.history.undo_action.trigger()
    window.writer.wait()
    assert popup.state_button.full_text().endswith("· Learning 1")
    vocab.history.undo_action.trigger()  # the add
    window.writer.wait()
    assert not popup.in_list and not panel.in_list
    vocab.history.redo_action.trigger()
    window.writer.wait()
    assert popup.in_list and panel.in_list
    # the menu: a status, then out of the list (undoable like the rest)
    panel.status_actions[WordStatus.LEARNING_3].trigger()
    window.writer.wait()
    assert window.store.vocab.status("银行") is WordStatus.LEARNING_3
    assert popup.state_button.full_text().endswith("· Learning 3")
    assert popup.remove_action.text() == f"Remove from “{name}”"
    popup.remove_action.trigger()
    window.writer.wait()
    assert window.store.vocab.lists_holding("银行") == {}
    assert not popup.in_list and not panel.in_list
    assert vocab.history.undo_action.text() == "&Undo Remove 银行"
    vocab.history.undo_action.trigger()
    window.writer.wait()
    assert popup.in_list and "银行" in [w.simplified for w in vocab.panel.model.words]


def test_a_class_list_reaches_the_view_and_the_export(qtbot: QtBot, window: MainWindow) -> None:
    click_word(qtbot, window, "银行")
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    panel = window.vocab.panel
    assert "银行" not in window.view.class_words
    panel.class_action.trigger()  # List ▸ Taught to the class
    window.writer.wait()
    assert "银行" in window.view.class_words  # no pinyin there under "outside the lists"
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = window.list_export.dialog
    assert dialog is not None and dialog.word_list.id == panel.list_id()
    dialog.reject()


def test_the_class_report_makes_a_list_of_the_words_outside(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_word(qtbot, window, "银行")
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    window.vocab.panel.class_action.trigger()
    window.writer.wait()
    dialog = window.vocab.show_class_report()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("Words from")
    off_list = [w.word for w in dialog.report.words]
    assert "银行" not in off_list and len(off_list) > 10
    dialog.table.selectRow(0)
    assert dialog.make_list("Pre-teach")
    window.writer.wait()
    [made] = [w for w in window.store.vocab.lists() if w.name == "Pre-teach"]
    [word] = window.store.vocab.words(made.id)
    assert word.simplified == off_list[0] and word.sentence  # with its example
    assert window.vocab.history.undo_action.text().startswith("&Undo Add")


def test_a_class_list_of_hsk_levels_made_in_the_app(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """List ▸ New class list of HSK levels…: the words of HSK 3.0 levels 1-3 with their
    readings and senses, marked as taught; "pinyin over words outside the class lists"
    then leaves them bare."""
    from reader.core import class_lists

    threads: list[threading.Thread] = []

    def hsk_words(top: int, dictionary: Dictionary) -> list[NewWord]:
        threads.append(threading.current_thread())
        return words_of(top, dictionary)

    words_of = class_lists.hsk_words
    monkeypatch.setattr(class_lists, "hsk_words", hsk_words)
    vocab = window.store.vocab
    window.vocab.make_hsk_list(3)
    qtbot.waitUntil(lambda: any(w.name == "HSK 1-3" for w in vocab.lists()), timeout=30000)
    window.writer.wait()
    assert threads and threads[0] is not threading.main_thread()  # not while the window waits
    [made] = [w for w in vocab.lists() if w.name == "HSK 1-3"]
    expected = class_lists.hsk_list("hsk3")
    assert expected is not None and made.word_count == len(expected)
    assert vocab.class_list_ids() == {made.id}
    bank = next(w for w in vocab.words(made.id) if w.simplified == "银行")
    assert bank.pinyin == "yin2 hang2" and any("bank" in s for s in bank.senses)
    assert "银行" in window.view.class_words
    assert window.vocab.panel.list_id() == made.id


def test_an_hsk_list_that_cannot_be_made_says_so(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import class_lists

    def broken(_top: int, _dictionary: Dictionary) -> list[NewWord]:
        raise OSError("the HSK table is missing")

    monkeypatch.setattr(class_lists, "hsk_words", broken)
    failed: list[str] = []
    window.messages.failed.connect(failed.append)
    window.vocab.make_hsk_list(2)
    qtbot.waitUntil(lambda: bool(failed), timeout=30000)
    assert failed == ["HSK 1-2 could not be made: the HSK table is missing"]
    assert window.activity.text() == failed[0]
    assert not any(w.name.startswith("HSK") for w in window.store.vocab.lists())


def _make_hsk_1(qtbot: QtBot, window: MainWindow) -> int:
    vocab = window.store.vocab
    window.vocab.make_hsk_list(1)
    qtbot.waitUntil(lambda: any(w.name == "HSK 1" for w in vocab.lists()), timeout=30000)
    window.writer.wait()
    [made] = [w.id for w in vocab.lists() if w.name == "HSK 1"]
    return made


@pytest.mark.parametrize("collect_in_mine", [False, True])
def test_a_class_list_made_is_shown_and_add_still_fills_the_same_list(
    qtbot: QtBot, window: MainWindow, collect_in_mine: bool
) -> None:
    """The HSK list made is the one shown, whole; the list Add fills stays what it was (the
    article's own, or the one chosen with "Collect new words here", still ticked)."""
    vocab, panel = window.vocab, window.vocab.panel
    mine = window.store.vocab.create_list("Mine")
    if collect_in_mine:
        panel.refresh(show_list=mine)
        panel.collect_here.setChecked(True)
    made = _make_hsk_1(qtbot, window)
    assert panel.list_id() == made
    shown = [w.simplified for w in panel.model.words]
    assert shown == [w.simplified for w in window.store.vocab.words(made)] and len(shown) > 100
    assert panel.count_label.text() == f"{len(shown)} shown"
    assert panel.collect_here.isChecked() is collect_in_mine
    assert vocab.target_list_id == (mine if collect_in_mine else None)
    other = next(t.text for t in window.view.tokens if t.entry_ids and t.text != "银行")
    vocab.add_words([other])
    window.writer.wait()
    lists = window.store.vocab.lists()
    own = [w.id for w in lists if w.article_id == window.article_id]
    target = mine if collect_in_mine else own[0]
    assert len(own) == (0 if collect_in_mine else 1)  # made by the add, when it fills it
    assert set(window.store.vocab.lists_holding(other)) - {made} == {target}
    assert panel.list_id() == target  # the list it went to is shown
    assert other in [w.simplified for w in panel.model.words]


def test_the_lists_panel_reads_words_off_the_ui_thread_and_shows_the_last_asked(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big list's words are read on the writer's thread; refreshes asked for while one is
    read end in one more read, of the list asked for last."""
    from reader.core.store.vocab import Vocab

    vocab = window.store.vocab
    first, second = vocab.create_list("First"), vocab.create_list("Second")
    words = [t.text for t in window.view.tokens if t.entry_ids][:3]
    window.vocab.panel.refresh(show_list=first)
    window.vocab.panel.collect_here.setChecked(True)
    window.vocab.add_words(words[:1])
    window.writer.wait()
    boxes = window.vocab.panel.lists
    boxes.setCurrentIndex(boxes.findData(second))  # chosen in the box: Add fills it now
    window.vocab.add_words(words[1:3])
    window.writer.wait()
    threads: list[threading.Thread] = []
    read = Vocab.words

    def words_of(self: Vocab, list_id: int, **filters: object) -> object:
        threads.append(threading.current_thread())
        return read(self, list_id, **filters)  # type: ignore[arg-type]

    monkeypatch.setattr(Vocab, "words", words_of)
    panel = window.vocab.panel
    panel.refresh(show_list=first)
    panel.refresh(show_list=second)
    panel.refresh(show_list=first)
    assert panel.list_id() == first  # the box follows at once
    window.writer.wait()
    assert [w.simplified for w in panel.model.words] == words[:1]
    assert panel.count_label.text() == "1 shown"
    assert len(threads) == 2 and threading.main_thread() not in threads
