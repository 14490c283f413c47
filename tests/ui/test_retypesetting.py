"""A long article typeset again (another font size, another script) is what a view
would make of it from scratch; a typeset overtaken by a newer one stops and never shows."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from reader.core.script_conversion import in_script
from reader.core.settings import Script
from reader.ui.article_view import typesetting
from reader.ui.article_view.model import provisional_tokens
from reader.ui.article_view.typesetting import (
    BACKGROUND_CHARS,
    BackgroundTypesetter,
    Cancelled,
    Request,
    Typeset,
    typeset,
)
from reader.ui.article_view.widget import ArticleView, QtMetrics
from tests.ui.test_background_typesetting import long_article, whole

# 发 is 髮 in 头发 and 發 in 发展: OpenCC converts by phrase
LINE = "他们在银行门口见面了，头发很长。\n他发展了干部。\n"


def settled(view: ArticleView) -> bool:
    return whole(view) and not view.settling


def fresh_view(qtbot: QtBot, view: ArticleView) -> ArticleView:
    """A new view of the same size showing the same article under the same options."""
    other = ArticleView()
    qtbot.addWidget(other)
    other.resize(view.size())
    other.set_options(view.options)
    other.set_article(view.article_text, view.body_tokens, view.title, view.title_tokens_wanted)
    qtbot.waitUntil(lambda: settled(other), timeout=60_000)
    return other


def same_layout(view: ArticleView, other: ArticleView) -> None:
    assert view.layout_ is not None and other.layout_ is not None
    assert view.display_text == other.display_text
    assert list(view.layout_.prefix) == list(other.layout_.prefix)
    assert list(view.layout_.line_starts) == list(other.layout_.line_starts)
    assert list(view.layout_.line_tops) == list(other.layout_.line_tops)
    assert view.layout_.rubies == other.layout_.rubies
    assert list(view._token_starts) == list(other._token_starts)
    assert view.tokens == other.tokens


def test_a_long_article_at_a_new_font_size_is_laid_out_as_from_scratch(qtbot: QtBot) -> None:
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_article(text, tokens, "银行门口")
    qtbot.waitUntil(lambda: settled(view), timeout=60_000)
    view.scroll_to_char(len(text) // 2)
    shown_tokens = view.tokens
    view.set_font_size(view.options.font_size + 4)
    qtbot.waitUntil(lambda: settled(view), timeout=60_000)
    same_layout(view, fresh_view(qtbot, view))
    # the text's and the title's tokens unchanged: the view's list of both is kept
    assert view.tokens is shown_tokens


def test_a_long_article_in_another_script_is_as_from_scratch(qtbot: QtBot) -> None:
    lines = BACKGROUND_CHARS // len(LINE) + 200
    text = LINE * lines
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_article(text, provisional_tokens(text), "头发")
    qtbot.waitUntil(lambda: settled(view), timeout=60_000)
    view.set_options(replace(view.options, script=Script.TRADITIONAL))
    qtbot.waitUntil(lambda: settled(view) and view.display_text != view.text, timeout=60_000)
    assert view.display_text[: view.body_length] == in_script(text, Script.TRADITIONAL)
    assert "頭髮" in view.display_text and "發展" in view.display_text
    same_layout(view, fresh_view(qtbot, view))


def test_the_script_is_converted_in_pieces_cut_at_line_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each piece given to OpenCC ends at a line break; together they are the whole's."""
    pieces: list[str] = []

    def converting(text: str, script: Script) -> str:
        pieces.append(text)
        return in_script(text, script)

    monkeypatch.setattr(typesetting, "CANCEL_CHARS", 20)
    monkeypatch.setattr(typesetting, "in_script", converting)
    text = LINE * 30
    converted = typesetting._in_script(text, Script.TRADITIONAL, lambda: False)
    assert converted == in_script(text, Script.TRADITIONAL)
    assert len(pieces) > 10 and "".join(pieces) == text
    assert all(piece.endswith("\n") for piece in pieces)


def request(view: ArticleView, metrics: QtMetrics) -> Request:
    text, tokens = long_article(BACKGROUND_CHARS + 10_000)
    return Request(
        text,
        len(text),
        tokens,
        [],
        view.options,
        {},
        lambda _word: None,
        frozenset(),
        metrics,
        metrics,
        700.0,
    )


class Blocking(QtMetrics):
    """Metrics whose first measure waits for ``go``: the worker stays inside its typeset."""

    def __init__(self) -> None:
        super().__init__("", 22)
        self.go = threading.Event()
        self.entered = threading.Event()

    def char_advance(self, char: str) -> float:
        self.entered.set()
        self.go.wait(30)
        return super().char_advance(char)


def test_an_overtaken_typeset_stops_and_never_shows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    laid_out: list[object] = []  # the metrics of each typeset whose lines were broken
    slices = typesetting.relayout_in_slices

    def breaking(*args: object) -> object:
        laid_out.append(args[0].metrics)  # type: ignore[attr-defined]
        return slices(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(typesetting, "relayout_in_slices", breaking)
    finished: list[object] = []  # the metrics of each worker done
    run = BackgroundTypesetter._run

    def running(typesetter: BackgroundTypesetter, generation: int, wanted: Request) -> None:
        run(typesetter, generation, wanted)
        finished.append(wanted.metrics)

    monkeypatch.setattr(BackgroundTypesetter, "_run", running)
    typesetter = BackgroundTypesetter()
    shown: list[Typeset] = []
    typesetter.ready.connect(shown.append)
    old = Blocking()
    new = QtMetrics("", 22)
    typesetter.start(request(view, old))
    assert old.entered.wait(30)  # the old typeset is under way
    typesetter.start(request(view, new))  # waits for its turn (`turns`): the old one's
    old.go.set()  # the old one goes on to its next step, and sees it is not wanted
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    qtbot.waitUntil(lambda: old in finished, timeout=30_000)
    qtbot.wait(50)  # a result it sent would have come by now
    assert len(shown) == 1 and shown[0].layout.metrics is new
    assert old not in laid_out and new in laid_out  # stopped before its lines were broken


def test_a_cancelled_typeset_raises_between_its_steps(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    with pytest.raises(Cancelled):
        typeset(request(view, QtMetrics("", 22)), lambda: True)
