"""A choice box squeezed into a narrow pane shows its choice elided, not cut mid-letter."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from reader.ui.library.pane import ENCODINGS
from reader.ui.widgets import shown_choice, squeezable


def _box(qtbot: QtBot, width: int, squeezed: bool = True) -> QComboBox:
    box = QComboBox()
    qtbot.addWidget(box)
    for label, name in ENCODINGS:
        box.addItem(label, name)
    if squeezed:
        squeezable(box)
    box.resize(width, box.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    return box


def test_a_narrow_box_shows_its_choice_elided_and_a_wide_one_whole(qtbot: QtBot) -> None:
    narrow = _box(qtbot, 90)
    shown = shown_choice(narrow)
    assert shown.endswith("…") and "Detect encoding".startswith(shown[:-1]) and len(shown) > 3
    wide = _box(qtbot, 400)
    assert shown_choice(wide) == "Detect encoding"


def test_the_elided_choice_is_what_is_painted(qtbot: QtBot) -> None:
    # the same narrow box painted with its text elided and, unsqueezed, cut off by Qt
    squeezed, cut = _box(qtbot, 90), _box(qtbot, 90, squeezed=False)
    cut.setMinimumWidth(0)
    cut.resize(squeezed.size())
    assert squeezed.grab().toImage() != cut.grab().toImage()
    wide, plain = _box(qtbot, 400), _box(qtbot, 400, squeezed=False)
    assert wide.grab().toImage() == plain.grab().toImage()  # where it fits, Qt's own paint
