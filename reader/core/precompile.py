"""Compile what a first run would (the CC-CEDICT index, the analysis tables) into the
folder the app ships beside its dictionaries (``paths.precompiled_dir``).

A build step (``packaging/build.py`` runs it before PyInstaller): ``python -m
reader.core.precompile``. The app reads these files when its cache has none; each is named after
the data, versions and format it was made from, so a file made from other data is never
found and the app compiles into its cache as before (a fresh clone has none: its first run
compiles). Each is shipped as a zip archive (``reader.core.shipped``: 53 MB of tables and
index in 17 MB), unpacked into the cache on first use. Nothing here is downloaded: it is
made from the bundled CC-CEDICT and the installed jieba, pypinyin and OpenCC (whose
faster dictionaries, ``script_conversion_dicts``, the frozen app could not make).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from reader.core import paths, script_conversion_dicts, shipped
from reader.core.analysis import word_table
from reader.core.analysis.tables import TABLES_FOLDER

_NOT_SHIPPED = {"cedict-checksums.json"}  # remembers this machine's file stamps
# Tables the app ships in another form that a first run opens as fast: the word table
# (``word_table.SHIPPED``, unpacked in 0.06 s); packed again it would be 2.2 MB twice over.
_SHIPPED_OTHERWISE = (f"{word_table.TABLE}-",)


def precompile(target: Path | None = None) -> Path:
    """Build every first-run artefact and pack each into ``target`` (default: the shipped
    folder) as ``reader.core.shipped`` reads them, replacing what it held; returns it."""
    target = target or paths.precompiled_dir()
    shutil.rmtree(target, ignore_errors=True)  # else the app would read the old ones
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=target.parent, prefix=".precompiled-"))
    packing = Path(tempfile.mkdtemp(dir=target.parent, prefix=".precompiled-packed-"))
    before = os.environ.get(paths.CACHE_DIR_ENV)
    os.environ[paths.CACHE_DIR_ENV] = str(building)
    try:
        from reader.core.analysis.pipeline import Analyzer
        from reader.core.cedict import Dictionary
        from reader.core.importing.reflow import rebuild

        dictionary = Dictionary.open()
        analyzer = Analyzer.create(dictionary=dictionary)
        # reads every table the analysis opens lazily (the neighbour votes among them)
        analyzer.analyse(rebuild(paths.seed_article().read_text(encoding="utf-8")))
        dictionary.english_index()  # compiled on the first English search: shipped too
        # OpenCC's faster dictionaries: the frozen app has no opencc_dict to make them
        script_conversion_dicts.make_dictionaries()
        pack_all(building, packing)
        for path in [packing, *packing.rglob("*")]:  # readable by every user of an install
            path.chmod(0o755 if path.is_dir() else 0o644)
        os.replace(packing, target)
    finally:
        if before is None:
            os.environ.pop(paths.CACHE_DIR_ENV, None)
        else:
            os.environ[paths.CACHE_DIR_ENV] = before
        shutil.rmtree(building, ignore_errors=True)
        shutil.rmtree(packing, ignore_errors=True)
    return target


def pack_all(built: Path, packing: Path) -> None:
    """One archive per file of ``built`` (the dictionary index) and per table folder (but
    those shipped otherwise)."""
    for path in sorted(built.iterdir()):
        if path.name in _NOT_SHIPPED or path.name.startswith("."):
            continue
        if path.name == TABLES_FOLDER:
            (packing / TABLES_FOLDER).mkdir()
            for folder in sorted(path.iterdir()):
                if folder.is_dir() and not folder.name.startswith((".", *_SHIPPED_OTHERWISE)):
                    shipped.pack(folder, shipped.archive_for(packing / TABLES_FOLDER / folder.name))
        else:
            shipped.pack(path, shipped.archive_for(packing / path.name))


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"precompiled into {precompile(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
