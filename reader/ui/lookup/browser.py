"""A text browser for lookups that follows the theme: on a palette change it renders its
content again with the new theme's colours (before, a word panel kept light-theme pinyin
and links on a dark background until another word was clicked)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from reader.ui.theme import is_dark

if TYPE_CHECKING:  # the lookup's content loads after the first paint, with the dictionary
    from reader.ui.lookup.content import Style


class LookupBrowser(QTextBrowser):
    """Shows ``render(style)``; links are left to the owner (``anchorClicked``)."""

    def __init__(self, parent: QWidget | None = None, frame: bool = True) -> None:
        super().__init__(parent)
        self._render: Callable[[Style], str] | None = None  # before any changeEvent
        self._style: Style | None = None
        self.scale = 1.0
        self._base_font = QFont(self.font())
        self.setOpenLinks(False)
        if not frame:
            self.setFrameShape(QFrame.Shape.NoFrame)

    def show_content(self, render: Callable[[Style], str], style: Style) -> None:
        self._render = render
        self._style = replace(style, dark=is_dark(self.palette()), scale=self.scale)
        self.setHtml(render(self._style))

    def set_scale(self, scale: float) -> None:
        """Follow the article's zoom (1.0 at the default size): the text of the entry and
        the browser's own font grow with it."""
        if scale == self.scale:
            return
        self.scale = scale
        font = QFont(self._base_font)
        font.setPointSizeF(max(6.0, self._base_font.pointSizeF() * scale))
        self.setFont(font)
        if self._render is not None and self._style is not None:
            self.show_content(self._render, self._style)

    def clear_content(self) -> None:
        self._render = None
        self.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        style, render = self._style, self._render
        changed = event.type() == QEvent.Type.PaletteChange
        if changed and render and style is not None and is_dark(self.palette()) != style.dark:
            self.show_content(render, style)
