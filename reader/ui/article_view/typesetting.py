"""Typesetting an article for the view: the text (and the title after it) in its script,
the token and word offsets, the rubies, the glosses and the layouts of the text and of the
title at a width, made in one go.

A long article (a million characters: about 1.5 s of CPU) is typeset on a worker thread
(``BackgroundTypesetter``) so that the window never stalls; the view shows its first
pages, typeset at once, or keeps what it showed, until the whole is ready. Nothing here
touches a widget: the worker is given a metrics object of its own (Qt's font metrics are
reentrant, not shared), and the result reaches the view through a queued signal. A
typeset overtaken by a newer request (another article, another size) stops at its next
step instead of finishing; what it made, and what a replaced typeset held, is freed a
chunk at a time off the UI thread (`reader.ui.article_view.releasing`).
"""

from __future__ import annotations

import contextlib
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from reader.core.analysis.tokens import Token
from reader.core.collector import paused
from reader.core.script_conversion import in_script
from reader.core.settings import Script
from reader.ui import turns
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
from reader.ui.article_view.releasing import release

# Articles longer than this are typeset on a worker thread (the layout of 100,000
# characters takes about 100 ms of CPU on the UI thread, as the relayout goal allows).
BACKGROUND_CHARS = 120_000
# At least this many characters are typeset at once to show while the worker runs (the
# view asks for a screen and a half, `ArticleView._screen_chars`; cut at a line break). On
# the UI thread it costs some 3 ms per 1,000 characters (more with cold caches: each
# character's advance, each reading's marks met for the first time).
FIRST_PAGES_CHARS = 1_000
# Characters a worker's typeset handles between two looks at whether it is still wanted
# (and, converting the script, two calls of OpenCC: each holds Python's lock)
CANCEL_CHARS = 50_000


@dataclass(frozen=True, slots=True)
class Part:
    """The article's text or its title typeset, in its own offsets: its tokens, the text
    in its script, the starts of its tokens and words, the ends of its words, the sandhi
    shown and its layout (not yet broken into lines)."""

    tokens: list[Token]
    display: str
    token_starts: array[int]
    word_starts: array[int]
    word_ends: array[int]
    sandhi: dict[int, str]
    layout: ArticleLayout

    def lists(self) -> list[Sequence[object]]:
        """Its Python lists: what freeing it frees (`reader.ui.article_view.releasing`)."""
        return [self.tokens, self.layout.rubies, *self.layout.lists()]


@dataclass(frozen=True, slots=True)
class Typeset:
    """Everything the view shows of an article under one set of options: the text's part
    and the title's (``None``: no title), and the view's offsets of both (the text's, then
    a line break and the title's, as ``with_title`` makes them)."""

    body: Part
    title: Part | None
    tokens: list[Token]
    display_text: str
    token_starts: array[int]
    word_starts: array[int]
    word_ends: array[int]
    sandhi: dict[int, str]
    whole: bool  # False: the first pages only (``display_text`` past them is unconverted)

    @property
    def layout(self) -> ArticleLayout:
        return self.body.layout

    @property
    def title_layout(self) -> ArticleLayout | None:
        return None if self.title is None else self.title.layout

    @property
    def body_tokens(self) -> list[Token]:
        return self.body.tokens

    def lists(self) -> list[Sequence[object]]:
        """Its Python lists (tokens, offsets, the layouts'), each once: what freeing it
        frees (`reader.ui.article_view.releasing`)."""
        parts = [] if self.title is None else self.title.lists()
        found: dict[int, Sequence[object]] = {
            id(items): items for items in (self.tokens, *self.body.lists(), *parts)
        }
        return list(found.values())


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
    tokens: Sequence[Token]  # a list, or `ProvisionalTokens` (made by ``typeset_part``)
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
    shown: Typeset | None = None  # what the view shows (``combine`` reuses its tokens)


class Cancelled(Exception):
    """A typeset given up: something newer is wanted (``typeset``'s ``cancelled``)."""


def _never() -> bool:
    return False


def typeset(request: Request, cancelled: Callable[[], bool] = _never) -> Typeset:
    """The text in its script, the offsets, the rubies, the glosses and the layouts of the
    text and of the title at ``width``; raises `Cancelled` between its steps once
    ``cancelled()`` (a worker's typeset overtaken: no use finishing it)."""
    text, body = request.text, request.body_length
    display = request.display_text
    cut = body if request.laid_out is None else request.laid_out
    text_part = typeset_part(
        text[:body] if len(text) > body else text,
        request.tokens,
        request,
        request.metrics,
        None if display is None else display[:body],
        cut,
        cancelled,
    )
    title_part = None
    if len(text) > body:
        title_part = typeset_part(
            text[body + 1 :],
            request.title_tokens,
            request,
            request.title_metrics,
            None if display is None else display[body + 1 :],
            cancelled=cancelled,
        )
    title_layout = None if title_part is None else title_part.layout
    try:
        for _slice in relayout_in_slices(text_part.layout, title_layout, request.width):
            _check(cancelled)
    except Cancelled:
        release(text_part.lists())  # what it made so far: freed a chunk at a time
        raise
    return combine(text_part, title_part, body, request.laid_out is None, request.shown)


def _check(cancelled: Callable[[], bool]) -> None:
    """Between two steps: stop if overtaken, else let a waiting worker have its turn."""
    if cancelled():
        raise Cancelled
    turns.pause()


def typeset_part(
    text: str,
    tokens: Sequence[Token],
    request: Request,
    metrics: TypesetMetrics,
    display: str | None = None,
    laid_out: int | None = None,
    cancelled: Callable[[], bool] = _never,
) -> Part:
    """``text`` (the article's or the title's) with its ``tokens`` under the request's
    options, in the request's script unless ``display`` has it so already; only the first
    ``laid_out`` characters laid out (and converted), if given. Raises `Cancelled` between
    its steps once ``cancelled()``, what it made freed a chunk at a time."""
    options = request.options
    made: list[Sequence[object]] = []  # the long lists made here (none is the caller's)
    try:
        if not isinstance(tokens, list):
            tokens = _listed(tokens, cancelled, made)
        cut = len(text) if laid_out is None else laid_out
        if display is None:  # the rest of the text is not shown yet: not converted either
            display = _in_script(text[:cut], options.script, cancelled) + text[cut:]
        token_starts = array("q", [token.start for token in tokens])  # see word_spans
        word_starts, word_ends = word_spans(tokens)
        _check(cancelled)
        sandhi = sandhi_changes(tokens) if options.tone_sandhi else {}
        rubies = rubies_for(
            tokens, cut, options, request.statuses, request.hsk_level, sandhi, request.class_words
        )
        made.append(rubies)
        _check(cancelled)
        glosses = glosses_for(
            tokens,
            options,
            request.statuses,
            request.hsk_level,
            request.gloss_of,
            request.class_words,
        )
        band = None
        if glosses:
            band = GlossBand(glosses, metrics.gloss_advance, metrics.gloss_height)
        _check(cancelled)
        layout = ArticleLayout(
            display if cut == len(display) else display[:cut],
            token_starts,
            rubies,
            metrics,
            show_ruby=options.pinyin is not PinyinForm.HIDDEN,
            word_starts=word_starts,
            word_ends=word_ends,
            joined=options.joined_pinyin,
            word_gaps=options.word_gaps,
            glosses=band,
        )
        made += layout.lists()
        _check(cancelled)
    except Cancelled:
        release(made)
        raise
    return Part(tokens, display, token_starts, word_starts, word_ends, sandhi, layout)


def _listed(
    tokens: Sequence[Token], cancelled: Callable[[], bool], made: list[Sequence[object]]
) -> list[Token]:
    """``tokens`` (`ProvisionalTokens`: made as they are read) as a list, made a
    ``CANCEL_CHARS`` at a time (put in ``made`` at once: freed if cancelled)."""
    listed: list[Token] = []
    made.append(listed)
    for start in range(0, len(tokens), CANCEL_CHARS):
        _check(cancelled)
        listed += tokens[start : start + CANCEL_CHARS]
    return listed


def _in_script(text: str, script: Script, cancelled: Callable[[], bool]) -> str:
    """``in_script`` a ``CANCEL_CHARS`` or so at a time, cut after line breaks (no phrase
    spans one): OpenCC converts a call's text holding Python's lock, a million characters
    100-270 ms with the window stalled."""
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + CANCEL_CHARS)
        end = len(text) if end == -1 else end + 1
        _check(cancelled)
        pieces.append(in_script(text[start:end], script))
        start = end
    return "".join(pieces)


def combine(
    text: Part, title: Part | None, body_length: int, whole: bool, shown: Typeset | None = None
) -> Typeset:
    """The view's offsets of the text's part and the title's: the title's follow the
    text's ``body_length`` characters and a line break. The view's tokens are those of
    ``shown`` (what the view shows) if made of the same two lists: a list of a million
    tokens made anew held Python's lock for 60-150 ms at the collection that first saw it."""
    if title is None:
        return Typeset(
            text,
            None,
            text.tokens,
            text.display,
            text.token_starts,
            text.word_starts,
            text.word_ends,
            text.sandhi,
            whole,
        )
    base = body_length + 1

    def moved(offsets: array[int]) -> array[int]:
        return array("q", [offset + base for offset in offsets])

    token_starts = text.token_starts
    if title.tokens:
        token_starts = token_starts + array("q", [body_length]) + moved(title.token_starts)
    sandhi = text.sandhi
    if title.sandhi:
        sandhi = {**sandhi, **{index + base: shown for index, shown in title.sandhi.items()}}
    tokens = None
    if shown is not None and shown.title is not None:
        same = shown.body.tokens is text.tokens and shown.title.tokens is title.tokens
        tokens = shown.tokens if same else None
    return Typeset(
        text,
        title,
        with_title(text.tokens, body_length, title.tokens) if tokens is None else tokens,
        f"{text.display}\n{title.display}",
        token_starts,
        text.word_starts + moved(title.word_starts),
        text.word_ends + moved(title.word_ends),
        sandhi,
        whole,
    )


def relayout(layout: ArticleLayout, title_layout: ArticleLayout | None, width: float) -> None:
    """Break the title's lines and the text's at ``width``, the text below the title."""
    deque(relayout_in_slices(layout, title_layout, width), maxlen=0)


def relayout_in_slices(
    layout: ArticleLayout, title_layout: ArticleLayout | None, width: float
) -> Iterator[None]:
    """`relayout`, pausing between the text's slices (`ArticleLayout.relayout_in_slices`)."""
    top = 0.0
    if title_layout is not None:
        title_layout.relayout(width)
        top = title_layout.height
    yield from layout.relayout_in_slices(width, top)


def first_pages(request: Request, chars: int = FIRST_PAGES_CHARS) -> Request:
    """``request`` with only the text's first ``chars`` characters or so laid out (cut at a
    line break, whole tokens; the title whole, at its offsets): what is shown while the
    whole article is typeset."""
    text, body = request.text, request.body_length
    cut = text.find("\n", max(chars, FIRST_PAGES_CHARS), body)
    cut = body if cut == -1 else cut + 1
    tokens = [token for token in request.tokens[: cut + 1] if token.start + len(token.text) <= cut]
    cut = tokens[-1].start + len(tokens[-1].text) if tokens else 0
    return replace(request, tokens=tokens, laid_out=cut)


class BackgroundTypesetter(QObject):
    """Typesets on a worker thread; ``ready`` brings the latest request's result to the
    thread this object lives in (a result overtaken by a newer request is dropped).

    A request can be held back until ``release``: the view's first paint of a new article
    then has Python's lock to itself (with the worker running it took twice as long)."""

    ready = Signal(object)  # Typeset
    _finished = Signal(int, object)  # generation, Typeset: from the worker, queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = 0
        self._lock = threading.Lock()
        self.busy = False  # a request is being typeset (set and read on this object's thread)
        self._held: tuple[int, Request] | None = None  # started by ``release``
        self._finished.connect(self._deliver)

    def start(self, request: Request, held: bool = False) -> None:
        """Typeset ``request`` (``held``: once ``release`` is called)."""
        with self._lock:
            self._latest += 1
            generation = self._latest
        self.busy = True
        self._held = (generation, request) if held else None
        if not held:
            self._spawn(generation, request)

    @property
    def holding(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        """Start the request held back, if there is one."""
        held, self._held = self._held, None
        if held is not None:
            self._spawn(*held)

    def _spawn(self, generation: int, request: Request) -> None:
        threading.Thread(target=self._run, args=(generation, request), daemon=True).start()

    def cancel(self) -> None:
        """Drop whatever is being typeset (something newer was typeset meanwhile)."""
        with self._lock:
            self._latest += 1
        self.busy = False
        self._held = None

    def _run(self, generation: int, request: Request) -> None:
        # a collection started by the worker's allocations would hold the UI thread up for
        # its whole sweep of the heap (hundreds of ms with a long article's tokens)
        try:
            with paused(), turns.turn():  # one worker at a time: see `turns`
                result = typeset(request, lambda: generation != self._latest)
        except Cancelled:  # overtaken (another article, another size): never shown
            return
        with contextlib.suppress(RuntimeError):  # the view is gone
            self._finished.emit(generation, result)

    def _deliver(self, generation: int, result: Typeset) -> None:
        with self._lock:
            if generation != self._latest:
                release(result.lists())  # overtaken: freed off this thread
                return
        self.busy = False
        self.ready.emit(result)
