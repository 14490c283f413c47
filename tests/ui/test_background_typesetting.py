"""A long article is typeset on a worker thread: its first pages show at once, the whole
arrives later and is the layout the view would have made itself; an option change keeps
what is shown until the new layout is ready."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QPaintEvent
from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.ui.article_view import typesetting, widget
from reader.ui.article_view.model import (
    DisplayOptions,
    PinyinForm,
    ProvisionalTokens,
    provisional_tokens,
)
from reader.ui.article_view.typesetting import BACKGROUND_CHARS, Request, typeset
from reader.ui.article_view.widget import ArticleView

LINE = "他们在银行门口见面了。\n"
READINGS = {"他们": ("ta1", "men5"), "在": ("zai4",), "银行": ("yin2", "hang2")}


def long_article(length: int) -> tuple[str, list[Token]]:
    tokens: list[Token] = []
    lines = length // len(LINE) + 1
    for line in range(lines):
        at = line * len(LINE)
        for word in ("他们", "在", "银行", "门口", "见面", "了"):
            tokens.append(Token(at, word, TokenKind.WORD, READINGS.get(word, ("x1",) * len(word))))
            at += len(word)
        tokens.append(Token(at, "。", TokenKind.PUNCT))
        tokens.append(Token(at + 1, "\n", TokenKind.SPACE))
    return LINE * lines, tokens


def whole(view: ArticleView) -> bool:
    """The whole text typeset, and laid out whole at the view's width (a width that
    changed while the worker typeset is laid out again in slices)."""
    laid_out = view.layout_ is not None and len(view.layout_.text) == view.body_length
    return laid_out and not view.relaying_out


def test_a_long_article_shows_its_first_pages_then_the_whole(qtbot: QtBot) -> None:
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    title = [Token(0, "银行", TokenKind.WORD, READINGS["银行"]), Token(2, "门口", TokenKind.WORD)]
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_article(text, tokens, "银行门口", title)
    assert view.layout_ is not None and view.title_layout is not None
    assert len(view.layout_.text) < len(text) // 4  # the first pages, typeset at once
    assert len(view.body_tokens) < len(tokens)
    # the title is shown whole, its words at their offsets in the view's text
    assert view.title_layout.text == "银行门口"
    assert view.tokens[-2].start == len(text) + 1 and view.tokens[-2].text == "银行"
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    assert view.body_tokens == tokens
    assert view.tokens[len(tokens) + 1 :] == [
        title[0]._replace(start=len(text) + 1),
        title[1]._replace(start=len(text) + 3),
    ]
    by_itself = typeset(
        Request(
            view.text,
            view.body_length,
            tokens,
            title,
            view.options,
            {},
            lambda _w: None,
            frozenset(),
            view.metrics,
            view.title_metrics,
            view.layout_.width,
            view.text,
        )
    )
    assert list(view.layout_.line_starts) == list(by_itself.layout.line_starts)
    assert list(view.layout_.prefix) == list(by_itself.layout.prefix)
    assert by_itself.title_layout is not None
    assert view.title_layout.rubies == by_itself.title_layout.rubies == ["yín", "háng", "", ""]
    assert view.title_layout.height == by_itself.title_layout.height > 0
    # the text is laid out below the title
    assert view.layout_.line_tops[0] == by_itself.layout.line_tops[0] >= view.title_layout.height
    # an option change: the old layout stays until the new one arrives
    shown = view.layout_
    view.set_options(DisplayOptions(pinyin=PinyinForm.NUMBERS))
    assert view.layout_ is shown
    qtbot.waitUntil(lambda: view.layout_ is not shown, timeout=60_000)
    assert view.layout_.rubies[3:5] == ["yin2", "hang2"]


def test_a_short_article_is_typeset_at_once(qtbot: QtBot) -> None:
    text, tokens = long_article(2_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(text, tokens, "short")
    assert whole(view) and view.body_tokens == tokens
    assert view.title_layout is not None and view.title_layout.text == "short"
    assert typesetting.FIRST_PAGES_CHARS < BACKGROUND_CHARS


def test_a_shown_long_article_is_painted_in_bands_before_the_worker_starts_and_keeps_its_place(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint of a new long article draws at most ``NEW_STRINGS_PER_PAINT`` strings
    never drawn before, the lines below it in the paints that follow; the worker typesets
    the whole only once the first pages are painted (it would halve their paint's speed);
    a reading position beyond the first pages is where the view stands once it is done."""
    monkeypatch.setattr(widget, "NEW_STRINGS_PER_PAINT", 15)
    happened: list[tuple[str, QRect]] = []
    paint, spawn = ArticleView.paintEvent, typesetting.BackgroundTypesetter._spawn

    def painting(view: ArticleView, event: QPaintEvent) -> None:
        happened.append(("paint", QRect(event.rect())))
        paint(view, event)

    def spawning(typesetter: typesetting.BackgroundTypesetter, *args: object) -> None:
        happened.append(("worker", QRect()))
        spawn(typesetter, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleView, "paintEvent", painting)
    monkeypatch.setattr(typesetting.BackgroundTypesetter, "_spawn", spawning)
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    happened.clear()
    view.set_article(text, tokens, "银行门口")
    position = 60_000  # beyond the first pages: the position restored as the app opens it
    view.scroll_to_char(position)
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    kinds = [kind for kind, _rect in happened]
    assert "worker" in kinds
    first = happened[: kinds.index("worker")]
    bands = [rect for kind, rect in first]
    assert len(bands) >= 2  # the screen in bands, each further down
    assert all(a.top() < b.top() for a, b in itertools.pairwise(bands))
    assert bands[-1].bottom() == view.viewport().height() - 1
    assert view.reading_position() == position
    layout = view.layout_
    assert layout is not None
    assert view.top_char() == layout.line_starts[layout.line_of_char(position)]


def test_provisional_tokens_made_as_they_are_read_are_the_characters_tokens(
    qtbot: QtBot,
) -> None:
    """`ProvisionalTokens` (what the window opens an article with) reads as the list of one
    token per character, and a long article shown with them is typeset whole from them."""
    text = "他们在银行 ok，\n好。"
    lazy, made = ProvisionalTokens(text), provisional_tokens(text)
    assert len(lazy) == len(made) == len(text)
    assert list(lazy) == made
    assert [lazy[i] for i in range(len(text))] == made
    assert lazy[-1] == made[-1] and lazy[2:6] == made[2:6] and lazy[::3] == made[::3]
    assert [t.kind for t in made[3:8]] == [TokenKind.UNKNOWN] * 2 + [TokenKind.SPACE] + [
        TokenKind.LATIN
    ] * 2
    long_text, _tokens = long_article(BACKGROUND_CHARS + 10_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(long_text, ProvisionalTokens(long_text), "银行门口")
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    assert view.body_tokens == provisional_tokens(long_text)


def test_a_long_article_keeps_its_look_until_the_layout_at_a_new_size_arrives(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker typesets a long article at a new font size, the layout shown is
    painted in the fonts it was typeset in (in the new ones its characters overlapped)."""
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_article(text, tokens, "银行门口")
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    before = view.grab().toImage()
    monkeypatch.setattr(typesetting.BackgroundTypesetter, "_spawn", lambda *_args: None)
    view.set_font_size(view.options.font_size + 6)  # the worker is held: the old layout stays
    assert view.grab().toImage() == before


def test_the_analysis_of_a_long_article_shows_its_pinyin_at_once_where_the_reader_is(
    qtbot: QtBot,
) -> None:
    """The analysis arriving while the reader is in the first pages: they are typeset with
    it at once (the pinyin shows), the whole follows; further in, what is shown stays until
    the whole is typeset."""
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_article(text, ProvisionalTokens(text), "银行门口")
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    assert view.layout_ is not None and not any(view.layout_.rubies)
    view.set_tokens(tokens)
    layout = view.layout_
    assert layout is not None and len(layout.text) < len(text) // 4
    assert layout.rubies[:3] == ["tā", "men", "zài"]
    qtbot.waitUntil(lambda: whole(view), timeout=60_000)
    assert view.body_tokens == tokens and view.reading_position() == 0
    # further in: the layout shown stays (provisional) until the whole comes
    view.set_tokens(provisional_tokens(text))
    qtbot.waitUntil(lambda: whole(view) and view.tokens[0].readings == (), timeout=60_000)
    view.scroll_to_char(80_000)
    shown = view.layout_
    view.set_tokens(tokens)
    assert view.layout_ is shown
    qtbot.waitUntil(lambda: whole(view) and view.layout_ is not shown, timeout=60_000)
    assert view.reading_position() == 80_000
