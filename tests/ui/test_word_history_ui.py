"""Edit ▸ Undo / Redo of word actions on a real store: the keys, the menu texts, the
status-bar notice, text fields keeping their own Ctrl+Z, the guard for letter keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.history import SetStatuses, WordHistory
from reader.core.store import Store, WordStatus
from reader.ui.word_history import UndoActions, typing_elsewhere

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _window(qtbot: QtBot, store: Store) -> tuple[QWidget, UndoActions, QLineEdit, QPushButton]:
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    button = QPushButton("somewhere", window)
    status = QStatusBar(window)
    actions = UndoActions(WordHistory(store), window)
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
    assert actions.notice.label.text() == "Ignored 的." and actions.notice.undo_button.isVisible()

    assert actions.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in actions.redo_action.shortcuts()]
    actions.undo_action.trigger()  # Ctrl+Z (window shortcuts need an active window)
    assert store.vocab.status("的") is WordStatus.NEW
    assert actions.notice.label.text() == "Undone: Ignored 的."
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
    qtbot.mouseClick(actions.notice.undo_button, Qt.MouseButton.LeftButton)
    assert store.vocab.status("的") is WordStatus.NEW


def test_letter_keys_are_held_back_while_typing(qtbot: QtBot, store: Store) -> None:
    window, _actions, field, button = _window(qtbot, store)
    assert not typing_elsewhere(window, button)
    assert typing_elsewhere(window, field)
    dialog = QDialog(window)
    other_button = QPushButton("in a dialog", dialog)
    assert typing_elsewhere(window, other_button)
    editable, fixed = QComboBox(window), QComboBox(window)
    editable.setEditable(True)
    assert typing_elsewhere(window, editable) and not typing_elsewhere(window, fixed)
