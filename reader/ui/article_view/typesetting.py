"""Typesetting an article for the view: the text (and the title after it) in its script,
the token and word offsets, the rubies, the glosses and the layouts of the text and of the
title at a width, made in one go.

A long article (a million characters: about 1.5 s of CPU) is typeset on a worker thread
(``BackgroundTypesetter``) so that the window never stalls; the view shows its first
pages, typeset at once, or keeps what it showed, until the whole is ready. Nothing here
touches a widget: the worker is given a metrics object of its own (Qt's font metrics are
reentrant, not shared), and the result reaches the view through a queued signal.
"""

from __future__ import annotations

import contextlib
import threading
from bisect import bisect_left
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from reader.core.analysis.tokens import Token
from reader.core.collector import paused
from reader.core.script_conversion import in_script
from reader.ui.article_view.layout import ArticleLayout, FontMetrics, GlossBand
from reader.ui.article_view.model import (
    DisplayOptions,
    PinyinForm,
    glosses_for,
    rubies_for,
    sandhi_changes,
    with_title,
    word_spans,
)

# Articles longer than this are typeset on a worker thread (the layout of 100,000
# characters takes about 100 ms of CPU on the UI thread, as the relayout goal allows).
BACKGROUND_CHARS = 120_000
# Characters typeset at once to show while the worker runs (cut at a line break).
FIRST_PAGES_CHARS = 8_000


@dataclass(frozen=True, slots=True)
class Typeset:
    """Everything the view shows of an article under one set of options: the text's
    layout and the title's (``None``: no title), and the offsets of ``tokens`` (the text's,
    then a line break and the title's, as ``with_title`` makes them)."""

    tokens: list[Token]
    body_tokens: list[Token]
    display_text: str
    token_starts: list[int]
    word_starts: list[int]
    word_ends: list[int]
    sandhi: dict[int, str]
    layout: ArticleLayout
    title_layout: ArticleLayout | None
    whole: bool  # False: the first pages only (``display_text`` past them is unconverted)


class TypesetMetrics(FontMetrics, Protocol):
    """The layout's metrics and the glosses' font (the view's ``QtMetrics``)."""

    gloss_height: float

    def gloss_advance(self, gloss: str) -> float: ...


@dataclass(frozen=True, slots=True)
class Request:
    """What typesetting needs, captured on the UI thread (nothing in it changes later).

    ``text`` is the view's: the article's ``body_length`` characters, then a line break
    and the title (if it has one); ``tokens`` are the text's, ``title_tokens`` the title's
    in its own offsets."""

    text: str
    body_length: int
    tokens: list[Token]
    title_tokens: list[Token]
    options: DisplayOptions
    statuses: Mapping[str, int]
    hsk_level: Callable[[str], int | None]
    class_words: AbstractSet[str]
    metrics: TypesetMetrics
    title_metrics: TypesetMetrics
    width: float
    display_text: str | None = None  # the text in its script, when the view has it
    gloss_of: Callable[[Token], str] = lambda _token: ""  # a word's short gloss
    laid_out: int | None = None  # the text's characters laid out (None: all of them)


def typeset(request: Request) -> Typeset:
    """The text in its script, the offsets, the rubies, the glosses and the layouts of the
    text and of the title at ``width``."""
    options = request.options
    text, body = request.text, request.body_length
    has_title = len(text) > body
    cut = body if request.laid_out is None else request.laid_out
    title_tokens = request.title_tokens if has_title else []
    tokens = with_title(request.tokens, body, title_tokens)
    display = request.display_text
    if display is None:
        script = options.script
        if cut == body:
            display = in_script(text, script)
        else:  # the rest of the text is not shown yet: not converted either
            display = (
                in_script(text[:cut], script) + text[cut:body] + in_script(text[body:], script)
            )
    token_starts = [token.start for token in tokens]
    word_starts, word_ends = word_spans(tokens)
    sandhi = sandhi_changes(tokens) if options.tone_sandhi else {}
    rubies = rubies_for(
        tokens,
        len(text),
        options,
        request.statuses,
        request.hsk_level,
        sandhi,
        request.class_words,
    )
    glosses = glosses_for(
        tokens, options, request.statuses, request.hsk_level, request.gloss_of, request.class_words
    )
    body_count = len(request.tokens)
    words = bisect_left(word_starts, body) if has_title else len(word_starts)
    offsets = Offsets(display, token_starts, word_starts, word_ends, rubies, glosses)
    layout = part_layout(offsets, options, 0, cut, (0, body_count), (0, words), request.metrics)
    title_layout = None
    if has_title:
        title_layout = part_layout(
            offsets,
            options,
            body + 1,
            len(text),
            (body_count + 1, len(tokens)),
            (words, len(word_starts)),
            request.title_metrics,
        )
    relayout(layout, title_layout, request.width)
    return Typeset(
        tokens,
        request.tokens,
        display,
        token_starts,
        word_starts,
        word_ends,
        sandhi,
        layout,
        title_layout,
        request.laid_out is None,
    )


@dataclass(frozen=True, slots=True)
class Offsets:
    """The view's text in its script and, in its offsets, the starts of its tokens and
    words, the ends of its words, the ruby over each character and the glosses."""

    display: str
    token_starts: list[int]
    word_starts: list[int]
    word_ends: list[int]
    rubies: list[str]
    glosses: dict[int, str]


def part_layout(
    offsets: Offsets,
    options: DisplayOptions,
    start: int,
    end: int,
    tokens: tuple[int, int],
    words: tuple[int, int],
    metrics: TypesetMetrics,
) -> ArticleLayout:
    """The layout of ``display[start:end]`` (the text, or the title) in its own offsets,
    with the tokens and words of ``tokens`` and ``words`` (index ranges) and the glosses
    of its words."""
    whole = start == 0 and end == len(offsets.display)
    glosses = offsets.glosses
    if not whole:
        glosses = {i - start: gloss for i, gloss in glosses.items() if start <= i < end}
    band = None
    if glosses:
        band = GlossBand(glosses, metrics.gloss_advance, metrics.gloss_height)

    def part(values: list[int], span: tuple[int, int]) -> list[int]:
        if start == 0:  # the text's: its offsets are the view's (no title: no copy)
            return values if span == (0, len(values)) else values[span[0] : span[1]]
        return [value - start for value in values[span[0] : span[1]]]

    return ArticleLayout(
        offsets.display if whole else offsets.display[start:end],
        part(offsets.token_starts, tokens),
        offsets.rubies if whole else offsets.rubies[start:end],
        metrics,
        show_ruby=options.pinyin is not PinyinForm.HIDDEN,
        word_starts=part(offsets.word_starts, words),
        word_ends=part(offsets.word_ends, words),
        joined=options.joined_pinyin,
        word_gaps=options.word_gaps,
        glosses=band,
    )


def relayout(layout: ArticleLayout, title_layout: ArticleLayout | None, width: float) -> None:
    """Break the title's lines and the text's at ``width``, the text below the title."""
    top = 0.0
    if title_layout is not None:
        title_layout.relayout(width)
        top = title_layout.height
    layout.relayout(width, top)


def first_pages(request: Request) -> Request:
    """``request`` with only the text's first ``FIRST_PAGES_CHARS`` characters or so laid
    out (cut at a line break, whole tokens; the title whole, at its offsets): what is
    shown while the whole article is typeset."""
    text, body = request.text, request.body_length
    cut = text.find("\n", FIRST_PAGES_CHARS, body)
    cut = body if cut == -1 else cut + 1
    tokens = [token for token in request.tokens[: cut + 1] if token.start + len(token.text) <= cut]
    cut = tokens[-1].start + len(tokens[-1].text) if tokens else 0
    return replace(request, tokens=tokens, laid_out=cut)


class BackgroundTypesetter(QObject):
    """Typesets on a worker thread; ``ready`` brings the latest request's result to the
    thread this object lives in (a result overtaken by a newer request is dropped)."""

    ready = Signal(object)  # Typeset
    _finished = Signal(int, object)  # generation, Typeset: from the worker, queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = 0
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)

    def start(self, request: Request) -> None:
        with self._lock:
            self._latest += 1
            generation = self._latest
        threading.Thread(target=self._run, args=(generation, request), daemon=True).start()

    def cancel(self) -> None:
        """Drop whatever is being typeset (something newer was typeset meanwhile)."""
        with self._lock:
            self._latest += 1

    def _run(self, generation: int, request: Request) -> None:
        # a collection started by the worker's allocations would hold the UI thread up for
        # its whole sweep of the heap (hundreds of ms with a long article's tokens)
        with paused():
            result = typeset(request)
        with contextlib.suppress(RuntimeError):  # the view is gone
            self._finished.emit(generation, result)

    def _deliver(self, generation: int, result: Typeset) -> None:
        with self._lock:
            if generation != self._latest:
                return
        self.ready.emit(result)
