"""The lesson packs the user has opened, keyed by the pack's content fingerprint.

Opening a pack adds an article and a list (``reader.core.lessons``); the record here is
what makes a second open of the same pack add nothing. It points at what the pack added
(either may since have been deleted: the references become NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reader.core.store.database import Database
from reader.core.store.schema import now_text


@dataclass(frozen=True, slots=True)
class OpenedPack:
    fingerprint: str
    article_id: int | None
    list_id: int | None
    opened_at: datetime


class Packs:
    def __init__(self, db: Database) -> None:
        self._db = db

    def find(self, fingerprint: str) -> OpenedPack | None:
        row = self._db.conn.execute(
            "SELECT fingerprint, article_id, list_id, opened_at FROM packs WHERE fingerprint = ?",
            (fingerprint,),
        ).fetchone()
        if row is None:
            return None
        return OpenedPack(row[0], row[1], row[2], datetime.fromisoformat(row[3]))

    def record(self, fingerprint: str, article_id: int | None, list_id: int | None) -> None:
        """Remember that the pack was opened and what it added (replacing an older record)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO packs (fingerprint, article_id, list_id, opened_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET"
                " article_id = excluded.article_id, list_id = excluded.list_id,"
                " opened_at = excluded.opened_at",
                (fingerprint, article_id, list_id, now_text()),
            )
