"""``LibraryPane``: the articles in the library, sortable and searchable, with import.

- The list shows title, date added, characters and % known; a click on a header sorts;
  the search box finds titles and full text (the store's full-text index).
- Double click (or Enter) emits ``article_activated(id)``; F2 renames in place; Delete
  removes (an Undo bar and Ctrl+Z bring it back); the context menu also merges two
  selected articles and splits one at a paragraph.
- ``import_files`` / drop / Ctrl+V import off the UI thread through ``TaskRunner`` with a
  progress bar and Cancel; a cancelled import adds nothing. Failures are shown in a dialog
  and emitted as ``import_failed(message)``; successes as ``imported(ids)``.

Reads and the small writes (rename, delete, restore, merge, split: one short transaction
each) use the window's store on the UI thread; imports write from the worker through a
store of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.importing import ImportedArticle, split_article
from reader.core.progress import Progress
from reader.core.store import ArticleInfo, Store
from reader.ui.library.importer import ImportResult, import_into, import_pasted
from reader.ui.tasks import Task, TaskRunner

COLUMNS = ("Title", "Added", "Characters", "Known")
TITLE, ADDED, CHARS, KNOWN = range(4)
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class _Item(QTableWidgetItem):
    """A cell that sorts by a value of its own (numbers as numbers, dates as dates)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(_SORT_ROLE), other.data(_SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)


class LibraryPane(QWidget):
    article_activated = Signal(int)
    imported = Signal(object)  # list[int]: the new articles' ids, in order
    import_failed = Signal(str)
    import_cancelled = Signal()

    def __init__(
        self, store: Store, runner: TaskRunner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner or TaskRunner(max_threads=1, parent=self)
        self.task: Task[ImportResult] | None = None
        self._deleted: list[list[int]] = []  # undo stack of deleted id groups
        self._filling = False
        self.setAcceptDrops(True)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles and text")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (ADDED, CHARS, KNOWN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ADDED, Qt.SortOrder.DescendingOrder)
        self.table.itemDoubleClicked.connect(self._activate_item)
        self.table.itemChanged.connect(self._renamed)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.progress = QProgressBar(self)
        self.progress_label = QLabel(self)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress_row = self._row(self.progress_label, self.progress, self.cancel_button)
        self.progress_row.hide()

        self.undo_label = QLabel(self)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_row = self._row(self.undo_label, self.undo_button)
        self.undo_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.table, self.progress_row, self.undo_row):
            layout.addWidget(widget)
        self._add_action("Delete", QKeySequence.StandardKey.Delete, self.delete_selected)
        self._add_action("Undo delete", QKeySequence.StandardKey.Undo, self.undo_delete)
        self._add_action("Paste as new article", QKeySequence.StandardKey.Paste, self.paste)
        self.refresh()

    def _row(self, *widgets: QWidget) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(4, 2, 4, 2)
        for widget in widgets:
            box.addWidget(widget)
        return row

    def _add_action(
        self, text: str, key: QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> None:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # --- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list from the library (keeps the search and the sort)."""
        infos = self.store.articles.search(self.search.text())
        self._filling = True
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            self._fill_row(row, info)
        self.table.setSortingEnabled(True)
        self._filling = False

    def _fill_row(self, row: int, info: ArticleInfo) -> None:
        known = info.percent_known
        cells = (
            (info.title, info.title.lower()),
            (info.added_at.strftime("%Y-%m-%d %H:%M"), (info.added_at.timestamp(), info.id)),
            (f"{info.char_count:,}", info.char_count),
            ("—" if known is None else f"{known:.0f} %", -1.0 if known is None else known),
        )
        for column, (text, key) in enumerate(cells):
            item = _Item(text)
            item.setData(_ID_ROLE, info.id)
            item.setData(_SORT_ROLE, key)
            if column != TITLE:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _id_at(self, row: int) -> int:
        item = self.table.item(row, TITLE)
        return -1 if item is None else int(item.data(_ID_ROLE))

    def article_ids(self) -> list[int]:
        """The ids in the order the list shows them."""
        return [self._id_at(row) for row in range(self.table.rowCount())]

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self._id_at(row) for row in rows]

    def select(self, article_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self._id_at(row) == article_id:
                self.table.selectRow(row)
                return

    def _activate_item(self, item: QTableWidgetItem) -> None:
        self.article_activated.emit(int(item.data(_ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter on the list opens the current article (the view would only emit activated,
        which some styles also emit on a single click)."""
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
        item = self.table.currentItem()
        if item is not None:
            self._activate_item(item)

    def _renamed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != TITLE:
            return
        article_id = int(item.data(_ID_ROLE))
        title = item.text().strip()
        if not title:
            self.refresh()  # an empty title is not a title: put the old one back
            return
        self.store.articles.rename(article_id, title)
        item.setData(_SORT_ROLE, title.lower())

    def rename(self, article_id: int, title: str) -> None:
        self.store.articles.rename(article_id, title)
        self.refresh()

    # --- delete and undo -----------------------------------------------------------------

    def delete_selected(self) -> None:
        self.delete(self.selected_ids())

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        for article_id in ids:
            self.store.articles.delete(article_id)
        self._deleted.append(ids)
        self.undo_label.setText(
            "Deleted 1 article." if len(ids) == 1 else f"Deleted {len(ids)} articles."
        )
        self.undo_row.show()
        self.refresh()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        ids = self._deleted.pop()
        for article_id in ids:
            self.store.articles.restore(article_id)
        self.undo_row.setVisible(bool(self._deleted))
        self.refresh()
        self.select(ids[0])

    # --- corrections: merge, split ---------------------------------------------------------

    def merge(self, first_id: int, second_id: int) -> None:
        """Append the second article to the first (its title stays as a subheading)."""
        second = self.store.articles.get(second_id)
        title = second.info.title
        separator = "\n" if second.text.startswith(title) else f"\n{title}\n"
        self.store.articles.merge(first_id, second_id, separator)
        self.refresh()

    def split(self, article_id: int, paragraph_index: int) -> int:
        """Split before paragraph ``paragraph_index``; returns the new article's id."""
        stored = self.store.articles.get(article_id)
        article = ImportedArticle(
            stored.info.title, stored.text, stored.original_text, stored.info.source
        )
        _, tail = split_article(article, paragraph_index)
        offset = sum(len(p) + 1 for p in article.paragraphs[:paragraph_index])
        new_id = self.store.articles.split(article_id, offset, tail.title)
        self.refresh()
        return new_id

    def _context_menu(self, position: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.article_activated.emit(ids[0]))
        menu.addAction("Rename", lambda: self.table.editItem(self.table.currentItem()))
        if len(ids) == 2:
            menu.addAction("Merge the two", lambda: self.merge(ids[0], ids[1]))
        if len(ids) == 1:
            menu.addAction("Split at paragraph…", lambda: self._ask_split(ids[0]))
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))

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
        return self.task is not None and not self.task.done

    def import_files(self, files: list[str], encoding: str | None = None) -> None:
        """Import ``files`` off the UI thread (one import at a time)."""
        if self.importing or not files:
            return
        db_path = self.store.path
        self._start(lambda progress: import_into(db_path, files, progress, encoding))

    def import_text(self, text: str) -> None:
        if self.importing:
            return
        db_path = self.store.path
        self._start(lambda progress: import_pasted(db_path, text, progress))

    def paste(self) -> None:
        """Ctrl+V: the clipboard's text becomes new articles."""
        self.import_text(QApplication.clipboard().text())

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_label.setText("Cancelling…")

    def _start(self, work: Callable[[Progress], ImportResult]) -> None:
        self.progress.setRange(0, 0)
        self.progress_label.setText("Importing…")
        self.progress_row.show()
        self.task = self.runner.submit(
            work,
            on_success=self._import_done,
            on_error=self._import_error,
            on_progress=self._import_progress,
            on_cancelled=self._import_cancelled,
        )

    def _import_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(message)

    def _import_done(self, result: ImportResult) -> None:
        self.progress_row.hide()
        self.refresh()
        if result.ids:
            self.select(result.ids[0])
            self.imported.emit(result.ids)
        if result.failures:
            self._report("\n\n".join(f"{Path(n).name}: {m}" for n, m in result.failures))

    def _import_error(self, error: Exception) -> None:
        self.progress_row.hide()
        self._report(f"The import failed: {error}")

    def _import_cancelled(self) -> None:
        self.progress_row.hide()
        self.import_cancelled.emit()

    def _report(self, message: str) -> None:
        self.import_failed.emit(message)
        QMessageBox.warning(self, "Cannot import", message)

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
