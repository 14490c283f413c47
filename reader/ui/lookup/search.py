"""The dictionary search box: Hanzi, pinyin (with or without tones) or English."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.core.pinyin import render
from reader.ui.lookup.browser import LookupBrowser
from reader.ui.lookup.content import (
    LookupDictionary,
    Style,
    entry_html,
    lookup_html,
    lookup_word,
    parse_link,
)

if TYPE_CHECKING:  # the dictionary package loads on the worker, not at launch
    from reader.core.cedict.model import Entry

MAX_RESULTS = 200


class SearchDictionary(LookupDictionary, Protocol):
    def search_pinyin(self, query: str) -> Sequence[Entry]: ...

    def search_english(self, query: str) -> Sequence[Entry]: ...


def _has_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f" for c in text)


def search(dictionary: SearchDictionary, query: str) -> list[Entry]:
    """Entries for a query: headwords for Hanzi, else pinyin matches then English ones."""
    query = query.strip()
    if not query:
        return []
    if _has_han(query):
        found = list(dictionary.entries(query))
        seen = {e.id for e in found}
        for index in range(len(query)):
            for entry in dictionary.matches_at(query, index):
                if entry.id not in seen:
                    seen.add(entry.id)
                    found.append(entry)
        return found[:MAX_RESULTS]
    found = list(dictionary.search_pinyin(query))
    seen = {e.id for e in found}
    found += [e for e in dictionary.search_english(query) if e.id not in seen]
    return found[:MAX_RESULTS]


class DictionarySearch(QWidget):
    """A query line, a result list and the chosen entry in full."""

    def __init__(self, style: Callable[[], Style], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dictionary: SearchDictionary | None = None
        self._style = style
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("汉字, pinyin (hao3 / hǎo / hao) or English")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        # A long gloss ends in "…" (the tooltip has it whole) instead of widening the list
        # under a horizontal scroll bar.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.details = LookupBrowser(self, frame=False)  # follows the theme
        self.details.anchorClicked.connect(self._on_link)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(self._show_current)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.results)
        splitter.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(splitter)

    def set_dictionary(self, dictionary: SearchDictionary) -> None:
        self.dictionary = dictionary
        if self.query.text():
            self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        self.results.clear()
        if self.dictionary is None:
            return
        style = self._style()
        for entry in search(self.dictionary, self.query.text()):
            head = entry.traditional if style.traditional_first else entry.simplified
            reading = render(entry.pinyin, style.pinyin)  # as the popup and the panes show it
            gloss = "; ".join(s.gloss for s in entry.senses[:2])
            item = QListWidgetItem(f"{head}  {reading}  {gloss}")
            item.setToolTip(f"{head}  {reading}\n" + "; ".join(s.gloss for s in entry.senses))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None or self.dictionary is None:
            self.details.clear_content()
            return
        entry = self.dictionary.entry(int(item.data(Qt.ItemDataRole.UserRole)))
        self.details.show_content(lambda style: entry_html(entry, style), self._style())

    def _on_link(self, url: QUrl) -> None:
        target = parse_link(url.toString())
        if target is not None and self.dictionary is not None:
            lookup = lookup_word(self.dictionary, target[0])
            self.details.show_content(lambda style: lookup_html(lookup, style), self._style())
