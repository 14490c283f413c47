"""Recognised lines → paragraphs in reading order, by the lines' geometry.

Pieces on one line (their boxes overlap vertically by half) are joined left to right; a
paragraph ends where the next line starts after a wider gap than the page's lines have
between them, where a line stops short of the text's right edge, where the next line is
indented, and where the type size changes (a heading). A page whose lines are mostly
vertical is read column by column from the right, top to bottom, the same rules turned
by a quarter.

Phone furniture is dropped: a piece with no Hanzi and no word of two letters (the status
bar's ``13``, ``9210:20``, ``B/s``; the navigation bar's ○ □ ◁; a lone ``×``).

Every character keeps the recogniser's probability, so the article can mark the uncertain
ones (``Paragraph.confidences``; the characters put in to join pieces count as certain).
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from reader.core.importing.ocr_engine import Box, OcrLine

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_WORD = re.compile(r"[A-Za-z]{2}")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
_SAME_LINE = 0.5  # pieces overlapping vertically by this share of the smaller are one line
_PARAGRAPH_GAP = 0.6  # of a line's height, beyond the usual gap between lines
_SHORT_LINE = 1.5  # of a character's width, before the text's right edge
_INDENT = 1.0  # of a character's width, after the text's left edge
_SIZE_CHANGE = 0.25  # a line this much taller or shorter than the one before is a heading
_SIZED = 3  # characters a line needs for its height to tell its type size (a short line's
# box is grown relatively more, around one or two characters)


@dataclass(frozen=True)
class Paragraph:
    text: str
    confidences: tuple[float, ...]  # one per character of ``text``


@dataclass
class _Row:
    box: Box
    text: str
    confidences: list[float]


def is_furniture(text: str) -> bool:
    """A status bar's clock or signal, a navigation icon: no Hanzi, no two-letter word."""
    return not _HAN.search(text) and not _WORD.search(text)


def paragraphs(lines: list[OcrLine], width: int) -> list[Paragraph]:
    """The page's text as paragraphs in reading order (the page is ``width`` pixels wide)."""
    kept = [line for line in lines if not is_furniture(line.text)]
    vertical = sum(len(line.text) for line in kept if line.box.vertical) * 2 > sum(
        len(line.text) for line in kept
    )
    if vertical:  # turned a quarter clockwise: the rightmost column becomes the top row
        kept = [OcrLine(_turned(line.box, width), line.text, line.confidences) for line in kept]
    return _paragraphs(_rows(kept))


def _turned(box: Box, width: int) -> Box:
    """``box`` on the page turned a quarter clockwise (``width``: the page's width)."""
    return Box(box.top, width - box.right, box.bottom, width - box.left)


def _rows(lines: list[OcrLine]) -> list[_Row]:
    rows: list[_Row] = []
    for line in sorted(lines, key=lambda line: (line.box.top, line.box.left)):
        row = next((r for r in rows if _overlap(r.box, line.box) >= _SAME_LINE), None)
        if row is None:
            rows.append(_Row(line.box, line.text, list(line.confidences)))
            continue
        before = row.box.left > line.box.left  # the new piece lies left of the row
        first, second = (line.text, row.text) if before else (row.text, line.text)
        firsts, seconds = (
            (list(line.confidences), row.confidences)
            if before
            else (row.confidences, list(line.confidences))
        )
        joint = _joint(first, second) or " "  # pieces apart on one line: a space between
        row.text = first + joint + second
        row.confidences = [*firsts, *([1.0] * len(joint)), *seconds]
        row.box = Box(
            min(row.box.left, line.box.left),
            min(row.box.top, line.box.top),
            max(row.box.right, line.box.right),
            max(row.box.bottom, line.box.bottom),
        )
    return sorted(rows, key=lambda r: r.box.top)


def _overlap(a: Box, b: Box) -> float:
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared / max(1, min(a.height, b.height))


def _joint(before: str, after: str) -> str:
    """What goes between two pieces of one paragraph: a space between Latin words only."""
    return " " if _LATIN_END.search(before) and _LATIN_START.search(after) else ""


def _paragraphs(rows: list[_Row]) -> list[Paragraph]:
    if not rows:
        return []
    heights = [r.box.height for r in rows]
    line_height = statistics.median(heights)
    gaps = [b.box.top - a.box.bottom for a, b in itertools.pairwise(rows)]
    usual_gap = min(gaps, default=0.0) if len(gaps) < 3 else statistics.median(gaps)
    left = min(r.box.left for r in rows)
    right = max(r.box.right for r in rows)
    result: list[Paragraph] = []
    text, confidences = rows[0].text, list(rows[0].confidences)
    for previous, row in itertools.pairwise(rows):
        char = min(previous.box.height, row.box.height)  # a Hanzi is about as wide as high
        gap = row.box.top - previous.box.bottom
        new = (
            gap > usual_gap + _PARAGRAPH_GAP * line_height
            or previous.box.right < right - _SHORT_LINE * char
            or row.box.left > left + _INDENT * char
            or (
                min(len(row.text), len(previous.text)) >= _SIZED
                and abs(row.box.height - previous.box.height)
                > _SIZE_CHANGE * max(row.box.height, previous.box.height)
            )
        )
        if new:
            result.append(Paragraph(text, tuple(confidences)))
            text, confidences = row.text, list(row.confidences)
        else:
            joint = _joint(text, row.text)
            text += joint + row.text
            confidences += [1.0] * len(joint) + row.confidences
    result.append(Paragraph(text, tuple(confidences)))
    return result
