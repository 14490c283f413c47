"""Importing a word list: read the file, show what would change, change it only on OK.

The file is read (format detected, or chosen) with ``reader.core.vocab_import``; a
malformed file is reported with its line and the dialog does not open. The preview shows
every word with what importing does to it (added, updated, skipped), for a list or as
known words; nothing is written until the user presses Import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.importing.decode import decode_bytes
from reader.core.importing.errors import ImportFailed
from reader.core.store import Store, StoreError, WordStatus
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
)
from reader.ui.vocab.labels import pinyin_marks

FORMAT_LABELS = {
    VocabFormat.KNOWN_WORDS: "Known words (one per line)",
    VocabFormat.CSV: "CSV",
    VocabFormat.TSV: "TSV (tab-separated)",
    VocabFormat.PLECO: "Pleco text export",
    VocabFormat.ANKI: "Anki notes in plain text",
}
KNOWN_TARGET = -1  # the target box's data for "mark the words known"


class VocabImportDialog(QDialog):
    """``failed`` holds the message when the file cannot be read (then do not ``exec``)."""

    def __init__(
        self, store: Store, path: str | Path, list_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {Path(path).name}")
        self.resize(620, 480)
        self.store = store
        self.failed: str | None = None
        self.preview: ImportPreview | None = None
        self.committed_list: int | None = None
        self.committed_statuses: dict[str, WordStatus] = {}
        self.words: list[ImportedWord] = []
        try:
            self.text = decode_bytes(Path(path).read_bytes(), None)
        except (OSError, ImportFailed) as error:
            self._fail(f"Cannot read {path}: {error}")
            return
        self.filename = Path(path).name
        self.format_box = QComboBox(self)
        for fmt, label in FORMAT_LABELS.items():
            self.format_box.addItem(label, fmt)
        detected = detect_format(self.text, self.filename)
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
        self._read()

    def _fail(self, message: str) -> None:
        self.failed = message
        QMessageBox.warning(self.parentWidget(), "Import a word list", message)

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
        self.summary.setText(
            f"{len(preview.added)} {what}, {len(preview.updated)} updated,"
            f" {len(preview.skipped)} skipped. Nothing changes until you press Import."
        )
        rows = (
            [(what, w) for w in preview.added]
            + [("updated", w) for w in preview.updated]
            + [("skipped", w) for w in preview.skipped]
        )
        self.table.setRowCount(len(rows))
        for row, (action, word) in enumerate(sorted(rows, key=lambda r: r[1].line)):
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
        base = Path(self.filename).stem or "Imported"
        taken = {wl.name for wl in self.store.vocab.lists()}
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base} ({n})"
        return name

    def confirm(self) -> None:
        """Write the preview (one transaction) and close."""
        preview = self.preview
        if preview is None:
            return
        target = self._target()
        try:
            with self.store.db.transaction():
                if target is None:
                    list_id = self.store.vocab.create_list(self._new_list_name())
                    preview = preview_list_import(self.store, list_id, self.words)
                commit_import(self.store, preview)
        except StoreError as error:
            QMessageBox.warning(self, "Import a word list", str(error))
            return
        if preview.list_id is None:
            self.committed_statuses = {
                w.simplified: WordStatus.KNOWN for w in preview.added + preview.updated
            }
        self.committed_list = preview.list_id
        self.accept()
