"""A margin's notes that a PDF's text layer put inside the text, taken out.

A note set in the margin beside a heading (a FAQ's ``New v0.4``, ``Revised v0.4`` beside its
questions) comes out of extraction cut in two: its first word after the heading's line
(``12 哪里可以下载 CTEX 中文套装软件？Revised``) and the rest before the next line
(``v0.4 CTEX 首页上的下载中心：``). Such a note is told by recurring: the same word after a
sentence's end at a line's end, then the same number-bearing word opening the next line, at
least three times in the document. The note is the margin's, not the text: it goes.
"""

from __future__ import annotations

import collections
import itertools
import re

_TAIL = re.compile(r"(?<=[。！？.!?])\s*([A-Za-z]{2,12})$")
_HEAD = re.compile(r"^(\S*\d\S*)\s+(?=\S)")
_RECURRING_MIN = 3


def _pair(line: str, next_line: str) -> tuple[str, str] | None:
    tail, head = _TAIL.search(line.strip()), _HEAD.match(next_line.strip())
    return (tail.group(1), head.group(1)) if tail and head else None


def without_margin_notes(pages: list[list[str]]) -> list[list[str]]:
    """The pages' lines without the notes that recur cut across two lines."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for lines in pages:
        for line, next_line in itertools.pairwise(lines):
            pair = _pair(line, next_line)
            if pair is not None:
                counts[pair] += 1
    notes = {pair for pair, count in counts.items() if count >= _RECURRING_MIN}
    if not notes:
        return pages
    result: list[list[str]] = []
    for lines in pages:
        kept = list(lines)
        for i in range(len(kept) - 1):
            if _pair(kept[i], kept[i + 1]) in notes:
                kept[i] = _TAIL.sub("", kept[i].rstrip())
                kept[i + 1] = _HEAD.sub("", kept[i + 1].strip())
        result.append(kept)
    return result
