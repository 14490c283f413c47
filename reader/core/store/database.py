"""Opening the app's one SQLite database safely: version, integrity, migrations, backups.

``open_database`` checks the file before it changes anything: a damaged file raises
``DatabaseDamaged`` (naming the automatic backups to restore from), a file written by a
newer app raises ``DatabaseTooNew`` and is left byte for byte as it was. An older schema is
copied to ``backups/`` and then upgraded step by step inside one exclusive transaction, so
a failed migration leaves the old database as it was. Once a day the database is copied
to ``backups/`` (the last ``KEEP_BACKUPS`` are kept).

Concurrency: WAL mode, a busy timeout, and every write is one short ``BEGIN IMMEDIATE``
transaction (``Database.transaction``), so two connections, windows or processes on the
same file wait for each other instead of corrupting it; ``synchronous=FULL`` makes a
committed transaction durable, so a killed app loses nothing it confirmed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core import paths
from reader.core.store import schema

DB_FILENAME = "reader.sqlite3"
BACKUP_DIRNAME = "backups"
KEEP_BACKUPS = 7
BACKUP_INTERVAL = timedelta(days=1)
BUSY_TIMEOUT_S = 10.0
_BACKUP_NAME = re.compile(r"^reader-(\d{8}T\d{6}\d*Z)-(auto|before-v\d+)\.sqlite3$")


class StoreError(Exception):
    """A problem with the database that the user must be told about."""


class DatabaseTooNew(StoreError):
    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"The database {path} was written by a newer version of reader (schema "
            f"{version}; this version knows up to {schema.SCHEMA_VERSION}). Please update "
            "reader; the database has not been changed."
        )


class DatabaseDamaged(StoreError):
    def __init__(self, path: Path, detail: str, backups: list[Path]) -> None:
        self.path = path
        self.detail = detail
        self.backups = backups
        if backups:
            way_out = "Restore one of the automatic backups (newest first): " + ", ".join(
                str(b) for b in backups
            )
        else:
            way_out = "There is no automatic backup to restore from."
        super().__init__(f"The database {path} is damaged ({detail}). {way_out}")


class DiskFull(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The disk holding {path.parent} is full: the change was not saved. "
            "Free some space and try again; nothing saved before is lost."
        )


def default_path() -> Path:
    return paths.data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIRNAME


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str  # "auto" or "before-vN"


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of ``db_path``, newest first."""
    folder = backups_dir(db_path)
    found: list[Backup] = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _BACKUP_NAME.match(path.name)
            if match:
                # fromisoformat reads the basic format; strptime would cost ~6 ms at launch
                stamp = datetime.fromisoformat(match.group(1)[:15])
                found.append(Backup(path, stamp.replace(tzinfo=UTC), match.group(2)))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


class Database:
    """One connection to the database; writes go through ``transaction()``.

    The connection runs in autocommit mode: a read outside a transaction sees the latest
    committed state, and ``transaction()`` groups writes. It is re-entrant, so a write
    that needs another (adding a word creates its list) stays one transaction. Use one
    ``Database`` per thread, or serialise use of it (the lock makes that safe, not fast).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): all of it is committed, or none.

        Nested use is a savepoint: an inner block that fails is undone on its own, and
        the outer transaction decides about the rest. A full disk raises ``DiskFull``
        after the rollback, so the user is told that nothing was saved.
        """
        with self._lock:
            depth = self._depth
            if depth == 0:
                begin, commit, undo = "BEGIN IMMEDIATE", "COMMIT", ["ROLLBACK"]
            else:
                name = f"s{depth}"
                begin, commit = f"SAVEPOINT {name}", f"RELEASE {name}"
                undo = [f"ROLLBACK TO {name}", f"RELEASE {name}"]
            self.conn.execute(begin)
            self._depth = depth + 1
            try:
                yield self.conn
                self.conn.execute(commit)
            except BaseException as error:
                if self.conn.in_transaction:
                    for statement in undo:
                        self.conn.execute(statement)
                if isinstance(error, sqlite3.OperationalError) and "full" in str(error):
                    raise DiskFull(self.path) from error
                raise
            finally:
                self._depth = depth

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that must see one state of the database (no writes inside)."""
        with self._lock:
            if self._depth:
                yield self.conn
                return
            self.conn.execute("BEGIN")
            self._depth = 1
            try:
                yield self.conn
            finally:
                self._depth = 0
                self.conn.execute("COMMIT")

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def backup_to(self, target: Path) -> Path:
        """Copy the database (consistent, even while others write) to ``target``, atomically.

        Not inside this connection's own transaction: SQLite cannot copy through a
        connection that is writing.
        """
        if self.conn.in_transaction:
            raise RuntimeError("backup_to inside a transaction")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            with self._lock:
                self.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
        return target

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Take the daily automatic backup if the last one is a day old; keep the last few."""
        now = now or datetime.now(UTC)
        autos = [b for b in list_backups(self.path) if b.reason == "auto"]
        if autos and now - autos[0].taken_at < BACKUP_INTERVAL:
            return None
        taken = self.backup_to(backups_dir(self.path) / _backup_name(now, "auto"))
        for old in list_backups(self.path)[KEEP_BACKUPS:]:
            old.path.unlink(missing_ok=True)
        return taken

    def close(self) -> None:
        self.conn.close()


def _backup_name(when: datetime, reason: str) -> str:
    return f"reader-{when.strftime('%Y%m%dT%H%M%S%f')}Z-{reason}.sqlite3"


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the app's settings (WAL, foreign keys, busy timeout)."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check(path: Path) -> int:
    """Integrity and version of an existing file, read-only; raises ``DatabaseDamaged``."""
    try:
        # Not read-only: a file left by a killed app needs its WAL recovered to be read.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseDamaged(path, str(error), [b.path for b in list_backups(path)]) from error
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseDamaged(path, detail, [b.path for b in list_backups(path)])
    return version


def open_database(path: Path | None = None, *, auto_backup: bool = True) -> Database:
    """Open (creating or upgrading) the database at ``path`` (default: the data dir's)."""
    path = path or default_path()
    existed = path.exists() and path.stat().st_size > 0
    version = _check(path) if existed else 0
    if version > schema.SCHEMA_VERSION:
        raise DatabaseTooNew(path, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(connect(path), path)
    try:
        if db.version < schema.SCHEMA_VERSION:
            _migrate(db, existed)
        if auto_backup and existed:
            db.backup_if_due()
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: Database, existed: bool) -> None:
    # The backup API cannot read through a connection that holds a write lock, so the
    # copy comes first; if another process migrates in between, the re-check skips ours.
    if existed and db.version > 0:
        reason = f"before-v{schema.SCHEMA_VERSION}"
        db.backup_to(backups_dir(db.path) / _backup_name(datetime.now(UTC), reason))
    conn = db.conn
    conn.execute("BEGIN EXCLUSIVE")
    try:
        version = db.version  # read again under the lock: another process may have won
        if version > schema.SCHEMA_VERSION:
            raise DatabaseTooNew(db.path, version)
        if version < schema.SCHEMA_VERSION:
            schema.upgrade(conn, version)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def restore_backup(backup: Path, db_path: Path | None = None) -> Path:
    """Put ``backup`` in place of the database; the replaced file is kept beside it.

    Call it with no connection open on the database. Returns where the replaced file
    went. The backup is checked first, so a bad backup changes nothing.
    """
    db_path = db_path or default_path()
    version = _check(backup)
    if version > schema.SCHEMA_VERSION:
        raise DatabaseTooNew(backup, version)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    tmp.write_bytes(backup.read_bytes())
    kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{db_path}{suffix}")
        if old.exists():
            os.replace(old, Path(f"{kept}{suffix}"))
    os.replace(tmp, db_path)
    return kept
