"""A typeset formula in a PDF's text layer, as PDFium gives it: each superscript, fraction
part and big operator on a line of its own, so ``a² + b² = c²`` comes out as ``a`` / ``2 +
b`` / ``2 = c`` / ``2``. Read as text, that is a trail of single letters and digits through
the sentence around it (``The Pythagorean theorem is a 2 + b 2 = c.``).

Such a run of lines (at least three, each made of a formula's tokens: one character, or a
symbol with its index or exponent, ``Pn``, ``k2``, ``k=1``, ``limn→∞``, never a word; with
a letter and a mathematical sign or a letter beyond ASCII among them: ``π``, ``ϵ``) is
replaced by a placeholder that says a formula stood there (the full stop after it stays).
A run that starts on an exponent or an operator (``2 + b``) began on the line before it:
that line's last one-character token (``…theorem is a``) is the formula's first, and so
are the formula's tokens that end it (``In text: limn→∞ Pn`` / ``k=1`` / …). A table of
single letters or digits (``a b c``, ``4 9 2``) has no sign and stays; code has braces,
backslashes or words, and stays too.

A formula set apart after a sample's words (``Or if you like the long one:`` / the
formula) is a display: the Chinese line under it starts a paragraph (``PARAGRAPH_START``)
instead of being glued on (``[公式]我们通过…``).
"""

from __future__ import annotations

import re
import unicodedata

FORMULA = "[公式]"
PARAGRAPH_START = "\u3000"  # an indent: the line starts a paragraph (see ``reflow``)
_RUN_MIN = 3  # lines a formula spreads over, at the least
_LINE_MAX = 16  # characters on one of its lines
_TOKEN_MAX = 8  # characters of one of its tokens (``limn→∞``)
_CODE = frozenset("\\{}$%&#_^~")
# a formula's operator names, which a subscript follows without a space (``limn→∞``)
_OPERATOR = re.compile(r"^(?:lim|max|min|sup|inf|log|ln|sin|cos|tan|exp|det)")
# a word, not a symbol with its index (``Pn``, ``k2``): ``is``, ``the``, ``xi`` (x sub i is
# rare beside the words it would be taken for)
_WORD = re.compile(r"[A-Za-z]{3,}|[a-z]{2}|[A-Z]{2}")
_TWO_LETTER_WORDS = frozenset(
    {"an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my"}
    | {"no", "of", "on", "or", "so", "to", "up", "we"}
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _token(token: str) -> bool:
    """A formula's token: one letter, digit, sign or mark, or a short symbol with its
    index or exponent (``Pn``, ``k2``, ``k=1``, ``limn→∞``), no word, no code, and not an
    equation's number (``(4.1)``); no Hanzi (a line of them is a table's cell or a verse,
    ``天地玄黄``, ``页眉``)."""
    if _HAN.search(token):
        return False
    if len(token) == 1:
        return token not in _CODE and unicodedata.category(token)[0] in "LNSP"
    if token.lower() in _TWO_LETTER_WORDS:
        return False
    symbol = _OPERATOR.sub("", token)
    letters = any(c.isalpha() for c in token)
    return (
        (len(token) <= _TOKEN_MAX or not letters)  # (an arrow drawn long: ``⇐====⇒``)
        and (letters or _signed(token))
        and not _WORD.search(symbol)
        and not any(c in _CODE for c in token)
        and all(unicodedata.category(c)[0] in "LNSP" for c in token)
    )


def _signed(text: str) -> bool:
    """A mathematical sign or a letter beyond ASCII (``π``, ``→``) in the text."""
    return any(unicodedata.category(c) == "Sm" or (c.isalpha() and not c.isascii()) for c in text)


def _piece(line: str) -> bool:
    """A line of one-character tokens (``2 + b``, ``π``, ``.``), none of them code."""
    tokens = line.split()
    return bool(tokens) and len(line) <= _LINE_MAX and all(_token(t) for t in tokens)


def _mathematical(lines: list[str]) -> bool:
    text = "".join(lines)
    return any(c.isalpha() for c in text) and _signed(text)


def _without_formula_head(before: str, first: str) -> str:
    """The line before a formula's run without the formula's tokens at its end: those with
    a sign among them (``In text: limn→∞ Pn`` / ``k=1``), or, where the run starts on an
    index, an exponent or an operator (``i=1``, ``2 + b``), the symbols it belongs to
    (``In text: Pn`` / ``i=1``, ``…theorem is a`` / ``2 + b``)."""
    words = before.split(" ")
    start = len(words)
    while start > 1 and _token(words[start - 1]):
        start -= 1
    head = words[start:]
    tail = first.isdigit() or unicodedata.category(first[0]) == "Sm" or "=" in first
    if head and (_signed("".join(head)) or tail):
        return " ".join(words[:start])
    return before


def _formula_tail(after: str) -> str:
    """The formula's tokens that start the line after its run (``2 = 0`` of ``2 = 0 then
    ...``): up to the first word, if there is a sign or a digit among them."""
    words = after.split(" ")
    end = 0
    while end < len(words) - 1 and _token(words[end]):
        end += 1
    tail = " ".join(words[:end])
    return tail if _signed(tail) or any(c.isdigit() for c in tail) else ""


def without_formulas(lines: list[str]) -> list[str]:
    """The lines with each formula's run of pieces replaced by ``FORMULA``, put at the end
    of the line before it (the sentence it stands in) or on a line of its own, the words
    after its tokens on the next line (``then ...``) after it."""
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
        line_before = result[-1].rstrip() if result else ""
        before = _without_formula_head(line_before, stripped[i].split()[0]) if end > i else ""
        tail = _formula_tail(stripped[end]) if marks == end < len(lines) else ""
        pieces = [*stripped[i:marks], tail, line_before[len(before) :]]
        spread = marks - i + (tail != "") + (before != line_before)
        if marks == i or spread < _RUN_MIN or not _mathematical(pieces):
            result.append(lines[i])
            i += 1
            continue
        formula = FORMULA + "".join(stripped[marks:end])
        if line_before.strip():
            result[-1] = f"{before} {formula}" if before.strip() else formula
        else:
            result.append(formula)
        i = end
        if tail:
            result[-1] += stripped[i][len(tail) :]  # the sentence goes on after it
            i += 1
            continue
        displayed = marks == end and not _HAN.search(before.replace(FORMULA, ""))
        if displayed and i < len(lines) and _HAN.match(stripped[i]):
            result.append(PARAGRAPH_START + stripped[i])  # the text after a display
            i += 1
    return result
