"""The main window's public names, where the rest of the app and the tests import them
(the window itself is assembled in `reader.ui.window.main_window`)."""

from reader.core.store.database import DB_FILENAME
from reader.ui.window.main_window import MainWindow
from reader.ui.window.tools import (
    LanguageTools,
    create_analyzer,
    load_language_tools,
    open_dictionary,
)

__all__ = [
    "DB_FILENAME",
    "LanguageTools",
    "MainWindow",
    "create_analyzer",
    "load_language_tools",
    "open_dictionary",
]
