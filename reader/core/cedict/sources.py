"""Which CC-CEDICT release is in use: one the user imported, else the bundled one.

An imported release wins unless the app itself now ships a newer one (an update of the app
after the import): both headers carry a ``#! date=``, compared as ISO timestamps. An import
without a date is the user's explicit choice and always wins; one dated in the future (no
genuine release is) never does: it would outrank every later bundled release. Such files
are refused at import now, but older versions accepted them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core import paths
from reader.core.cedict.cache import index_path_for, source_checksum

IMPORTED_NAME = "cedict-imported"  # any format; read_source tells gzip/zip/text by content
CLOCK_SLACK = timedelta(days=1)  # time zones, a clock a little fast


def release_time(date: str) -> datetime | None:
    """A header's ``date=`` as a time (UTC when it names no zone); None if it is no date."""
    try:
        stamp = datetime.fromisoformat(date)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def in_the_future(date: str) -> bool:
    stamp = release_time(date) if date else None
    return stamp is not None and stamp > datetime.now(UTC) + CLOCK_SLACK


def imported_source_path(data_dir: Path | None = None) -> Path:
    return paths.user_dictionary_dir(data_dir or paths.data_dir()) / IMPORTED_NAME


def active_source(data_dir: Path | None = None) -> Path:
    imported = imported_source_path(data_dir)
    bundled = paths.bundled_cedict()
    if not imported.exists():
        return bundled
    from reader.core.cedict.parser import release_date  # only with an import: launch speed

    imported_date = release_date(imported)
    if imported_date and (release_date(bundled) > imported_date or in_the_future(imported_date)):
        return bundled
    return imported


def active_dictionary_key(data_dir: Path | None = None) -> str:
    """The key of the release in use (its index's name, ``Dictionary.index.stem``) without
    opening or compiling it: what the launch checks an article's stored analysis against
    before the dictionary has loaded."""
    return index_path_for(source_checksum(active_source(data_dir))).stem
