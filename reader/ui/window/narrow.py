"""A narrow window gives the article the room: the side panes step aside below a width
and come back when the window is wide again (the popup still explains every word). While
they are aside, the toolbar's Panels toggle says where they went and brings them back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

NARROW_WIDTH = 1000  # px: below this the docks would squeeze the article to a sliver
# px: the article never gets narrower while the docks are beside it (a library widened by a
# long import squeezed it to two characters a line); with the docks' own minimum widths it
# stays under NARROW_WIDTH, so a window can always be made narrow enough for them to step aside
MIN_READING_WIDTH = 330
ASIDE_TIP = (
    "The library, word and vocabulary panels stepped aside for the narrow window:"
    " click to show them beside the article (they come back by themselves when it is wider)"
)


class NarrowLayout(QObject):
    """Hides ``docks`` when ``window`` gets narrow and restores the ones that were open
    (it watches the window's resizes); ``toggle``, shown on the toolbar only while they are
    aside, shows and hides them again."""

    def __init__(self, window: QMainWindow, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._docks = docks
        self._narrow = False
        self._hidden: list[QDockWidget] = []
        self._front: list[QDockWidget] = []  # of those, the ones on screen (front tabs)
        self.toggle = QAction("☰ Panels", self)
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(ASIDE_TIP)
        self.toggle.setVisible(False)
        self.toggle.toggled.connect(self._toggled)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.fit_to_width()
        return False

    def fit_to_width(self) -> None:
        narrow = self._window.width() < NARROW_WIDTH
        if narrow == self._narrow:
            return
        self._narrow = narrow
        if narrow:
            self._hidden = [d for d in self._docks if not d.isHidden()]
            # a tab behind another is visible too, moved out of sight
            self._front = [d for d in self._hidden if not d.visibleRegion().isEmpty()]
            self._set_shown(False)
        else:
            self.restore()
        self.toggle.setVisible(narrow and bool(self._hidden))
        self._activate()

    def restore(self) -> None:
        """Show the docks a narrow window hid (also before the window state is saved, so
        the next wide launch has its panes)."""
        self._set_shown(True)
        self._hidden, self._front = [], []

    def _toggled(self, on: bool) -> None:
        if self._narrow:
            self._set_shown(on)
            self._activate()

    def _set_shown(self, shown: bool) -> None:
        for dock in self._hidden:
            dock.setVisible(shown)
        if shown:
            for dock in self._front:  # the tabs in front before are in front again
                dock.raise_()
        self.toggle.blockSignals(True)
        self.toggle.setChecked(shown)
        self.toggle.blockSignals(False)

    def _activate(self) -> None:
        """Lay the window out now, not at the next event: the next paint has the room (not
        in `restore` before the window's size is saved: the docks' minimums would widen it)."""
        layout = self._window.layout()
        if layout is not None:
            layout.activate()
