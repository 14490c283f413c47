"""The first run's compiled files as a build ships them: each a zip archive (deflate), the
size of the installers' budget, unpacked into the cache the first time it is needed.

A table folder is one archive of its files (``tables/<name>-<key>.zip``), the dictionary
index one archive of its single file (``<index>.sqlite.zip``); the names are those of what
they hold plus ``.zip``, so the name still says which data, versions and format it was made
from. Unpacking goes to a temporary name and is renamed into place once every member has
passed its CRC check: a damaged archive raises ``Damaged`` and leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from reader.core.atomic import temp_prefix

SUFFIX: Final = ".zip"
_STAMP: Final = (1980, 1, 1, 0, 0, 0)  # zip's earliest date


class Damaged(Exception):
    """A shipped archive that cannot be read whole (truncated, corrupted, not a zip)."""


def archive_for(path: Path) -> Path:
    """The archive that ships ``path`` (a table folder or the index file)."""
    return path.with_name(path.name + SUFFIX)


def pack(source: Path, archive: Path) -> None:
    """Write ``source`` (a flat folder, or one file) into ``archive``."""
    files = sorted(source.iterdir()) if source.is_dir() else [source]
    archive.write_bytes(packed(files))


def packed(files: Iterable[Path], comment: bytes = b"") -> bytes:
    """A zip archive of ``files`` (flat, by name) at deflate's best, with ``comment``; each
    member dated the same, so that the same files always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zipped:
        for file in files:
            member = zipfile.ZipInfo(file.name, _STAMP)
            zipped.writestr(member, file.read_bytes(), zipfile.ZIP_DEFLATED, 9)
        zipped.comment = comment
    return out.getvalue()


def unpack_folder(archive: Path, building: Path) -> None:
    """Extract ``archive``'s files into the (empty) folder ``building``, which the caller
    renames into place."""
    with _reading(archive) as zipped:
        for member in zipped.infolist():
            name = Path(member.filename).name  # flat: nothing is written outside
            with zipped.open(member) as stream, (building / name).open("wb") as out:
                shutil.copyfileobj(stream, out, 1 << 20)


def unpack_file(archive: Path, path: Path) -> None:
    """Extract ``archive``'s single file to ``path`` (through a temporary name beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # named as reader.core.atomic names its temporaries, so that a killed unpacking's
    # leftover is removed at the next start (reader.core.cleanup)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=temp_prefix(path.name), suffix=".tmp"
    )
    try:
        with _reading(archive) as zipped, os.fdopen(handle, "wb") as out:
            members = zipped.infolist()
            if len(members) != 1:
                raise Damaged(f"{archive.name} holds {len(members)} files, not one")
            with zipped.open(members[0]) as stream:
                shutil.copyfileobj(stream, out, 1 << 20)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


@contextlib.contextmanager
def _reading(archive: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(archive) as zipped:
            yield zipped
    # a CRC mismatch is a BadZipFile; a damaged header can be any of the others (a byte
    # flipped at each place of an archive in turn gives all of them); a disk that cannot
    # take the files fails the build that follows as well, with its own message
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as error:
        raise Damaged(f"{archive.name} is damaged: {error}") from error
