"""Words ▸ Words outside the class lists…: the off-list report of the open article.

The dialog shows the share of the article's running words the class's lists cover, and
the words outside them with their counts, most frequent first (`class_lists.ListReport`);
"Make a list of these…" asks for a name and hands the words chosen (all when none is
selected) to ``make_list``, which the window runs through its writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.class_lists import ListReport, OffListWord

MakeList = Callable[[str, Sequence[OffListWord]], object]


def coverage_text(report: ListReport, list_names: Sequence[str]) -> str:
    if not list_names:
        return "No list is marked as the class's yet (List ▸ Taught to the class)."
    return (
        f"{', '.join(list_names)} cover {report.coverage:.0%} of the article's"
        f" {report.running_words:,} words ({report.distinct_covered:,} of"
        f" {report.distinct_words:,} different); {len(report.words):,} words are outside."
    )


class ClassReportDialog(QDialog):
    def __init__(
        self,
        report: ListReport,
        list_names: Sequence[str],
        make_list: MakeList,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Words outside the class lists")
        self.report = report
        self._make_list = make_list
        self._title = title
        self.summary = QLabel(coverage_text(report, list_names), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.words), 2, self)
        self.table.setHorizontalHeaderLabels(["Word", "Times"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, word in enumerate(report.words):
            self.table.setItem(row, 0, QTableWidgetItem(word.word))
            count = QTableWidgetItem(f"{word.occurrences}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
        self.table.resizeColumnsToContents()
        self.make_button = QPushButton("Make a list of these…", self)
        self.make_button.setToolTip("A new list of the selected words (all if none is selected)")
        self.make_button.setEnabled(bool(report.words))
        self.make_button.clicked.connect(lambda _c=False: self.make_list())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(buttons)
        self.resize(420, 520)

    def chosen_words(self) -> list[OffListWord]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.report.words[r] for r in rows] if rows else list(self.report.words)

    def make_list(self, name: str | None = None) -> bool:
        """Ask for the new list's name (or take ``name``) and make it of the chosen words."""
        if name is None:
            name, ok = QInputDialog.getText(
                self, "Make a list", "Name of the new list:", text=f"Pre-teach: {self._title}"
            )
            if not ok:
                return False
        if not name.strip():
            return False
        self._make_list(name.strip(), self.chosen_words())
        return True
