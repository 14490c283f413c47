"""Which engine speaks: the system's own Chinese voice, else eSpeak NG if installed.

Windows (SAPI) and macOS (``say``) voices sound far better than eSpeak NG, so they come
first there; Linux desktops have no voice of their own, so eSpeak NG is the one. When
nothing has a Chinese voice, `NoChineseVoice` carries the first engine's advice, which is
the one for this system.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from reader.core.speech.engine import Engine, NoChineseVoice
from reader.core.speech.espeak import EspeakEngine


def _candidates(platform: str) -> list[Callable[[], Engine]]:
    if platform == "win32":
        from reader.core.speech.windows import SapiEngine

        return [SapiEngine, EspeakEngine]
    if platform == "darwin":
        from reader.core.speech.macos import SayEngine

        return [SayEngine, EspeakEngine]
    return [EspeakEngine]


def system_engine(platform: str = sys.platform) -> Engine:
    """The best Chinese voice this system has (tens of milliseconds: it asks the system)."""
    first_problem: NoChineseVoice | None = None
    for candidate in _candidates(platform):
        try:
            return candidate()
        except NoChineseVoice as problem:
            first_problem = first_problem or problem
    assert first_problem is not None
    raise first_problem
