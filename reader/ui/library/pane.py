"""``LibraryPane``: the articles in the library, sortable and searchable, with import.

- The list shows title, date added, characters and % known; a click on a header sorts;
  the search box finds titles and full text (the store's full-text index).
- Double click (or Enter) emits ``article_activated(id)``; F2 renames in place; Delete
  removes (an Undo bar and Ctrl+Z bring it back); the context menu also merges two
  selected articles and splits one at a paragraph.
- ``import_files`` / the Import… button / drop / Ctrl+V import off the UI thread through
  ``TaskRunner`` with a progress bar and Cancel; a cancelled import adds nothing. The
  encoding of text files is detected unless chosen in the pane's encoding box. Failures
  are shown in a dialog and emitted as ``import_failed(message)``; successes as
  ``imported(ids)``.

Reads and the small writes (rename, delete, restore, merge, split: one short transaction
each) use the window's store on the UI thread; imports write from the worker through a
store of their own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.operations import Changes, Done
from reader.core.progress import Progress
from reader.core.store import ArticleNotFoundError, Store
from reader.ui.library.importer import (
    ImportResult,
    add_found,
    read_files,
    read_pasted,
    read_pasted_image,
)
from reader.ui.library.model import ADDED, CHARS, ID_ROLE, KNOWN, TITLE, ArticleModel
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer, edit, writer_or_own
from reader.ui.scans import THUMBNAIL, PageThumbnails, clipboard_image_png
from reader.ui.tasks import Task, TaskRunner
from reader.ui.widgets import add_local_action, passing_label, size_columns_for, squeezable

LIBRARY = Changes(library=True)
ENCODINGS = (
    ("Detect encoding", None),
    ("UTF-8", "utf-8"),
    ("GB18030 / GBK", "gb18030"),
    ("Big5", "big5"),
    ("UTF-16", "utf-16"),
)
_TITLE_ROOM = 160  # px the title column needs before the date and length columns show
FILE_FILTER = (
    "Articles, subtitles and pictures of text (*.txt *.md *.html *.htm *.xhtml *.epub *.docx"
    " *.pdf *.srt *.ass *.ssa *.vtt *.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff *.gif)"
    ";;Photos, screenshots and scans (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff *.gif *.pdf)"
    ";;All files (*)"
)


class LibraryPane(QWidget):
    article_activated = Signal(int)
    imported = Signal(object)  # list[int]: the new articles' ids, in order
    import_failed = Signal(str)
    import_cancelled = Signal()

    def __init__(
        self,
        store: Store,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        writer: Writer | None = None,
        messages: MessageSink | None = None,
    ) -> None:
        """``store``: read on the UI thread; ``writer``: every write (default: one that
        writes at once on ``store``, for a pane on its own); ``runner``: reads the files
        of an import."""
        super().__init__(parent)
        self.store = store
        self.messages = messages or MessageSink(self)
        self.writer = writer_or_own(writer, store, self, self.op_executed)
        self.runner = runner or TaskRunner(max_threads=1, parent=self)
        self.pending: list[Task[ImportResult]] = []  # imports running or queued
        self._deleted: list[list[int]] = []  # undo stack of deleted id groups
        self.setAcceptDrops(True)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles and text")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.import_button = QPushButton("Import…", self)
        self.import_button.setToolTip("Add files to the library (or drop them here, or paste)")
        self.import_button.clicked.connect(self.choose_files)
        self.encoding = QComboBox(self)
        self.encoding.setToolTip("The encoding of text files (detected unless chosen)")
        for label, name in ENCODINGS:
            self.encoding.addItem(label, name)
        squeezable(self.encoding)
        # The search has a row of its own: beside the buttons, a pane at its usual width
        # left it a few letters wide.
        self.search_row = self._row(self.search, stretch=0)
        self.import_row = self._row(self.import_button, self.encoding, QWidget(self), stretch=2)

        self.model = ArticleModel()
        self.model.thumbnail = PageThumbnails(store).icon
        self.model.rename_requested.connect(self.rename)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setIconSize(QSize(THUMBNAIL // 2, THUMBNAIL // 2))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        size_columns_for(
            self.table,
            {ADDED: "0000-00-00 00:00", CHARS: "0,000,000", KNOWN: "Known %"},
            padding=24,
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ADDED, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._activate_index)
        self.table.installEventFilter(self)
        self._room_for_all_columns = (
            sum(header.sectionSize(c) for c in (ADDED, CHARS, KNOWN)) + _TITLE_ROOM
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.progress = QProgressBar(self)
        self.progress_label = QLabel(self)
        passing_label(self.progress_label)  # the file's name widened the library for good
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress_row = self._row(  # the label takes the room it is given, no more
            self.progress_label, self.progress, self.cancel_button, stretch=0
        )
        self.progress_row.hide()

        self.undo_label = QLabel(self)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_row = self._row(self.undo_label, self.undo_button, stretch=0)
        self.undo_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.search_row,
            self.import_row,
            self.table,
            self.progress_row,
            self.undo_row,
        ):
            layout.addWidget(widget)
        add_local_action(self, "Delete", QKeySequence.StandardKey.Delete, self.delete_selected)
        add_local_action(self, "Undo delete", QKeySequence.StandardKey.Undo, self.undo_delete)
        add_local_action(self, "Paste as new article", QKeySequence.StandardKey.Paste, self.paste)
        self.refresh()

    def _row(self, *widgets: QWidget, stretch: int) -> QWidget:
        """A row of widgets; the one at index ``stretch`` takes the spare width."""
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(4, 2, 4, 2)
        for index, widget in enumerate(widgets):
            box.addWidget(widget, 1 if index == stretch else 0)
        return row

    # --- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list from the library (keeps the search and the sort)."""
        self.model.set_rows(self.store.articles.search(self.search.text()))

    def refresh_counts(self) -> None:
        """Statuses changed: every row's % known again, the list left as it is."""
        self.model.update_infos(self.store.articles.all())

    def show_counted(self, article_id: int) -> None:
        """An article was analysed or renamed: its row shows it now."""
        with contextlib.suppress(ArticleNotFoundError):  # deleted meanwhile
            self.model.update_infos([self.store.articles.info(article_id)])

    def article_ids(self) -> list[int]:
        """The ids in the order the list shows them."""
        return [self.model.id_at(row) for row in range(self.model.rowCount())]

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.id_at(row) for row in rows]

    def select(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.selectRow(row)

    def _activate_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.article_activated.emit(int(index.data(ID_ROLE)))

    def _fit_columns(self) -> None:
        """In a narrow pane (the dock's usual width) the date and the length step aside so
        the titles stay readable (the title's tooltip has both); they come back when the
        pane is wide enough for all four."""
        narrow = self.table.width() < self._room_for_all_columns
        for column in (ADDED, CHARS):
            self.table.setColumnHidden(column, narrow)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter on the list opens the current article (the view would only emit activated,
        which some styles also emit on a single click); a resize fits the columns."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            self.open_current()
            return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        """Enter: open the current article (a double click does the same)."""
        self._activate_index(self.table.currentIndex())

    def rename(self, article_id: int, title: str) -> None:
        changes = Changes(articles=frozenset({article_id}))
        self.writer.run(
            edit(lambda store: store.articles.rename(article_id, title), changes),
            on_error=self._refused,
        )

    def op_executed(self, changes: Changes) -> None:
        """Redraw what changed: the rows, or only some of their facts (in place, so the
        selection, the order and the scroll position stay)."""
        if changes.library:
            self.refresh()
        elif changes.statuses:
            self.refresh_counts()
        for article_id in changes.articles:
            self.show_counted(article_id)

    def _refused(self, error: Exception) -> None:
        self.messages.error("Library", str(error), parent=self)
        self.refresh()

    # --- delete and undo -----------------------------------------------------------------

    def delete_selected(self) -> None:
        self.delete(self.selected_ids())

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return

        def delete(store: Store, _progress: Progress) -> Done[None]:
            with store.db.transaction():
                for article_id in ids:
                    store.articles.delete(article_id)
            return Done(None, LIBRARY)

        def deleted(_none: None) -> None:
            self._deleted.append(ids)
            self.undo_label.setText(
                "Deleted 1 article." if len(ids) == 1 else f"Deleted {len(ids)} articles."
            )
            self.undo_row.show()

        self.writer.run(delete, deleted, self._refused)

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        ids = self._deleted.pop()

        def restore(store: Store, _progress: Progress) -> Done[None]:
            with store.db.transaction():
                for article_id in ids:
                    store.articles.restore(article_id)
            return Done(None, LIBRARY)

        self.undo_row.setVisible(bool(self._deleted))
        self.writer.run(restore, lambda _none: self.select(ids[0]), self._refused)

    # --- corrections: merge, split ---------------------------------------------------------

    def merge(self, first_id: int, second_id: int) -> None:
        """Append the second article to the first (its title stays as a subheading)."""
        second = self.store.articles.get(second_id)
        title = second.info.title
        separator = "\n" if second.text.startswith(title) else f"\n{title}\n"
        self.writer.run(
            edit(lambda store: store.articles.merge(first_id, second_id, separator), LIBRARY),
            on_error=self._refused,
        )

    def split(self, article_id: int, paragraph_index: int) -> None:
        """Split before paragraph ``paragraph_index`` (the new article follows it)."""
        from reader.core.importing import ImportedArticle, split_article  # not at launch

        stored = self.store.articles.get(article_id)
        article = ImportedArticle(
            stored.info.title, stored.text, stored.original_text, stored.info.source
        )
        _, tail = split_article(article, paragraph_index)
        offset = sum(len(p) + 1 for p in article.paragraphs[:paragraph_index])
        self.writer.run(
            edit(lambda store: store.articles.split(article_id, offset, tail.title), LIBRARY),
            on_error=self._refused,
        )

    def _context_menu(self, position: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.article_activated.emit(ids[0]))
        menu.addAction("Rename", lambda: self._edit_title(ids[0]))
        if len(ids) == 2:
            menu.addAction("Merge the two", lambda: self.merge(ids[0], ids[1]))
        if len(ids) == 1:
            menu.addAction("Split at paragraph…", lambda: self._ask_split(ids[0]))
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _edit_title(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.edit(self.model.index(row, TITLE))

    def _ask_split(self, article_id: int) -> None:
        count = len(self.store.articles.text(article_id).split("\n"))
        if count < 2:
            return
        number, ok = QInputDialog.getInt(
            self,
            "Split the article",
            f"Start the new article at paragraph (2–{count}):",
            2,
            2,
            count,
        )
        if ok:
            self.split(article_id, number - 1)

    # --- import ----------------------------------------------------------------------------

    @property
    def importing(self) -> bool:
        return bool(self.pending)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", FILE_FILTER)
        self.import_files(files)

    def import_files(
        self, files: list[str], encoding: str | None = None, force: bool = False
    ) -> None:
        """Import ``files`` off the UI thread (imports queue up and run one at a time);
        ``encoding`` defaults to the one chosen in the pane (None: detect). Files that do not
        look Chinese are imported (``force``) only once the user confirms."""
        if not files:
            return
        encoding = encoding or self.encoding.currentData()
        self._start(
            lambda progress: read_files(files, progress, encoding, force),
            lambda names: self.import_files(names, encoding, force=True),
        )

    def import_text(self, text: str, force: bool = False) -> None:
        self._start(
            lambda progress: read_pasted(text, progress, force),
            lambda _names: self.import_text(text, force=True),
        )

    def paste(self) -> None:
        """Ctrl+V: the clipboard's text becomes new articles; a screenshot is read by OCR."""
        text = QApplication.clipboard().text()
        if not text.strip() and self.paste_image():
            return
        self.import_text(text)

    def paste_image(self) -> bool:
        """Read the clipboard's image by OCR (off the UI thread); False if it holds none."""
        data = clipboard_image_png()
        if data is None:
            return False
        self._start(lambda progress: read_pasted_image(data, progress), lambda _names: None)
        return True

    def cancel_import(self) -> None:
        """Cancel every import still running or queued; none of them leaves a trace."""
        for task in self.pending:
            task.cancel()
        if self.pending:
            self.progress_label.setText("Cancelling…")

    def _start(
        self, read: Callable[[Progress], ImportResult], anyway: Callable[[list[str]], None]
    ) -> None:
        """``read`` on the runner, then what it found added by the writer; ``anyway``
        imports the files that did not look Chinese once the user confirms."""
        if not self.pending:
            self.progress.setRange(0, 0)
            self.progress_label.setText("Importing…")
        self.progress_row.show()
        started: list[Task[ImportResult]] = []

        def settle() -> None:
            """Exactly one of success, error, cancelled arrives per task (on this thread,
            so never before ``started`` is filled)."""
            if started[0] in self.pending:
                self.pending.remove(started[0])
            self.progress_row.setVisible(bool(self.pending))

        def added(result: ImportResult) -> None:
            settle()
            self._import_done(result)
            if result.not_chinese and self._confirm_not_chinese(result.not_chinese):
                anyway([name for name, _ in result.not_chinese])

        def failed(error: Exception) -> None:
            settle()
            self._report(f"The import failed: {error}")

        def read_done(result: ImportResult) -> None:
            self.writer.run(
                lambda store, progress: add_found(store, result, progress), added, failed
            )

        def cancelled() -> None:
            settle()
            self.import_cancelled.emit()

        task = self.runner.submit(
            read,
            on_success=read_done,
            on_error=failed,
            on_progress=self._import_progress,
            on_cancelled=cancelled,
        )
        started.append(task)
        self.pending.append(task)

    def _import_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(message)

    def _import_done(self, result: ImportResult) -> None:
        if result.ids:
            self.select(result.ids[0])
            self.imported.emit(result.ids)
        if result.failures:
            self._report("\n\n".join(f"{Path(n).name}: {m}" for n, m in result.failures))
        if result.notes:  # what the import decided for the user (a page's real encoding)
            notes = "\n\n".join(f"{Path(n).name}: {m}" for n, m in result.notes)
            self.messages.inform("Imported", notes, parent=self)

    def _confirm_not_chinese(self, files: list[tuple[str, str]]) -> bool:
        """Ask before importing texts that do not look Chinese (their words are not in
        CC-CEDICT)."""
        listing = "\n\n".join(f"{Path(name).name}: {message}" for name, message in files)
        return self.messages.confirm(
            "Import text that is not Chinese?", f"{listing}\n\nImport it anyway?", parent=self
        )

    def _report(self, message: str) -> None:
        self.import_failed.emit(message)
        self.messages.error("Cannot import", message, parent=self)

    # --- drag and drop -------------------------------------------------------------------

    @staticmethod
    def _dropped_files(mime: QMimeData) -> list[str]:
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_files(event.mimeData()) or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = self._dropped_files(event.mimeData())
        if files:
            self.import_files(files)
        elif event.mimeData().hasText():
            self.import_text(event.mimeData().text())
        event.acceptProposedAction()
