"""The lookup popup: a card beside the tapped word, inside the article view.

It is a child of the view's viewport rather than a top-level window: it cannot end up
off-screen or behind the main window, it moves with the word when the article scrolls,
and a click elsewhere simply moves it (no mouse grab as with a Qt.Popup).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.lookup.browser import LookupBrowser
from reader.ui.lookup.content import Lookup, Style, lookup_html, parse_add_link, parse_link
from reader.ui.lookup.speech import shared_speaker

POPUP_WIDTH = 400
COMPACT_WIDTH = 300
MIN_HEIGHT = 110  # below this the card is too small to read: it may then cover the line
GAP = 6


class LookupPopup(QFrame):
    """Shows a `Lookup`; emits ``link_activated(word, pinyin)`` for cross-references."""

    link_activated = Signal(str, str)
    add_requested = Signal(int)  # token index; connected by the vocabulary work
    sentence_requested = Signal(int)  # token index: say the sentence around it
    add_word_requested = Signal(str)  # an "also starting here" word's own add link
    lookup_shown = Signal()  # new content (the vocabulary shows the word's status)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.lookup: Lookup | None = None
        self._anchor = QRect()
        self.token_index: int | None = None
        self.compact = False  # the word, its pinyin, first senses and HSK (Zhongwen's card)
        self.browser = LookupBrowser(self, frame=False)
        self.browser.anchorClicked.connect(self._on_link)
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.clicked.connect(self.copy_word)
        self.speak_button = QPushButton("Speak", self)
        self.speak_button.setToolTip("Hear the word, with the reading shown")
        self.speak_button.clicked.connect(self.speak_word)
        self.sentence_button = QPushButton("Sentence", self)
        self.sentence_button.setToolTip("Hear the sentence around the word")
        self.sentence_button.clicked.connect(self._speak_sentence)
        self.close_button = QPushButton("×", self)
        self.close_button.setFlat(True)
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.clicked.connect(self.close_popup)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.speak_button)
        buttons.addWidget(self.sentence_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(buttons)
        self.word_row: QWidget | None = None  # the vocabulary's row: Add, or the word's state
        layout.addWidget(self.browser)
        layout.addWidget(self.note)
        self.hide()

    def set_word_row(self, row: QWidget) -> None:
        """The vocabulary's row under the buttons (`reader.ui.vocab.word_state`)."""
        self.word_row = row
        self._layout.insertWidget(1, row)

    def show_lookup(self, lookup: Lookup, style: Style, anchor: QRect, token_index: int) -> None:
        """Fill the card and place it below ``anchor`` (or above it when there is no room)."""
        self.lookup = lookup
        self.token_index = token_index
        self._anchor = anchor
        self.note.hide()
        compact = self.compact
        self.browser.show_content(
            lambda shown: lookup_html(lookup, shown, add_links=True, compact=compact), style
        )
        self._fit(anchor)
        self.show()
        self.raise_()
        self.lookup_shown.emit()

    def _fit(self, anchor: QRect) -> None:
        parent = self.parentWidget()
        assert parent is not None  # always a child of the view's viewport
        area = parent.rect()
        wide = (COMPACT_WIDTH if self.compact else POPUP_WIDTH) * max(1.0, self.browser.scale)
        width = min(round(wide), area.width() - 2 * GAP)
        # Measure the text at the width the browser will have (a clone: the browser's own
        # layout is left alone, and a hidden popup has no geometry to ask yet).
        margins = self._layout.contentsMargins()
        spacing = max(0, self._layout.spacing())
        document = self.browser.document().clone(self)
        document.setTextWidth(width - margins.left() - margins.right() - 2)
        chrome = margins.top() + margins.bottom() + spacing + self.copy_button.sizeHint().height()
        if self.word_row is not None:
            chrome += spacing + self.word_row.sizeHint().height()
        if not self.note.isHidden():
            chrome += spacing + self.note.sizeHint().height()
        room_below = area.bottom() - anchor.bottom() - 2 * GAP
        room_above = anchor.top() - area.top() - 2 * GAP
        wanted = int(document.size().height()) + chrome + 4
        document.deleteLater()
        # Below the line, or above it when there is more room there: never over the line
        # being read (the card scrolls inside itself instead). Only when neither side
        # has room for even a small card does it overlap, kept inside the view.
        below = room_below >= min(wanted, MIN_HEIGHT) or room_below >= room_above
        room = room_below if below else room_above
        height = min(wanted, room, int(area.height() * 0.7))
        if height < min(wanted, MIN_HEIGHT):
            height = min(wanted, MIN_HEIGHT, area.height() - 2 * GAP)
        x = min(max(area.left() + GAP, anchor.left()), area.right() - width - GAP)
        y = anchor.bottom() + GAP if below else anchor.top() - GAP - height
        y = min(max(area.top() + GAP, y), max(area.top() + GAP, area.bottom() - height - GAP))
        self.resize(width, height)
        self.move(x, y)

    def set_scale(self, scale: float) -> None:
        """Follow the article's zoom: the card's text and width grow with it."""
        self.browser.set_scale(scale)
        if self.isVisible() and self.lookup is not None:
            self._fit(self._anchor)

    def move_to(self, anchor: QRect) -> None:
        if self.isVisible() and self.lookup is not None:
            self._fit(anchor)

    def _on_link(self, url: QUrl) -> None:
        word = parse_add_link(url.toString())
        if word is not None:
            self.add_word_requested.emit(word)
            return
        target = parse_link(url.toString())
        if target is not None:
            self.link_activated.emit(*target)

    def copy_word(self) -> None:
        if self.lookup is not None:
            QGuiApplication.clipboard().setText(self.lookup.word)

    def speak_word(self) -> None:
        if self.lookup is None:
            return
        self.show_problem(shared_speaker().speak_lookup(self.lookup))

    def _speak_sentence(self) -> None:
        if self.token_index is not None:
            self.sentence_requested.emit(self.token_index)

    def show_problem(self, problem: str | None) -> None:
        """Why speech could not start (how to add a Chinese voice), under the entries."""
        if problem:
            self.note.setText(problem)
            self.note.show()
            self._fit(self._anchor)

    def close_popup(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()
