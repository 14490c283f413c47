"""Every message the learner is given goes through the message sink: no module shows a
``QMessageBox`` of its own, a failure reaches the sink's ``failed`` signal and its box,
and the sink's one box shows what it was given (plain text, the lines under it, the
answers) and says which answer was chosen."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

import reader
from reader.core.store import Store
from reader.ui.messages import Level, Message, MessageSink, ask
from reader.ui.vocab.panel import VocabularyPanel

if TYPE_CHECKING:
    from tests.conftest import Told

PACKAGE = Path(reader.__file__).parent
SINK = PACKAGE / "ui" / "messages.py"


def message_box_uses(path: Path) -> list[str]:
    """Where ``path`` names ``QMessageBox`` (its static helpers, a box of its own, its
    buttons): every line that does, as ``file:line``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "QMessageBox")
        or (isinstance(node, ast.Attribute) and node.attr == "QMessageBox")
        or (isinstance(node, ast.alias) and node.name == "QMessageBox")
    ]


def test_no_module_but_the_sink_shows_a_message_box() -> None:
    assert message_box_uses(SINK)  # the check finds what it looks for
    offenders = [
        use for path in sorted(PACKAGE.rglob("*.py")) if path != SINK
        for use in message_box_uses(path)
    ]  # fmt: skip
    assert offenders == []


def test_a_failed_write_reaches_the_sink_as_a_signal_and_a_box(
    qtbot: QtBot, store: Store, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.vocab.create_list("HSK 1")
    panel = VocabularyPanel(store, lambda _word: None, lambda _entry: [])
    qtbot.addWidget(panel)
    failures: list[str] = []
    panel.messages.failed.connect(failures.append)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a: ("HSK 1", True)))
    panel.new_list()  # the name is taken: the store refuses, nothing is written
    [said] = told.messages
    assert said.level is Level.ERROR and said.title == "New list"
    assert "already a list named 'HSK 1'" in said.text and failures == [said.text]
    assert [w.name for w in store.vocab.lists()] == ["HSK 1"]


def test_the_sink_says_each_message_before_it_is_shown(qapp: QApplication, told: Told) -> None:
    sink = MessageSink()
    said: list[Message] = []
    sink.said.connect(said.append)
    sink.inform("Imported", "2 files")
    sink.warn("Export", "Choose at least one column.")
    told.answers = [True]
    assert sink.confirm("Export", "Replace it?") is True
    assert sink.confirm("Export", "Replace it?") is False  # no answer left: no
    assert said == told.messages
    assert [m.level for m in said] == [Level.INFORMATION, Level.WARNING] + [Level.QUESTION] * 2


def answer_box(qtbot: QtBot, read: list[QMessageBox], button: str | None) -> None:
    """When the modal box shows: keep it in ``read``, then click ``button`` (None: Escape)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        read.append(box)
        if button is None:
            box.reject()
            return
        [chosen] = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    QTimer.singleShot(0, click)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_box_shows_plain_text_the_details_and_the_answer_chosen(qtbot: QtBot) -> None:
    question = Message(
        Level.WARNING,
        "Import CC-CEDICT",
        "<b>301</b> entries: use it?",
        details="line 4: <not a line>",
        yes="Use it anyway",
        no="Cancel",
    )
    read: list[QMessageBox] = []
    answer_box(qtbot, read, "Use it anyway")
    assert ask(question, None) is True
    answer_box(qtbot, read, "Cancel")
    assert ask(question, None) is False
    answer_box(qtbot, read, None)  # Escape, or the window's close button: no
    assert ask(question, None) is False
    box = read[0]
    assert box.text() == "<b>301</b> entries: use it?" and box.icon() is QMessageBox.Icon.Warning
    assert box.informativeText() == "line 4: <not a line>"  # the file's line, never markup
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert box.defaultButton().text() == "Cancel"  # a risky yes is never the default
    answer_box(qtbot, read, "OK")
    assert ask(Message(Level.ERROR, "Export failed", "Disk full"), None) is True
    assert read[-1].icon() is QMessageBox.Icon.Critical
