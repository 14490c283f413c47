"""Every export file is written under a temporary name and renamed: a failure leaves
what was there, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.atomic import TargetExistsError, write_atomically
from reader.core.export.model import ExportOptions
from reader.core.progress import Cancelled, Progress
from reader.ui.export_pdf import write_pdf_handout
from tests.export_samples import sample_list


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(folder: Path) -> None:
    target = folder / "words.csv"
    target.write_text("old")

    def failing(temp: Path) -> None:
        temp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, failing, overwrite=True)
    assert target.read_text() == "old"
    assert [p.name for p in folder.iterdir()] == ["words.csv"]


def test_the_temporary_is_in_the_target_folder(folder: Path) -> None:
    seen: list[Path] = []

    def write(temp: Path) -> None:
        seen.append(temp)
        temp.write_text("x")

    write_atomically(folder / "a.txt", write)
    assert seen[0].parent == folder and seen[0].name.startswith(".a.txt.")
    assert (folder / "a.txt").read_text() == "x"
    assert (folder / "a.txt").stat().st_mode & 0o644 == 0o644


def test_no_overwrite_even_if_the_file_appears_meanwhile(folder: Path) -> None:
    target = folder / "race.txt"

    def racing(temp: Path) -> None:
        temp.write_text("ours")
        target.write_text("theirs")  # another program wrote it while we worked

    with pytest.raises(TargetExistsError):
        write_atomically(target, racing)
    assert target.read_text() == "theirs"
    assert [p.name for p in folder.iterdir()] == ["race.txt"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "a.txt", lambda temp: temp.write_text("x"))


def test_a_cancelled_pdf_export_leaves_nothing(qtbot: QtBot, folder: Path) -> None:
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        write_pdf_handout(folder / "h.pdf", sample_list(), ExportOptions(), progress=progress)
    assert list(folder.iterdir()) == []


def test_the_flush_works_where_only_a_writable_handle_can_be_flushed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' FlushFileBuffers needs write access: os.fsync on a read-only descriptor fails
    there with EACCES (every export failed as "read-only" under Wine). The same rule here."""
    import errno
    import fcntl
    import os

    real_fsync = os.fsync

    def windows_fsync(fd: int) -> None:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise OSError(errno.EACCES, "Access is denied")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", windows_fsync)
    target = folder / "words.csv"
    write_atomically(target, lambda temp: temp.write_text("word"))
    assert target.read_text() == "word"
