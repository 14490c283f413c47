"""The neighbour votes: how the dictionary words read a polyphone beside a neighbour.

Counting them walks CC-CEDICT's and pypinyin's 225,000 words (a second of a first run).
They depend only on shipped data and pinned versions, so the counted table ships too
(``SHIPPED``, made by ``python -m reader.core.analysis.votes``), under the key of what it
was counted from (``votes_key``): pypinyin's version, the fingerprint of CC-CEDICT's word
table, the model's polyphones and this module's checksum. A first run whose key is the
shipped one compiles the shipped table; any other counts anew, as the cache always did.
A test counts them again and compares, so the shipped table cannot go stale unnoticed.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from reader.core.analysis.pinyin_tables import pypinyin_version
from reader.core.analysis.tables import StringMap, digest, file_checksum, load_compiled
from reader.core.atomic import write_bytes_atomically

Votes = tuple[tuple[str, int], ...]

SHIPPED: Final = Path(__file__).resolve().parent / "data" / "neighbour_votes.tsv.gz"
_VOTES: Final = "votes.marisa"
_KEY_LINE: Final = "#key\t"


def neighbour_keys(text: str, i: int) -> list[str]:
    """The keys of ``text[i]`` in the votes: the pair with its left neighbour ("钢琴1"
    for 琴), then the pair with its right one ("弹钢0" for 弹), where they exist."""
    pairs = (text[i - 1 : i + 1] + "1" if i else "", text[i : i + 2] + "0")
    return [key for key in pairs if len(key) == 3]


def count_votes(
    polyphones: frozenset[str],
    char_readings: Mapping[int, str],
    words: Iterable[tuple[str, Sequence[str]]],
) -> dict[str, Votes]:
    """Per pair of characters in a dictionary word and the index (0 or 1) of a polyphone
    in it ("盛饭0"): each reading that character has in the ``words`` (word, its
    syllables) with that pair, and in how many; per polyphone the model does not know
    ("颇"): each reading it has in the words, and in how many. ``char_readings`` is
    pypinyin's table (code point → comma-separated readings)."""
    # the other characters with more than one reading in pypinyin's table
    others = {chr(code) for code, readings in char_readings.items() if "," in readings}
    others -= polyphones
    counts: dict[str, dict[str, int]] = {}
    for word, syllables in words:
        for i, char in enumerate(word):
            if char in polyphones:
                keys = neighbour_keys(word, i)
            elif char in others:
                keys = [char]
            else:
                continue
            reading = syllables[i]
            for key in keys:
                votes = counts.get(key)
                if votes is None:
                    counts[key] = {reading: 1}
                else:
                    votes[reading] = votes.get(reading, 0) + 1
    return {key: tuple(votes.items()) for key, votes in counts.items()}


class VoteTable:
    """Neighbour pair → (reading, count) pairs, as ``count_votes`` counted them."""

    def __init__(self, votes: StringMap) -> None:
        self._votes = votes

    def get(self, key: str, default: Votes = ()) -> Votes:
        found = self._votes.get(key)
        if found is None:
            return default
        pairs = (vote.rsplit(":", 1) for vote in found.split(","))
        return tuple((reading, int(count)) for reading, count in pairs)


def votes_key(inputs: Sequence[str]) -> str:
    """What names the votes counted from ``inputs`` (the fingerprint of CC-CEDICT's word
    table, the polyphones), with pypinyin's version and this module's checksum."""
    parts = [pypinyin_version(), file_checksum(Path(__file__)), *inputs]
    return digest(parts)


def _joined(pairs: Votes) -> str:
    return ",".join([f"{reading}:{n}" for reading, n in pairs])


def votes_tsv(key: str, votes: Mapping[str, Votes]) -> str:
    """The shipped form of ``votes``: a key line, then ``pair<TAB>reading:n,reading:n``."""
    lines = (f"{pair}\t{_joined(pairs)}\n" for pair, pairs in votes.items())
    return _KEY_LINE + key + "\n" + "".join(lines)


def _shipped(key: str) -> Iterable[tuple[str, str]] | None:
    """The shipped votes as (pair, joined votes), if they were counted under ``key``."""
    try:
        text = gzip.decompress(SHIPPED.read_bytes()).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError):
        return None
    head, _, rows = text.partition("\n")
    if head != _KEY_LINE + key:
        return None
    fields = rows.replace("\n", "\t").split("\t")
    return zip(fields[0:-1:2], fields[1::2], strict=True)


def neighbour_votes(count: Callable[[], Mapping[str, Votes]], inputs: Sequence[str]) -> VoteTable:
    """The votes ``count`` makes from ``inputs``, compiled once into the cache: from the
    shipped table where it was counted from the same, else counted."""
    key = votes_key(inputs)

    def build(folder: Path) -> None:
        found = _shipped(key)
        if found is None:
            found = ((pair, _joined(pairs)) for pair, pairs in count().items())
        StringMap.save(folder / _VOTES, found)

    return load_compiled(
        "votes", [key], build, lambda folder: VoteTable(StringMap.open(folder / _VOTES, 0))
    )


def main() -> int:
    """Count the votes and write ``SHIPPED``: after any change to what they are made of."""
    from reader.core.analysis.readings import ReadingModel

    model = ReadingModel.load()
    key, votes = model.neighbour_votes_key(), model.count_neighbour_votes()
    packed = gzip.compress(votes_tsv(key, votes).encode("utf-8"), 9, mtime=0)
    write_bytes_atomically(SHIPPED, packed, overwrite=True)
    print(f"{len(votes):,} neighbour votes written to {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
