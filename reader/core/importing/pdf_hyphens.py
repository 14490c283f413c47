"""Words PDFium found hyphenated at a line's end, whole again or kept hyphenated.

PDFium joins such a line to the next and marks the hyphen with U+FFFE (``Compre\\ufffe
hensive``), whether it was the typesetter's (a word broken to fit the line) or the word's
own (``Shift-JIS``, ``CTEX-Ext``, broken after their hyphen). The document says which:
the form found elsewhere in its text (``companion``, ``\\usepackage`` whole; ``CTEX-Ext``
hyphenated); failing both, a part that starts with a capital or holds a digit keeps its
hyphen (a name, a code) and lower-case parts are one word (``Documenta`` / ``tion``).
"""

from __future__ import annotations

import re

MARK = "\ufffe"
_BROKEN = re.compile(rf"([A-Za-z\u00c0-\u024f0-9]*){MARK}([A-Za-z\u00c0-\u024f0-9]*)")


def rejoined(pages: list[str]) -> list[str]:
    """The pages' texts with each marked hyphen resolved against all of them."""
    whole = "\n".join(pages)
    if MARK not in whole:
        return pages

    def word(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        joined, hyphenated = left + right, f"{left}-{right}"
        if hyphenated in whole:
            return hyphenated
        if joined in whole:
            return joined
        named = right[:1].isupper() or any(c.isdigit() for c in left + right)
        return hyphenated if named and left and right else joined

    return [_BROKEN.sub(word, page) for page in pages]
