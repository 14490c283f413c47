"""Opening the user's database at start-up, with a way out when it cannot be opened.

A database written by a newer version is refused (``DatabaseTooNew``): the user is told
to update and the app quits, the file untouched. A damaged database (``DatabaseDamaged``)
offers its automatic backups, newest first: restoring one keeps the damaged file beside
it (``restore_backup``) and opens again; or the user quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from reader.core.store import DatabaseDamaged, DatabaseTooNew, Store, StoreError, restore_backup


def open_store_or_ask(path: Path, parent: QWidget | None = None) -> Store | None:
    """The opened store, or None when the user chose to quit."""
    while True:
        try:
            return Store.open(path)
        except DatabaseTooNew as error:
            QMessageBox.critical(parent, "Reader cannot open your data", str(error))
            return None
        except DatabaseDamaged as error:
            backup = _choose_backup(error, parent)
            if backup is None:
                return None
            try:
                kept = restore_backup(backup, path)
            except StoreError as failure:
                QMessageBox.critical(parent, "The backup cannot be restored", str(failure))
                continue
            QMessageBox.information(
                parent,
                "Backup restored",
                f"Restored {backup.name}. The damaged database was kept as {kept}.",
            )


def _choose_backup(error: DatabaseDamaged, parent: QWidget | None) -> Path | None:
    if not error.backups:
        QMessageBox.critical(
            parent,
            "Your data is damaged",
            f"{error}\n\nReader will quit; the file has not been changed.",
        )
        return None
    names = [b.name for b in error.backups]
    name, ok = QInputDialog.getItem(
        parent,
        "Your data is damaged",
        f"The database {error.path} is damaged ({error.detail}).\n"
        "Restore an automatic backup (newest first), or Cancel to quit:",
        names,
        0,
        False,
    )
    return error.backups[names.index(name)] if ok else None
