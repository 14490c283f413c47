"""One place where the app tells the learner what happened, and asks before it acts.

The status bar's line (``show``, ``clear``, ``fail``), and the dialogs: ``inform``,
``warn`` (what was asked for cannot be used as it is), ``error`` (it could not be done)
and ``confirm`` (a question; True when the learner says yes). Components say
``messages.warn(...)``; none of them knows which label or box shows it, and nothing ever
finds out about a failure by reading the label's text: ``failed`` says it (``fail`` and
``error``). Every dialog message is a `Message`, said (``said``) before it is shown by
`ask`, the one function that builds a ``QMessageBox``: tests answer through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class Level(Enum):
    INFORMATION = "information"
    WARNING = "warning"
    ERROR = "error"
    QUESTION = "question"


_ICONS = {
    Level.INFORMATION: QMessageBox.Icon.Information,
    Level.WARNING: QMessageBox.Icon.Warning,
    Level.ERROR: QMessageBox.Icon.Critical,
    Level.QUESTION: QMessageBox.Icon.Question,
}


@dataclass(frozen=True)
class Message:
    """A dialog's message. ``details``: lines shown under the text (a file's, as they
    are: plain text); ``rich``: the text is HTML (the About box), else plain text whatever it holds;
    ``yes`` / ``no``: a question's answers (``default_yes``: Enter says yes); a warning
    that asks (``Level.WARNING`` with answers) shows the warning's icon."""

    level: Level
    title: str
    text: str
    details: str = ""
    rich: bool = False
    yes: str = ""
    no: str = ""
    default_yes: bool = False

    @property
    def asks(self) -> bool:
        return bool(self.yes)


def ask(message: Message, parent: QWidget | None) -> bool:
    """Show ``message`` in a modal box over ``parent``; True when the learner chose yes
    (a message that asks nothing: True once read)."""
    box = QMessageBox(_ICONS[message.level], message.title, message.text, parent=parent)
    # plain text, the details too (Qt sets both labels alike): a file's lines as they are
    box.setTextFormat(Qt.TextFormat.RichText if message.rich else Qt.TextFormat.PlainText)
    if message.details:
        box.setInformativeText(message.details)
    if not message.asks:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        return True
    yes = box.addButton(message.yes, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(message.no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if message.default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


class MessageSink(QObject):
    """``shown(text)``: the line of the moment ("" clears it); ``failed(text)``: something
    the learner asked for could not be done (also shown, on the line or in a box);
    ``said(Message)``: a dialog message, before it is shown. ``parent``: the widget the
    boxes open over unless a call names another (a dialog of its own, say)."""

    shown = Signal(str)
    failed = Signal(str)
    said = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent

    def show(self, text: str) -> None:
        self.shown.emit(text)

    def clear(self) -> None:
        self.shown.emit("")

    def fail(self, text: str) -> None:
        self.shown.emit(text)
        self.failed.emit(text)

    def inform(
        self,
        title: str,
        text: str,
        *,
        details: str = "",
        rich: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self._say(Message(Level.INFORMATION, title, text, details, rich), parent)

    def warn(
        self, title: str, text: str, *, details: str = "", parent: QWidget | None = None
    ) -> None:
        """What was asked for cannot be used as it is (nothing was tried)."""
        self._say(Message(Level.WARNING, title, text, details), parent)

    def error(
        self, title: str, text: str, *, details: str = "", parent: QWidget | None = None
    ) -> None:
        """What was asked for could not be done: a box, and ``failed``."""
        self.failed.emit(text)
        self._say(Message(Level.ERROR, title, text, details), parent)

    def confirm(
        self,
        title: str,
        text: str,
        *,
        yes: str = "Yes",
        no: str = "No",
        default_yes: bool = False,
        warning: bool = False,
        details: str = "",
        parent: QWidget | None = None,
    ) -> bool:
        """Ask; True when the learner chose ``yes``. ``warning``: what follows the yes
        is risky, or something is wrong (the box shows the warning's icon)."""
        level = Level.WARNING if warning else Level.QUESTION
        message = Message(level, title, text, details, yes=yes, no=no, default_yes=default_yes)
        return self._say(message, parent)

    def _say(self, message: Message, parent: QWidget | None) -> bool:
        self.said.emit(message)
        return ask(message, parent if parent is not None else self._parent)
