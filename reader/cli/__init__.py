"""The `reader` command: the GUI by default, sub-commands for scripts.

``reader [FILE]`` opens the GUI; ``reader SUBCOMMAND ...`` runs a command-line tool on the
same core. Each sub-command is a module in this package with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from reader import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _subcommands() -> list[ModuleType]:
    from reader.cli import (
        annotate,
        dictionary,
        export_cmd,
        import_cmd,
        lists_cmd,
        lookup,
        readings_cmd,
    )

    return [lookup, dictionary, import_cmd, annotate, readings_cmd, lists_cmd, export_cmd]


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
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = {module.NAME: module for module in _subcommands()}
    if args_list and args_list[0] in commands:
        module = commands[args_list[0]]
        parser = argparse.ArgumentParser(prog=f"reader {module.NAME}", description=module.HELP)
        _add_common(parser)
        module.add_arguments(parser)
        result: int = module.run(parser.parse_args(args_list[1:]))
        return result
    args = _gui_parser().parse_args(args_list)
    from reader.ui.app import run_gui, run_smoke_test

    if args.smoke_test:
        return run_smoke_test(args.data_dir)
    return run_gui(args.file, args.data_dir)
