"""Compiling a parsed release into the SQLite index the app reads.

The index is a cache: its file name carries the source's SHA-256 and the app version, so a
new release or a new app builds a fresh one and never reads a stale one. It is written to a
temporary file in the cache folder and renamed into place only when complete, so a crash or
a failed build never leaves a half-built index where the app looks for one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from reader import __version__
from reader.core import paths
from reader.core.atomic import remove_stale_temps, temp_prefix
from reader.core.cedict.cache import (
    INDEX_PREFIX,
    SCHEMA_VERSION,
    index_path_for,
    source_checksum,
)
from reader.core.cedict.parser import ParseResult, Record
from reader.core.cedict.wordinfo import (
    band_edges,
    frequency_band,
    load_hsk_levels,
    load_word_counts,
)
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
CREATE VIRTUAL TABLE glosses USING fts5(
    body, content='entries', content_rowid='id', tokenize='porter unicode61'
);
"""

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


def build_index(
    parsed: ParseResult, target: Path, checksum: str, progress: Progress | None = None
) -> None:
    """Write the index for ``parsed`` to ``target`` atomically (temp file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target.parent)
    handle, temporary_name = tempfile.mkstemp(
        prefix=temp_prefix(target.stem), suffix=".building", dir=target.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        connection = sqlite3.connect(temporary)
        try:
            _fill(connection, parsed, checksum, progress)
        finally:
            connection.close()
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _fill(
    connection: sqlite3.Connection,
    parsed: ParseResult,
    checksum: str,
    progress: Progress | None,
) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.executescript(_SCHEMA)
    counts = load_word_counts()
    if progress is not None:
        progress.step(1, 4, "Indexing entries")
    records = parsed.records
    connection.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                r.id,
                r.traditional,
                r.simplified,
                r.pinyin,
                r.body,
                pinyin_plain(r.pinyin),
                counts.get(r.simplified, 0),
            )
            for r in records
        ),
    )
    connection.execute(_HEADS)
    if progress is not None:
        progress.step(2, 4, "Indexing HSK levels and word frequency")
    connection.executemany("INSERT INTO words VALUES (?, ?, ?, ?)", _words(records, counts))
    connection.executemany(
        "INSERT INTO parse_errors VALUES (?, ?, ?)",
        ((e.line_number, e.text, e.reason) for e in parsed.errors),
    )
    if progress is not None:
        progress.step(3, 4, "Indexing English glosses")
    connection.execute("INSERT INTO glosses(glosses) VALUES ('rebuild')")
    meta = {
        "checksum": checksum,
        "app_version": __version__,
        "schema": str(SCHEMA_VERSION),
        "entries": str(len(records)),
        "max_word_length": str(max((len(r.simplified) for r in records), default=0)),
        **{f"header.{key}": value for key, value in parsed.header.items()},
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    if progress is not None:
        progress.step(4, 4, "Dictionary ready")


def _words(
    records: list[Record], counts: dict[str, int]
) -> list[tuple[str, int | None, int | None, int | None]]:
    """HSK level and frequency band for every headword, in both scripts."""
    hsk = load_hsk_levels()
    edges = band_edges(counts)
    bands: dict[int, int] = {}  # by count: words share counts
    rows: dict[str, tuple[str, int | None, int | None, int | None]] = {}
    none = (None, None)
    for _, traditional, simplified, _, _ in records:
        count = counts.get(simplified)
        band = None
        if count is not None:
            band = bands.get(count) or bands.setdefault(count, frequency_band(count, edges))
        for word in (simplified,) if traditional == simplified else (simplified, traditional):
            if word in rows:
                continue
            old, new = hsk.get(word) or hsk.get(simplified) or none
            if old is not None or new is not None or band is not None:
                rows[word] = (word, old, new, band)
    return sorted(rows.values())


def remove_stale_indexes(keep: Path) -> None:
    """Delete every compiled index but ``keep`` and the bundled release's; best effort.

    The bundled one stays so going back to it (a new data dir, a removed import) is instant.
    """
    bundled = index_path_for(source_checksum(paths.bundled_cedict()))
    for path in keep.parent.glob(f"{INDEX_PREFIX}*.sqlite"):
        if path not in (keep, bundled):
            with contextlib.suppress(OSError):
                path.unlink()
