"""Finding in the article: every occurrence of the find bar's text, and the next one.

Pure functions over the displayed text (testable without a widget); the view marks the
occurrences and selects the one these choose.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def occurrences(text: str, needle: str) -> list[int]:
    """The start of every occurrence of ``needle`` in ``text``, overlapping ones too."""
    starts: list[int] = []
    if not needle:
        return starts
    found = text.find(needle)
    while found >= 0:
        starts.append(found)
        found = text.find(needle, found + 1)
    return starts


def next_occurrence(starts: list[int], origin: int, backwards: bool = False) -> int | None:
    """The index in ``starts`` of the first occurrence at or after ``origin`` (backwards:
    the last one before it), wrapping around the article; None when there is none."""
    if not starts:
        return None
    if backwards:
        index = bisect_left(starts, origin) - 1
        return index if index >= 0 else len(starts) - 1
    index = bisect_left(starts, origin)
    return index if index < len(starts) else 0


def visible_occurrences(starts: list[int], length: int, first: int, last: int) -> range:
    """The indexes in ``starts`` of the occurrences that reach into ``[first, last)``."""
    return range(bisect_right(starts, first - length), bisect_left(starts, last))
