"""Importing a newer CC-CEDICT release chosen by the user.

The release is parsed and its index compiled first; only then is the file copied into the
user's data folder (to a temporary name, then renamed over the previous import), which is
what makes ``Dictionary.open()`` use it from then on. Anything that goes wrong before that
rename leaves the dictionary in use exactly as it was.

A release is refused when it cannot be the real thing: no entries, many malformed lines,
older than the bundled one, dated in the future (it would outrank every later bundled
release), or much smaller than the release in use (a download cut short: CC-CEDICT only
grows). The last one can be insisted on (``force``), the others not.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader.core import paths
from reader.core.atomic import FULL_DISK_ERRNOS, temp_prefix
from reader.core.cedict.cache import index_path_for, source_checksum
from reader.core.cedict.dictionary import Dictionary
from reader.core.cedict.index import build_index, remove_stale_indexes
from reader.core.cedict.parser import (
    ParseError,
    SourceError,
    parse_text,
    read_source,
    release_date,
)
from reader.core.cedict.sources import imported_source_path, in_the_future, release_time
from reader.core.cedict.wordinfo import load_word_counts
from reader.core.progress import Progress

MAX_ERROR_RATIO = 0.01  # a real release has none; more than 1% means it is not CC-CEDICT
# A new release has at least this share of the entries of the one in use (each release
# adds a few hundred; the bundled one has 122,143).
MIN_ENTRY_SHARE = 0.9


class ImportRejectedError(Exception):
    """The file is not a usable release; nothing was changed. ``errors`` lists bad lines."""

    def __init__(self, message: str, errors: list[ParseError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class ReleaseTooSmall(ImportRejectedError):
    """Far fewer entries than the release in use: refused unless the user insists."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    entry_count: int
    errors: list[ParseError]  # malformed lines that were skipped
    release_date: str
    dictionary: Dictionary  # the newly imported dictionary, ready to use


def import_release(
    file: Path,
    data_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> ImportReport:
    """Make ``file`` (``.u8``, ``.txt``, ``.gz`` or ``.zip``) the dictionary in use.

    Malformed lines are skipped and reported; a file with no entries, with more than
    ``MAX_ERROR_RATIO`` of its lines malformed, older than the bundled release or dated in
    the future is rejected with ``ImportRejectedError``; one with fewer than
    ``MIN_ENTRY_SHARE`` of the entries in use with ``ReleaseTooSmall`` unless ``force``.
    """
    try:
        parsed = parse_text(read_source(file), progress)
    except SourceError as error:
        raise ImportRejectedError(str(error)) from error
    lines = len(parsed.records) + len(parsed.errors)
    if not parsed.records:
        raise ImportRejectedError(f"{file.name} holds no CC-CEDICT entries", parsed.errors)
    if len(parsed.errors) > MAX_ERROR_RATIO * lines:
        raise ImportRejectedError(
            f"{file.name}: {len(parsed.errors)} of {lines} lines are malformed", parsed.errors
        )
    bundled_date = release_date(paths.bundled_cedict())
    date = parsed.header.get("date", "")
    if date and bundled_date > date:
        raise ImportRejectedError(
            f"{file.name} (release {date}) is older than the release the app ships ({bundled_date})"
        )
    _refuse_future(file, date)
    if not force:
        _refuse_much_smaller(file, len(parsed.records), data_dir)
    checksum = source_checksum(file)
    index = index_path_for(checksum)
    target = imported_source_path(data_dir)
    try:
        build_index(parsed, index, checksum, load_word_counts(keep=True), progress)
        _copy_atomically(file, target)
    except (OSError, sqlite3.Error) as error:  # both leave no temporary file behind
        full = getattr(error, "errno", None) in FULL_DISK_ERRNOS or "full" in str(error)
        reason = "the disk is full" if full else (getattr(error, "strerror", None) or error)
        raise ImportRejectedError(f"{file.name} could not be installed: {reason}") from error
    remove_stale_indexes(index)
    dictionary = Dictionary.open(target, data_dir=data_dir)
    return ImportReport(len(parsed.records), parsed.errors, dictionary.release_date, dictionary)


def _refuse_future(file: Path, date: str) -> None:
    if not date:
        return
    stamp = release_time(date)
    if stamp is None:
        raise ImportRejectedError(f"{file.name}: its release date {date!r} is not a date")
    if in_the_future(date):
        raise ImportRejectedError(
            f"{file.name} says it was released on {stamp:%Y-%m-%d}, which is in the future: "
            "it is not a genuine CC-CEDICT release (and would outrank every later one)"
        )


def _refuse_much_smaller(file: Path, entries: int, data_dir: Path | None) -> None:
    in_use = Dictionary.open(data_dir=data_dir).entry_count
    if entries >= MIN_ENTRY_SHARE * in_use:
        return
    fewer = round(100 * (1 - entries / in_use))
    raise ReleaseTooSmall(
        f"{file.name} has {entries:,} entries, {fewer} % fewer than the {in_use:,} of the "
        "release in use: it looks cut short (a broken download?). Use it anyway with --force"
    )


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(
        prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
