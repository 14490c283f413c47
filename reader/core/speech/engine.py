"""What every speech engine offers the app: one small interface, whatever speaks.

An engine speaks an `Utterance` aloud (`start`, which returns at once with a `Playback`
to pause, resume or stop) or into a WAV file (`write_wav`, for ``reader speak`` and the
Anki export). ``takes_pinyin`` says whether the engine reads the utterance's pinyin
(so a polyphone is said as the reading shown) or only its characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MIN_RATE = 0.5  # slower than this, syllables stretch into noise; faster, a learner is lost
MAX_RATE = 2.0


@dataclass(frozen=True)
class Utterance:
    """Something to say: the characters, and the same spelled in numbered pinyin.

    ``pinyin`` keeps everything that is not Chinese as it is (numbers, Latin, the
    punctuation that makes the pauses) and writes each Chinese word as its syllables run
    together (``"yin2hang2"``, ü as ``v``); "" when no reading is known.
    """

    text: str
    pinyin: str = ""


class SpeechError(Exception):
    """The engine could not speak; the message is for the user."""


class NoChineseVoice(SpeechError):
    """The system has no Chinese voice; the message tells a learner how to add one."""


class Playback(Protocol):
    """An utterance being spoken."""

    def is_done(self) -> bool: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...


class Engine(Protocol):
    """A Chinese voice of this system."""

    @property
    def name(self) -> str:
        """Engine and voice, for messages (``"eSpeak NG, cmn-latn-pinyin"``)."""
        ...

    @property
    def takes_pinyin(self) -> bool: ...

    def start(self, utterance: Utterance, rate: float = 1.0) -> Playback:
        """Start speaking at ``rate`` × the normal speed; returns without waiting."""
        ...

    def write_wav(self, utterance: Utterance, path: Path, rate: float = 1.0) -> None:
        """Speak into ``path`` (a WAV file); raises `SpeechError` if nothing came out."""
        ...


def clamp_rate(rate: float) -> float:
    return min(MAX_RATE, max(MIN_RATE, rate))
