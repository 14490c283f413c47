"""A page's footnotes moved out of a paragraph that the page break cuts.

A book sets its footnotes at the foot of the page, under the text: when a paragraph goes on
onto the next page, its first half, the footnotes and its second half follow each other in
the text layer, and the footnotes are glued into the paragraph (…文字密一些的地方，4中文排版
实现汉字间断行…的支持。 / 单词间距就略窄，反之略宽。). Here they move to where the cut
paragraph's sentence ends on the next page, each a paragraph of its own.

A footnote is a line at the page's foot that starts with its number glued to its text
(``4中文排版…``, ``1https://…``), a number the page's text carries as a mark (``空格”4。``);
the lines under it, to the page's end, are its own.
"""

from __future__ import annotations

import re

from reader.core.importing.reflow import ends_sentence, looks_like_code, width

_FOOT_LINES = 8  # the footnotes are among a page's last lines
_FOOTNOTE = re.compile(r"^(\d{1,2})(?=[^\d\s.,:;)\]）。，、：%])")
_INDENT = "\u3000"  # a line so indented starts a paragraph (reflow)
_WIDE_QUANTILE = 0.9  # the page's full lines: its widest but a few (a long URL, a formula)
_FULL_SHARE = 0.8


def _footnotes_start(lines: list[str]) -> int | None:
    """Where a page's footnotes begin (the index of the first), or None."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    start = None
    for i in reversed(filled[-_FOOT_LINES:]):
        match = _FOOTNOTE.match(lines[i].strip())
        if match is None:
            continue
        body = "\n".join(lines[:i])
        if re.search(rf"(?<=[^\s\d]){match.group(1)}(?!\d)", body):
            start = i
    return start


def _full(line: str, lines: list[str]) -> bool:
    """Whether ``line`` runs to the page's right margin, as a line a paragraph goes on
    after does (a line of code that ends a paragraph before a page break is shorter)."""
    widths = sorted(width(other) for other in lines if other.strip())
    return width(line) >= _FULL_SHARE * widths[int(len(widths) * _WIDE_QUANTILE)]


def _starting_a_paragraph(lines: list[str]) -> list[str]:
    """``lines`` with their first line of text indented: it starts a paragraph."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines
    return [*lines[:first], _INDENT + lines[first].strip(), *lines[first + 1 :]]


def move_footnotes(pages: list[list[str]]) -> list[list[str]]:
    """The pages' lines, each footnote a paragraph of its own; those of a paragraph the
    page break cuts (its line above them runs to the margin and ends no sentence) moved to
    after its end on the next page."""
    result = [list(lines) for lines in pages]
    for index, lines in enumerate(result):
        start = _footnotes_start(lines)
        if start is None:
            continue
        notes = [
            (_INDENT if _FOOTNOTE.match(line.strip()) else "") + line.strip()
            for line in lines[start:]
            if line.strip()
        ]
        result[index] = [*lines[:start], *notes]
        above = [line for line in lines[:start] if line.strip()]
        if index + 1 == len(result) or not above:
            continue
        following = result[index + 1]
        last = above[-1].strip()
        ended = ends_sentence(last) or last.endswith(("：", ":")) or looks_like_code(last)
        if ended or not _full(last, above):
            # the page's text ended above its notes: the next page's is not a note's
            result[index + 1] = _starting_a_paragraph(following)
            continue
        end = next((i for i, line in enumerate(following) if ends_sentence(line)), None)
        if end is None:
            continue
        # the text goes on after the notes: not glued to the last one
        rest = _starting_a_paragraph(following[end + 1 :])
        result[index] = lines[:start]
        result[index + 1] = [*following[: end + 1], *notes, *rest]
    return result
