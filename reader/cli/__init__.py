"""The `reader` command: the GUI by default, sub-commands for scripts.

``reader [FILE]`` opens the GUI; ``reader SUBCOMMAND ...`` runs a command-line tool on the
same core. Each sub-command is a module in this package with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from reader import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _subcommands() -> list[ModuleType]:
    from reader.cli import (
        annotate,
        check_cmd,
        dictionary,
        export_cmd,
        import_cmd,
        lists_cmd,
        lookup,
        readings_cmd,
        speak,
    )

    return [
        lookup,
        dictionary,
        import_cmd,
        annotate,
        readings_cmd,
        lists_cmd,
        export_cmd,
        check_cmd,
        speak,
    ]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the user's data in DIR (default: the platform's user data folder; "
        "the READER_DATA_DIR environment variable does the same)",
    )


def _gui_parser() -> argparse.ArgumentParser:
    names = ", ".join(module.NAME for module in _subcommands())
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A reading aid for Chinese. With no sub-command it opens the app "
        f"(on FILE if given). Sub-commands: {names}; `reader COMMAND --help` for each.",
    )
    parser.add_argument("file", nargs="?", help="an article or lesson pack to open")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the main window offscreen, load the dictionary, print 'smoke test ok'",
    )
    _add_common(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    commands = {module.NAME: module for module in _subcommands()}
    args_list = _command_first(list(sys.argv[1:] if argv is None else argv), commands)
    if args_list and args_list[0] in commands:
        module = commands[args_list[0]]
        parser = argparse.ArgumentParser(prog=f"reader {module.NAME}", description=module.HELP)
        _add_common(parser)
        module.add_arguments(parser)
        args = parser.parse_args(args_list[1:])
        return _guarded(f"reader {module.NAME}", args.data_dir, lambda: int(module.run(args)))
    args = _gui_parser().parse_args(args_list)
    from reader.ui.app import run_gui, run_smoke_test

    if args.smoke_test:
        return _guarded("smoke test failed", args.data_dir, lambda: run_smoke_test(args.data_dir))
    return run_gui(args.file, args.data_dir)


def _command_first(args: list[str], commands: dict[str, ModuleType]) -> list[str]:
    """``reader --data-dir DIR import …`` read as ``reader import --data-dir DIR …``: the
    option every command has may stand before the command's name too (without this the
    name was taken for a file to open and the command refused as unrecognised)."""
    if len(args) >= 3 and args[0] == "--data-dir" and args[2] in commands:
        return [args[2], *args[:2], *args[3:]]
    if len(args) >= 2 and args[0].startswith("--data-dir=") and args[1] in commands:
        return [args[1], args[0], *args[2:]]
    return args


def _guarded(prefix: str, data_dir: str | None, run: Callable[[], int]) -> int:
    """Run a command after removing what a killed run left; a database problem that reaches
    here (damaged, locked, read-only, too new, a full disk) is a message, not a traceback."""
    from reader.core import paths
    from reader.core.cleanup import remove_leftovers
    from reader.core.store import StoreError
    from reader.core.store.database import DB_FILENAME, store_error

    try:
        folder = paths.data_dir(data_dir)
    except OSError as error:  # it could not be created: a read-only or missing drive
        where = data_dir or os.environ.get(paths.DATA_DIR_ENV) or "the user data folder"
        print(f"{prefix}: cannot use {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILURE
    remove_leftovers(folder)
    try:
        return run()
    except StoreError as error:
        print(f"{prefix}: {error}", file=sys.stderr)
    except sqlite3.Error as error:  # a read outside a transaction, locked past the timeout
        print(f"{prefix}: {store_error(error, folder / DB_FILENAME) or error}", file=sys.stderr)
    return EXIT_FAILURE
