"""pypinyin's readings, CC-CEDICT's one-reading words and the neighbour votes, compiled.

pypinyin keeps its character and phrase readings in Python modules that take most of a
second to import and tens of MB; the readings model only looks words up in them. Here
they are compiled once per pypinyin version into the cache (``tables``) and served by
``PINYIN_DICT`` and ``PHRASES_DICT``, which answer as pypinyin's dicts do (the same
values, every reading kept) and open on first use (``PINYIN_DICT``: on first import).
The shipped CC-CEDICT word table and the neighbour-vote table derived from both are
compiled the same way.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Final

from reader.core.analysis.tables import (
    StringMap,
    file_checksum,
    load_compiled,
    read_meta,
    write_meta,
)

Votes = tuple[tuple[str, int], ...]

_CHARS: Final = "chars.tsv"
_PHRASES: Final = "phrases.marisa"
_WORDS: Final = "words.marisa"
_VOTES: Final = "votes.marisa"


def _save_pypinyin(folder: Path) -> None:
    from pypinyin.constants import PHRASES_DICT as PYPINYIN_PHRASES
    from pypinyin.constants import PINYIN_DICT as PYPINYIN_CHARS

    chars = "".join(f"{code}\t{readings}\n" for code, readings in PYPINYIN_CHARS.items())
    (folder / _CHARS).write_text(chars, encoding="utf-8")
    longest = StringMap.save(
        folder / _PHRASES,
        (
            (phrase, " ".join(",".join(options) for options in syllables))
            for phrase, syllables in PYPINYIN_PHRASES.items()
        ),
    )
    write_meta(folder, {"max_phrase": longest})


def _open_pypinyin(folder: Path) -> tuple[dict[int, str], StringMap]:
    lines = (folder / _CHARS).read_text(encoding="utf-8").splitlines()
    chars = {int(code): readings for code, readings in (line.split("\t") for line in lines)}
    phrases = StringMap.open(folder / _PHRASES, int(read_meta(folder)["max_phrase"]))
    return chars, phrases


@cache
def _pypinyin() -> tuple[dict[int, str], StringMap]:
    return load_compiled("pypinyin", [version("pypinyin")], _save_pypinyin, _open_pypinyin)


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


class VoteTable:
    """Neighbour pair → (reading, count) pairs, as the readings model counted them."""

    def __init__(self, votes: StringMap) -> None:
        self._votes = votes

    def get(self, key: str, default: Votes = ()) -> Votes:
        found = self._votes.get(key)
        if found is None:
            return default
        pairs = (vote.rsplit(":", 1) for vote in found.split(","))
        return tuple((reading, int(count)) for reading, count in pairs)


def neighbour_votes(
    count: Callable[[], Mapping[str, Votes]], inputs: Sequence[str], source: Path
) -> VoteTable:
    """The votes ``count`` makes from ``inputs`` (the fingerprints of its tables and the
    polyphones), compiled once; ``source`` is the module that counts them (any change to it
    counts them again)."""

    def build(folder: Path) -> None:
        votes = count()
        StringMap.save(
            folder / _VOTES,
            (
                (key, ",".join(f"{reading}:{n}" for reading, n in pairs))
                for key, pairs in votes.items()
            ),
        )

    key = [version("pypinyin"), file_checksum(source), *inputs]
    return load_compiled(
        "votes", key, build, lambda folder: VoteTable(StringMap.open(folder / _VOTES, 0))
    )
