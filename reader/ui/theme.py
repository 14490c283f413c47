"""Light and dark palettes: the system's own, or one the user forces.

Qt follows the system colour scheme on Windows and macOS; "light" and "dark" switch to the
Fusion style with a palette of our own so both look deliberate on every platform
(including Linux desktops and Xvfb, which have no dark theme to follow).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.settings import Theme as Theme  # re-exported for the app

_ROLES = QPalette.ColorRole
_DARK = {
    _ROLES.Window: "#2b2d30",
    _ROLES.WindowText: "#e6e6e6",
    _ROLES.Base: "#1e1f22",
    _ROLES.AlternateBase: "#2b2d30",
    _ROLES.ToolTipBase: "#2b2d30",  # the lookup card: pinyin colours keep 4.5:1 on it
    _ROLES.ToolTipText: "#e6e6e6",
    _ROLES.PlaceholderText: "#8c8c8c",
    _ROLES.Text: "#e6e6e6",
    _ROLES.Button: "#3c3f41",
    _ROLES.ButtonText: "#e6e6e6",
    _ROLES.BrightText: "#ff6b6b",
    _ROLES.Link: "#7fb2ff",
    _ROLES.LinkVisited: "#b89cff",
    _ROLES.Highlight: "#2f65ca",
    _ROLES.HighlightedText: "#ffffff",
    _ROLES.Mid: "#4a4d50",
    _ROLES.Midlight: "#45484b",
    _ROLES.Dark: "#1a1b1d",
    _ROLES.Shadow: "#111111",
    _ROLES.Light: "#505356",
}
_LIGHT = {
    _ROLES.Window: "#f3f3f3",
    _ROLES.WindowText: "#1d1d1f",
    _ROLES.Base: "#fffdf8",
    _ROLES.AlternateBase: "#f5f3ee",
    _ROLES.ToolTipBase: "#ffffe8",
    _ROLES.ToolTipText: "#1d1d1f",
    _ROLES.PlaceholderText: "#6e6e6e",
    _ROLES.Text: "#1d1d1f",
    _ROLES.Button: "#ececec",
    _ROLES.ButtonText: "#1d1d1f",
    _ROLES.BrightText: "#d00000",
    _ROLES.Link: "#1a5fd0",
    _ROLES.LinkVisited: "#6a3fc0",
    _ROLES.Highlight: "#3874d8",
    _ROLES.HighlightedText: "#ffffff",
}

# Disabled controls are greyed (their text close to the background), in both themes.
_DISABLED = {
    Theme.LIGHT: {"text": "#a3a3a3", "button": "#e4e4e4"},
    Theme.DARK: {"text": "#6b6b6b", "button": "#333538"},
}

_system_palette: QPalette | None = None
_system_style: str | None = None


def apply_theme(app: QApplication, theme: Theme) -> None:
    global _system_palette, _system_style
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
        _system_style = app.style().name()
    if theme is Theme.SYSTEM:
        # setStyle builds a new style even when it is the same one (~15 ms at launch)
        if _system_style and app.style().name() != _system_style:
            app.setStyle(_system_style)
        app.setPalette(_system_palette)
        return
    app.setStyle("Fusion")
    app.setPalette(theme_palette(QPalette(app.style().standardPalette()), theme))


def theme_palette(palette: QPalette, theme: Theme) -> QPalette:
    """``palette`` with the theme's colours, then the disabled group greyed again (setColor
    without a group sets all three: the light theme's disabled text was as dark as any)."""
    for role, color in (_DARK if theme is Theme.DARK else _LIGHT).items():
        palette.setColor(role, QColor(color))
    disabled = _DISABLED[theme]
    for role in (_ROLES.Text, _ROLES.WindowText, _ROLES.ButtonText, _ROLES.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled["text"]))
    palette.setColor(QPalette.ColorGroup.Disabled, _ROLES.Button, QColor(disabled["button"]))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether text is drawn light on dark, whatever the theme's origin."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
