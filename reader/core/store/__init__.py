"""The user's database: the one place that writes it.

``Store.open()`` opens (creating, checking, upgrading, backing up) the database and gives
one typed object per concern: ``store.articles``, ``store.analyses``, ``store.corrections``,
``store.vocab``, ``store.packs`` (the lesson packs opened) and ``store.scans`` (the pages
and uncertain characters of articles read by OCR). Every write method is one
transaction.

Threading: all writes go through one ``Store``, called from ONE worker thread (the UI
queues work to a single-worker executor, as Anki does), so writes never wait on each
other inside the app. Reads may come from any thread through a ``Store`` of its own:
``store.reader()`` opens a second connection on the same file (WAL lets it read while
the writer writes). Another process on the same file is safe too (busy timeout).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from reader.core.store import schema
from reader.core.store.analyses import Analyses
from reader.core.store.articles import (
    Article,
    ArticleInfo,
    ArticleNotFoundError,
    Articles,
    NewArticle,
)
from reader.core.store.corrections import (
    Correction,
    CorrectionKind,
    Corrections,
    StoredReadingFix,
    UserWord,
)
from reader.core.store.database import (
    Database,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    StoreError,
    connect,
    default_path,
    list_backups,
    open_database,
    restore_backup,
    set_aside,
)
from reader.core.store.packs import OpenedPack, Packs
from reader.core.store.scans import Scans
from reader.core.store.vocab import (
    DeletedList,
    DeletedWords,
    ListNameTakenError,
    ListNotFoundError,
    ListWord,
    NewWord,
    Vocab,
    WordList,
    WordSort,
    WordStatus,
)


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.articles = Articles(db)
        self.analyses = Analyses(db)
        self.corrections = Corrections(db)
        self.vocab = Vocab(db)
        self.packs = Packs(db)
        self.scans = Scans(db)

    @classmethod
    def open(cls, path: Path | None = None, *, auto_backup: bool = True) -> Store:
        """Open the database at ``path`` (default: ``reader.sqlite3`` in the data dir).

        Raises a ``StoreError`` with a message for the user: ``DatabaseDamaged``,
        ``DatabaseLocked``, ``DatabaseReadOnly``, ``DatabaseTooNew`` or ``DiskFull``.
        """
        return cls(open_database(path, auto_backup=auto_backup))

    @property
    def path(self) -> Path:
        return self.db.path

    def reader(self, *, read_only: bool = False) -> Store:
        """Another connection on the same database, for another thread; ``read_only``:
        one that refuses every write (SQLite's ``query_only``), for a thread that only
        reads while another writes."""
        conn = connect(self.db.path)
        if read_only:
            conn.execute("PRAGMA query_only = ON")
        return Store(Database(conn, self.db.path))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = [
    "Article",
    "ArticleInfo",
    "ArticleNotFoundError",
    "Correction",
    "CorrectionKind",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "DeletedList",
    "DeletedWords",
    "DiskFull",
    "ListNameTakenError",
    "ListNotFoundError",
    "ListWord",
    "NewArticle",
    "NewWord",
    "OpenedPack",
    "Store",
    "StoreError",
    "StoredReadingFix",
    "UserWord",
    "WordList",
    "WordSort",
    "WordStatus",
    "default_path",
    "list_backups",
    "restore_backup",
    "schema",
    "set_aside",
]
