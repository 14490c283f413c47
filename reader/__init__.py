"""reader: a desktop reading aid for Chinese."""

import sys
from pathlib import Path


def _installed_version() -> str:
    """The version pyproject.toml gave the installed distribution, read from its METADATA.

    Found as importlib.metadata finds it: the first ``reader-*.dist-info`` along sys.path
    (a PyInstaller bundle has it at its root, by ``copy_metadata``). Importing
    importlib.metadata (email, zipfile, csv…) took ~35 ms of every launch; this takes ~1 ms.
    """
    for folder in sys.path:
        for info in sorted(Path(folder or ".").glob("reader-*.dist-info")):
            try:
                with open(info / "METADATA", encoding="utf-8") as stream:
                    for line in stream:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():  # the headers end at the first blank line
                            break
            except OSError:
                continue
    return "0.0.0+unknown"  # running from a tree that was never installed


__version__ = _installed_version()
