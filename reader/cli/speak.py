"""`reader speak TEXT --output FILE.wav`: a word or a sentence spoken into a WAV file.

The voice is the app's: the system's Chinese voice (Windows, macOS) or eSpeak NG. TEXT is
analysed as in the app, so an engine that takes pinyin says each word as the app reads it
(the user's corrections apply); ``--reading`` forces the reading of a word (``háng``,
``hang2 zhang3``). The file is written under a temporary name, checked and renamed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.speech import Engine, Utterance
    from reader.core.store import Correction

NAME = "speak"
HELP = "speak a word or a sentence into a WAV file with the system's Chinese voice"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="what to say (a word or a sentence)")
    parser.add_argument(
        "-o", "--output", metavar="FILE.wav", required=True, help="the WAV file to write"
    )
    parser.add_argument(
        "--reading",
        metavar="PINYIN",
        help="say TEXT with this reading, one syllable per character "
        "(tone marks or numbers: 'háng zhǎng', 'hang2zhang3')",
    )
    parser.add_argument(
        "--rate", type=float, default=1.0, help="speed, 0.5 (slow) to 2.0 (fast); default 1.0"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _fail(message: str, code: int = 1) -> int:
    print(f"reader speak: {message}", file=sys.stderr)
    return code


def _utterance(args: argparse.Namespace, engine: Engine) -> Utterance:
    """Raises ValueError for a reading that does not fit TEXT."""
    from reader.core.speech import Utterance, tokens_utterance, word_utterance

    if args.reading:
        return word_utterance(args.text, args.reading)
    if not engine.takes_pinyin:
        return Utterance(args.text)
    from reader.cli.common import db_path, user_rules
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.store import Store, StoreError

    rules: list[Correction] = []
    words: list[str] = []
    database = db_path(args)
    if database.is_file():
        try:
            with Store.open(database, auto_backup=False) as store:
                rules, words = user_rules(store)
        except StoreError:
            pass  # the corrections are a refinement: speak with the plain analysis
    return tokens_utterance(Analyzer.create(words).analyse(args.text, rules))


def run(args: argparse.Namespace) -> int:
    from reader.core.atomic import TargetExistsError
    from reader.core.speech import MAX_RATE, MIN_RATE, SpeechError, save_wav, system_engine

    if not args.text.strip():
        return _fail("TEXT is empty", 2)
    if not MIN_RATE <= args.rate <= MAX_RATE:
        return _fail(f"--rate must be between {MIN_RATE} and {MAX_RATE}", 2)
    try:
        engine = system_engine()
        utterance = _utterance(args, engine)
    except SpeechError as error:
        return _fail(str(error))
    except ValueError as error:
        return _fail(str(error), 2)
    if args.reading and not engine.takes_pinyin:
        print(
            f"reader speak: note: {engine.name} reads the characters itself; "
            "--reading cannot change what it says",
            file=sys.stderr,
        )
    try:
        seconds = save_wav(engine, utterance, Path(args.output), args.rate, args.force)
    except TargetExistsError as error:
        return _fail(f"{error.path} exists; add --force to replace it")
    except (SpeechError, OSError) as error:
        return _fail(str(error))
    print(f"{args.output} ({seconds:.1f} s, {engine.name})")
    return 0
