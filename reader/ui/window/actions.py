"""The window's commands (names, texts, shortcuts), the menu bar that shows them, and the
Help dialogs that list them. Where each command goes is wired in `MainWindow`."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.ui.window.context import Actions, Shortcut

ABOUT_HTML = f"""
<h3>Reader {__version__}</h3>
<p>A reading aid for Chinese: pinyin over the text, a tap for the dictionary,
vocabulary lists and exports for teachers.</p>
<p>Dictionary: <a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict">CC-CEDICT</a>,
© MDBG, licensed under
<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.<br>
HSK word lists: complete-hsk-vocabulary by drkameleon, MIT licence.</p>
"""

_KEYS = QKeySequence.StandardKey
# name, text, shortcut, acts only in the article view (single keys never steal typing or
# Return from the find bar or the dictionary search box)
COMMANDS: tuple[tuple[str, str, Shortcut, bool], ...] = (
    ("open", "&Open…", _KEYS.Open, False),
    ("export_list", "&Export list…", "Ctrl+E", False),
    ("import_dictionary", "Import CC-CEDICT &release…", None, False),
    ("quit", "&Quit", _KEYS.Quit, False),
    ("copy", "&Copy", _KEYS.Copy, False),
    ("copy_pinyin", "Copy with &pinyin", "Ctrl+Shift+C", False),
    ("find", "&Find…", _KEYS.Find, False),
    ("find_next", "Find &next", _KEYS.FindNext, False),
    ("find_previous", "Find pre&vious", _KEYS.FindPrevious, False),
    ("zoom_in", "Zoom &in", ["Ctrl+=", "Ctrl++"], False),
    ("zoom_out", "Zoom &out", "Ctrl+-", False),
    ("zoom_reset", "&Actual size", "Ctrl+0", False),
    ("font", "&Font…", None, False),
    ("next_word", "&Next word", ["Right", "N"], True),
    ("previous_word", "&Previous word", ["Left", "B"], True),
    ("next_char", "Next &character", "M", True),
    ("previous_char", "Previous c&haracter", "Shift+M", True),
    ("look_up", "&Look up the current word", ["Return", "Enter"], True),
    ("close_popup", "&Close the popup", "Esc", True),
    ("page_down", "Page &down", ["Space", "PgDown"], True),
    ("page_up", "Page &up", ["Shift+Space", "PgUp"], True),
    ("shortcuts", "&Keyboard shortcuts", _KEYS.HelpContents, False),
    ("about", "&About Reader", None, False),
)


def add_commands(actions: Actions) -> None:
    """Every command of `COMMANDS` as a named action, connected to nothing yet."""
    for name, text, shortcut, reading_key in COMMANDS:
        actions.add(name, text, None, shortcut, reading_key=reading_key)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)


def fill_menu(menu: QMenu, items: list[QAction | QMenu | None]) -> QMenu:
    """``None``: a separator."""
    for item in items:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)
    return menu


def shortcut_sections(bar: QMenuBar, actions: Actions) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, keys)]) in menu order, as Help ▸ Keyboard shortcuts shows
    them: grouped as the menus group them, so the list reads like the menus."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    listed: set[QAction] = set()
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = []
        for action in _menu_actions(menu):
            if action.shortcuts() and action not in listed:
                listed.add(action)
                rows.append((_plain(action.text()), _keys(action)))
        if rows:
            sections.append((_plain(top.text()), rows))
    others = [
        (_plain(a.text()), _keys(a))
        for a in actions.by_name.values()
        if a.shortcuts() and a not in listed
    ]
    mouse = [("Zoom", "Ctrl + mouse wheel"), ("Select text", "drag with the mouse")]
    return [*sections, *([("Other", others)] if others else []), ("Mouse", mouse)]


def shortcuts_dialog(sections: list[tuple[str, list[tuple[str, str]]]], parent: QWidget) -> QDialog:
    """The shortcuts in two columns of sections (one column was taller than a laptop's
    screen), opened."""
    total = sum(len(rows) + 1 for _title, rows in sections)
    columns: list[list[str]] = [[], []]
    used = 0
    for title, rows in sections:
        column = columns[0 if used < total / 2 else 1]
        column.append(f"<tr><td colspan='2'><b>{html.escape(title)}</b></td></tr>")
        column += [
            f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for text, keys in rows
        ]
        used += len(rows) + 1
    tables = "".join(
        f"<td valign='top'><table cellpadding='2'>{''.join(c)}</table></td>" for c in columns
    )
    # A dialog of its own: a message box caps its width and wrapped every command.
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    label = QLabel(f"<table cellspacing='12'><tr>{tables}</tr></table>", dialog)
    label.setTextFormat(Qt.TextFormat.RichText)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(buttons)
    dialog.open()
    return dialog


def _plain(text: str) -> str:
    """A menu text as a label: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&", "").rstrip("…")


def _keys(action: QAction) -> str:
    return " / ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
    )


def _menu_actions(menu: QMenu) -> list[QAction]:
    """The actions of ``menu`` and of its submenus, in order."""
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        found += _menu_actions(sub) if isinstance(sub, QMenu) else [action]
    return found
