"""The export formats by name, with their file extension and label, and one entry point.

The CLI and the export dialog both go through `write_export`, so a format behaves the
same from either. The PDF handout is drawn by Qt (`reader.ui.export_pdf`) and a lesson
pack is built from the store (`from_store.lesson_pack`): callers handle those two.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from reader.core.export.model import ExportList, ExportOptions
from reader.core.export.pack import PACK_SUFFIX
from reader.core.progress import Progress


class ExportFormat(StrEnum):
    APKG = "apkg"
    CSV = "csv"
    TSV = "tsv"
    PLECO = "pleco"
    XLSX = "xlsx"
    PDF = "pdf"
    PACK = "pack"


SUFFIXES: dict[ExportFormat, str] = {
    ExportFormat.APKG: ".apkg",
    ExportFormat.CSV: ".csv",
    ExportFormat.TSV: ".tsv",
    ExportFormat.PLECO: ".txt",
    ExportFormat.XLSX: ".xlsx",
    ExportFormat.PDF: ".pdf",
    ExportFormat.PACK: PACK_SUFFIX,
}
LABELS: dict[ExportFormat, str] = {
    ExportFormat.APKG: "Anki deck (.apkg)",
    ExportFormat.CSV: "CSV for Excel / LibreOffice (.csv)",
    ExportFormat.TSV: "Tab-separated, for Anki's text import (.tsv)",
    ExportFormat.PLECO: "Pleco flashcards (.txt)",
    ExportFormat.XLSX: "Excel workbook (.xlsx)",
    ExportFormat.PDF: "PDF handout (.pdf)",
    ExportFormat.PACK: "Lesson pack for reader (.readerpack)",
}


class Writer(Protocol):
    """What every word-list writer takes (the PDF handout's too, which Qt draws): the
    file is written under a temporary name, verified and renamed (`reader.core.atomic`)."""

    def __call__(
        self,
        path: str | os.PathLike[str],
        word_list: ExportList,
        options: ExportOptions,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
    ) -> Path: ...


def _writer(fmt: ExportFormat) -> Writer | None:
    """The writer of a format, imported when first used: genanki and openpyxl (which pulls
    in numpy) take more than half a second to import, and the app's launch must not pay it."""
    if fmt is ExportFormat.APKG:
        from reader.core.export.anki import write_apkg

        return write_apkg
    if fmt is ExportFormat.PLECO:
        from reader.core.export.pleco import write_pleco

        return write_pleco
    if fmt in (ExportFormat.CSV, ExportFormat.TSV, ExportFormat.XLSX):
        from reader.core.export import tables

        writers: dict[ExportFormat, Writer] = {
            ExportFormat.CSV: tables.write_csv,
            ExportFormat.TSV: tables.write_tsv,
            ExportFormat.XLSX: tables.write_xlsx,
        }
        return writers[fmt]
    return None


def format_for_path(path: str | os.PathLike[str]) -> ExportFormat | None:
    suffix = Path(path).suffix.lower()
    return next((f for f, s in SUFFIXES.items() if s == suffix), None)


def write_export(
    fmt: ExportFormat,
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write one of the word-list formats (not PDF or pack, see the module's docstring)."""
    writer = _writer(fmt)
    if writer is None:
        raise ValueError(f"{fmt} is not written by write_export")
    return writer(path, word_list, options, overwrite=overwrite, progress=progress)
