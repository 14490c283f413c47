"""Importing a word list: read the file, show what would change, change it only on OK.

The file is read (format detected, or chosen) with ``reader.core.vocab_import``: from the
app on a worker (``VocabFileReader``, with a progress dialog and Cancel), so a long file
never freezes the window, and within the core's limits (50 MB, 100,000 lines). A
malformed file is reported with its line and the dialog does not open. The preview counts
every word by what importing does to it (added, updated, skipped), for a list or as known
words, and lists the first ``MAX_TABLE_ROWS``; nothing is written until Import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.importing.errors import ImportFailed
from reader.core.operations import Changes, Done
from reader.core.progress import Progress
from reader.core.store import Store, WordStatus
from reader.core.vocab_import import (
    ImportedWord,
    ImportPreview,
    VocabFormat,
    VocabImportError,
    commit_import,
    detect_format,
    parse_vocab,
    preview_known_words,
    preview_list_import,
    read_vocab_text,
)
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer, writer_or_own
from reader.ui.tasks import TaskRunner, close_progress, progress_dialog, show_progress
from reader.ui.vocab.labels import pinyin_marks

FORMAT_LABELS = {
    VocabFormat.KNOWN_WORDS: "Known words (one per line)",
    VocabFormat.CSV: "CSV",
    VocabFormat.TSV: "TSV (tab-separated)",
    VocabFormat.PLECO: "Pleco text export",
    VocabFormat.ANKI: "Anki notes in plain text",
}
KNOWN_TARGET = -1  # the target box's data for "mark the words known"
MAX_TABLE_ROWS = 2_000  # the preview lists this many words; the counts cover them all


@dataclass(frozen=True, slots=True)
class VocabFile:
    """A word-list file read and parsed in the detected format (off the UI thread)."""

    path: Path
    text: str
    detected: VocabFormat
    words: list[ImportedWord]


def read_vocab(path: Path, progress: Progress | None = None) -> VocabFile:
    """Read, detect and parse; raises ``VocabImportError`` (``ImportFailed``)."""
    text = read_vocab_text(path)
    detected = detect_format(text, path.name)
    return VocabFile(path, text, detected, parse_vocab(text, detected, path.name, progress))


class VocabFileReader(QObject):
    """Reads a word-list file on a worker with a progress dialog (Cancel stops it), then
    hands the result to ``on_read`` on the UI thread; a bad file is reported there."""

    def __init__(self, parent: QWidget, messages: MessageSink | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._messages = messages or MessageSink(parent)
        self.runner = TaskRunner(max_threads=1, parent=self)
        self.progress: QProgressDialog | None = None

    def read(self, path: Path, on_read: Callable[[VocabFile], None]) -> None:
        progress = progress_dialog(f"Reading {path.name}…", "Import a word list", self._parent)
        self.progress = progress
        task = self.runner.submit(
            lambda report: read_vocab(path, report),
            on_success=lambda file: self._finish(lambda: on_read(file)),
            on_error=lambda error: self._finish(lambda: self._report(path, error)),
            on_progress=self._progressed,
            on_cancelled=lambda: self._finish(lambda: None),
        )
        progress.canceled.connect(task.cancel)

    def _progressed(self, done: int, total: int, _message: str) -> None:
        show_progress(self.progress, done, total)

    def _finish(self, then: Callable[[], None]) -> None:
        close_progress(self.progress)
        self.progress = None
        then()

    def _report(self, path: Path, error: Exception) -> None:
        reason = str(error) if isinstance(error, ImportFailed) else f"it cannot be read ({error})"
        self._messages.error("Import a word list", f"{path.name}: {reason}", parent=self._parent)


class VocabImportDialog(QDialog):
    """``failed`` holds the message when the file cannot be read (then do not ``exec``)."""

    def __init__(
        self,
        store: Store,
        path: str | Path,
        list_id: int | None,
        parent: QWidget | None = None,
        *,
        read: VocabFile | None = None,
        writer: Writer | None = None,
        messages: MessageSink | None = None,
    ) -> None:
        """``read``: the file already read (by ``VocabFileReader``); else it is read here.
        ``writer``: the app's one writer (none: the dialog writes at once, on its own)."""
        super().__init__(parent)
        self.messages = messages or MessageSink(self)
        self.setWindowTitle(f"Import {Path(path).name}")
        self.resize(620, 480)
        self.store = store
        self.writer = writer_or_own(writer, store, self, lambda _changes: None)
        self.failed: str | None = None
        self.preview: ImportPreview | None = None
        self.committed_list: int | None = None
        self.committed_statuses: dict[str, WordStatus] = {}
        self.words: list[ImportedWord] = []
        if read is None:
            try:
                read = read_vocab(Path(path))
            except VocabImportError as error:
                self._fail(str(error))
                return
            except ImportFailed as error:
                self._fail(f"Cannot read {path}: {error}")
                return
        self.text = read.text
        self.words = read.words
        self.filename = Path(path).name
        self.format_box = QComboBox(self)
        for fmt, label in FORMAT_LABELS.items():
            self.format_box.addItem(label, fmt)
        detected = read.detected
        self.format_box.setCurrentIndex(self.format_box.findData(detected))
        self.format_box.currentIndexChanged.connect(lambda _i: self._read())
        self.target_box = QComboBox(self)
        self.target_box.addItem("Mark the words as known", KNOWN_TARGET)
        for word_list in store.vocab.lists():
            self.target_box.addItem(f"Add to “{word_list.name}”", word_list.id)
        self.target_box.addItem("Add to a new list named after the file", None)
        self._choose_target(detected, list_id)
        self.target_box.currentIndexChanged.connect(lambda _i: self._show_preview())
        self.summary = QLabel(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Import does", "Word", "Pinyin", "Meaning"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("Into:", self.target_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._show_preview()

    def _fail(self, message: str) -> None:
        self.failed = message
        self.messages.error("Import a word list", message, parent=self.parentWidget())

    def _choose_target(self, fmt: VocabFormat, list_id: int | None) -> None:
        if fmt is VocabFormat.KNOWN_WORDS:
            wanted: int | None = KNOWN_TARGET
        else:
            wanted = list_id
        index = self.target_box.findData(wanted) if wanted is not None else -1
        self.target_box.setCurrentIndex(index if index >= 0 else self.target_box.count() - 1)

    def selected_format(self) -> VocabFormat:
        return VocabFormat(self.format_box.currentData())  # Qt hands back a plain str

    def _read(self) -> None:
        try:
            self.words = parse_vocab(self.text, self.selected_format(), self.filename)
        except VocabImportError as error:
            self.words = []
            if not self.isVisible():  # opening: the file itself is bad
                self._fail(str(error))
                return
            self.summary.setText(f"<span style='color:#b00020'>{error}</span>")
            self.table.setRowCount(0)
            self.import_button.setEnabled(False)
            return
        self._show_preview()

    def _target(self) -> int | None:
        data = self.target_box.currentData()
        return None if data is None else int(data)

    def _show_preview(self) -> None:
        target = self._target()
        if target == KNOWN_TARGET:
            self.preview = preview_known_words(self.store, self.words)
        elif target is None:  # a new list: everything would be added
            self.preview = ImportPreview(None, tuple(self._unique()), (), ())
        else:
            self.preview = preview_list_import(self.store, target, self.words)
        preview = self.preview
        what = "marked known" if target == KNOWN_TARGET else "added"
        rows = (
            [(what, w) for w in preview.added]
            + [("updated", w) for w in preview.updated]
            + [("skipped", w) for w in preview.skipped]
        )
        shown = sorted(rows, key=lambda r: r[1].line)[:MAX_TABLE_ROWS]
        listed = f" The first {len(shown):,} are listed." if len(shown) < len(rows) else ""
        self.summary.setText(
            f"{len(preview.added):,} {what}, {len(preview.updated):,} updated,"
            f" {len(preview.skipped):,} skipped.{listed} Nothing changes until you press Import."
        )
        self.table.setRowCount(len(shown))
        for row, (action, word) in enumerate(shown):
            cells = (
                action,
                word.simplified,
                pinyin_marks(word.pinyin),
                word.meaning,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.import_button.setEnabled(bool(preview.added or preview.updated))

    def _unique(self) -> list[ImportedWord]:
        seen: set[tuple[str, str]] = set()
        unique = []
        for word in self.words:
            if (word.simplified, word.pinyin) not in seen:
                seen.add((word.simplified, word.pinyin))
                unique.append(word)
        return unique

    def _new_list_name(self) -> str:
        return self.store.vocab.free_list_name(Path(self.filename).stem or "Imported")

    def confirm(self) -> None:
        """Write the preview through the writer (one transaction), then close."""
        preview = self.preview
        if preview is None:
            return
        new_list = self._new_list_name() if self._target() is None else None
        words = list(self.words)

        def write(store: Store, _progress: Progress) -> Done[ImportPreview]:
            done = preview
            with store.db.transaction():
                if new_list is not None:
                    done = preview_list_import(store, store.vocab.create_list(new_list), words)
                commit_import(store, done)
            known = {} if done.list_id is not None else _known(done)
            return Done(done, Changes(lists=True, statuses=known))

        self.import_button.setEnabled(False)
        self.writer.run(write, self._committed, self._refused)

    def _committed(self, preview: ImportPreview) -> None:
        self.committed_statuses = {} if preview.list_id is not None else _known(preview)
        self.committed_list = preview.list_id
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        self.messages.error("Import a word list", str(error), parent=self)


def _known(preview: ImportPreview) -> dict[str, WordStatus]:
    """What a known-words import sets: every word it adds or updates becomes known."""
    return {w.simplified: WordStatus.KNOWN for w in preview.added + preview.updated}
