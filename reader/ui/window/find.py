"""Ctrl+F: the find bar under the article."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from reader.ui.article_view.widget import ArticleView


class FindBar(QWidget):
    """A field whose text is found in ``view`` as it is typed (Enter: the next one)."""

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in the article (Enter: next, Shift+Enter: previous)")
        self.field.returnPressed.connect(lambda: self.find_next())
        self.field.textChanged.connect(self._find_as_typed)
        self.status = QLabel(self)
        row.addWidget(QLabel("Find:", self))
        row.addWidget(self.field, 1)
        row.addWidget(self.status)
        self.hide()

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._view.set_find(self.field.text())  # marked again after the bar was hidden

    def close_bar(self) -> None:
        self.hide()
        self._view.set_find("")  # no marks left behind
        self._view.setFocus()

    def close_if_focused(self) -> None:
        """Esc: closes the bar when the typing is in it."""
        if self.isVisible() and self.field.hasFocus():
            self.close_bar()

    def find_next(self, backwards: bool = False) -> None:
        needle = self.field.text()
        if not needle:
            self.open()
            return
        self._view.find_text(needle, backwards=backwards)
        self._show_position()

    def _find_as_typed(self, needle: str) -> None:
        """Each keystroke selects the first occurrence from where the reader is (or keeps
        the one selected while it still fits) and marks all the others."""
        if needle:
            self._view.find_text(needle, again=False)
        else:
            self._view.set_find("")
        self._show_position()

    def _show_position(self) -> None:
        which, count = self._view.find_position()
        if not self.field.text():
            self.status.clear()
        elif count == 0:
            self.status.setText("Not found")
        else:
            self.status.setText(f"{which} of {count}")
