"""What an article read by OCR keeps beside its text: its pages and its uncertain spans.

The pages are JPEG images, in order (the library's thumbnail is the first); the spans are
(start, end) offsets in the article's text of characters the recogniser was unsure of.
``Articles`` writes both when it adds such an article and moves the spans with every
change of the text (a correction, a split, a merge); this class reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from reader.core.store.database import Database

Span = tuple[int, int]


class Scans:
    def __init__(self, db: Database) -> None:
        self._db = db

    def pages(self, article_id: int) -> list[bytes]:
        rows = self._db.conn.execute(
            "SELECT image FROM article_pages WHERE article_id = ? ORDER BY number", (article_id,)
        ).fetchall()
        return [bytes(image) for (image,) in rows]

    def first_page(self, article_id: int) -> bytes | None:
        row = self._db.conn.execute(
            "SELECT image FROM article_pages WHERE article_id = ? ORDER BY number LIMIT 1",
            (article_id,),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def with_pages(self) -> set[int]:
        """The articles that have pages (were read from an image)."""
        rows = self._db.conn.execute("SELECT DISTINCT article_id FROM article_pages")
        return {int(article_id) for (article_id,) in rows}

    def uncertain(self, article_id: int) -> list[Span]:
        return read_spans(self._db.conn, article_id)


def read_spans(conn: sqlite3.Connection, article_id: int) -> list[Span]:
    row = conn.execute(
        "SELECT spans FROM article_uncertain WHERE article_id = ?", (article_id,)
    ).fetchone()
    return [] if row is None else [(int(a), int(b)) for a, b in json.loads(row[0])]


def write_spans(conn: sqlite3.Connection, article_id: int, spans: Iterable[Span]) -> None:
    kept = sorted((a, b) for a, b in spans if a < b)
    conn.execute("DELETE FROM article_uncertain WHERE article_id = ?", (article_id,))
    if kept:
        conn.execute(
            "INSERT INTO article_uncertain (article_id, spans) VALUES (?, ?)",
            (article_id, json.dumps(kept)),
        )


def write_pages(conn: sqlite3.Connection, article_id: int, pages: Iterable[bytes]) -> None:
    conn.executemany(
        "INSERT INTO article_pages (article_id, number, image) VALUES (?, ?, ?)",
        [(article_id, number, page) for number, page in enumerate(pages)],
    )


def copy_pages(conn: sqlite3.Connection, from_id: int, to_id: int) -> None:
    """``from_id``'s pages added after ``to_id``'s own (a split's or merge's)."""
    conn.execute(
        "INSERT INTO article_pages (article_id, number, image)"
        " SELECT ?, number + (SELECT count(*) FROM article_pages WHERE article_id = ?),"
        " image FROM article_pages WHERE article_id = ?",
        (to_id, to_id, from_id),
    )


def replaced(spans: list[Span], start: int, end: int, length: int) -> list[Span]:
    """The spans once the text's ``[start, end)`` is replaced by ``length`` characters:
    spans touching the replaced text go (the learner has checked it), later ones move."""
    delta = length - (end - start)
    result = []
    for a, b in spans:
        if b <= start:
            result.append((a, b))
        elif a >= end:
            result.append((a + delta, b + delta))
    return result


def window(spans: list[Span], start: int, end: int, shift: int) -> list[Span]:
    """The spans inside ``[start, end)``, moved by ``shift`` (a split's or merge's part)."""
    return [(max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start]
