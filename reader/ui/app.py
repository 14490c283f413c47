"""Starting the Qt application: the normal GUI and the offscreen smoke test."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.core import paths
from reader.ui.data_check import check_bundled_data
from reader.ui.db_dialogs import open_store_or_ask
from reader.ui.main_window import DB_FILENAME, MainWindow


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("reader")
    app.setApplicationDisplayName("Reader")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("reader")
    return app


def run_gui(file: str | None, data_dir: str | None) -> int:
    app = _application()
    if not check_bundled_data(dialog=True):
        return 1
    folder = paths.data_dir(data_dir)
    store = open_store_or_ask(folder / DB_FILENAME)  # too new / damaged: a way out
    if store is None:
        return 1
    window = MainWindow(folder, store=store)
    if file:
        window.open_file(file)
    else:
        window.open_last_or_seed()
    window.show()
    return app.exec()


def run_smoke_test(data_dir: str | None) -> int:
    """Build the real main window without a screen, open the seed article, and load the
    dictionary (compiling it if needed) and look one word up."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application()
    if not check_bundled_data(dialog=False):
        return 1
    window = MainWindow(paths.data_dir(data_dir))
    window.open_file(str(paths.seed_article()))
    window.close()
    from reader.core.cedict import Dictionary  # the GUI opens it on a worker, not here

    dictionary = Dictionary.open(data_dir=paths.data_dir(data_dir))
    if not dictionary.entries("行"):
        print("smoke test failed: the dictionary has no entry for 行", file=sys.stderr)
        return 1
    print("smoke test ok")
    return 0
