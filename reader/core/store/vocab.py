"""Vocabulary: word lists, the words in them, and one status per word for the whole app.

A list is named; an article's default list is "Words from <title>" (made on first use).
A word in a list keeps what the learner met: both scripts, the reading in context, the
senses chosen, the entry ids, the sentence, the source article, notes, when it was added;
a list holds a word once per reading. Deleting returns a record that ``restore_*`` puts
back exactly (undo).

Lists can be marked as a class's taught vocabulary (``mark_class_list``, ``class_words``).

Statuses (``WordStatus``) belong to the word, not to a list, as in LWT / LingQ; a word
with no stored status is NEW. ``statuses_for`` answers for a whole article in one query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

from reader.core.store.database import Database
from reader.core.store.schema import now_text

DEFAULT_LIST_PREFIX = "Words from "


class WordStatus(IntEnum):
    """Stored as these integers; 1–4 are the learning stages (LWT's 1–4)."""

    NEW = 0
    LEARNING_1 = 1
    LEARNING_2 = 2
    LEARNING_3 = 3
    LEARNING_4 = 4
    KNOWN = 5
    IGNORED = 6

    @property
    def is_learning(self) -> bool:
        return 1 <= self <= 4

    @property
    def label(self) -> str:
        """As the app names it: "New", "Learning 2", "Known", "Ignored"."""
        return f"Learning {int(self)}" if self.is_learning else self.name.capitalize()


_STATUSES = tuple(WordStatus)  # indexing is much faster than calling the enum


class ListNameTakenError(ValueError):
    pass


class ListNotFoundError(KeyError):
    pass


class WordSort(StrEnum):
    ADDED = "added"  # date added (then list order)
    POSITION = "position"  # the list's own order
    WORD = "word"  # simplified, by code point
    PINYIN = "pinyin"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class WordList:
    id: int
    name: str
    article_id: int | None  # set for an article's default list
    created_at: datetime
    word_count: int


@dataclass(frozen=True, slots=True)
class NewWord:
    simplified: str
    traditional: str = ""
    pinyin: str = ""  # numbered, as read in context: "yin2 hang2"
    senses: tuple[str, ...] = ()  # the glosses the learner chose
    entry_ids: tuple[int, ...] = ()  # CC-CEDICT entries, the chosen one first
    sentence: str = ""  # the example: the clause it was met in (`collect.clause_around`)
    source_article_id: int | None = None
    notes: str = ""
    full_sentence: str = ""  # the whole sentence around ``sentence``


class ListWord(NamedTuple):
    """A word in a list. A named tuple, not a frozen dataclass: a list of 10,000 words
    is built several times faster, and opening a list is what the user waits for."""

    id: int
    list_id: int
    simplified: str
    traditional: str
    pinyin: str
    senses: tuple[str, ...]
    entry_ids: tuple[int, ...]
    sentence: str
    source_article_id: int | None
    notes: str
    added_at: datetime
    position: int
    status: WordStatus
    full_sentence: str = ""


@dataclass(frozen=True, slots=True)
class DeletedWords:
    """What ``delete_words`` removed, for ``restore_words`` (undo)."""

    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class DeletedList:
    row: tuple[Any, ...]
    words: DeletedWords
    class_marked_at: str | None = None  # when it was marked as a class list, if it was


_WORD_COLUMNS = (
    "id, list_id, simplified, traditional, pinyin, senses, entry_ids, sentence,"
    " source_article_id, notes, added_at, position, full_sentence"
)
_SORT_SQL = {
    WordSort.ADDED: "w.added_at, w.position",
    WordSort.POSITION: "w.position",
    WordSort.WORD: "w.simplified, w.position",
    WordSort.PINYIN: "w.pinyin, w.simplified",
    WordSort.STATUS: "status, w.position",
}


def _list_words(rows: list[Any]) -> list[ListWord]:
    """Rows of ``_WORD_COLUMNS`` + status → words; the JSON fields of all rows are parsed
    in one call each (one parse of 10,000 small arrays costs much less than 10,000)."""
    senses = json.loads("[" + ",".join([row[5] for row in rows]) + "]")
    entry_ids = json.loads("[" + ",".join([row[6] for row in rows]) + "]")
    from_iso = datetime.fromisoformat
    return [
        ListWord(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            tuple(chosen),
            tuple(ids),
            row[7],
            row[8],
            row[9],
            from_iso(row[10]),
            row[11],
            _STATUSES[row[13]],
            row[12],
        )
        for row, chosen, ids in zip(rows, senses, entry_ids, strict=True)
    ]


class Vocab:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- lists -------------------------------------------------------------------------

    def create_list(self, name: str, article_id: int | None = None) -> int:
        name = name.strip()
        if not name:
            raise ValueError("a list needs a name")
        with self._db.transaction() as conn:
            try:
                cursor = conn.execute(
                    "INSERT INTO lists (name, article_id, created_at) VALUES (?, ?, ?)",
                    (name, article_id, now_text()),
                )
            except sqlite3.IntegrityError as error:
                raise ListNameTakenError(f"there is already a list named {name!r}") from error
            return int(cursor.lastrowid or 0)

    def rename_list(self, list_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a list needs a name")
        with self._db.transaction() as conn:
            try:
                cursor = conn.execute("UPDATE lists SET name = ? WHERE id = ?", (name, list_id))
            except sqlite3.IntegrityError as error:
                raise ListNameTakenError(f"there is already a list named {name!r}") from error
            if cursor.rowcount == 0:
                raise ListNotFoundError(list_id)

    def lists(self) -> list[WordList]:
        rows = self._db.conn.execute(
            "SELECT l.id, l.name, l.article_id, l.created_at,"
            " (SELECT count(*) FROM list_words w WHERE w.list_id = l.id)"
            " FROM lists l ORDER BY l.name"
        ).fetchall()
        return [WordList(i, n, a, datetime.fromisoformat(c), k) for i, n, a, c, k in rows]

    def free_list_name(self, wanted: str) -> str:
        """``wanted``, or "wanted (2)", "(3)"… when the user already has a list of that name."""
        taken = {word_list.name for word_list in self.lists()}
        name, n = wanted, 1
        while name in taken:
            n += 1
            name = f"{wanted} ({n})"
        return name

    def list_for_article(self, article_id: int) -> int:
        """The article's default list, "Words from <title>", made if it does not exist yet."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM lists WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                return int(row[0])
            title_row = conn.execute(
                "SELECT title FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if title_row is None:
                raise KeyError(article_id)
            base = DEFAULT_LIST_PREFIX + str(title_row[0])
            name, n = base, 1
            while conn.execute("SELECT 1 FROM lists WHERE name = ?", (name,)).fetchone():
                n += 1
                name = f"{base} ({n})"
            return self.create_list(name, article_id)

    def delete_list(self, list_id: int) -> DeletedList:
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT id, name, article_id, created_at FROM lists WHERE id = ?", (list_id,)
            ).fetchone()
            if row is None:
                raise ListNotFoundError(list_id)
            words = conn.execute(
                f"SELECT {_WORD_COLUMNS} FROM list_words WHERE list_id = ?", (list_id,)
            ).fetchall()
            marked = conn.execute(
                "SELECT marked_at FROM class_lists WHERE list_id = ?", (list_id,)
            ).fetchone()
            conn.execute("DELETE FROM lists WHERE id = ?", (list_id,))  # cascades to words
        rows = DeletedWords(tuple(tuple(w) for w in words))
        return DeletedList(tuple(row), rows, None if marked is None else marked[0])

    def restore_list(self, deleted: DeletedList) -> None:
        """Undo ``delete_list`` (its words and its class mark); a list since made with the
        same name gets " (restored)"."""
        list_id, name, article_id, created = deleted.row
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM lists WHERE name = ?", (name,)).fetchone():
                name = f"{name} (restored)"
            if conn.execute("SELECT 1 FROM lists WHERE article_id = ?", (article_id,)).fetchone():
                article_id = None
            conn.execute(
                "INSERT INTO lists (id, name, article_id, created_at) VALUES (?, ?, ?, ?)",
                (list_id, name, article_id, created),
            )
            self.restore_words(deleted.words)
            if deleted.class_marked_at is not None:
                conn.execute(
                    "INSERT INTO class_lists (list_id, marked_at) VALUES (?, ?)",
                    (list_id, deleted.class_marked_at),
                )

    # --- class lists (`reader.core.class_lists`) ----------------------------------------

    def mark_class_list(self, list_id: int, marked: bool = True) -> None:
        """Mark (or unmark) a list as part of the class's taught vocabulary."""
        with self._db.transaction() as conn:
            if not conn.execute("SELECT 1 FROM lists WHERE id = ?", (list_id,)).fetchone():
                raise ListNotFoundError(list_id)
            if marked:
                conn.execute(
                    "INSERT OR IGNORE INTO class_lists (list_id, marked_at) VALUES (?, ?)",
                    (list_id, now_text()),
                )
            else:
                conn.execute("DELETE FROM class_lists WHERE list_id = ?", (list_id,))

    def class_list_ids(self) -> set[int]:
        rows = self._db.conn.execute("SELECT list_id FROM class_lists").fetchall()
        return {int(r[0]) for r in rows}

    def words_of_lists(self, list_ids: Iterable[int]) -> set[str]:
        """The words (keys) of the given lists, in one query."""
        rows = self._db.conn.execute(
            "SELECT DISTINCT simplified FROM list_words"
            " WHERE list_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(list_ids))),),
        ).fetchall()
        return {r[0] for r in rows}

    def class_words(self) -> set[str]:
        """Every word of the lists marked as the class's."""
        return self.words_of_lists(self.class_list_ids())

    # --- words in lists ----------------------------------------------------------------

    def add_word(self, word: NewWord, list_id: int | None = None) -> int:
        """Add ``word`` to ``list_id`` (default: its source article's list); one transaction.

        Returns the id of the word in the list; a word already there (same simplified and
        reading) is left as it is and its id returned.
        """
        return self.add_words([word], list_id)[0]

    def add_words(self, words: Sequence[NewWord], list_id: int | None = None) -> list[int]:
        return [word_id for word_id, _new in self.add_words_telling_new(words, list_id)]

    def add_words_telling_new(
        self, words: Sequence[NewWord], list_id: int | None = None
    ) -> list[tuple[int, bool]]:
        """`add_words`, each id with whether the word is new in its list (what an undo of
        the add removes: a word that was there already stays)."""
        with self._db.transaction() as conn:
            ids = []
            for word in words:
                target = list_id
                if target is None:
                    if word.source_article_id is None:
                        raise ValueError("a word needs a list or a source article")
                    target = self.list_for_article(word.source_article_id)
                ids.append(self._insert_telling_new(conn, target, word))
            return ids

    @staticmethod
    def _insert(conn: sqlite3.Connection, list_id: int, word: NewWord) -> int:
        return Vocab._insert_telling_new(conn, list_id, word)[0]

    @staticmethod
    def _insert_telling_new(
        conn: sqlite3.Connection, list_id: int, word: NewWord
    ) -> tuple[int, bool]:
        row = conn.execute(
            "SELECT id FROM list_words WHERE list_id = ? AND simplified = ? AND pinyin = ?",
            (list_id, word.simplified, word.pinyin),
        ).fetchone()
        if row is not None:
            return int(row[0]), False
        try:
            cursor = conn.execute(
                "INSERT INTO list_words (list_id, simplified, traditional, pinyin, senses,"
                " entry_ids, sentence, source_article_id, notes, added_at, position,"
                " full_sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " (SELECT coalesce(max(position), 0) + 1 FROM list_words WHERE list_id = ?),"
                " ?)",
                (
                    list_id,
                    word.simplified,
                    word.traditional,
                    word.pinyin,
                    json.dumps(list(word.senses), ensure_ascii=False),
                    json.dumps(list(word.entry_ids)),
                    word.sentence,
                    word.source_article_id,
                    word.notes,
                    now_text(),
                    list_id,
                    word.full_sentence,
                ),
            )
        except sqlite3.IntegrityError as error:
            raise ListNotFoundError(list_id) from error
        return int(cursor.lastrowid or 0), True

    def lists_holding(self, word: str) -> dict[int, str]:
        """The lists (id → name) that hold ``word`` (its key) in any reading."""
        rows = self._db.conn.execute(
            "SELECT DISTINCT l.id, l.name FROM list_words w JOIN lists l ON l.id = w.list_id"
            " WHERE w.simplified = ? ORDER BY l.name",
            (word,),
        ).fetchall()
        return {int(i): str(n) for i, n in rows}

    def word(self, word_id: int) -> ListWord:
        row = self._db.conn.execute(
            f"SELECT {_prefixed('w')}, coalesce(s.status, 0) FROM list_words w"
            " LEFT JOIN word_status s ON s.word = w.simplified WHERE w.id = ?",
            (word_id,),
        ).fetchone()
        if row is None:
            raise KeyError(word_id)
        return _list_words([row])[0]

    def update_word(
        self,
        word_id: int,
        *,
        notes: str | None = None,
        senses: Sequence[str] | None = None,
        entry_ids: Sequence[int] | None = None,
        traditional: str | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if traditional is not None:
            changes["traditional"] = traditional
        if notes is not None:
            changes["notes"] = notes
        if senses is not None:
            changes["senses"] = json.dumps(list(senses), ensure_ascii=False)
        if entry_ids is not None:
            changes["entry_ids"] = json.dumps(list(entry_ids))
        if not changes:
            return
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self._db.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE list_words SET {assignments} WHERE id = ?", (*changes.values(), word_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(word_id)

    def copy_words(self, word_ids: Iterable[int], list_id: int) -> list[int]:
        """Copy to another list (a word already there is not doubled); returns the new ids."""
        with self._db.transaction() as conn:
            return [self._insert(conn, list_id, _as_new(self.word(i))) for i in word_ids]

    def move_words(self, word_ids: Iterable[int], list_id: int) -> list[int]:
        """Move to another list; returns the words' ids there."""
        with self._db.transaction() as conn:
            ids = list(word_ids)
            moved = self.copy_words(ids, list_id)
            conn.executemany(
                "DELETE FROM list_words WHERE id = ? AND list_id != ?",
                ((i, list_id) for i in ids),
            )
            return moved

    def delete_words(self, word_ids: Iterable[int]) -> DeletedWords:
        with self._db.transaction() as conn:
            rows = []
            for word_id in word_ids:
                row = conn.execute(
                    f"SELECT {_WORD_COLUMNS} FROM list_words WHERE id = ?", (word_id,)
                ).fetchone()
                if row is not None:
                    rows.append(tuple(row))
                    conn.execute("DELETE FROM list_words WHERE id = ?", (word_id,))
        return DeletedWords(tuple(rows))

    def restore_words(self, deleted: DeletedWords) -> None:
        """Undo ``delete_words``: the same ids, places and dates (unless added again since)."""
        placeholders = ", ".join("?" * len(_WORD_COLUMNS.split(",")))
        with self._db.transaction() as conn:
            conn.executemany(
                f"INSERT OR IGNORE INTO list_words ({_WORD_COLUMNS}) VALUES ({placeholders})",
                deleted.rows,
            )

    def words(
        self,
        list_id: int,
        *,
        sort: WordSort = WordSort.POSITION,
        descending: bool = False,
        statuses: Iterable[WordStatus] | None = None,
        added_from: datetime | None = None,
        added_before: datetime | None = None,
        hsk_levels: Iterable[int | None] | None = None,
        hsk_level: Callable[[str], int | None] | None = None,
    ) -> list[ListWord]:
        """The words of a list, sorted and filtered (HSK through ``hsk_level(word)``)."""
        where = ["w.list_id = ?"]
        args: list[object] = [list_id]
        if statuses is not None:
            wanted = sorted({int(s) for s in statuses})
            where.append(f"coalesce(s.status, 0) IN ({', '.join('?' * len(wanted))})")
            args += wanted
        if added_from is not None:
            where.append("w.added_at >= ?")
            args.append(added_from.isoformat())
        if added_before is not None:
            where.append("w.added_at < ?")
            args.append(added_before.isoformat())
        order = _SORT_SQL[sort]
        if descending:
            order = ", ".join(f"{part} DESC" for part in order.split(", "))
        rows = self._db.conn.execute(
            f"SELECT {_prefixed('w')}, coalesce(s.status, 0) AS status FROM list_words w"
            f" LEFT JOIN word_status s ON s.word = w.simplified"
            f" WHERE {' AND '.join(where)} ORDER BY {order}",
            args,
        ).fetchall()
        found = _list_words(rows)
        if hsk_levels is not None:
            if hsk_level is None:
                raise ValueError("filtering by HSK level needs hsk_level")
            levels = set(hsk_levels)
            found = [w for w in found if hsk_level(w.simplified) in levels]
        return found

    # --- statuses ----------------------------------------------------------------------

    def set_status(self, word: str, status: WordStatus) -> None:
        self.set_statuses({word: status})

    def set_statuses(self, statuses: Mapping[str, WordStatus]) -> None:
        """Set many statuses in one transaction."""
        stamp = now_text()
        with self._db.transaction() as conn:
            conn.executemany(
                "INSERT INTO word_status (word, status, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (word) DO UPDATE SET status = excluded.status,"
                " updated_at = excluded.updated_at",
                ((w, int(s), stamp) for w, s in statuses.items()),
            )

    def status(self, word: str) -> WordStatus:
        return self.statuses_for([word])[word]

    def statuses_for(self, words: Iterable[str]) -> dict[str, WordStatus]:
        """The status of each of ``words`` (NEW when none is stored), in one query."""
        unique = set(words)
        result = dict.fromkeys(unique, WordStatus.NEW)
        rows = self._db.conn.execute(
            "SELECT word, status FROM word_status"
            " WHERE word IN (SELECT value FROM json_each(?)) AND status != 0",
            (json.dumps(list(unique), ensure_ascii=False),),
        ).fetchall()
        for word, status in rows:
            result[word] = _STATUSES[status]
        return result

    def words_with_status(self, status: WordStatus) -> set[str]:
        rows = self._db.conn.execute(
            "SELECT word FROM word_status WHERE status = ?", (int(status),)
        ).fetchall()
        return {r[0] for r in rows}

    def known_words(self) -> set[str]:
        return self.words_with_status(WordStatus.KNOWN)


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in _WORD_COLUMNS.split(","))


def _as_new(word: ListWord) -> NewWord:
    return NewWord(
        simplified=word.simplified,
        traditional=word.traditional,
        pinyin=word.pinyin,
        senses=word.senses,
        entry_ids=word.entry_ids,
        sentence=word.sentence,
        source_article_id=word.source_article_id,
        notes=word.notes,
        full_sentence=word.full_sentence,
    )
