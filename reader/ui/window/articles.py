"""Opening files: articles into the library, lesson packs through their preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from reader.core import paths
from reader.ui.window.part import WindowPart


class ArticleFiles(WindowPart):  # type: ignore[misc]  # see part.py
    """File ▸ Open, recent files, dropped files, lesson packs, list export."""

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
        from reader.ui.lessons import is_pack  # its module (packs, export) loads after launch

        if is_pack(path):  # after the window shows, when given on the command line
            QTimer.singleShot(0, self, lambda: self.packs.open_path(path))
            return
        self.activity.setText(f"Opening {Path(path).name}…")
        self.library.import_files([path])

    def open_files(self, files: list[str]) -> None:
        """Several files at once (dropped): the articles in one import, each pack previewed."""
        from reader.ui.lessons import split_packs

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
