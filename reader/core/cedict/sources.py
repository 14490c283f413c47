"""Which CC-CEDICT release is in use: one the user imported, else the bundled one."""

from __future__ import annotations

from pathlib import Path

from reader.core import paths

IMPORTED_NAME = "cedict-imported"  # any format; read_source tells gzip/zip/text by content


def imported_source_path(data_dir: Path | None = None) -> Path:
    return (data_dir or paths.data_dir()) / "dictionary" / IMPORTED_NAME


def active_source(data_dir: Path | None = None) -> Path:
    imported = imported_source_path(data_dir)
    return imported if imported.exists() else paths.bundled_cedict()
