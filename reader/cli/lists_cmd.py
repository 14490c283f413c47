"""`reader lists`: the word lists in the user's database, one per line, for scripts.

Each line is ``ID<TAB>WORDS<TAB>NAME``; the name or the id is what `reader export` and
`reader check` take. ``--mark-class LIST`` / ``--unmark-class LIST`` mark a list as part of
the class's taught vocabulary (what `reader check` uses by default); ``--class`` prints
only the lists so marked.
"""

from __future__ import annotations

import argparse
import sys

NAME = "lists"
HELP = "print the word lists (id, number of words, name), one per line; mark class lists"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mark-class", metavar="LIST", action="append", default=[],
        help="mark LIST (name or id) as taught to the class (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--unmark-class", metavar="LIST", action="append", default=[],
        help="take LIST out of the class's lists (repeatable)",
    )  # fmt: skip
    parser.add_argument("--class", dest="only_class", action="store_true",
                        help="print only the class's lists")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.export.from_store import find_list
    from reader.core.store import ListNotFoundError, Store, StoreError

    try:
        with Store.open(db_path(args)) as store:
            for name, marked in [(n, True) for n in args.mark_class] + [
                (n, False) for n in args.unmark_class
            ]:
                store.vocab.mark_class_list(find_list(store, name).id, marked)
            class_ids = store.vocab.class_list_ids()
            for word_list in store.vocab.lists():
                if args.only_class and word_list.id not in class_ids:
                    continue
                print(f"{word_list.id}\t{word_list.word_count}\t{word_list.name}")
    except ListNotFoundError as error:
        print(f"reader lists: {error.args[0]}", file=sys.stderr)
        return 1
    except StoreError as error:
        print(f"reader lists: {error}", file=sys.stderr)
        return 1
    return 0
