"""Speech into a WAV file that is complete or not there at all."""

from __future__ import annotations

import os
import wave
from pathlib import Path

from reader.core.atomic import write_atomically
from reader.core.speech.engine import Engine, SpeechError, Utterance


def wav_seconds(path: Path) -> float:
    """The length of a WAV file; `SpeechError` if it is not one or holds no sound."""
    try:
        with wave.open(str(path), "rb") as wav:
            frames, rate = wav.getnframes(), wav.getframerate()
    except (OSError, EOFError, wave.Error) as e:
        raise SpeechError(f"the speech engine wrote no valid WAV file ({e})") from e
    if frames == 0 or rate == 0:
        raise SpeechError("the speech engine wrote an empty WAV file")
    return frames / rate


def save_wav(
    engine: Engine,
    utterance: Utterance,
    path: str | os.PathLike[str],
    rate: float = 1.0,
    overwrite: bool = False,
) -> float:
    """Speak ``utterance`` into ``path`` (temporary name, checked, renamed); its seconds."""
    seconds = 0.0

    def write(temp: Path) -> None:
        nonlocal seconds
        engine.write_wav(utterance, temp, rate)
        seconds = wav_seconds(temp)

    write_atomically(path, write, overwrite=overwrite)
    return seconds
