"""The window's speech: the Speech menu, its keys and toolbar, and what they speak.

P says the current word (the one the popup and the word panel show) with its reading in
context, Shift+P its sentence, F5 reads the article aloud from the word the reader is at
(or from the top of the page when that word is out of sight) and pauses or resumes it,
Shift+F5 stops. The window builds one `SpeechControls` and puts its menu and toolbar in
place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from reader.ui.lookup.speech import shared_speaker
from reader.ui.messages import MessageSink
from reader.ui.read_aloud import SPEEDS, ReadAloud, ReadAloudBar, ReadingState
from reader.ui.widgets import after_next_paint

if TYPE_CHECKING:
    from reader.core.settings import Settings
    from reader.ui.article_view.widget import ArticleView


class SpeechControls(QObject):
    """Speech for one window's article view; ``actions`` by name for the shortcut list."""

    def __init__(
        self,
        window: QMainWindow,
        view: ArticleView,
        settings: Settings,
        messages: MessageSink | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.messages = messages or MessageSink(window)
        self.view = view
        self.settings = settings
        self.speaker = shared_speaker()
        self.speaker.rate = settings.speech_rate
        after_next_paint(view.viewport(), self.speaker.prepare)  # not during the launch
        self.reader = ReadAloud(self.speaker, view, self)
        self.reader.problem.connect(self._show_problem)
        self.bar = ReadAloudBar(self.reader)
        self.bar.play_requested.connect(self.read_aloud)
        self.bar.rate_changed.connect(self._remember_rate)
        self.actions: dict[str, QAction] = {}
        for name, text, slot, keys in (
            ("speak_word", "&Speak the word", self.speak_word, "P"),
            ("speak_sentence", "Speak the &sentence", self.speak_sentence, "Shift+P"),
            ("read_aloud", "&Read aloud from here / pause", self.read_aloud, "F5"),
            ("stop_reading", "S&top reading", self.reader.stop, "Shift+F5"),
            ("faster", "&Faster", lambda: self._step_rate(1), "Ctrl+Shift+."),
            ("slower", "S&lower", lambda: self._step_rate(-1), "Ctrl+Shift+,"),
        ):
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.actions[name] = action
        # P and Shift+P are single keys: they act in the article only, never in a text box
        for name in ("speak_word", "speak_sentence"):
            self.actions[name].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(self.actions[name])
        for name in ("read_aloud", "stop_reading", "faster", "slower"):
            window.addAction(self.actions[name])
        self.reader.state_changed.connect(self._show_state)

    def menu(self) -> QMenu:
        menu = QMenu("&Speech", self.window)
        for name in ("speak_word", "speak_sentence", None, "read_aloud", "stop_reading", None):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        menu.addAction(self.actions["faster"])
        menu.addAction(self.actions["slower"])
        return menu

    def toolbar(self) -> QToolBar:
        toolbar = QToolBar("Read aloud", self.window)
        toolbar.setObjectName("read_aloud_toolbar")  # its place is saved with the window's
        toolbar.addWidget(self.bar)
        return toolbar

    # --- what is spoken ----------------------------------------------------------------

    def _current_token(self) -> int | None:
        current = self.view.current()
        return None if current is None else current[0]

    def speak_word(self) -> None:
        """The current word, with its readings in context (as shown over it)."""
        index = self._current_token()
        if index is None or index >= len(self.view.tokens):
            return
        self._report(self.speaker.speak_tokens(self.view.tokens[index : index + 1]))

    def speak_sentence(self) -> None:
        index = self._current_token()
        if index is not None:
            self._report(self.speaker.speak_sentence(self.view.tokens, index))

    def read_aloud(self) -> None:
        """Start from the reader's word if it is in sight, else the top of the page; while
        reading, pause; while paused, resume."""
        start = self.view.top_char()
        if self.view.current_char is not None and self.view.layout_ is not None:
            rect = self.view.char_rect(self.view.current_char)
            if self.view.viewport().rect().intersects(rect):
                start = self.view.current_char
        self.reader.toggle(self.view.tokens, start)

    # --- state --------------------------------------------------------------------------

    def _report(self, problem: str | None) -> None:
        if problem:
            self._show_problem(problem)

    def _show_problem(self, problem: str) -> None:
        self.messages.inform("No Chinese voice", problem)

    def _show_state(self, state: ReadingState) -> None:
        self.actions["stop_reading"].setEnabled(state is not ReadingState.STOPPED)

    def _step_rate(self, step: int) -> None:
        current = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speaker.rate))
        self.bar.set_rate(SPEEDS[max(0, min(len(SPEEDS) - 1, current + step))])
        self._remember_rate(self.speaker.rate)

    def _remember_rate(self, rate: float) -> None:
        self.settings.speech_rate = rate
