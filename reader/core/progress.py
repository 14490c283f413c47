"""Progress and cancellation for long work, without Qt.

Long core functions take a ``Progress`` and call ``step`` as they go; the UI's task helper
(``reader.ui.tasks``) runs them off the UI thread, forwards the reports to a progress bar
and asks for cancellation, which surfaces as ``Cancelled`` at the next ``step``. The CLI
passes a ``Progress()`` that reports to no one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user asked for the work to stop; it must leave no trace."""


class Progress:
    def __init__(self, on_report: ProgressCallback | None = None) -> None:
        self._on_report = on_report
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total``; raise ``Cancelled`` if cancellation was asked for."""
        if self._cancel.is_set():
            raise Cancelled
        if self._on_report is not None:
            self._on_report(done, total, message)
