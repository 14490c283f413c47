"""The user's segmentation corrections (split / merge rules), reading fixes and own words.

A rule says how to cut a piece of text wherever it occurs: ``text`` is the surface form,
``parts`` the tokens it must become (a split: 东盟国家 → 东盟 + 国家; a merge: 金 + 联体 →
金联体, stored with ``parts == [text]``). One rule per text: a new rule for the same text
replaces the old one. A reading fix (``ReadingFix``) says how a word or short context
reads wherever it occurs; again one per text. ``version()`` changes whenever rules, fixes
or user words change, so the analysis can put it in its cache key.

A segmentation rule or a reading fix applies to the whole library, or to one article
only (``add_for_article``, ``add_reading_fix(..., article_id=)``: what a lesson pack
brings; both kept in ``article_corrections``, a reading fix with ``kind = 'reading'``).
``all(article_id)`` and ``reading_fixes(article_id)`` are what applies to that article:
the library's, and its own where the library has none for the same text.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from reader.core.analysis.reading_fixes import ReadingFix, check_fix, normalised
from reader.core.store.database import Database
from reader.core.store.schema import now_text

_VERSION_KEY = "segmentation_version"
_READING = "reading"  # the kind of an article's own reading fix in article_corrections


class CorrectionKind(StrEnum):
    SPLIT = "split"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    kind: CorrectionKind
    text: str
    parts: tuple[str, ...]
    created_at: datetime
    article_id: int | None = None  # None: the whole library; else that article only


@dataclass(frozen=True, slots=True)
class StoredReadingFix:
    """A reading fix as stored, with what the list of rules shows beside it."""

    id: int
    fix: ReadingFix
    created_at: datetime
    article_id: int | None = None  # None: the whole library; else that article only


@dataclass(frozen=True, slots=True)
class UserWord:
    word: str
    pinyin: str
    added_at: datetime


class Corrections:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, kind: CorrectionKind, text: str, parts: list[str] | tuple[str, ...]) -> int:
        """Store a rule (replacing any rule for the same text); returns its id."""
        _check_parts(text, parts)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM corrections WHERE text = ?", (text,))
            cursor = conn.execute(
                "INSERT INTO corrections (kind, text, parts, created_at) VALUES (?, ?, ?, ?)",
                (str(kind), text, json.dumps(list(parts), ensure_ascii=False), now_text()),
            )
            _bump(conn)
            return int(cursor.lastrowid or 0)

    def add_for_article(
        self, article_id: int, kind: CorrectionKind, text: str, parts: list[str] | tuple[str, ...]
    ) -> int:
        """Store a rule for one article only (replacing its rule for the same text)."""
        _check_parts(text, parts)
        return self._add_for_article(article_id, str(kind), text, parts)

    def _add_for_article(
        self, article_id: int, kind: str, text: str, parts: list[str] | tuple[str, ...]
    ) -> int:
        """Store one article's own rule or reading fix, replacing its earlier one of the
        same sort (segmentation or reading) for the same text."""
        with self._db.transaction() as conn:
            conn.execute(
                "DELETE FROM article_corrections WHERE article_id = ? AND text = ?"
                " AND (kind = ?) = (? = ?)",
                (article_id, text, _READING, kind, _READING),
            )
            cursor = conn.execute(
                "INSERT INTO article_corrections (article_id, kind, text, parts, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (article_id, kind, text, json.dumps(list(parts), ensure_ascii=False), now_text()),
            )
            _bump(conn)
            return int(cursor.lastrowid or 0)

    def _with_articles(
        self, library_rows: list[Any], readings: bool, article_id: int | None
    ) -> list[Any]:
        """The library's rows, then ``article_id``'s own rows of the same sort for the texts
        the library has none for (the user's own wins over a pack's)."""
        if article_id is None:
            return library_rows
        library = {row[1] for row in library_rows}
        own = self._db.conn.execute(
            "SELECT id, text, parts, created_at, article_id, kind FROM article_corrections"
            " WHERE article_id = ? AND (kind = ?) = ? ORDER BY id",
            (article_id, _READING, readings),
        ).fetchall()
        return library_rows + [row for row in own if row[1] not in library]

    def all(self, article_id: int | None = None) -> list[Correction]:
        """The library's rules; with ``article_id``, also that article's own rules for the
        texts the library has no rule for (the user's own rule wins over a pack's)."""
        library = self._db.conn.execute(
            "SELECT id, text, parts, created_at, NULL, kind FROM corrections ORDER BY id"
        ).fetchall()
        rows = self._with_articles(library, False, article_id)
        return [
            Correction(i, CorrectionKind(k), t, tuple(json.loads(p)), datetime.fromisoformat(c), a)
            for i, t, p, c, a, k in rows
        ]

    def remove(self, correction_id: int) -> None:
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount:
                _bump(conn)

    def add_reading_fix(
        self, text: str, readings: list[str] | tuple[str, ...], article_id: int | None = None
    ) -> int:
        """Store how ``text`` reads (replacing any fix for the same text), in the whole
        library or, with ``article_id``, in that article only; returns its id.
        Raises ``ReadingFixError`` (a ValueError) for readings that do not fit ``text``."""
        check_fix(text, readings)
        spelled = [normalised(r) for r in readings]
        if article_id is not None:
            return self._add_for_article(article_id, _READING, text, spelled)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM reading_fixes WHERE text = ?", (text,))
            cursor = conn.execute(
                "INSERT INTO reading_fixes (text, readings, created_at) VALUES (?, ?, ?)",
                (text, json.dumps(spelled, ensure_ascii=False), now_text()),
            )
            _bump(conn)
            return int(cursor.lastrowid or 0)

    def reading_fixes(self, article_id: int | None = None) -> list[StoredReadingFix]:
        """The library's reading fixes; with ``article_id``, also that article's own for
        the texts the library has no fix for (the learner's own fix wins over a pack's)."""
        library = self._db.conn.execute(
            "SELECT id, text, readings, created_at, NULL, NULL FROM reading_fixes ORDER BY id"
        ).fetchall()
        rows = self._with_articles(library, True, article_id)
        return [
            StoredReadingFix(i, ReadingFix(t, tuple(json.loads(r))), datetime.fromisoformat(c), a)
            for i, t, r, c, a, _ in rows
        ]

    def remove_reading_fix(self, fix_id: int) -> None:
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM reading_fixes WHERE id = ?", (fix_id,)).rowcount:
                _bump(conn)

    def add_user_word(self, word: str, pinyin: str = "") -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO user_words (word, pinyin, added_at) VALUES (?, ?, ?)"
                " ON CONFLICT (word) DO UPDATE SET pinyin = excluded.pinyin",
                (word, pinyin, now_text()),
            )
            _bump(conn)

    def remove_user_word(self, word: str) -> None:
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM user_words WHERE word = ?", (word,)).rowcount:
                _bump(conn)

    def user_words(self) -> list[UserWord]:
        rows = self._db.conn.execute(
            "SELECT word, pinyin, added_at FROM user_words ORDER BY added_at, word"
        ).fetchall()
        return [UserWord(w, p, datetime.fromisoformat(a)) for w, p, a in rows]

    def version(self) -> int:
        """A number that changes whenever the rules, the reading fixes or the user's words
        change."""
        row = self._db.conn.execute(
            "SELECT value FROM meta WHERE key = ?", (_VERSION_KEY,)
        ).fetchone()
        return 0 if row is None else int(row[0])


def _check_parts(text: str, parts: list[str] | tuple[str, ...]) -> None:
    if "".join(parts) != text or not all(parts):
        raise ValueError(f"the parts {list(parts)!r} do not make up {text!r}")


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1')"
        " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        (_VERSION_KEY,),
    )
