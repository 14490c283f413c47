"""A PDF page's lines with what their positions say: table cells, paragraph starts.

PDFium's text (``get_text_range``) is a page's lines in reading order with a space where
a gap was, however wide: a table row (``width=⟨width⟩ 将图片缩放到宽度为 ⟨width⟩``) reads
as a sentence, and a paragraph that ends without a full stop runs into the next. The
character boxes say more; only those at each line's ends and beside the spaces of lines
that stop short of the column's right edge are fetched (a C call each, some 60,000 on a
250-page book: 0.08 s, where every box would cost 0.35 s).

- A gap of 1–20 em inside a line is a table's column gap when the cell after it starts
  where a cell of the line above or below starts (a column's left edge), or when it is
  3 em or more, and it is inside the column (a margin's note beyond it is no cell). Word
  spaces, even stretched, stay under 1 em. The cells on either side must hold a letter,
  digit or Hanzi (``|Test some words. |`` is a framed box), a heading's number is no cell
  (``1.1.1 TEX``, ``第八章 …``) and a line of code keeps its spaces. Cells are joined by a
  tab; each row starts a paragraph, and so does the text under the table.
- A line set 1.5–2.4 em in from the column's left edge starts a paragraph (a book's
  first-line indent: 2 em in Chinese) when the line under it is at the edge, or when it
  starts with a Hanzi and the line above is (a one-line paragraph above another).
- A line set in further in a typewriter font after a colon or a sentence's end (``…如下
  命令：`` / ``\\newpage`` / ``\\clearpage``) is code set apart: each of its lines is one
  of its own, and the text under it starts anew (``texdoc ⟨pkg-name⟩`` / ``其中 …``);
  after other words it goes on their sentence (``使用命令`` / ``\\renewcommand…``).
- A line set in further that starts with a Hanzi, not under a line set as far in, is a
  caption or a centred line (``表 3.3: …``): not the text above's.
- A listing of code (lines of code in a typewriter font and one size, one of them set in
  from the column's edge; a Hanzi before any comment or brace is prose's) has each line
  start a paragraph and gives it its indent: how many characters it starts right of the
  listing's leftmost line (the pen's positions, a character's advance apart), which the
  text's spaces do not say (PDFium puts none before a line).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.importing.pdf_formulas import PARAGRAPH_START
from reader.core.importing.pdf_glyphs import DANGEROUS_BEND, readable_glyphs
from reader.core.importing.reflow import ends_sentence

if TYPE_CHECKING:
    import pypdfium2

CELL = "\t"
_CELL_MIN_EM = 1.0  # a stretched word space stays under this
_CELL_CLEAR_EM = 3.0  # a gap this wide is a column's whatever the lines around it
_CELL_MAX_EM = 20.0  # wider: a running header's number at the far margin, no table
_ALIGNED_EM = 0.2  # two cells start in one column
_SAME_X = 1.0  # points: lines that start this close start at one place
_EDGE_LINES = 3
_INDENT_MIN_EM = 1.5
_INDENT_MAX_EM = 2.4  # (a listing of code is set in further: 2.6 em in lshort)
_FILLED = re.compile(r"[^\W_]")  # a cell holds a letter, digit or Hanzi
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # the Hanzi a PDF's text holds
HAN_START = re.compile(f"^[{HAN}]")
_NUMBERED = re.compile(
    r"^(?:§\s*)?(?:\d{1,3}|[A-Z])(?:\.\d{1,3})*\.?$|^第[一二三四五六七八九十百\d]{1,4}[章节篇部]$"
)
_NAME_MAX = 128
_COMMENTS = ("%", "#", "//")
_ALIGNED_SOURCE = re.compile(r"&|\\\\\s*$")  # a TeX table's or alignment's source line
_MONOSPACE = re.compile(r"typewriter|mono|courier|consol|^(?:cm|lm|ec|sf|t1)?tt\d", re.I)
GOES_ON = frozenset("，。、；：！？）」』”’,;:!?)")  # no line of its own starts with these
_SAME_SIZE = 0.1  # points: a listing's lines are set in one size
_INNER_SPACES = re.compile(" +")
# prose that starts with a word in a typewriter font (``\\usepackage 可以一次性调用…``,
# ``legalpaper。有关…``): a Hanzi before any comment or brace (``% 调用宏包``, ``{简介}``)
_PROSE_AFTER_CODE = re.compile(f"^[^%#{{]*[{HAN}]")


# PDFium's functions as plain C calls on addresses: pypdfium2's checked prototypes take
# 1.7 µs a call where these take 1.1 (the layout makes some 60,000 on a 250-page book)
_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *(ctypes.c_void_p,) * 4)
_SIZE = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p, ctypes.c_int)
_ORIGIN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *(ctypes.c_void_p,) * 2)


_Call = Callable[..., Any]


def _unchecked(function: Any, prototype: Callable[[int | None], _Call]) -> _Call:
    """The C function behind a ``pypdfium2.raw`` function (a ctypes pointer) as ``prototype``."""
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


@dataclass(frozen=True, slots=True)
class CodeLine:
    """A line of a listing of code and its indent, in characters."""

    text: str
    indent: int


@dataclass(frozen=True, slots=True)
class LaidOutPage:
    """A page's text (see ``laid_out_page``) and its listings' lines, in reading order."""

    text: str
    code: tuple[CodeLine, ...]


@dataclass(slots=True)
class _Line:
    text: str
    start: int  # the index of its first character on the page
    x: float = 0.0  # the left edge of its first character
    end: float = 0.0  # the right edge of its last
    em: float = 0.0  # its first character's font size
    cells: tuple[tuple[int, float, float], ...] = ()  # candidate gaps: offset, gap, x after


class _Boxes:
    """Character boxes of one text page, fetched one at a time."""

    def __init__(self, textpage: pypdfium2.PdfTextPage, text_length: int) -> None:
        import pypdfium2.raw as pdfium

        self._raw = textpage.raw
        self._address = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        self._box = _unchecked(pdfium.FPDFText_GetCharBox, _BOX)
        self._size = _unchecked(pdfium.FPDFText_GetFontSize, _SIZE)
        self._char_index = pdfium.FPDFText_GetCharIndexFromTextIndex
        self._font = pdfium.FPDFText_GetFontInfo
        self._origin = _unchecked(pdfium.FPDFText_GetCharOrigin, _ORIGIN)
        self._pen = (ctypes.c_double * 2)()  # x, y
        self._name = ctypes.create_string_buffer(_NAME_MAX)
        # the text holds one character per PDFium character but where it does not
        self._mapped = text_length != pdfium.FPDFText_CountChars(self._raw)
        self._edges = (ctypes.c_double * 4)()  # left, right, bottom, top

    def _index(self, text_index: int) -> int:
        return int(self._char_index(self._raw, text_index)) if self._mapped else text_index

    def edges(self, text_indices: list[int]) -> tuple[list[float], list[float]]:
        """The left and right edges of the characters' boxes (a tight loop: the page's
        calls are most of the layout's time)."""
        indices = [self._index(i) for i in text_indices] if self._mapped else text_indices
        box, page, edges = self._box, self._address, self._edges
        base = ctypes.addressof(edges)
        step = ctypes.sizeof(ctypes.c_double)
        left, right, bottom, top = base, base + step, base + 2 * step, base + 3 * step
        lefts: list[float] = []
        rights: list[float] = []
        for index in indices:
            box(page, index, left, right, bottom, top)
            lefts.append(edges[0])
            rights.append(edges[1])
        return lefts, rights

    def origin(self, text_index: int) -> tuple[float, float]:
        """Where the pen stood for the character (x, y): a typewriter's are a character's
        advance apart, which its box's edges are not (``\\`` and ``}`` are inked apart)."""
        pen = self._pen
        at = ctypes.addressof(pen)
        self._origin(
            self._address, self._index(text_index), at, at + ctypes.sizeof(ctypes.c_double)
        )
        return pen[0], pen[1]

    def size(self, text_index: int) -> float:
        return float(self._size(self._address, self._index(text_index)))

    def font_name(self, text_index: int) -> str:
        """The name of the character's font, without a subset's prefix (``CMTT9``)."""
        length = self._font(self._raw, self._index(text_index), self._name, _NAME_MAX, None)
        return self._name.raw[: max(min(length, _NAME_MAX) - 1, 0)].decode("latin-1").split("+")[-1]

    def monospace(self, text_index: int) -> bool:
        """Whether the character is set in a typewriter font (``CMTT9``, ``LMMono10``)."""
        return bool(_MONOSPACE.search(self.font_name(text_index)))


def laid_out_page(textpage: pypdfium2.PdfTextPage) -> LaidOutPage:
    """The page's text, one line a line (``\\n``), with its table rows' cells joined by a
    tab and a ``PARAGRAPH_START`` before each line that starts a paragraph; and the lines
    of its listings of code with their indents."""
    text = textpage.get_text_range()
    boxes = _Boxes(textpage, len(text))
    text = readable_glyphs(text, boxes.font_name)
    lines = _measured(text, boxes)
    filled = [line for line in lines if line.em > 0]
    marks = _paragraph_starts(filled, boxes)
    cells = _table_cells(filled, boxes)
    code = _code_lines(filled, boxes, cells)
    # (a listing's line starts a paragraph: ``#include <iostream>`` / ``int main()``)
    listed = {id(line) for line, _ in code if line.text.lstrip()[:1] not in GOES_ON}
    out: list[str] = []
    after_row = False  # the text under a table starts anew
    sign = ""  # a dangerous bend alone on its line, in the margin of the text it marks
    for line in lines:
        if line.text.strip() and not line.text.strip(DANGEROUS_BEND + " "):
            sign = line.text.strip() + " "
            continue
        offsets = cells.get(id(line), ())
        row = _row(line.text, offsets) if offsets else line.text
        if sign and line.em > 0:
            row, sign = sign + row.lstrip(), ""
        start = bool(offsets) or id(line) in marks or id(line) in listed
        start = start or (after_row and line.em > 0)
        out.append(PARAGRAPH_START + row if start or row.startswith(DANGEROUS_BEND) else row)
        after_row = bool(offsets) or (after_row and line.em <= 0)
    return LaidOutPage("\n".join(out), tuple(listing for _, listing in code))


def _code_lines(
    lines: list[_Line], boxes: _Boxes, rows: dict[int, tuple[tuple[int, int], ...]]
) -> list[tuple[_Line, CodeLine]]:
    """The lines of the page's listings, each with its indent: a run of lines of code in
    a typewriter font and one size around one set in from the column's edge (the font is
    asked of those set in, most lines are not, and of the lines beside them), not a
    table's ``rows`` (cells in a typewriter font: ``fleqn⇥令行间公式左对齐``)."""
    left = _column_left(lines)
    typewriter: dict[int, bool] = {}

    def mono(i: int) -> bool:
        if i not in typewriter:
            line = lines[i]
            prose = id(line) in rows or _PROSE_AFTER_CODE.match(line.text)
            typewriter[i] = not prose and boxes.monospace(_first(line))
        return typewriter[i]

    def same_run(i: int, j: int) -> bool:
        return abs(lines[i].em - lines[j].em) <= _SAME_SIZE and mono(j)

    code: list[tuple[_Line, CodeLine]] = []
    end = 0
    for i, line in enumerate(lines):
        if i < end or line.x - left <= _SAME_X or not mono(i):
            continue
        start = i
        while start > end and same_run(start, start - 1):
            start -= 1
        end = i + 1
        while end < len(lines) and same_run(end - 1, end):
            end += 1
        code.extend(_indented_listing(lines[start:end], boxes))
    return code


def _indented_listing(lines: list[_Line], boxes: _Boxes) -> list[tuple[_Line, CodeLine]]:
    """A run's lines with their indents: the pen's place at each line's start, right of
    the leftmost one's, in characters (the advance from a line's first character to its
    second, the commonest). A line set above the one before it starts another listing
    (the box beside a listing that shows what it typesets: ``\\verb|\\LaTeX|`` / ``LaTeX``)."""
    firsts = [_first(line) for line in lines]
    origins = [boxes.origin(k) for k in firsts]
    advances = sorted(
        boxes.origin(k + 1)[0] - x
        for line, k, (x, _) in zip(lines, firsts, origins, strict=True)
        if line.text[k - line.start + 1 : k - line.start + 2].strip()
    )
    advance = advances[len(advances) // 2] if advances else 0.0
    if advance <= 0:
        return []
    cuts = [0, *(j for j in range(1, len(lines)) if origins[j][1] >= origins[j - 1][1]), len(lines)]
    code: list[tuple[_Line, CodeLine]] = []
    for start, end in itertools.pairwise(cuts):
        if end - start < 2:
            continue
        base = min(x for x, _ in origins[start:end])
        for line, (x, _) in zip(lines[start:end], origins[start:end], strict=True):
            code.append(
                (line, CodeLine(_spaced(line, boxes, advance), round((x - base) / advance)))
            )
    return code


def _spaced(line: _Line, boxes: _Boxes, advance: float) -> str:
    """A listing's line with each run of spaces inside it as wide as the page sets it:
    PDFium gives one space for any gap, so columns aligned with spaces (``Roman    & I``
    under ``Alphabet & A``) would close up. A gap is counted in the typewriter's advances
    from the pen's place at the character before it (a Hanzi there takes two), between
    two characters of the typewriter's only: not the gap to what the listing typesets
    beside it, nor that text's own spaces."""
    text = line.text.strip(" ")
    first = line.start + len(line.text) - len(line.text.lstrip(" "))
    out: list[str] = []
    end = 0
    for gap in _INNER_SPACES.finditer(text):
        before, after = gap.start() - 1, gap.end()
        width = 2 if unicodedata.east_asian_width(text[before]) in "WF" else 1
        dx = boxes.origin(first + after)[0] - boxes.origin(first + before)[0]
        spaces = round(dx / advance) - width  # (the fonts asked only of a wider gap)
        if spaces > 1 and not (boxes.monospace(first + before) and boxes.monospace(first + after)):
            spaces = 1
        out += [text[end : before + 1], " " * max(1, spaces)]
        end = after
    return "".join([*out, text[end:]]).strip()


def _first(line: _Line) -> int:
    """The page's index of the line's first character that is not a space."""
    return line.start + len(line.text) - len(line.text.lstrip(" "))


def _measured(text: str, boxes: _Boxes) -> list[_Line]:
    """The page's lines, each with where it starts and ends, its size and the gaps wide
    enough to be a table's. The boxes are fetched at once: first each line's ends, then
    the characters beside each run of spaces of the lines that stop an em or more short
    of the page's widest line (a justified line reaching the column's edge is prose, and
    so is a table as wide as the column, whose rows stay as they are; this halves the
    calls)."""
    lines: list[_Line] = []
    ends: list[int] = []  # each line's first and last characters
    filled: list[_Line] = []  # the lines with text
    for piece, start in _pieces(text):
        line = _Line(piece, start)
        lines.append(line)
        if piece.strip():
            first = start + len(piece) - len(piece.lstrip(" "))
            line.em = boxes.size(first)
            ends.extend((first, start + len(piece.rstrip(" ")) - 1))
            filled.append(line)
    lefts, rights = boxes.edges(ends)
    for k, line in enumerate(filled):
        line.x, line.end = lefts[2 * k], rights[2 * k + 1]
    # (the widest line: a page of tables has few lines at the column's edge, but its
    # running header reaches it)
    right = max((line.end for line in filled), default=0.0)
    short = [line for line in filled if line.em > 0 and line.end < right - line.em]
    sides: list[int] = []  # the characters beside each run of spaces
    runs: list[list[int]] = []
    for line in short:
        piece, offsets = line.text, []
        last = len(piece.rstrip(" ")) - 1
        at = piece.find(" ", len(piece) - len(piece.lstrip(" ")))
        while 0 <= at < last:
            after = at + 1
            while piece[after] == " ":
                after += 1
            offsets.append(at)
            sides.extend((line.start + at - 1, line.start + after))
            at = piece.find(" ", after)
        runs.append(offsets)
    lefts, rights = boxes.edges(sides)
    k = 0
    for line, offsets in zip(short, runs, strict=True):
        candidates: list[tuple[int, float, float]] = []
        for at in offsets:
            gap = (lefts[k + 1] - rights[k]) / line.em
            if _CELL_MIN_EM <= gap <= _CELL_MAX_EM:
                candidates.append((at, gap, lefts[k + 1]))
            k += 2
        line.cells = tuple(candidates)
    return lines


def _pieces(text: str) -> list[tuple[str, int]]:
    """The page's lines (PDFium ends each with CRLF) and where each starts in it."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for piece in text.split("\r\n"):
        pieces.append((piece, start))
        start += len(piece) + 2
    return pieces


def _table_cells(lines: list[_Line], boxes: _Boxes) -> dict[int, tuple[tuple[int, int], ...]]:
    """Per line (by id) that is a table row: the spans of the gaps between its cells (not
    the gap before a comment in a line of code, typewriter on both sides, whose spaces are
    its own: ``\\usepackage{x}   % 注释``, nor in the source of a TeX table or alignment:
    ``a &=1 &   b &=2 \\\\``; cells of code are cells: ``\\tiny⇥5pt``, ``etex⇥latex``)."""
    rows: dict[int, tuple[tuple[int, int], ...]] = {}
    right = _column_right(lines) + _SAME_X
    for i, line in enumerate(lines):
        if not line.cells:
            continue
        around = [
            x
            for other in lines[max(i - 1, 0) : i + 2]
            if other is not line
            for _, _, x in other.cells
        ]
        gaps: list[tuple[int, int]] = []
        for offset, gap, x in line.cells:
            aligned = any(abs(x - o) <= _ALIGNED_EM * line.em for o in around)
            end = offset + len(line.text[offset:]) - len(line.text[offset:].lstrip(" "))
            if (
                (aligned or gap >= _CELL_CLEAR_EM)
                and x < right
                and not (
                    (line.text.startswith(_COMMENTS, end) or _ALIGNED_SOURCE.search(line.text))
                    and boxes.monospace(line.start + offset - 1)
                    and boxes.monospace(line.start + end)
                )
            ):
                gaps.append((offset, end))
        if gaps and _NUMBERED.match(line.text[: gaps[0][0]].strip()):
            gaps = gaps[1:]  # a heading's or contents entry's number: ``1.1.1 TEX``
        pieces = _split(line.text, gaps)
        if gaps and all(_FILLED.search(piece) for piece in pieces):
            rows[id(line)] = tuple(gaps)
    return rows


def _split(text: str, gaps: list[tuple[int, int]]) -> list[str]:
    bounds = [0, *(b for gap in gaps for b in gap), len(text)]
    return [text[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2)]


def _row(text: str, gaps: tuple[tuple[int, int], ...]) -> str:
    return CELL.join(piece.strip() for piece in _split(text, list(gaps)))


def _paragraph_starts(lines: list[_Line], boxes: _Boxes) -> set[int]:
    """The ids of the lines that start a paragraph by where they are set."""
    starts: set[int] = set()
    left = _column_left(lines)
    apart = after_apart = False  # the line (above) is code set apart from the text
    for i, line in enumerate(lines):
        above = lines[i - 1] if i else None
        under = lines[i + 1] if i + 1 < len(lines) else None
        if _indented(line, left) and (
            (under is not None and _at(under, left))
            or (above is not None and _at(above, left) and HAN_START.match(line.text))
        ):
            starts.add(id(line))
        set_in = line.x - left > _INDENT_MAX_EM * line.em
        leads = set_in and (apart or above is None or _leads_into_display(above.text))
        caption = bool(
            set_in
            and HAN_START.match(line.text)
            and (above is None or abs(above.x - line.x) > _SAME_X)
        )
        # (the font is asked only where it decides)
        display = set_in and (leads or after_apart or caption) and boxes.monospace(line.start)
        apart = display and leads
        if apart or (after_apart and not display):
            starts.add(id(line))
        elif caption and not display:
            starts.add(id(line))  # a caption, a centred line: not the text above's
        after_apart = apart
    return starts


def _column_left(lines: list[_Line]) -> float:
    """The text column's left edge: the leftmost place at least three lines start at (the
    commonest may be a listing's, set in from it)."""
    xs = sorted(line.x for line in lines)
    for k, x in enumerate(xs):
        if bisect.bisect_right(xs, x + _SAME_X) - k >= _EDGE_LINES:
            return x
    return xs[0] if xs else 0.0


def _column_right(lines: list[_Line]) -> float:
    """The text column's right edge: the rightmost place at least three lines end at (a
    justified paragraph's lines; a margin's note is beyond it)."""
    ends = sorted((line.end for line in lines), reverse=True)
    for k, end in enumerate(ends):
        if k + _EDGE_LINES <= len(ends) and end - ends[k + _EDGE_LINES - 1] <= _SAME_X:
            return end
    return ends[0] if ends else 0.0


def _leads_into_display(text: str) -> bool:
    """A line after which a displayed line of code is one of its own (after a colon or a
    sentence's end); after other words it goes on their sentence (使用命令 / ``\\renew…``)."""
    stripped = text.rstrip()
    return stripped.endswith((":", "：")) or ends_sentence(stripped)


def _indented(line: _Line, left: float) -> bool:
    """Set in from the column's edge by a first line's indent."""
    return _INDENT_MIN_EM * line.em <= line.x - left <= _INDENT_MAX_EM * line.em


def _at(line: _Line, left: float) -> bool:
    """Set at the column's edge (a paragraph's other lines)."""
    return abs(line.x - left) <= _ALIGNED_EM * line.em
