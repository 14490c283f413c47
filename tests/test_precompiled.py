"""What a build ships precompiled (``reader.core.precompile``: zip archives) is unpacked
into the cache when the cache has none, only when it was made from the same data, and a
damaged one gives way to a compile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.analysis.tables import compiled, load_compiled
from reader.core.cedict import Dictionary
from reader.core.cedict.cache import CHECKSUMS_FILE, index_path_for, source_checksum
from reader.core.precompile import pack_all
from reader.core.shipped import archive_for, pack


def _write(folder: Path, text: str) -> None:
    (folder / "value.txt").write_text(text, encoding="utf-8")


def _read(folder: Path) -> str:
    return (folder / "value.txt").read_text(encoding="utf-8")


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "precompiled"
    monkeypatch.setenv(paths.PRECOMPILED_DIR_ENV, str(folder))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "cache"))
    return folder


def _ship(folder: Path, shipped: Path) -> Path:
    """Pack a compiled table folder as ``precompile`` does and remove it from the cache."""
    archive = archive_for(shipped / "tables" / folder.name)
    archive.parent.mkdir(parents=True, exist_ok=True)
    pack(folder, archive)
    shutil.rmtree(folder)
    return archive


def _fail(folder: Path) -> None:
    raise AssertionError("built although shipped")


def test_a_shipped_table_of_the_same_inputs_is_unpacked_and_nothing_is_built(
    shipped: Path,
) -> None:
    archive = _ship(compiled("demo", ["v1"], lambda folder: _write(folder, "shipped")), shipped)
    assert load_compiled("demo", ["v1"], _fail, _read) == "shipped"
    folder = compiled("demo", ["v1"], _fail)
    assert folder.is_relative_to(paths.cache_dir()) and _read(folder) == "shipped"
    assert not list(folder.parent.glob(".*"))  # no temporary folder left
    assert archive.is_file()  # an install's files are not the app's to delete
    # other inputs (a new data version): the shipped one is stale, the cache gets its own
    other = compiled("demo", ["v2"], lambda folder: _write(folder, "v2"))
    assert _read(other) == "v2"


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not a zip"])
def test_a_damaged_shipped_table_is_left_alone_and_built_into_the_cache(
    shipped: Path, damage: str
) -> None:
    built = compiled("demo", ["v1"], lambda folder: _write(folder, "good " * 1000))
    archive = _ship(built, shipped)
    data = archive.read_bytes()
    if damage == "truncated":
        archive.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # inside the compressed member: its CRC check fails
        middle = len(data) // 3
        archive.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    else:
        archive.write_bytes(b"not a zip" * 100)
    damaged = archive.read_bytes()
    assert load_compiled("demo", ["v1"], lambda folder: _write(folder, "rebuilt"), _read) == (
        "rebuilt"
    )
    assert archive.read_bytes() == damaged  # left as it was
    assert not [p for p in (paths.cache_dir() / "tables").iterdir() if p.name.startswith(".")]


def test_the_shipped_index_is_unpacked_when_the_cache_has_none(
    shipped: Path, tmp_path: Path
) -> None:
    source = tmp_path / "small.u8"
    source.write_text(
        "銀行 银行 [yin2 hang2] /bank/\n行長 行长 [hang2 zhang3] /bank president/\n",
        encoding="utf-8",
    )
    first = Dictionary.open(source)
    first.ready()  # its index written (on a thread of its own)
    index = first.index
    assert index == index_path_for(source_checksum(source))
    compiled_bytes = index.read_bytes()
    shipped.mkdir()
    archive = archive_for(shipped / index.name)
    pack(index, archive)
    index.unlink()

    def fail(*_args: object) -> None:
        raise AssertionError("compiled although shipped")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("reader.core.cedict.dictionary.compile_source", fail)
        opened = Dictionary.open(source)
    assert opened.index == index and index.read_bytes() == compiled_bytes
    assert [entry.pinyin for entry in opened.entries("银行")] == ["yin2 hang2"]
    # a damaged archive, or one holding a damaged index: compiled into the cache instead
    for damaged in (b"not a zip" * 100, None):
        index.unlink()
        if damaged is None:
            bad = tmp_path / index.name
            bad.write_bytes(b"not sqlite" * 100)
            pack(bad, archive)
        else:
            archive.write_bytes(damaged)
        reopened = Dictionary.open(source)
        reopened.ready()
        assert reopened.index == index and index.read_bytes() == compiled_bytes
        assert [entry.pinyin for entry in reopened.entries("银行")] == ["yin2 hang2"]


def test_the_shipped_english_search_is_unpacked_when_the_cache_has_none(
    shipped: Path, tmp_path: Path
) -> None:
    source = tmp_path / "small.u8"
    source.write_text("銀行 银行 [yin2 hang2] /bank/\n", encoding="utf-8")
    english = Dictionary.open(source).english_index()
    shipped.mkdir()
    pack(english, archive_for(shipped / english.name))
    english.unlink()

    def fail(*_args: object) -> None:
        raise AssertionError("compiled although shipped")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("reader.core.cedict.dictionary.build_english", fail)
        assert [e.simplified for e in Dictionary.open(source).search_english("bank")] == ["银行"]
    assert english.exists()


def test_precompile_packs_what_the_first_run_looks_for(shipped: Path, tmp_path: Path) -> None:
    source = tmp_path / "small.u8"
    source.write_text("銀行 银行 [yin2 hang2] /bank/\n", encoding="utf-8")
    opened = Dictionary.open(source)  # into the cache, as precompile's build does
    opened.ready()
    index = opened.index
    table = compiled("demo", ["v1"], lambda folder: _write(folder, "packed"))
    words = compiled("words", ["v1"], lambda folder: _write(folder, "shipped as word_table.zip"))
    (paths.cache_dir() / CHECKSUMS_FILE).write_text("{}", encoding="utf-8")
    shipped.mkdir()
    pack_all(paths.cache_dir(), shipped)
    assert not archive_for(shipped / CHECKSUMS_FILE).exists()  # this machine's stamps
    assert not archive_for(shipped / "tables" / words.name).exists()  # shipped otherwise
    shutil.rmtree(paths.cache_dir())

    def fail(*_args: object) -> None:
        raise AssertionError("compiled although shipped")

    assert load_compiled("demo", ["v1"], fail, _read) == "packed"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("reader.core.cedict.dictionary.compile_source", fail)
        assert Dictionary.open(source).index == index
    assert table.is_dir()
