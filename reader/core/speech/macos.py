"""macOS's own Chinese voices through the ``say`` program (Tingting, Meijia, Sinji…).

``say`` reads characters only, with the voice's own lexicon for polyphones; it has no
pinyin input for Chinese voices, so ``takes_pinyin`` is False.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from reader.core.speech.engine import NoChineseVoice, Utterance, clamp_rate
from reader.core.speech.processes import ProcessPlayback, run_to_file

WORDS_PER_MINUTE = 150  # say's default is about 175
# "Tingting             zh_CN    # 你好！我叫婷婷。" / "Meijia (Enhanced)    zh_TW    # …"
_VOICE_LINE = re.compile(r"^(?P<name>.+?)\s+(?P<locale>[a-z]{2,3}[_-][A-Za-z0-9]+)\s+#")
_PREFERRED_LOCALES = ("zh_CN", "zh_TW", "zh_HK")

HOW_TO_ADD = (
    "To hear Chinese, add a Chinese voice to your Mac: open System Settings ▸ Accessibility "
    "▸ Spoken Content, click the ⓘ beside System Voice, then Voice ▸ Manage Voices…, tick "
    "Chinese (China mainland) ▸ Tingting (or Chinese (Taiwan) ▸ Meijia) and wait for the "
    "download. Then press Speak again."
)


def chinese_voices(listing: str) -> list[str]:
    """The Chinese voices in ``say -v '?'`` output, mainland Mandarin first."""
    found: list[tuple[int, str]] = []
    for line in listing.splitlines():
        match = _VOICE_LINE.match(line)
        if match is None:
            continue
        locale = match["locale"].replace("-", "_")
        if locale in _PREFERRED_LOCALES:
            found.append((_PREFERRED_LOCALES.index(locale), match["name"].strip()))
    return [name for _rank, name in sorted(found, key=lambda pair: pair[0])]


class SayEngine:
    """Speaks with ``say`` and the first Chinese voice; `NoChineseVoice` if there is none."""

    takes_pinyin = False

    def __init__(self) -> None:
        program = shutil.which("say")
        if program is None:
            raise NoChineseVoice(HOW_TO_ADD)
        try:
            listing = subprocess.run(
                [program, "-v", "?"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired) as e:
            raise NoChineseVoice(HOW_TO_ADD) from e
        voices = chinese_voices(listing)
        if not voices:
            raise NoChineseVoice(HOW_TO_ADD)
        self.program = program
        self.voice = voices[0]

    @property
    def name(self) -> str:
        return f"macOS say, {self.voice}"

    def _command(self, rate: float) -> list[str]:
        speed = round(WORDS_PER_MINUTE * clamp_rate(rate))
        return [self.program, "-v", self.voice, "-r", str(speed), "-f", "-"]

    def start(self, utterance: Utterance, rate: float = 1.0) -> ProcessPlayback:
        return ProcessPlayback(self._command(rate), utterance.text)

    def write_wav(self, utterance: Utterance, path: Path, rate: float = 1.0) -> None:
        wav = ["-o", str(path), "--file-format=WAVE", "--data-format=LEI16@22050"]
        run_to_file([*self._command(rate), *wav], utterance.text, path)
