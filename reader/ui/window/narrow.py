"""A narrow window gives the article the room: the side panes step aside below a width
and come back when the window is wide again (the popup still explains every word)."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDockWidget

from reader.ui.window.part import WindowPart

NARROW_WIDTH = 1000  # px: below this the docks would squeeze the article to a sliver


class NarrowLayout(WindowPart):  # type: ignore[misc]  # see part.py
    """Hides the docks when the window gets narrow and restores the ones that were open."""

    _narrow = False
    _docks_before_narrow: list[QDockWidget] = []  # noqa: RUF012 (replaced per window)

    def _docks(self) -> list[QDockWidget]:
        return [self.library_dock, self.side_dock, self.vocab_dock]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_docks_to_width()

    def _fit_docks_to_width(self) -> None:
        narrow = self.width() < NARROW_WIDTH
        if narrow == self._narrow:
            return
        self._narrow = narrow
        if narrow:
            self._docks_before_narrow = [d for d in self._docks() if not d.isHidden()]
            for dock in self._docks_before_narrow:
                dock.hide()
        else:
            self._restore_docks()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # now, not at the next event: the next paint has the room

    def _restore_docks(self) -> None:
        """Show the docks a narrow window hid (also before the window state is saved, so
        the next wide launch has its panes)."""
        for dock in self._docks_before_narrow:
            dock.show()
        self._docks_before_narrow = []
