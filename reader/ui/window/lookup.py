"""A word clicked in the article → the popup and the side panel (word, dictionary)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.pinyin import numbered_syllables
from reader.ui.article_view.widget import ArticleView
from reader.ui.lookup.browser import LookupBrowser
from reader.ui.lookup.speech import shared_speaker
from reader.ui.messages import MessageSink
from reader.ui.window.session import ReadingSession

if TYPE_CHECKING:  # the popup and its content load after the first paint
    from reader.ui.lookup.content import Lookup, Style
    from reader.ui.lookup.popup import LookupPopup


class LookupController(QObject):
    """The lookups of the article's words, shown in the popup and in the side panel (the
    dock's Word and Dictionary tabs). The popup is built after the launch's first paint
    (nothing of it shows before a click), or at once by whatever needs it first.
    ``panel_shown``: the Word tab shows a new word (`panel_lookup`, met at `panel_token`)."""

    panel_shown = Signal()

    def __init__(
        self,
        view: ArticleView,
        session: ReadingSession,
        style: Callable[[], Style],
        messages: MessageSink,
        side_dock: QDockWidget,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._session = session
        self._style = style
        self._messages = messages
        self._popup: LookupPopup | None = None
        self._panel_lookup: Lookup | None = None  # what the Word tab shows, for its Speak
        self._waiting: int | None = None  # the character clicked before the dictionary came
        self.panel_token: int | None = None  # the token it was met at
        self._compact = False
        self._scale = 1.0
        self.word_panel = LookupBrowser(side_dock)  # follows the theme
        self.word_panel.anchorClicked.connect(
            lambda url: self._follow_link_in_panel(url.toString())
        )
        self.word_panel.setPlaceholderText("Click a word to see it here.")
        from reader.ui.lookup.search import DictionarySearch

        self.search = DictionarySearch(style, side_dock)
        self.side_tabs = QTabWidget(side_dock)
        self.side_tabs.addTab(self._word_tab(side_dock), "Word")
        self.side_tabs.addTab(self.search, "Dictionary")
        side_dock.setWidget(self.side_tabs)
        session.dictionary_changed.connect(self.search.set_dictionary)
        session.dictionary_changed.connect(lambda _d: self._open_waiting())
        session.shown.connect(lambda _id: self.close_popup())

    def _word_tab(self, parent: QWidget) -> QWidget:
        """The word panel under its Speak and Sentence buttons (and why they cannot)."""
        tab = QWidget(parent)
        self.speak_button = QPushButton("Speak", tab)
        self.speak_button.setToolTip("Hear the word, with the reading shown")
        self.speak_button.clicked.connect(self._speak_panel_word)
        sentence = QPushButton("Sentence", tab)
        sentence.setToolTip("Hear the sentence around the word in the article")
        sentence.clicked.connect(self._speak_panel_sentence)
        self.speech_note = QLabel(tab)
        self.speech_note.setWordWrap(True)
        self.speech_note.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.speak_button)
        buttons.addWidget(sentence)
        buttons.addStretch(1)
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(buttons)
        self._word_column = column
        column.addWidget(self.speech_note)
        column.addWidget(self.word_panel, 1)
        return tab

    @property
    def panel_lookup(self) -> Lookup | None:
        return self._panel_lookup

    def add_word_row(self, row: QWidget) -> None:
        """The vocabulary's row under the Word tab's buttons (Add, or the word's state)."""
        self._word_column.insertWidget(1, row)

    def _speak_panel_word(self) -> None:
        if self._panel_lookup is not None:
            self._show_speech_problem(shared_speaker().speak_lookup(self._panel_lookup))

    def _speak_panel_sentence(self) -> None:
        current = self._view.current()
        if current is not None:
            problem = shared_speaker().speak_sentence(self._view.tokens, current[0])
            self._show_speech_problem(problem)

    def _show_speech_problem(self, problem: str | None) -> None:
        self.speech_note.setText(problem or "")
        self.speech_note.setVisible(bool(problem))

    def _speak_popup_sentence(self, token_index: int) -> None:
        problem = shared_speaker().speak_sentence(self._view.tokens, token_index)
        self.popup.show_problem(problem)

    @property
    def popup_built(self) -> bool:
        return self._popup is not None

    @property
    def popup(self) -> LookupPopup:
        """The popup, built on first use."""
        if self._popup is None:
            from reader.ui.lookup.popup import LookupPopup

            self._popup = LookupPopup(self._view.viewport())
            self._popup.compact = self._compact
            self._popup.set_scale(self._scale)
            self._connect_view(self._popup)
        return self._popup

    def follow_display(self, compact: bool, scale: float) -> None:
        """The popup's form (compact or full) and the zoom of the popup and the panels."""
        self._compact, self._scale = compact, scale
        self.word_panel.set_scale(scale)
        self.search.details.set_scale(scale)
        if self._popup is not None:
            self._popup.compact = compact
            self._popup.set_scale(scale)
        self.refresh_popup()

    def _connect_view(self, popup: LookupPopup) -> None:
        view = self._view
        view.word_activated.connect(self.open_popup)
        view.current_changed.connect(self._current_changed)
        view.dismissed.connect(self.close_popup)
        view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        popup.link_activated.connect(self._follow_link)
        popup.sentence_requested.connect(self._speak_popup_sentence)

    def _lookup_at(self, token_index: int, char_index: int) -> Lookup | None:
        dictionary = self._session.dictionary
        if dictionary is None:  # a first run prepares it for a few seconds
            self._waiting = char_index
            word = self._view.tokens[token_index].text
            note = f"Preparing the dictionary: {word} opens when it is ready…"
            self._messages.show(note)  # and in the word panel, which no progress overwrites
            self.word_panel.show_content(
                lambda _style: f"<p>{html.escape(note)}</p>", self._style()
            )
            return None
        from reader.core.numbers import number_unit  # these load with the popup
        from reader.ui.lookup.content import lookup_number, lookup_token

        tokens = self._view.tokens
        unit = number_unit(tokens, token_index, dictionary.entries)
        if unit is not None:  # 6月, 三百五十个: the number with its measure word
            return lookup_number(dictionary, unit)
        if not tokens[token_index].is_chinese:  # a number counting nothing: no entry
            self.close_popup()
            return None
        return lookup_token(dictionary, self._view.text, tokens[token_index], char_index)

    def open_popup(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        anchor = self._view.token_rect(token_index)
        if lookup.unit is not None:  # under the whole unit; A adds its measure word
            token_index = lookup.unit.measure_index
            anchor = anchor.united(self._view.token_rect(token_index))
        self.popup.show_lookup(lookup, self._style(), anchor, token_index)
        # after the popup paints
        QTimer.singleShot(0, self, lambda: self._show_in_panel(lookup, token_index))

    def look_up_current(self) -> None:
        """Enter: the current word's popup; on the open popup, its word is added."""
        popup, current = self.popup, self._view.current()
        if popup.isVisible() and current and popup.token_index == current[0]:
            popup.add_requested.emit(current[0])
            return
        if current is None:
            self._view.next_word()
        self._view.activate_current()

    def close_popup(self) -> None:
        self._waiting = None  # Esc, another article: the word clicked is not wanted now
        if self._popup is not None:
            self._popup.close_popup()

    def _open_waiting(self) -> None:
        """The dictionary came: the word clicked while it was prepared opens now."""
        char, self._waiting = self._waiting, None
        if char is not None and char < len(self._view.text):
            self.open_popup(self._view.token_at_char(char), char)

    def clear(self) -> None:
        """The words may be cut differently in a moment (a correction): nothing of the old
        cut stays on screen."""
        self.close_popup()
        self.word_panel.clear_content()
        self._panel_lookup, self.panel_token = None, None
        self.panel_shown.emit()

    def refresh_popup(self) -> None:
        """Show the open popup again (the display settings changed)."""
        if self._popup is None:
            return
        current = self._view.current()
        if self._popup.isVisible() and current is not None:
            self.open_popup(*current)

    def _current_changed(self, token_index: int, char_index: int) -> None:
        lookup = self._lookup_at(token_index, char_index)
        if lookup is None:
            return
        self._show_in_panel(lookup, token_index)
        if self.popup.isVisible():
            anchor = self._view.token_rect(token_index)
            self.popup.show_lookup(lookup, self._style(), anchor, token_index)

    def _show_in_panel(self, lookup: Lookup, token_index: int | None = None) -> None:
        """``token_index``: where the word was met (None: where the panel's word was)."""
        from reader.ui.lookup.content import lookup_html

        self._panel_lookup = lookup
        if token_index is not None:
            self.panel_token = token_index
        self.word_panel.show_content(lambda style: lookup_html(lookup, style), self._style())
        self.panel_shown.emit()

    def _follow_scroll(self) -> None:
        popup = self.popup
        index = popup.token_index
        if popup.isVisible() and index is not None and index < len(self._view.tokens):
            popup.move_to(self._view.token_rect(index))

    def _linked_lookup(self, word: str, pinyin: str) -> Lookup | None:
        dictionary = self._session.dictionary
        if dictionary is None:
            return None
        from reader.ui.lookup.content import lookup_word

        entries = list(dictionary.entries(word))
        wanted = [s.lower() for s, _tone in numbered_syllables(pinyin)] if pinyin else []
        if wanted:
            entries.sort(
                key=lambda e: [s.lower() for s, _t in numbered_syllables(e.pinyin)] != wanted
            )
        return lookup_word(dictionary, word, entries)

    def _follow_link(self, word: str, pinyin: str) -> None:
        lookup = self._linked_lookup(word, pinyin)
        popup = self.popup
        if lookup is not None and popup.token_index is not None:
            anchor = self._view.token_rect(popup.token_index)
            popup.show_lookup(lookup, self._style(), anchor, popup.token_index)

    def _follow_link_in_panel(self, url: str) -> None:
        from reader.ui.lookup.content import parse_link

        target = parse_link(url)
        lookup = self._linked_lookup(*target) if target else None
        if lookup is not None:
            self._show_in_panel(lookup)
