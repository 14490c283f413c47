"""Write a file so that a crash, a full disk or a failed export never leaves half of it.

The content goes to a temporary file in the target's own folder (same file system, so the
final rename is atomic) and only a complete file gets the real name. An existing file is
replaced only when the caller says so (the GUI after confirmation, the CLI with --force).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class TargetExistsError(FileExistsError):
    """The target exists and the caller did not allow replacing it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists (allow replacing it to overwrite)")
        self.path = path


def write_atomically(
    path: str | os.PathLike[str],
    writer: Callable[[Path], object],
    *,
    overwrite: bool = False,
) -> Path:
    """Let ``writer`` fill a temporary file beside ``path``, then give it the real name.

    ``writer`` receives the temporary path (an empty file it may reopen or replace), so
    libraries that only write to a file name (genanki, openpyxl, Qt) work too. Without
    ``overwrite`` an existing target raises `TargetExistsError`, checked before any work
    and again at the rename (a hard link, which never replaces). Returns the final path.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise TargetExistsError(target)
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer(temp)
        temp.chmod(0o644)  # mkstemp makes it private; an export is an ordinary file
        if overwrite:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def write_bytes_atomically(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """`write_atomically` for content already in memory."""
    return write_atomically(path, lambda temp: temp.write_bytes(data), overwrite=overwrite)


def _link_new(temp: Path, target: Path) -> None:
    """Give ``temp`` the name ``target`` only if that name is free."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise TargetExistsError(target) from None
    except OSError:  # no hard links on this file system (FAT, some shares)
        if target.exists():
            raise TargetExistsError(target) from None
        os.replace(temp, target)
