"""The readings model's table of dictionary words: what it would work out for each word of
the segmenter's list on first meeting it, derived once and shipped.

A new text's words are mostly dictionary words, and the model's first work on each is the
same whatever the text: the readings of a word no sentence changes (``ReadingModel.
_static_readings``: 长大 zhang3 da4), or else, per character, its readings in pypinyin's
and CC-CEDICT's phrases (``ReadingModel._phrases``). Both are kept here for the 190,000
simplified words of the segmenter's list (``table_words``), in a marisa trie that is
memory-mapped where it ships (``SHIPPED``, made by ``python -m
reader.core.analysis.word_readings``), under the key of what they were derived from
(``table_key``): the model's data (pypinyin's version, the fingerprint of CC-CEDICT's
words, the model's candidate readings, the neighbour votes' key), the byte order and the
checksums of the modules that derive them. With another key, or a file that cannot be
read, the model works each word out as before. A test derives the table again and
compares, so the shipped table cannot go stale unnoticed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

import marisa_trie

from reader.core.analysis.pinyin_tables import pypinyin_version
from reader.core.analysis.tables import digest, file_checksum
from reader.core.atomic import write_bytes_atomically
from reader.core.script_conversion import is_simplified

Reading = tuple[str, ...]
Phrases = tuple[tuple[str | None, ...], tuple[str | None, ...]]

# Bump when what the table holds or how it is written changes.
FORMAT: Final = 1
SHIPPED: Final = Path(__file__).resolve().parent / "data" / "word_readings.marisa"
_KEY: Final = "#key"  # no word of the list is ASCII
_STATIC: Final = "="  # the value of a word read the same in every sentence: "=yin2 hang2"
_ANALYSIS: Final = Path(__file__).resolve().parent
# the modules whose code derives the table, besides this one
_DERIVING: Final = (_ANALYSIS / "readings.py", _ANALYSIS / "g2p" / "rules.py")


def table_key(inputs: Sequence[str]) -> str:
    """What names the table derived from the model's data ``inputs``."""
    checksums = [file_checksum(path) for path in (Path(__file__), *_DERIVING)]
    parts = [str(FORMAT), pypinyin_version(), sys.byteorder, *checksums, *inputs]
    return digest(parts)


class WordReadings:
    """Word → its static readings, or its phrase readings: ``ReadingModel``'s first work
    on the word, as ``derived`` wrote it."""

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self._trie = trie

    @classmethod
    def open(cls, key: str, path: Path = SHIPPED) -> WordReadings | None:
        """The table at ``path`` if it was derived under ``key``, else None."""
        trie = marisa_trie.BytesTrie()
        try:
            trie.mmap(str(path))
            found = trie.get(_KEY)
        except Exception:  # missing or damaged: marisa says so in several ways
            return None
        if not found or found[0] != key.encode():
            return None
        return cls(trie)

    def get(self, word: str) -> str | None:
        """The value written for ``word`` (``static``, ``phrases``), or None."""
        found = self._trie.get(word)
        return found[0].decode() if found else None

    def words(self) -> Iterator[tuple[str, str]]:
        return ((word, value.decode()) for word, value in self._trie.iteritems() if word != _KEY)


def static(value: str) -> Reading | None:
    """A word's static readings from its ``value``, or None if its sentence decides them."""
    return tuple(value[1:].split(" ")) if value[:1] == _STATIC else None


def phrases(value: str) -> Phrases | None:
    """A word's phrase readings from its ``value``, or None if it is read statically."""
    if value[:1] == _STATIC:
        return None
    pp: list[str | None] = []
    cc: list[str | None] = []
    for char in value.split(" "):
        mine, bar, theirs = char.partition("|")
        pp.append(mine or None)
        cc.append((theirs if bar else mine) or None)
    return tuple(pp), tuple(cc)


def _encoded(found: Phrases) -> str:
    """What ``phrases`` reads back: a character's two phrase readings once where they
    agree, else as ``pp|cc`` (None as nothing)."""
    pp, cc = found
    return " ".join(
        (p or "") if p == c else f"{p or ''}|{c or ''}" for p, c in zip(pp, cc, strict=True)
    )


def derived(
    words: Iterable[str],
    static_readings: Callable[[str], Reading | None],
    phrase_readings: Callable[[str], Phrases],
) -> Iterator[tuple[str, str]]:
    """Each of ``words`` with its value, from the model's own functions."""
    for word in words:
        readings = static_readings(word)
        if readings is not None:
            yield word, _STATIC + " ".join(readings)
        else:
            yield word, _encoded(phrase_readings(word))


def table_words(vocabulary: Iterable[str]) -> list[str]:
    """The words of the segmenter's ``vocabulary`` the table holds: the simplified ones (the
    model reads traditional text through its simplified twin), 190,000 of 290,000."""
    return [word for word in vocabulary if is_simplified(word)]


def packed(key: str, items: Iterable[tuple[str, str]]) -> bytes:
    """The file of the table of ``items`` (word, value) under ``key``."""
    pairs = [(word, value.encode()) for word, value in items]
    table: bytes = marisa_trie.BytesTrie([*pairs, (_KEY, key.encode())]).tobytes()
    return table


def main() -> int:
    """Derive the table for the segmenter's words and write ``SHIPPED``: after any change
    to what it is derived from (its test says so)."""
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.readings import ReadingModel

    model = ReadingModel.load(shipped=False)
    words = table_words(Analyzer.create(readings=model).segmenter.vocabulary())
    table = packed(model.word_readings_key(), model.derive_word_readings(words))
    write_bytes_atomically(SHIPPED, table, overwrite=True)
    print(f"{len(words):,} words' readings written to {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
