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

    def find_next(self, backwards: bool = False) -> None:
        needle = self.find_field.text()
        if not needle:
            self.show_find_bar()
            return
        found = self.view.find_text(needle, backwards=backwards)
        self.find_status.setText("" if found else "Not found")
