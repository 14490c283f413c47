"""A word's place in the vocabulary, for the popup and the side panel's Word tab.

Before the word is in the list that Add fills, the row offers "+ Add to “Words from
宝顶山”" and the status box (a word can be known without being listed); once it is,
one button says so, ``✓ In “Words from 宝顶山” · Learning 1``, the list's name elided to
the room there is (the status always shown), and its menu changes the status or takes
the word out of the list. The controller (`reader.ui.vocab.controller`) fills it after
every change, so an undo, a redo or a status key shows at once.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from reader.core.store import WordStatus
from reader.ui.vocab.labels import STATUS_LABELS, STATUS_SHORTCUTS

ADD_TIP = "Add to the word list (A or Enter)"


class ElidedButton(QPushButton):
    """A push button whose text is ``prefix + name + suffix``, the name elided (…) so that
    the whole fits the button's width; the full text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts = ("", "", "")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_parts(self, prefix: str, name: str, suffix: str) -> None:
        self._parts = (prefix, name, suffix)
        self.setToolTip(prefix + name + suffix)
        self._elide()

    def full_text(self) -> str:
        return "".join(self._parts)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as the text with the name elided: a long name never widens the popup or
        the dock; the button takes the room the row has (it expands) and shows more."""
        metrics = self.fontMetrics()
        prefix, _name, suffix = self._parts
        return self._size_for(metrics.horizontalAdvance(prefix + "…" + suffix))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def _size_for(self, text_width: int) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        content = QSize(text_width, self.fontMetrics().height())
        if self.menu() is not None:
            content.setWidth(content.width() + self._indicator())
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, content, self
        )
        return size.expandedTo(QSize(0, super().sizeHint().height()))

    def _indicator(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        prefix, name, suffix = self._parts
        metrics = self.fontMetrics()
        chrome = self._size_for(0).width()
        room = self.width() - chrome - metrics.horizontalAdvance(prefix + suffix)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0, room))
        self.setText(prefix + (shown or "…") + suffix)


class WordState(QWidget):
    """The row: Add (+ status box) for a word not in the list, else its state button.
    ``add_requested``, ``status_chosen(WordStatus)`` and ``remove_requested`` are the
    user's; `show_state` follows the store."""

    add_requested = Signal()
    status_chosen = Signal(object)  # WordStatus
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_button = ElidedButton(self)
        self.add_button.clicked.connect(lambda _c=False: self.add_requested.emit())
        self.status_box = QComboBox(self)
        for status in WordStatus:
            self.status_box.addItem(STATUS_LABELS[status], int(status))
        self.status_box.setToolTip("Status: 1–4 learning, 5 or K known, I ignore, 0 new")
        self.status_box.activated.connect(
            lambda i: self.status_chosen.emit(WordStatus(self.status_box.itemData(i)))
        )
        self.state_button = ElidedButton(self)
        menu = QMenu(self.state_button)
        group = QActionGroup(menu)
        self.status_actions = {}
        for status in WordStatus:
            action = menu.addAction(f"{STATUS_LABELS[status]}\t{STATUS_SHORTCUTS[status]}")
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, s=status: self.status_chosen.emit(s))
            self.status_actions[status] = action
        menu.addSeparator()
        self.remove_action = menu.addAction("Remove from the list")
        self.remove_action.triggered.connect(lambda _c=False: self.remove_requested.emit())
        self.state_button.setMenu(menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button, 1)
        row.addWidget(self.status_box)
        row.addWidget(self.state_button, 1)
        self.show_state("", None, WordStatus.NEW)

    @property
    def in_list(self) -> bool:
        return not self.state_button.isHidden()

    def show_state(self, list_name: str, held: str | None, status: WordStatus) -> None:
        """``list_name``: the list Add fills; ``held``: its name when the word is in it
        (else None); ``status``: the word's, app-wide."""
        self.status_box.setCurrentIndex(self.status_box.findData(int(status)))
        self.status_actions[status].setChecked(True)
        if held is not None:
            button = self.state_button
            button.set_parts("✓ In “", held, f"” · {status.label}")
            button.setToolTip(f"{button.full_text()}: click to change the status or remove it")
            self.remove_action.setText(f"Remove from “{held}”")
        elif list_name:
            self.add_button.set_parts("+ Add to “", list_name, "”")
            self.add_button.setToolTip(f"{self.add_button.full_text()} (A or Enter)")
        else:
            self.add_button.set_parts("+ Add", "", "")
            self.add_button.setToolTip(ADD_TIP)
        self.state_button.setVisible(held is not None)
        self.add_button.setVisible(held is None)
        self.status_box.setVisible(held is None)
