"""A release compiled while the caller goes on (the parse answers what it can, lookups
wait), and its English search compiled when it is first searched."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.core.cedict import Dictionary
from reader.core.cedict import index as index_module
from reader.core.cedict.cache import english_path_for, index_path_for, source_checksum
from reader.core.progress import Progress

RELEASE = (
    "#! date=2024-01-01\n"
    "銀行 银行 [yin2 hang2] /bank/\n"
    "行長 行长 [hang2 zhang3] /bank president/\n"
    "中 中 [zhong1] /middle/\n"
    "中 中 [zhong4] /to hit/\n"
)


@pytest.fixture
def release(tmp_path: Path) -> Path:
    path = tmp_path / "small.u8"  # its own, so no test finds it compiled by another
    path.write_text(f"# {tmp_path.name}\n{RELEASE}", encoding="utf-8")
    return path


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The index's last part (``IndexBuild.finish``) waits until the event is set."""
    go = threading.Event()
    finish = index_module.IndexBuild.finish

    def held_finish(build: index_module.IndexBuild) -> None:
        assert go.wait(30)
        finish(build)

    monkeypatch.setattr(index_module.IndexBuild, "finish", held_finish)
    return go


def _answers(dictionary: Dictionary) -> tuple[object, ...]:
    return (
        dictionary.headwords(),
        (dictionary.entry_count, dictionary.max_word_length, dictionary.release_date),
        [(e.id, e.pinyin) for e in dictionary.entries("中")],
        [e.simplified for e in dictionary.search_english("bank")],
        dictionary.frequency_band("银行"),
    )


def test_a_dictionary_being_compiled_answers_as_the_compiled_one(
    release: Path, held: threading.Event
) -> None:
    compiling = Dictionary.open(release)
    index = index_path_for(source_checksum(release))
    assert compiling.index == index and not index.exists()  # still being written
    headwords = compiling.headwords()  # from the parse
    looked_up: list[object] = []
    lookup = threading.Thread(target=lambda: looked_up.append(_answers(compiling)))
    lookup.start()
    lookup.join(0.2)
    assert lookup.is_alive() and not looked_up  # a lookup waits for the index
    held.set()
    lookup.join(30)
    assert index.exists()
    compiled = Dictionary.open(release)  # the index as written: read from it
    assert looked_up == [_answers(compiled)] == [_answers(compiling)]
    assert headwords == compiled.headwords() == [("银行", "銀行"), ("行长", "行長"), ("中", "中")]
    assert compiled.entry_count == 4 and compiled.release_date == "2024-01-01"


def test_opening_it_again_while_it_is_compiled_waits_for_the_same_build(
    release: Path, held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[Path] = []
    start = index_module.IndexBuild.__init__

    def counted(build: index_module.IndexBuild, *args: object, **kwargs: object) -> None:
        builds.append(Path(str(args[1])))
        start(build, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module.IndexBuild, "__init__", counted)
    first = Dictionary.open(release)
    second = Dictionary.open(release)
    held.set()
    assert [e.pinyin for e in second.entries("银行")] == ["yin2 hang2"]
    first.ready()
    assert len(builds) == 1


def test_a_failed_build_is_raised_by_the_lookups_and_leaves_no_file(
    release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(connection: object, edges: list[int]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_module, "_fill_words", full)
    dictionary = Dictionary.open(release)
    with pytest.raises(OSError, match="No space"):
        dictionary.entries("中")
    index = index_path_for(source_checksum(release))
    assert not index.exists()
    assert not [p for p in index.parent.iterdir() if p.name.endswith(".building")]


def test_with_progress_shown_the_index_is_written_before_open_returns(release: Path) -> None:
    steps: list[str] = []
    shown = Progress(lambda done, total, message: steps.append(message))
    dictionary = Dictionary.open(release, progress=shown)
    assert dictionary.index.exists() and steps[-1] == "Dictionary ready"


def test_the_english_search_is_compiled_on_the_first_english_search(release: Path) -> None:
    dictionary = Dictionary.open(release)
    assert [e.pinyin for e in dictionary.entries("中")] == ["zhong1", "zhong4"]
    english = english_path_for(dictionary.index)
    assert not english.exists()  # not in the way of the first lookups
    found = [e.simplified for e in dictionary.search_english("bank")]
    assert english.exists() and found == ["银行", "行长"]
    assert [e.simplified for e in Dictionary.open(release).search_english("bank")] == found


def test_a_damaged_english_search_is_compiled_again(release: Path) -> None:
    english = Dictionary.open(release).english_index()
    english.write_bytes(b"not sqlite" * 100)
    dictionary = Dictionary.open(release)  # a new connection: it attaches the file anew
    assert [e.simplified for e in dictionary.search_english("middle")] == ["中"]
    assert english.read_bytes()[:15] == b"SQLite format 3"


def test_the_entries_are_inserted_whole_under_a_small_variable_limit() -> None:
    """Thousands of rows a statement, fewer where SQLite takes fewer values (999 before
    3.32): two rows a statement here, the last alone."""
    connection = sqlite3.connect(":memory:")
    connection.executescript(index_module._SCHEMA)
    connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)
    values = [v for i in range(1, 6) for v in (i, "中", "中", "zhong1", f"/{i}/", "zhong", i)]
    index_module._insert_entries(connection, values)
    rows = connection.execute("SELECT id, body, frequency FROM entries ORDER BY id").fetchall()
    assert rows == [(i, f"/{i}/", i) for i in range(1, 6)]
