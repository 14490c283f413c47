"""Where the app finds its bundled data and where it keeps the user's.

Bundled data (dictionaries, seeds) sits beside the package in a source tree and in
PyInstaller's `_internal` folder (``sys._MEIPASS``) in a frozen build. User data goes to the
platform's user dirs; ``--data-dir`` or ``READER_DATA_DIR`` override it (tests, portable
installs), and ``READER_CACHE_DIR`` overrides the cache (compiled indexes, jieba's cache).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "reader"
DATA_DIR_ENV = "READER_DATA_DIR"
CACHE_DIR_ENV = "READER_CACHE_DIR"
PRECOMPILED_DIR_ENV = "READER_PRECOMPILED_DIR"
CEDICT_FILENAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def resource_root() -> Path:
    """The folder that holds `dictionaries/` and `seeds/`."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def dictionaries_dir() -> Path:
    return resource_root() / "dictionaries"


def bundled_cedict() -> Path:
    return dictionaries_dir() / CEDICT_FILENAME


def precompiled_dir() -> Path:
    """Where a build puts the compiled dictionary index and analysis tables it ships
    (``python -m reader.core.precompile``), read before the cache: each file is named after
    what it was made from, so a stale one is never found. Absent in a fresh clone.
    ``READER_PRECOMPILED_DIR`` overrides it (tests: a folder of their own or none)."""
    chosen = os.environ.get(PRECOMPILED_DIR_ENV)
    return Path(chosen) if chosen else resource_root() / "precompiled"


def seeds_dir() -> Path:
    return resource_root() / "seeds"


def seed_article() -> Path:
    """The article the app opens on its very first run."""
    return sorted(seeds_dir().glob("*.txt"))[0]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder (created on demand): argument, then environment, then platform."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_dictionary_dir(data_dir: Path) -> Path:
    """Where a CC-CEDICT release the user imported is kept, in the data folder."""
    return data_dir / "dictionary"


def cache_dir() -> Path:
    """The user's cache folder (created on demand); never the shared temp dir."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
