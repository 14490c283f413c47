"""The dictionary the app reads: lookups on the compiled SQLite index.

One read-only SQLite connection per thread (the analysis worker and the UI thread both look
words up); entries are built from index rows on demand and cached, so repeated lookups of
common words cost a dictionary hit.

A release with no index yet is parsed at once and its index written on a thread of its own
(``Compiling``): SQLite does most of that work without holding Python's lock, so on a first
run it overlaps what the caller does next (the segmenter's and the readings' tables), which
needs only what the parse gave (the headwords, the meta). Lookups wait until it is written.
The English search is a file of its own, compiled by the first English search.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from reader.core import paths
from reader.core.cedict.cache import (
    english_path_for,
    index_path_for,
    shipped_index_for,
    source_checksum,
)
from reader.core.cedict.index import IndexBuild, build_english, index_meta, remove_stale_indexes
from reader.core.cedict.model import Entry, HskLevel, Listing, Reference
from reader.core.cedict.parser import ParseError, ParseResult, SourceError, parse_source
from reader.core.cedict.search import (
    english_rank,
    english_terms,
    parse_pinyin_query,
    toneless_letters,
)
from reader.core.cedict.sources import active_source
from reader.core.cedict.wordinfo import load_word_counts
from reader.core.collector import paused
from reader.core.progress import Progress
from reader.core.shipped import Damaged, archive_for, unpack_file

_ENTRY_COLUMNS = "e.id, e.traditional, e.simplified, e.pinyin, e.body"
_ENGLISH_CANDIDATES = 200
_WORDS_A_QUERY = 900  # under SQLite's oldest limit of 999 parameters


@lru_cache(maxsize=4_096)  # ~1 kB an entry: a few MB at most, the words of a few pages
def _entry(id_: int, traditional: str, simplified: str, pinyin: str, body: str) -> Entry:
    return Entry(id_, traditional, simplified, pinyin, body)


class Dictionary:
    """CC-CEDICT lookups. Get one with ``Dictionary.open()``."""

    def __init__(self, index: Path, source: Path, compiling: Compiling | None = None) -> None:
        self.index = index
        self.source = source
        self._local = threading.local()
        self._compiling = compiling  # until the first lookup has waited for it
        if compiling is None:
            rows = self._query("SELECT key, value FROM meta")
            meta = {str(key): str(value) for key, value in rows}
        else:
            meta = compiling.meta
        self.entry_count = int(meta["entries"])
        self.max_word_length = int(meta["max_word_length"])
        self.release_date = meta.get("header.date", "")

    @classmethod
    def open(
        cls,
        source: Path | None = None,
        *,
        data_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> Dictionary:
        """Open the index of ``source`` (default: the user's imported release, else the
        bundled one), compiling it first if this release and app version have none yet.

        An imported release that can no longer be read (damaged on disk) falls back to the
        bundled one rather than leaving the app without a dictionary.
        """
        if source is not None:
            return cls._open_source(source, progress)
        chosen = active_source(data_dir)
        try:
            return cls._open_source(chosen, progress)
        except SourceError:
            if chosen == paths.bundled_cedict():
                raise
            return cls._open_source(paths.bundled_cedict(), progress)

    @classmethod
    def _open_source(cls, source: Path, progress: Progress | None) -> Dictionary:
        try:
            checksum = source_checksum(source)
        except OSError as error:
            raise SourceError(f"cannot read {source}: {error}") from error
        index = index_path_for(checksum)
        with _COMPILING_LOCK:  # one build of an index in a process at a time
            compiling = _compiling.get(index)
        if compiling is not None:
            return cls(index, source, compiling)
        shipped = None if index.exists() else shipped_index_for(checksum)
        if shipped is not None:
            with contextlib.suppress(Damaged):  # damaged: compile one instead
                unpack_file(shipped, index)
        if not index.exists():
            return cls(index, source, compile_source(source, progress, wait=progress is not None))
        try:
            return cls(index, source)
        except sqlite3.DatabaseError:  # damaged cache file: rebuild it once
            index.unlink(missing_ok=True)
            return cls(index, source, compile_source(source, progress))

    def ready(self) -> None:
        """Wait until the index is written, if it is being compiled (lookups wait by
        themselves); raises what its compiling raised."""
        compiling = self._compiling
        if compiling is not None:
            compiling.wait()
            self._compiling = None  # the parse it holds is freed

    # --- connections -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self.ready()
            connection = sqlite3.connect(f"{self.index.as_uri()}?mode=ro", uri=True)
            self._local.connection = connection
        return connection

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        return self._connection().execute(sql, parameters).fetchall()

    def _entries_where(self, condition: str, parameters: tuple[object, ...]) -> list[Entry]:
        rows = self._connection().execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE {condition}", parameters
        )
        return [_entry(*row) for row in rows]

    # --- lookups ------------------------------------------------------------------------

    def entries(self, word: str) -> list[Entry]:
        """Every entry whose simplified or traditional headword is ``word``, in file order."""
        return self._entries_where(
            "e.id IN (SELECT entry_id FROM heads WHERE word = ?) ORDER BY e.id", (word,)
        )

    def listings_of(self, words: Iterable[str]) -> dict[str, list[Listing]]:
        """The id and pinyin of the ``entries`` of each of ``words`` (``[]`` if none), in a
        query per 900 words: an analysis asks thousands of new words at once, and a query
        each was most of it; it reads no glosses (a third of the cost)."""
        found: dict[str, list[Listing]] = {word: [] for word in words}
        asked = list(found)
        listing = tuple.__new__  # Listing's own __new__ is a Python function
        for at in range(0, len(asked), _WORDS_A_QUERY):
            chunk = asked[at : at + _WORDS_A_QUERY]
            rows = self._connection().execute(
                "SELECT h.word, e.id, e.pinyin FROM heads h JOIN entries e "
                f"ON e.id = h.entry_id WHERE h.word IN ({','.join('?' * len(chunk))}) "
                "ORDER BY e.id",
                chunk,
            )
            for word, *row in rows:
                found[word].append(listing(Listing, row))
        return found

    def entry(self, entry_id: int) -> Entry:
        found = self._entries_where("e.id = ?", (entry_id,))
        if not found:
            raise KeyError(entry_id)
        return found[0]

    def matches_at(self, text: str, i: int) -> list[Entry]:
        """Every entry of every word that starts at ``text[i]``, longest word first."""
        if not 0 <= i < len(text):
            return []
        end = min(len(text), i + self.max_word_length)
        prefixes = [text[i:stop] for stop in range(end, i, -1)]
        if not prefixes:
            return []
        marks = ",".join("?" * len(prefixes))
        rows = self._connection().execute(
            f"SELECT length(h.word) AS size, {_ENTRY_COLUMNS} FROM heads h "
            f"JOIN entries e ON e.id = h.entry_id WHERE h.word IN ({marks}) "
            "ORDER BY size DESC, e.id",
            prefixes,
        )
        seen: set[int] = set()
        found: list[Entry] = []
        for _, *row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                found.append(_entry(*row))
        return found

    def resolve(self, reference: Reference) -> list[Entry]:
        """The entries a cross-reference points to: the headword with the given reading,
        or every entry of the headword when the reading matches none (or none is given)."""
        candidates = [
            entry
            for entry in self.entries(reference.traditional)
            if entry.simplified == reference.simplified
        ]
        wanted = reference.pinyin.lower()
        exact = [entry for entry in candidates if entry.pinyin.lower() == wanted]
        return exact or candidates

    def character_breakdown(self, word: str) -> list[tuple[str, list[Entry]]]:
        return [(character, self.entries(character)) for character in word]

    def hsk_level(self, word: str) -> HskLevel | None:
        rows = self._query("SELECT hsk_old, hsk_new FROM words WHERE word = ?", (word,))
        if not rows or rows[0] == (None, None):
            return None
        old, new = rows[0]
        return HskLevel(
            old if isinstance(old, int) else None, new if isinstance(new, int) else None
        )

    def frequency_band(self, word: str) -> int | None:
        """1 = among the 1,000 commonest words … 5 = rare (see ``wordinfo``)."""
        rows = self._query("SELECT band FROM words WHERE word = ?", (word,))
        band = rows[0][0] if rows else None
        return band if isinstance(band, int) else None

    def headwords(self) -> list[tuple[str, str]]:
        """(simplified, traditional) of every entry, once each, in file order: the
        segmenter's word list (from the parse while the index is being written)."""
        compiling = self._compiling
        if compiling is not None and not compiling.done():
            return list(dict.fromkeys((r.simplified, r.traditional) for r in compiling.records))
        rows: list[tuple[str, str]] = (
            self._connection().execute("SELECT simplified, traditional FROM entries").fetchall()
        )
        return list(dict.fromkeys(rows))

    def parse_errors(self) -> list[ParseError]:
        """Lines of the source that were malformed and skipped when it was compiled."""
        return [
            ParseError(int(str(line)), str(text), str(reason))
            for line, text, reason in self._query("SELECT line, text, reason FROM parse_errors")
        ]

    # --- search -------------------------------------------------------------------------

    def search_pinyin(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries read as ``query`` (``aihao``, ``ai4hao4``, ``ài hào``), commonest first;
        when nothing matches exactly, words whose toneless pinyin starts with the letters
        typed (``zhongguoyinh`` → 中国银行)."""
        order = "ORDER BY e.frequency DESC, length(e.simplified), e.id"
        parsed = parse_pinyin_query(query)
        if parsed is not None:
            exact = [
                entry
                for entry in self._entries_where(f"e.pinyin_plain = ? {order}", (parsed.key,))
                if parsed.tones_match(entry.pinyin)
            ]
            if exact or any(tone is not None for tone in parsed.tones):
                return exact[:limit]
        prefix = parsed.key if parsed is not None else toneless_letters(query)
        if not prefix:
            return []
        return self._entries_where(
            f"e.pinyin_plain > ? AND e.pinyin_plain < ? {order} LIMIT ?",
            (prefix, prefix + "\x7f", limit),
        )

    def search_english(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries whose glosses hold every word of ``query``, ranked by ``english_rank``."""
        terms = english_terms(query)
        if not terms:
            return []
        match = " ".join(f'"{term}"' for term in terms)
        # Candidates: the best bm25 matches (short glosses) and the most frequent words
        # (long entries like 好 or 水, which bm25 ranks low); then ranked in Python.
        select = (
            f"SELECT w.band, e.frequency, {_ENTRY_COLUMNS} FROM english.glosses g "
            "JOIN entries e ON e.id = g.rowid LEFT JOIN words w ON w.word = e.simplified "
            "WHERE g.glosses MATCH ? ORDER BY {} LIMIT ?"
        )
        connection = self._english_connection()
        scored = {}
        for order in ("g.rank", "e.frequency DESC"):
            for band, count, *row in connection.execute(
                select.format(order), (match, _ENGLISH_CANDIDATES)
            ):
                entry = _entry(*row)
                scored[entry.id] = (english_rank(entry, terms, band, count), entry.id, entry)
        ranked = sorted(scored.values(), key=lambda item: (item[0], item[1]))
        return [entry for _, _, entry in ranked[:limit]]

    def english_index(self) -> Path:
        """The English search's own file (``cache.english_path_for``), compiled the first
        time it is needed (unpacked if a build shipped it): it is not in a first run's
        way, and most runs never search in English."""
        self.ready()
        english = english_path_for(self.index)
        with _ENGLISH_LOCK:
            if not english.exists():
                shipped = archive_for(paths.precompiled_dir() / english.name)
                if shipped.is_file():
                    with contextlib.suppress(Damaged):  # damaged: compile one instead
                        unpack_file(shipped, english)
            if not english.exists():
                build_english(self.index, english)
        return english

    def _english_connection(self) -> sqlite3.Connection:
        """This thread's connection, with the English search attached (as ``english``)."""
        connection = self._connection()
        if not getattr(self._local, "english", False):
            english = self.english_index()
            try:
                connection.execute("ATTACH DATABASE ? AS english", (f"{english.as_uri()}?mode=ro",))
                connection.execute("SELECT 1 FROM english.glosses LIMIT 1").fetchall()
            except sqlite3.DatabaseError:  # damaged on disk: compiled again, once
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("DETACH DATABASE english")
                english.unlink(missing_ok=True)
                connection.execute(
                    "ATTACH DATABASE ? AS english", (f"{self.english_index().as_uri()}?mode=ro",)
                )
            self._local.english = True
        return connection

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
            self._local.english = False


class Compiling:
    """A release parsed, its index being written (its last part on a thread of its own
    unless ``wait``: ``IndexBuild``): the meta and records of the parse, and ``wait``."""

    def __init__(self, parsed: ParseResult, target: Path, checksum: str) -> None:
        self.meta = index_meta(parsed, checksum)
        self.records = parsed.records
        self._parsed: ParseResult | None = parsed  # until its rows are bound
        self._target = target
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def run(self, progress: Progress | None, wait: bool) -> None:
        """Write the index, to the end here (``wait``) or with its last part on a thread
        that a process's exit waits for (the index is then complete for the next run)."""
        parsed, self._parsed = self._parsed, None
        assert parsed is not None  # run once
        counts = load_word_counts(keep=True)  # kept for the segmenter's word table
        build = IndexBuild(parsed, self._target, self.meta["checksum"], counts, progress)
        if wait:
            build.finish()
            remove_stale_indexes(self._target)
            return
        with _COMPILING_LOCK:
            _compiling[self._target] = self
        self._thread = threading.Thread(target=self._finish, args=(build,), name="cedict-index")
        self._thread.start()

    def _finish(self, build: IndexBuild) -> None:
        try:
            build.finish()
            remove_stale_indexes(self._target)
        except BaseException as error:  # handed to whoever waits (a lookup)
            self._error = error
        finally:
            with _COMPILING_LOCK:
                _compiling.pop(self._target, None)

    def done(self) -> bool:
        return self._thread is None or not self._thread.is_alive()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error


_ENGLISH_LOCK = threading.Lock()  # one build of an English search in a process at a time
_COMPILING_LOCK = threading.Lock()
_compiling: dict[Path, Compiling] = {}  # index path → its build under way in this process


def compile_source(source: Path, progress: Progress | None = None, wait: bool = True) -> Compiling:
    """Parse ``source`` and write its index (before returning if ``wait``, else on a
    thread: ``Compiling.wait``).

    Raises ``SourceError`` if the file cannot be read or holds no entries.
    """
    checksum = source_checksum(source)
    with paused():  # the records of 120,000 entries, no cycles
        parsed = parse_source(source, progress)
        if not parsed.records:
            raise SourceError(f"{source.name} holds no CC-CEDICT entries")
        compiling = Compiling(parsed, index_path_for(checksum), checksum)
        compiling.run(progress, wait)
    return compiling
