"""One place where the app tells the learner what happened: the status bar's line, and a
failure signal that whoever cares (the status bar, the smoke test) connects to.

Components say ``messages.show(...)`` or ``messages.fail(...)``; none of them knows which
label shows it, and nothing ever finds out about a failure by reading the label's text."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageSink(QObject):
    """``shown(text)``: the line of the moment ("" clears it); ``failed(text)``: something
    the learner asked for could not be done (also shown)."""

    shown = Signal(str)
    failed = Signal(str)

    def show(self, text: str) -> None:
        self.shown.emit(text)

    def clear(self) -> None:
        self.shown.emit("")

    def fail(self, text: str) -> None:
        self.shown.emit(text)
        self.failed.emit(text)
