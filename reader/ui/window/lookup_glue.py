"""A word clicked in the article → the popup and the side panel (word, dictionary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QTextBrowser

from reader.core.pinyin import numbered_syllables
from reader.ui.window.part import WindowPart

if TYPE_CHECKING:
    from reader.ui.lookup.content import Lookup


class WordLookup(WindowPart):  # type: ignore[misc]  # see part.py
    """Lookups of the article's words, shown in the popup and in the side panel."""

    def _build_side_panel(self) -> None:
        self.word_panel = QTextBrowser(self)
        self.word_panel.setOpenLinks(False)
        self.word_panel.anchorClicked.connect(
            lambda url: self._follow_link_in_panel(url.toString())
        )
        self.word_panel.setPlaceholderText("Click a word to see it here.")
        from reader.ui.lookup.search import DictionarySearch

        self.search = DictionarySearch(self.lookup_style, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.word_panel, "Word")
        self.side_tabs.addTab(self.search, "Dictionary")
        self.side_dock.setWidget(self.side_tabs)

    def _connect_view(self) -> None:
        self.view.word_activated.connect(self.open_popup)
        self.view.current_changed.connect(self._current_changed)
        self.view.dismissed.connect(self.close_popup)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.popup.link_activated.connect(self._follow_link)

    def _lookup_at(self, token_index: int, char_index: int) -> Lookup | None:
        if self.dictionary is None:
            self.activity.setText("The dictionary is still loading…")
            return None
        from reader.ui.lookup.content import lookup_token  # loads with the popup

        token = self.view.tokens[token_index]
        return lookup_token(self.dictionary, self.view.text, token, char_index)

    def open_popup(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        self.popup.show_lookup(
            lookup, self.lookup_style(), self.view.token_rect(token_index), token_index
        )
        QTimer.singleShot(0, self, lambda: self._show_in_panel(lookup))  # after the popup paints

    def look_up_current(self) -> None:
        self._build_popup()  # Enter pressed before the popup was built (the launch)
        current = self.view.current()
        if self.popup.isVisible() and current and self.popup.token_index == current[0]:
            self.vocab.add_from_popup()  # Enter on the open popup adds its word
            return
        if current is None:
            self.view.next_word()
        self.view.activate_current()

    def close_popup(self) -> None:
        """Esc: the popup closes (there is none yet at launch); in the find bar, so does it."""
        if self._popup_built:
            self.popup.close_popup()
        if self.find_bar.isVisible() and self.find_field.hasFocus():
            self.hide_find_bar()

    def _current_changed(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        self._show_in_panel(lookup)
        if self.popup.isVisible():
            self.popup.show_lookup(
                lookup, self.lookup_style(), self.view.token_rect(token_index), token_index
            )

    def _show_in_panel(self, lookup: Lookup) -> None:
        from reader.ui.lookup.content import lookup_html

        self.word_panel.setHtml(lookup_html(lookup, self.lookup_style()))

    def _refresh_popup(self) -> None:
        if not self._popup_built:
            return
        current = self.view.current()
        if self.popup.isVisible() and current is not None:
            self.open_popup(*current)

    def _follow_scroll(self) -> None:
        index = self.popup.token_index
        if self.popup.isVisible() and index is not None and index < len(self.view.tokens):
            self.popup.move_to(self.view.token_rect(index))

    def _linked_lookup(self, word: str, pinyin: str) -> Lookup | None:
        if self.dictionary is None:
            return None
        from reader.ui.lookup.content import lookup_word

        dictionary = self.dictionary
        entries = list(dictionary.entries(word))
        wanted = [s.lower() for s, _tone in numbered_syllables(pinyin)] if pinyin else []
        if wanted:
            entries.sort(
                key=lambda e: [s.lower() for s, _t in numbered_syllables(e.pinyin)] != wanted
            )
        return lookup_word(dictionary, word, entries)

    def _follow_link(self, word: str, pinyin: str) -> None:
        lookup = self._linked_lookup(word, pinyin)
        if lookup is not None and self.popup.token_index is not None:
            anchor = self.view.token_rect(self.popup.token_index)
            self.popup.show_lookup(lookup, self.lookup_style(), anchor, self.popup.token_index)

    def _follow_link_in_panel(self, url: str) -> None:
        from reader.ui.lookup.content import parse_link

        target = parse_link(url)
        lookup = self._linked_lookup(*target) if target else None
        if lookup is not None:
            self._show_in_panel(lookup)
