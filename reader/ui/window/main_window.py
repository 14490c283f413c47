"""The main window: library, the article with pinyin, the word panel, menus and toolbar.

This module assembles the parts (each in a module of its own in this package) and owns
what spans them: the docks' places, the workers, the settings written when it closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader.core.settings import Settings, load_settings, save_settings
from reader.core.store import Store
from reader.ui.article_view.widget import ArticleView
from reader.ui.library import LibraryPane
from reader.ui.tasks import TaskRunner
from reader.ui.theme import Theme, apply_theme
from reader.ui.widgets import after_next_paint
from reader.ui.window.actions import WindowActions
from reader.ui.window.articles import ArticleFiles
from reader.ui.window.counting import LibraryCounting
from reader.ui.window.display import DisplaySettings, enum_value
from reader.ui.window.find import FindBar
from reader.ui.window.loading import ArticleLoading
from reader.ui.window.lookup_glue import WordLookup
from reader.ui.window.menus import WindowMenus
from reader.ui.window.narrow import NarrowLayout
from reader.ui.window.secondary import SecondaryParts
from reader.ui.window.tools import LanguageTools, open_dictionary

DB_FILENAME = "reader.sqlite3"
_LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
_RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


class MainWindow(
    WindowActions,
    WindowMenus,
    DisplaySettings,
    ArticleFiles,
    ArticleLoading,
    WordLookup,
    FindBar,
    SecondaryParts,
    NarrowLayout,
    QMainWindow,
):
    """``tools``: an already loaded dictionary and analyser (tests and benchmarks share one);
    ``store``: the database opened by the caller (``reader.ui.db_dialogs``), else opened here;
    ``open_tools``: start opening the dictionary at once, else when ``open_tools_after_paint``
    says (the launch: its first paint should not share the CPU with the dictionary's import).
    """

    # The long-lived objects of the moment are all there: the analyser after it loaded, an
    # article's tokens after they were shown (see `reader.ui.app.spare_the_collector`).
    settled = Signal()

    def __init__(
        self,
        data_dir: Path,
        tools: LanguageTools | None = None,
        store: Store | None = None,
        *,
        open_tools: bool = True,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings: Settings = load_settings(data_dir)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, enum_value(Theme, self.settings.theme, Theme.SYSTEM))
        self.setWindowTitle("Reader")
        self.store = store if store is not None else Store.open(data_dir / DB_FILENAME)
        self.dictionary: Any = None
        self.analyzer: Any = None
        self.article_id: int | None = None
        self.word_keys: dict[str, str] = {}  # token text → word key (`reader.core.words`)
        self._pending_analysis: int | None = None
        self._analysis_task: Any = None
        self.worker = TaskRunner(max_threads=1, parent=self)
        self.loader = TaskRunner(max_threads=1, parent=self)  # the analyser, beside the worker
        self.actions_by_name: dict[str, QAction] = {}
        self._closed = False
        self._choices: dict[str, list[tuple[str, QAction]]] = {}  # menu title → (value, action)

        self.view = ArticleView(self)
        self.find_bar = self._build_find_bar()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.side_dock = self._dock("Word and dictionary", "side_panel", _RIGHT)
        self.library_dock = self._dock("Library", "library", _LEFT)
        self.recent_menu = QMenu("Open &Recent", self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.word_count = QLabel(self)
        self.activity = QLabel(self)
        self.statusBar().addWidget(self.activity, 1)
        self.statusBar().addPermanentWidget(self.word_count)
        self.vocab_dock = self._dock("Vocabulary", "vocabulary", _RIGHT)  # `finish_startup`
        self._build_library()  # the docks' contents set their widths, so they come first
        self.library_counting = LibraryCounting(self)  # after the view and the library
        self._build_side_panel()
        self._popup_built = False
        self._analysed_article = None
        self._secondary_parts_pending()
        self._apply_display()
        self._worker_store = self.store.reader()  # used only by tasks on self.worker
        self._user_words = [w.word for w in self.store.corrections.user_words()]
        self._loader_started = tools is not None
        self._tools_requested = False
        if tools is not None:
            self._build_popup()
            self._tools_requested = True
            self._analyzer_ready(tools.analyzer)
            self._dictionary_ready(tools.dictionary)
        elif open_tools:
            self._open_tools()
        if not self.settings.window_state:
            # The vocabulary panel would widen its dock when it came after the first paint;
            # with no saved widths to keep, it comes before (a first run is slow anyway),
            # and before the docks get their first widths.
            self.finish_startup()
        self._restore_geometry()

    @property
    def is_closed(self) -> bool:
        return self._closed

    def open_tools_after_paint(self) -> None:
        """Build the popup and open the dictionary (then the analyser) once the article view
        has painted, or after half a second if it never does (a window that starts hidden)."""
        after_next_paint(self.view.viewport(), self._open_tools)
        QTimer.singleShot(500, self, self._open_tools)

    def _build_library(self) -> None:
        self.library = LibraryPane(self.store, parent=self)
        self.library.article_activated.connect(self.show_article)
        self.library.imported.connect(lambda ids: self.show_article(ids[0]))
        self.library.import_failed.connect(lambda _message: self.activity.clear())
        self.library_dock.setWidget(self.library)

    def _build_popup(self) -> None:
        """The lookup popup, and the view's signals that reach it: at launch built after the
        first paint (nothing of it shows before a click), else at once; anything that needs
        it builds it first."""
        if self._popup_built:
            return
        self._popup_built = True
        from reader.ui.lookup.popup import LookupPopup

        self.popup = LookupPopup(self.view.viewport())
        self._connect_view()

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState / restoreState know it by this name
        self.addDockWidget(area, dock)
        return dock

    def _open_tools(self) -> None:
        if self._tools_requested or self._closed:
            return
        self._build_popup()
        self._tools_requested = True
        data_dir = self.data_dir
        self.worker.submit(
            lambda progress: open_dictionary(progress, data_dir),
            on_success=self._dictionary_ready,
            on_error=self._tools_failed,
            on_progress=self._show_progress,
        )

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1200, 800)
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))
        else:  # first run: the article gets the room, the panes their natural widths
            self.resizeDocks(
                [self.library_dock, self.side_dock], [250, 340], Qt.Orientation.Horizontal
            )
        self._fit_docks_to_width()  # a narrow restored window: the docks step aside now

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._closed:  # a second close (e.g. a test's teardown) has nothing left to do
            super().closeEvent(event)
            return
        self._closed = True
        self._save_position()
        self.worker.cancel_all()
        self.library.runner.cancel_all()
        if self._dictionary_import is not None:
            self._dictionary_import.stop()
        self.worker.wait()
        self.library.runner.wait()
        self.loader.wait()
        self._worker_store.close()
        self._restore_docks()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        save_settings(self.data_dir, self.settings)
        self.store.close()
        super().closeEvent(event)
