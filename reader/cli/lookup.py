"""`reader lookup WORD`: every CC-CEDICT entry of a word; `--pinyin` / `--english` search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.dictionary import stderr_progress
from reader.core.pinyin import to_marks

if TYPE_CHECKING:  # the dictionary loads when the command runs (the GUI's launch lists us)
    from reader.core.cedict import Dictionary, Entry, Sense

NAME = "lookup"
HELP = "print the dictionary entries of a word, or search by pinyin or English"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="WORD", help="a word in either script, or the search")
    search = parser.add_mutually_exclusive_group()
    search.add_argument(
        "--pinyin", action="store_true", help="search by pinyin (aihao, ai4hao4, ài hào)"
    )
    search.add_argument("--english", action="store_true", help="search the English glosses")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="show at most N search results"
    )


def run(args: argparse.Namespace) -> int:
    from reader.core.cedict import Dictionary

    dictionary = Dictionary.open(
        data_dir=Path(args.data_dir) if args.data_dir else None, progress=stderr_progress()
    )
    if args.pinyin:
        found = dictionary.search_pinyin(args.query, limit=args.limit)
    elif args.english:
        found = dictionary.search_english(args.query, limit=args.limit)
    else:
        found = dictionary.entries(args.query)
    if not found:
        print(f"reader lookup: nothing found for {args.query!r}", file=sys.stderr)
        return 1
    print("\n\n".join(format_entry(entry, dictionary) for entry in found))
    return 0


def format_entry(entry: Entry, dictionary: Dictionary) -> str:
    """The entry as a learner reads it: headwords, tone-marked pinyin, levels, senses."""
    headword = entry.simplified
    if entry.traditional != entry.simplified:
        headword += f" ({entry.traditional})"
    details = [to_marks(entry.pinyin)]
    level = dictionary.hsk_level(entry.simplified)
    if level is not None:
        if level.old is not None:
            details.append(f"HSK {level.old} (2.0)")
        if level.new is not None:
            details.append(f"HSK {'7-9' if level.new == 7 else level.new} (3.0)")
    band = dictionary.frequency_band(entry.simplified)
    if band is not None:
        details.append(f"frequency band {band}/5")
    if entry.is_name:
        details.append("name")
    lines = [f"{headword}  {' · '.join(details)}"]
    lines.extend(
        f"  {number}. {_sense_text(sense)}" for number, sense in enumerate(entry.senses, start=1)
    )
    return "\n".join(lines)


def _sense_text(sense: Sense) -> str:
    if not sense.classifiers:
        return sense.gloss
    names = ", ".join(
        c.simplified
        + (f"({c.traditional})" if c.traditional != c.simplified else "")
        + f" {to_marks(c.pinyin)}"
        for c in sense.classifiers
    )
    return f"{sense.gloss}  [classifier: {names}]".lstrip()
