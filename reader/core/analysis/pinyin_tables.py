"""pypinyin's readings and CC-CEDICT's one-reading words, compiled.

pypinyin keeps its character and phrase readings in Python modules that take most of a
second to import and tens of MB; the readings model only looks words up in them. Here
they are compiled once per pypinyin version into the cache (``tables``) and served by
``PINYIN_DICT`` and ``PHRASES_DICT``, which answer as pypinyin's dicts do (the same
values, every reading kept) and open on first use (``PINYIN_DICT``: on first import).
The shipped CC-CEDICT word table is compiled the same way (and the neighbour votes
derived from both: ``votes``).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Final

from reader import installed_version
from reader.core.analysis.tables import (
    StringMap,
    file_checksum,
    load_compiled,
    read_meta,
    write_meta,
)

_CHARS: Final = "chars.tsv"
_PHRASES: Final = "phrases.marisa"
_WORDS: Final = "words.marisa"


def _pypinyin_dicts() -> tuple[Mapping[int, str], Mapping[str, list[list[str]]]]:
    """pypinyin's ``PINYIN_DICT`` and ``PHRASES_DICT``. Its modules load them from JSON
    files beside them; those are read here the same way (keys, values and order), without
    importing pypinyin's whole package (0.25 s more where no bytecode is cached, as on a
    first run), unless pypinyin is imported already or laid out otherwise."""
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else Path()
    files = (folder / "pinyin_dict.json", folder / "phrases_dict.json")
    plain = "pypinyin" not in sys.modules and not os.environ.get("PYPINYIN_NO_PHRASES")
    if plain and all(file.is_file() for file in files):
        chars = json.loads(files[0].read_text(encoding="utf-8"))
        phrases = json.loads(files[1].read_text(encoding="utf-8"))
        return {int(code): readings for code, readings in chars.items()}, phrases
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PINYIN_DICT, PHRASES_DICT


def _save_pypinyin(folder: Path) -> None:
    char_readings, phrase_readings = _pypinyin_dicts()
    chars = "".join(f"{code}\t{readings}\n" for code, readings in char_readings.items())
    (folder / _CHARS).write_text(chars, encoding="utf-8")
    longest = StringMap.save(
        folder / _PHRASES,
        (
            (phrase, " ".join(",".join(options) for options in syllables))
            for phrase, syllables in phrase_readings.items()
        ),
    )
    write_meta(folder, {"max_phrase": longest})


def _open_pypinyin(folder: Path) -> tuple[dict[int, str], StringMap]:
    lines = (folder / _CHARS).read_text(encoding="utf-8").splitlines()
    chars = {int(code): readings for code, readings in (line.split("\t") for line in lines)}
    phrases = StringMap.open(folder / _PHRASES, int(read_meta(folder)["max_phrase"]))
    return chars, phrases


def pypinyin_version() -> str:
    """pypinyin's version (it names the tables made from it), as importlib.metadata reads it."""
    found = installed_version("pypinyin")
    if found is None:  # a build that left out its METADATA (packaging/reader.spec copies it)
        raise RuntimeError("pypinyin's version cannot be read: its METADATA is not installed")
    return found


@cache
def _pypinyin() -> tuple[dict[int, str], StringMap]:
    return load_compiled("pypinyin", [pypinyin_version()], _save_pypinyin, _open_pypinyin)


def _char_readings() -> dict[int, str]:
    return _pypinyin()[0]


def _phrase_readings() -> StringMap:
    return _pypinyin()[1]


class _PhraseReadings:
    """pypinyin's ``PHRASES_DICT``: phrase → per character the list of its readings."""

    @property
    def max_length(self) -> int:
        """The length of the longest phrase."""
        return _phrase_readings().max_length

    def get(self, phrase: str, default: list[list[str]] | None = None) -> list[list[str]] | None:
        found = _phrase_readings().get(phrase)
        if found is None:
            return default
        return [options.split(",") for options in found.split(" ")]

    def items(self) -> Iterator[tuple[str, list[list[str]]]]:
        """Every phrase with its readings (as ``get`` gives them), in one walk of the trie."""
        for phrase, found in _phrase_readings().items():
            yield phrase, [options.split(",") for options in found.split(" ")]

    def __contains__(self, phrase: object) -> bool:
        return phrase in _phrase_readings()

    def prefixes(self, text: str) -> list[str]:
        """The phrases that begin ``text``, shortest first."""
        return _phrase_readings().prefixes(text)

    def __iter__(self) -> Iterator[str]:
        return iter(_phrase_readings())

    def __len__(self) -> int:
        return len(_phrase_readings())


PHRASES_DICT: Final = _PhraseReadings()


def __getattr__(name: str) -> dict[int, str]:
    """``PINYIN_DICT``, pypinyin's code point → readings (comma-separated), loaded on first
    import: a plain dict, since it is read for every character analysed."""
    if name == "PINYIN_DICT":
        return _char_readings()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def cedict_words(path: Path) -> StringMap:
    """The shipped gzipped TSV of CC-CEDICT words (word, syllables), compiled once."""

    def build(folder: Path) -> None:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        fields = text.replace("\n", "\t").split("\t")
        longest = StringMap.save(folder / _WORDS, zip(fields[0:-1:2], fields[1::2], strict=True))
        write_meta(folder, {"max_word": longest})

    def open_words(folder: Path) -> StringMap:
        return StringMap.open(folder / _WORDS, int(read_meta(folder)["max_word"]))

    return load_compiled("cedict-words", [file_checksum(path)], build, open_words)
