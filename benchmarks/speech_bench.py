"""Speech figures: how long until the voice starts, and what audio costs an Anki export.

Prints medians, each beside a baseline run in the same process:
- finding the engine (``system_engine``: espeak-ng --voices on Linux), once per app run;
- the GUI thread's cost of Speak (`Speaker.say`: starting the espeak-ng process), next to
  starting ``true``, the cheapest process there is;
- time to the first audio: from the call until espeak-ng has produced its first samples
  (``--stdout``), for a word and for the seed article's first sentence; on a desktop the
  sound device adds its buffer (tens of milliseconds) to this;
- starting to read aloud in the middle of a 100,000-character article (the sentences from
  the reader's paragraph on) next to finding all of its sentences;
- an Anki export of 50 words with audio next to the same deck without.

Run: ``uv run python benchmarks/speech_bench.py``.  Goal: Speak starts in < 300 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 15


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def first_audio_ms(program: str, text: str) -> float:
    """From starting espeak-ng until the first bytes of sound come out of it."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [program, "-v", "cmn-latn-pinyin", "--stdout"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(text.encode())
    process.stdin.close()
    process.stdout.read(4096)  # the WAV header and the first samples
    elapsed = time.perf_counter() - started
    process.stdout.read()
    process.wait()
    return elapsed * 1000


def main() -> None:
    from reader.core import paths
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.importing import import_file
    from reader.core.speech import (
        sentences,
        sentences_from,
        system_engine,
        token_at_char,
        tokens_utterance,
        word_utterance,
    )
    from reader.core.speech.espeak import EspeakEngine
    from reader.ui.lookup.speech import Speaker

    print(f"engine search (system_engine): {median_ms(system_engine, 5):.1f} ms")
    speaker = Speaker()
    engine = speaker.engine()
    assert isinstance(engine, EspeakEngine)
    word = word_utterance("银行", "yin2 hang2")
    article = import_file(paths.seed_article())[0].text
    tokens = Analyzer.create().analyse(article)
    first = next(sentences_from(tokens, 0))
    sentence = tokens_utterance(tokens[first.first : first.last])

    def say_word() -> None:
        speaker.say(word)
        speaker.stop()

    spawn = median_ms(lambda: subprocess.run(["true"], check=True))
    say = median_ms(say_word)
    print(f"Speak on the GUI thread (Speaker.say): {say:.1f} ms; starting `true`: {spawn:.1f} ms")
    for name, utterance in (("word 银行", word), (f"sentence of {len(sentence.text)}", sentence)):
        text = utterance.pinyin or utterance.text
        figures = [first_audio_ms(engine.program, text) for _ in range(RUNS)]
        print(f"first audio, {name}: {statistics.median(figures):.1f} ms (median of {RUNS})")

    long_text = "\n".join(a.text for a in import_file(paths.seed_article()))
    long_text = (long_text + "\n") * (100_000 // len(long_text) + 1)
    long_tokens = Analyzer.create().analyse(long_text)
    middle = token_at_char(long_tokens, len(long_text) // 2)
    lazy = median_ms(lambda: next(sentences_from(long_tokens, middle)))
    whole = median_ms(lambda: sentences(long_tokens), 5)
    print(
        f"read-aloud start, {len(long_text):,} characters: {lazy:.2f} ms; "
        f"all its sentences: {whole:.1f} ms"
    )

    from export_bench import words_from_cedict

    from reader.core.export.anki import write_apkg
    from reader.core.export.model import ExportList, ExportOptions

    words = ExportList("bench", words_from_cedict(50))  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        plain = median_ms(
            lambda: write_apkg(Path(folder) / "p.apkg", words, ExportOptions(), overwrite=True),
            3,
        )
        audio = median_ms(
            lambda: write_apkg(
                Path(folder) / "a.apkg", words, ExportOptions(anki_audio=True), overwrite=True
            ),
            3,
        )
        size = (Path(folder) / "a.apkg").stat().st_size
    print(
        f"Anki deck of 50 words: with audio {audio / 1000:.2f} s ({size / 1e6:.1f} MB), "
        f"without {plain / 1000:.2f} s; {(audio - plain) / 50:.0f} ms of audio per word"
    )


if __name__ == "__main__":
    main()
