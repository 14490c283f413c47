"""Typesetting an article for the view: the text in its script, the token and word
offsets, the rubies and the layout at a width, made in one go.

A long article (a million characters: about 1.5 s of CPU) is typeset on a worker thread
(``BackgroundTypesetter``) so that the window never stalls; the view shows its first
pages, typeset at once, or keeps what it showed, until the whole is ready. Nothing here
touches a widget: the worker is given a metrics object of its own (Qt's font metrics are
reentrant, not shared), and the result reaches the view through a queued signal.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
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
    word_spans,
)

# Articles longer than this are typeset on a worker thread (the layout of 100,000
# characters takes about 100 ms of CPU on the UI thread, as the relayout goal allows).
BACKGROUND_CHARS = 120_000
# Characters typeset at once to show while the worker runs (cut at a line break).
FIRST_PAGES_CHARS = 8_000


@dataclass(frozen=True, slots=True)
class Typeset:
    """Everything the view shows of an article under one set of options."""

    tokens: list[Token]
    display_text: str
    token_starts: list[int]
    word_starts: list[int]
    word_ends: list[int]
    sandhi: dict[int, str]
    layout: ArticleLayout


class TypesetMetrics(FontMetrics, Protocol):
    """The layout's metrics and the glosses' font (the view's ``QtMetrics``)."""

    gloss_height: float

    def gloss_advance(self, gloss: str) -> float: ...


@dataclass(frozen=True, slots=True)
class Request:
    """What typesetting needs, captured on the UI thread (nothing in it changes later)."""

    text: str
    tokens: list[Token]
    title: str
    options: DisplayOptions
    statuses: Mapping[str, int]
    hsk_level: Callable[[str], int | None]
    class_words: AbstractSet[str]
    metrics: TypesetMetrics
    width: float
    display_text: str | None = None  # the text in its script, when the view has it
    gloss_of: Callable[[Token], str] = lambda _token: ""  # a word's short gloss


def typeset(request: Request) -> Typeset:
    """The text in its script, the offsets, the rubies and the layout at ``width``."""
    options = request.options
    tokens = request.tokens
    display = request.display_text
    if display is None:
        display = in_script(request.text, options.script)
    token_starts = [token.start for token in tokens]
    word_starts, word_ends = word_spans(tokens)
    sandhi = sandhi_changes(tokens) if options.tone_sandhi else {}
    rubies = rubies_for(
        tokens,
        len(request.text),
        options,
        request.statuses,
        request.hsk_level,
        sandhi,
        request.class_words,
    )
    glosses = glosses_for(
        tokens, options, request.statuses, request.hsk_level, request.gloss_of, request.class_words
    )
    metrics = request.metrics
    band = GlossBand(glosses, metrics.gloss_advance, metrics.gloss_height) if glosses else None
    layout = ArticleLayout(
        display,
        token_starts,
        rubies,
        metrics,
        title=in_script(request.title, options.script),
        show_ruby=options.pinyin is not PinyinForm.HIDDEN,
        word_starts=word_starts,
        word_ends=word_ends,
        joined=options.joined_pinyin,
        word_gaps=options.word_gaps,
        glosses=band,
    )
    layout.relayout(request.width)
    return Typeset(tokens, display, token_starts, word_starts, word_ends, sandhi, layout)


def first_pages(request: Request) -> Request:
    """``request`` cut to its first ``FIRST_PAGES_CHARS`` characters or so (at a line
    break, whole tokens): what is shown while the whole article is typeset."""
    text = request.text
    cut = text.find("\n", FIRST_PAGES_CHARS)
    cut = len(text) if cut == -1 else cut + 1
    tokens = [token for token in request.tokens[: cut + 1] if token.start + len(token.text) <= cut]
    cut = tokens[-1].start + len(tokens[-1].text) if tokens else 0
    display = None if request.display_text is None else request.display_text[:cut]
    return Request(
        text[:cut],
        tokens,
        request.title,
        request.options,
        request.statuses,
        request.hsk_level,
        request.class_words,
        request.metrics,
        request.width,
        display,
        request.gloss_of,
    )


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
