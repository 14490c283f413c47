"""The schema, as the list of steps that build it: step N turns version N-1 into version N.

A step, once released, never changes (fixture databases of every earlier version in
``tests/fixtures/databases/`` prove the chain). A new version appends a step. Each step is
a list of statements run one by one inside the migration's exclusive transaction
(``executescript`` would commit it half-way).

Conventions: times are ISO-8601 UTC text; lists of strings or ids are JSON text; an
article is deleted softly (``deleted_at``) so the library can undo it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Step = Callable[[sqlite3.Connection], None]


def now_text() -> str:
    """The current time as stored: ISO-8601 in UTC, to the microsecond."""
    return datetime.now(UTC).isoformat()


def _run(conn: sqlite3.Connection, statements: list[str]) -> None:
    for statement in statements:
        conn.execute(statement)


def _upgrade_to_1(conn: sqlite3.Connection) -> None:
    """Articles, analyses, corrections, lists, list words, word statuses."""
    _run(
        conn,
        [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            """CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT '',
                added_at TEXT NOT NULL,
                char_count INTEGER NOT NULL,
                text TEXT NOT NULL,
                original_text TEXT NOT NULL,
                reading_position INTEGER NOT NULL DEFAULT 0,
                deleted_at TEXT
            )""",
            "CREATE INDEX articles_by_added ON articles(added_at)",
            """CREATE TABLE analyses (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                cache_key TEXT NOT NULL,
                tokens BLOB NOT NULL,
                saved_at TEXT NOT NULL
            )""",
            """CREATE TABLE article_words (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                word TEXT NOT NULL,
                count INTEGER NOT NULL CHECK (count > 0),
                PRIMARY KEY (article_id, word)
            ) WITHOUT ROWID""",
            """CREATE TABLE corrections (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
                text TEXT NOT NULL UNIQUE,
                parts TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE user_words (
                word TEXT PRIMARY KEY,
                pinyin TEXT NOT NULL DEFAULT '',
                added_at TEXT NOT NULL
            ) WITHOUT ROWID""",
            """CREATE TABLE lists (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL
            )""",
            "CREATE UNIQUE INDEX lists_by_article ON lists(article_id) "
            "WHERE article_id IS NOT NULL",
            """CREATE TABLE list_words (
                id INTEGER PRIMARY KEY,
                list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
                simplified TEXT NOT NULL,
                traditional TEXT NOT NULL DEFAULT '',
                pinyin TEXT NOT NULL DEFAULT '',
                senses TEXT NOT NULL DEFAULT '[]',
                entry_ids TEXT NOT NULL DEFAULT '[]',
                sentence TEXT NOT NULL DEFAULT '',
                source_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
                notes TEXT NOT NULL DEFAULT '',
                added_at TEXT NOT NULL,
                position INTEGER NOT NULL,
                UNIQUE (list_id, simplified, pinyin)
            )""",
            "CREATE INDEX list_words_by_position ON list_words(list_id, position)",
            "CREATE INDEX list_words_by_word ON list_words(simplified)",
            "CREATE INDEX list_words_by_article ON list_words(source_article_id)",
            """CREATE TABLE word_status (
                word TEXT PRIMARY KEY,
                status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 6)
            ) WITHOUT ROWID""",
        ],
    )


def _upgrade_to_2(conn: sqlite3.Connection) -> None:
    """When each status was set; full-text search of titles and bodies (FTS5, trigram)."""
    _run(
        conn,
        [
            "ALTER TABLE word_status ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''",
            """CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='id', tokenize='trigram'
            )""",
            "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles",
            """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
            END""",
            """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            END""",
            """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
                INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
            END""",
        ],
    )
    conn.execute("UPDATE word_status SET updated_at = ?", (now_text(),))


# Part of step 3 (so never to change). Status codes: 5 = known, 6 = ignored (``WordStatus``).
_STATS_DELTA = """UPDATE article_stats SET
    known = known + (({new} = 5) - ({old} = 5)) * (SELECT count FROM article_words w
        WHERE w.article_id = article_stats.article_id AND w.word = {word}),
    counted = counted + (({old} = 6) - ({new} = 6)) * (SELECT count FROM article_words w
        WHERE w.article_id = article_stats.article_id AND w.word = {word})
    WHERE article_id IN (SELECT article_id FROM article_words WHERE word = {word});"""
# What an article's row of article_stats holds, from its words and their statuses.
ARTICLE_STATS_SELECT = """SELECT w.article_id,
       SUM(CASE WHEN s.status = 6 THEN 0 ELSE w.count END),
       SUM(CASE WHEN s.status = 5 THEN w.count ELSE 0 END)
  FROM article_words w LEFT JOIN word_status s ON s.word = w.word"""


def _upgrade_to_3(conn: sqlite3.Connection) -> None:
    """Each analysed article's known and counted occurrences, kept current.

    The library lists % known for every article; summing ``article_words`` against
    ``word_status`` for each listing took seconds with a thousand articles. Now triggers
    make a status change adjust the articles that contain the word, ``Analyses.save``
    fills an article's row, and the listing reads one row per article.
    """
    _run(
        conn,
        [
            """CREATE TABLE article_stats (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                counted INTEGER NOT NULL,
                known INTEGER NOT NULL
            )""",
            "CREATE INDEX article_words_by_word ON article_words(word)",
            "INSERT INTO article_stats (article_id, counted, known) "
            + ARTICLE_STATS_SELECT
            + " GROUP BY w.article_id",
            "CREATE TRIGGER word_status_insert AFTER INSERT ON word_status BEGIN "
            + _STATS_DELTA.format(new="new.status", old="0", word="new.word")
            + " END",
            "CREATE TRIGGER word_status_update AFTER UPDATE OF status ON word_status"
            " WHEN old.status != new.status BEGIN "
            + _STATS_DELTA.format(new="new.status", old="old.status", word="new.word")
            + " END",
            "CREATE TRIGGER word_status_delete AFTER DELETE ON word_status BEGIN "
            + _STATS_DELTA.format(new="0", old="old.status", word="old.word")
            + " END",
        ],
    )


def _upgrade_to_4(conn: sqlite3.Connection) -> None:
    """The lesson packs opened, by content fingerprint, so a second open adds nothing."""
    _run(
        conn,
        [
            """CREATE TABLE packs (
                fingerprint TEXT PRIMARY KEY,
                article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
                list_id INTEGER REFERENCES lists(id) ON DELETE SET NULL,
                opened_at TEXT NOT NULL
            ) WITHOUT ROWID""",
        ],
    )


def _upgrade_to_5(conn: sqlite3.Connection) -> None:
    """The learner's reading fixes, beside the segmentation rules: a word or short context
    (``text``, one rule per text) and the reading of each of its characters (JSON list of
    numbered syllables, "" for a character left as read)."""
    _run(
        conn,
        [
            """CREATE TABLE reading_fixes (
                id INTEGER PRIMARY KEY,
                text TEXT NOT NULL UNIQUE,
                readings TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
        ],
    )


def _upgrade_to_6(conn: sqlite3.Connection) -> None:
    """A word's example is the clause it was met in, with the whole sentence kept beside
    it (``full_sentence``; the sentence stored until now is both); the lists a teacher
    marks as the class's taught vocabulary (``class_lists``)."""
    _run(
        conn,
        [
            "ALTER TABLE list_words ADD COLUMN full_sentence TEXT NOT NULL DEFAULT ''",
            "UPDATE list_words SET full_sentence = sentence",
            """CREATE TABLE class_lists (
                list_id INTEGER PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE,
                marked_at TEXT NOT NULL
            )""",
        ],
    )


def _upgrade_to_7(conn: sqlite3.Connection) -> None:
    """Segmentation rules that apply to one article only: those a lesson pack brings.

    A pack is someone else's file; its rules (up to tens of thousands) used to join the
    library-wide ``corrections`` and re-cut every other text. Now they stay with the
    pack's article unless the user chooses otherwise when opening it.
    """
    _run(
        conn,
        [
            """CREATE TABLE article_corrections (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
                text TEXT NOT NULL,
                parts TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (article_id, text)
            )""",
        ],
    )


def _upgrade_to_8(conn: sqlite3.Connection) -> None:
    """An article's own rules carry reading fixes too (``kind = 'reading'``, ``parts`` the
    readings): a pack's reading fixes stay with its article like its segmentation rules.

    SQLite cannot widen a CHECK, so the table is rebuilt and its rows copied. A reading fix
    and a segmentation rule for the same text may both apply, hence the unique index on
    whether the row is a reading.
    """
    _run(
        conn,
        [
            """CREATE TABLE article_rules (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('split', 'merge', 'reading')),
                text TEXT NOT NULL,
                parts TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "INSERT INTO article_rules (id, article_id, kind, text, parts, created_at)"
            " SELECT id, article_id, kind, text, parts, created_at FROM article_corrections",
            "DROP TABLE article_corrections",
            "ALTER TABLE article_rules RENAME TO article_corrections",
            "CREATE UNIQUE INDEX article_corrections_text"
            " ON article_corrections (article_id, kind = 'reading', text)",
        ],
    )


def _upgrade_to_9(conn: sqlite3.Connection) -> None:
    """An article read by OCR keeps its pages (JPEG, ``number`` from 0) and the spans of
    the characters the recogniser was unsure of (JSON ``[[start, end], ...]`` offsets in
    its text), both deleted with the article."""
    _run(
        conn,
        [
            """CREATE TABLE article_pages (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                image BLOB NOT NULL,
                PRIMARY KEY (article_id, number)
            )""",
            """CREATE TABLE article_uncertain (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                spans TEXT NOT NULL
            )""",
        ],
    )


STEPS: tuple[Step, ...] = (
    _upgrade_to_1,
    _upgrade_to_2,
    _upgrade_to_3,
    _upgrade_to_4,
    _upgrade_to_5,
    _upgrade_to_6,
    _upgrade_to_7,
    _upgrade_to_8,
    _upgrade_to_9,
)
SCHEMA_VERSION = len(STEPS)


def upgrade(conn: sqlite3.Connection, from_version: int, to_version: int | None = None) -> None:
    """Run the steps after ``from_version`` up to ``to_version`` (default: the latest).

    The caller holds the transaction, so a failing step leaves nothing behind.
    """
    target = SCHEMA_VERSION if to_version is None else to_version
    for step in STEPS[from_version:target]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {int(target)}")
