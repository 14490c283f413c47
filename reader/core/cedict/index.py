"""Compiling a parsed release into the SQLite index the app reads.

The index is a cache: its file name carries the source's SHA-256 and the app version, so a
new release or a new app builds a fresh one and never reads a stale one. It is written to a
temporary file in the cache folder and renamed into place only when complete, so a crash or
a failed build never leaves a half-built index where the app looks for one.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reader import __version__
from reader.core import paths
from reader.core.atomic import remove_stale_temps, temp_prefix
from reader.core.cedict.cache import (
    INDEX_PREFIX,
    SCHEMA_VERSION,
    english_path_for,
    index_path_for,
    source_checksum,
)
from reader.core.cedict.parser import ParseResult
from reader.core.cedict.wordinfo import band_edges, load_hsk_levels
from reader.core.pinyin import numbered_syllables
from reader.core.progress import Progress

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    traditional TEXT NOT NULL,
    simplified TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    body TEXT NOT NULL,
    pinyin_plain TEXT NOT NULL,   -- toneless syllables run together, ü as v: "aihao", "lvse"
    frequency INTEGER NOT NULL    -- jieba count of the simplified form, 0 if unknown
);
CREATE TABLE heads (word TEXT NOT NULL, entry_id INTEGER NOT NULL, PRIMARY KEY (word, entry_id))
    WITHOUT ROWID;
CREATE TABLE words (
    word TEXT PRIMARY KEY, hsk_old INTEGER, hsk_new INTEGER, band INTEGER
) WITHOUT ROWID;
CREATE TABLE parse_errors (line INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);
"""
# The English search (``build_english``): each entry's glosses, by its id, without a copy
# of the text (contentless: only ids and ranks are read from it).
_ENGLISH_SCHEMA = """
CREATE VIRTUAL TABLE glosses USING fts5(body, content='', tokenize='porter unicode61');
INSERT INTO glosses(rowid, body) SELECT id, body FROM dictionary.entries ORDER BY id;
"""

_ROWS_A_STATEMENT = 4_000  # entries inserted by one statement (28,000 values)

# Each entry under both its headwords, made from the entries where they are (not bound row
# by row from Python), in the order of (word, id): UTF-8 sorts as code points do.
_HEADS = """
INSERT INTO heads
SELECT simplified, id FROM entries
UNION ALL SELECT traditional, id FROM entries WHERE traditional != simplified
ORDER BY 1, 2
"""


def pinyin_plain(pinyin: str) -> str:
    return "".join(map(_plain_token, pinyin.split()))


@cache  # a release has a few thousand distinct tokens in 120,000 readings
def _plain_token(token: str) -> str:
    return "".join(syllable for syllable, _ in numbered_syllables(token))


def index_meta(parsed: ParseResult, checksum: str) -> dict[str, str]:
    """The ``meta`` table of the index of ``parsed``."""
    records = parsed.records
    return {
        "checksum": checksum,
        "app_version": __version__,
        "schema": str(SCHEMA_VERSION),
        "entries": str(len(records)),
        "max_word_length": str(max((len(r.simplified) for r in records), default=0)),
        **{f"header.{key}": value for key, value in parsed.header.items()},
    }


def build_index(
    parsed: ParseResult,
    target: Path,
    checksum: str,
    counts: dict[str, int],
    progress: Progress | None = None,
) -> None:
    """Write the index for ``parsed`` to ``target`` atomically (temp file, then rename);
    ``counts`` are jieba's word counts (``load_word_counts``)."""
    IndexBuild(parsed, target, checksum, counts, progress).finish()


class IndexBuild:
    """An index being written in two parts: made here, the rows bound from Python (the
    entries, HSK levels, uncounted words); then ``finish``: what SQL makes of them (each
    headword's rows, the words' levels and bands), which holds no
    Python lock and so may run on another thread (one at a time) while this one works on.
    Written to a temporary file, renamed to ``target`` when complete."""

    def __init__(
        self,
        parsed: ParseResult,
        target: Path,
        checksum: str,
        counts: dict[str, int],
        progress: Progress | None = None,
    ) -> None:
        self._target = target
        self._progress = progress
        self._meta = index_meta(parsed, checksum)
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target.parent)
        handle, temporary_name = tempfile.mkstemp(
            prefix=temp_prefix(target.stem), suffix=".building", dir=target.parent
        )
        os.close(handle)
        self._temporary = Path(temporary_name)
        try:
            self._connection = sqlite3.connect(self._temporary, check_same_thread=False)
            try:
                self._bind(parsed, counts)
            except BaseException:
                self._connection.close()
                raise
        except BaseException:
            self._temporary.unlink(missing_ok=True)
            raise

    def _step(self, done: int, message: str) -> None:
        if self._progress is not None:
            self._progress.step(done, 3, message)

    def _bind(self, parsed: ParseResult, counts: dict[str, int]) -> None:
        connection = self._connection
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(_SCHEMA)
        self._step(1, "Indexing entries")
        # the entries' values in a row, bound by ``finish``: made here, from the parse
        self._entries = list(
            itertools.chain.from_iterable(
                (
                    r.id,
                    r.traditional,
                    r.simplified,
                    r.pinyin,
                    r.body,
                    pinyin_plain(r.pinyin),
                    counts.get(r.simplified, 0),
                )
                for r in parsed.records
            )
        )
        connection.executemany(
            "INSERT INTO parse_errors VALUES (?, ?, ?)",
            ((e.line_number, e.text, e.reason) for e in parsed.errors),
        )
        connection.execute("CREATE TEMP TABLE hsk (word TEXT PRIMARY KEY, old INT, new INT)")
        connection.executemany(
            "INSERT INTO hsk VALUES (?, ?, ?)",
            ((word, old, new) for word, (old, new) in load_hsk_levels().items()),
        )
        # a word jieba counts 0 times still has a band (none in jieba's own list)
        connection.execute("CREATE TEMP TABLE uncounted (word TEXT PRIMARY KEY)")
        connection.executemany(
            "INSERT INTO uncounted VALUES (?)", ((w,) for w, n in counts.items() if n == 0)
        )
        self._edges = band_edges(counts)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", self._meta.items())

    def finish(self) -> None:
        """Make the rest of the index and put it in place (or remove it, failing)."""
        try:
            try:
                connection = self._connection
                _insert_entries(connection, self._entries)
                connection.execute(_HEADS)
                self._step(2, "Indexing HSK levels and word frequency")
                _fill_words(connection, self._edges)
                connection.commit()
            finally:
                self._connection.close()
            os.replace(self._temporary, self._target)
            self._step(3, "Dictionary ready")
        finally:
            with contextlib.suppress(FileNotFoundError):
                self._temporary.unlink()


def _insert_entries(connection: sqlite3.Connection, values: Sequence[object]) -> None:
    """``values`` (the columns of each entry in turn) into ``entries``, thousands of rows a
    statement: on another thread than the one making Python objects, a statement a row
    waited for Python's lock at each row (a second for the entries, not a fifth)."""
    fields = 7
    most = connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // fields
    rows = max(1, min(_ROWS_A_STATEMENT, most))
    for at in range(0, len(values), rows * fields):
        chunk = values[at : at + rows * fields]
        marks = ",".join(["(?, ?, ?, ?, ?, ?, ?)"] * (len(chunk) // fields))
        connection.execute(f"INSERT INTO entries VALUES {marks}", chunk)


def _fill_words(connection: sqlite3.Connection, edges: list[int]) -> None:
    """HSK level and frequency band for every headword, in both scripts: a word's row is
    made from the first entry (by id) under it that gives it a level or a band; its level
    is its own, else its entry's simplified form's. Made in SQL from ``heads``,
    ``entries`` (whose ``frequency`` is the count, 0 for a word jieba does not count) and
    the temporary tables ``hsk`` and ``uncounted``, not row by row from Python: SQLite
    takes a group's other columns from the row of its ``MIN()``, the first entry.
    ``edges``: the counts at the band limits (``band_edges``)."""
    # band 1 for the commonest, one more per edge above the count: ties share a band
    band = "".join(f" + (e.frequency < {edge:d})" for edge in edges)
    connection.execute(
        f"""
        INSERT INTO words
        SELECT word, hsk_old, hsk_new, word_band FROM (
            SELECT h.word AS word, MIN(h.entry_id),
                CASE WHEN own.word IS NULL THEN simple.old ELSE own.old END AS hsk_old,
                CASE WHEN own.word IS NULL THEN simple.new ELSE own.new END AS hsk_new,
                CASE WHEN e.frequency > 0 OR e.simplified IN uncounted THEN 1{band} END AS word_band
            FROM heads h JOIN entries e ON e.id = h.entry_id
            LEFT JOIN hsk own ON own.word = h.word
            LEFT JOIN hsk simple ON simple.word = e.simplified
            WHERE hsk_old IS NOT NULL OR hsk_new IS NOT NULL OR word_band IS NOT NULL
            GROUP BY h.word
        )
        ORDER BY word
        """
    )
    connection.execute("DROP TABLE hsk")
    connection.execute("DROP TABLE uncounted")


def build_english(index: Path, target: Path) -> None:
    """Write the English search of the complete ``index`` to ``target`` (temp file, then
    rename; another process that wrote it first wins)."""
    handle, temporary_name = tempfile.mkstemp(
        prefix=temp_prefix(target.stem), suffix=".building", dir=target.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        connection = sqlite3.connect(temporary.as_uri(), uri=True)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("ATTACH DATABASE ? AS dictionary", (f"{index.as_uri()}?mode=ro",))
            connection.executescript(_ENGLISH_SCHEMA)
            connection.commit()
        finally:
            connection.close()
        try:
            os.replace(temporary, target)
        except OSError:  # held open where that forbids it (Windows): the other one stays
            if not target.exists():
                raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def remove_stale_indexes(keep: Path) -> None:
    """Delete every compiled index (and its English search) but ``keep`` and the bundled
    release's; best effort.

    The bundled one stays so going back to it (a new data dir, a removed import) is instant.
    """
    bundled = index_path_for(source_checksum(paths.bundled_cedict()))
    kept = {keep, bundled, english_path_for(keep), english_path_for(bundled)}
    for path in keep.parent.glob(f"{INDEX_PREFIX}*.sqlite"):
        if path not in kept:
            with contextlib.suppress(OSError):
                path.unlink()
