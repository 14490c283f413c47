"""`reader dictionary import FILE` (a newer CC-CEDICT release) and `reader dictionary info`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.progress import Progress

if TYPE_CHECKING:  # the dictionary loads when the command runs (the GUI's launch lists us)
    from reader.core.cedict.parser import ParseError

NAME = "dictionary"
HELP = "import a newer CC-CEDICT release, or show which release is in use"
MAX_ERRORS_SHOWN = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=["import", "info"],
        help="import: use FILE (.u8, .txt, .gz or .zip from MDBG) from now on; "
        "info: show the release in use",
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="the release to import")
    parser.add_argument(
        "--force",
        action="store_true",
        help="import: use FILE even though it has far fewer entries than the release in use",
    )


def run(args: argparse.Namespace) -> int:
    from reader.core.cedict import Dictionary
    from reader.core.cedict.importing import ImportRejectedError, import_release

    data_dir = Path(args.data_dir) if args.data_dir else None
    if args.action == "info":
        dictionary = Dictionary.open(data_dir=data_dir, progress=stderr_progress())
        print(f"source: {dictionary.source}")
        print(f"release: {dictionary.release_date or 'unknown'}")
        print(f"entries: {dictionary.entry_count}")
        print(f"index: {dictionary.index}")
        return 0
    if args.file is None:
        print("reader dictionary import: which FILE?", file=sys.stderr)
        return 2
    file = Path(args.file)
    if not file.is_file():
        print(f"reader dictionary import: no such file: {file}", file=sys.stderr)
        return 1
    try:
        report = import_release(file, data_dir, stderr_progress(), force=args.force)
    except ImportRejectedError as rejected:
        _print_errors(rejected.errors)
        print(
            f"reader dictionary import: {rejected}; the dictionary in use is unchanged",
            file=sys.stderr,
        )
        return 1
    _print_errors(report.errors)
    skipped = f", {len(report.errors)} malformed lines skipped" if report.errors else ""
    print(
        f"imported {report.entry_count} entries (release {report.release_date or 'undated'})"
        f"{skipped}"
    )
    return 0


def stderr_progress() -> Progress:
    """Say on stderr what a long step (a first compile, an import) is doing, once a step."""
    shown: set[str] = set()

    def report(done: int, total: int, message: str) -> None:
        if message and message not in shown:
            shown.add(message)
            print(message if done >= total else f"{message}…", file=sys.stderr)

    return Progress(report)


def _print_errors(errors: list[ParseError]) -> None:
    for error in errors[:MAX_ERRORS_SHOWN]:
        print(f"  {error}", file=sys.stderr)
    if len(errors) > MAX_ERRORS_SHOWN:
        print(f"  … and {len(errors) - MAX_ERRORS_SHOWN} more", file=sys.stderr)
