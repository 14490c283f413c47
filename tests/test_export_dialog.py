"""The export dialog: its choices become an ExportRequest, and it remembers them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.export.formats import ExportFormat, write_export
from reader.core.export.model import DEFAULT_COLUMNS, Column, PageSize
from reader.core.settings import Settings, load_settings, save_settings
from reader.core.store import WordList
from reader.ui.export_dialog import ExportDialog
from tests.export_samples import sample_list

if TYPE_CHECKING:
    from tests.conftest import Told

LISTS = [
    WordList(1, "Lesson/1: 银行", None, datetime(2026, 11, 1), 4),
    WordList(2, "Words from 在银行", 7, datetime(2026, 11, 2), 12),
]


def make(qtbot: QtBot, settings: Settings) -> ExportDialog:
    dialog = ExportDialog(LISTS, settings)
    qtbot.addWidget(dialog)
    return dialog


def uncheck(dialog: ExportDialog, column: Column) -> None:
    for row in range(dialog.columns.count()):
        item = dialog.columns.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == column:
            item.setCheckState(Qt.CheckState.Unchecked)


def test_choices_become_a_request_and_are_remembered(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    settings = Settings(export_folder=str(tmp_path))
    dialog = make(qtbot, settings)
    assert dialog.chosen_format() is ExportFormat.APKG
    assert dialog.chosen_columns() == DEFAULT_COLUMNS
    assert dialog.path_edit.text() == str(tmp_path / "Lesson_1_ 银行.apkg")
    assert not dialog.pdf_group.isEnabled() and dialog.anki_cloze.isEnabled()
    dialog.anki_cloze.setChecked(True)

    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.PDF))
    assert dialog.path_edit.text().endswith(".pdf") and dialog.pdf_group.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.CSV))
    uncheck(dialog, Column.TRADITIONAL)
    dialog.page_size.setCurrentIndex(dialog.page_size.findData(PageSize.LETTER))
    dialog.article.setChecked(False)
    dialog.accept()

    request = dialog.request
    assert request is not None and request.format is ExportFormat.CSV
    assert request.path == tmp_path / "Lesson_1_ 银行.csv" and not request.overwrite
    assert Column.TRADITIONAL not in request.options.columns
    assert not request.options.include_traditional and not request.options.include_article
    written = write_export(request.format, request.path, sample_list(), request.options)
    assert written.read_text(encoding="utf-8-sig").startswith("Simplified,Pinyin,")

    save_settings(data_dir, settings)
    again = make(qtbot, load_settings(data_dir))
    assert again.chosen_format() is ExportFormat.CSV
    assert again.chosen_columns() == request.options.columns
    assert again.page_size.currentData() == PageSize.LETTER
    assert not again.article.isChecked() and not again.article_pinyin.isEnabled()
    assert again.anki_cloze.isChecked() and not again.anki_cloze.isEnabled()  # CSV chosen


def test_an_existing_file_is_replaced_only_after_confirmation(
    qtbot: QtBot, tmp_path: Path, told: Told
) -> None:
    dialog = make(qtbot, Settings(export_folder=str(tmp_path)))
    Path(dialog.path_edit.text()).write_text("mine")
    told.answers = [False, True]
    dialog.accept()
    assert dialog.request is None and dialog.isVisible() is False and dialog.result() == 0
    dialog.accept()
    assert dialog.request is not None and dialog.request.overwrite


def test_unknown_remembered_values_fall_back_to_defaults(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(
        export_format="epub", export_columns=["colour"], export_page_size="A5",
        export_folder=str(tmp_path),
    )  # fmt: skip
    dialog = make(qtbot, settings)
    assert dialog.chosen_format() is ExportFormat.APKG
    assert dialog.chosen_columns() == DEFAULT_COLUMNS
    assert dialog.page_size.currentData() == PageSize.A4


def test_a_missing_folder_is_refused(qtbot: QtBot, tmp_path: Path, warnings: list[str]) -> None:
    dialog = make(qtbot, Settings(export_folder=str(tmp_path / "gone")))
    dialog.accept()
    assert dialog.request is None and warnings and "does not exist" in warnings[0]


def test_the_list_is_chosen_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(LISTS, Settings(export_folder=str(tmp_path)), current=1)
    qtbot.addWidget(dialog)
    assert dialog.word_list is LISTS[1]
    assert [dialog.list_box.itemText(i) for i in range(2)] == [
        "Lesson/1: 银行 (4 words)",
        "Words from 在银行 (12 words)",
    ]
    assert dialog.path_edit.text() == str(tmp_path / "Words from 在银行.apkg")
    dialog.list_box.setCurrentIndex(0)  # the file follows the list's name…
    assert dialog.word_list is LISTS[0]
    assert dialog.path_edit.text() == str(tmp_path / "Lesson_1_ 银行.apkg")
    dialog.path_edit.setText(str(tmp_path / "for class 3.apkg"))
    dialog.list_box.setCurrentIndex(1)  # …unless the user named the file
    assert dialog.path_edit.text() == str(tmp_path / "for class 3.apkg")
    dialog.accept()
    assert dialog.request is not None and dialog.word_list is LISTS[1]


def test_the_extension_follows_the_format(qtbot: QtBot, tmp_path: Path) -> None:
    """A lesson pack typed as "lesson.pdf" was written as a zip named .pdf."""
    dialog = make(qtbot, Settings(export_folder=str(tmp_path)))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.PACK))
    dialog.path_edit.setText(str(tmp_path / "lesson.pdf"))
    dialog.accept()
    assert dialog.request is not None and dialog.request.path == tmp_path / "lesson.readerpack"
    assert dialog.path_edit.text() == str(tmp_path / "lesson.readerpack")  # shown as written
    other = make(qtbot, Settings(export_folder=str(tmp_path)))
    other.path_edit.setText(str(tmp_path / "Lesson 1.2"))  # a dot that is no extension
    other.format_box.setCurrentIndex(other.format_box.findData(ExportFormat.XLSX))
    assert other.path_edit.text() == str(tmp_path / "Lesson 1.2.xlsx")
