"""Ctrl+F: the find bar under the article."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from reader.ui.window.part import WindowPart


class FindBar(WindowPart):  # type: ignore[misc]  # see part.py
    """The find bar's widgets and actions (a part of the main window)."""

    def _build_find_bar(self) -> QWidget:
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        self.find_field = QLineEdit(bar)
        self.find_field.setPlaceholderText(
            "Find in the article (Enter: next, Shift+Enter: previous)"
        )
        self.find_field.returnPressed.connect(lambda: self.find_next())
        self.find_field.textChanged.connect(self._find_as_typed)
        self.find_status = QLabel(bar)
        row.addWidget(QLabel("Find:", bar))
        row.addWidget(self.find_field, 1)
        row.addWidget(self.find_status)
        bar.hide()
        return bar

    def show_find_bar(self) -> None:
        self.find_bar.show()
        self.find_field.setFocus()
        self.find_field.selectAll()
        self.view.set_find(self.find_field.text())  # marked again after the bar was hidden

    def hide_find_bar(self) -> None:
        self.find_bar.hide()
        self.view.set_find("")  # no marks left behind
        self.view.setFocus()

    def find_next(self, backwards: bool = False) -> None:
        needle = self.find_field.text()
        if not needle:
            self.show_find_bar()
            return
        self.view.find_text(needle, backwards=backwards)
        self._show_find_position()

    def _find_as_typed(self, needle: str) -> None:
        """Each keystroke selects the first occurrence from where the reader is (or keeps
        the one selected while it still fits) and marks all the others."""
        if needle:
            self.view.find_text(needle, again=False)
        else:
            self.view.set_find("")
        self._show_find_position()

    def _show_find_position(self) -> None:
        which, count = self.view.find_position()
        if not self.find_field.text():
            self.find_status.clear()
        elif count == 0:
            self.find_status.setText("Not found")
        else:
            self.find_status.setText(f"{which} of {count}")
