"""The main window: library, the article with pinyin, the word panel, menus and toolbar.

The window builds its parts (each in a module of its own in this package, each given
only what it uses: the `WindowContext`, the `ReadingSession`, a widget or two) and says
in `_connect_signals` how they talk to each other. No part knows the window.

    ArticleView ──────────── the article (reader.ui.article_view)
    FindBar ──────────────── Ctrl+F under it
    ArticleLoader ────────── shows an article, brings its pinyin → ReadingSession
    ReadingSession ───────── the open article, its tokens and keys, dictionary, analyser
    LookupController ─────── a word clicked → the popup and the Word / Dictionary dock
    DisplayControls ──────── the display settings: View menu, toolbar, the view's options
    SpeechControls ───────── the Speech menu, read-aloud toolbar (reader.ui.speech_controls)
    LibraryPane ──────────── the articles (reader.ui.library) and LibraryCounting (% known)
    ArticleFiles ─────────── File ▸ Open, recent files, drops, lesson packs
    NarrowLayout ─────────── the docks step aside in a narrow window
    MessageSink ──────────── the status line and every box or question; failed on a failure
    Writer ───────────────── every write, one at a time on the worker (reader.ui.operations);
                             its changed(Changes) reaches each part's op_executed
    Queries ──────────────── the long reads beside it: dictionary, analyser, analyses
    built after the first paint (`finish_startup`): VocabularyController (the Words menu
    and dock), PackOpener, ListExport, SegmentationCorrections, DictionaryImport.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.script_conversion import build_ahead
from reader.core.settings import load_settings, save_settings
from reader.core.store import Store
from reader.core.store.database import DB_FILENAME
from reader.core.store.schema import now_text
from reader.ui.article_view.widget import DEFAULT_FONT, ArticleView
from reader.ui.library import LibraryPane
from reader.ui.messages import MessageSink
from reader.ui.operations import BACKGROUND, Queries, Writer, edit
from reader.ui.scans import ScanControls
from reader.ui.speech_controls import SpeechControls
from reader.ui.tasks import TaskRunner
from reader.ui.widgets import after_next_paint
from reader.ui.window.actions import (
    ABOUT_HTML,
    add_commands,
    shortcut_sections,
    shortcuts_dialog,
)
from reader.ui.window.articles import ArticleFiles
from reader.ui.window.context import Actions, WindowContext
from reader.ui.window.counting import LibraryCounting
from reader.ui.window.display import DisplayControls, apply_theme_setting
from reader.ui.window.find import FindBar
from reader.ui.window.loading import ArticleLoader
from reader.ui.window.lookup import LookupController
from reader.ui.window.menus import build_menus
from reader.ui.window.narrow import MIN_READING_WIDTH, NarrowLayout
from reader.ui.window.secondary import SecondaryParts
from reader.ui.window.session import ReadingSession
from reader.ui.window.tools import LanguageTools

if TYPE_CHECKING:  # built after the first paint (`finish_startup`)
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.cedict import Dictionary
    from reader.core.lessons import PackImportResult
    from reader.ui.corrections import SegmentationCorrections
    from reader.ui.dictionary_import import DictionaryImport
    from reader.ui.export_action import ListExport
    from reader.ui.lessons import PackOpener
    from reader.ui.lookup.popup import LookupPopup
    from reader.ui.vocab.controller import VocabularyController

_LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
# px, the library's and the right-hand panels' at 1200×800 on a first run: the article gets
# 56.5 % of the width (678 px) (tests/ui/test_first_run_layout.py)
FIRST_RUN_DOCK_WIDTHS = [200, 310]
_RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
# ms after the secondary parts are built (the launch's last work) until the script's
# converter is built ahead: the window idle by then
BUILD_AHEAD_MS = 1000


class MainWindow(QMainWindow):
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
        self.setWindowTitle("Reader")
        self._closed = False
        self._secondary: SecondaryParts | None = None
        self._finish_armed = False
        self._opened_at = now_text()  # the session's start: what was deleted before it goes
        self.data_dir = data_dir
        self.settings = load_settings(data_dir)
        apply_theme_setting(self.settings)
        self.store = store if store is not None else Store.open(data_dir / DB_FILENAME)
        self._build_parts()
        add_commands(self.commands)
        self._build_menus()
        self._connect_signals()
        self.display.apply()
        self._start(tools, open_tools)
        self._restore_geometry()

    def _build_parts(self) -> None:
        """The window's parts, each given what it uses (the docks' contents set their
        widths, so they are all there before the first layout)."""
        self.messages = MessageSink(self)
        self.worker = TaskRunner(max_threads=1, parent=self)  # the one thread that writes
        # every write, on the worker and its own connection (`reader.ui.operations`)
        self.writer = Writer(self.store.reader(), self.worker, self)
        self.queries = Queries(self.store, self)  # the analyses: never on the writer's thread
        self.view = ArticleView(self)
        self.commands = Actions(self, self.view)
        self.context = WindowContext(
            self.data_dir,
            self.store,
            self.writer,
            self.settings,
            self.queries,
            self.messages,
            self.commands,
            self,
        )
        self.session = ReadingSession(self)
        self.find_bar = FindBar(self.view, self)
        reading = _column(self.view, self.find_bar)
        reading.setMinimumWidth(MIN_READING_WIDTH)
        self.setCentralWidget(reading)
        self.side_dock = self._dock("Word and dictionary", "side_panel", _RIGHT)
        self.library_dock = self._dock("Library", "library", _LEFT)
        self.activity = QLabel(self)  # what `messages` says
        self.word_count = QLabel(self)
        self.statusBar().addWidget(self.activity, 1)
        self.statusBar().addPermanentWidget(self.word_count)
        self.vocab_dock = self._dock("Vocabulary", "vocabulary", _RIGHT)  # `finish_startup`
        # one place on the right, tabbed as Pleco's and Du Chinese's word and list screens:
        # stacked, the vocabulary's width and the word panel's height were both too little
        self.setTabPosition(_RIGHT, QTabWidget.TabPosition.North)
        self.tabifyDockWidget(self.side_dock, self.vocab_dock)
        self.side_dock.raise_()
        self.display = DisplayControls(self.settings, self.view, self)
        self.addToolBar(self.display.toolbar)
        self.speech = SpeechControls(self, self.view, self.settings, self.messages)
        self.addToolBar(self.speech.toolbar())
        self.library = LibraryPane(
            self.store, writer=self.writer, parent=self, messages=self.messages
        )
        self.library_dock.setWidget(self.library)
        self.counting = LibraryCounting(self.context, self.session, self.view, self.library)
        self.loader = ArticleLoader(self.context, self.session, self.view, self.word_count)
        self.scans = ScanControls(
            self, self.store, self.writer, self.view, self.show_article, self.library_dock
        )
        self.lookup = LookupController(
            self.view, self.session, self.display.lookup_style, self.messages, self.side_dock
        )
        self._lookup_follows_display()
        self.files = ArticleFiles(self.context, self.library, lambda: self.packs)
        self.narrow = NarrowLayout(self, [self.library_dock, self.side_dock, self.vocab_dock])
        toolbar = self.display.toolbar  # first: a narrow window shows only its first tools
        toolbar.insertAction(toolbar.actions()[0], self.narrow.toggle)

    def _start(self, tools: LanguageTools | None, open_tools: bool) -> None:
        if tools is not None:
            self.lookup.popup  # noqa: B018 (built now: tests click at once)
            self.loader.use_tools(tools)
        elif open_tools:
            self._open_tools()
        if not self.settings.window_state:
            # The vocabulary panel would widen its dock when it came after the first paint;
            # with no saved widths to keep, it comes before (a first run is slow anyway),
            # and before the docks get their first widths.
            self.finish_startup()

    # --- how the parts talk ------------------------------------------------------------

    def _connect_signals(self) -> None:
        view, lookup, find_bar, display, files = (
            self.view,
            self.lookup,
            self.find_bar,
            self.display,
            self.files,
        )
        slots: dict[str, Callable[[], object]] = {
            "open": files.choose_file,
            "export_list": lambda: self.list_export.choose_and_export(self.session.article_id),
            "import_dictionary": lambda: self.dictionary_import.choose_and_import(),
            "quit": self.close,
            "copy": view.copy,
            "copy_pinyin": lambda: view.copy(with_pinyin=True),
            "find": find_bar.open,
            "find_next": find_bar.find_next,
            "find_previous": lambda: find_bar.find_next(backwards=True),
            "zoom_in": view.zoom_in,
            "zoom_out": view.zoom_out,
            "zoom_reset": view.zoom_reset,
            "font": display.choose_font,
            "next_word": view.next_word,
            "previous_word": view.previous_word,
            "next_char": view.next_char,
            "previous_char": view.previous_char,
            "look_up": lookup.look_up_current,
            "close_popup": self.close_popup,
            "page_down": lambda: view.scroll_pages(1),
            "page_up": lambda: view.scroll_pages(-1),
            "shortcuts": self.show_shortcuts,
            "about": lambda: self.messages.inform("About Reader", ABOUT_HTML, rich=True),
        }
        for name, slot in slots.items():
            self.commands[name].triggered.connect(lambda _checked=False, s=slot: s())
        find_bar.addAction(self.commands["close_popup"])  # Esc closes the bar too
        self.messages.shown.connect(self.activity.setText)
        self.writer.failed.connect(self.messages.fail)
        self.library.article_activated.connect(self.show_article)
        self.library.imported.connect(lambda ids: self.show_article(ids[0]))
        self.library.import_failed.connect(lambda _message: self.messages.clear())
        files.article_requested.connect(self.show_article)
        self.session.shown.connect(lambda _id: self._show_title())
        self.loader.retitled.connect(self._show_title)
        self.session.analysed.connect(lambda _id: self._vocab_follows())
        self.session.shown.connect(self.scans.article_shown)
        self.scans.paste_action.triggered.connect(self._paste_image)
        for part in (self.library, self.loader):  # each decides what it redraws
            self.writer.changed.connect(part.op_executed)
        self.loader.settled.connect(self.settled)
        self.view.typeset_arrived.connect(self.settled)  # a long article's layouts live on
        self.loader.pinyin_came.connect(self._finish_after_paint)
        display.changed.connect(self._lookup_follows_display)
        view.zoom_changed.connect(display.zoom_changed)

    def _show_title(self) -> None:
        self.setWindowTitle(f"{self.view.title} — Reader")

    def _lookup_follows_display(self) -> None:
        settings = self.settings
        self.lookup.follow_display(settings.compact_popup, settings.font_size / DEFAULT_FONT)

    def _build_menus(self) -> None:
        docks = [self.side_dock, self.library_dock]
        menus = build_menus(self, self.commands, self.display, self.files.recent_menu, docks)
        self.edit_menu, self.help_menu = menus
        self.edit_menu.addActions([self.scans.paste_action, self.scans.correct_action])
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.speech.menu())

    # --- the reading -------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        self.loader.show_article(article_id)

    def _paste_image(self) -> None:
        if not self.library.paste_image():
            self.messages.show("The clipboard holds no image: copy a screenshot first.")

    def open_file(self, path: str) -> None:
        self.files.open_file(path)

    def open_files(self, files: list[str]) -> None:
        self.files.open_files(files)

    def open_last_or_seed(self) -> None:
        self.files.open_last_or_seed()

    def close_popup(self) -> None:
        """Esc: the popup closes (there is none yet at launch); in the find bar, so does it."""
        self.lookup.close_popup()
        self.find_bar.close_if_focused()

    @property
    def article_id(self) -> int | None:
        return self.session.article_id

    @property
    def dictionary(self) -> Dictionary | None:
        return self.session.dictionary

    @property
    def analyzer(self) -> Analyzer | None:
        return self.session.analyzer

    @property
    def word_keys(self) -> dict[str, str]:
        return self.session.word_keys

    @property
    def popup(self) -> LookupPopup:
        return self.lookup.popup

    @property
    def actions_by_name(self) -> dict[str, QAction]:
        return self.commands.by_name

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return shortcut_sections(self.menuBar(), self.commands)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog = shortcuts_dialog(self.shortcut_sections(), self)

    # --- the launch --------------------------------------------------------------------

    def open_tools_after_paint(self) -> None:
        """Build the popup and open the dictionary (then the analyser) once the article view
        has painted, or after half a second if it never does (a window that starts hidden)."""
        after_next_paint(self.view.viewport(), self._open_tools)
        QTimer.singleShot(500, self, self._open_tools)

    def _open_tools(self) -> None:
        if self._closed:
            return
        self.lookup.popup  # noqa: B018 (built before the dictionary's work begins)
        self.loader.open_tools()

    def _finish_after_paint(self) -> None:
        """Build the secondary parts after the view's next paint: called when the article's
        pinyin has come (or there is none, or the dictionary failed), so that paint shows
        the pinyin and nothing delays it."""
        if self._finish_armed or self._secondary is not None:
            return
        self._finish_armed = True
        after_next_paint(
            self.view.viewport(), lambda: None if self._closed else self.finish_startup()
        )

    def finish_startup(self) -> None:
        """Build the parts the first paint does not need (once; later calls do nothing):
        they load modules and build widgets that would otherwise delay it."""
        if self._secondary is None:
            # the articles deleted in an earlier session go for good (undo lasts a session);
            # not at launch, where the write shared the first paint's time
            opened = self._opened_at
            purge = edit(lambda store: store.articles.purge_deleted(before=opened))
            self.writer.run(purge, priority=BACKGROUND)
            self._secondary = SecondaryParts.build(
                self.context,
                self.session,
                self.view,
                self.lookup,
                self.vocab_dock,
                self.edit_menu,
            )
            self._connect_secondary(self._secondary)
            QTimer.singleShot(BUILD_AHEAD_MS, self, self._build_converter_ahead)

    def _build_converter_ahead(self) -> None:
        """The script's converter, built on a thread of its own once the window is idle: the
        first switch to traditional does not stall building it (`build_ahead`)."""
        if not self._closed:
            build_ahead(self.view.options.script)

    def _connect_secondary(self, parts: SecondaryParts) -> None:
        self.menuBar().insertMenu(self.help_menu.menuAction(), parts.vocab.menu)
        # Files dropped on the window (or packs on the library) go where File ▸ Open goes.
        from reader.ui.lessons import PackDropFilter

        self.setAcceptDrops(True)
        self.installEventFilter(PackDropFilter(self.open_files, self, packs_only=False))
        self.library.installEventFilter(PackDropFilter(self.open_files, self, packs_only=True))
        parts.packs.opened.connect(self._lesson_opened)
        parts.list_export.written.connect(lambda p: self.messages.show(f"Exported {p}"))
        parts.vocab.panel.export_requested.connect(
            lambda list_id: parts.list_export.choose_and_export(self.session.article_id, list_id)
        )
        parts.segmentation.changing.connect(self.lookup.clear)
        for part in (parts.vocab, parts.vocab.panel, parts.segmentation):
            self.writer.changed.connect(part.op_executed)
        parts.dictionary_import.imported.connect(
            lambda report: self.loader.use_dictionary(report.dictionary)
        )
        if self.session.is_analysed:
            parts.vocab.article_ready()

    def _secondary_parts(self) -> SecondaryParts:
        self.finish_startup()
        assert self._secondary is not None
        return self._secondary

    @property
    def vocab(self) -> VocabularyController:
        return self._secondary_parts().vocab

    @property
    def packs(self) -> PackOpener:
        return self._secondary_parts().packs

    @property
    def list_export(self) -> ListExport:
        return self._secondary_parts().list_export

    @property
    def segmentation(self) -> SegmentationCorrections:
        return self._secondary_parts().segmentation

    @property
    def dictionary_import(self) -> DictionaryImport:
        return self._secondary_parts().dictionary_import

    def _vocab_follows(self) -> None:
        if self._secondary is not None:  # else it follows when built
            self._secondary.vocab.article_ready()

    def _lesson_opened(self, result: PackImportResult) -> None:
        self.show_article(result.article_id)
        self.messages.show(result.describe())

    # --- the window's place ------------------------------------------------------------

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState / restoreState know it by this name
        self.addDockWidget(area, dock)
        return dock

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1200, 800)
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))
        else:  # first run: the article gets the room, the panes the widths they need
            self.resizeDocks(
                [self.library_dock, self.side_dock],
                FIRST_RUN_DOCK_WIDTHS,
                Qt.Orientation.Horizontal,
            )
        self.narrow.fit_to_width()  # a narrow restored window: the docks step aside now

    def keep_on_screen(self) -> None:
        """Shrink and move the window into its screen's free area: a size remembered on a
        larger screen, or the first run's 1200×800 on a small one, would leave the article's
        right edge and the toolbar off the screen (no window manager is sure to fix it)."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_width, extra_height = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), free.width() - extra_width)
        height = min(self.height(), free.height() - extra_height)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        left = min(max(frame.left(), free.left()), free.right() + 1 - width - extra_width)
        top = min(max(frame.top(), free.top()), free.bottom() + 1 - height - extra_height)
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)
        self.narrow.fit_to_width()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._closed:  # a second close (e.g. a test's teardown) has nothing left to do
            super().closeEvent(event)
            return
        self._closed = True
        self.loader.stop()
        self.counting.stop()
        self.worker.cancel_all()
        self.library.runner.cancel_all()
        if self._secondary is not None:
            self._secondary.dictionary_import.stop()
        self.queries.stop()
        self.loader.save_position()  # after the cancelled work, before the connection closes
        self.worker.wait()
        self.library.runner.wait()
        self.writer.close()
        self.narrow.restore()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        save_settings(self.data_dir, self.settings)
        self.store.close()
        super().closeEvent(event)


def _column(*widgets: QWidget) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    return column
