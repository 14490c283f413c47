"""The title is typeset as the text is (pinyin over its words) and its words are looked up,
added and given a status like the text's (their sentence: the title)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.tokens import Token, TokenKind
from reader.core.store import NewArticle
from reader.ui.article_view.model import provisional_tokens
from reader.ui.article_view.widget import ArticleView
from reader.ui.corrections import ReadingDialog
from reader.ui.main_window import MainWindow
from tests.ui.test_launch import analysed_article, launched
from tests.ui.test_reader_window import (  # noqa: F401 (the fixture)
    show_article_with,
    wait_for_pinyin,
    window,
)
from tests.ui.test_reading_fix_ui import readings_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def title_word(shown: MainWindow, length: int = 2) -> int:
    """The index of the title's first dictionary word of ``length`` characters."""
    view = shown.view
    return next(
        i
        for i, t in enumerate(view.tokens)
        if t.start > view.body_length and t.kind is TokenKind.WORD and len(t.text) == length
    )


def show_titled_article(qtbot: QtBot, shown: MainWindow) -> tuple[int, str]:
    """Show the seed's article with 大足石刻; its id and title."""
    show_article_with(qtbot, shown, "大足石刻")
    article_id = shown.article_id
    assert article_id is not None
    return article_id, shown.store.articles.info(article_id).title


def analysed_title_word(qtbot: QtBot, shown: MainWindow) -> tuple[int, Token]:
    """The title's first two-character word, once the title has its analysis: its index
    and token."""
    view = shown.view
    qtbot.waitUntil(lambda: any(t.readings for t in view.tokens[title_word(shown) :]))
    index = title_word(shown)
    return index, view.tokens[index]


def titled_view(qtbot: QtBot, text: str, title: str) -> ArticleView:
    """A view shown with ``text`` under ``title``, one token per character."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.set_article(text, provisional_tokens(text), title)
    return view


def click_char(qtbot: QtBot, shown: MainWindow, char: int) -> None:
    view = shown.view
    view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    rect = view.char_rect(char)
    center = rect.center() + QPoint(0, rect.height() // 4)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_the_title_has_pinyin_over_its_words_typeset_as_the_text(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture)
) -> None:
    _article_id, title = show_titled_article(qtbot, window)
    view = window.view
    assert view.title == title and view.text.endswith("\n" + title)
    layout = view.title_layout
    assert layout is not None and layout.text == title
    _index, token = analysed_title_word(qtbot, window)
    local = token.start - view.body_length - 1
    # the word's pinyin, joined, is drawn over it, as over the text's words
    pieces = {
        i: piece for line in range(layout.line_count) for i, _x, piece in layout.line_rubies(line)
    }
    assert pieces[local] and local + 1 in pieces
    assert layout.rubies[local] and layout.rubies[local + 1]
    # the characters of a word sit at the title font's advance, one after the other
    advance = view.title_metrics.char_advance(title[local])
    assert layout.char_x(local + 1) - layout.char_x(local) == pytest.approx(advance)
    assert advance > view.metrics.char_advance(title[local])  # a heading: larger
    # the title sits above the text, which keeps its own offsets
    assert view.layout_ is not None and layout.height <= view.layout_.line_tops[0]
    assert view.char_rect(token.start).bottom() <= view.char_rect(0).top()


def test_a_click_on_a_title_word_opens_its_entry_and_add_keeps_the_title(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture)
) -> None:
    article_id, title = show_titled_article(qtbot, window)
    index, token = analysed_title_word(qtbot, window)
    click_char(qtbot, window, token.start + 1)  # its second character: the whole word
    popup = window.popup
    assert popup.isVisible() and popup.token_index == index
    assert popup.lookup is not None and popup.lookup.word == token.text
    assert token.text in popup.browser.toPlainText()
    qtbot.waitUntil(lambda: window.lookup.word_panel.toPlainText().startswith(token.text))
    qtbot.mouseClick(window.vocab.popup_state.add_button, Qt.MouseButton.LeftButton)
    window.writer.wait()
    own = window.store.vocab.list_for_article(article_id)
    assert own is not None
    [word] = window.store.vocab.words(own)
    assert word.simplified == token.text
    assert word.full_sentence == title.strip()


def test_a_reading_fixed_on_a_title_word_is_shown_over_title_and_text(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture)
) -> None:
    article = window.store.articles.add(NewArticle("银行的故事", "他去银行取钱。"))
    window.show_article(article)
    wait_for_pinyin(qtbot, window)
    view = window.view
    qtbot.waitUntil(lambda: readings_of(window, "银行") == [("yin2", "hang2")] * 2)
    in_title = view.text.rindex("银行")
    assert in_title > view.body_length
    view.set_current(in_title)
    window.actions_by_name["fix_reading"].trigger()
    dialog = window.segmentation.reading_dialog
    assert isinstance(dialog, ReadingDialog) and dialog.field.text() == "yín háng"
    dialog.field.setText("yin2 hàng")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: readings_of(window, "银行") == [("yin2", "hang4")] * 2, timeout=30000)
    assert view.title_layout is not None
    assert "hàng" in view.title_layout.rubies
    window.close()


def test_an_article_shown_from_its_stored_analysis_gets_its_titles_pinyin(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    """The title's analysis is not stored: at launch the title waits for the analyser,
    its ruby band already reserved (the text under it does not move)."""
    analysed_article(data_dir, analyzer)
    opened = launched(qtbot, data_dir)
    view = opened.view
    assert view.title == "银行" and view.layout_ is not None
    top = view.layout_.line_tops[0]
    title = view.tokens[-2:]
    assert [t.text for t in title] == ["银", "行"] and not any(t.readings for t in title)
    opened.show()
    opened.open_tools_after_paint()
    qtbot.waitUntil(lambda: view.tokens[-1].text == "银行", timeout=60000)
    assert view.tokens[-1].readings == ("yin2", "hang2")
    assert "银行" in opened.word_keys
    assert view.layout_.line_tops[0] == top
    opened.close()


def test_a_drag_over_the_title_selects_in_the_title(qtbot: QtBot) -> None:
    text, title = "他去银行取钱。", "银行的故事"
    view = titled_view(qtbot, text, title)
    start, end = view.char_rect(len(text) + 1), view.char_rect(len(text) + 3)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start.center())
    QTest.mouseMove(view.viewport(), end.center())
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end.center())
    assert view.selected_text() == "银行"  # not the text's first line under it
    text_start = view.char_rect(0).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=text_start)
    QTest.mouseMove(view.viewport(), view.char_rect(2).center())
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=view.char_rect(2).center())
    assert view.selected_text() == "他去"


def test_the_keys_go_through_the_title_before_the_text(qtbot: QtBot) -> None:
    text, title = "他去。", "银行"
    view = titled_view(qtbot, text, title)
    visited = []
    for _ in range(5):
        view.next_word()
        assert view.current_char is not None
        visited.append(view.text[view.current_char])
    assert visited == ["银", "行", "他", "去", "去"]  # the text's end: no further
    view.previous_word()
    view.previous_word()
    assert view.current_char is not None and view.text[view.current_char] == "行"
    view.previous_char()
    view.previous_char()  # the title's start: no further
    assert view.current_char == len(text) + 1


def test_the_titles_words_get_their_glosses_in_the_title(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    text = "他去。"
    body = [Token(0, "他", TokenKind.WORD, ("ta1",)), Token(1, "去", TokenKind.WORD, ("qu4",))]
    body.append(Token(2, "。", TokenKind.PUNCT))
    title = [Token(0, "银行", TokenKind.WORD, ("yin2", "hang2"))]
    view.set_article(text, body, "银行", title)
    view.set_glosser(lambda token: {"银行": "bank", "他": "he"}.get(token.text, ""))
    view.set_options(replace(view.options, glosses=True))
    assert view.title_layout is not None and view.layout_ is not None
    assert [gloss for _x, gloss in view.title_layout.line_glosses(0)] == ["bank"]
    assert [gloss for _x, gloss in view.layout_.line_glosses(0)] == ["he"]
    assert view.title_layout.rubies == ["yín", "háng"]


def as_typeset_anew(qtbot: QtBot, view: ArticleView) -> ArticleView:
    """Another view showing the same text, tokens and title, typeset from scratch."""
    fresh = ArticleView()
    qtbot.addWidget(fresh)
    fresh.resize(view.size())
    fresh.show()
    base = view.body_length + 1
    shown = view.tokens[len(view.body_tokens) + 1 :]
    title = [token._replace(start=token.start - base) for token in shown]
    fresh.set_article(view.article_text, view.body_tokens, view.title, title)
    qtbot.waitUntil(lambda: fresh.layout_ is not None and len(fresh.layout_.text) == base - 1)
    fresh.scroll_to_char(view.reading_position())
    return fresh


def assert_shown_alike(view: ArticleView, fresh: ArticleView) -> None:
    assert view.text == fresh.text and view.display_text == fresh.display_text
    assert view.tokens == fresh.tokens
    assert view._token_starts == fresh._token_starts
    assert (view._word_starts, view._word_ends) == (fresh._word_starts, fresh._word_ends)
    assert view.title_layout is not None and fresh.title_layout is not None
    assert view.layout_ is not None and fresh.layout_ is not None
    for mine, theirs in ((view.title_layout, fresh.title_layout), (view.layout_, fresh.layout_)):
        assert mine.text == theirs.text and mine.rubies == theirs.rubies
        assert list(mine.line_starts) == list(theirs.line_starts)
        assert list(mine.line_tops) == list(theirs.line_tops) and mine.height == theirs.height


def test_a_new_title_typesets_the_title_alone(qtbot: QtBot) -> None:
    """A rename: the text keeps its layout (not even its lines are broken again while the
    title keeps its height); what is shown is what typesetting it all anew shows."""
    text = "他们在银行门口见面了。" * 300
    view = titled_view(qtbot, text, "银行")
    view.scroll_to_char(1_500)
    layout = view.layout_
    assert layout is not None
    lines = layout.line_starts
    view.set_title("门口  见面")
    assert view.layout_ is layout and layout.line_starts is lines
    assert view.title == "门口 见面" and view.text == f"{text}\n门口 见面"
    assert view.reading_position() == 1_500
    assert_shown_alike(view, as_typeset_anew(qtbot, view))
    # the title's analysis arrives: the title alone again
    title = [Token(0, "门口", TokenKind.WORD, ("men2", "kou3")), Token(2, " ", TokenKind.SPACE)]
    title.append(Token(3, "见面", TokenKind.WORD, ("jian4", "mian4")))
    view.set_tokens(view.body_tokens, title)
    assert view.layout_ is layout and view.tokens[-1].start == len(text) + 4
    assert view.title_layout is not None and view.title_layout.rubies[:2] == ["mén", "kǒu"]
    assert_shown_alike(view, as_typeset_anew(qtbot, view))
    # a title of more lines: the text moves down below it, the reading position kept
    view.set_title("银行门口见面" * 8)
    assert view.layout_ is layout and view.title_layout.line_count > 1
    assert layout.line_tops[0] == view.title_layout.height
    assert view.reading_position() == 1_500
    assert_shown_alike(view, as_typeset_anew(qtbot, view))


def test_a_long_articles_new_title_is_not_typeset_on_the_worker(qtbot: QtBot) -> None:
    from tests.ui.test_resizing import a_long_article_at

    view = a_long_article_at(qtbot, 60_000)
    layout = view.layout_
    view.set_title("银行门口见面" * 8)  # more lines: the text's lines move down, in slices
    assert view.layout_ is layout and not view._typesetter.busy
    qtbot.waitUntil(lambda: not view.relaying_out)
    assert view.reading_position() == 60_000
    assert_shown_alike(view, as_typeset_anew(qtbot, view))


def test_renaming_the_open_article_shows_its_new_title_with_pinyin(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture)
) -> None:
    article_id, _title = show_titled_article(qtbot, window)
    view = window.view
    layout = view.layout_
    window.library.rename(article_id, "银行的故事")
    qtbot.waitUntil(lambda: view.title == "银行的故事" and view.tokens[-1].text == "故事")
    assert view.tokens[-1].readings  # the new title analysed
    assert view.layout_ is layout  # the text was not typeset again
    assert window.windowTitle().startswith("银行的故事")
    assert view.title_layout is not None and "yín" in view.title_layout.rubies
