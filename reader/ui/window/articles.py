"""Opening files: articles into the library, lesson packs through their preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from reader.core import paths
from reader.ui.export_action import ListExport
from reader.ui.lessons import PackDropFilter, PackOpener, is_pack, split_packs
from reader.ui.window.part import WindowPart


class ArticleFiles(WindowPart):  # type: ignore[misc]  # see part.py
    """File ▸ Open, recent files, dropped files, lesson packs, list export."""

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
