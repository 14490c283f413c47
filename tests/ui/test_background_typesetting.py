"""A long article is typeset on a worker thread: its first pages show at once, the whole
arrives later and is the layout the view would have made itself; an option change keeps
what is shown until the new layout is ready."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.ui.article_view import typesetting
from reader.ui.article_view.model import DisplayOptions, PinyinForm
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
