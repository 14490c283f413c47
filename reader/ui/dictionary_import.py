"""Help ▸ Import CC-CEDICT release…: a newer release from MDBG becomes the dictionary in use.

``import_release`` parses the file and compiles its index on a runner of its own (a full
release takes seconds; the window's worker keeps opening articles meanwhile), with a
progress dialog whose Cancel stops it. Only a complete import replaces the release in use;
``imported`` then hands the new ``Dictionary`` to whoever switches to it. A
rejected file is reported with its first malformed lines, and nothing has changed.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from reader.core.progress import Progress
from reader.ui.tasks import Task, TaskRunner, close_progress, progress_dialog, show_progress
from reader.ui.window.context import WindowContext

if TYPE_CHECKING:  # the dictionary package loads on the window's worker, not at launch
    from reader.core.cedict.importing import ImportReport
    from reader.core.cedict.parser import ParseError

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
        self.runner = TaskRunner(max_threads=1, parent=self)
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None  # the last report shown (tests read it)
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

    def import_file(self, file: Path) -> Task[ImportReport]:
        data_dir = self._context.data_dir

        def work(progress: Progress) -> ImportReport:
            from reader.core.cedict.importing import import_release

            return import_release(file, data_dir, progress)

        progress = progress_dialog(f"Importing {file.name}…", "Import CC-CEDICT", self._parent)
        self.progress = progress
        task = self.runner.submit(
            work,
            on_success=self._done,
            on_error=self._failed,
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

    def _show(self, icon: QMessageBox.Icon, text: str, details: str = "") -> None:
        box = QMessageBox(icon, "Import CC-CEDICT", text, QMessageBox.StandardButton.Ok)
        box.setParent(self._parent, box.windowFlags())
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:  # the lines are the file's: escaped, never read as markup
            box.setInformativeText(f"<pre>{html.escape(details)}</pre>")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda _obj=None: setattr(self, "message", None))
        self.message = box
        box.open()

    def _done(self, report: ImportReport) -> None:
        self._close_progress()
        self.imported.emit(report)  # the app switches to it before the report shows
        skipped = f"\n{len(report.errors):,} malformed lines were skipped." if report.errors else ""
        self._show(
            QMessageBox.Icon.Information,
            f"Imported {report.entry_count:,} entries"
            f" (release {report.release_date or 'undated'}).{skipped}",
            describe_errors(report.errors),
        )

    def _failed(self, error: Exception) -> None:
        from reader.core.cedict.importing import ImportRejectedError

        self._close_progress()
        errors = error.errors if isinstance(error, ImportRejectedError) else []
        text = f"{error}\n\nNothing was changed: the dictionary in use stays as it was."
        self._show(QMessageBox.Icon.Warning, text, describe_errors(errors))
        self.rejected.emit(str(error))

    def _cancelled(self) -> None:
        self._close_progress()
        self._context.messages.show("Import cancelled: the dictionary in use is unchanged.")
