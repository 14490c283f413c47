"""Reading the article aloud from where the learner is, sentence by sentence.

Each sentence is one utterance: when it ends, the next starts, and the view highlights
the sentence being read and scrolls to keep it in sight (as Du Chinese and DuShu do).
A timer asks the playback whether it is done (every `POLL_MS`): the GUI thread never
waits on the sound. Pause holds the current sentence where it is (the voice stops
mid-word and goes on from there); Stop ends it and clears the highlight. A speed change
applies from the next sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

if TYPE_CHECKING:  # the speech package loads when reading starts, not at launch
    from reader.core.analysis.tokens import Token
    from reader.core.speech import Playback, Sentence
    from reader.ui.lookup.speech import Speaker

POLL_MS = 40
SPEEDS = (0.6, 0.8, 1.0, 1.2, 1.5)


class ReadingState(Enum):
    STOPPED = "stopped"
    READING = "reading"
    PAUSED = "paused"


class SentenceView(Protocol):
    """What the read-aloud needs of the article view."""

    text: str  # the article shown: another one ends the reading

    def select_range(self, start: int, end: int) -> None: ...


class ReadAloud(QObject):
    """Reads ``tokens`` from a character on, one sentence after the other."""

    sentence_started = Signal(int, int)  # characters start, end of the sentence being read
    state_changed = Signal(object)  # ReadingState
    problem = Signal(str)  # speech could not start: the message for the learner

    def __init__(self, speaker: Speaker, view: SentenceView, parent: QObject | None = None):
        super().__init__(parent)
        self.speaker = speaker
        self.view = view
        self.state = ReadingState.STOPPED
        self._tokens: Sequence[Token] = ()
        self._text = ""
        self._upcoming: Iterator[Sentence] = iter(())
        self._playback: Playback | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, tokens: Sequence[Token], char_index: int) -> None:
        """Read from the sentence at ``char_index`` to the end of the article."""
        from reader.core.speech import sentences_from, token_at_char

        self.stop()
        self._tokens = tokens
        self._text = self.view.text
        self._upcoming = sentences_from(tokens, token_at_char(tokens, char_index))
        self._say_next()

    def _say_next(self) -> None:
        from reader.core.speech import tokens_utterance

        sentence = next(self._upcoming, None)
        if sentence is None:  # the end of the article
            self.stop()
            return
        result = self.speaker.say(tokens_utterance(self._tokens[sentence.first : sentence.last]))
        if isinstance(result, str):
            self._set_state(ReadingState.STOPPED)
            self.problem.emit(result)
            return
        self._playback = result
        self.view.select_range(sentence.start, sentence.end)
        self.sentence_started.emit(sentence.start, sentence.end)
        self._set_state(ReadingState.READING)
        self._timer.start()

    def _poll(self) -> None:
        if self._playback is None:
            return
        if self.speaker.current is not self._playback:  # a word's Speak took over
            self._playback = None
            self.stop()
            return
        if self.view.text != self._text:  # another article is shown
            self.stop()
            return
        if self._playback.is_done():
            self._say_next()

    def pause(self) -> None:
        if self.state is ReadingState.READING and self._playback is not None:
            self._playback.pause()
            self._timer.stop()
            self._set_state(ReadingState.PAUSED)

    def resume(self) -> None:
        if self.state is ReadingState.PAUSED and self._playback is not None:
            self._playback.resume()
            self._timer.start()
            self._set_state(ReadingState.READING)

    def toggle(self, tokens: Sequence[Token], char_index: int) -> None:
        """The one play/pause key: start, pause or resume, as the state asks."""
        if self.state is ReadingState.READING:
            self.pause()
        elif self.state is ReadingState.PAUSED:
            self.resume()
        else:
            self.start(tokens, char_index)

    def stop(self) -> None:
        self._timer.stop()
        if self._playback is not None:
            self._playback.stop()
            self._playback = None
        if self.state is not ReadingState.STOPPED:
            self.view.select_range(0, 0)
            self._set_state(ReadingState.STOPPED)

    def _set_state(self, state: ReadingState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)


class ReadAloudBar(QWidget):
    """Read aloud / Pause / Stop and the speed, for a toolbar; ``play_requested`` asks
    the window to start from where the reader is (it knows the article and the view)."""

    play_requested = Signal()
    rate_changed = Signal(float)

    def __init__(self, reader: ReadAloud, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.play_button = QPushButton("Read aloud", self)
        self.play_button.setToolTip("Read the article aloud from here (F5); again to pause")
        self.play_button.clicked.connect(self.play_requested)
        self.stop_button = QPushButton(self)
        self.stop_button.setIcon(self._icon(QStyle.StandardPixmap.SP_MediaStop))
        self.stop_button.setToolTip("Stop reading aloud")
        self.stop_button.clicked.connect(reader.stop)
        self.speed = QComboBox(self)
        self.speed.setToolTip("How fast the voice speaks")
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.set_rate(reader.speaker.rate)
        self.speed.currentIndexChanged.connect(self._speed_chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.play_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(QLabel("Speed", self))
        layout.addWidget(self.speed)
        reader.state_changed.connect(self._show_state)
        self._show_state(reader.state)

    def _icon(self, which: QStyle.StandardPixmap) -> QIcon:
        return self.style().standardIcon(which)  # every font has these, unlike ⏸ and ■

    def set_rate(self, rate: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate))
        self.speed.setCurrentIndex(nearest)
        self.reader.speaker.rate = SPEEDS[nearest]

    def _speed_chosen(self, index: int) -> None:
        rate = float(self.speed.itemData(index))
        self.reader.speaker.rate = rate
        self.rate_changed.emit(rate)

    def _show_state(self, state: ReadingState) -> None:
        play, pause = QStyle.StandardPixmap.SP_MediaPlay, QStyle.StandardPixmap.SP_MediaPause
        text, icon = {
            ReadingState.STOPPED: ("Read aloud", play),
            ReadingState.READING: ("Pause", pause),
            ReadingState.PAUSED: ("Resume", play),
        }[state]
        self.play_button.setText(text)
        self.play_button.setIcon(self._icon(icon))
        self.stop_button.setEnabled(state is not ReadingState.STOPPED)
