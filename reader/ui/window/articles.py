"""Opening files: articles into the library, lesson packs through their preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu

from reader.core import paths
from reader.ui.library import LibraryPane
from reader.ui.window.context import WindowContext

if TYPE_CHECKING:  # packs (and the export they import) load after the launch
    from reader.ui.lessons import PackOpener

FILE_FILTER = (
    "Articles and lesson packs (*.txt *.md *.html *.htm *.epub *.docx *.pdf"
    " *.readerpack);;Lesson packs (*.readerpack);;All files (*)"
)


class ArticleFiles(QObject):
    """File ▸ Open, the recent files, dropped files, lesson packs; ``article_requested``:
    an article to show (the last one read, the seed)."""

    article_requested = Signal(int)

    def __init__(
        self, context: WindowContext, library: LibraryPane, packs: Callable[[], PackOpener]
    ) -> None:
        super().__init__(context.dialog_parent)
        self._context = context
        self._library = library
        self._packs = packs
        self.recent_menu = QMenu("Open &Recent", context.dialog_parent)
        self._refresh_recent_menu()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._context.dialog_parent, "Open an article", "", FILE_FILTER
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Import a file into the library (off the UI thread) and show its first article;
        a lesson pack shows its preview first."""
        self._context.settings.remember_file(str(Path(path).resolve()))
        self._refresh_recent_menu()
        from reader.ui.lessons import is_pack  # its module (packs, export) loads after launch

        if is_pack(path):  # after the window shows, when given on the command line
            QTimer.singleShot(0, self, lambda: self._packs().open_path(path))
            return
        self._context.messages.show(f"Opening {Path(path).name}…")
        self._library.import_files([path])

    def open_files(self, files: list[str]) -> None:
        """Several files at once (dropped): the articles in one import, each pack previewed."""
        from reader.ui.lessons import split_packs

        packs, articles = split_packs(files)
        for path in packs:
            self.open_file(path)
        if articles:
            self._library.import_files(articles)

    def open_last_or_seed(self) -> None:
        """Reopen the last article; on the very first run, open the seed article."""
        last = self._context.settings.last_article_id
        articles = self._context.store.articles.all()
        if last is not None and any(a.id == last for a in articles):
            self.article_requested.emit(last)
        elif articles:
            self.article_requested.emit(articles[0].id)
        else:
            self.open_file(str(paths.seed_article()))

    def _refresh_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for path in self._context.settings.recent_files:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        menu.setEnabled(bool(self._context.settings.recent_files))
