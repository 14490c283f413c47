"""Entry point of the frozen program: the same `reader` command as `uv run reader`.

On Windows the windowed Reader.exe has no console: its output would vanish (and writing it
crashed). Given a command-line command it says, in a message box, to use reader-cli.exe.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

PRINTING_OPTIONS = {"-h", "--help", "--version"}


def console_command(argv: Sequence[str]) -> str | None:
    """The command-line command in `argv` that needs a console to print, if any."""
    from reader.cli import _subcommands

    if argv and (argv[0] in PRINTING_OPTIONS or argv[0] in {m.NAME for m in _subcommands()}):
        return argv[0]
    return None


def refusal(command: str) -> str:
    return (
        f"Reader.exe opens the app window and cannot print the output of `{command}`.\n\n"
        f"Run it from a terminal with reader-cli.exe, installed beside Reader.exe:\n"
        f"    reader-cli {command} ..."
    )


def main() -> int:
    windowed = sys.platform == "win32" and sys.stdout is None
    command = console_command(sys.argv[1:]) if windowed else None
    if command is not None:
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, refusal(command), "Reader", 0x40)  # type: ignore[attr-defined]
        return 2
    from reader.cli import main as reader_main

    return reader_main()


if __name__ == "__main__":
    raise SystemExit(main())
