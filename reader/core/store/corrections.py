"""The user's segmentation corrections (split / merge rules), reading fixes and own words.

A rule says how to cut a piece of text wherever it occurs: ``text`` is the surface form,
``parts`` the tokens it must become (a split: 东盟国家 → 东盟 + 国家; a merge: 金 + 联体 →
金联体, stored with ``parts == [text]``). One rule per text: a new rule for the same text
replaces the old one. A reading fix (``ReadingFix``) says how a word or short context
reads wherever it occurs; again one per text. ``version()`` changes whenever rules, fixes
or user words change, so the analysis can put it in its cache key.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from reader.core.analysis.reading_fixes import ReadingFix, check_fix, normalised
from reader.core.store.database import Database
from reader.core.store.schema import now_text

_VERSION_KEY = "segmentation_version"


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


@dataclass(frozen=True, slots=True)
class StoredReadingFix:
    """A reading fix as stored, with what the list of rules shows beside it."""

    id: int
    fix: ReadingFix
    created_at: datetime


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
        if "".join(parts) != text or not all(parts):
            raise ValueError(f"the parts {list(parts)!r} do not make up {text!r}")
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM corrections WHERE text = ?", (text,))
            cursor = conn.execute(
                "INSERT INTO corrections (kind, text, parts, created_at) VALUES (?, ?, ?, ?)",
                (str(kind), text, json.dumps(list(parts), ensure_ascii=False), now_text()),
            )
            _bump(conn)
            return int(cursor.lastrowid or 0)

    def all(self) -> list[Correction]:
        rows = self._db.conn.execute(
            "SELECT id, kind, text, parts, created_at FROM corrections ORDER BY id"
        ).fetchall()
        return [
            Correction(i, CorrectionKind(k), t, tuple(json.loads(p)), datetime.fromisoformat(c))
            for i, k, t, p, c in rows
        ]

    def remove(self, correction_id: int) -> None:
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount:
                _bump(conn)

    def add_reading_fix(self, text: str, readings: list[str] | tuple[str, ...]) -> int:
        """Store how ``text`` reads (replacing any fix for the same text); returns its id.
        Raises ``ReadingFixError`` (a ValueError) for readings that do not fit ``text``."""
        check_fix(text, readings)
        spelled = [normalised(r) for r in readings]
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM reading_fixes WHERE text = ?", (text,))
            cursor = conn.execute(
                "INSERT INTO reading_fixes (text, readings, created_at) VALUES (?, ?, ?)",
                (text, json.dumps(spelled, ensure_ascii=False), now_text()),
            )
            _bump(conn)
            return int(cursor.lastrowid or 0)

    def reading_fixes(self) -> list[StoredReadingFix]:
        rows = self._db.conn.execute(
            "SELECT id, text, readings, created_at FROM reading_fixes ORDER BY id"
        ).fetchall()
        return [
            StoredReadingFix(i, ReadingFix(t, tuple(json.loads(r))), datetime.fromisoformat(c))
            for i, t, r, c in rows
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


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1')"
        " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        (_VERSION_KEY,),
    )
