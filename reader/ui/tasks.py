"""Long work off the UI thread: one small helper for import, analysis and export.

A ``TaskRunner`` runs a core function ``work(progress) -> result`` on its own thread pool
and hands the result, the error or the cancellation back on the UI thread through
queued signals, so callbacks may touch widgets and the work never does. A runner with
``max_threads=1`` is a single-worker executor: tasks run one after another in submission
order (Anki's way of keeping one writer for the database).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.progress import Cancelled, Progress
from reader.ui import turns

T = TypeVar("T")

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the UI


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Task(QRunnable, Generic[T]):
    """One piece of work; ``cancel()`` asks it to stop at its next progress step."""

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller's handle stays valid after the run
        self.signals = _Signals()
        self._work = work
        self._last_report = 0.0
        self.progress = Progress(self._report)
        self.done = False

    def _report(self, done: int, total: int, message: str) -> None:
        turns.pause()  # work holding the turn lets a waiting worker have it (`turns`)
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_INTERVAL_S:
            self._last_report = now
            self.signals.progressed.emit(done, total, message)

    def cancel(self) -> None:
        self.progress.cancel()

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # handed to the UI thread, which reports it
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.done = True
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Starts tasks on a private thread pool; keeps them alive until they finish."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task[Any]] = set()

    def submit(
        self,
        work: Callable[[Progress], T],
        on_success: Callable[[T], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        priority: int = 0,
    ) -> Task[T]:
        """``priority``: tasks waiting to run start highest first (then in order)."""
        task: Task[T] = Task(work)
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_error is not None:
            task.signals.failed.connect(on_error)
        if on_progress is not None:
            task.signals.progressed.connect(on_progress)
        if on_cancelled is not None:
            task.signals.cancelled.connect(on_cancelled)
        task.signals.finished.connect(lambda: self._running.discard(task))
        self._running.add(task)
        self._pool.start(task, priority)
        return task

    @property
    def busy(self) -> bool:
        """True while a task is running or waiting to run."""
        return bool(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every task has run (for shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)


def progress_dialog(label: str, title: str, parent: QWidget) -> QProgressDialog:
    """A window-modal progress dialog for a task (its Cancel is connected by the caller),
    shown only when the task takes longer than 0.4 s, and closed by the caller."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    return dialog


def show_progress(dialog: QProgressDialog | None, done: int, total: int) -> None:
    if dialog is not None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))


def close_progress(dialog: QProgressDialog | None) -> None:
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
