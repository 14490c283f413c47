"""Opening the user's database at start-up, with a way out when it cannot be opened.

Each failure gets the answer that fits it, and none changes the file on its own:

- written by a newer version (``DatabaseTooNew``): update reader; the app quits.
- in use by another program (``DatabaseLocked``) or a full disk (``DiskFull``): Retry
  once the other program lets go or space is freed, or quit. Never a restore: the
  file is fine, and a backup would put older data in its place.
- read-only (``DatabaseReadOnly``): say so and quit.
- damaged (``DatabaseDamaged``, also a 0-byte file): restore one of the automatic
  backups, newest first, or start with an empty library; either way the damaged file is
  kept beside it (``restore_backup`` / ``set_aside``). Or quit.

Something that stopped nothing (a daily backup that did not fit on the disk) is shown
once the store is open.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QWidget

from reader.core import paths
from reader.core.cleanup import remove_leftovers
from reader.core.store import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseTooNew,
    DiskFull,
    Store,
    StoreError,
    restore_backup,
    set_aside,
)
from reader.ui.messages import MessageSink

START_AFRESH = "Start with an empty library (the damaged file is kept beside it)"


def data_folder_or_say(data_dir: str | None, messages: MessageSink | None = None) -> Path | None:
    """The user's data folder (created if need be), or None after saying why it cannot be
    (a read-only or missing drive given with --data-dir)."""
    try:
        return paths.data_dir(data_dir)
    except OSError as error:
        where = data_dir or os.environ.get(paths.DATA_DIR_ENV) or "the user data folder"
        reason = f"Reader cannot use {where}: {error.strerror or error}."
        (messages or MessageSink()).error("Reader cannot start", reason)
        return None


def open_store_or_ask(path: Path, messages: MessageSink | None = None) -> Store | None:
    """The opened store, or None when the user chose to quit (``messages``: where it is
    said, before the window that has one is there)."""
    messages = messages or MessageSink()
    remove_leftovers(path.parent)
    while True:
        try:
            store = Store.open(path)
        except (DatabaseLocked, DiskFull) as error:
            retry = messages.confirm(
                "Reader cannot open your data yet",
                str(error),
                yes="Retry",
                no="Close",
                default_yes=True,
                warning=True,
            )
            if not retry:
                return None
            continue
        except DatabaseDamaged as error:
            if not _recover(error, path, messages):
                return None
            continue
        except StoreError as error:  # too new, read-only, anything else: nothing to try
            title = "Reader needs a newer version" if isinstance(error, DatabaseTooNew) else ""
            messages.error(title or "Reader cannot open your data", str(error))
            return None
        for warning in store.db.warnings:
            messages.warn("Reader", warning)
        return store


def _recover(error: DatabaseDamaged, path: Path, messages: MessageSink) -> bool:
    """Restore a backup or set the damaged file aside, as the user chooses; False: quit."""
    names = [b.name for b in error.backups]
    parent = messages.parent()
    choice, ok = QInputDialog.getItem(
        parent if isinstance(parent, QWidget) else None,
        "Your data is damaged",
        f"The database {error.path} is damaged ({error.detail}).\n"
        + (
            "Restore an automatic backup (newest first) or start with an empty library; "
            if names
            else "There is no automatic backup to restore; you can start with an empty library: "
        )
        + "the damaged file is kept either way.\nCancel quits Reader and changes nothing.",
        [*names, START_AFRESH],
        0,
        False,
    )
    if not ok:
        return False
    try:
        if choice == START_AFRESH:
            kept = set_aside(path)
            done = f"Started an empty library. The damaged database was kept as {kept}."
        else:
            backup = error.backups[names.index(choice)]
            kept = restore_backup(backup, path)
            done = f"Restored {backup.name}. The damaged database was kept as {kept}."
    except (StoreError, OSError) as failure:
        messages.error("Your data could not be recovered", str(failure))
        return False
    messages.inform("Reader", done)
    return True
