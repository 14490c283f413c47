"""The menu bar and the display toolbar, built from the window's actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QCheckBox, QComboBox, QMenu, QSpinBox, QToolBar

from reader.ui.article_view.colors import SCHEME_LABELS
from reader.ui.article_view.model import PINYIN_LABELS, RUBY_WORD_LABELS, SCRIPT_LABELS
from reader.ui.theme import Theme
from reader.ui.window.part import WindowPart


class WindowMenus(WindowPart):  # type: ignore[misc]  # see part.py
    """Menus and toolbar; the display choices in them follow the settings."""

    def _choice_menu(
        self,
        title: str,
        labels: dict[Any, str],
        current: str,
        apply: Callable[[str], None],
    ) -> QMenu:
        menu = QMenu(title, self)
        group = QActionGroup(menu)
        choices = self._choices.setdefault(title, [])
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(str(value) == current)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, v=str(value): apply(v))
            choices.append((str(value), action))
        return menu

    def _build_menus(self) -> None:
        act = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(act["open"])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(act["export_list"])
        file_menu.addSeparator()
        file_menu.addAction(act["import_dictionary"])
        file_menu.addSeparator()
        file_menu.addAction(act["quit"])
        self.edit_menu = edit = bar.addMenu("&Edit")
        for name in ("copy", "copy_pinyin", None, "find", "find_next", "find_previous"):
            edit.addSeparator() if name is None else edit.addAction(act[name])
        view_menu = bar.addMenu("&View")
        s = self.settings
        self.pinyin_menu = self._choice_menu(
            "&Pinyin", PINYIN_LABELS, s.pinyin_style, self.set_pinyin_form
        )
        self.words_menu = self._choice_menu(
            "Pinyin &over", RUBY_WORD_LABELS, s.ruby_words, self.set_ruby_words
        )
        self.scheme_menu = self._choice_menu(
            "&Tone colours", SCHEME_LABELS, s.tone_scheme, self.set_tone_scheme
        )
        self.scheme_menu.addSeparator()
        self.scheme_menu.addAction(self.color_chars_action)
        self.script_menu = self._choice_menu("&Script", SCRIPT_LABELS, s.script, self.set_script)
        theme_labels = {Theme.SYSTEM: "System", Theme.LIGHT: "Light", Theme.DARK: "Dark"}
        self.theme_menu = self._choice_menu("T&heme", theme_labels, s.theme, self.set_theme)
        for menu in (self.pinyin_menu, self.words_menu, self.scheme_menu, self.script_menu):
            view_menu.addMenu(menu)
        view_menu.addAction(self.sandhi_action)
        view_menu.addSeparator()
        for name in ("zoom_in", "zoom_out", "zoom_reset", "font"):
            view_menu.addAction(act[name])
        view_menu.addSeparator()
        view_menu.addMenu(self.theme_menu)
        view_menu.addAction(self.side_panel_action)
        library_action = self.library_dock.toggleViewAction()
        library_action.setText("&Library")
        view_menu.addAction(library_action)
        go = bar.addMenu("&Go")
        for name in (
            "next_word",
            "previous_word",
            "next_char",
            "previous_char",
            None,
            "look_up",
            "close_popup",
            None,
            "page_down",
            "page_up",
        ):
            go.addSeparator() if name is None else go.addAction(act[name])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(act["shortcuts"])
        help_menu.addAction(act["about"])
        self._refresh_recent_menu()

    def _build_toolbar(self) -> None:
        bar = QToolBar("Display", self)
        bar.setObjectName("display_toolbar")
        s = self.settings
        self.pinyin_box = self._combo(PINYIN_LABELS, s.pinyin_style, self.set_pinyin_form)
        self.words_box = self._combo(RUBY_WORD_LABELS, s.ruby_words, self.set_ruby_words)
        self.hsk_box = QSpinBox(self)
        self.hsk_box.setRange(1, 6)
        self.hsk_box.setPrefix("HSK ")
        self.hsk_box.setValue(s.ruby_min_hsk)
        self.hsk_box.setToolTip("Pinyin only over words above this HSK level")
        self.hsk_box.valueChanged.connect(self.set_min_hsk)
        self.scheme_box = self._combo(SCHEME_LABELS, s.tone_scheme, self.set_tone_scheme)
        self.color_chars_box = QCheckBox("Colour characters", self)
        self.color_chars_box.setChecked(s.color_characters)
        self.color_chars_box.toggled.connect(self._set_color_characters)
        self.script_box = self._combo(SCRIPT_LABELS, s.script, self.set_script)
        for widget in (self.pinyin_box, self.words_box, self.hsk_box, self.scheme_box):
            bar.addWidget(widget)
        bar.addWidget(self.color_chars_box)
        bar.addWidget(self.script_box)
        bar.addSeparator()
        bar.addAction(self.actions_by_name["zoom_out"])
        bar.addAction(self.actions_by_name["zoom_in"])
        self.actions_by_name["zoom_out"].setIconText("A−")
        self.actions_by_name["zoom_in"].setIconText("A+")
        self.addToolBar(bar)
        self.toolbar = bar

    def _combo(
        self, labels: dict[Any, str], current: str, apply: Callable[[str], None]
    ) -> QComboBox:
        box = QComboBox(self)
        for value, label in labels.items():
            box.addItem(label, str(value))
        box.setCurrentIndex(max(0, box.findData(current)))
        box.activated.connect(lambda index: apply(str(box.itemData(index))))
        return box

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))
