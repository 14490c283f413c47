"""eSpeak NG's Mandarin voice (Linux; anywhere ``espeak-ng`` is installed).

The ``cmn-latn-pinyin`` voice is used, not ``cmn``: both read characters through the same
dictionary, but ``cmn`` reads Latin letters as English, and its dictionary spells some
characters in Latin, so 行 came out as the English words "zing two". The pinyin voice
also reads numbered pinyin, which is how the app's own readings reach it: eSpeak's
dictionary says 银行 yín xíng and 行长 xíng cháng, the pinyin says yín háng and háng zhǎng.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from reader.core.speech.engine import NoChineseVoice, Utterance, clamp_rate
from reader.core.speech.processes import ProcessPlayback, run_to_file

VOICE = "cmn-latn-pinyin"
WORDS_PER_MINUTE = 150  # eSpeak's default is 175: fast for a learner's ear

HOW_TO_ADD = (
    "To hear Chinese, install the free eSpeak NG voice. On Debian or Ubuntu open a "
    "Terminal and type:  sudo apt install espeak-ng   (Fedora: sudo dnf install espeak-ng, "
    "Arch: sudo pacman -S espeak-ng). Then press Speak again."
)


class EspeakEngine:
    """Speaks through the ``espeak-ng`` program; raises `NoChineseVoice` if it is missing."""

    takes_pinyin = True

    def __init__(self, program: str | None = None) -> None:
        found = program or shutil.which("espeak-ng")
        if found is None:
            raise NoChineseVoice(HOW_TO_ADD)
        try:
            voices = subprocess.run(
                [found, "--voices=cmn"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired) as e:
            raise NoChineseVoice(HOW_TO_ADD) from e
        if VOICE not in voices.lower().replace("_", "-"):
            raise NoChineseVoice(HOW_TO_ADD)
        self.program = found

    @property
    def name(self) -> str:
        return f"eSpeak NG, {VOICE}"

    def _command(self, rate: float) -> list[str]:
        speed = round(WORDS_PER_MINUTE * clamp_rate(rate))
        return [self.program, "-v", VOICE, "-s", str(speed)]

    def start(self, utterance: Utterance, rate: float = 1.0) -> ProcessPlayback:
        return ProcessPlayback(self._command(rate), utterance.pinyin or utterance.text)

    def write_wav(self, utterance: Utterance, path: Path, rate: float = 1.0) -> None:
        command = [*self._command(rate), "-w", str(path)]
        run_to_file(command, utterance.pinyin or utterance.text, path)
