"""What the window's components share, handed to each of them instead of the window.

A component takes the context (and the few widgets or objects it works on) and never the
window itself, so it can be read, typed and tested apart, and no component module imports
the window that imports it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.core.settings import Settings
from reader.core.store import Store
from reader.ui.messages import MessageSink
from reader.ui.operations import Queries, Writer

Shortcut = QKeySequence | QKeySequence.StandardKey | str | list[str] | None


@dataclass
class Actions:
    """Every command of the window by name (menus and toolbar show them, tests trigger
    them); ``reading_keys`` are the single keys that act only in the article view."""

    owner: QWidget  # the window: its shortcuts work wherever the focus is
    reading_area: QWidget  # the article view: single keys (N, A, Space…) act only there
    by_name: dict[str, QAction] = field(default_factory=dict)

    def add(
        self,
        name: str,
        text: str,
        slot: Callable[[], object] | None = None,
        shortcut: Shortcut = None,
        *,
        reading_key: bool = False,
    ) -> QAction:
        action = QAction(text, self.owner)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        if reading_key:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.reading_area.addAction(action)
        else:
            self.owner.addAction(action)
        self.by_name[name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]


@dataclass
class WindowContext:
    """``store``: for reading on the UI thread; ``writer``: every write, on the window's
    one writing thread; ``queries``: the long reads beside it (the dictionary, the
    analyser, the analyses, exports); ``dialog_parent``: where dialogs open."""

    data_dir: Path
    store: Store
    writer: Writer
    settings: Settings
    queries: Queries
    messages: MessageSink
    actions: Actions
    dialog_parent: QWidget
