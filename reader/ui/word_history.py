"""Edit ▸ Undo / Redo of word actions, and the status-bar notice of each action.

`UndoActions` is the window's door to `reader.core.history.WordHistory`: every word action
(add, remove, status, split, merge) goes through `do`, which applies it, says it in the
status bar ("Known 银行" with an Undo button beside it) and updates the menu's texts
("Undo Known 银行"). Ctrl+Z / Ctrl+Shift+Z (and the platform's Redo key) act on word
actions; in a text field the field's own undo wins (Qt gives the focused editor the key
first). ``changed`` tells the views to refresh after an undo or redo.

`typing_elsewhere` is the guard for the single-letter keys (A, 1–4, K, I, S, J): they act
only when neither a text field nor a dialog has the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from reader.core.history import Action, WordHistory


def typing_elsewhere(window: QWidget, focus: QWidget | None = None) -> bool:
    """True while a text field, an editable combo box or a dialog has the keyboard
    (``focus``, by default the application's focus widget), or ``window`` is not the
    active window: a letter typed there is text, not a command."""
    focus = focus or QApplication.focusWidget()
    if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget():
        return True
    if focus is not None and isinstance(focus.window(), QDialog):
        return True
    if isinstance(focus, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
        return True
    if isinstance(focus, QTextEdit) and not focus.isReadOnly():
        return True
    if isinstance(focus, QComboBox) and focus.isEditable():
        return True
    active = QApplication.activeWindow()
    return active is not None and active is not window.window()


class ActionNotice(QWidget):
    """The last word action in words, with an Undo button (for the status bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setToolTip("Undo this (Ctrl+Z)")
        self.undo_button.setFlat(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.undo_button)
        self.hide()

    def say(self, text: str, undoable: bool) -> None:
        self.label.setText(text)
        self.undo_button.setVisible(undoable)
        self.show()


class UndoActions(QObject):
    changed = Signal(object, str)  # the Action, and "do", "undo" or "redo"

    def __init__(self, history: WordHistory, parent: QWidget) -> None:
        super().__init__(parent)
        self.history = history
        self.undo_action = QAction("&Undo", parent)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda _c=False: self.undo())
        self.redo_action = QAction("&Redo", parent)
        redo_keys = [
            QKeySequence("Ctrl+Shift+Z"),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
        ]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self.redo_action.triggered.connect(lambda _c=False: self.redo())
        parent.addAction(self.undo_action)
        parent.addAction(self.redo_action)
        self.notice = ActionNotice(parent)
        self.notice.undo_button.clicked.connect(lambda _c=False: self.undo())
        self._update()

    def do(self, action: Action) -> Action:
        """Apply ``action`` through the history and say so."""
        self.history.do(action)
        self.notice.say(f"{action.label}.", undoable=True)
        self._update()
        self.changed.emit(action, "do")
        return action

    def undo(self) -> Action | None:
        action = self.history.undo()
        if action is not None:
            self.notice.say(f"Undone: {action.label}.", undoable=False)
            self._update()
            self.changed.emit(action, "undo")
        return action

    def redo(self) -> Action | None:
        action = self.history.redo()
        if action is not None:
            self.notice.say(f"{action.label}.", undoable=True)
            self._update()
            self.changed.emit(action, "redo")
        return action

    def _update(self) -> None:
        undo, redo = self.history.undo_label, self.history.redo_label
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setEnabled(redo is not None)
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
