"""Small widget helpers that several panes share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def add_local_action(
    widget: QWidget, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]
) -> QAction:
    """An action on ``widget`` whose key works only while the focus is inside it, so Delete
    or Undo can mean the library's articles in one pane and the word list in another."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    widget.addAction(action)
    return action
