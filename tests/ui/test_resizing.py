"""A long article's resize: the lines in view are broken at once, the whole in slices
between events; what is shown does not move when the whole arrives, and anything that
needs a line out of view gets the whole at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.ui.article_view.layout import ArticleLayout
from reader.ui.article_view.typesetting import BACKGROUND_CHARS
from reader.ui.article_view.widget import ArticleView

SENTENCE = ("他们", "在", "银行", "门口", "见面", "了", "。")
PARAGRAPH = "".join(SENTENCE) * 9 + "\n"  # some five lines of a 640-pixel view


def long_article(length: int) -> tuple[str, list[Token]]:
    tokens: list[Token] = []
    paragraphs = length // len(PARAGRAPH) + 1
    for paragraph in range(paragraphs):
        at = paragraph * len(PARAGRAPH)
        for _ in range(9):
            for word in SENTENCE:
                kind = TokenKind.PUNCT if word == "。" else TokenKind.WORD
                tokens.append(Token(at, word, kind, ("x1",) * len(word) if word != "。" else ()))
                at += len(word)
        tokens.append(Token(at, "\n", TokenKind.SPACE))
    return PARAGRAPH * paragraphs, tokens


def lines(layout: ArticleLayout) -> tuple[list[int], list[int], list[float], float]:
    return list(layout.line_starts), list(layout.line_ends), list(layout.line_tops), layout.height


def a_long_article_at(qtbot: QtBot, char: int, title: str = "银行") -> ArticleView:
    """A view 900 wide showing a long article whole under ``title``, ``char`` at the top."""
    text, tokens = long_article(BACKGROUND_CHARS + 30_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_article(text, tokens, title)
    view.show()
    qtbot.waitUntil(lambda: view.layout_ is not None and len(view.layout_.text) == len(text))
    view.scroll_to_char(char)
    return view


def test_the_lines_in_view_are_laid_out_at_once_and_stay_put(qtbot: QtBot) -> None:
    view = a_long_article_at(qtbot, 80_000)
    layout = view.layout_
    assert layout is not None
    position = view.reading_position()
    view.resize(640, 700)
    assert view.relaying_out and layout.line_count < 100  # only the lines around it
    assert view.reading_position() == position
    shown = view.viewport().grab().toImage()
    qtbot.waitUntil(lambda: not view.relaying_out)
    assert view.layout_ is layout and layout.line_count > 5_000
    assert view.reading_position() == position
    assert view.viewport().grab().toImage() == shown  # the whole arrived: nothing moved
    laid_out = lines(layout)
    assert view.title_layout is not None
    layout.relayout(view.column()[1], view.title_layout.height)  # at once, as before
    assert lines(layout) == laid_out


def test_a_line_out_of_view_or_a_scroll_gets_the_whole_at_once(qtbot: QtBot) -> None:
    view = a_long_article_at(qtbot, 80_000)
    assert view.layout_ is not None
    view.resize(640, 700)
    assert view.relaying_out
    view.ensure_visible(1_000)  # Find, read aloud, the keys: far from the lines in view
    assert not view.relaying_out and view.layout_.line_count > 5_000
    assert view.viewport().rect().contains(view.char_rect(1_000).center())
    view.resize(800, 700)
    assert view.relaying_out
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + 5_000)  # a drag of the scroll bar
    assert not view.relaying_out and view.layout_.line_count > 5_000
    assert (
        abs(view.layout_.line_tops[view.layout_.line_of_char(view.top_char())] - bar.value()) < 100
    )


def test_a_resize_that_keeps_the_column_lays_out_nothing(qtbot: QtBot) -> None:
    view = a_long_article_at(qtbot, 50_000)
    assert view.layout_ is not None
    starts = view.layout_.line_starts
    view.resize(900, 500)
    assert not view.relaying_out and view.layout_.line_starts is starts


def test_at_the_top_the_text_stays_under_a_title_of_more_lines(qtbot: QtBot) -> None:
    view = a_long_article_at(qtbot, 0, "他们在银行门口见面了" * 2)
    assert view.title_layout is not None and view.title_layout.line_count == 1
    view.resize(640, 700)
    assert view.relaying_out and view.title_layout.line_count == 2
    assert view.layout_ is not None and view.layout_.line_tops[0] == view.title_layout.height
    shown = view.viewport().grab().toImage()
    qtbot.waitUntil(lambda: not view.relaying_out)
    assert view.viewport().grab().toImage() == shown
