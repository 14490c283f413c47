"""Relaying out a long article after a resize without stalling the window.

A million characters take some 40 ms of CPU to break into lines, more on a loaded machine,
and a window being dragged wider sends a resize every frame. The lines in view are broken
at once (`ArticleLayout.lay_out_around`, a screen or two of paragraphs) and the whole
article in slices between the window's events (a zero timer); each new resize starts
again, so only the last width is ever laid out whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from reader.ui.article_view.layout import ArticleLayout


class SlicedRelayout(QObject):
    """Lays one layout out in slices; ``settled`` says the whole is in place."""

    settled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slices: Iterator[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    @property
    def pending(self) -> bool:
        return self._slices is not None

    def start(
        self,
        layout: ArticleLayout,
        width: float,
        top: float,
        anchor: tuple[int, float],
        around: tuple[float, float],
    ) -> None:
        """Lay ``layout`` out at ``width`` (its first line at ``top``): the lines around
        ``anchor`` (a character, its line's top) now, ``around`` (the room above it and
        below it) filled, the whole in slices."""
        char, char_top = anchor
        layout.lay_out_around(width, char, char_top, *around)
        self._slices = layout.relayout_in_slices(width, top)
        self._timer.start()

    def cancel(self) -> None:
        """Lay out no further (the layout is laid out anew, or replaced)."""
        self._slices = None
        self._timer.stop()

    def finish(self) -> None:
        """Lay out the rest now: something needs the lines of the whole."""
        if self._slices is not None:
            deque(self._slices, maxlen=0)
            self._settle()

    def _step(self) -> None:
        if self._slices is not None and next(self._slices, StopIteration) is StopIteration:
            self._settle()

    def _settle(self) -> None:
        self.cancel()
        self.settled.emit()
