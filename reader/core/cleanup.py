"""What a killed process leaves behind, removed at the next start.

Every file the app writes goes to a temporary name first (``reader.core.atomic``); a
SIGKILL or a power cut between the write and the rename leaves that temporary file, and
some are large (a dictionary index being compiled is over 13 MB). They are named after the
process that wrote them, so this removes only those whose process is gone, in the places
the app writes to: the data folder, its backups and imported dictionary, the cache of
compiled indexes, and the folder the last export went to. It runs before the window's
first paint, so it imports nothing heavy (not the dictionary).
"""

from __future__ import annotations

from pathlib import Path

from reader.core import paths
from reader.core.atomic import remove_stale_temps
from reader.core.settings import load_settings
from reader.core.store.database import BACKUP_DIRNAME


def remove_leftovers(data_dir: Path) -> list[Path]:
    """Delete the abandoned temporary files the app may have left; returns them."""
    folders = [
        data_dir,
        data_dir / BACKUP_DIRNAME,
        paths.user_dictionary_dir(data_dir),
        paths.cache_dir(),
    ]
    export_folder = load_settings(data_dir).export_folder
    if export_folder:
        folders.append(Path(export_folder))
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        removed += remove_stale_temps(folder)
    return removed
