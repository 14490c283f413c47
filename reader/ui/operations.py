"""The one writer, and the long reads beside it.

Every write of the app's database goes through `Writer.run`. In the window the writer
runs its operations one after another on the window's worker thread, on the worker's own
connection (Anki's ``CollectionOp`` on a single-worker executor): the UI thread never
waits for a transaction, and no two writes ever race. The work that only reads and takes
long (opening the dictionary and the analyser, analysing an article, an export) runs on
`Queries`, a thread and a read-only connection of its own (Anki's ``QueryOp``), and hands
what it made to the writer to store: a status set during the analysis of a long article
is written at once, not after it. Quick edits (a status, a word, a rename) go before the
writes waiting in the queue. When an operation has run, ``changed(Changes)`` reaches every
part on the UI thread, and each part decides whether it has something to redraw; then the
caller's ``on_done`` gets the value. A writer given no runner runs each operation at once
on the calling thread (a pane on its own, in a test or a dialog)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.operations import NOTHING, Changes, Done
from reader.core.progress import Progress
from reader.core.store import Store
from reader.ui.tasks import Task, TaskRunner

T = TypeVar("T")
Operation = Callable[[Store, Progress], Done[T]]
Query = Callable[[Store, Progress], T]


def edit(write: Callable[[Store], T], changes: Changes = NOTHING) -> Operation[T]:
    """An operation of one store call, which changes ``changes``."""
    return lambda store, _progress: Done(write(store), changes)


def writer_or_own(
    writer: Writer | None, store: Store, part: QObject, op_executed: Callable[[Changes], None]
) -> Writer:
    """``writer``; else, for ``part`` on its own (a test, a dialog), a writer that writes at
    once on ``store`` and tells ``op_executed`` (else the part's owner connects it)."""
    if writer is not None:
        return writer
    own = Writer(store, parent=part)
    own.changed.connect(op_executed)
    return own


EDIT = 1  # a learner's edit: before the analyses waiting in the queue
BACKGROUND = 0


class Writer(QObject):
    """``changed(Changes)``: an operation has changed the database; ``failed(message)``:
    one that was given no ``on_error`` could not be done (nothing of it was written)."""

    changed = Signal(object)
    failed = Signal(str)

    def __init__(
        self, store: Store, runner: TaskRunner | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._runner is not None and self._runner.busy

    def run(
        self,
        operation: Operation[T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        priority: int = EDIT,
    ) -> Task[Done[T]] | None:
        """Run ``operation``; its error goes to ``on_error``, else to ``failed``. The task,
        when it runs on the worker (it can be cancelled)."""
        store = self._store
        report = on_error or self._failed
        if self._runner is None:
            try:
                done = operation(store, Progress())
            except Exception as error:
                report(error)
                return None
            self._finished(done, on_done)
            return None
        return self._runner.submit(
            lambda progress: operation(store, progress),
            on_success=lambda done: self._finished(done, on_done),
            on_error=report,
            on_progress=on_progress,
            on_cancelled=on_cancelled,
            priority=priority,
        )

    def _finished(self, done: Done[T], on_done: Callable[[T], object] | None) -> None:
        if self._closed:  # arrived after the window closed: nothing left to show it
            return
        if done.changes:
            self.changed.emit(done.changes)
        if on_done is not None:
            on_done(done.value)

    def _failed(self, error: Exception) -> None:
        if not self._closed:
            self.failed.emit(f"Not saved: {error}")

    def wait(self) -> None:
        """Until every operation has run and its results were handed out (closing, tests)."""
        while self._runner is not None and self._runner.busy:
            self._runner.wait()
            QCoreApplication.processEvents()

    def close(self) -> None:
        """Once the worker has stopped: the writer's connection closes, and the results
        still on their way are dropped."""
        self._closed = True
        self._store.close()


class Queries(QObject):
    """The long work that only reads, one task at a time on a thread of its own beside the
    writer's; ``store``: its connection, read-only (SQLite refuses any write on it), used
    on that thread only. The analyser is used here alone (it is not shared between
    threads): it is created, analyses and exports here."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opened_from = store
        self._store: Store | None = None  # opened by the first query, on the thread
        self.runner = TaskRunner(max_threads=1, parent=self)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def run(
        self,
        query: Query[T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        priority: int = EDIT,
    ) -> Task[T]:
        """Run ``query`` on the thread with its connection (it can be cancelled)."""
        return self.runner.submit(
            lambda progress: query(self._connection(), progress),
            on_success=on_done,
            on_error=on_error,
            on_progress=on_progress,
            on_cancelled=on_cancelled,
            priority=priority,
        )

    def stop(self) -> None:
        """The window is closing: what is under way is cancelled and waited for, then the
        connection closes."""
        self.runner.cancel_all()
        self.runner.wait()
        if self._store is not None:
            self._store.close()

    def _connection(self) -> Store:
        """On the thread: its connection, opened the first time (not during the launch)."""
        if self._store is None:
            self._store = self._opened_from.reader(read_only=True)
        return self._store
