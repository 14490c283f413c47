"""What the learner knows of the open article: totals, % known, HSK spread, unknown words.

The figures come from ``reader.core.stats.article_stats`` (the same counting as the
library's % known); the HSK spread is a small bar chart painted here; the unknown words
are listed by frequency, a click on "Add" adds one, "Add all" adds them all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.stats import ArticleStats

ADD_COLUMN = 2
HSK_BARS: tuple[int | None, ...] = (1, 2, 3, 4, 5, 6, 7, None)


def _bar_label(level: int | None) -> str:
    return "—" if level is None else ("7–9" if level == 7 else str(level))


class HskChart(QWidget):
    """Distinct words per HSK level (3.0; "—": in no HSK list), as bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spread: dict[int | None, int] = {}
        self.setMinimumHeight(110)
        self.setToolTip("Different words per HSK level (— : not in HSK)")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(260, 120)

    def set_spread(self, spread: dict[int | None, int]) -> None:
        self.spread = dict(spread)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar = QColor(palette.color(QPalette.ColorRole.Highlight))
        metrics = painter.fontMetrics()
        label_h = metrics.height()
        width = self.width() / len(HSK_BARS)
        top, bottom = label_h + 2, self.height() - label_h - 4
        most = max(self.spread.values(), default=0) or 1
        for slot, level in enumerate(HSK_BARS):
            count = self.spread.get(level, 0)
            x = slot * width
            height = (bottom - top) * count / most
            painter.fillRect(QRectF(x + width * 0.2, bottom - height, width * 0.6, height), bar)
            painter.setPen(text)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            painter.drawText(QRectF(x, 0, width, bottom - height - 1), flags, str(count))
            painter.drawText(
                QRectF(x, bottom + 2, width, label_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                _bar_label(level),
            )
        painter.end()


class StatsPanel(QWidget):
    add_requested = Signal(object)  # list[str]: words to add from this article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: ArticleStats | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = HskChart(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Unknown word", "Times", ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._cell_clicked)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._add_row(row))
        self.add_all_button = QPushButton("Add all unknown words", self)
        self.add_all_button.clicked.connect(lambda: self.add_requested.emit(self.unknown_words()))
        self.hsk_title = QLabel("<b>HSK levels</b>", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.hsk_title)
        layout.addWidget(self.chart)
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Unknown words by frequency</b>", self), 1)
        row.addWidget(self.add_all_button)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.clear()

    def clear(self) -> None:
        self.stats = None
        self.summary.setText("Open an article to see what you know of it.")
        self.chart.set_spread({})
        self.table.setRowCount(0)
        self.add_all_button.setEnabled(False)

    def show_stats(self, stats: ArticleStats, hsk_level: Callable[[str], int | None]) -> None:
        self.stats = stats
        self.summary.setText(
            f"<b>{stats.percent_known:.0f}% known</b> of the running text"
            f" ({stats.known_words:,} of {stats.counted_words:,} words;"
            f" learning {stats.percent_learning:.0f}%)<br>"
            f"{stats.total_words:,} words, {stats.unique_words:,} different"
        )
        self.chart.set_spread(stats.hsk_spread)
        unknown = stats.unknown_by_frequency
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(unknown))
        for row, (word, count) in enumerate(unknown):
            level = hsk_level(word)
            item = QTableWidgetItem(word)
            if level is not None:
                item.setToolTip(f"HSK {_bar_label(level)}")
            times = QTableWidgetItem(str(count))
            times.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            add = QTableWidgetItem("＋ Add")
            add.setForeground(self.palette().color(QPalette.ColorRole.Link))
            add.setToolTip("Add this word with the sentence it first appears in")
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, times)
            self.table.setItem(row, ADD_COLUMN, add)
        self.table.setUpdatesEnabled(True)
        self.add_all_button.setEnabled(bool(unknown))

    def unknown_words(self) -> list[str]:
        return [] if self.stats is None else [w for w, _n in self.stats.unknown_by_frequency]

    def _cell_clicked(self, row: int, column: int) -> None:
        if column == ADD_COLUMN:
            self._add_row(row)

    def _add_row(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.add_requested.emit([item.text()])
