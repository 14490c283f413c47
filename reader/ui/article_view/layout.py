"""The pure layout of an article: characters with ruby above them, in lines of a width.

No painting and no Qt: a `FontMetrics` object answers advances and heights, so tests and
benchmarks lay out real text without a window. The work is split so that a resize is
cheap: cell widths and their prefix sums, paragraphs and break opportunities depend only
on the text, the ruby and the font (`ArticleLayout.__init__`); `relayout(width)` is one
greedy pass over the lines, each found by a bisection over where its words end, that
records where each line starts (in slices for a view, `relayout_in_slices`, the lines in
view first, `lay_out_around`). A character's x is then a difference of two prefix sums,
and hit-testing a point is two bisections.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, eq, mul, sub
from typing import Protocol, TypeAlias, TypeVar

from reader.core.pinyin import takes_apostrophe
from reader.ui.article_view.breaking import (
    break_opportunities,
    may_break_before,
)

T = TypeVar("T")
# Items a pass in C handles before another thread may take Python's lock (``_in_turns``)
_CHUNK = 4_096
# Characters whose lines one slice of ``relayout_in_slices`` breaks (about 5 ms of CPU)
SLICE_CHARS = 100_000
# Line starts, line ends and line tops
_Lines: TypeAlias = "tuple[array[int], array[int], array[float]]"


class FontMetrics(Protocol):
    """What the layout needs to know about the fonts; Qt's metrics or a test's stand-in."""

    char_height: float  # height of a line of characters
    ruby_height: float  # height of the band of ruby above them
    line_gap: float  # space between two lines
    paragraph_gap: float  # extra space after a paragraph
    ruby_gap: float  # minimum horizontal space between two ruby syllables
    word_gap: float  # space between two words that follow each other

    def char_advance(self, char: str) -> float: ...

    def ruby_advance(self, ruby: str) -> float: ...


@dataclass(frozen=True)
class GlossBand:
    """Short glosses under words: ``texts`` maps a word's first character to its gloss
    (`reader.ui.article_view.model.glosses_for`); ``advance`` measures one in the gloss
    font, ``height`` is the band under the characters they take."""

    texts: Mapping[int, str]
    advance: Callable[[str], float]
    height: float


@dataclass(frozen=True, slots=True)
class Hit:
    token_index: int
    char_index: int


@dataclass(frozen=True, slots=True)
class Cell:
    """Where one character sits: ``x`` is the cell's left edge in its line."""

    char_index: int
    x: float
    width: float
    ruby: str


class ArticleLayout:
    """Line boxes for ``text``: one cell per character, laid out word by word.

    ``token_starts`` (sorted) are where the article's tokens begin: lines break only there
    unless a word is longer than a line. ``rubies`` holds one ruby string per character
    (``""`` for none); when ``show_ruby`` is false no band is reserved for it.

    ``word_starts`` and ``word_ends`` (sorted spans: the Chinese words; ``model.word_spans``)
    are typeset as printed
    graded readers do: the characters of a word sit at the font's advance with no space
    between them, the word's pinyin (its syllables joined per the Hanyu Pinyin rules, or
    spaced with ``joined`` false) is centred over the word, a word whose pinyin is wider
    than its characters takes the extra space at its two edges, and ``metrics.word_gap``
    separates two words that follow each other (``word_gaps`` false: none). A character
    outside any word has its advance (without words: a cell as wide as its character or
    its ruby, the ruby centred). ``glosses``: a band under the characters with a short
    gloss centred under each word that has one; a gloss wider than its word widens it as a
    wide pinyin does.
    """

    def __init__(
        self,
        text: str,
        token_starts: Sequence[int],
        rubies: Sequence[str],
        metrics: FontMetrics,
        *,
        show_ruby: bool = True,
        word_starts: Sequence[int] = (),
        word_ends: Sequence[int] = (),
        joined: bool = True,
        word_gaps: bool = True,
        glosses: GlossBand | None = None,
    ) -> None:
        if len(rubies) != len(text):
            raise ValueError("one ruby string per character is needed")
        self.text = text
        self.token_starts = token_starts
        self.rubies = rubies
        self.metrics = metrics
        self.show_ruby = show_ruby
        self.joined = joined
        ruby_band = metrics.ruby_height if show_ruby else 0.0
        self.ruby_band = ruby_band
        self.glosses = glosses if glosses is not None and glosses.texts and word_starts else None
        self.gloss_band = self.glosses.height if self.glosses is not None else 0.0
        self.line_height = ruby_band + metrics.char_height + self.gloss_band
        self.word_starts = word_starts
        self.word_ends = word_ends
        self.glyph_offset = array("d", bytes(8 * len(text)))  # glyph's left edge in its cell
        self.trailing_gap = array("d", bytes(8 * len(text)))  # space after a word's last char
        # how far a line's first cell hangs into the margin, if not its glyph offset (with
        # glosses: only a wide pinyin's room hangs, a wide gloss's stays in the line)
        self.hang: array[float] | None = None
        self._ruby_width: dict[str, float] = {}
        self._gloss_width: dict[str, float] = {}  # each gloss's advance (``_gloss_spares``)
        self.prefix = self._cell_prefix_sums(word_gaps)
        self.paragraphs = _paragraphs(text)
        self._paragraph_starts = [start for start, _end in self.paragraphs]
        self._breaks = array("q")  # an array: one object for the collector (see model.word_spans)
        self._paragraph_breaks: list[tuple[int, int]] = []
        followings = array("q")  # where the word after each break opportunity ends
        for start, end in self.paragraphs:
            first = len(self._breaks)
            self._breaks.extend(break_opportunities(text, start, end, token_starts))
            self._paragraph_breaks.append((first, len(self._breaks)))
            followings.extend(self._breaks[first + 1 :])
            followings.append(end)
        # the prefix sum at each of those ends: non-decreasing within a paragraph, so the
        # first word that overflows a line is found by bisection (``relayout``)
        self._reach = array("d", map(self.prefix.__getitem__, _in_turns(followings)))
        self.width = 0.0
        self.height = 0.0
        self.line_starts = array("q")
        self.line_ends = array("q")
        self.line_tops = array("d")

    def _ruby_advance(self, ruby: str) -> float:
        width = self._ruby_width.get(ruby)
        if width is None:
            width = self._ruby_width[ruby] = self.metrics.ruby_advance(ruby)
        return width

    def _cell_prefix_sums(self, word_gaps: bool) -> array[float]:
        """Cumulative cell widths: cell ``i`` spans ``prefix[i]..prefix[i + 1]``.

        Each distinct character and ruby is measured once, and the work over characters
        and words runs in C (map, accumulate) but for one pass over the words."""
        metrics = self.metrics
        text = self.text
        char_width = {char: metrics.char_advance(char) for char in _distinct(text)}
        char_width["\n"] = 0.0
        advances = array("d", map(char_width.__getitem__, _in_turns(text)))
        if self.word_starts:
            return self._typeset_words(advances, word_gaps)
        widths = advances
        if self.show_ruby:
            gap = metrics.ruby_gap
            ruby_width = {
                ruby: self._ruby_advance(ruby) + gap for ruby in _distinct(self.rubies) if ruby
            }
            ruby_width[""] = 0.0
            widths = array(
                "d", map(max, _in_turns(advances), map(ruby_width.__getitem__, self.rubies))
            )
            # a character under a wider ruby is centred in its cell
            self.glyph_offset = array(
                "d", map(mul, map(sub, _in_turns(widths), advances), repeat(0.5))
            )
        return _prefix_sums(_in_turns(widths))

    def _typeset_words(self, advances: array[float], word_gaps: bool) -> array[float]:
        """Cells of the characters of each word: their advance, the word's spare room from
        a pinyin wider than its characters at its two edges, and the gap before a word
        that follows at once."""
        starts, ends = self.word_starts, self.word_ends
        lasts = array("q", map(sub, _in_turns(ends), repeat(1)))
        spares = array("d")
        if self.show_ruby:
            # How much wider than its character each syllable is, with the separator drawn
            # before it inside a word (an apostrophe before a, o, e when joined: xī'ān; a
            # space when spaced); summed per word by prefix sums, the separator before the
            # word's first syllable taken off again.
            rubies = self.rubies
            before: dict[str, float] = {}
            for ruby in _distinct(rubies):
                mark = ("'" if takes_apostrophe(ruby) else "") if self.joined else " "
                before[ruby] = self._ruby_advance(mark + ruby) - self._ruby_advance(ruby)
            inner = {ruby: self._ruby_advance(ruby) + gap for ruby, gap in before.items()}
            excess = _prefix_sums(map(sub, map(inner.__getitem__, _in_turns(rubies)), advances))
            first_separators = map(before.__getitem__, map(rubies.__getitem__, _in_turns(starts)))
            beyond = map(sub, _differences(excess, starts, ends), first_separators)
            beyond = map(add, beyond, repeat(self.metrics.ruby_gap))
            spares = array("d", map(mul, map(max, beyond, repeat(0.0)), repeat(0.5)))  # each edge
        hanging = spares  # a wide pinyin hangs into the margin; a wide gloss does not
        if self.glosses is not None:
            spares = self._gloss_spares(array("d", spares or bytes(8 * len(starts))), advances)
        widths = advances
        # The few words with spare room, then the gaps: scattered by map (in C), ~20x
        # faster than a Python loop over 60,000 words.
        roomy = [i for i, spare in enumerate(spares) if spare]
        room = [spares[i] for i in roomy]
        first_chars = [starts[i] for i in roomy]
        _add_at(widths, first_chars, room)
        _add_at(widths, [lasts[i] for i in roomy], room)
        _set_at(self.glyph_offset, first_chars, room)
        if self.glosses is not None:
            self.hang = array("d", bytes(8 * len(self.text)))
            _set_at(self.hang, first_chars, [hanging[i] if hanging else 0.0 for i in roomy])
        if word_gaps:
            followed = array(
                "q", compress(lasts, map(eq, islice(_in_turns(starts), 1, None), ends))
            )
            gap = repeat(self.metrics.word_gap, len(followed))
            _add_at(widths, followed, gap)
            _set_at(self.trailing_gap, followed, repeat(self.metrics.word_gap))
        return _prefix_sums(_in_turns(widths))

    def _gloss_spares(self, spares: array[float], advances: array[float]) -> array[float]:
        """Each edge's spare room with the glosses: a word under a gloss wider than its
        characters takes half the difference at each edge (as a wide pinyin)."""
        assert self.glosses is not None
        texts = self.glosses.texts
        widths = {gloss: self.glosses.advance(gloss) for gloss in set(texts.values())}
        self._gloss_width = widths  # for ``line_glosses``: measured once, not on each paint
        gap = self.metrics.ruby_gap
        index = {start: k for k, start in enumerate(self.word_starts)}
        for start, gloss in texts.items():
            k = index[start]
            beyond = widths[gloss] + gap - sum(advances[start : self.word_ends[k]])
            spares[k] = max(spares[k], beyond / 2)
        return spares

    def _pieces(self, rubies: Sequence[str]) -> list[str]:
        """A word's rubies as drawn one after the other: joined (with an apostrophe before
        a syllable that begins with a, o or e: xī'ān) or separated by spaces."""
        pieces = [rubies[0]]
        for ruby in rubies[1:]:
            if not self.joined:
                pieces.append(" " + ruby)
            elif ruby and pieces[-1] and takes_apostrophe(ruby):
                pieces.append("'" + ruby)
            else:
                pieces.append(ruby)
        return pieces

    def relayout(self, width: float, top: float = 0.0) -> None:
        """Break every paragraph into lines no wider than ``width`` (greedy, by words), the
        first line at ``top`` (below the title, which the view lays out as its own text)."""
        deque(self.relayout_in_slices(width, top), maxlen=0)

    def relayout_in_slices(self, width: float, top: float = 0.0) -> Iterator[None]:
        """`relayout`, pausing after each ``SLICE_CHARS`` characters or so: the lines shown
        stay as they are until the last slice puts the whole in their place."""
        lines = _no_lines()
        starts = self._paragraph_starts
        first, y = 0, top
        while True:
            last = len(starts)
            if first < last:
                last = bisect_left(starts, starts[first] + SLICE_CHARS, first + 1)
            y = self._break_lines(first, last, width, y, lines)
            if last == len(starts):
                break
            first = last
            yield
        self.width = width
        self.line_starts, self.line_ends, self.line_tops = lines
        self.height = y

    def lay_out_around(
        self, width: float, char: int, char_top: float, above: float, below: float
    ) -> None:
        """Only the paragraphs around ``char`` at ``width``, its line's top at ``char_top``:
        at least one paragraph and ``above`` before its own, ``below`` after its line.
        What a view shows while the whole is relaid out in slices (a paragraph's lines do
        not depend on the others: those shown then are the same, only lower or higher).
        ``height`` stays as it was."""
        starts = self._paragraph_starts
        if not starts:
            return
        anchor = max(0, bisect_right(starts, char) - 1)
        own = _no_lines()
        self._break_lines(anchor, anchor + 1, width, 0.0, own)
        line = max(0, bisect_right(own[0], char) - 1)
        y = char_top - own[2][line]  # the anchor paragraph's top
        first = anchor
        while first > 0 and (first == anchor or char_top - y < above):
            first -= 1
            y -= self._break_lines(first, first + 1, width, 0.0, _no_lines())
        lines = _no_lines()
        last = first
        while last < len(starts) and (last <= anchor or y < char_top + below):
            y = self._break_lines(last, last + 1, width, y, lines)
            last += 1
        self.width = width
        self.line_starts, self.line_ends, self.line_tops = lines

    def lays_out(self, char: int) -> bool:
        """Whether ``char`` is on the lines laid out (not so outside `lay_out_around`'s)."""
        return bool(self.line_starts) and self.line_starts[0] <= char <= self.line_ends[-1]

    def _break_lines(self, first: int, last: int, width: float, y: float, lines: _Lines) -> float:
        """Append the lines of paragraphs ``first..last`` from ``y`` to ``lines``; the ``y``
        below them.

        The words that fit on a line are skipped by a bisection over ``_reach``: the work
        is per line, not per word (a million characters are some 35,000 lines but
        500,000 words)."""
        line_starts, line_ends, line_tops = lines
        prefix = self.prefix
        text = self.text
        breaks = self._breaks
        reach = self._reach
        step = self.line_height + self.metrics.line_gap
        paragraph_gap = self.metrics.paragraph_gap
        for p in range(first, last):
            start, end = self.paragraphs[p]
            b0, b1 = self._paragraph_breaks[p]
            line_start = start
            base = prefix[start]
            line_starts.append(start)
            line_tops.append(y)
            k = _first_beyond(reach, base, width, b0, b1)
            while k < b1:
                following = breaks[k + 1] if k + 1 < b1 else end
                offset = breaks[k]
                if offset > line_start and not text[offset].isspace():
                    line_ends.append(offset)
                    line_start = offset
                    base = prefix[offset]
                    y += step
                    line_starts.append(offset)
                    line_tops.append(y)
                if reach[k] - base > width:  # a word longer than a line
                    for inner in range(offset + 1, following):
                        if prefix[inner + 1] - base > width and may_break_before(
                            text, inner, line_start
                        ):
                            line_ends.append(inner)
                            line_start = inner
                            base = prefix[inner]
                            y += step
                            line_starts.append(inner)
                            line_tops.append(y)
                k = _first_beyond(reach, base, width, k + 1, b1)
            line_ends.append(end)
            y += step + paragraph_gap
        return y

    def lists(self) -> list[Sequence[object]]:
        """The Python lists it made (its arrays are one object each; its rubies and
        offsets are the caller's): what freeing it frees."""
        return [self.paragraphs, self._paragraph_starts, self._paragraph_breaks]

    # Queries ---------------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def lines_between(self, top: float, bottom: float) -> range:
        """Indexes of the lines that intersect the band ``top..bottom``."""
        first = bisect_right(self.line_tops, top - self.line_height)
        last = bisect_left(self.line_tops, bottom)
        return range(first, last)

    def line_of_char(self, char_index: int) -> int:
        return max(0, bisect_right(self.line_starts, char_index) - 1)

    def char_x(self, char_index: int, line: int | None = None) -> float:
        """The left edge of a character's cell within its line."""
        if line is None:
            line = self.line_of_char(char_index)
        return self.prefix[char_index] - self.line_base(line)

    def line_base(self, line: int) -> float:
        """Where a line begins in the prefix sums: at its first glyph, so that the left
        edge of the text is straight (a wide pinyin over the first word overhangs the
        margin, as in printed graded readers, rather than indenting the line)."""
        start = self.line_starts[line]
        hang = self.glyph_offset if self.hang is None else self.hang
        offset = hang[start] if start < len(self.text) else 0.0
        return self.prefix[start] + offset

    def cell_width(self, char_index: int) -> float:
        return self.prefix[char_index + 1] - self.prefix[char_index]

    def glyph_x(self, char_index: int, line: int | None = None) -> float:
        """Where a character's glyph begins within its line (its cell may be wider)."""
        return self.char_x(char_index, line) + self.glyph_offset[char_index]

    def span_width(self, start: int, end: int) -> float:
        """The width of the cells ``start..end`` on one line, without the gap after a word."""
        return self.prefix[end] - self.prefix[start] - self.trailing_gap[end - 1]

    def line_rubies(self, line: int) -> list[tuple[int, float, str]]:
        """``(char index, x in the line, text)`` of each piece of ruby on a line, for
        painting: a word's pinyin centred over the word, one piece per character (so each
        syllable keeps its tone colour); a word cut by the end of a line, and a character
        outside the words, has its syllable centred over its own cell."""
        if not self.show_ruby or not self.line_count:
            return []
        start, end = self.line_starts[line], self.line_ends[line]
        prefix, rubies, text = self.prefix, self.rubies, self.text
        base = self.line_base(line)
        advance = self._ruby_advance
        char_advance = self.metrics.char_advance
        word_starts, word_ends = self.word_starts, self.word_ends
        result: list[tuple[int, float, str]] = []

        def centred(first: int, last: int) -> None:
            for index in range(first, last):
                ruby = rubies[index]
                if ruby:
                    glyph = prefix[index] + self.glyph_offset[index]
                    centre = glyph + char_advance(text[index]) / 2
                    result.append((index, centre - advance(ruby) / 2 - base, ruby))

        k = bisect_right(word_starts, start) - 1
        if k < 0 or word_ends[k] <= start:
            k += 1
        index = start
        while index < end:
            if k < len(word_starts) and word_starts[k] <= index:
                first, last = word_starts[k], word_ends[k]
                if first >= start and last <= end:
                    pieces = self._pieces(rubies[first:last])
                    left = prefix[first] + self.glyph_offset[first]
                    right = prefix[last - 1] + self.glyph_offset[last - 1]
                    right += char_advance(text[last - 1])
                    x = (left + right) / 2 - sum(map(advance, pieces)) / 2 - base
                    for offset, piece in enumerate(pieces):
                        if piece.strip():
                            result.append((first + offset, x, piece))
                        x += advance(piece)
                else:
                    centred(max(first, start), min(last, end))
                index = min(last, end)
                k += 1
            else:
                following = word_starts[k] if k < len(word_starts) else end
                centred(index, min(following, end))
                index = min(following, end)
        return result

    def line_glosses(self, line: int) -> list[tuple[float, str]]:
        """``(x in the line, text)`` of each gloss on a line, centred under its word's
        characters (under the first part of a word the line's end cuts)."""
        if self.glosses is None or not self.line_count:
            return []
        start, end = self.line_starts[line], self.line_ends[line]
        texts, widths = self.glosses.texts, self._gloss_width
        prefix, offsets, text = self.prefix, self.glyph_offset, self.text
        base = self.line_base(line)
        result = []
        k = bisect_left(self.word_starts, start)
        while k < len(self.word_starts) and self.word_starts[k] < end:
            first = self.word_starts[k]
            gloss = texts.get(first)
            if gloss:
                last = min(self.word_ends[k], end) - 1
                left = prefix[first] + offsets[first]
                right = prefix[last] + offsets[last] + self.metrics.char_advance(text[last])
                result.append(((left + right - widths[gloss]) / 2 - base, gloss))
            k += 1
        return result

    def cells(self, line: int) -> list[Cell]:
        """The cells of one line, for painting."""
        start = self.line_starts[line]
        base = self.prefix[start]
        prefix = self.prefix
        rubies = self.rubies
        return [
            Cell(i, prefix[i] - base, prefix[i + 1] - prefix[i], rubies[i])
            for i in range(start, self.line_ends[line])
        ]

    def char_rect(self, char_index: int) -> tuple[float, float, float, float]:
        """``(x, y, width, height)`` of a character's cell, ruby band included."""
        line = self.line_of_char(char_index)
        return (
            self.char_x(char_index, line),
            self.line_tops[line],
            self.cell_width(char_index),
            self.line_height,
        )

    def hit_test(self, x: float, y: float) -> Hit | None:
        """The character under a point (layout coordinates), or None between lines."""
        line = bisect_right(self.line_tops, y) - 1
        if line < 0 or y >= self.line_tops[line] + self.line_height:
            return None
        start, end = self.line_starts[line], self.line_ends[line]
        if x < 0 or start == end:
            return None
        target = self.line_base(line) + x
        char = bisect_right(self.prefix, target, start, end + 1) - 1
        if char >= end:
            return None
        token = bisect_right(self.token_starts, char) - 1
        return Hit(token, char)

    def char_at_line_x(self, line: int, x: float) -> int:
        """The character offset nearest to ``x`` on a line (for selections)."""
        start, end = self.line_starts[line], self.line_ends[line]
        target = self.line_base(line) + x
        char = bisect_right(self.prefix, target, start, end + 1) - 1
        if char < start:
            return start
        if char >= end:
            return end
        middle = (self.prefix[char] + self.prefix[char + 1]) / 2
        return char + 1 if target > middle else char

    def line_at_y(self, y: float) -> int:
        return min(max(0, bisect_right(self.line_tops, y) - 1), max(0, self.line_count - 1))


def _no_lines() -> _Lines:
    return array("q"), array("q"), array("d")


def _first_beyond(reach: array[float], base: float, width: float, lo: int, hi: int) -> int:
    """The first ``k`` in ``lo..hi`` whose word ends past a line from ``base``
    (``reach[k] - base > width``; ``hi`` if none). The bisection compares with
    ``base + width``, which rounds differently at the boundary: the few steps after it
    settle on the greedy pass's own test."""
    k = bisect_right(reach, base + width, lo, hi)
    while k > lo and reach[k - 1] - base > width:
        k -= 1
    while k < hi and reach[k] - base <= width:
        k += 1
    return k


def _add_at(values: array[float], indexes: Sequence[int], amounts: Iterable[float]) -> None:
    """``values[i] += amount`` for each index (the indexes distinct)."""
    _set_at(values, indexes, map(add, map(values.__getitem__, indexes), amounts))


def _set_at(values: array[float], indexes: Sequence[int], new: Iterable[float]) -> None:
    deque(map(values.__setitem__, _in_turns(indexes), new), maxlen=0)


def _in_turns(items: Sequence[T]) -> Iterator[T]:
    """``items`` one by one, in chunks that a Python generator hands out: a pass in C (map,
    accumulate) over a long article then lets another thread take Python's lock between
    chunks, so a layout built on a worker never holds the UI thread up for long."""
    return chain.from_iterable(items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK))


def _distinct(items: Sequence[T]) -> set[T]:
    """``set(items)``, built a chunk at a time: one call over a long article's characters
    would hold Python's lock for tens of milliseconds (see ``_in_turns``)."""
    found: set[T] = set()
    for i in range(0, len(items), _CHUNK):
        found.update(items[i : i + _CHUNK])
    return found


def _prefix_sums(values: Iterable[float]) -> array[float]:
    prefix = array("d", [0.0])
    prefix.extend(accumulate(values))
    return prefix


def _differences(
    prefix: array[float], starts: Sequence[int], ends: Sequence[int]
) -> Iterator[float]:
    """``prefix[end] - prefix[start]`` for each span: the sum of the values in it."""
    return map(sub, map(prefix.__getitem__, ends), map(prefix.__getitem__, starts))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty paragraph; a newline ends one."""
    result = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if text[start:end].strip():
            result.append((start, end))
        start = end + 1
    return result
