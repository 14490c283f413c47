"""File ▸ Export list…: choose a list, choose the format in `ExportDialog`, export off the UI
thread with a progress dialog, report the outcome.

The export runs ``export_from_store`` (the CLI's entry point too) on the window's
queries thread, through a store connection of its own, with the window's dictionary and
analyser when they are loaded (that thread is where the analyser is used, so the export
never runs beside an analysis). The dialog's choices are saved to the settings file at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.progress import Progress
from reader.core.settings import Settings, save_settings
from reader.core.store import Store, WordList
from reader.ui.messages import MessageSink
from reader.ui.tasks import Task, TaskRunner, close_progress, progress_dialog, show_progress

if TYPE_CHECKING:  # the dialog and the writers load when the user exports, not at launch
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.tokens import Token
    from reader.core.cedict import Dictionary
    from reader.ui.export_dialog import ExportDialog, ExportRequest

# the window's (dictionary, analyser), each None until loaded
Tools = Callable[[], "tuple[Dictionary | None, Analyzer | None]"]


class ListExport(QObject):
    written = Signal(object)  # Path
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: Settings,
        data_dir: Path,
        runner: TaskRunner,
        tools: Tools,
        messages: MessageSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._messages = messages
        self._store = store
        self._settings = settings
        self._data_dir = data_dir
        self._runner = runner
        self._tools = tools
        self._parent = parent
        self.dialog: ExportDialog | None = None
        self.progress: QProgressDialog | None = None
        self.task: Task[Path] | None = None

    def choose_and_export(
        self, article_id: int | None = None, list_id: int | None = None
    ) -> ExportDialog | None:
        """Open the export dialog (window-modal) on the lists, ``list_id`` (the word
        panel's) or else the current article's first chosen; accepting it exports the
        chosen list. None when there is no list yet."""
        from reader.ui.export_dialog import ExportDialog

        lists = self._store.vocab.lists()
        if not lists:
            self._messages.inform(
                "Export list", "There is no word list yet: add words from an article first."
            )
            return None
        current = next(
            (i for i, w in enumerate(lists) if w.id == list_id),
            next((i for i, w in enumerate(lists) if w.article_id == article_id), 0),
        )
        dialog = ExportDialog(lists, self._settings, self._parent, current, self._messages)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def accepted() -> None:
            save_settings(self._data_dir, self._settings)
            if dialog.request is not None:
                self.start(dialog.word_list, dialog.request)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def start(self, word_list: WordList, request: ExportRequest) -> Task[Path]:
        """Run the export on the runner, with a progress dialog that can cancel it."""
        from reader.core.export.formats import LABELS
        from reader.core.export.from_store import export_from_store
        from reader.ui.export_pdf import write_pdf_handout

        db_path = self._store.path
        tools = self._tools
        data_dir = self._data_dir

        def work(progress: Progress) -> Path:
            dictionary, analyzer = tools()
            with Store.open(db_path, auto_backup=False) as store:
                if dictionary is None:
                    from reader.core.cedict import Dictionary

                    dictionary = Dictionary.open(data_dir=data_dir)
                return export_from_store(
                    store,
                    word_list,
                    request.format,
                    request.path,
                    request.options,
                    facts=dictionary,
                    make_analyser=lambda: _analyser(
                        store, dictionary, analyzer, word_list.article_id
                    ),
                    pdf_writer=write_pdf_handout,
                    overwrite=request.overwrite,
                    progress=progress,
                )

        label = f"Exporting “{word_list.name}” as {LABELS[request.format]}…"
        progress = progress_dialog(label, "Export list", self._parent)
        self.progress = progress
        task = self._runner.submit(
            work,
            on_success=self._done,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._finish,
        )
        progress.canceled.connect(task.cancel)
        self.task = task
        return task

    def _progressed(self, done: int, total: int, message: str) -> None:
        show_progress(self.progress, done, total)

    def _finish(self) -> None:
        close_progress(self.progress)
        self.progress = None

    def _done(self, path: Path) -> None:
        self._finish()
        self.written.emit(path)

    def _failed(self, error: Exception) -> None:
        self._finish()
        message = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
        self.failed.emit(message)
        self._messages.error("Export failed", message, parent=self._parent)


def _analyser(
    store: Store, dictionary: Dictionary, analyzer: Analyzer | None, article_id: int | None
) -> Callable[[str], Sequence[Token]]:
    """The window's analyser (else a new one) with the user's corrections and reading
    fixes (and those of the list's article, as the reader shows it)."""
    if analyzer is None:
        from reader.ui.window.tools import create_analyzer

        analyzer = create_analyzer(dictionary, [w.word for w in store.corrections.user_words()])
    rules, chosen = store.corrections.all(article_id), analyzer
    fixes = [row.fix for row in store.corrections.reading_fixes(article_id)]
    return lambda text: chosen.analyse(text, rules, fixes=fixes)
