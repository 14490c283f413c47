"""The pure layout of an article: characters with ruby above them, in lines of a width.

No painting and no Qt: a `FontMetrics` object answers advances and heights, so tests and
benchmarks lay out real text without a window. The work is split so that a resize is
cheap: cell widths and their prefix sums, paragraphs and break opportunities depend only
on the text, the ruby and the font (`ArticleLayout.__init__`); `relayout(width)` is one
greedy pass over break opportunities (words, not characters) that records where each line
starts. A character's x is then a difference of two prefix sums, and hit-testing a point
is two bisections.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from reader.ui.article_view.breaking import (
    NO_LINE_START,
    break_opportunities,
    may_break_before,
)


class FontMetrics(Protocol):
    """What the layout needs to know about the fonts; Qt's metrics or a test's stand-in."""

    char_height: float  # height of a line of characters
    ruby_height: float  # height of the band of ruby above them
    title_height: float  # height of a line of the title
    line_gap: float  # space between two lines
    paragraph_gap: float  # extra space after a paragraph
    ruby_gap: float  # minimum horizontal space between two ruby syllables

    def char_advance(self, char: str) -> float: ...

    def ruby_advance(self, ruby: str) -> float: ...

    def title_advance(self, char: str) -> float: ...


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
    """Line boxes for ``text``: one cell per character, ruby centred over its cell.

    ``token_starts`` (sorted) are where the article's tokens begin: lines break only there
    unless a word is longer than a line. ``rubies`` holds one ruby string per character
    (``""`` for none); when ``show_ruby`` is false no band is reserved for it.
    """

    def __init__(
        self,
        text: str,
        token_starts: Sequence[int],
        rubies: Sequence[str],
        metrics: FontMetrics,
        *,
        title: str = "",
        show_ruby: bool = True,
    ) -> None:
        if len(rubies) != len(text):
            raise ValueError("one ruby string per character is needed")
        self.text = text
        self.token_starts = token_starts
        self.rubies = rubies
        self.metrics = metrics
        self.title = title
        self.show_ruby = show_ruby
        ruby_band = metrics.ruby_height if show_ruby else 0.0
        self.ruby_band = ruby_band
        self.line_height = ruby_band + metrics.char_height
        self.prefix = self._cell_prefix_sums()
        self.paragraphs = _paragraphs(text)
        self._breaks: list[int] = []
        self._paragraph_breaks: list[tuple[int, int]] = []
        for start, end in self.paragraphs:
            first = len(self._breaks)
            self._breaks += break_opportunities(text, start, end, token_starts)
            self._paragraph_breaks.append((first, len(self._breaks)))
        self.width = 0.0
        self.height = 0.0
        self.title_lines: list[tuple[str, float]] = []
        self.line_starts = array("q")
        self.line_ends = array("q")
        self.line_tops = array("d")

    def _cell_prefix_sums(self) -> array[float]:
        """Cumulative cell widths: cell ``i`` spans ``prefix[i]..prefix[i + 1]``; a cell is
        as wide as its character or its ruby, whichever is wider. Each distinct character
        and ruby is measured once; the per-cell work runs in C (map, accumulate)."""
        char_width = {char: self.metrics.char_advance(char) for char in set(self.text)}
        char_width["\n"] = 0.0
        widths = map(char_width.__getitem__, self.text)
        if self.show_ruby:
            gap = self.metrics.ruby_gap
            ruby_width = {
                ruby: self.metrics.ruby_advance(ruby) + gap for ruby in set(self.rubies) if ruby
            }
            ruby_width[""] = 0.0
            widths = map(max, widths, map(ruby_width.__getitem__, self.rubies))
        prefix = array("d", [0.0])
        prefix.extend(accumulate(widths))
        return prefix

    def relayout(self, width: float) -> None:
        """Break every paragraph into lines no wider than ``width`` (greedy, by words)."""
        self.width = width
        metrics = self.metrics
        y = self._layout_title(width)
        line_starts = array("q")
        line_ends = array("q")
        line_tops = array("d")
        prefix = self.prefix
        text = self.text
        breaks = self._breaks
        step = self.line_height + metrics.line_gap
        for (start, end), (b0, b1) in zip(self.paragraphs, self._paragraph_breaks, strict=True):
            line_start = start
            base = prefix[start]
            line_starts.append(start)
            line_tops.append(y)
            for k in range(b0, b1):
                following = breaks[k + 1] if k + 1 < b1 else end
                if prefix[following] - base <= width:
                    continue
                offset = breaks[k]
                if offset > line_start and not text[offset].isspace():
                    line_ends.append(offset)
                    line_start = offset
                    base = prefix[offset]
                    y += step
                    line_starts.append(offset)
                    line_tops.append(y)
                if prefix[following] - base > width:  # a word longer than a line
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
            line_ends.append(end)
            y += step + metrics.paragraph_gap
        self.line_starts = line_starts
        self.line_ends = line_ends
        self.line_tops = line_tops
        self.height = y

    def _layout_title(self, width: float) -> float:
        """Wrap the title character by character; return where the body begins."""
        self.title_lines = []
        if not self.title:
            return 0.0
        metrics = self.metrics
        y = 0.0
        line = ""
        used = 0.0
        for char in self.title:
            advance = metrics.title_advance(char)
            if line and used + advance > width and char not in NO_LINE_START:
                self.title_lines.append((line, y))
                y += metrics.title_height
                line, used = "", 0.0
            line += char
            used += advance
        self.title_lines.append((line, y))
        return y + metrics.title_height + metrics.paragraph_gap * 2

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
        return self.prefix[char_index] - self.prefix[self.line_starts[line]]

    def cell_width(self, char_index: int) -> float:
        return self.prefix[char_index + 1] - self.prefix[char_index]

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
        target = self.prefix[start] + x
        char = bisect_right(self.prefix, target, start, end + 1) - 1
        if char >= end:
            return None
        token = bisect_right(self.token_starts, char) - 1
        return Hit(token, char)

    def char_at_line_x(self, line: int, x: float) -> int:
        """The character offset nearest to ``x`` on a line (for selections)."""
        start, end = self.line_starts[line], self.line_ends[line]
        target = self.prefix[start] + x
        char = bisect_right(self.prefix, target, start, end + 1) - 1
        if char < start:
            return start
        if char >= end:
            return end
        middle = (self.prefix[char] + self.prefix[char + 1]) / 2
        return char + 1 if target > middle else char

    def line_at_y(self, y: float) -> int:
        return min(max(0, bisect_right(self.line_tops, y) - 1), max(0, self.line_count - 1))


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
