"""Edit ▸ Undo / Redo of word actions, and the status-bar notice of each action.

`UndoActions` is the window's door to `reader.core.history.WordHistory`: every word action
(collect, remove, status, split, merge) goes through `do`, which has the window's writer
apply it (on the worker, like every write), then keeps it, says it in the status line
("Known 银行.", with an Undo button beside it) and updates the menu's texts ("Undo Known
银行"). Undo and redo run the inverse through the writer too; the stacks live on the UI
thread. Ctrl+Z / Ctrl+Shift+Z act on word actions; in a text field the field's own undo
wins (Qt gives the focused editor the key first).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from reader.core.history import Action, WordHistory
from reader.core.operations import Done
from reader.core.store import Store
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer


class ActionNotice(QPushButton):
    """The status bar's Undo button beside the line that says the last word action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Undo", parent)
        self.setFlat(True)
        self.hide()

    def say(self, label: str | None) -> None:
        """``label``: the action the button would undo (None: hidden)."""
        self.setVisible(label is not None)
        self.setToolTip(f"Undo {label} (Ctrl+Z)" if label else "")


class UndoActions(QObject):
    """``undone(action)``: an action was taken back (the panel shows a list put back)."""

    undone = Signal(object)

    def __init__(
        self,
        history: WordHistory,
        writer: Writer,
        messages: MessageSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self._writer = writer
        self._messages = messages
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
        self.notice.clicked.connect(lambda _c=False: self.undo())
        self._update()

    def do(self, action: Action, on_done: Callable[[Action], object] | None = None) -> None:
        """Apply ``action`` through the writer, keep it and say so."""

        def done(done_action: Action) -> None:
            self.history.record(done_action)
            self._said(f"{done_action.label}.", undoable=True)
            if on_done is not None:
                on_done(done_action)

        self._writer.run(
            lambda store, _p: applied(action, store, revert=False),
            done,
            lambda error: self._messages.fail(f"Not done: {error}"),
        )

    def undo(self) -> None:
        action = self.history.take_undo()
        if action is None:
            return

        def done(reverted: Action) -> None:
            self.history.undone(reverted)
            self._said(f"Undone: {reverted.label}.", undoable=False)
            self.undone.emit(reverted)

        def failed(error: Exception) -> None:
            self.history.redone(action)  # still done: it stays on the undo stack
            self._messages.fail(f"Not undone: {error}")

        self._update()
        self._writer.run(lambda store, _p: applied(action, store, revert=True), done, failed)

    def redo(self) -> None:
        action = self.history.take_redo()
        if action is None:
            return

        def done(done_action: Action) -> None:
            self.history.redone(done_action)
            self._said(f"{done_action.label}.", undoable=True)

        def failed(error: Exception) -> None:
            self.history.undone(action)
            self._messages.fail(f"Not redone: {error}")

        self._update()
        self._writer.run(lambda store, _p: applied(action, store, revert=False), done, failed)

    def _said(self, text: str, undoable: bool) -> None:
        self._messages.show(text)
        self._update()
        self.notice.say(self.history.undo_label if undoable else None)

    def _update(self) -> None:
        undo, redo = self.history.undo_label, self.history.redo_label
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setEnabled(redo is not None)
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")


def applied(action: Action, store: Store, *, revert: bool) -> Done[Action]:
    """The writer's operation: apply (or revert) ``action``; its changes for the screens."""
    if revert:
        action.revert(store)
    else:
        action.apply(store)
    return Done(action, action.changes(revert))
