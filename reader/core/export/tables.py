"""Spreadsheet-like exports: CSV for Excel and LibreOffice, TSV for Anki, XLSX.

Formula injection: a spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``
(and some treat a leading tab or carriage return the same way), so a list that someone
else wrote could run a formula on the teacher's machine. In CSV and TSV such a cell gets
a leading apostrophe (OWASP's advice). That is deliberately blunt: a harmless meaning such
as "-ism" is written "'-ism" too, since a spreadsheet cannot tell it from "-1+1". XLSX has
a typed cell, so there the text is stored as a string with Excel's "quote prefix" style
instead: it shows unchanged and is never evaluated, even after an edit.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reader.core.atomic import (
    csv_verifier,
    verify_zip,
    write_atomically,
    write_bytes_atomically,
)
from reader.core.export.model import (
    COLUMN_TITLES,
    Column,
    ExportList,
    ExportOptions,
    cell_text,
    each_word,
)
from reader.core.progress import Progress

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_XLSX_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``"=1+1"`` → ``"'=1+1"``: a spreadsheet shows it as text and never runs it."""
    return "'" + text if is_formula_like(text) else text


def table_rows(
    word_list: ExportList, options: ExportOptions, progress: Progress | None = None
) -> list[list[str]]:
    """The header row and one row of plain cell texts per word (not yet neutralised)."""
    rows = [[COLUMN_TITLES[c] for c in options.columns]]
    for word in each_word(word_list, progress, "Writing rows"):
        rows.append([cell_text(word, c) for c in options.columns])
    return rows


def write_csv(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """UTF-8 with a BOM (so Excel does not read it as the ANSI code page), CRLF, quoted
    where needed; line breaks inside a cell stay inside its quotes."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    rows = table_rows(word_list, options, progress)
    for row in rows:
        out.writerow([neutralise(cell) for cell in row])
    data = buffer.getvalue().encode("utf-8-sig")
    return write_bytes_atomically(path, data, overwrite=overwrite, verify=csv_verifier(len(rows)))


def _tsv_cell(text: str) -> str:
    """One line per note: tabs and line breaks inside a cell become spaces."""
    flat = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return neutralise(flat).replace("\t", " ")


def tsv_text(
    word_list: ExportList, options: ExportOptions, progress: Progress | None = None
) -> str:
    """Anki's text-import headers (tab-separated, plain text, named columns), then rows."""
    rows = table_rows(word_list, options, progress)
    lines = [
        "#separator:tab",
        "#html:false",
        "#columns:" + "\t".join(_tsv_cell(title) for title in rows[0]),
    ]
    lines += ["\t".join(_tsv_cell(cell) for cell in row) for row in rows[1:]]
    return "\n".join(lines) + "\n"


def write_tsv(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    data = tsv_text(word_list, options, progress).encode("utf-8")
    return write_bytes_atomically(path, data, overwrite=overwrite)


def sheet_title(name: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    title = name.translate(_XLSX_SHEET_FORBIDDEN).strip("'").strip()
    return title[:31] or "Words"


def write_xlsx(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """One sheet named after the list: a bold, frozen header row, then a row per word."""
    rows = table_rows(word_list, options, progress)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook always has one sheet
    sheet.title = sheet_title(word_list.name)
    bold = Font(bold=True)
    for row_index, row in enumerate(rows, start=1):
        for column_index, text in enumerate(row, start=1):
            if not text:
                continue
            cell = sheet.cell(row=row_index, column=column_index)
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters XML refuses
            cell.data_type = "s"  # never "f": openpyxl would turn "=…" into a formula
            if is_formula_like(text):
                cell.quotePrefix = True
            if row_index == 1:
                cell.font = bold
    if Column.SENTENCE in options.columns:
        _bold_words(sheet, word_list, options.columns.index(Column.SENTENCE) + 1)
    sheet.freeze_panes = "A2"
    _set_widths(sheet, rows, options.columns)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column_index, column in enumerate(options.columns, start=1):
        if column in (Column.MEANING, Column.SENTENCE, Column.NOTES):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column_index, max_col=column_index):
                cell.alignment = wrap
    return write_atomically(
        path, lambda temp: book.save(temp), overwrite=overwrite, verify=verify_zip
    )


def _bold_words(sheet: Worksheet, word_list: ExportList, column: int) -> None:
    """Each example as rich text with the word in bold (a formula-like example stays the
    plain, quote-prefixed text written before)."""
    bold = InlineFont(b=True)
    for row, word in enumerate(word_list.words, start=2):
        pieces = word.sentence_pieces()
        if is_formula_like(word.sentence) or not any(is_word for _, is_word in pieces):
            continue
        sheet.cell(row=row, column=column).value = CellRichText(
            [
                TextBlock(bold, text) if is_word else text
                for text, is_word in ((ILLEGAL_CHARACTERS_RE.sub("", t), w) for t, w in pieces)
                if text
            ]
        )


def _set_widths(sheet: Worksheet, rows: Sequence[Sequence[str]], columns: Sequence[Column]) -> None:
    """Wide enough for the longest cell (a Hanzi counts double), capped for long text."""
    for index in range(len(columns)):
        longest = max(_display_width(row[index]) for row in rows)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(60, max(8, longest + 2))


def _display_width(text: str) -> int:
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)
