"""Where a release's compiled index lives in the cache, found without opening it.

The index file is named after the SHA-256 of its source (remembered by path, size and
mtime), the app version and the index schema: ``index_path_for(...).stem`` is the key that
stored analyses are checked against. Kept apart from the compiler so that the launch can
tell whether an article's stored analysis is current without importing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from reader import __version__
from reader.core import paths
from reader.core.atomic import write_bytes_atomically
from reader.core.shipped import archive_for

SCHEMA_VERSION = 2  # 2: the English search in a file of its own (``english_path_for``)
INDEX_PREFIX = "cedict-"
CHECKSUMS_FILE = "cedict-checksums.json"


def source_checksum(source: Path) -> str:
    """SHA-256 of the source file, remembered in the cache dir by path, size and mtime so
    opening the dictionary does not hash megabytes every time."""
    stat = source.stat()
    key = str(source.resolve())
    stamp = [stat.st_size, stat.st_mtime_ns]
    store = paths.cache_dir() / CHECKSUMS_FILE
    try:
        known = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    remembered = known.get(key)
    if isinstance(remembered, list) and remembered[:2] == stamp and len(remembered) == 3:
        return str(remembered[2])
    digest = hashlib.sha256()
    with source.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    known = {path: value for path, value in known.items() if Path(path).exists()}
    known[key] = [*stamp, digest.hexdigest()]
    with contextlib.suppress(OSError):  # a cache not written only costs a re-hash next time
        write_bytes_atomically(store, json.dumps(known).encode("utf-8"), overwrite=True)
    return digest.hexdigest()


def index_path_for(checksum: str) -> Path:
    """Where the index of the source with ``checksum`` is compiled: in the cache dir."""
    version = __version__.replace("+", "_")
    return paths.cache_dir() / f"{INDEX_PREFIX}{checksum[:24]}-{version}-s{SCHEMA_VERSION}.sqlite"


def english_path_for(index: Path) -> Path:
    """Where the English search of ``index`` is compiled, beside it: the first time a
    process searches it (``Dictionary.search_english``), not when the index is."""
    return index.with_name(f"{index.stem}.english.sqlite")


def shipped_index_for(checksum: str) -> Path | None:
    """The archive of the same index shipped precompiled with the app
    (``paths.precompiled_dir``, see ``reader.core.shipped``), if a build put it there for
    this very source, app version and schema."""
    shipped = archive_for(paths.precompiled_dir() / index_path_for(checksum).name)
    return shipped if shipped.is_file() else None
