"""Opening the app's one SQLite database safely: version, integrity, migrations, backups.

``open_database`` checks the file before it changes anything, and tells apart what the
user must do about it: a damaged file (unreadable, not SQLite, failing its check, or
empty: a database is never 0 bytes, since a new one is built under a temporary name and
renamed into place whole) raises ``DatabaseDamaged`` naming the automatic backups to
restore from; a file another program holds locked past the busy timeout raises
``DatabaseLocked`` (wait and retry; never a reason to restore); a file or folder that
cannot be written raises ``DatabaseReadOnly``; a file written by a newer app raises
``DatabaseTooNew``. In every case the file is left byte for byte as it was. An older
schema is copied to ``backups/`` and then upgraded step by step inside one exclusive
transaction, so a failed migration leaves the old database as it was. Once a day the
database is copied to ``backups/`` (the last ``KEEP_BACKUPS`` are kept); a backup that
cannot be written (a full disk) is skipped with a warning and never stops the start.

Concurrency: WAL mode, a busy timeout, and every write is one short ``BEGIN IMMEDIATE``
transaction (``Database.transaction``), so two connections, windows or processes on the
same file wait for each other instead of corrupting it; ``synchronous=FULL`` makes a
committed transaction durable, so a killed app loses nothing it confirmed.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core import paths
from reader.core.atomic import (
    FULL_DISK_ERRNOS,
    TargetExistsError,
    flush_to_disk,
    link_new,
    nearly_full,
    temp_prefix,
)
from reader.core.store import schema

DB_FILENAME = "reader.sqlite3"
BACKUP_DIRNAME = "backups"
KEEP_BACKUPS = 7
BACKUP_INTERVAL = timedelta(days=1)
BUSY_TIMEOUT_S = 10.0
_BACKUP_NAME = re.compile(r"^reader-(\d{8}T\d{6}\d*Z)-(auto|before-v\d+)\.sqlite3$")
_READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
log = logging.getLogger(__name__)


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


class DatabaseLocked(StoreError):
    """Another program holds the database locked: wait and try again (nothing is wrong)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The database {path} is in use by another program (another Reader, or a "
            f"backup or sync tool) and stayed locked for {BUSY_TIMEOUT_S:.0f} seconds. "
            "Close that program, or wait a moment, and try again; nothing was changed."
        )


class DatabaseReadOnly(StoreError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"The database {path} is read-only ({detail}): Reader cannot save there. "
            "Make the folder writable, or choose another data folder (--data-dir); "
            "nothing was changed."
        )


class DiskFull(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The disk holding {path.parent} is full: the change was not saved. "
            "Free some space and try again; nothing saved before is lost."
        )


def store_error(error: sqlite3.Error, path: Path) -> StoreError | None:
    """What an SQLite error on ``path`` means for the user: locked, full, read-only; None
    when it is none of those (the caller decides whether that is damage)."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseLocked(path)
    if name.startswith("SQLITE_FULL") or (
        name.startswith("SQLITE_IOERR") and nearly_full(path.parent)
    ):
        return DiskFull(path)  # (no room for the WAL index is an I/O error)
    if name.startswith("SQLITE_READONLY"):
        return DatabaseReadOnly(path, "SQLite cannot write it")
    return None


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
        self.warnings: list[str] = []  # what the user should hear but that stopped nothing

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): all of it is committed, or none.

        Nested use is a savepoint: an inner block that fails is undone on its own, and
        the outer transaction decides about the rest. A full disk raises ``DiskFull``
        after the rollback, and a lock another program holds past the busy timeout
        ``DatabaseLocked``, so the user is told that nothing was saved and why.
        """
        with self._lock:
            depth = self._depth
            if depth == 0:
                begin, commit, undo = "BEGIN IMMEDIATE", "COMMIT", ["ROLLBACK"]
            else:
                name = f"s{depth}"
                begin, commit = f"SAVEPOINT {name}", f"RELEASE {name}"
                undo = [f"ROLLBACK TO {name}", f"RELEASE {name}"]
            try:
                self.conn.execute(begin)
            except sqlite3.Error as error:  # locked past the busy timeout, most likely
                meaning = store_error(error, self.path)
                if meaning is not None:
                    raise meaning from error
                raise
            self._depth = depth + 1
            try:
                yield self.conn
                self.conn.execute(commit)
            except BaseException as error:
                if self.conn.in_transaction:
                    for statement in undo:
                        self.conn.execute(statement)
                meaning = (
                    store_error(error, self.path) if isinstance(error, sqlite3.Error) else None
                )
                if meaning is not None:
                    raise meaning from error
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
        handle, name = tempfile.mkstemp(
            prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent
        )
        os.close(handle)
        tmp = Path(name)
        try:
            dest = sqlite3.connect(tmp)
            try:
                with self._lock:
                    self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Take the daily automatic backup if the last one is a day old; keep the last few."""
        now = now or datetime.now(UTC)
        autos = [b for b in list_backups(self.path) if b.reason == "auto"]
        if autos and now - autos[0].taken_at < BACKUP_INTERVAL:
            return None
        try:
            taken = self.backup_to(backups_dir(self.path) / _backup_name(now, "auto"))
        except (OSError, sqlite3.Error) as error:
            warning = (
                f"Today's automatic backup of {self.path.name} was skipped: it could not be "
                f"written to {backups_dir(self.path)} ({_reason(error)}). The library works "
                "as before; free some space so the next start can take one."
            )
            log.warning(warning)
            self.warnings.append(warning)
            return None
        for old in list_backups(self.path)[KEEP_BACKUPS:]:
            old.path.unlink(missing_ok=True)
        return taken

    def close(self) -> None:
        self.conn.close()


def _backup_name(when: datetime, reason: str) -> str:
    return f"reader-{when.strftime('%Y%m%dT%H%M%S%f')}Z-{reason}.sqlite3"


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError):
        full = error.errno in FULL_DISK_ERRNOS
        return "the disk is full" if full else (error.strerror or str(error))
    return "the disk is full" if "full" in str(error) else str(error)


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


def _damaged(path: Path, detail: str) -> DatabaseDamaged:
    return DatabaseDamaged(path, detail, [b.path for b in list_backups(path)])


def _opening_failed(error: sqlite3.Error, path: Path) -> StoreError:
    """An SQLite error while opening: locked, full or read-only if it says so, else damage."""
    return store_error(error, path) or _damaged(path, str(error))


def _check(path: Path) -> int:
    """Integrity and version of an existing file; raises what is wrong with it."""
    try:
        if path.stat().st_size == 0:
            raise _damaged(path, "the file is empty: 0 bytes")
        with path.open("rb"):
            pass
    except IsADirectoryError:
        raise _damaged(path, "it is a folder, not a file") from None
    except OSError as error:
        raise _damaged(path, f"it cannot be read: {error.strerror or error}") from error
    try:
        # Not read-only: a file left by a killed app needs its WAL recovered to be read.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise _opening_failed(error, path) from error
    if rows != [("ok",)]:
        raise _damaged(path, "; ".join(str(r[0]) for r in rows[:3]))
    return version


def _refuse_read_only(path: Path, *, folder_only: bool = False) -> None:
    """Raise ``DatabaseReadOnly`` unless the database file (if any) and its folder can be
    written. Tried for real: permission bits say nothing to root or on a read-only mount."""
    try:
        if path.exists() and not folder_only:
            os.close(os.open(path, os.O_RDWR))
        handle, probe = tempfile.mkstemp(
            prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent
        )
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        if isinstance(error, IsADirectoryError):
            return  # a folder where the file should be: `_check` calls that damage
        raise _os_store_error(error, path) from error


def _create(path: Path) -> None:
    """A new, empty database at ``path``, built under a temporary name and renamed into
    place whole, so a killed first start never leaves a 0-byte file. If another process
    created it meanwhile, theirs is kept."""
    handle, name = tempfile.mkstemp(
        prefix=temp_prefix(path.name), suffix=".creating", dir=path.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        conn = connect(temporary)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            schema.upgrade(conn, 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        with contextlib.suppress(TargetExistsError):
            link_new(temporary, path)
    except sqlite3.Error as error:
        raise (store_error(error, path) or StoreError(f"cannot create {path}: {error}")) from error
    except OSError as error:
        raise _os_store_error(error, path) from error
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def open_database(path: Path | None = None, *, auto_backup: bool = True) -> Database:
    """Open (creating or upgrading) the database at ``path`` (default: the data dir's).

    Raises ``DatabaseDamaged``, ``DatabaseLocked``, ``DatabaseReadOnly``,
    ``DatabaseTooNew`` or ``DiskFull``, each with a message for the user.
    """
    path = path or default_path()
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseReadOnly(path, error.strerror or str(error)) from error
    _refuse_read_only(path)
    if existed:
        version = _check(path)
        if version > schema.SCHEMA_VERSION:
            raise DatabaseTooNew(path, version)
    else:
        _create(path)
    try:
        db = Database(connect(path), path)
    except sqlite3.Error as error:
        raise _opening_failed(error, path) from error
    try:
        if db.version < schema.SCHEMA_VERSION:
            _migrate(db, existed)
        if auto_backup and existed:
            db.backup_if_due()
    except sqlite3.Error as error:
        db.close()
        raise _opening_failed(error, path) from error
    except OSError as error:  # the backup before an upgrade could not be written
        db.close()
        raise _os_store_error(error, path) from error
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
    went. The backup is checked first, so a bad backup changes nothing; so does a folder
    that cannot be written or a full disk (``DatabaseReadOnly``, ``DiskFull``).
    """
    db_path = db_path or default_path()
    version = _check(backup)
    if version > schema.SCHEMA_VERSION:
        raise DatabaseTooNew(backup, version)
    _refuse_read_only(db_path, folder_only=True)
    try:
        handle, name = tempfile.mkstemp(
            prefix=temp_prefix(db_path.name), suffix=".restoring", dir=db_path.parent
        )
        os.close(handle)
    except OSError as error:
        raise _os_store_error(error, db_path) from error
    tmp = Path(name)
    try:
        shutil.copyfile(backup, tmp)
        flush_to_disk(tmp)  # a full disk fails here, before the damaged file is moved
        kept = set_aside(db_path)
        try:
            os.replace(tmp, db_path)
        except OSError:
            os.replace(kept, db_path)  # put it back: never leave no database at all
            raise
    except OSError as error:
        raise _os_store_error(error, db_path) from error
    finally:
        tmp.unlink(missing_ok=True)
    return kept


def set_aside(db_path: Path) -> Path:
    """Move the database (and its WAL files) to ``NAME.replaced-STAMP`` beside it, so the
    next open starts a new one and nothing of the old is deleted. Returns the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    number = 1
    while any(Path(f"{kept}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        number += 1  # set aside twice within a second: never over the first one
        kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}-{number}")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{db_path}{suffix}")
        if old.exists():
            os.replace(old, Path(f"{kept}{suffix}"))
    return kept


def _os_store_error(error: OSError, path: Path) -> StoreError:
    if error.errno in FULL_DISK_ERRNOS:
        return DiskFull(path)
    if error.errno in _READ_ONLY_ERRNOS:
        return DatabaseReadOnly(path, error.strerror or str(error))
    return StoreError(f"{path}: {error.strerror or error}")
