"""The library: articles with their text, the original beside it, and where the reader was.

A deleted article is only marked deleted, so ``restore`` undoes it; ``purge_deleted``
removes marked articles for good (the app calls it at start-up). Changing an article's
text (split, merge) drops its stored analysis, which no longer matches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.core.progress import Progress
from reader.core.store.database import Database
from reader.core.store.scans import (
    copy_pages,
    read_spans,
    replaced,
    window,
    write_pages,
    write_spans,
)
from reader.core.store.schema import now_text
from reader.core.store.vocab import DEFAULT_LIST_PREFIX

SHORT_QUERY = 3  # the trigram index finds strings of 3+ characters; shorter ones are scanned


class ArticleNotFoundError(KeyError):
    pass


@dataclass(frozen=True, slots=True)
class NewArticle:
    title: str
    text: str
    source: str = ""  # the file it came from, or "" (pasted)
    original_text: str | None = None  # the text before rebuilding; None = same as text
    pages: tuple[bytes, ...] = ()  # read by OCR: the pages (JPEG)…
    uncertain: tuple[tuple[int, int], ...] = ()  # …and the spans of uncertain characters


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the library lists. ``percent_known`` is None until the article is analysed."""

    id: int
    title: str
    source: str
    added_at: datetime
    char_count: int
    reading_position: int
    percent_known: float | None


@dataclass(frozen=True, slots=True)
class Article:
    info: ArticleInfo
    text: str
    original_text: str


_INFO_COLUMNS = """a.id, a.title, a.source, a.added_at, a.char_count, a.reading_position,
    (SELECT 100.0 * st.known / NULLIF(st.counted, 0)
       FROM article_stats st WHERE st.article_id = a.id)"""


def _info(row: Any) -> ArticleInfo:
    pid, title, source, added, chars, position, known = row
    return ArticleInfo(
        id=pid,
        title=title,
        source=source,
        added_at=datetime.fromisoformat(added),
        char_count=chars,
        reading_position=position,
        percent_known=None if known is None else float(known),
    )


def _like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Articles:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article: NewArticle) -> int:
        return self.add_many([article])[0]

    def add_many(
        self, articles: Sequence[NewArticle], progress: Progress | None = None
    ) -> list[int]:
        """Add all of ``articles`` in one transaction (a cancelled import leaves no trace)."""
        ids: list[int] = []
        added = now_text()
        with self._db.transaction() as conn:
            for done, article in enumerate(articles):
                if progress is not None:
                    progress.step(done, len(articles), article.title)
                cursor = conn.execute(
                    "INSERT INTO articles (title, source, added_at, char_count, text,"
                    " original_text) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        article.title,
                        article.source,
                        added,
                        len(article.text),
                        article.text,
                        article.text if article.original_text is None else article.original_text,
                    ),
                )
                article_id = int(cursor.lastrowid or 0)
                write_pages(conn, article_id, article.pages)
                write_spans(conn, article_id, article.uncertain)
                ids.append(article_id)
            if progress is not None:
                progress.step(len(articles), len(articles), "")
        return ids

    def all(self) -> list[ArticleInfo]:
        """Every article in the library, newest first, with its % known."""
        rows = self._db.conn.execute(
            f"SELECT {_INFO_COLUMNS} FROM articles a WHERE a.deleted_at IS NULL"
            " ORDER BY a.added_at DESC, a.id DESC"
        ).fetchall()
        return [_info(r) for r in rows]

    def next_uncounted(self, max_chars: int, skip: Collection[int] = ()) -> int | None:
        """The newest article never analysed (the library has no % known for it yet), of at
        most ``max_chars`` characters and not in ``skip``; None when there is none."""
        rows = self._db.conn.execute(
            "SELECT a.id FROM articles a WHERE a.deleted_at IS NULL AND a.char_count <= ?"
            " AND NOT EXISTS (SELECT 1 FROM article_stats st WHERE st.article_id = a.id)"
            " ORDER BY a.added_at DESC, a.id",
            (max_chars,),
        )
        return next((int(article_id) for (article_id,) in rows if article_id not in skip), None)

    def info(self, article_id: int) -> ArticleInfo:
        row = self._db.conn.execute(
            f"SELECT {_INFO_COLUMNS} FROM articles a WHERE a.id = ? AND a.deleted_at IS NULL",
            (article_id,),
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(article_id)
        return _info(row)

    def get(self, article_id: int) -> Article:
        with self._db.snapshot() as conn:
            info = self.info(article_id)
            text, original = conn.execute(
                "SELECT text, original_text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return Article(info, str(text), str(original))

    def text(self, article_id: int) -> str:
        row = self._db.conn.execute(
            "SELECT text FROM articles WHERE id = ? AND deleted_at IS NULL", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(article_id)
        return str(row[0])

    def search(self, query: str) -> list[ArticleInfo]:
        """Articles whose title or text contains ``query`` (titles first, then newest)."""
        query = query.strip()
        if not query:
            return self.all()
        if len(query) >= SHORT_QUERY:
            phrase = '"' + query.replace('"', '""') + '"'
            where = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            arg = phrase
        else:
            where = "(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')"
            arg = _like_pattern(query)
        args = (arg, arg) if "LIKE" in where else (arg,)
        rows = self._db.conn.execute(
            f"SELECT {_INFO_COLUMNS} FROM articles a WHERE a.deleted_at IS NULL AND {where}"
            " ORDER BY instr(lower(a.title), lower(?)) = 0, a.added_at DESC, a.id DESC",
            (*args, query),
        ).fetchall()
        return [_info(r) for r in rows]

    def rename(self, article_id: int, title: str) -> None:
        """Rename; the article's default word list follows if it still has its first name."""
        with self._db.transaction() as conn:
            old = self._require(conn, article_id)["title"]
            conn.execute("UPDATE articles SET title = ? WHERE id = ?", (title, article_id))
            conn.execute(
                "UPDATE OR IGNORE lists SET name = ? WHERE article_id = ? AND name = ?",
                (DEFAULT_LIST_PREFIX + title, article_id, DEFAULT_LIST_PREFIX + old),
            )

    def save_reading_position(self, article_id: int, position: int) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE articles SET reading_position = ? WHERE id = ?", (position, article_id)
            )

    def delete(self, article_id: int) -> None:
        """Remove from the library; ``restore`` brings it back (undo)."""
        with self._db.transaction() as conn:
            self._require(conn, article_id)
            conn.execute(
                "UPDATE articles SET deleted_at = ? WHERE id = ?", (now_text(), article_id)
            )

    def restore(self, article_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?", (article_id,))

    def purge_deleted(self, before: str | None = None) -> int:
        """Delete for good the articles marked deleted (``before``: only those deleted
        before this time, as `now_text` gives it); returns how many."""
        with self._db.transaction() as conn:
            return conn.execute(
                "DELETE FROM articles WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                (before or "9999",),
            ).rowcount

    def correct(self, article_id: int, start: int, end: int, replacement: str) -> str:
        """Replace the text's ``[start, end)`` with ``replacement`` (the learner correcting
        what OCR misread, in place): the analysis is dropped so it follows the new text,
        the uncertain marks on the corrected characters go and later ones move. Returns
        the new text."""
        with self._db.transaction() as conn:
            text = str(self._require(conn, article_id)["text"])
            if not 0 <= start <= end <= len(text):
                raise ValueError(f"no characters {start}–{end} in a text of {len(text)}")
            new = text[:start] + replacement + text[end:]
            if not new.strip():
                raise ValueError("a correction must leave some text")
            spans = replaced(read_spans(conn, article_id), start, end, len(replacement))
            self._set_text(conn, article_id, new)
            write_spans(conn, article_id, spans)
            return new

    def split(self, article_id: int, at: int, new_title: str) -> int:
        """Cut the article's text at offset ``at``; the rest becomes a new article after it.

        Whitespace at the cut is dropped. Both keep the original text, so nothing of the
        source is lost. Returns the new article's id.
        """
        with self._db.transaction() as conn:
            row = self._require(conn, article_id)
            text = str(row["text"])
            if not 0 < at < len(text):
                raise ValueError(f"cannot split an article of {len(text)} characters at {at}")
            head, tail = text[:at].rstrip(), text[at:].lstrip()
            if not head or not tail:
                raise ValueError("a split must leave text on both sides")
            spans = read_spans(conn, article_id)
            self._set_text(conn, article_id, head)
            write_spans(conn, article_id, window(spans, 0, len(head), 0))
            cursor = conn.execute(
                "INSERT INTO articles (title, source, added_at, char_count, text, original_text)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (new_title, row["source"], row["added_at"], len(tail), tail, row["original_text"]),
            )
            new_id = int(cursor.lastrowid or 0)
            tail_at = len(text) - len(tail)
            write_spans(conn, new_id, window(spans, tail_at, len(text), -tail_at))
            copy_pages(conn, article_id, new_id)  # both halves keep the pages they came from
            return new_id

    def merge(self, first_id: int, second_id: int, separator: str = "\n") -> None:
        """Append the second article to the first (a paragraph break between) and delete it."""
        if first_id == second_id:
            raise ValueError("cannot merge an article with itself")
        with self._db.transaction() as conn:
            first = self._require(conn, first_id)
            second = self._require(conn, second_id)
            shift = len(str(first["text"])) + len(separator)
            spans = read_spans(conn, first_id) + window(
                read_spans(conn, second_id), 0, len(str(second["text"])), shift
            )
            self._set_text(conn, first_id, str(first["text"]) + separator + str(second["text"]))
            write_spans(conn, first_id, spans)
            # the second's pages follow the first's (it stays, deleted, as it was)
            copy_pages(conn, second_id, first_id)
            if first["original_text"] != second["original_text"]:
                conn.execute(
                    "UPDATE articles SET original_text = ? WHERE id = ?",
                    (
                        str(first["original_text"]) + separator + str(second["original_text"]),
                        first_id,
                    ),
                )
            conn.execute("UPDATE articles SET deleted_at = ? WHERE id = ?", (now_text(), second_id))

    @staticmethod
    def _set_text(conn: sqlite3.Connection, article_id: int, text: str) -> None:
        conn.execute(
            "UPDATE articles SET text = ?, char_count = ?,"
            " reading_position = min(reading_position, ?) WHERE id = ?",
            (text, len(text), len(text), article_id),
        )
        conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM article_words WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM article_stats WHERE article_id = ?", (article_id,))

    @staticmethod
    def _require(conn: sqlite3.Connection, article_id: int) -> sqlite3.Row:
        cursor = conn.cursor()
        cursor.row_factory = sqlite3.Row
        row: sqlite3.Row | None = cursor.execute(
            "SELECT * FROM articles WHERE id = ? AND deleted_at IS NULL", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(article_id)
        return row
