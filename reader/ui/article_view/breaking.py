"""Chinese line-breaking rules (a practical subset of kinsoku / GB/T 15834 practice).

A line may not begin with closing punctuation and may not end with opening punctuation,
and a run of Latin letters, digits and marks with no space in it (``10:48``,
``2016/03/19``, ``ssh-agent(1)``) is not cut between its tokens.
Instead of checking lines after the fact, the layout glues such characters to their
neighbours, so a break opportunity simply never exists where a rule forbids one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

NO_LINE_START = frozenset("，。、；：？！）」』”’…‥%％‰》〉】〕｝］〗〙〛·・～,.;:?!)]}>°℃")
NO_LINE_END = frozenset("（「『“‘《〈【〔｛［〖〘〚([{<")
# printable ASCII but the space: two of these side by side are one unspaced run
_UNSPACED_LATIN = frozenset(chr(code) for code in range(0x21, 0x7F))


def break_opportunities(text: str, start: int, end: int, word_starts: Sequence[int]) -> list[int]:
    """Offsets in ``text[start:end]`` where a line may begin, ``start`` first.

    ``word_starts`` (sorted) are where tokens begin; a break is allowed only there, never
    before a character that cannot start a line, never after one that cannot end one, and
    never inside an unspaced Latin run (a time, a date, an address: the segmenter cuts
    ``10:48`` in three). Whitespace is a break opportunity on both sides. A run wider
    than a line is still cut, by ``may_break_before``.
    """
    result = [start]
    first = bisect_right(word_starts, start)
    last = bisect_left(word_starts, end)
    for k in range(first, last):
        offset = word_starts[k]
        char, before = text[offset], text[offset - 1]
        if (
            char in NO_LINE_START
            or before in NO_LINE_END
            or (char in _UNSPACED_LATIN and before in _UNSPACED_LATIN)
        ):
            continue
        result.append(offset)
    return result


def may_break_before(text: str, offset: int, line_start: int) -> bool:
    """Whether a line may begin at ``offset`` inside a word too long for one line."""
    return offset > line_start and (
        text[offset] not in NO_LINE_START and text[offset - 1] not in NO_LINE_END
    )
