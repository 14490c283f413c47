"""The main window: library, the article with pinyin, the word panel, menus and toolbar.

The text of an article appears at once (provisional tokens); the dictionary and the
analyser load on a worker thread and the pinyin follows when the analysis (or its stored
copy) arrives. Display settings live in `Settings` and are written when the window closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core import paths
from reader.core.analysis.tokens import Token, TokenKind
from reader.core.pinyin import PinyinStyle, numbered_syllables
from reader.core.progress import Progress
from reader.core.settings import Settings, load_settings, save_settings
from reader.core.store import Store
from reader.ui.article_view.colors import SCHEME_LABELS, ToneScheme
from reader.ui.article_view.model import (
    PINYIN_LABELS,
    RUBY_WORD_LABELS,
    SCRIPT_LABELS,
    DisplayOptions,
    PinyinForm,
    RubyWords,
    Script,
    provisional_tokens,
)
from reader.ui.article_view.script import TraditionalConverter
from reader.ui.article_view.widget import ArticleView
from reader.ui.corrections import SegmentationCorrections
from reader.ui.dictionary_import import DictionaryImport
from reader.ui.export_action import ListExport
from reader.ui.lessons import PackDropFilter, PackOpener, is_pack, split_packs
from reader.ui.library import LibraryPane
from reader.ui.lookup.content import Lookup, Style, lookup_token, lookup_word
from reader.ui.lookup.popup import LookupPopup
from reader.ui.lookup.search import DictionarySearch
from reader.ui.tasks import TaskRunner
from reader.ui.theme import Theme, apply_theme, is_dark
from reader.ui.vocab.controller import VocabularyController

ABOUT_HTML = f"""
<h3>Reader {__version__}</h3>
<p>A reading aid for Chinese: pinyin over the text, a tap for the dictionary,
vocabulary lists and exports for teachers.</p>
<p>Dictionary: <a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict">CC-CEDICT</a>,
© MDBG, licensed under
<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.<br>
HSK word lists: complete-hsk-vocabulary by drkameleon, MIT licence.</p>
"""

DB_FILENAME = "reader.sqlite3"
_PINYIN_STYLES = {
    PinyinForm.MARKS: PinyinStyle.MARKS,
    PinyinForm.NUMBERS: PinyinStyle.NUMBERS,
    PinyinForm.ZHUYIN: PinyinStyle.ZHUYIN,
    PinyinForm.HIDDEN: PinyinStyle.MARKS,
}


@dataclass
class LanguageTools:
    """The dictionary and the analyser (tests and benchmarks load them once and share)."""

    dictionary: Any
    analyzer: Any


def open_dictionary(progress: Progress | None, data_dir: Path | None = None) -> Any:
    """The release in use: the one imported into ``data_dir`` if any, else the bundled one."""
    from reader.core.cedict import Dictionary

    return Dictionary.open(data_dir=data_dir, progress=progress)


def create_analyzer(dictionary: Any, user_words: list[str]) -> Any:
    """The analyser (it opens a dictionary of its own when given None: it loads on its own
    thread, beside the worker that opens articles)."""
    from reader.core.analysis.pipeline import Analyzer

    return Analyzer.create(user_words, dictionary=dictionary)


def load_language_tools(user_words: list[str], progress: Progress) -> LanguageTools:
    dictionary = open_dictionary(progress)
    return LanguageTools(dictionary, create_analyzer(dictionary, user_words))


def _enum_value(enum: Any, value: str, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default


class MainWindow(QMainWindow):
    """``tools``: an already loaded dictionary and analyser (tests and benchmarks share one);
    ``store``: the database opened by the caller (``reader.ui.db_dialogs``), else opened here."""

    def __init__(
        self, data_dir: Path, tools: LanguageTools | None = None, store: Store | None = None
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings: Settings = load_settings(data_dir)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, _enum_value(Theme, self.settings.theme, Theme.SYSTEM))
        self.setWindowTitle("Reader")
        self.store = store if store is not None else Store.open(data_dir / DB_FILENAME)
        self.dictionary: Any = None
        self.analyzer: Any = None
        self.article_id: int | None = None
        self._pending_analysis: int | None = None
        self._analysis_task: Any = None
        self.worker = TaskRunner(max_threads=1, parent=self)
        self.loader = TaskRunner(max_threads=1, parent=self)  # the analyser, beside the worker
        self.actions_by_name: dict[str, QAction] = {}
        self._closed = False
        self._choices: dict[str, list[tuple[str, QAction]]] = {}  # menu title → (value, action)

        self.view = ArticleView(self)
        self.popup = LookupPopup(self.view.viewport())
        self.find_bar = self._build_find_bar()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self._build_side_panel()
        self._build_library_dock()
        self._build_lessons()
        self.recent_menu = QMenu("Open &Recent", self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.word_count = QLabel(self)
        self.activity = QLabel(self)
        self.statusBar().addWidget(self.activity, 1)
        self.statusBar().addPermanentWidget(self.word_count)
        self._connect_view()
        self.vocab = VocabularyController(self)  # lists, statuses, statistics
        self.segmentation = SegmentationCorrections(self, self.edit_menu)  # split, merge
        self.dictionary_import = DictionaryImport(self)
        self._apply_display()
        self._restore_geometry()
        self._worker_store = self.store.reader()  # used only by tasks on self.worker
        self._user_words = [w.word for w in self.store.corrections.user_words()]
        self._loader_started = tools is not None
        if tools is not None:
            self._analyzer_ready(tools.analyzer)
            self._dictionary_ready(tools.dictionary)
            return
        self.worker.submit(
            lambda progress: open_dictionary(progress, data_dir),
            on_success=self._dictionary_ready,
            on_error=self._tools_failed,
            on_progress=self._show_progress,
        )

    def _start_loader(self) -> None:
        """Load the analyser once the article on screen has its stored pinyin (or has none):
        its Python-heavy loading would otherwise slow that first paint down."""
        if self._loader_started or self.analyzer is not None:
            return
        self._loader_started = True
        words = self._user_words
        data_dir = self.data_dir
        self.loader.submit(
            lambda _progress: create_analyzer(open_dictionary(None, data_dir), words),
            on_success=self._analyzer_ready,
            on_error=self._tools_failed,
        )

    # Building ---------------------------------------------------------------------------

    def _build_find_bar(self) -> QWidget:
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        self.find_field = QLineEdit(bar)
        self.find_field.setPlaceholderText(
            "Find in the article (Enter: next, Shift+Enter: previous)"
        )
        self.find_field.returnPressed.connect(lambda: self.find_next())
        self.find_status = QLabel(bar)
        row.addWidget(QLabel("Find:", bar))
        row.addWidget(self.find_field, 1)
        row.addWidget(self.find_status)
        bar.hide()
        return bar

    def _build_side_panel(self) -> None:
        self.word_panel = QTextBrowser(self)
        self.word_panel.setOpenLinks(False)
        self.word_panel.anchorClicked.connect(
            lambda url: self._follow_link_in_panel(url.toString())
        )
        self.word_panel.setPlaceholderText("Click a word to see it here.")
        self.search = DictionarySearch(self.lookup_style, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.word_panel, "Word")
        self.side_tabs.addTab(self.search, "Dictionary")
        self.side_dock = QDockWidget("Word and dictionary", self)
        self.side_dock.setObjectName("side_panel")
        self.side_dock.setWidget(self.side_tabs)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_dock)

    def _build_library_dock(self) -> None:
        """The library on the left; it imports on its own worker, so a new article's text
        shows while the dictionary may still be loading on ours."""
        self.library = LibraryPane(self.store, parent=self)
        self.library.article_activated.connect(self.show_article)
        self.library.imported.connect(lambda ids: self.show_article(ids[0]))
        self.library.import_failed.connect(lambda _message: self.activity.clear())
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("library")
        self.library_dock.setWidget(self.library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

    def _build_lessons(self) -> None:
        """Lesson packs open through a preview; File ▸ Export list… runs on the worker.
        Files dropped on the window (or packs on the library) go where File ▸ Open goes."""
        self.packs = PackOpener(self.store, self)
        self.packs.opened.connect(self._lesson_opened)
        self.list_export = ListExport(
            self.store,
            self.settings,
            self.data_dir,
            self.worker,
            lambda: (self.dictionary, self.analyzer),
            self,
        )
        self.list_export.written.connect(lambda p: self.activity.setText(f"Exported {p}"))
        self.setAcceptDrops(True)
        self.installEventFilter(PackDropFilter(self.open_files, self, packs_only=False))
        self.library.installEventFilter(PackDropFilter(self.open_files, self, packs_only=True))

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | list[str] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        view = self.view
        a = self._action
        a("open", "&Open…", self.choose_file, QKeySequence.StandardKey.Open)
        a(
            "export_list",
            "&Export list…",
            lambda: self.list_export.choose_and_export(self.article_id),
            "Ctrl+E",
        )
        a(
            "import_dictionary",
            "Import CC-CEDICT &release…",
            lambda: self.dictionary_import.choose_and_import(),
        )
        quit_action = a("quit", "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        a("copy", "&Copy", view.copy, QKeySequence.StandardKey.Copy)
        a("copy_pinyin", "Copy with &pinyin", lambda: view.copy(with_pinyin=True), "Ctrl+Shift+C")
        a("find", "&Find…", self.show_find_bar, QKeySequence.StandardKey.Find)
        a("find_next", "Find &next", self.find_next, QKeySequence.StandardKey.FindNext)
        a(
            "find_previous",
            "Find pre&vious",
            lambda: self.find_next(backwards=True),
            QKeySequence.StandardKey.FindPrevious,
        )
        a("zoom_in", "Zoom &in", view.zoom_in, ["Ctrl+=", "Ctrl++"])
        a("zoom_out", "Zoom &out", view.zoom_out, "Ctrl+-")
        a("zoom_reset", "&Actual size", view.zoom_reset, "Ctrl+0")
        a("font", "&Font…", self.choose_font)
        a("next_word", "&Next word", view.next_word, ["Right", "N"])
        a("previous_word", "&Previous word", view.previous_word, ["Left", "B"])
        a("next_char", "Next &character", view.next_char, "M")
        a("previous_char", "Previous c&haracter", view.previous_char, "Shift+M")
        a("look_up", "&Look up the current word", self.look_up_current, ["Return", "Enter"])
        a("close_popup", "&Close the popup", self.close_popup, "Esc")
        a("page_down", "Page &down", lambda: view.scroll_pages(1), ["Space", "PgDown"])
        a("page_up", "Page &up", lambda: view.scroll_pages(-1), ["Shift+Space", "PgUp"])
        a(
            "shortcuts",
            "&Keyboard shortcuts",
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        about = a("about", "&About Reader", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        # Single keys (N, Space, Return…) act only where the reading happens, so they never
        # steal typing or Return from the find bar or the dictionary search box.
        view_keys = (
            "next_word",
            "previous_word",
            "next_char",
            "previous_char",
            "look_up",
            "close_popup",
            "page_down",
            "page_up",
        )
        for name, action in self.actions_by_name.items():
            if name in view_keys:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view.addAction(action)
            else:
                self.addAction(action)
        self.find_bar.addAction(self.actions_by_name["close_popup"])
        self.color_chars_action = QAction("Tone colours on the &characters too", self)
        self.color_chars_action.setCheckable(True)
        self.color_chars_action.setChecked(self.settings.color_characters)
        self.color_chars_action.toggled.connect(self._set_color_characters)
        self.sandhi_action = QAction("Tone sandhi for 一 and 不 (display only)", self)
        self.sandhi_action.setCheckable(True)
        self.sandhi_action.setChecked(self.settings.tone_sandhi)
        self.sandhi_action.setToolTip("Show 不是 as bú shì and 一个 as yí gè; lookups keep bù, yī")
        self.sandhi_action.toggled.connect(self.set_tone_sandhi)
        self.side_panel_action = self.side_dock.toggleViewAction()
        self.side_panel_action.setText("&Word panel")

    def _choice_menu(
        self,
        title: str,
        labels: dict[Any, str],
        current: str,
        apply: Callable[[str], None],
    ) -> QMenu:
        menu = QMenu(title, self)
        group = QActionGroup(menu)
        choices = self._choices.setdefault(title, [])
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(str(value) == current)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, v=str(value): apply(v))
            choices.append((str(value), action))
        return menu

    def _build_menus(self) -> None:
        act = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(act["open"])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(act["export_list"])
        file_menu.addSeparator()
        file_menu.addAction(act["import_dictionary"])
        file_menu.addSeparator()
        file_menu.addAction(act["quit"])
        self.edit_menu = edit = bar.addMenu("&Edit")
        for name in ("copy", "copy_pinyin", None, "find", "find_next", "find_previous"):
            edit.addSeparator() if name is None else edit.addAction(act[name])
        view_menu = bar.addMenu("&View")
        s = self.settings
        self.pinyin_menu = self._choice_menu(
            "&Pinyin", PINYIN_LABELS, s.pinyin_style, self.set_pinyin_form
        )
        self.words_menu = self._choice_menu(
            "Pinyin &over", RUBY_WORD_LABELS, s.ruby_words, self.set_ruby_words
        )
        self.scheme_menu = self._choice_menu(
            "&Tone colours", SCHEME_LABELS, s.tone_scheme, self.set_tone_scheme
        )
        self.scheme_menu.addSeparator()
        self.scheme_menu.addAction(self.color_chars_action)
        self.script_menu = self._choice_menu("&Script", SCRIPT_LABELS, s.script, self.set_script)
        theme_labels = {Theme.SYSTEM: "System", Theme.LIGHT: "Light", Theme.DARK: "Dark"}
        self.theme_menu = self._choice_menu("T&heme", theme_labels, s.theme, self.set_theme)
        for menu in (self.pinyin_menu, self.words_menu, self.scheme_menu, self.script_menu):
            view_menu.addMenu(menu)
        view_menu.addAction(self.sandhi_action)
        view_menu.addSeparator()
        for name in ("zoom_in", "zoom_out", "zoom_reset", "font"):
            view_menu.addAction(act[name])
        view_menu.addSeparator()
        view_menu.addMenu(self.theme_menu)
        view_menu.addAction(self.side_panel_action)
        library_action = self.library_dock.toggleViewAction()
        library_action.setText("&Library")
        view_menu.addAction(library_action)
        go = bar.addMenu("&Go")
        for name in (
            "next_word",
            "previous_word",
            "next_char",
            "previous_char",
            None,
            "look_up",
            "close_popup",
            None,
            "page_down",
            "page_up",
        ):
            go.addSeparator() if name is None else go.addAction(act[name])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(act["shortcuts"])
        help_menu.addAction(act["about"])
        self._refresh_recent_menu()

    def _build_toolbar(self) -> None:
        bar = QToolBar("Display", self)
        bar.setObjectName("display_toolbar")
        s = self.settings
        self.pinyin_box = self._combo(PINYIN_LABELS, s.pinyin_style, self.set_pinyin_form)
        self.words_box = self._combo(RUBY_WORD_LABELS, s.ruby_words, self.set_ruby_words)
        self.hsk_box = QSpinBox(self)
        self.hsk_box.setRange(1, 6)
        self.hsk_box.setPrefix("HSK ")
        self.hsk_box.setValue(s.ruby_min_hsk)
        self.hsk_box.setToolTip("Pinyin only over words above this HSK level")
        self.hsk_box.valueChanged.connect(self.set_min_hsk)
        self.scheme_box = self._combo(SCHEME_LABELS, s.tone_scheme, self.set_tone_scheme)
        self.color_chars_box = QCheckBox("Colour characters", self)
        self.color_chars_box.setChecked(s.color_characters)
        self.color_chars_box.toggled.connect(self._set_color_characters)
        self.script_box = self._combo(SCRIPT_LABELS, s.script, self.set_script)
        for widget in (self.pinyin_box, self.words_box, self.hsk_box, self.scheme_box):
            bar.addWidget(widget)
        bar.addWidget(self.color_chars_box)
        bar.addWidget(self.script_box)
        bar.addSeparator()
        bar.addAction(self.actions_by_name["zoom_out"])
        bar.addAction(self.actions_by_name["zoom_in"])
        self.actions_by_name["zoom_out"].setIconText("A−")
        self.actions_by_name["zoom_in"].setIconText("A+")
        self.addToolBar(bar)
        self.toolbar = bar

    def _combo(
        self, labels: dict[Any, str], current: str, apply: Callable[[str], None]
    ) -> QComboBox:
        box = QComboBox(self)
        for value, label in labels.items():
            box.addItem(label, str(value))
        box.setCurrentIndex(max(0, box.findData(current)))
        box.activated.connect(lambda index: apply(str(box.itemData(index))))
        return box

    def _connect_view(self) -> None:
        self.view.word_activated.connect(self.open_popup)
        self.view.current_changed.connect(self._current_changed)
        self.view.dismissed.connect(self.close_popup)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.popup.link_activated.connect(self._follow_link)

    # Display settings ---------------------------------------------------------------------

    def display_options(self) -> DisplayOptions:
        s = self.settings
        return DisplayOptions(
            pinyin=_enum_value(PinyinForm, s.pinyin_style, PinyinForm.MARKS),
            ruby_words=_enum_value(RubyWords, s.ruby_words, RubyWords.ALL),
            min_hsk=s.ruby_min_hsk,
            tone_scheme=_enum_value(ToneScheme, s.tone_scheme, ToneScheme.PLECO),
            color_characters=s.color_characters,
            tone_sandhi=s.tone_sandhi,
            script=_enum_value(Script, s.script, Script.SIMPLIFIED),
            font_family=s.font_family,
            font_size=s.font_size,
        )

    def lookup_style(self) -> Style:
        options = self.display_options()
        return Style(
            pinyin=_PINYIN_STYLES[options.pinyin],
            scheme=options.tone_scheme,
            dark=is_dark(self.palette()),
            traditional_first=options.script is Script.TRADITIONAL,
        )

    def _apply_display(self) -> None:
        self.view.set_options(self.display_options())
        self.hsk_box.setEnabled(self.settings.ruby_words == RubyWords.ABOVE_HSK)
        for menu, value in (
            (self.pinyin_menu, self.settings.pinyin_style),
            (self.words_menu, self.settings.ruby_words),
            (self.scheme_menu, self.settings.tone_scheme),
            (self.script_menu, self.settings.script),
            (self.theme_menu, self.settings.theme),
        ):
            for choice, action in self._choices[menu.title()]:
                action.setChecked(choice == value)
        for box, value in (
            (self.pinyin_box, self.settings.pinyin_style),
            (self.words_box, self.settings.ruby_words),
            (self.scheme_box, self.settings.tone_scheme),
            (self.script_box, self.settings.script),
        ):
            box.setCurrentIndex(max(0, box.findData(value)))
        for toggle in (self.color_chars_box, self.color_chars_action):
            toggle.blockSignals(True)
            toggle.setChecked(self.settings.color_characters)
            toggle.blockSignals(False)
        self._refresh_popup()

    def set_pinyin_form(self, value: str) -> None:
        self.settings.pinyin_style = value
        self._apply_display()

    def set_ruby_words(self, value: str) -> None:
        self.settings.ruby_words = value
        self._apply_display()

    def set_min_hsk(self, value: int) -> None:
        self.settings.ruby_min_hsk = value
        self._apply_display()

    def set_tone_scheme(self, value: str) -> None:
        self.settings.tone_scheme = value
        self._apply_display()

    def set_tone_sandhi(self, on: bool) -> None:
        self.settings.tone_sandhi = on
        self._apply_display()

    def _set_color_characters(self, on: bool) -> None:
        self.settings.color_characters = on
        self._apply_display()

    def set_script(self, value: str) -> None:
        self.settings.script = value
        self._apply_display()

    def set_theme(self, value: str) -> None:
        self.settings.theme = value
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, _enum_value(Theme, value, Theme.SYSTEM))
        self._apply_display()

    def _zoom_changed(self, size: int) -> None:
        self.settings.font_size = size
        self._refresh_popup()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.metrics.char_font, self, "Font of the article")
        if ok:
            self.settings.font_family = font.family()
            self._apply_display()

    # Articles -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open an article",
            "",
            "Articles and lesson packs (*.txt *.md *.html *.htm *.epub *.docx *.pdf"
            " *.readerpack);;Lesson packs (*.readerpack);;All files (*)",
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Import a file into the library (off the UI thread) and show its first article;
        a lesson pack shows its preview first."""
        self.settings.remember_file(str(Path(path).resolve()))
        self._refresh_recent_menu()
        if is_pack(path):  # after the window shows, when given on the command line
            QTimer.singleShot(0, self, lambda: self.packs.open_path(path))
            return
        self.activity.setText(f"Opening {Path(path).name}…")
        self.library.import_files([path])

    def open_files(self, files: list[str]) -> None:
        """Several files at once (dropped): the articles in one import, each pack previewed."""
        packs, articles = split_packs(files)
        for path in packs:
            self.open_file(path)
        if articles:
            self.library.import_files(articles)

    def _lesson_opened(self, result: Any) -> None:
        self.library.refresh()
        self.vocab.panel.refresh()  # the pack's list
        self.show_article(result.article_id)
        self.activity.setText(result.describe())

    def open_last_or_seed(self) -> None:
        """Reopen the last article; on the very first run, open the seed article."""
        last = self.settings.last_article_id
        articles = self.store.articles.all()
        if last is not None and any(a.id == last for a in articles):
            self.show_article(last)
        elif articles:
            self.show_article(articles[0].id)
        else:
            self.open_file(str(paths.seed_article()))

    def show_article(self, article_id: int) -> None:
        self.activity.clear()
        self._save_position()
        self.close_popup()
        article = self.store.articles.get(article_id)
        self.article_id = article_id
        self.settings.last_article_id = article_id
        self.view.set_article(article.text, provisional_tokens(article.text), article.info.title)
        self.view.scroll_to_char(article.info.reading_position)
        self.setWindowTitle(f"{article.info.title} — Reader")
        self.word_count.setText(f"{article.info.char_count:,} characters")
        self._pending_analysis = article_id
        self._start_analysis()

    def _start_analysis(self) -> None:
        """The stored analysis as soon as the dictionary is open, else a new one as soon as
        the analyser is loaded; both on the worker, in that order."""
        article_id = self._pending_analysis
        if article_id is None or self.dictionary is None:
            return
        store = self._worker_store
        analyzer = self.analyzer
        if analyzer is None:
            dictionary = self.dictionary

            def stored(_progress: Progress) -> list[Token] | None:
                from reader.core.analysis.pipeline import stored_analysis  # on the worker

                return stored_analysis(store, article_id, dictionary.index.stem)

            self.worker.submit(
                stored,
                on_success=lambda tokens: self._stored_ready(article_id, tokens),
                on_error=self._analysis_failed,
            )
            return
        self._pending_analysis = None
        self.activity.setText("Adding pinyin…")

        def work(progress: Progress) -> list[Token]:
            tokens: list[Token] = analyzer.load_or_analyse(store, article_id, progress)
            return tokens

        if self._analysis_task is not None:
            self._analysis_task.cancel()
        self._analysis_task = self.worker.submit(
            work,
            on_success=lambda tokens: self._analysis_ready(article_id, tokens),
            on_error=self._analysis_failed,
            on_progress=self._show_progress,
        )

    def _stored_ready(self, article_id: int, tokens: list[Token] | None) -> None:
        self._start_loader()
        if tokens is not None and article_id == self._pending_analysis:
            self._pending_analysis = None
            self._analysis_ready(article_id, tokens)

    def _analysis_ready(self, article_id: int, tokens: list[Token]) -> None:
        if self._closed or article_id != self.article_id:
            return
        self.activity.clear()
        self.view.set_tokens(tokens)
        words = [t.text for t in tokens if t.kind in (TokenKind.WORD, TokenKind.NAME)]
        statuses = self.store.vocab.statuses_for(set(words))
        self.view.set_word_statuses({w: int(s) for w, s in statuses.items()})
        self.vocab.article_ready()
        chinese = [t for t in tokens if t.is_chinese]
        unique = len({t.text for t in chinese})
        self.word_count.setText(
            f"{len(chinese):,} words ({unique:,} different) · {len(self.view.text):,} characters"
        )

    def _analysis_failed(self, error: Exception) -> None:
        self.activity.setText(f"The analysis failed: {error}")

    def _dictionary_ready(self, dictionary: Any) -> None:
        if self._closed:
            return
        self.dictionary = dictionary
        self.view.set_hsk_level(lambda word: _newest_level(dictionary.hsk_level(word)))
        self.view.set_traditional_converter(TraditionalConverter(dictionary).convert)
        self.search.set_dictionary(dictionary)
        if self._pending_analysis is None:
            self._start_loader()
        self._start_analysis()

    def _analyzer_ready(self, analyzer: Any) -> None:
        if self._closed:
            return
        dictionary = self.dictionary
        if dictionary is not None and analyzer.dictionary_key != dictionary.index.stem:
            return  # loaded for the release before an import; the new one is on its way
        self.analyzer = analyzer
        self.activity.clear()
        self._start_analysis()

    @property
    def worker_store(self) -> Store:
        """The store that tasks on ``self.worker`` read and write (the one writer thread)."""
        return self._worker_store

    def reanalyse(self) -> None:
        """Analyse the open article again (a correction changed its key); on the worker."""
        if self.article_id is not None:
            self._pending_analysis = self.article_id
            self._start_analysis()

    def use_dictionary(self, dictionary: Any) -> None:
        """Switch to a newly imported dictionary everywhere: lookups, search and HSK levels
        at once, the analyser re-created for it on the loader, then the article analysed
        again (its stored analysis was keyed by the old dictionary)."""
        old = self.analyzer
        self.analyzer = None
        self._pending_analysis = self.article_id
        self._dictionary_ready(dictionary)
        self.activity.setText("Loading the new dictionary…")
        words = [w.word for w in self.store.corrections.user_words()]

        def create(_progress: Progress) -> Any:
            from reader.core.analysis.pipeline import Analyzer

            readings = old.readings if old is not None else None
            return Analyzer.create(words, dictionary=dictionary, readings=readings)

        self.loader.submit(create, on_success=self._analyzer_ready, on_error=self._tools_failed)

    def _tools_failed(self, error: Exception) -> None:
        self.activity.setText(f"The dictionary could not be loaded: {error}")

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if message:
            percent = f" {100 * done // total}%" if total > 1 else ""
            self.activity.setText(f"{message}…{percent}")

    def _save_position(self) -> None:
        if self.article_id is not None:
            self.store.articles.save_reading_position(self.article_id, self.view.reading_position())

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

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

    # Lookup -------------------------------------------------------------------------------

    def _lookup_at(self, token_index: int, char_index: int) -> Lookup | None:
        if self.dictionary is None:
            self.activity.setText("The dictionary is still loading…")
            return None
        token = self.view.tokens[token_index]
        return lookup_token(self.dictionary, self.view.text, token, char_index)

    def open_popup(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        self.popup.show_lookup(
            lookup, self.lookup_style(), self.view.token_rect(token_index), token_index
        )
        QTimer.singleShot(0, self, lambda: self._show_in_panel(lookup))  # after the popup paints

    def look_up_current(self) -> None:
        current = self.view.current()
        if self.popup.isVisible() and current and self.popup.token_index == current[0]:
            self.vocab.add_from_popup()  # Enter on the open popup adds its word
            return
        if current is None:
            self.view.next_word()
        self.view.activate_current()

    def close_popup(self) -> None:
        self.popup.close_popup()
        if self.find_bar.isVisible() and self.find_field.hasFocus():
            self.find_bar.hide()
            self.view.setFocus()

    def _current_changed(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        self._show_in_panel(lookup)
        if self.popup.isVisible():
            self.popup.show_lookup(
                lookup, self.lookup_style(), self.view.token_rect(token_index), token_index
            )

    def _show_in_panel(self, lookup: Lookup) -> None:
        from reader.ui.lookup.content import lookup_html

        self.word_panel.setHtml(lookup_html(lookup, self.lookup_style()))

    def _refresh_popup(self) -> None:
        current = self.view.current()
        if self.popup.isVisible() and current is not None:
            self.open_popup(*current)

    def _follow_scroll(self) -> None:
        index = self.popup.token_index
        if self.popup.isVisible() and index is not None and index < len(self.view.tokens):
            self.popup.move_to(self.view.token_rect(index))

    def _linked_lookup(self, word: str, pinyin: str) -> Lookup | None:
        if self.dictionary is None:
            return None
        dictionary = self.dictionary
        entries = list(dictionary.entries(word))
        wanted = [s.lower() for s, _tone in numbered_syllables(pinyin)] if pinyin else []
        if wanted:
            entries.sort(
                key=lambda e: [s.lower() for s, _t in numbered_syllables(e.pinyin)] != wanted
            )
        return lookup_word(dictionary, word, entries)

    def _follow_link(self, word: str, pinyin: str) -> None:
        lookup = self._linked_lookup(word, pinyin)
        if lookup is not None and self.popup.token_index is not None:
            anchor = self.view.token_rect(self.popup.token_index)
            self.popup.show_lookup(lookup, self.lookup_style(), anchor, self.popup.token_index)

    def _follow_link_in_panel(self, url: str) -> None:
        from reader.ui.lookup.content import parse_link

        target = parse_link(url)
        lookup = self._linked_lookup(*target) if target else None
        if lookup is not None:
            self._show_in_panel(lookup)

    # Find ---------------------------------------------------------------------------------

    def show_find_bar(self) -> None:
        self.find_bar.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def find_next(self, backwards: bool = False) -> None:
        needle = self.find_field.text()
        if not needle:
            self.show_find_bar()
            return
        found = self.view.find_text(needle, backwards=backwards)
        self.find_status.setText("" if found else "Not found")

    # Help, closing ------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        rows = []
        for action in self.actions_by_name.values():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append(
                    f"<tr><td>{action.text().replace('&', '').rstrip('…')}</td>"
                    f"<td><b>{' / '.join(keys)}</b></td></tr>"
                )
        rows.append("<tr><td>Zoom</td><td><b>Ctrl + mouse wheel</b></td></tr>")
        rows.append("<tr><td>Select text</td><td><b>drag with the mouse</b></td></tr>")
        QMessageBox.information(
            self, "Keyboard shortcuts", f"<table cellpadding='3'>{''.join(rows)}</table>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About Reader", ABOUT_HTML)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._closed:  # a second close (e.g. a test's teardown) has nothing left to do
            super().closeEvent(event)
            return
        self._closed = True
        self._save_position()
        self.worker.cancel_all()
        self.library.runner.cancel_all()
        self.dictionary_import.stop()
        self.worker.wait()
        self.library.runner.wait()
        self.loader.wait()
        self._worker_store.close()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        save_settings(self.data_dir, self.settings)
        self.store.close()
        super().closeEvent(event)


def _newest_level(level: Any) -> int | None:
    """The new HSK level of a word when it has one, else the old one."""
    if level is None:
        return None
    return getattr(level, "new", None) or getattr(level, "old", None)
