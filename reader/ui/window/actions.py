"""The window's actions with their shortcuts, and the Help dialogs that list them."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
)

from reader import __version__
from reader.ui.window.part import WindowPart

ABOUT_HTML = f"""
<h3>Reader {__version__}</h3>
<p>A reading aid for Chinese: pinyin over the text, a tap for the dictionary,
vocabulary lists and exports for teachers.</p>
<p>Dictionary: <a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict">CC-CEDICT</a>,
© MDBG, licensed under
<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.<br>
HSK word lists: complete-hsk-vocabulary by drkameleon, MIT licence.</p>
"""


class WindowActions(WindowPart):  # type: ignore[misc]  # see part.py
    """Every command as a named action (menus and toolbar show them; tests trigger them)."""

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | list[str] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        view = self.view
        a = self._action
        a("open", "&Open…", self.choose_file, QKeySequence.StandardKey.Open)
        a(
            "export_list",
            "&Export list…",
            lambda: self.list_export.choose_and_export(self.article_id),
            "Ctrl+E",
        )
        a(
            "import_dictionary",
            "Import CC-CEDICT &release…",
            lambda: self.dictionary_import.choose_and_import(),
        )
        quit_action = a("quit", "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        a("copy", "&Copy", view.copy, QKeySequence.StandardKey.Copy)
        a("copy_pinyin", "Copy with &pinyin", lambda: view.copy(with_pinyin=True), "Ctrl+Shift+C")
        a("find", "&Find…", self.show_find_bar, QKeySequence.StandardKey.Find)
        a("find_next", "Find &next", self.find_next, QKeySequence.StandardKey.FindNext)
        a(
            "find_previous",
            "Find pre&vious",
            lambda: self.find_next(backwards=True),
            QKeySequence.StandardKey.FindPrevious,
        )
        a("zoom_in", "Zoom &in", view.zoom_in, ["Ctrl+=", "Ctrl++"])
        a("zoom_out", "Zoom &out", view.zoom_out, "Ctrl+-")
        a("zoom_reset", "&Actual size", view.zoom_reset, "Ctrl+0")
        a("font", "&Font…", self.choose_font)
        a("next_word", "&Next word", view.next_word, ["Right", "N"])
        a("previous_word", "&Previous word", view.previous_word, ["Left", "B"])
        a("next_char", "Next &character", view.next_char, "M")
        a("previous_char", "Previous c&haracter", view.previous_char, "Shift+M")
        a("look_up", "&Look up the current word", self.look_up_current, ["Return", "Enter"])
        a("close_popup", "&Close the popup", self.close_popup, "Esc")
        a("page_down", "Page &down", lambda: view.scroll_pages(1), ["Space", "PgDown"])
        a("page_up", "Page &up", lambda: view.scroll_pages(-1), ["Shift+Space", "PgUp"])
        a(
            "shortcuts",
            "&Keyboard shortcuts",
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        about = a("about", "&About Reader", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        # Single keys (N, Space, Return…) act only where the reading happens, so they never
        # steal typing or Return from the find bar or the dictionary search box.
        view_keys = (
            "next_word",
            "previous_word",
            "next_char",
            "previous_char",
            "look_up",
            "close_popup",
            "page_down",
            "page_up",
        )
        for name, action in self.actions_by_name.items():
            if name in view_keys:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view.addAction(action)
            else:
                self.addAction(action)
        self.find_bar.addAction(self.actions_by_name["close_popup"])
        self.color_chars_action = QAction("Tone colours on the &characters too", self)
        self.color_chars_action.setCheckable(True)
        self.color_chars_action.setChecked(self.settings.color_characters)
        self.color_chars_action.toggled.connect(self._set_color_characters)
        self.sandhi_action = QAction("Tone sandhi for 一 and 不 (display only)", self)
        self.sandhi_action.setCheckable(True)
        self.sandhi_action.setChecked(self.settings.tone_sandhi)
        self.sandhi_action.setToolTip("Show 不是 as bú shì and 一个 as yí gè; lookups keep bù, yī")
        self.sandhi_action.toggled.connect(self.set_tone_sandhi)
        self.side_panel_action = self.side_dock.toggleViewAction()
        self.side_panel_action.setText("&Word panel")

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(menu title, [(command, keys)]) in menu order, as Help ▸ Keyboard shortcuts shows
        them: grouped as the menus group them, so the list reads like the menus."""
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        listed: set[QAction] = set()
        for top in self.menuBar().actions():
            menu = top.menu()
            if menu is None:
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
            for a in self.actions_by_name.values()
            if a.shortcuts() and a not in listed
        ]
        mouse = [("Zoom", "Ctrl + mouse wheel"), ("Select text", "drag with the mouse")]
        return [*sections, *([("Other", others)] if others else []), ("Mouse", mouse)]

    def show_shortcuts(self) -> None:
        """The shortcuts in two columns of sections (one column was taller than a laptop's
        screen)."""
        sections = self.shortcut_sections()
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
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        label = QLabel(f"<table cellspacing='12'><tr>{tables}</tr></table>", dialog)
        label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.shortcuts_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(self, "About Reader", ABOUT_HTML)


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
