"""What a build ships precompiled (``reader.core.precompile``) is read before the cache,
only when it was made from the same data, and a damaged one gives way to a compile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.analysis.tables import compiled, load_compiled
from reader.core.cedict import Dictionary
from reader.core.cedict.cache import index_path_for, source_checksum


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


def test_a_shipped_table_of_the_same_inputs_is_read_and_nothing_is_built(shipped: Path) -> None:
    built = compiled("demo", ["v1"], lambda folder: _write(folder, "shipped"))
    (shipped / "tables").mkdir(parents=True)
    shutil.move(built, shipped / "tables" / built.name)  # as precompile leaves it

    def fail(folder: Path) -> None:
        raise AssertionError("built although shipped")

    assert load_compiled("demo", ["v1"], fail, _read) == "shipped"
    # other inputs (a new data version): the shipped one is stale, the cache gets its own
    other = compiled("demo", ["v2"], lambda folder: _write(folder, "v2"))
    assert _read(other) == "v2"
    assert other.is_relative_to(paths.cache_dir())


def test_a_damaged_shipped_table_is_left_alone_and_built_into_the_cache(shipped: Path) -> None:
    built = compiled("demo", ["v1"], lambda folder: _write(folder, "good"))
    (shipped / "tables").mkdir(parents=True)
    damaged = shipped / "tables" / built.name
    shutil.move(built, damaged)
    (damaged / "value.txt").unlink()
    assert load_compiled("demo", ["v1"], lambda folder: _write(folder, "rebuilt"), _read) == (
        "rebuilt"
    )
    assert damaged.is_dir()  # an install's files are not the app's to delete


def test_the_shipped_index_is_opened_when_the_cache_has_none(shipped: Path, tmp_path: Path) -> None:
    source = tmp_path / "small.u8"
    source.write_text(
        "銀行 银行 [yin2 hang2] /bank/\n行長 行长 [hang2 zhang3] /bank president/\n",
        encoding="utf-8",
    )
    compiled_index = Dictionary.open(source).index
    shipped.mkdir()
    shutil.move(compiled_index, shipped / compiled_index.name)
    opened = Dictionary.open(source)
    assert opened.index == shipped / compiled_index.name
    assert [entry.pinyin for entry in opened.entries("银行")] == ["yin2 hang2"]
    assert not index_path_for(source_checksum(source)).exists()  # nothing compiled
    (shipped / compiled_index.name).write_bytes(b"not sqlite" * 100)
    assert Dictionary.open(source).index == index_path_for(source_checksum(source))
