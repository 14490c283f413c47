"""`reader lists`: the word lists in the user's database, one per line, for scripts.

Each line is ``ID<TAB>WORDS<TAB>NAME``; the name or the id is what `reader export` takes.
"""

from __future__ import annotations

import argparse
import sys

NAME = "lists"
HELP = "print the word lists (id, number of words, name), one per line"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond --data-dir."""


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.store import Store, StoreError

    try:
        with Store.open(db_path(args)) as store:
            for word_list in store.vocab.lists():
                print(f"{word_list.id}\t{word_list.word_count}\t{word_list.name}")
    except StoreError as error:
        print(f"reader lists: {error}", file=sys.stderr)
        return 1
    return 0
