"""Small widget helpers that several panes share."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QWidget,
)

SQUEEZED_COMBO_CHARS = 5  # a choice box in a narrow pane shows this much of its choice


def add_local_action(
    widget: QWidget, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]
) -> QAction:
    """An action on ``widget`` whose key works only while the focus is inside it, so Delete
    or Undo can mean the library's articles in one pane and the word list in another."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    widget.addAction(action)
    return action


def size_columns_for(
    table: QTableView,
    samples: Mapping[int, str],
    mode: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
    padding: int = 14,
) -> None:
    """Give each column the width of its sample text. Sizing to contents would make a
    column as wide as its longest cell (a long name's pinyin took half a narrow pane and
    pushed the meaning behind a horizontal scroll bar)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column, sample in samples.items():
        header.setSectionResizeMode(column, mode)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + padding)


def squeezable(box: QComboBox) -> None:
    """``box`` keeps its full width where there is room and shrinks, eliding its text, in
    a narrow pane: its choices' width no longer sets the pane's minimum width."""
    box.setMinimumWidth(box.fontMetrics().averageCharWidth() * SQUEEZED_COMBO_CHARS + 28)
    box.installEventFilter(_ElidedChoice(box))


class _ElidedChoice(QObject):
    """Paints a squeezed choice box's current text elided (``Detect enc…``) where the box
    is narrower than it: Qt's styles cut it off mid-letter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QComboBox):
            return False
        option = QStyleOptionComboBox()
        watched.initStyleOption(option)
        shown = shown_choice(watched, option)
        if shown == option.currentText:
            return False  # it fits: Qt paints it as ever
        option.currentText = shown
        painter = QStylePainter(watched)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()
        return True


def shown_choice(box: QComboBox, option: QStyleOptionComboBox | None = None) -> str:
    """The current text of a (non-editable) ``box`` as it fits its text field, elided."""
    if option is None:
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
    if box.isEditable():
        return option.currentText
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    room = field.width() - (0 if option.currentIcon.isNull() else option.iconSize.width() + 4)
    return option.fontMetrics.elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)


def passing_label(label: QLabel) -> None:
    """``label`` says what is going on (a file's name, a step) without ever widening its
    pane: a long text is cut at the pane's edge."""
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


def after_next_paint(widget: QWidget, finish: Callable[[], object]) -> None:
    """Call ``finish`` on the next turn of the event loop after ``widget``'s next paint,
    which is asked for here (merged with any repaint already pending)."""
    _AfterNextPaint(widget, finish)
    widget.update()


class _AfterNextPaint(QObject):
    """Calls ``finish`` after the watched widget's next paint, then removes itself."""

    def __init__(self, watched: QObject, finish: Callable[[], object]) -> None:
        super().__init__(watched)
        self._finish = finish
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._finish)
            self.deleteLater()
        return False
