"""OpenCC's simplified → traditional configs in a form that builds 4-5 times faster.

s2tw and s2hk cut the text at phrases of a union of two dictionaries (STPhrases and
the phrases generated from the regional ones) and convert it through a group that tries
those phrases, then STCharacters. OpenCC builds each group anew with the converter: most
of its 100-280 ms, holding Python's lock. The same lookups from one dictionary each (the
union's keys, which agree where both have one; then the characters' keys under them, all
single characters, so wherever a phrase matched it was at least as long) build in 35 ms.
They are made once per OpenCC version into the cache, by OpenCC's own ``opencc_dict`` (a
child process: Python's lock stays free), on the thread that builds a converter ahead, or
unpacked from the copy a build ships (``precompile``: the frozen app has no such tool);
until then, or if they cannot be had, the standard config is used. (s2t, with no
segmentation of its own and one group, builds in 60 ms: it stays as it is.) The folders
an earlier OpenCC made (1.9 MB each) are removed once this version's are in place.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from reader.core import paths, shipped
from reader.core.atomic import write_atomically

_PHRASES = ["STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2"]
_PHRASES_FILE, _LOOKUP_FILE = "phrases.ocd2", "lookup.ocd2"  # the faster forms' two
_CHARACTERS = "STCharacters.ocd2"
_UNION = {
    "type": "group",
    "match_policy": "union",
    "dicts": [{"type": "ocd2", "file": name} for name in _PHRASES],
}
_LOOKUP = {
    "type": "group",
    "match_policy": "short_circuit",
    "dicts": [_UNION, {"type": "ocd2", "file": _CHARACTERS}],
}


def _opencc_dir() -> Path:
    import opencc  # a C++ extension: loaded on first use, not at import of this module

    return Path(opencc.__file__).parent / "clib"


def _folder() -> Path:
    import opencc

    return paths.cache_dir() / f"opencc-{opencc.__version__}"


def made(config: str) -> Path | None:
    """The path of ``config``'s faster form if it has been made, else None."""
    path = _folder() / f"{config}.json"
    return path if path.is_file() else None


def make(config: str) -> Path | None:
    """Make ``config``'s faster form (its two dictionaries once for all configs, or
    unpacked from those a build ships); None if the config is not shaped as described
    above, the dictionaries disagree, or they can be neither made nor unpacked: the
    standard config serves then."""
    folder = _folder()
    phrases, lookup = folder / _PHRASES_FILE, folder / _LOOKUP_FILE
    if not (lookup.is_file() or _shipped().is_file() or _tool().is_file()):
        return None  # a frozen app built without them: nothing to try at each launch
    share = _opencc_dir() / "share" / "opencc"
    spec = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))
    chain = spec.get("conversion_chain") or [{}]
    if spec.get("segmentation", {}).get("dict") != _UNION or chain[0].get("dict") != _LOOKUP:
        return None  # another shape (s2t, t2s): built fast enough as it is
    try:
        if not lookup.is_file() and not (_unpacked(folder) or make_dictionaries()):
            return None
        spec = _with_paths(spec, share)
        spec["segmentation"]["dict"] = {"type": "ocd2", "file": str(phrases)}
        spec["conversion_chain"][0]["dict"] = {"type": "ocd2", "file": str(lookup)}
        text = json.dumps(spec, ensure_ascii=False)
        return write_atomically(
            folder / f"{config}.json",
            lambda temp: temp.write_text(text, encoding="utf-8"),
            overwrite=True,
        )
    except (OSError, ValueError, subprocess.SubprocessError):  # the standard config serves
        return None


def make_dictionaries() -> bool:
    """Make the faster forms' two dictionaries into the cache with ``opencc_dict`` (a
    build's precompile ships them: the frozen app has no such tool); whether they are
    there now. Raises OSError, ValueError or SubprocessError where the tool fails."""
    if not _tool().is_file():
        return False
    share = _opencc_dir() / "share" / "opencc"
    union = _entries([share / name for name in _PHRASES])
    characters = _entries([share / _CHARACTERS])
    if union is None or characters is None or any(len(k) != 1 for k in characters):
        return False
    folder = _folder()
    _write_dict(union, folder / _PHRASES_FILE)
    _write_dict(characters | union, folder / _LOOKUP_FILE)  # a phrase's value over a character's
    _remove_other_versions(folder)
    return True


def _shipped() -> Path:
    """Where a build ships this OpenCC version's two dictionaries (``precompile``)."""
    return shipped.archive_for(paths.precompiled_dir() / _folder().name)


def _unpacked(folder: Path) -> bool:
    """Whether the shipped dictionaries could be unpacked into ``folder`` (a damaged
    archive leaves nothing: they are made, where the tool is, or the standard serves)."""
    if not _shipped().is_file():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=folder, prefix=".unpacking-"))
    try:
        shipped.unpack_folder(_shipped(), building)
        if not all((building / name).is_file() for name in (_PHRASES_FILE, _LOOKUP_FILE)):
            return False
        for name in (_PHRASES_FILE, _LOOKUP_FILE):  # the lookup last: it says both are there
            os.replace(building / name, folder / name)
    except shipped.Damaged:
        return False
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _remove_other_versions(folder)
    return True


def _remove_other_versions(folder: Path) -> None:
    """The faster forms an earlier (or later) OpenCC made beside ``folder``: never read
    by this one, whose dictionaries they are not."""
    for other in folder.parent.glob("opencc-*"):
        if other != folder and other.is_dir():
            with contextlib.suppress(OSError):
                shutil.rmtree(other)


def _entries(files: list[Path]) -> dict[str, str] | None:
    """The keys and values of ``files`` together; None where two disagree on a key."""
    entries: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="reader-opencc-") as scratch:
        for file in files:
            text = Path(scratch) / f"{file.stem}.txt"
            _opencc_dict(file, "ocd2", text, "text")
            for line in text.read_text(encoding="utf-8").splitlines():
                key, value = line.split("\t", 1)
                if entries.setdefault(key, value) != value:
                    return None
    return entries


def _write_dict(entries: dict[str, str], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{key}\t{value}\n" for key, value in sorted(entries.items()))
    with tempfile.TemporaryDirectory(prefix="reader-opencc-") as scratch:
        text = Path(scratch) / "entries.txt"
        text.write_text(lines, encoding="utf-8")
        write_atomically(
            target, lambda temp: _opencc_dict(text, "text", temp, "ocd2"), overwrite=True
        )


def _tool() -> Path:
    name = "opencc_dict.exe" if sys.platform == "win32" else "opencc_dict"
    return _opencc_dir() / "bin" / name


def _opencc_dict(source: Path, source_format: str, target: Path, target_format: str) -> None:
    command = [str(_tool()), "-i", str(source), "-o", str(target), "-f", source_format]
    # (on Windows, a console program started by the windowed app opens no console window)
    hidden = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    subprocess.run(
        [*command, "-t", target_format],
        check=True,
        capture_output=True,
        timeout=60,
        creationflags=hidden,
    )


def _with_paths(node: Any, share: Path) -> Any:
    """``node`` (a config's part) with each dictionary's file name made a path in
    ``share``: the faster config lives elsewhere."""
    if isinstance(node, dict):
        named = {key: _with_paths(value, share) for key, value in node.items()}
        if "file" in named:
            named["file"] = str(share / named["file"])
        return named
    if isinstance(node, list):
        return [_with_paths(value, share) for value in node]
    return node
