"""Words PDFium found hyphenated at a line's end, whole again or kept hyphenated.

PDFium joins such a line to the next and marks the hyphen with U+FFFE (``Compre\\ufffe
hensive``), whether it was the typesetter's (a word broken to fit the line) or the word's
own (``Shift-JIS``, ``CTEX-Ext``, broken after their hyphen). The document says which:
the form found elsewhere in its text (``companion`` whole; ``CTEX-Ext``
hyphenated); failing both, two parts that are words of the text each (``top-aligned``)
or a part that starts with a capital or holds a digit (a name, a code: ``Shift-JIS``)
keep the hyphen, and other parts are one word (``Documenta`` / ``tion``). A TeX command's
name is one word whatever the text holds (``\\page`` / ``style``: ``⟨page-style⟩`` is a
placeholder's).
"""

from __future__ import annotations

import re
from collections.abc import Callable

MARK = "\ufffe"
_LATIN = "A-Za-z\u00c0-\u024f"
_LEFT = re.compile(rf"(\\?)([{_LATIN}0-9]*)$")  # (a TeX command's backslash)
_RIGHT = re.compile(rf"[{_LATIN}0-9]*")
_LETTER = re.compile(rf"[{_LATIN}{MARK}]")
_REACH = 64  # characters before a mark that its word may hold


def rejoined(pages: list[str]) -> list[str]:
    """The pages' texts with each marked hyphen resolved against all of them."""
    whole = "\n".join(pages)
    if MARK not in whole:
        return pages

    def word(command: str, left: str, right: str) -> str:
        joined, hyphenated = command + left + right, f"{command}{left}-{right}"
        if command or not (left and right):
            return joined  # (a TeX command's name holds no hyphen: \\page / style)
        if hyphenated in whole:
            return hyphenated
        if joined in whole:
            return joined
        compound = _has_word(whole, left) and _has_word(whole, right)
        named = right[0].isupper() or any(c.isdigit() for c in joined)
        return hyphenated if compound or named else joined

    return [_resolved(page, word) if MARK in page else page for page in pages]


def _has_word(text: str, word: str) -> bool:
    """Whether the text holds the word on its own, not as part of a word nor of a broken
    one (``compan`` of ``compan\ufffeion`` is none)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not _LETTER.match(text, at - 1 if at else 0, at) and not _LETTER.match(
            text, end, end + 1
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _broken(text: str) -> list[tuple[int, int, str, str, str]]:
    """Each marked break: its span, the command's backslash, the parts before and after."""
    found: list[tuple[int, int, str, str, str]] = []
    at = text.find(MARK)
    while at >= 0:
        stop = found[-1][1] if found else 0  # (a part between two marks is the first's)
        left = _LEFT.search(text, max(at - _REACH, stop), at)
        right = _RIGHT.match(text, at + 1)
        assert left is not None and right is not None  # (both match the empty string)
        found.append((left.start(), right.end(), left.group(1), left.group(2), right.group()))
        at = text.find(MARK, at + 1)
    return found


def _resolved(text: str, word: Callable[[str, str, str], str]) -> str:
    pieces: list[str] = []
    end = 0
    for start, stop, command, left, right in _broken(text):
        pieces.extend((text[end:start], word(command, left, right)))
        end = stop
    return "".join(pieces) + text[end:]
