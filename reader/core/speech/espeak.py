"""eSpeak NG's Mandarin voice (Linux; anywhere ``espeak-ng`` is installed).

The ``cmn-latn-pinyin`` voice is used, not ``cmn``: both read characters through the same
dictionary, but ``cmn`` reads Latin letters as English, and its dictionary spells some
characters in Latin, so 行 came out as the English words "zing two". The pinyin voice
also reads numbered pinyin, which is how the app's own readings reach it: eSpeak's
dictionary says 银行 yín xíng and 行长 xíng cháng, the pinyin says yín háng and háng zhǎng.

The Linux build carries its own espeak-ng (program, libraries and the Mandarin data, in
``espeak-ng/`` of its resources: see packaging/reader.spec); a source run, or a build
without it, uses the system's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.core.paths import resource_root
from reader.core.speech.engine import NoChineseVoice, Utterance, clamp_rate
from reader.core.speech.processes import ProcessPlayback, run_to_file

VOICE = "cmn-latn-pinyin"
WORDS_PER_MINUTE = 150  # eSpeak's default is 175: fast for a learner's ear

HOW_TO_ADD = (
    "To hear Chinese, install the free eSpeak NG voice. On Debian or Ubuntu open a "
    "Terminal and type:  sudo apt install espeak-ng   (Fedora: sudo dnf install espeak-ng, "
    "Arch: sudo pacman -S espeak-ng). Then press Speak again."
)


BUNDLED = "espeak-ng"  # the folder in the build's resources


def _candidates() -> Iterator[tuple[str, dict[str, str]]]:
    """The bundled espeak-ng with its libraries and data, then the one on PATH (with the
    library path the frozen program had before PyInstaller changed it)."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False) and "LD_LIBRARY_PATH_ORIG" in env:
        env["LD_LIBRARY_PATH"] = env["LD_LIBRARY_PATH_ORIG"]
    elif getattr(sys, "frozen", False):
        env.pop("LD_LIBRARY_PATH", None)
    bundled = resource_root() / BUNDLED
    if (bundled / "espeak-ng").is_file():
        own = dict(env, ESPEAK_DATA_PATH=str(bundled))
        own["LD_LIBRARY_PATH"] = os.pathsep.join(
            p for p in (str(bundled), env.get("LD_LIBRARY_PATH", "")) if p
        )
        yield str(bundled / "espeak-ng"), own
    system = shutil.which("espeak-ng")
    if system is not None:
        yield system, env


def _has_the_voice(program: str, env: dict[str, str]) -> bool:
    try:
        voices = subprocess.run(
            [program, "--voices=cmn"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env=env,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    # a program that cannot load its libraries lists nothing, and the next one is tried
    return VOICE in voices.lower().replace("_", "-")


class EspeakEngine:
    """Speaks through the ``espeak-ng`` program; raises `NoChineseVoice` if there is none
    with the Mandarin voice."""

    takes_pinyin = True

    def __init__(self) -> None:
        found = next(((p, e) for p, e in _candidates() if _has_the_voice(p, e)), None)
        if found is None:
            raise NoChineseVoice(HOW_TO_ADD)
        self.program, self.environment = found

    @property
    def name(self) -> str:
        return f"eSpeak NG, {VOICE}"

    def _command(self, rate: float) -> list[str]:
        speed = round(WORDS_PER_MINUTE * clamp_rate(rate))
        return [self.program, "-v", VOICE, "-s", str(speed)]

    def start(self, utterance: Utterance, rate: float = 1.0) -> ProcessPlayback:
        text = utterance.pinyin or utterance.text
        return ProcessPlayback(self._command(rate), text, self.environment)

    def write_wav(self, utterance: Utterance, path: Path, rate: float = 1.0) -> None:
        command = [*self._command(rate), "-w", str(path)]
        run_to_file(command, utterance.pinyin or utterance.text, path, self.environment)
