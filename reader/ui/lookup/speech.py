"""Speaking a word with the system's voices, where Qt's text-to-speech module is present.

``QtTextToSpeech`` ships in PySide6-Addons, which the app does not depend on (it would
multiply the installer's size for one button). When the module is there and the system
has a Chinese voice, the popup speaks; otherwise it says plainly why it cannot.
"""

from __future__ import annotations

import importlib
from typing import Any

NO_MODULE = "Speech needs Qt's text-to-speech module (PySide6-Addons), which is not installed."
NO_VOICE = "No Chinese voice is installed on this system; add one in the system's speech settings."


class Speaker:
    def __init__(self) -> None:
        self._engine: Any = None
        self.problem: str | None = None
        try:
            module = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError:
            self.problem = NO_MODULE
            return
        from PySide6.QtCore import QLocale

        engine = module.QTextToSpeech()
        voices = [
            v for v in engine.availableVoices() if v.locale().language() == QLocale.Language.Chinese
        ]
        if not voices:
            self.problem = NO_VOICE
            return
        engine.setVoice(voices[0])
        self._engine = engine

    def speak(self, text: str) -> str | None:
        """Start speaking ``text``; return why not, if it cannot."""
        if self._engine is None:
            return self.problem
        self._engine.say(text)
        return None
