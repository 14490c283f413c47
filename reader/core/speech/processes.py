"""Speech engines that are programs (espeak-ng, macOS ``say``): each utterance is one
process, so pausing is stopping the process (SIGSTOP) and stopping is ending it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.core.speech.engine import SpeechError

WAV_TIMEOUT = 120.0  # seconds for one file: a long sentence takes well under one


class ProcessPlayback:
    """An utterance spoken by a program reading it from its standard input."""

    def __init__(
        self, command: Sequence[str], text: str, env: Mapping[str, str] | None = None
    ) -> None:
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as e:
            raise SpeechError(f"could not start {command[0]}: {e.strerror or e}") from e
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(text.encode())
            self._process.stdin.close()
        except OSError:  # the program ended at once; is_done tells
            pass
        self._paused = False

    def is_done(self) -> bool:
        return self._process.poll() is not None

    @property
    def is_paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        if not self.is_done() and not self._paused and sys.platform != "win32":
            os.kill(self._process.pid, signal.SIGSTOP)
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            if not self.is_done():
                os.kill(self._process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.is_done():
            return
        self._process.terminate()
        self.resume()  # a stopped process only sees the terminate once continued
        try:
            self._process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def run_to_file(
    command: Sequence[str], text: str, path: Path, env: Mapping[str, str] | None = None
) -> None:
    """Run a program that writes speech to ``path``; `SpeechError` unless it did."""
    try:
        result = subprocess.run(
            command,
            input=text.encode(),
            capture_output=True,
            timeout=WAV_TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SpeechError(f"{command[0]} failed: {e}") from e
    if result.returncode != 0 or not path.is_file() or path.stat().st_size <= 44:
        detail = result.stderr.decode(errors="replace").strip().splitlines()
        raise SpeechError(f"{command[0]} wrote no audio" + (f": {detail[-1]}" if detail else ""))
