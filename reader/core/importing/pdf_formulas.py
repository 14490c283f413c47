"""A typeset formula in a PDF's text layer, as PDFium gives it: each superscript, fraction
part and big operator on a line of its own, so ``a² + b² = c²`` comes out as ``a`` / ``2 +
b`` / ``2 = c`` / ``2``. Read as text, that is a trail of single letters and digits through
the sentence around it (``The Pythagorean theorem is a 2 + b 2 = c.``).

Such a run of lines (at least three, each made of one-character tokens, with a letter and a
mathematical sign or a letter beyond ASCII among them: ``π``, ``ϵ``) is replaced by a
placeholder that says a formula stood there (the full stop after it stays). A run that
starts on an exponent or an operator (``2 + b``) began on the line before it: that line's
last one-character token (``…theorem is a``) is the formula's first. A table of single
letters or digits (``a b c``, ``4 9 2``) has no sign and stays; code has braces,
backslashes or words, and stays too.
"""

from __future__ import annotations

import unicodedata

FORMULA = "[公式]"
_RUN_MIN = 3  # lines a formula spreads over, at the least
_LINE_MAX = 16  # characters on one of its lines
_CODE = frozenset("\\{}$%&#_^~")


def _piece(line: str) -> bool:
    """A line of one-character tokens (``2 + b``, ``π``, ``.``), none of them code."""
    tokens = line.split()
    return (
        bool(tokens)
        and len(line) <= _LINE_MAX
        and all(
            len(t) == 1 and t not in _CODE and unicodedata.category(t)[0] in "LNSP" for t in tokens
        )
    )


def _mathematical(lines: list[str]) -> bool:
    chars = [c for line in lines for c in line if not c.isspace()]
    letter = any(c.isalpha() for c in chars)
    sign = any(unicodedata.category(c) == "Sm" or (c.isalpha() and not c.isascii()) for c in chars)
    return letter and sign


def without_formulas(lines: list[str]) -> list[str]:
    """The lines with each formula's run of pieces replaced by ``FORMULA``, put at the end
    of the line before it (the sentence it stands in) or on a line of its own."""
    stripped = [line.strip() for line in lines]
    result: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and _piece(stripped[end]):
            end += 1
        marks = end
        while marks > i and all(unicodedata.category(c)[0] == "P" for c in stripped[marks - 1]):
            marks -= 1  # the sentence's own mark after the formula (``.``) stays
        if marks - i < _RUN_MIN or not _mathematical(stripped[i:marks]):
            result.append(lines[i])
            i += 1
            continue
        before = result[-1].rstrip() if result else ""
        head, _, last = before.rpartition(" ")
        first = stripped[i][0]
        if len(last) == 1 and head and (first.isdigit() or unicodedata.category(first) == "Sm"):
            before = head  # the formula's first letter is at that line's end
        formula = FORMULA + "".join(stripped[marks:end])
        if before.strip():
            result[-1] = f"{before} {formula}"
        else:
            result.append(formula)
        i = end
    return result
