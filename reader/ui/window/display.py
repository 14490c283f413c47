"""Display settings ↔ the article view, the popup's style, the menus and the toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QFontDialog

from reader.core.pinyin import PinyinStyle
from reader.ui.article_view.colors import ToneScheme
from reader.ui.article_view.model import DisplayOptions, PinyinForm, RubyWords, Script
from reader.ui.theme import Theme, apply_theme, is_dark
from reader.ui.window.part import WindowPart

if TYPE_CHECKING:
    from reader.ui.lookup.content import Style


class DisplaySettings(WindowPart):  # type: ignore[misc]  # see part.py
    """The display part of Settings applied everywhere it shows."""

    def display_options(self) -> DisplayOptions:
        s = self.settings
        return DisplayOptions(
            pinyin=enum_value(PinyinForm, s.pinyin_style, PinyinForm.MARKS),
            ruby_words=enum_value(RubyWords, s.ruby_words, RubyWords.ALL),
            min_hsk=s.ruby_min_hsk,
            tone_scheme=enum_value(ToneScheme, s.tone_scheme, ToneScheme.PLECO),
            color_characters=s.color_characters,
            tone_sandhi=s.tone_sandhi,
            script=enum_value(Script, s.script, Script.SIMPLIFIED),
            font_family=s.font_family,
            font_size=s.font_size,
        )

    def lookup_style(self) -> Style:
        from reader.ui.lookup.content import Style  # with the popup, after the first paint

        options = self.display_options()
        return Style(
            pinyin=_PINYIN_STYLES[options.pinyin],
            scheme=options.tone_scheme,
            dark=is_dark(self.palette()),
            traditional_first=options.script is Script.TRADITIONAL,
        )

    def _apply_display(self) -> None:
        self.view.set_options(self.display_options())
        self.hsk_box.setEnabled(self.settings.ruby_words == RubyWords.ABOVE_HSK)
        for menu, value in (
            (self.pinyin_menu, self.settings.pinyin_style),
            (self.words_menu, self.settings.ruby_words),
            (self.scheme_menu, self.settings.tone_scheme),
            (self.script_menu, self.settings.script),
            (self.theme_menu, self.settings.theme),
        ):
            for choice, action in self._choices[menu.title()]:
                action.setChecked(choice == value)
        for box, value in (
            (self.pinyin_box, self.settings.pinyin_style),
            (self.words_box, self.settings.ruby_words),
            (self.scheme_box, self.settings.tone_scheme),
            (self.script_box, self.settings.script),
        ):
            box.setCurrentIndex(max(0, box.findData(value)))
        for toggle in (self.color_chars_box, self.color_chars_action):
            toggle.blockSignals(True)
            toggle.setChecked(self.settings.color_characters)
            toggle.blockSignals(False)
        self._refresh_popup()

    def set_pinyin_form(self, value: str) -> None:
        self.settings.pinyin_style = value
        self._apply_display()

    def set_ruby_words(self, value: str) -> None:
        self.settings.ruby_words = value
        self._apply_display()

    def set_min_hsk(self, value: int) -> None:
        self.settings.ruby_min_hsk = value
        self._apply_display()

    def set_tone_scheme(self, value: str) -> None:
        self.settings.tone_scheme = value
        self._apply_display()

    def set_tone_sandhi(self, on: bool) -> None:
        self.settings.tone_sandhi = on
        self._apply_display()

    def _set_color_characters(self, on: bool) -> None:
        self.settings.color_characters = on
        self._apply_display()

    def set_script(self, value: str) -> None:
        self.settings.script = value
        self._apply_display()

    def set_theme(self, value: str) -> None:
        self.settings.theme = value
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, enum_value(Theme, value, Theme.SYSTEM))
        self._apply_display()

    def _zoom_changed(self, size: int) -> None:
        self.settings.font_size = size
        self._refresh_popup()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.metrics.char_font, self, "Font of the article")
        if ok:
            self.settings.font_family = font.family()
            self._apply_display()


_PINYIN_STYLES = {
    PinyinForm.MARKS: PinyinStyle.MARKS,
    PinyinForm.NUMBERS: PinyinStyle.NUMBERS,
    PinyinForm.ZHUYIN: PinyinStyle.ZHUYIN,
    PinyinForm.HIDDEN: PinyinStyle.MARKS,
}


def enum_value(enum: Any, value: str, default: Any) -> Any:
    """The setting as its enum; a value from a newer or damaged settings file → default."""
    try:
        return enum(value)
    except ValueError:
        return default
