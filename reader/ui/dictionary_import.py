"""Help ▸ Import CC-CEDICT release…: a newer release from MDBG becomes the dictionary in use.

``import_release`` parses the file and compiles its index on a runner of its own (a full
release takes seconds; the window's worker keeps opening articles meanwhile), with a
progress dialog whose Cancel stops it. Only a complete import replaces the release in use;
``imported`` then hands the new ``Dictionary`` to whoever switches to it. A
rejected file is reported with its first malformed lines, and nothing has changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from reader.core.progress import Progress
from reader.ui.tasks import Task, TaskRunner, close_progress, progress_dialog, show_progress
from reader.ui.window.context import WindowContext

if TYPE_CHECKING:  # the dictionary package loads on the window's worker, not at launch
    from reader.core.cedict.importing import ImportReport
    from reader.core.cedict.parser import ParseError

TITLE = "Import CC-CEDICT"
FILE_FILTER = "CC-CEDICT releases (*.u8 *.txt *.gz *.zip);;All files (*)"
ERRORS_SHOWN = 10


def describe_errors(errors: list[ParseError], limit: int = ERRORS_SHOWN) -> str:
    """The first malformed lines, one per line, each with its line number."""
    lines = [str(error) for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"… and {len(errors) - limit:,} more")
    return "\n".join(lines)


class DictionaryImport(QObject):
    """Choose a release, import it off the UI thread, report; ``imported``: switch to it."""

    imported = Signal(object)  # ImportReport
    rejected = Signal(str)

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.dialog_parent)
        self._context = context
        self._parent = context.dialog_parent
        self._messages = context.messages
        self.runner = TaskRunner(max_threads=1, parent=self)
        self.progress: QProgressDialog | None = None
        self.task: Task[ImportReport] | None = None

    def stop(self) -> None:
        """Cancel an import under way and wait for it (the window is closing): a cancelled
        import leaves the release in use as it was."""
        self.runner.cancel_all()
        self.runner.wait()

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent, "Import a CC-CEDICT release", "", FILE_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, file: Path, *, force: bool = False) -> Task[ImportReport]:
        """Import ``file``; ``force``: even with far fewer entries than the release in use
        (asked for after such a refusal)."""
        data_dir = self._context.data_dir

        def work(progress: Progress) -> ImportReport:
            from reader.core.cedict.importing import import_release

            return import_release(file, data_dir, progress, force=force)

        progress = progress_dialog(f"Importing {file.name}…", TITLE, self._parent)
        self.progress = progress
        task = self.runner.submit(
            work,
            on_success=self._done,
            on_error=lambda error: self._failed(error, file),
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
        )
        progress.canceled.connect(task.cancel)
        self.task = task
        return task

    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.progress is not None:
            self.progress.setLabelText(f"{message}…" if message else "Importing…")
        show_progress(self.progress, done, total)

    def _close_progress(self) -> None:
        close_progress(self.progress)
        self.progress = None

    def _done(self, report: ImportReport) -> None:
        self._close_progress()
        self.imported.emit(report)  # the app switches to it before the report shows
        skipped = f"\n{len(report.errors):,} malformed lines were skipped." if report.errors else ""
        self._messages.inform(
            TITLE,
            f"Imported {report.entry_count:,} entries"
            f" (release {report.release_date or 'undated'}).{skipped}",
            details=describe_errors(report.errors),
        )

    def _failed(self, error: Exception, file: Path) -> None:
        from reader.core.cedict.importing import ImportRejectedError, ReleaseTooSmall

        self._close_progress()
        if isinstance(error, ReleaseTooSmall):
            self._offer_force(error, file)
            return
        errors = error.errors if isinstance(error, ImportRejectedError) else []
        text = f"{error}\n\nNothing was changed: the dictionary in use stays as it was."
        self.rejected.emit(str(error))
        self._messages.error(TITLE, text, details=describe_errors(errors))

    def _offer_force(self, error: Exception, file: Path) -> None:
        """A much smaller release is refused, but the user may know better: ask."""
        text = str(error).replace(" with --force", "")
        self.rejected.emit(str(error))
        if self._messages.confirm(
            TITLE,
            f"{text}?\n\nThe dictionary in use stays as it is unless you choose to use it.",
            yes="Use it anyway",
            no="Cancel",
            warning=True,
        ):
            self.import_file(file, force=True)

    def _cancelled(self) -> None:
        self._close_progress()
        self._context.messages.show("Import cancelled: the dictionary in use is unchanged.")
