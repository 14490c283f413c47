"""The library list as a Qt model: rows of ``ArticleInfo``, sorted in Python, renamed in place.

A model, not a table of items: refreshing a library of thousands of articles is one reset
(no per-cell objects, no per-cell resize), and sorting is one ``list.sort`` by a typed key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.core.store import ArticleInfo

COLUMNS = ("Title", "Added", "Characters", "Known %")
TITLE, ADDED, CHARS, KNOWN = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _sort_key(column: int) -> Any:
    keys = {
        TITLE: lambda i: i.title.lower(),
        ADDED: lambda i: (i.added_at, -i.id),  # one import's articles keep page order
        CHARS: lambda i: i.char_count,
        KNOWN: lambda i: -1.0 if i.percent_known is None else i.percent_known,
    }
    return keys[column]


class ArticleModel(QAbstractTableModel):
    rename_requested = Signal(int, str)  # article id, its new title

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ArticleInfo] = []
        self._column = ADDED
        self._order = Qt.SortOrder.DescendingOrder
        # an article's picture beside its title (the first page of one read by OCR)
        self.thumbnail: Callable[[int], Any] = lambda _article_id: None

    def set_rows(self, infos: list[ArticleInfo]) -> None:
        self.beginResetModel()
        self._rows = sorted(
            infos,
            key=_sort_key(self._column),
            reverse=self._order == Qt.SortOrder.DescendingOrder,
        )
        self.endResetModel()

    def update_infos(self, infos: list[ArticleInfo]) -> None:
        """The listed articles' new facts (% known after a status change or an analysis) in
        place, in one signal: no reset, so the selection, the order and the scroll position
        stay. Articles not listed are left out."""
        latest = {info.id: info for info in infos}
        self._rows = [latest.get(info.id, info) for info in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, KNOWN))

    def id_at(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, article_id: int) -> int | None:
        return next((r for r, info in enumerate(self._rows) if info.id == article_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return info.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TITLE:
                return info.title
            if column == ADDED:
                return info.added_at.strftime("%Y-%m-%d %H:%M")
            if column == CHARS:
                return f"{info.char_count:,}"
            return "" if info.percent_known is None else f"{info.percent_known:.0f}"
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return self.thumbnail(info.id)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            facts = f"Added {info.added_at:%Y-%m-%d %H:%M} · {info.char_count:,} characters"
            return "\n".join(filter(None, (info.title, info.source, facts)))
        if role == Qt.ItemDataRole.ToolTipRole and column == KNOWN:
            if info.percent_known is None:
                return "Not counted yet: long articles are counted when you open them"
            return f"{info.percent_known:.1f}% of the running words are marked known"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == TITLE else flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Rename in place (the pane writes it: ``rename_requested``); an empty title is
        refused (the old one stays)."""
        title = str(value).strip()
        if role != Qt.ItemDataRole.EditRole or index.column() != TITLE or not title:
            return False
        info = self._rows[index.row()]
        self.rename_requested.emit(info.id, title)
        self._rows[index.row()] = dataclasses.replace(info, title=title)
        self.dataChanged.emit(index, index)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
