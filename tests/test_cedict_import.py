"""Importing a CC-CEDICT release: formats, malformed lines, and never a broken index."""

from __future__ import annotations

import gzip
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.cedict import Dictionary, ImportRejectedError, import_release
from reader.core.cedict.cache import english_path_for, index_path_for, source_checksum
from reader.core.cedict.sources import imported_source_path
from reader.core.progress import Cancelled, Progress

HEADER = "#! version=1\n#! entries=3\n#! date=2025-01-01T00:00:00Z\n"


@pytest.fixture(scope="module")
def real_lines() -> list[str]:
    """The first 2,000 entries of the real release plus every entry of 行."""
    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as stream:
        entries = [line for line in stream if not line.startswith("#")]
    return entries[:2_000] + [line for line in entries if line.startswith("行 行 ")]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_import_makes_the_release_the_one_in_use(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    release = write(tmp_path / "cedict_ts.u8", real_lines)
    report = import_release(release, data_dir, force=True)
    assert report.entry_count == len(real_lines)
    assert report.errors == []
    assert report.release_date == "2025-01-01T00:00:00Z"
    opened = Dictionary.open(data_dir=data_dir)
    assert opened.source == imported_source_path(data_dir)
    assert opened.entry_count == len(real_lines)
    assert {e.pinyin for e in opened.entries("行")} >= {"hang2", "xing2"}
    release.unlink()  # the imported copy lives in the data dir, independent of the original
    assert Dictionary.open(data_dir=data_dir).entry_count == len(real_lines)


@pytest.mark.parametrize("packing", ["gz", "zip"])
def test_import_packed_releases(
    tmp_path: Path, data_dir: Path, real_lines: list[str], packing: str
) -> None:
    text = (HEADER + "".join(real_lines[:500])).encode("utf-8")
    if packing == "gz":
        release = tmp_path / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        release.write_bytes(gzip.compress(text))
    else:
        release = tmp_path / "cedict_1_0_ts_utf-8_mdbg.zip"
        with zipfile.ZipFile(release, "w") as archive:
            archive.writestr("cedict_ts.u8", text)
    assert import_release(release, data_dir, force=True).entry_count == 500
    assert Dictionary.open(data_dir=data_dir).entry_count == 500


def test_malformed_lines_are_reported_with_line_numbers_and_skipped(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    lines = [*real_lines[:1_000], "this is not an entry\n", *real_lines[1_000:]]
    lines.insert(10, "行 行 [hang2 /no closing bracket/\n")
    report = import_release(write(tmp_path / "release.u8", lines), data_dir, force=True)
    header_lines = HEADER.count("\n")
    assert [error.line_number for error in report.errors] == [
        header_lines + 11,
        header_lines + 1_002,
    ]
    assert report.entry_count == len(real_lines)
    dictionary = Dictionary.open(data_dir=data_dir)
    assert [e.line_number for e in dictionary.parse_errors()] == [
        header_lines + 11,
        header_lines + 1_002,
    ]


def test_a_malformed_file_leaves_the_dictionary_in_use(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    import_release(write(tmp_path / "good.u8", real_lines), data_dir, force=True)
    before = imported_source_path(data_dir).read_bytes()
    garbage = write(tmp_path / "bad.u8", ["not a dictionary line\n"] * 50 + real_lines[:100])
    with pytest.raises(ImportRejectedError) as rejected:
        import_release(garbage, data_dir, force=True)
    assert rejected.value.errors[0].line_number == HEADER.count("\n") + 1
    assert len(rejected.value.errors) == 50
    assert imported_source_path(data_dir).read_bytes() == before
    assert Dictionary.open(data_dir=data_dir).entry_count == len(real_lines)


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01binary\xff" * 100, b"\x1f\x8bnot really gzip", b"PK\x03\x04junk"]
)
def test_unreadable_files_are_rejected(tmp_path: Path, data_dir: Path, content: bytes) -> None:
    bad = tmp_path / "release.u8"
    bad.write_bytes(content)
    with pytest.raises(ImportRejectedError):
        import_release(bad, data_dir, force=True)
    assert not imported_source_path(data_dir).exists()
    assert Dictionary.open(data_dir=data_dir).source == paths.bundled_cedict()


def test_a_cancelled_import_leaves_nothing(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    release = write(tmp_path / "release.u8", [*real_lines[:1500], "x\n"])
    progress = Progress(lambda done, total, message: progress.cancel())
    before = set(paths.cache_dir().iterdir())
    with pytest.raises(Cancelled):
        import_release(release, data_dir, progress, force=True)
    assert set(paths.cache_dir().iterdir()) == before
    assert not imported_source_path(data_dir).exists()


def test_the_index_is_rebuilt_when_the_app_version_changes(
    tmp_path: Path, real_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = write(tmp_path / "small.u8", real_lines[:300])
    first = Dictionary.open(release)
    # keep the session's bundled index: under the patched version it would look stale
    monkeypatch.setattr("reader.core.cedict.dictionary.remove_stale_indexes", lambda keep: None)
    monkeypatch.setattr("reader.core.cedict.cache.__version__", "99.0")
    second = Dictionary.open(release)
    assert second.index != first.index
    assert second.index == index_path_for(source_checksum(release))
    assert second.entry_count == 300


def test_the_index_is_rebuilt_when_the_source_changes(
    tmp_path: Path, real_lines: list[str]
) -> None:
    release = write(tmp_path / "small.u8", real_lines[:300])
    first = Dictionary.open(release)
    write(release, real_lines[:400])
    second = Dictionary.open(release)
    assert (first.entry_count, second.entry_count) == (300, 400)


def test_a_damaged_index_is_rebuilt(tmp_path: Path, real_lines: list[str]) -> None:
    release = write(tmp_path / "small.u8", real_lines[:200])
    first = Dictionary.open(release)
    first.ready()  # its index written (on a thread of its own)
    index = first.index
    index.write_bytes(b"this is not sqlite" * 100)
    reopened = Dictionary.open(release)
    assert reopened.entry_count == 200
    with sqlite3.connect(index) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (200,)


def test_a_damaged_imported_release_falls_back_to_the_bundled_one(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    import_release(write(tmp_path / "release.u8", real_lines[:100]), data_dir, force=True)
    imported_source_path(data_dir).write_bytes(b"\x1f\x8b damaged on disk")
    assert Dictionary.open(data_dir=data_dir).source == paths.bundled_cedict()


def test_a_release_older_than_the_bundled_one_is_refused(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    old = tmp_path / "old.u8"
    old.write_text("#! date=2020-01-01T00:00:00Z\n" + "".join(real_lines[:100]), "utf-8")
    with pytest.raises(ImportRejectedError, match="older than the release the app ships"):
        import_release(old, data_dir, force=True)
    assert not imported_source_path(data_dir).exists()


def test_an_app_update_with_a_newer_release_wins_over_an_import(
    tmp_path: Path, data_dir: Path, real_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import_release(write(tmp_path / "imported.u8", real_lines[:100]), data_dir, force=True)  # 2025
    assert Dictionary.open(data_dir=data_dir).source == imported_source_path(data_dir)
    shipped = tmp_path / "shipped.u8"
    shipped.write_text("#! date=2026-01-01T00:00:00Z\n" + "".join(real_lines[:200]), "utf-8")
    Dictionary.open(shipped)  # compiled first, so no compile runs while the patch is on
    monkeypatch.setattr(paths, "bundled_cedict", lambda: shipped)
    assert Dictionary.open(data_dir=data_dir).source == shipped


def test_an_undated_import_always_wins(
    tmp_path: Path, data_dir: Path, real_lines: list[str]
) -> None:
    undated = tmp_path / "undated.u8"
    undated.write_text("".join(real_lines[:150]), "utf-8")
    import_release(undated, data_dir, force=True)  # no date: the user's explicit choice
    assert Dictionary.open(data_dir=data_dir).entry_count == 150


def test_stale_indexes_are_removed_but_the_bundled_one_stays(tmp_path: Path) -> None:
    bundled = index_path_for(source_checksum(paths.bundled_cedict()))
    Dictionary.open(paths.bundled_cedict()).english_index()  # the index, then its search
    stale = paths.cache_dir() / "cedict-0123456789abcdef01234567-0.0.1-s1.sqlite"
    stale.write_bytes(b"old")
    release = write(tmp_path / "small.u8", ["中 中 [zhong1] /middle/\n"])
    opened = Dictionary.open(release)
    opened.ready()
    kept = opened.index
    assert not stale.exists()
    assert kept.exists() and bundled.exists() and english_path_for(bundled).exists()
