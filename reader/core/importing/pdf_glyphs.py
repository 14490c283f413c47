"""Glyphs of TeX fonts that PDFium reads as control codes, put back as what they show.

A TeX font without a Unicode map gives its glyph's code in the font, which is a control
character where the font puts a symbol there: the CTEX FAQ's dangerous bend (manfnt's
127: ☡, beside its hard questions), and the per mille sign and bullet of the text
companion font (TS1's 0x87 and 0x88: its list items' ``•`` and ``如何显示千分号 ‰``;
that FAQ's copy of the font has no name). The same codes in other fonts are other glyphs
(CMMI's 127 is a tie accent), so the font of each one is asked; the rest are left to the
control characters' cleaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable

DANGEROUS_BEND = "\u2621"
_CODES = re.compile("[\x7f\x87\x88]")
_FONTS: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = (
    (re.compile(r"^manfnt", re.I), {"\x7f": DANGEROUS_BEND}),
    # (TS1 fonts: tcrm1000, tcss0900…)
    (re.compile(r"^(?:tc[a-z]{2}\d{4})?$", re.I), {"\x87": "\u2030", "\x88": "\u2022"}),
)


def readable_glyphs(text: str, font_name: Callable[[int], str]) -> str:
    """The page's text with those glyphs as their symbols; ``font_name`` of an index in
    it is the name of its character's font (without a subset's ``ABCDEF+``)."""
    if not _CODES.search(text):
        return text

    def symbol(match: re.Match[str]) -> str:
        name = font_name(match.start())
        for font, symbols in _FONTS:
            if font.match(name):
                return symbols.get(match.group(), match.group())
        return match.group()

    return _CODES.sub(symbol, text)
