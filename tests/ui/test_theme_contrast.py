"""Both themes are readable: the contrast of the colours the panes actually use (palette
roles, tone colours, the lookup's HTML, the status marks) is at least 4.5:1 (WCAG AA),
disabled controls are greyed, and a lookup already shown follows a theme change at once."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.ui.article_view.colors import ToneScheme, status_background, tone_color
from reader.ui.lookup.browser import LookupBrowser
from reader.ui.lookup.content import Style, lookup_html, lookup_token
from reader.ui.main_window import LanguageTools
from reader.ui.theme import Theme, is_dark, theme_palette

AA = 4.5
ROLES = QPalette.ColorRole


def luminance(color: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    first, second = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (first + 0.05) / (second + 0.05)


def palette_of(theme: Theme) -> QPalette:
    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    return theme_palette(QPalette(fusion.standardPalette()), theme)


THEMES = [Theme.LIGHT, Theme.DARK]


@pytest.mark.parametrize("theme", THEMES)
def test_palette_text_roles_reach_aa(qapp: QApplication, theme: Theme) -> None:
    palette = palette_of(theme)
    pairs = [
        (ROLES.Text, ROLES.Base),
        (ROLES.WindowText, ROLES.Window),
        (ROLES.ButtonText, ROLES.Button),
        (ROLES.ToolTipText, ROLES.ToolTipBase),
        (ROLES.Link, ROLES.Base),
        (ROLES.PlaceholderText, ROLES.Base),
        (ROLES.HighlightedText, ROLES.Highlight),
    ]
    for text, background in pairs:
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= AA, (theme, text, background, round(ratio, 2))


@pytest.mark.parametrize("theme", THEMES)
def test_tone_colours_reach_aa_on_the_article_and_the_card(
    qapp: QApplication, theme: Theme
) -> None:
    palette = palette_of(theme)
    dark = is_dark(palette)
    backgrounds = [palette.color(ROLES.Base), palette.color(ROLES.ToolTipBase)]
    for scheme in ToneScheme:
        for tone in range(1, 6):
            color = tone_color(scheme, tone, dark) or palette.color(ROLES.Text).name()
            for background in backgrounds:
                ratio = contrast(color, background)
                assert ratio >= AA, (theme, scheme, tone, color, background.name(), ratio)


@pytest.mark.parametrize("theme", THEMES)
def test_disabled_controls_look_disabled(qapp: QApplication, theme: Theme) -> None:
    palette = palette_of(theme)
    disabled, active = QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Active
    for role, background in ((ROLES.ButtonText, ROLES.Button), (ROLES.Text, ROLES.Base)):
        greyed = contrast(palette.color(disabled, role), palette.color(disabled, background))
        normal = contrast(palette.color(active, role), palette.color(active, background))
        assert greyed < 3.5 < AA <= normal, (theme, role, greyed, normal)


def _lookup_page(language_tools: LanguageTools, style: Style) -> str:
    """The full card of 和 (names, variants, links, a bare [han4]) and 石刻 (the parts)."""
    dictionary = language_tools.dictionary
    entries = tuple(e.id for e in dictionary.entries("和"))
    token = Token(0, "和", TokenKind.WORD, ("he2",), entries)
    return lookup_html(lookup_token(dictionary, "和", token, 0), style)


_COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")


@pytest.mark.parametrize("theme", THEMES)
def test_every_colour_in_the_lookup_reaches_aa(
    qapp: QApplication, language_tools: LanguageTools, theme: Theme
) -> None:
    palette = palette_of(theme)
    backgrounds = [palette.color(ROLES.ToolTipBase), palette.color(ROLES.Base)]
    for scheme in ToneScheme:
        page = _lookup_page(language_tools, Style(scheme=scheme, dark=is_dark(palette)))
        on_card = re.sub(r"\.tag \{[^}]*\}", "", page)  # the tag has its own background
        colors = set(_COLOR.findall(on_card))
        # the CSS grey and links, and the tone colours (he2 he4 hu2 huo2 huo4: 2 and 4)
        assert len(colors) >= (2 if scheme is ToneScheme.NONE else 4), colors
        for color in colors:
            for background in backgrounds:
                ratio = contrast(color, background)
                assert ratio >= AA, (theme, scheme, color, background.name(), ratio)
        tag = re.search(r"\.tag \{[^}]*background: (#\w+); color: (#\w+)", page)
        assert tag is not None and contrast(tag.group(1), tag.group(2)) >= AA


def test_a_lookup_shown_follows_the_theme_at_once(
    qtbot: QtBot, language_tools: LanguageTools
) -> None:
    """The word panel kept #1A18E0 pinyin and #0000FF links on #1E1F22 after a switch to
    dark, until another word was clicked."""
    browser = LookupBrowser()
    qtbot.addWidget(browser)
    browser.setPalette(palette_of(Theme.LIGHT))
    render = lambda style: _lookup_page(language_tools, style)  # noqa: E731
    browser.show_content(render, Style())
    light = browser.toHtml().lower()
    assert "#028515" in light and "#1a5fd0" in light  # hé in Pleco's green, links, on white
    browser.setPalette(palette_of(Theme.DARK))
    dark = browser.toHtml().lower()
    assert "#4ed964" in dark and "#7fb2ff" in dark
    assert "#028515" not in dark and "#1a5fd0" not in dark
    browser.setPalette(palette_of(Theme.LIGHT))
    assert "#4ed964" not in browser.toHtml().lower()


@pytest.mark.parametrize("theme", THEMES)
def test_status_backgrounds_keep_the_text_readable_and_fade_by_level(
    qapp: QApplication, theme: Theme
) -> None:
    palette = palette_of(theme)
    dark = is_dark(palette)
    base, text = palette.color(ROLES.Base), palette.color(ROLES.Text)
    for status in range(5):
        assert contrast(text, status_background(status, dark)) >= AA, (theme, status)
    # each mark is visible against the page, and learning 1 → 4 comes closer to the page
    distances = [contrast(status_background(level, dark), base) for level in range(1, 5)]
    assert distances == sorted(distances, reverse=True) and distances[-1] > 1.05
    assert contrast(status_background(0, dark), base) > 1.15


def test_the_view_paints_status_backgrounds_behind_the_characters(qtbot: QtBot) -> None:
    from reader.ui.article_view.model import DisplayOptions, StatusMarks
    from reader.ui.article_view.widget import ArticleView

    words = [("我们", ("wo3", "men5")), ("去", ("qu4",)), ("银行", ("yin2", "hang2"))]
    tokens, start = [], 0
    for word, readings in words:
        tokens.append(Token(start, word, TokenKind.WORD, readings))
        start += len(word)
    view = ArticleView()
    qtbot.addWidget(view)
    view.setPalette(palette_of(Theme.LIGHT))
    view.resize(600, 300)
    view.set_article("我们去银行", tokens)
    view.set_word_statuses({"我们": 1, "去": 5, "银行": 0})
    view.show()
    qtbot.waitExposed(view)

    def pixel(char: int) -> str:
        rect = view.char_rect(char)
        assert view.layout_ is not None
        point = rect.topLeft() + QPoint(2, round(view.layout_.ruby_band) + 2)
        return view.viewport().grab().toImage().pixelColor(point).name()

    assert pixel(0) == status_background(1, False)  # learning 1
    assert pixel(3) == status_background(0, False)  # new
    assert pixel(2) == palette_of(Theme.LIGHT).color(ROLES.Base).name()  # known: plain
    view.set_options(DisplayOptions(status_marks=StatusMarks.NONE))
    assert pixel(3) == palette_of(Theme.LIGHT).color(ROLES.Base).name()


def test_a_lookup_follows_the_zoom(qtbot: QtBot, language_tools: LanguageTools) -> None:
    browser = LookupBrowser()
    qtbot.addWidget(browser)
    browser.show_content(lambda style: _lookup_page(language_tools, style), Style())
    assert "font-size:26px" in browser.toHtml().replace(" ", "")
    size = browser.font().pointSizeF()
    browser.set_scale(1.5)
    assert "font-size:39px" in browser.toHtml().replace(" ", "")
    assert browser.font().pointSizeF() == pytest.approx(size * 1.5)
