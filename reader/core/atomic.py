"""Write a file so that a crash, a full disk or a failed export never leaves half of it.

The content goes to a temporary file in the target's own folder (same file system, so the
final rename is atomic) and only a complete file gets the real name: the temporary file is
flushed to the disk and checked first (its size, and that it parses: a PDF's trailer, a
zip's central directory, a CSV's row count), because some writers (Qt's PDF writer) do not
report a failed write. A full disk is reported as such, and the old file stays. An existing
file is replaced only when the caller says so (the GUI after confirmation, the CLI with
--force).

Temporary names carry the writing process's id (``.NAME.PID-RANDOM.tmp``), so the next
start can remove what a killed process left behind (`remove_stale_temps`) without touching
a file another running process is still writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FULL_DISK_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
# Free space below this after a failed check means the disk filled up while writing.
NEARLY_FULL_BYTES = 4 * 1024 * 1024
# A temporary file whose process cannot be asked about (Windows, another machine on a
# share) is stale once it is this old.
STALE_AFTER_S = 24 * 3600
_TEMP_NAME = re.compile(r"^\..+\.(\d+)-[a-z0-9_]+\.(tmp|building|creating|restoring)$")

Verifier = Callable[[Path], None]


class TargetExistsError(FileExistsError):
    """The target exists and the caller did not allow replacing it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists (allow replacing it to overwrite)")
        self.path = path


class WriteFailed(OSError):
    """The file could not be written; the message says why in words (never an errno)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class DiskFullError(WriteFailed):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the disk is full: {path.name} was not written to {path.parent} "
            "(any file of that name is kept as it was); free some space and try again",
            path,
        )


def temp_prefix(name: str) -> str:
    """The start of a temporary name beside ``name``: `remove_stale_temps` knows it."""
    return f".{name}.{os.getpid()}-"


def write_atomically(
    path: str | os.PathLike[str],
    writer: Callable[[Path], object],
    *,
    overwrite: bool = False,
    verify: Verifier | None = None,
) -> Path:
    """Let ``writer`` fill a temporary file beside ``path``, then give it the real name.

    ``writer`` receives the temporary path (an empty file it may reopen or replace), so
    libraries that only write to a file name (genanki, openpyxl, Qt) work too. The file is
    flushed and must be non-empty and pass ``verify`` (which raises ``ValueError``) before
    the rename. Without ``overwrite`` an existing target raises `TargetExistsError`,
    checked before any work and again at the rename (a hard link, which never replaces).
    Raises `DiskFullError` or `WriteFailed` with a message for the user. Returns the path.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise TargetExistsError(target)
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist")
    remove_stale_temps(folder)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
    except OSError as error:
        raise _described(error, target) from error
    os.close(fd)
    temp = Path(temp_name)
    try:
        try:
            writer(temp)
            flush_to_disk(temp)
            _verify(temp, verify)
        except OSError as error:
            raise _described(error, target) from error
        except ValueError as error:  # written, but not whole: a full disk, most likely
            if nearly_full(folder):
                raise DiskFullError(target) from error
            raise WriteFailed(
                f"{target.name} was not written: the file came out damaged ({error})", target
            ) from error
        temp.chmod(0o644)  # mkstemp makes it private; an export is an ordinary file
        if overwrite:
            os.replace(temp, target)
        else:
            link_new(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def write_bytes_atomically(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool = False,
    verify: Verifier | None = None,
) -> Path:
    """`write_atomically` for content already in memory (its size is checked too)."""

    def check(temp: Path) -> None:
        if temp.stat().st_size != len(data):
            raise ValueError(f"{temp.stat().st_size:,} of {len(data):,} bytes on disk")
        if verify is not None:
            verify(temp)

    return write_atomically(
        path, lambda temp: temp.write_bytes(data), overwrite=overwrite, verify=check
    )


def link_new(temp: Path, target: Path) -> None:
    """Give ``temp`` the name ``target`` only if that name is free."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise TargetExistsError(target) from None
    except OSError:  # no hard links on this file system (FAT, some shares)
        if target.exists():
            raise TargetExistsError(target) from None
        os.replace(temp, target)


# --- checks -----------------------------------------------------------------------------


def verify_pdf(path: Path) -> None:
    """A whole PDF starts with its header and ends with ``startxref`` … ``%%EOF``."""
    with path.open("rb") as stream:
        head = stream.read(8)
        stream.seek(max(0, path.stat().st_size - 1024))
        tail = stream.read()
    if not head.startswith(b"%PDF-") or b"startxref" not in tail or b"%%EOF" not in tail:
        raise ValueError("the PDF has no trailer: it was cut short")


def verify_zip(path: Path) -> None:
    """A whole zip (.apkg, .xlsx, lesson pack) has a central directory that lists members
    whose stored data is all there."""
    import zipfile  # (here: the launch imports this module and needs no zip)

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError) as error:
        raise ValueError(f"the zip is damaged: {error}") from error
    if not infos or bad is not None:
        raise ValueError(f"the zip is damaged ({bad or 'no members'})")


def csv_verifier(rows: int, encoding: str = "utf-8-sig") -> Verifier:
    """A check that the CSV file on disk holds ``rows`` rows."""
    import csv  # (here: the launch imports this module and needs no CSV)

    def verify(path: Path) -> None:
        with path.open(encoding=encoding, newline="") as stream:
            found = sum(1 for _ in csv.reader(stream))
        if found != rows:
            raise ValueError(f"{found} of {rows} rows on disk")

    return verify


def flush_to_disk(temp: Path) -> None:
    """Force the content to the disk, so a full disk fails here and not after the rename.

    The file is opened for writing: Windows flushes only a handle with write access (on a
    read-only one `os.fsync` fails with EACCES, and every export failed there as "read-only";
    found under Wine by packaging/windows/verify_under_wine.sh)."""
    fd = os.open(temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _verify(temp: Path, verify: Verifier | None) -> None:
    if temp.stat().st_size == 0:
        raise ValueError("nothing was written")
    if verify is not None:
        verify(temp)


def nearly_full(folder: Path) -> bool:
    """True when ``folder``'s disk has almost no room left (a failed write is then why)."""
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def _described(error: OSError, target: Path) -> OSError:
    """``error`` as the user should read it: a full disk or a refused folder in words."""
    if isinstance(error, WriteFailed):
        return error
    if error.errno in FULL_DISK_ERRNOS:
        return DiskFullError(target)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteFailed(f"{target.parent} cannot be written to (it is read-only)", target)
    reason = error.strerror or str(error)
    return WriteFailed(f"{target.name} was not written: {reason}", target)


# --- what a killed process left ---------------------------------------------------------


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files in ``folder`` that no running process is writing (their
    process is gone, or they are a day old); best effort. Returns what was deleted."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None or not _abandoned(folder / name, int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()
            removed.append(folder / name)
    return removed


def _abandoned(path: Path, pid: int) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_S:
        return True
    if os.name != "posix" or pid == os.getpid():
        return False  # os.kill(pid, 0) is no probe on Windows; our own files are live
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (another user's): leave it
    return False
