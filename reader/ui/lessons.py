"""Opening a lesson pack in the app: a preview of what it adds, then one import.

``PackOpener.open_path`` reads the pack (a bad one is reported and changes nothing), shows
`PackPreviewDialog` with what the pack would add, or that it is already in the library
(the pack's segmentation corrections and reading fixes apply to its article only, unless
the user ticks the box that adds them for the whole library),
and on confirmation imports it with `reader.core.lessons.import_pack` (one short
transaction, through the window's writer like every other write) and emits
``opened(PackImportResult)`` so the window can show the article. File ▸ Open, files given
on the command line and files dropped on the window all come here (`split_packs`,
`PackDropFilter`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.core.export.pack import PACK_SUFFIX, PackError, PackPreview, preview, read_pack
from reader.core.lessons import PackImportResult, import_pack, opened_article
from reader.core.operations import Changes, Done
from reader.core.progress import Progress
from reader.core.store import Store
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer

MAX_SUMMARY = 1000  # characters of the preview; a pack's title could be megabytes


def is_pack(path: str | Path) -> bool:
    return Path(path).suffix.lower() == PACK_SUFFIX


def split_packs(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The lesson packs among ``paths``, and the rest (articles for the library)."""
    packs = [p for p in paths if is_pack(p)]
    return packs, [p for p in paths if not is_pack(p)]


class PackPreviewDialog(QDialog):
    """What opening the pack adds; "Add to library" (or "Open it" when already there)."""

    def __init__(self, summary: PackPreview, already: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open lesson pack")
        self.setMinimumWidth(420)
        heading = (
            "This lesson is already in your library; opening it adds nothing."
            if already
            else "Opening this lesson pack adds to your library:"
        )
        self.heading = QLabel(heading, self)
        text = summary.describe()
        self.summary = QLabel(text if len(text) <= MAX_SUMMARY else text[:MAX_SUMMARY] + "…", self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules_for_library = QCheckBox(
            f"Also use its {summary.rules()} in every other article (otherwise they apply "
            "to this lesson's article only)",
            self,
        )
        has_rules = summary.corrections + summary.reading_fixes > 0
        self.rules_for_library.setVisible(has_rules and not already)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Open it" if already else "Add to library")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.rules_for_library)
        layout.addWidget(self.buttons)


class PackOpener(QObject):
    opened = Signal(object)  # PackImportResult: added, or already there
    failed = Signal(str)

    def __init__(
        self, store: Store, writer: Writer, messages: MessageSink, parent: QWidget
    ) -> None:
        """``store``: read here; ``writer``: the pack goes in through it."""
        super().__init__(parent)
        self._store = store
        self._writer = writer
        self._messages = messages
        self._parent = parent
        self.dialog: PackPreviewDialog | None = None  # the preview on screen, if any

    def open_path(self, path: str) -> PackPreviewDialog | None:
        """Read the pack and show its preview (window-modal, not blocking); None when the
        pack cannot be read (reported in a dialog)."""
        try:
            pack = read_pack(path)
        except PackError as error:
            self._report(f"{Path(path).name}: {error}")
            return None
        already = opened_article(self._store, pack) is not None
        dialog = PackPreviewDialog(preview(pack), already, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        source = Path(path).name

        def confirmed() -> None:
            rules_for_library = dialog.rules_for_library.isChecked()  # read on the UI thread

            def add(store: Store, _progress: Progress) -> Done[PackImportResult]:
                result = import_pack(
                    store, pack, source=source, rules_for_library=rules_for_library
                )
                added = not result.already_present
                return Done(result, Changes(library=added, lists=added, corrections=added))

            self._writer.run(
                add, self.opened.emit, lambda error: self._report(f"{source}: {error}")
            )

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(lambda _code: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: PackPreviewDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _report(self, message: str) -> None:
        self.failed.emit(message)
        self._messages.error("Cannot open the lesson pack", message, parent=self._parent)


class PackDropFilter(QObject):
    """Files dropped on the watched widgets go to ``open_files`` (packs and articles alike,
    so they take the same path as File ▸ Open); on a widget with drops of its own (the
    library), only drops holding a lesson pack are taken."""

    def __init__(
        self, open_files: Callable[[list[str]], None], parent: QObject, *, packs_only: bool
    ) -> None:
        super().__init__(parent)
        self._open_files = open_files
        self.packs_only = packs_only

    def _files(self, event: QDragEnterEvent | QDropEvent) -> list[str]:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if self.packs_only and not any(is_pack(f) for f in files):
            return []
        return files

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(event, QDragEnterEvent) and self._files(event):
            event.acceptProposedAction()
            return True
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            files = self._files(event)
            if files:
                event.acceptProposedAction()
                self._open_files(files)
                return True
        return False
