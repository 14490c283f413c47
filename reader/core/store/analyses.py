"""Stored analyses: an article's tokens, serialised by the analysis, kept with their key.

The key says what the analysis was computed from (text, corrections version, dictionary
version, analyser version); ``load`` returns the tokens only when the key still matches,
so a reopened article costs no analysis and a stale one is recomputed. One analysis per
article: saving replaces the previous one.

``word_counts`` (word → occurrences, see ``reader.core.stats.coverage_counts``) lets the
library show each article's % known with one query, kept current as statuses change.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.core.store.database import Database
from reader.core.store.schema import ARTICLE_STATS_SELECT, now_text


class Analyses:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(
        self,
        article_id: int,
        key: str,
        tokens: bytes,
        word_counts: Mapping[str, int] | None = None,
    ) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO analyses (article_id, cache_key, tokens, saved_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                " cache_key = excluded.cache_key, tokens = excluded.tokens,"
                " saved_at = excluded.saved_at",
                (article_id, key, tokens, now_text()),
            )
            if word_counts is not None:
                conn.execute("DELETE FROM article_words WHERE article_id = ?", (article_id,))
                conn.execute("DELETE FROM article_stats WHERE article_id = ?", (article_id,))
                conn.executemany(
                    "INSERT INTO article_words (article_id, word, count) VALUES (?, ?, ?)",
                    ((article_id, w, n) for w, n in word_counts.items() if n > 0),
                )
                # status changes keep this row current from now on (triggers, schema step 3)
                conn.execute(
                    "INSERT INTO article_stats (article_id, counted, known) "
                    f"{ARTICLE_STATS_SELECT} WHERE w.article_id = ? GROUP BY w.article_id",
                    (article_id,),
                )
                conn.execute(  # an article with no words: analysed, nothing to know
                    "INSERT OR IGNORE INTO article_stats (article_id, counted, known)"
                    " VALUES (?, 0, 0)",
                    (article_id,),
                )

    def load(self, article_id: int, key: str) -> bytes | None:
        """The stored tokens if they were computed under ``key``, else None."""
        row = self._db.conn.execute(
            "SELECT tokens FROM analyses WHERE article_id = ? AND cache_key = ?",
            (article_id, key),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def drop(self, article_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))
