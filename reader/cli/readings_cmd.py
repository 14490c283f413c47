"""`reader readings`: the learner's reading fixes (list, add, remove), as the app keeps them.

A fix says how a word or short context reads wherever it occurs, in every article and in
``reader annotate`` and the exports: ``reader readings add 为时装秀 wei4 - - -`` (one
syllable per character, with tone numbers or marks; ``-`` leaves a character as read).
``reader readings`` lists them as ``ID<TAB>TEXT<TAB>READINGS``; ``remove ID`` drops one.
"""

from __future__ import annotations

import argparse
import sys

from reader.core.analysis.reading_fixes import parse_readings, shown

NAME = "readings"
HELP = "list, add or remove your reading fixes (a word or context and its pinyin)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action")
    add = actions.add_parser("add", help="fix how TEXT reads: one syllable per character")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("readings", metavar="SYLLABLE", nargs="+", help="hang2 / háng, or -")
    remove = actions.add_parser("remove", help="remove the fix with this id")
    remove.add_argument("id", type=int, metavar="ID")


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.store import Store, StoreError

    try:
        with Store.open(db_path(args)) as store:
            corrections = store.corrections
            if args.action == "add":
                fix_id = corrections.add_reading_fix(
                    args.text, parse_readings(" ".join(args.readings))
                )
                print(f"{fix_id}\t{args.text}\t{' '.join(args.readings)}")
            elif args.action == "remove":
                if args.id not in {stored.id for stored in corrections.reading_fixes()}:
                    print(f"reader readings: no reading fix has the id {args.id}", file=sys.stderr)
                    return 1
                corrections.remove_reading_fix(args.id)
            else:
                for stored in corrections.reading_fixes():
                    print(f"{stored.id}\t{stored.fix.text}\t{shown(stored.fix.readings)}")
    except (StoreError, ValueError) as error:
        print(f"reader readings: {error}", file=sys.stderr)
        return 1
    return 0
