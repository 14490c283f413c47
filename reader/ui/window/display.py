"""The display settings, their menus and toolbar, applied to the article view.

Every display choice goes through `DisplayControls.set`, which stores it in the settings,
shows it in the article view and in every menu, box and toggle that offers it, and emits
``changed`` once (the popup follows)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFontDialog,
    QMenu,
    QSpinBox,
    QToolBar,
    QWidget,
)

from reader.core.pinyin import PinyinStyle
from reader.core.settings import PinyinForm, RubyWords, Settings, Theme
from reader.ui.article_view.colors import SCHEME_LABELS
from reader.ui.article_view.model import (
    PINYIN_LABELS,
    RUBY_WORD_LABELS,
    SCRIPT_LABELS,
    STATUS_MARK_LABELS,
    DisplayOptions,
)
from reader.ui.article_view.widget import ArticleView
from reader.ui.theme import apply_theme, is_dark

if TYPE_CHECKING:
    from reader.ui.lookup.content import Style

E = TypeVar("E", bound=StrEnum)

THEME_LABELS = {Theme.SYSTEM: "System", Theme.LIGHT: "Light", Theme.DARK: "Dark"}


def _by_value(labels: Mapping[E, str]) -> dict[str, str]:
    return {str(value): label for value, label in labels.items()}


# The settings offered as a choice of values: (field, menu title, label by value).
CHOICES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("pinyin_style", "&Pinyin", _by_value(PINYIN_LABELS)),
    ("ruby_words", "Pinyin &over", _by_value(RUBY_WORD_LABELS)),
    ("tone_scheme", "&Tone colours", _by_value(SCHEME_LABELS)),
    ("script", "&Script", _by_value(SCRIPT_LABELS)),
    ("status_marks", "Word &status marks", _by_value(STATUS_MARK_LABELS)),
    ("theme", "T&heme", _by_value(THEME_LABELS)),
)
_IN_TOOLBAR = ("pinyin_style", "ruby_words", "tone_scheme", "script")
_PINYIN_STYLES = {
    PinyinForm.MARKS: PinyinStyle.MARKS,
    PinyinForm.NUMBERS: PinyinStyle.NUMBERS,
    PinyinForm.ZHUYIN: PinyinStyle.ZHUYIN,
    PinyinForm.HIDDEN: PinyinStyle.MARKS,
}


class DisplayControls(QObject):
    """``menus``: a choice menu per field of `CHOICES`; ``toolbar``: the display toolbar;
    ``color_chars_action`` and ``sandhi_action``: the View menu's toggles."""

    changed = Signal()

    def __init__(self, settings: Settings, view: ArticleView, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._view = view
        self._parent = parent
        self._menu_choices: dict[str, list[tuple[str, QAction]]] = {}
        self.menus = {
            name: self._choice_menu(name, title, labels) for name, title, labels in CHOICES
        }
        self.color_chars_action = QAction("Tone colours on the &characters too", parent)
        self.color_chars_action.setCheckable(True)
        self.color_chars_action.toggled.connect(lambda on: self.set("color_characters", on))
        self.menus["tone_scheme"].addSeparator()
        self.menus["tone_scheme"].addAction(self.color_chars_action)
        self.sandhi_action = QAction("Tone sandhi for 一 and 不 (display only)", parent)
        self.sandhi_action.setCheckable(True)
        self.sandhi_action.setToolTip("Show 不是 as bú shì and 一个 as yí gè; lookups keep bù, yī")
        self.sandhi_action.toggled.connect(lambda on: self.set("tone_sandhi", on))
        self.toggles = {  # settings field → its View menu toggle
            name: self._toggle(name, text)
            for name, text in (
                ("pinyin_joined", "Pinyin &joined per word (shàngwǔ, not shàng wǔ)"),
                ("word_gaps", "Space &between words"),
                ("glosses", "&Glosses under the words with pinyin (first sense)"),
                ("compact_popup", "&Compact popup (the full entry in the side panel)"),
            )
        }
        self.toolbar = QToolBar("Display", parent)
        self.toolbar.setObjectName("display_toolbar")  # saveState knows it by this name
        labels = {name: labels for name, _title, labels in CHOICES}
        self.boxes = {name: self._combo(name, labels[name]) for name in _IN_TOOLBAR}
        self.hsk_box = QSpinBox(parent)
        self.hsk_box.setRange(1, 6)
        self.hsk_box.setPrefix("HSK ")
        self.hsk_box.setToolTip("Pinyin only over words above this HSK level")
        self.hsk_box.setValue(settings.ruby_min_hsk)
        self.hsk_box.valueChanged.connect(lambda level: self.set("ruby_min_hsk", level))
        self.color_chars_box = QCheckBox("Colour characters", parent)
        self.color_chars_box.toggled.connect(lambda on: self.set("color_characters", on))
        for widget in (
            self.boxes["pinyin_style"],
            self.boxes["ruby_words"],
            self.hsk_box,
            self.boxes["tone_scheme"],
            self.color_chars_box,
            self.boxes["script"],
        ):
            self.toolbar.addWidget(widget)
        self._show_settings()

    def _toggle(self, name: str, text: str) -> QAction:
        action = QAction(text, self._parent)
        action.setCheckable(True)
        action.toggled.connect(lambda on: self.set(name, on))
        return action

    def _choice_menu(self, name: str, title: str, labels: dict[str, str]) -> QMenu:
        menu = QMenu(title, self._parent)
        group = QActionGroup(menu)
        choices = self._menu_choices.setdefault(name, [])
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, v=value: self.set(name, v))
            choices.append((value, action))
        return menu

    def _combo(self, name: str, labels: dict[str, str]) -> QComboBox:
        box = QComboBox(self._parent)
        for value, label in labels.items():
            box.addItem(label, value)
        box.activated.connect(lambda index: self.set(name, str(box.itemData(index))))
        return box

    def set(self, name: str, value: object) -> None:
        """Store the display setting ``name`` (a field of `Settings`; an enum's value is
        taken as its member) and show it everywhere."""
        current = getattr(self._settings, name)
        if isinstance(current, StrEnum):
            value = type(current)(str(value))
        elif not isinstance(value, type(current)):
            raise TypeError(f"{name} takes a {type(current).__name__}, not {value!r}")
        setattr(self._settings, name, value)
        if name == "theme":
            apply_theme_setting(self._settings)
        self.apply()

    def apply(self) -> None:
        """The settings on screen: the article view, the menus, the toolbar."""
        self._view.set_options(self.options())
        self._show_settings()
        self.changed.emit()

    def _show_settings(self) -> None:
        s = self._settings
        for name, choices in self._menu_choices.items():
            for value, action in choices:
                action.setChecked(value == str(getattr(s, name)))
        for name, box in self.boxes.items():
            box.setCurrentIndex(max(0, box.findData(str(getattr(s, name)))))
        self.hsk_box.setEnabled(s.ruby_words is RubyWords.ABOVE_HSK)
        toggles: list[tuple[QCheckBox | QAction | QSpinBox, object]] = [
            (self.color_chars_box, s.color_characters),
            (self.color_chars_action, s.color_characters),
            (self.sandhi_action, s.tone_sandhi),
            (self.hsk_box, s.ruby_min_hsk),
        ]
        toggles += [(action, getattr(s, name)) for name, action in self.toggles.items()]
        for toggle, on in toggles:
            toggle.blockSignals(True)
            if isinstance(toggle, QSpinBox):
                toggle.setValue(s.ruby_min_hsk)
            else:
                toggle.setChecked(bool(on))
            toggle.blockSignals(False)

    def zoom_changed(self, size: int) -> None:
        """The view zoomed (Ctrl+wheel, Ctrl+=): the size is kept and the popup follows."""
        self._settings.font_size = size
        self.changed.emit()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(
            self._view.metrics.char_font, self._parent, "Font of the article"
        )
        if ok:
            self.set("font_family", font.family())

    def options(self) -> DisplayOptions:
        s = self._settings
        return DisplayOptions(
            pinyin=s.pinyin_style,
            ruby_words=s.ruby_words,
            min_hsk=s.ruby_min_hsk,
            tone_scheme=s.tone_scheme,
            color_characters=s.color_characters,
            tone_sandhi=s.tone_sandhi,
            script=s.script,
            font_family=s.font_family,
            font_size=s.font_size,
            joined_pinyin=s.pinyin_joined,
            word_gaps=s.word_gaps,
            status_marks=s.status_marks,
            glosses=s.glosses,
        )

    def lookup_style(self) -> Style:
        from reader.ui.lookup.content import Style  # with the popup, after the first paint

        options = self.options()
        return Style(
            pinyin=_PINYIN_STYLES[options.pinyin],
            scheme=options.tone_scheme,
            dark=is_dark(self._parent.palette()),
            traditional_first=options.script.is_traditional,
        )


def apply_theme_setting(settings: Settings) -> None:
    """The theme of ``settings`` on the whole application."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, settings.theme)
