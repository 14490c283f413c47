"""Edit ▸ Undo / Redo of word actions on a real store: the keys, the menu texts, the
status-bar notice, text fields keeping their own Ctrl+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.history import SetStatuses, WordHistory
from reader.core.store import Store, WordStatus
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer
from reader.ui.word_history import UndoActions

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


shown: list[str] = []


def _window(qtbot: QtBot, store: Store) -> tuple[QWidget, UndoActions, QLineEdit, QPushButton]:
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    button = QPushButton("somewhere", window)
    status = QStatusBar(window)
    messages = MessageSink()
    messages.shown.connect(shown.append)
    actions = UndoActions(WordHistory(), Writer(store), messages, window)
    status.addPermanentWidget(actions.notice)
    column = QVBoxLayout(window)
    for widget in (field, button, status):
        column.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    return window, actions, field, button


def test_ctrl_z_undoes_word_actions_and_ctrl_shift_z_redoes(qtbot: QtBot, store: Store) -> None:
    _main, actions, field, _button = _window(qtbot, store)
    assert not actions.undo_action.isEnabled() and actions.undo_action.text() == "&Undo"
    actions.do(SetStatuses.of(store, {"的": WordStatus.IGNORED}))
    assert actions.undo_action.text() == "&Undo Ignored 的"
    assert shown[-1] == "Ignored 的." and actions.notice.isVisible()
    assert actions.notice.toolTip() == "Undo Ignored 的 (Ctrl+Z)"

    assert actions.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in actions.redo_action.shortcuts()]
    actions.undo_action.trigger()  # Ctrl+Z (window shortcuts need an active window)
    assert store.vocab.status("的") is WordStatus.NEW
    assert shown[-1] == "Undone: Ignored 的." and actions.notice.isHidden()
    assert actions.redo_action.text() == "&Redo Ignored 的"
    actions.redo_action.trigger()
    assert store.vocab.status("的") is WordStatus.IGNORED

    # in a text field Ctrl+Z is the field's own: it claims the key before any shortcut
    field.setFocus()
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    override.ignore()
    QApplication.sendEvent(field, override)
    assert override.isAccepted()

    # the notice's button undoes too
    qtbot.mouseClick(actions.notice, Qt.MouseButton.LeftButton)
    assert store.vocab.status("的") is WordStatus.NEW
