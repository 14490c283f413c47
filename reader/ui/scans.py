"""Articles read from a photo or a scan: the page beside the text, the uncertain characters
marked, corrections in place, a pasted screenshot, and the library's thumbnails.

- ``PagePanel`` (the "Page" dock, a tab beside the library's, brought to the front when such
  an article opens) shows the open article's page, fitted to the dock's width or at its own
  size (1:1), ◀ ▶ for the other pages; it hides itself for articles not read by OCR.
- The article view marks the characters OCR was unsure of (``ArticleView.set_uncertain``).
- Edit ▸ Correct the text… (Ctrl+E): what the page really says at the selection, the
  uncertain characters at the cursor, or the word there; the stored text changes
  (``Articles.correct``) and the article is shown and analysed anew.
- Edit ▸ Paste image (and Ctrl+V in the library when the clipboard holds an image): the
  screenshot is read on the library's worker, with its progress bar and Cancel.
- ``PageThumbnails`` gives the library a thumbnail of each such article's first page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QImage, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.operations import Changes
from reader.core.store import Store
from reader.ui.article_view.widget import ArticleView
from reader.ui.operations import EDIT, Writer, edit

THUMBNAIL = 48  # pixels, the longer side
_CONTEXT = 12  # characters shown on each side of the text being corrected


class PageThumbnails:
    """A small picture of each article's first page (None for an article typed or imported
    as text), made once per article."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._icons: dict[int, QIcon | None] = {}

    def icon(self, article_id: int) -> QIcon | None:
        if article_id not in self._icons:
            page = self._store.scans.first_page(article_id)
            icon = None
            if page is not None:
                image = QImage.fromData(page)
                if not image.isNull():
                    icon = QIcon(
                        QPixmap.fromImage(
                            image.scaled(
                                THUMBNAIL,
                                THUMBNAIL,
                                Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation,
                            )
                        )
                    )
            self._icons[article_id] = icon
        return self._icons[article_id]


class PagePanel(QWidget):
    """The pages of one article, one at a time, as wide as the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QImage] = []
        self._index = 0
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.picture)
        self.scroller.setWidgetResizable(True)
        self.previous = QToolButton(self)
        self.previous.setText("◀")
        self.previous.setToolTip("The previous page")
        self.previous.clicked.connect(lambda: self.show_page(self._index - 1))
        self.next = QToolButton(self)
        self.next.setText("▶")
        self.next.setToolTip("The next page")
        self.next.clicked.connect(lambda: self.show_page(self._index + 1))
        self.label = QLabel(self)
        self.actual_size = QToolButton(self)
        self.actual_size.setText("1:1")
        self.actual_size.setCheckable(True)
        self.actual_size.setToolTip("The page at its own size (else fitted to the panel's width)")
        self.actual_size.toggled.connect(lambda _on: self._fit())
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.previous, self.label, self.next):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.actual_size)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scroller, 1)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def set_pages(self, pages: list[bytes]) -> None:
        decoded = (QImage.fromData(page) for page in pages)
        self._pages = [image for image in decoded if not image.isNull()]
        self.show_page(0)

    def show_page(self, index: int) -> None:
        self._index = max(0, min(index, len(self._pages) - 1))
        many = len(self._pages) > 1
        for widget in (self.previous, self.next, self.label):
            widget.setVisible(many)
        self.previous.setEnabled(self._index > 0)
        self.next.setEnabled(self._index < len(self._pages) - 1)
        self.label.setText(f"Page {self._index + 1} of {len(self._pages)}")
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._pages:
            self.picture.clear()
            return
        page = self._pages[self._index]
        if self.actual_size.isChecked():
            self.picture.setPixmap(QPixmap.fromImage(page))
            return
        margin = self.scroller.verticalScrollBar().sizeHint().width() + 4
        width = max(50, self.width() - margin)
        self.picture.setPixmap(
            QPixmap.fromImage(
                page.scaledToWidth(
                    min(width, page.width()), Qt.TransformationMode.SmoothTransformation
                )
            )
        )


class ScanControls(QObject):
    """The Page dock, the uncertain marks and the two Edit actions, for one window."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        writer: Writer,
        view: ArticleView,
        reopen: Callable[[int], None],
        beside: QDockWidget,
    ) -> None:
        super().__init__(window)
        self._store = store
        self._writer = writer
        self._view = view
        self._reopen = reopen
        self.article_id: int | None = None
        self.panel = PagePanel(window)
        self.dock = QDockWidget("Page", window)
        self.dock.setObjectName("page")
        self.dock.setWidget(self.panel)
        window.addDockWidget(window.dockWidgetArea(beside), self.dock)
        window.tabifyDockWidget(beside, self.dock)  # as tall as the library, a tab away
        self.dock.hide()
        self.correct_action = QAction("Co&rrect the text…", window)
        self.correct_action.setShortcut(QKeySequence("Ctrl+E"))
        self.correct_action.setToolTip("Change what OCR read wrongly to what the page says")
        self.correct_action.triggered.connect(self.ask_correction)
        self.correct_action.setEnabled(False)
        self.paste_action = QAction("Paste &image", window)
        self.paste_action.setToolTip("Read the text of a screenshot in the clipboard")

    def article_shown(self, article_id: int) -> None:
        """The window shows ``article_id``: its page beside it, its uncertain marks."""
        self.article_id = article_id
        pages = self._store.scans.pages(article_id)
        self.panel.set_pages(pages)
        self.dock.setVisible(bool(pages))
        if pages:
            self.dock.raise_()
        self._view.set_uncertain(self._store.scans.uncertain(article_id))
        self.correct_action.setEnabled(True)

    def target(self) -> tuple[int, int]:
        """What a correction replaces: the selection, else the uncertain characters at the
        cursor, else the word there, else nothing (an insertion at the cursor)."""
        view = self._view
        if view.selection is not None:
            return view.selection
        at = view.current_char if view.current_char is not None else 0
        for start, end in view.uncertain:
            if start <= at < end:
                return start, end
        if view.tokens and view.current_char is not None:
            token = view.tokens[view.token_at_char(at)]
            return token.start, token.end
        return at, at

    def ask_correction(self) -> None:
        article_id = self.article_id
        if article_id is None:
            return
        start, end = self.target()
        text = self._view.text
        before = text[max(0, start - _CONTEXT) : start].replace("\n", " ")
        after = text[end : end + _CONTEXT].replace("\n", " ")
        replacement, ok = QInputDialog.getText(
            self._view,
            "Correct the text",
            f"…{before}【{text[start:end]}】{after}…\n\nWhat the page says here:",
            QLineEdit.EchoMode.Normal,
            text[start:end],
        )
        if ok and replacement != text[start:end]:
            self.correct(article_id, start, end, replacement)

    def correct(self, article_id: int, start: int, end: int, replacement: str) -> None:
        """Store the correction, then show the article again (its analysis follows)."""
        self._writer.run(
            edit(
                lambda store: store.articles.correct(article_id, start, end, replacement),
                Changes(articles=frozenset({article_id})),
            ),
            lambda _text: self._reopen(article_id),
            priority=EDIT,
        )


def clipboard_image_png() -> bytes | None:
    """The clipboard's image as PNG bytes (a screenshot), or None when it holds none."""
    mime = QApplication.clipboard().mimeData()
    if mime is None or not mime.hasImage():
        return None
    image = QImage(mime.imageData())
    if image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buffer.close()
    return bytes(data.data())
