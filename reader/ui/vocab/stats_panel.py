"""What the learner knows of the open article: totals, % known, HSK spread, unknown words.

The figures come from ``reader.core.stats.article_stats`` (the same counting as the
library's % known); the HSK spread is a small bar chart painted here; the unknown words
are listed by frequency, a click on "Add" adds one, "Add all" adds them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.stats import ArticleStats
from reader.ui.vocab.labels import pinyin_marks
from reader.ui.widgets import size_columns_for

WORD, PINYIN, MEANING, TIMES, ADD_COLUMN = range(5)
HEADERS = ("Word", "Pinyin", "Meaning", "Times", "")
_Index = QModelIndex | QPersistentModelIndex
HSK_BARS: tuple[int | None, ...] = (1, 2, 3, 4, 5, 6, 7, None)


def _bar_label(level: int | None) -> str:
    return "—" if level is None else ("7–9" if level == 7 else str(level))


class HskChart(QWidget):
    """Distinct words per HSK level (3.0; "—": in no HSK list), as bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spread: dict[int | None, int] = {}
        self.setMinimumHeight(72)  # the word list below needs the height more
        self.setToolTip("Different words per HSK level (— : not in HSK)")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(260, 84)

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


Describe = Callable[[str], tuple[str, tuple[str, ...]]]  # word → (numbered pinyin, glosses)


def _nothing_known(_word: str) -> tuple[str, tuple[str, ...]]:
    return "", ()


class UnknownWordsModel(QAbstractTableModel):
    """The unknown words by frequency with their pinyin and meaning (as "Add" would save
    them), and an "Add" cell. A model: thousands of rows reset in a millisecond, where
    table items cost a tenth of a second; a word is described when a row first shows it."""

    def __init__(self, link: QColor) -> None:
        super().__init__()
        self.rows: list[tuple[str, int]] = []
        self.hsk_level: Callable[[str], int | None] = lambda _w: None
        self.describe: Describe = _nothing_known
        self._described: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.link = link

    def set_rows(
        self,
        rows: list[tuple[str, int]],
        hsk_level: Callable[[str], int | None],
        describe: Describe = _nothing_known,
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.hsk_level = hsk_level
        self.describe = describe
        self._described = {}
        self.endResetModel()

    def _description(self, word: str) -> tuple[str, tuple[str, ...]]:
        found = self._described.get(word)
        if found is None:
            found = self._described[word] = self.describe(word)
        return found

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        word, count = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PINYIN:
                return pinyin_marks(self._description(word)[0])
            if column == MEANING:
                return next(iter(self._description(word)[1]), "")
            return {WORD: word, TIMES: str(count), ADD_COLUMN: "＋ Add"}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TIMES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == ADD_COLUMN:
            return self.link
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ADD_COLUMN:
                return "Add this word with the sentence it first appears in"
            if column == MEANING:
                return "; ".join(self._description(word)[1]) or None
            level = self.hsk_level(word)
            return None if level is None else f"HSK {_bar_label(level)}"
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class StatsPanel(QWidget):
    add_requested = Signal(object)  # list[str]: words to add from this article
    mark_known_requested = Signal()  # every new word of the article known

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: ArticleStats | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = HskChart(self)
        self.model = UnknownWordsModel(self.palette().color(QPalette.ColorRole.Link))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # a long meaning ends in "…" (its tooltip has it all)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        size_columns_for(self.table, {WORD: "银行业务", PINYIN: "yínhángyèwù"})
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        for column in (TIMES, ADD_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._cell_clicked)
        self.table.doubleClicked.connect(lambda index: self._add_row(index.row()))
        self.add_all_button = QPushButton("Add all", self)
        self.add_all_button.setToolTip("Add every new word to the article's list (learning)")
        self.add_all_button.clicked.connect(lambda: self.add_requested.emit(self.unknown_words()))
        self.known_all_button = QPushButton("Mark all known…", self)
        self.known_all_button.setToolTip(
            "After reading: every new word of the article becomes known (asks first)"
        )
        self.known_all_button.clicked.connect(self.mark_known_requested.emit)
        self.hsk_title = QLabel("<b>HSK levels</b>", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.hsk_title)
        layout.addWidget(self.chart)
        layout.addWidget(QLabel("<b>New words by frequency</b>", self))
        row = QHBoxLayout()  # under the title: beside it they set the panel's minimum width
        row.addWidget(self.add_all_button)
        row.addWidget(self.known_all_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.clear()

    def clear(self) -> None:
        self.stats = None
        self.summary.setText("Open an article to see what you know of it.")
        self.chart.set_spread({})
        self.model.set_rows([], lambda _w: None)
        self.add_all_button.setEnabled(False)
        self.known_all_button.setEnabled(False)

    def show_stats(
        self,
        stats: ArticleStats,
        hsk_level: Callable[[str], int | None],
        describe: Describe = _nothing_known,
    ) -> None:
        self.stats = stats
        self.summary.setText(
            f"<b>{stats.percent_known:.0f}% known</b> of the running text"
            f" ({stats.known_words:,} of {stats.counted_words:,} words;"
            f" learning {stats.percent_learning:.0f}%)<br>"
            f"{stats.total_words:,} words, {stats.unique_words:,} different"
        )
        self.chart.set_spread(stats.hsk_spread)
        unknown = stats.unknown_by_frequency
        self.model.set_rows(unknown, hsk_level, describe)
        self.add_all_button.setEnabled(bool(unknown))
        self.known_all_button.setEnabled(bool(unknown))

    def unknown_words(self) -> list[str]:
        return [] if self.stats is None else [w for w, _n in self.stats.unknown_by_frequency]

    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == ADD_COLUMN:
            self._add_row(index.row())

    def _add_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.add_requested.emit([self.model.rows[row][0]])
