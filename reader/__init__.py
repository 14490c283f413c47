"""reader: a desktop reading aid for Chinese."""

import sys
from pathlib import Path


def installed_version(distribution: str) -> str | None:
    """The version of an installed distribution, read from its METADATA (None if none).

    Found as importlib.metadata finds it: the first ``<name>-*.dist-info`` along sys.path
    (a PyInstaller bundle has ours at its root, by ``copy_metadata``). Importing
    importlib.metadata (email, zipfile, csv…) took 35–70 ms of every process that asks for a
    version (ours, and pypinyin's, which names its compiled tables); this takes ~1 ms.
    """
    for folder in sys.path:
        for info in sorted(Path(folder or ".").glob(f"{distribution}-*.dist-info")):
            try:
                with open(info / "METADATA", encoding="utf-8") as stream:
                    for line in stream:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():  # the headers end at the first blank line
                            break
            except OSError:
                continue
    return None


__version__ = installed_version("reader") or "0.0.0+unknown"  # a tree never installed
