"""The app's voice: one `Speaker` for the popup, the side panel, the word lists and the
read-aloud, so starting one utterance ends the one before.

The engine (``reader.core.speech``) is looked for once (`Speaker.prepare`, which the window
calls after its first paint, or the first Speak), on a thread when it means running
programs (``espeak-ng --voices``, ``say -v ?``); on Windows, on the GUI thread, where its
COM objects must live. Speaking only starts a process or an asynchronous SAPI call: the
GUI thread never waits for the sound. When there is no Chinese voice, every ``speak``
returns the learner's how-to-add-one message for this system.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the speech package loads with the engine search, after the launch
    from reader.core.analysis.tokens import Token
    from reader.core.speech import Engine, Playback, Utterance
    from reader.ui.lookup.content import Lookup

FIND_TIMEOUT = 5.0  # seconds a first Speak waits for the engine search (tens of ms usually)


class Speaker:
    """Speaks words and sentences with the system's Chinese voice, one at a time."""

    def __init__(self, rate: float = 1.0) -> None:
        self.rate = rate
        self._engine: Engine | None = None
        self._problem = ""
        self._playback: Playback | None = None
        self._found = threading.Event()
        self._searching = False

    def prepare(self) -> None:
        """Start looking for the engine (the window asks after its first paint), so the
        first Speak finds it ready."""
        if self._searching:
            return
        self._searching = True
        if sys.platform == "win32":
            self._find()
        else:
            threading.Thread(target=self._find, name="speech engine", daemon=True).start()

    def _find(self) -> None:
        from reader.core.speech import NoChineseVoice, system_engine

        try:
            self._engine = system_engine()
        except NoChineseVoice as problem:
            self._problem = str(problem)
        finally:
            self._found.set()

    def engine(self) -> Engine | None:
        """The engine once found (None when there is no Chinese voice; see `problem`)."""
        self.prepare()
        if not self._found.wait(FIND_TIMEOUT):
            self._problem = "The speech engine did not answer; try again in a moment."
        return self._engine

    @property
    def problem(self) -> str:
        return self._problem

    def say(self, utterance: Utterance) -> Playback | str:
        """Start ``utterance`` (ending the current one); the playback, or why not."""
        from reader.core.speech import SpeechError

        engine = self.engine()
        if engine is None:
            return self._problem
        self.stop()
        try:
            self._playback = engine.start(utterance, self.rate)
        except SpeechError as error:
            return str(error)
        return self._playback

    def speak_utterance(self, utterance: Utterance) -> str | None:
        """Start ``utterance``; why not, if it cannot."""
        result = self.say(utterance)
        return result if isinstance(result, str) else None

    def speak(self, text: str, reading: str = "") -> str | None:
        """Say a word with the reading shown for it; why not, if it cannot."""
        from reader.core.speech import Utterance, word_utterance

        try:
            utterance = word_utterance(text, reading)
        except ValueError:  # a reading that does not fit (Latin letters in the word…)
            utterance = Utterance(text)
        return self.speak_utterance(utterance)

    def speak_lookup(self, lookup: Lookup) -> str | None:
        """Say a looked-up word with the reading of its first entry (the one shown first:
        in the article, the one that agrees with the context)."""
        return self.speak(lookup.word, lookup.entries[0].pinyin if lookup.entries else "")

    def speak_tokens(self, tokens: Sequence[Token]) -> str | None:
        """Say a sentence with the app's readings; why not, if it cannot."""
        from reader.core.speech import tokens_utterance

        return self.speak_utterance(tokens_utterance(tokens))

    def speak_sentence(self, tokens: Sequence[Token], token_index: int) -> str | None:
        """Say the sentence around ``tokens[token_index]``."""
        from reader.core.speech import sentences_from

        sentence = next(sentences_from(tokens, token_index), None)
        if sentence is None:
            return None
        return self.speak_tokens(tokens[sentence.first : sentence.last])

    @property
    def current(self) -> Playback | None:
        """What is being said (the read-aloud sees when a word's Speak took over)."""
        return self._playback

    def stop(self) -> None:
        if self._playback is not None:
            self._playback.stop()
            self._playback = None


_shared: Speaker | None = None


def shared_speaker() -> Speaker:
    """The app's one speaker (made on first use)."""
    global _shared
    if _shared is None:
        _shared = Speaker()
    return _shared
