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

MARK = "\ufffe"
_LATIN = "A-Za-z\u00c0-\u024f"
_BROKEN = re.compile(rf"(\\?)([{_LATIN}0-9]*){MARK}([{_LATIN}0-9]*)")
_WORD = re.compile(rf"[{_LATIN}]+")


def rejoined(pages: list[str]) -> list[str]:
    """The pages' texts with each marked hyphen resolved against all of them."""
    whole = "\n".join(pages)
    if MARK not in whole:
        return pages
    words: set[str] = set()  # the document's words, gathered when first asked

    def word(match: re.Match[str]) -> str:
        command, left, right = match.groups()
        joined, hyphenated = command + left + right, f"{command}{left}-{right}"
        if command or not (left and right):
            return joined  # (a TeX command's name holds no hyphen: \\page-style)
        if hyphenated in whole:
            return hyphenated
        if joined in whole:
            return joined
        if not words:
            words.update(_WORD.findall(_BROKEN.sub(" ", whole)))  # (not the parts)
        compound = left in words and right in words
        named = right[0].isupper() or any(c.isdigit() for c in joined)
        return hyphenated if compound or named else joined

    return [_BROKEN.sub(word, page) for page in pages]
