"""The export dialog: which format, which columns, the handout's page, and where to.

It only asks; the caller runs the export (off the UI thread, through the task helper)
with the `ExportRequest` it returns. Its choices are read from and written back to
`Settings`, so the next export starts where the last one ended. An existing file is
replaced only after the user confirms it here (``ExportRequest.overwrite``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.export.formats import LABELS, SUFFIXES, ExportFormat, path_for_format
from reader.core.export.model import (
    COLUMN_TITLES,
    DEFAULT_COLUMNS,
    Column,
    ExportOptions,
    PageSize,
)
from reader.core.settings import Settings
from reader.core.store import WordList
from reader.ui.messages import MessageSink

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class ExportRequest:
    format: ExportFormat
    path: Path
    options: ExportOptions
    overwrite: bool  # the user agreed to replace an existing file


class ExportDialog(QDialog):
    """``lists``: the word lists to choose from (one dialog: no separate "which list?"
    question first); ``current``: the index of the one chosen at first."""

    def __init__(
        self,
        lists: Sequence[WordList],
        settings: Settings,
        parent: QWidget | None = None,
        current: int = 0,
        messages: MessageSink | None = None,
    ) -> None:
        super().__init__(parent)
        self.messages = messages or MessageSink(self)
        self.setWindowTitle("Export a word list")
        self.setMinimumWidth(480)  # room for a path
        self._lists = list(lists)
        self._settings = settings
        self.request: ExportRequest | None = None

        self.list_box = QComboBox()
        for word_list in self._lists:
            self.list_box.addItem(f"{word_list.name} ({word_list.word_count:,} words)")
        self.list_box.setCurrentIndex(current)
        self.format_box = QComboBox()
        for fmt in ExportFormat:
            self.format_box.addItem(LABELS[fmt], fmt)
        self.columns = QListWidget()
        self.columns.setToolTip(
            "The columns of CSV, TSV and XLSX; for Anki, Pleco and the PDF what they include"
        )
        self.page_size = QComboBox()
        for size in PageSize:
            self.page_size.addItem(size.value, size)
        self.article = QCheckBox("Print the article after the vocabulary")
        self.article_pinyin = QCheckBox("Pinyin over the article's words")
        self.article_off_list = QCheckBox("Only over the words outside the class lists")
        self.article_glosses = QCheckBox("A short gloss under the words with pinyin")
        self.include_ignored = QCheckBox("List the words marked Ignored too")
        self.anki_cloze = QCheckBox("Anki: a cloze card per example sentence too")
        self.anki_audio = QCheckBox("Anki: audio of each word and its sentence (system voice)")
        self.path_edit = QLineEdit()
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)

        pdf_group = QGroupBox("PDF handout")
        pdf_form = QFormLayout(pdf_group)
        pdf_form.addRow("Page size", self.page_size)
        pdf_form.addRow(self.article)
        pdf_form.addRow(self.article_pinyin)
        pdf_form.addRow(self.article_off_list)
        pdf_form.addRow(self.article_glosses)
        pdf_form.addRow(self.include_ignored)
        self.pdf_group = pdf_group
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Word list", self.list_box)
        form.addRow("Format", self.format_box)
        form.addRow("Columns", self.columns)
        form.addRow(self.anki_cloze)
        form.addRow(self.anki_audio)
        form.addRow("File", where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(pdf_group)
        layout.addWidget(buttons)

        self._load(settings)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._named_for = self.word_list.name  # the list the file name was made from
        self.list_box.currentIndexChanged.connect(self._list_changed)
        for follows in (self.article_pinyin, self.article_off_list, self.article_glosses):
            self.article.toggled.connect(follows.setEnabled)
        self._format_changed()

    # --- settings ------------------------------------------------------------------------

    def _load(self, settings: Settings) -> None:
        fmt = _enum(ExportFormat, settings.export_format) or ExportFormat.APKG
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))
        chosen = [c for c in (_enum(Column, n) for n in settings.export_columns) if c]
        chosen = chosen or list(DEFAULT_COLUMNS)
        for column in [*chosen, *(c for c in Column if c not in chosen)]:
            item = QListWidgetItem(COLUMN_TITLES[column])
            item.setData(Qt.ItemDataRole.UserRole, column)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if column in chosen else Qt.CheckState.Unchecked
            )
            self.columns.addItem(item)
        size = _enum(PageSize, settings.export_page_size) or PageSize.A4
        self.page_size.setCurrentIndex(self.page_size.findData(size))
        self.anki_cloze.setChecked(settings.export_anki_cloze)
        self.anki_audio.setChecked(settings.export_anki_audio)
        self.article.setChecked(settings.export_article)
        self.article_pinyin.setChecked(settings.export_article_pinyin)
        for follows in (self.article_pinyin, self.article_off_list, self.article_glosses):
            follows.setEnabled(settings.export_article)
        self.article_off_list.setChecked(settings.export_article_off_list)
        self.article_glosses.setChecked(settings.export_article_glosses)
        self.include_ignored.setChecked(settings.export_include_ignored)
        folder = Path(settings.export_folder) if settings.export_folder else Path.home()
        self.path_edit.setText(str(folder / (_safe_name(self.word_list.name) + SUFFIXES[fmt])))

    def save_to(self, settings: Settings) -> None:
        """Remember the dialog's choices for the next export."""
        settings.export_format = self.chosen_format().value
        settings.export_columns = [c.value for c in self.chosen_columns()]
        settings.export_page_size = PageSize(self.page_size.currentData()).value
        settings.export_anki_cloze = self.anki_cloze.isChecked()
        settings.export_anki_audio = self.anki_audio.isChecked()
        settings.export_article = self.article.isChecked()
        settings.export_article_pinyin = self.article_pinyin.isChecked()
        settings.export_article_off_list = self.article_off_list.isChecked()
        settings.export_article_glosses = self.article_glosses.isChecked()
        settings.export_include_ignored = self.include_ignored.isChecked()
        settings.export_folder = str(Path(self.path_edit.text()).parent)

    # --- choices -------------------------------------------------------------------------

    @property
    def word_list(self) -> WordList:
        return self._lists[self.list_box.currentIndex()]

    def _list_changed(self) -> None:
        """Another list: the file is named after it, unless the user named it themselves."""
        current = Path(self.path_edit.text())
        if current.stem == _safe_name(self._named_for):
            self.path_edit.setText(str(current.with_stem(_safe_name(self.word_list.name))))
        self._named_for = self.word_list.name

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(self.format_box.currentData())

    def chosen_columns(self) -> tuple[Column, ...]:
        items = (self.columns.item(row) for row in range(self.columns.count()))
        return tuple(
            Column(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def options(self) -> ExportOptions:
        return ExportOptions(
            columns=self.chosen_columns(),
            page_size=PageSize(self.page_size.currentData()),
            include_article=self.article.isChecked(),
            article_with_pinyin=self.article_pinyin.isChecked(),
            article_off_list=self.article_off_list.isChecked(),
            article_glosses=self.article_glosses.isChecked(),
            anki_cloze=self.anki_cloze.isChecked(),
            anki_audio=self.anki_audio.isChecked(),
            anki_sentence_audio=self.anki_audio.isChecked(),
            include_ignored=self.include_ignored.isChecked(),
        )

    def _format_changed(self) -> None:
        fmt = self.chosen_format()
        self.pdf_group.setEnabled(fmt is ExportFormat.PDF)
        self.anki_cloze.setEnabled(fmt is ExportFormat.APKG)
        self.anki_audio.setEnabled(fmt is ExportFormat.APKG)
        self.columns.setEnabled(fmt is not ExportFormat.PACK)
        current = Path(self.path_edit.text())
        if current.name:
            self.path_edit.setText(str(path_for_format(current, fmt)))

    def _browse(self) -> None:
        fmt = self.chosen_format()
        suffix = SUFFIXES[fmt]
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Export to",
            self.path_edit.text(),
            f"{LABELS[fmt]} (*{suffix})",
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked on Export instead
        )
        if chosen:
            self.path_edit.setText(str(path_for_format(chosen, fmt)))

    def accept(self) -> None:
        """The file gets the chosen format's extension (a pack typed as "lesson.pdf" is
        written as "lesson.readerpack", and the field shows it), then is checked."""
        if self.path_edit.text().strip():
            fixed = path_for_format(Path(self.path_edit.text()), self.chosen_format())
            self.path_edit.setText(str(fixed))
        path = Path(self.path_edit.text()).expanduser()
        if not self.path_edit.text().strip() or not path.parent.is_dir():
            self.messages.warn("Export", f"The folder {path.parent} does not exist.", parent=self)
            return
        if not self.chosen_columns() and self.chosen_format() is not ExportFormat.PACK:
            self.messages.warn("Export", "Choose at least one column.", parent=self)
            return
        overwrite = False
        if path.exists():
            replace = f"{path.name} already exists. Replace it?"
            if not self.messages.confirm("Export", replace, parent=self):
                return
            overwrite = True
        self.request = ExportRequest(self.chosen_format(), path, self.options(), overwrite)
        self.save_to(self._settings)
        super().accept()


def _enum(kind: type[E], value: str) -> E | None:
    """The member named by a stored setting, or None for a value this version does not know."""
    try:
        return kind(value)
    except ValueError:
        return None


def _safe_name(name: str) -> str:
    """A file name from a list name: no path separators or characters Windows refuses."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name)
    return cleaned.strip(" .") or "words"
