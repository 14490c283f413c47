"""The analysis's big tables, compiled once per data version into files that open in
milliseconds.

jieba's word frequencies, its part-of-speech model, pypinyin's phrases and CC-CEDICT's
words used to be Python dicts rebuilt (or unmarshalled) in every process: seconds of
start-up and a few hundred MB. Here each set of tables is a folder in the user cache dir,
named after a hash of everything it was made from (the source data's checksums, the
libraries' versions, ``FORMAT``), holding marisa tries and numpy arrays that are
memory-mapped, not read (but for a few small arrays read per character, which are read
whole): a process pays only for the pages it touches, and processes share them. A folder
is built under a temporary name and renamed into place when complete, so a crash never
leaves half a table where the app looks for one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, TypeVar

import marisa_trie

from reader.core import paths
from reader.core import shipped as shipped_module
from reader.core.collector import paused

# Bump when what a table folder holds or how it is made changes, so old folders are not read.
FORMAT: Final = 1
TABLES_FOLDER: Final = "tables"
T = TypeVar("T")


def compiled(
    name: str,
    inputs: Sequence[str],
    build: Callable[[Path], None],
    cache: Path | None = None,
    shipped: bool = True,
) -> Path:
    """The folder of the tables ``name`` made from ``inputs`` (versions, checksums), in the
    cache: if this version has none yet, unpacked from the archive the app ships for
    exactly these inputs (``paths.precompiled_dir``; not with an explicit ``cache``, nor
    unless ``shipped``), else (none, or a damaged one) first built by ``build`` (which
    fills the folder it is given). Other versions of ``name`` are removed from the cache
    once a new one is in place."""
    key = digest([str(FORMAT), *inputs])[:16]
    root = (cache or paths.cache_dir()) / TABLES_FOLDER
    folder = root / f"{name}-{key}"
    if folder.is_dir():
        return folder
    archive = shipped_module.archive_for(paths.precompiled_dir() / TABLES_FOLDER / folder.name)
    unpack = cache is None and shipped and archive.is_file()
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=root, prefix=f".{name}-", suffix=".building"))
    try:
        if not (unpack and _unpacked(archive, building)):
            with paused():  # a build makes hundreds of thousands of objects, no cycles
                build(building)
        try:
            os.replace(building, folder)
        except OSError:  # another process finished the same build first
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for stale in root.glob(f"{name}-*"):
        if stale != folder:
            with contextlib.suppress(OSError):
                shutil.rmtree(stale)
    return folder


def _unpacked(archive: Path, building: Path) -> bool:
    """Whether ``archive`` could be unpacked into ``building``; a damaged one leaves the
    folder empty (and the install's archive as it is)."""
    try:
        shipped_module.unpack_folder(archive, building)
    except shipped_module.Damaged:
        shutil.rmtree(building)
        building.mkdir()
        return False
    return True


def load_compiled(
    name: str,
    inputs: Sequence[str],
    build: Callable[[Path], None],
    opener: Callable[[Path], T],
    cache: Path | None = None,
) -> T:
    """``opener`` applied to the folder ``compiled`` gives; a folder it cannot read (a file
    damaged or removed on disk, or shipped so) is built again, once: it is only a cache."""
    folder = compiled(name, inputs, build, cache)
    try:
        return opener(folder)
    except Exception:  # whatever the damage, the cure is the same
        shutil.rmtree(folder, ignore_errors=True)
        return opener(compiled(name, inputs, build, cache, shipped=False))


def digest(parts: Iterable[str]) -> str:
    """SHA-256 of ``parts`` joined: the key of what a table was made from."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def file_checksum(path: Path) -> str:
    """SHA-256 of a (small, shipped) data file: part of a table's ``inputs``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_meta(folder: Path, meta: dict[str, int | str]) -> None:
    """The few numbers a table folder needs besides its files (counts, lengths)."""
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def read_meta(folder: Path) -> dict[str, int | str]:
    meta: dict[str, int | str] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return meta


def open_trie(path: Path) -> marisa_trie.Trie:
    """A saved ``marisa_trie.Trie``, memory-mapped."""
    trie = marisa_trie.Trie()
    trie.mmap(str(path))
    return trie


class StringMap(Mapping[str, str]):
    """A read-only ``str → str`` mapping in a memory-mapped marisa ``BytesTrie``: the
    lookups of a dict at a few percent of its memory and none of its loading time.
    ``fingerprint`` names its contents (the hash its folder is named after)."""

    def __init__(self, trie: marisa_trie.BytesTrie, max_length: int, fingerprint: str) -> None:
        self._trie = trie
        self.max_length = max_length  # of the longest key
        self.fingerprint = fingerprint

    @staticmethod
    def save(path: Path, items: Iterable[tuple[str, str]]) -> int:
        """Write ``items`` (one value a key) for ``open``; returns the longest key's length,
        which the caller keeps in its ``meta``."""
        pairs = [(key, value.encode("utf-8")) for key, value in items]
        marisa_trie.BytesTrie(pairs).save(str(path))
        return max((len(key) for key, _ in pairs), default=0)

    @classmethod
    def open(cls, path: Path, max_length: int) -> StringMap:
        trie = marisa_trie.BytesTrie()
        trie.mmap(str(path))
        return cls(trie, max_length, f"{path.parent.name}/{path.name}")

    def __getitem__(self, key: str) -> str:
        found = self._trie.get(key)
        if not found:
            raise KeyError(key)
        return str(found[0].decode("utf-8"))

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = self._trie.get(key)
        return str(found[0].decode("utf-8")) if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def prefixes(self, text: str) -> list[str]:
        """The keys that begin ``text``, shortest first: one walk of the trie, where asking
        for each length in turn costs a lookup a length."""
        found: list[str] = self._trie.prefixes(text)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        # iteritems: the same walk as items, a quarter faster (the votes' build walks 225,000)
        return ((key, value.decode("utf-8")) for key, value in self._trie.iteritems())


def fingerprint(mapping: Mapping[str, str]) -> str:
    """What names the contents of ``mapping``, for the ``inputs`` of tables derived from it."""
    if isinstance(mapping, StringMap):
        return mapping.fingerprint
    return hashlib.sha256(repr(sorted(mapping.items())).encode()).hexdigest()
