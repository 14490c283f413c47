"""Chinese line-breaking rules (a practical subset of kinsoku / GB/T 15834 practice).

A line may not begin with closing punctuation and may not end with opening punctuation.
Instead of checking lines after the fact, the layout glues such characters to their
neighbours, so a break opportunity simply never exists where a rule forbids one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

NO_LINE_START = frozenset("，。、；：？！）」』”’…‥%％‰》〉】〕｝］〗〙〛·・～,.;:?!)]}>°℃")
NO_LINE_END = frozenset("（「『“‘《〈【〔｛［〖〘〚([{<")


def break_opportunities(text: str, start: int, end: int, word_starts: Sequence[int]) -> list[int]:
    """Offsets in ``text[start:end]`` where a line may begin, ``start`` first.

    ``word_starts`` (sorted) are where tokens begin; a break is allowed only there, never
    before a character that cannot start a line, and never after one that cannot end one.
    Whitespace is a break opportunity on both sides.
    """
    result = [start]
    first = bisect_right(word_starts, start)
    last = bisect_left(word_starts, end)
    for k in range(first, last):
        offset = word_starts[k]
        if text[offset] in NO_LINE_START or text[offset - 1] in NO_LINE_END:
            continue
        result.append(offset)
    return result


def may_break_before(text: str, offset: int, line_start: int) -> bool:
    """Whether a line may begin at ``offset`` inside a word too long for one line."""
    return offset > line_start and (
        text[offset] not in NO_LINE_START and text[offset - 1] not in NO_LINE_END
    )
