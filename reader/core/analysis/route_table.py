"""What jieba's route needs at each character, looked up for a whole block of text at once.

jieba's route asks, at every character, which words of its list start there and how
likely each is. Asked of the trie one character at a time (or of a memo of character
pairs filled as a text is read), that is most of the cost of cutting a text new to the
analyzer. Almost every answer is decided by the character, the pair it starts and the
triple: which of them are words, and whether a longer word starts with the pair or the
triple. Those facts are compiled once per word list into sorted arrays of pairs and
triples (their code points packed into one integer) and an array of characters, so that
``RouteTable.lookup`` answers every position of a block with a few numpy searches; only
a position where a word of four characters or more may start is left to the trie. The
route itself (``best_ends``) is then worked out for all the block's sentences at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from reader.core.analysis.wordfreq import WordFrequencies

# Bump when what the table holds or how it is made changes.
FORMAT: Final = 1
_ARRAYS: Final = (
    "char_ids",
    "pair_keys",
    "pair_ids",
    "pair_long",
    "triple_keys",
    "triple_ids",
    "triple_long",
)
_BITS: Final = 21  # a code point fits in 21 bits, a triple of them in 63
# ``Position.size``: a position whose words need the trie (a word of four or more may
# start there), and one with several candidate words (their weights in w1, w2, w3)
TRIE: Final = -1
SEVERAL: Final = 0
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
# Below this many sentences still being routed, a step of the batched route (~20 us of
# numpy calls) costs more than routing their remaining positions one by one in Python
# (the novel's 300k characters: 8 → 96 ms, 24 → 90, 64 → 79, 200 → 94)
_BATCHED_STEP: Final = 64


class Positions(NamedTuple):
    """Per position of a block: ``size``, the length of the only word starting there (or
    ``TRIE`` or ``SEVERAL``); ``single``, that word's weight; ``w1``, ``w2``, ``w3``, the
    weights of the words of one, two and three characters starting there (NaN: none),
    for the positions of several."""

    size: Ints
    single: Floats
    w1: Floats
    w2: Floats
    w3: Floats

    def candidates(self, longer: dict[int, list[tuple[int, float]]], alone: float) -> Floats:
        """[positions, longest]: the weight of the word of each length starting at each
        position (-inf: none), the words at the ``TRIE`` positions given by ``longer``
        (position → (length, weight) of each; none: the character alone, weighing
        ``alone``)."""
        n = len(self.size)
        width = max([3, *(length for found in longer.values() for length, _ in found)])
        weights = np.full((n, width), -np.inf)
        one = np.flatnonzero(self.size > 0)
        weights[one, self.size[one] - 1] = self.single[one]
        several = self.size == SEVERAL
        for column, given in enumerate((self.w1, self.w2, self.w3)):
            weights[several, column] = np.where(np.isnan(given), -np.inf, given)[several]
        for k, found in longer.items():
            for length, weight in found or [(1, alone)]:
                weights[k, length - 1] = weight
        return weights


def route_arrays(words: WordFrequencies) -> dict[str, npt.NDArray[np.generic]]:
    """The table's arrays for the words of ``words``'s trie (trie ids, so that weights
    come from the word list's frequencies whatever its total)."""
    trie = words.trie
    keys = list(map(trie.restore_key, range(len(trie))))  # in id order: twice as fast
    lengths = np.fromiter(map(len, keys), np.int64, len(keys))
    trie_ids = np.arange(len(keys), dtype=np.int64)
    codes = _codes("".join(keys))
    starts = np.cumsum(lengths) - lengths
    first = codes[starts]
    chars = lengths == 1
    char_ids = np.full(int(first.max(initial=0)) + 1, -1, dtype=np.int64)
    char_ids[first[chars]] = trie_ids[chars]
    arrays: dict[str, npt.NDArray[np.generic]] = {"char_ids": char_ids}
    for name, size in (("pair", 2), ("triple", 3)):
        has = lengths >= size
        key = np.zeros(int(has.sum()), dtype=np.int64)
        for i in range(size):
            key = (key << _BITS) | codes[starts[has] + i]
        unique, inverse = np.unique(key, return_inverse=True)
        own = np.full(len(unique), -1, dtype=np.int64)
        whole = lengths[has] == size
        own[inverse[whole]] = trie_ids[has][whole]
        longer = np.zeros(len(unique), dtype=np.bool_)
        longer[inverse[~whole]] = True
        arrays[f"{name}_keys"], arrays[f"{name}_ids"] = unique, own
        arrays[f"{name}_long"] = longer
    return arrays


def save_route_table(folder: Path, words: WordFrequencies) -> None:
    for name, array in route_arrays(words).items():
        np.save(folder / f"{name}.npy", array)


def _codes(text: str) -> Ints:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


class RouteTable:
    """The compiled facts; ``lookup`` reads them for the positions of a block."""

    def __init__(self, arrays: dict[str, npt.NDArray[np.generic]]) -> None:
        self._char_ids: Ints = np.asarray(arrays["char_ids"], dtype=np.int64)
        self._keys = [np.asarray(arrays[f"{n}_keys"], dtype=np.int64) for n in ("pair", "triple")]
        self._ids = [np.asarray(arrays[f"{n}_ids"], dtype=np.int64) for n in ("pair", "triple")]
        self._long = [np.asarray(arrays[f"{n}_long"], dtype=np.bool_) for n in ("pair", "triple")]

    @classmethod
    def open(cls, folder: Path) -> RouteTable:
        return cls({name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS})

    def lookup(self, text: str, weights: Sequence[float], total: int) -> Positions:
        """``Positions`` of ``text``, blocks of Hanzi joined by NUL (no word holds one, so
        no pair or triple reaches over it); ``weights``: per trie id, its word's weight."""
        codes = _codes(text)
        n = len(codes)
        weight = np.frombuffer(memoryview(weights), dtype=np.float64)  # type: ignore[arg-type]
        nan = np.full(n, np.nan)
        inside = codes < len(self._char_ids)
        char = np.where(inside, self._char_ids[np.where(inside, codes, 0)], -1)
        w1 = np.where(char >= 0, weight[np.maximum(char, 0)], nan)
        following = np.concatenate([codes[1:], [0, 0]])
        pair_key = (codes << _BITS) | following[:n]
        w2, pair_long = self._find(0, pair_key, weight)
        # a triple is only asked about where its pair is long (a fifth of the positions)
        asked = np.flatnonzero(pair_long)
        w3 = nan.copy()
        triple_long = np.zeros(n, dtype=np.bool_)
        w3[asked], triple_long[asked] = self._find(
            1, (pair_key[asked] << _BITS) | following[asked + 1], weight
        )
        present = ~np.isnan(np.stack([w1, w2, w3]))
        count = present.sum(axis=0)
        # the only word's length, or 1 for a character no word starts with (jieba: log 1)
        only = np.where(count == 1, present.argmax(axis=0) + 1, 1)
        size = np.where(count > 1, SEVERAL, only)
        size = np.where(pair_long & triple_long, TRIE, size)
        stacked = np.stack([w1, w2, w3])
        single = np.where(
            count == 1,
            stacked[np.minimum(only - 1, 2), np.arange(n)],
            0.0 - math.log(total),
        )
        return Positions(size, single, w1, w2, w3)

    def _find(
        self, k: int, key: Ints, weight: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """For pairs (``k`` 0) or triples (1): the weight of the word each key is (NaN:
        none) and whether a longer word starts with it."""
        keys = self._keys[k]
        if not len(keys):
            return np.full(len(key), np.nan), np.zeros(len(key), dtype=np.bool_)
        # asked in ascending order, each search starts from the last one's answer: the
        # table's pages are read in turn, not at random (a quarter faster); equal keys
        # have equal answers, so the sort need not be stable (numpy's quicksort, 6x faster)
        order = np.argsort(key)
        at = np.empty(len(key), dtype=np.int64)
        at[order] = np.minimum(np.searchsorted(keys, key[order]), len(keys) - 1)
        found = keys[at] == key
        ids = np.where(found, self._ids[k][at], -1)
        return np.where(ids >= 0, weight[np.maximum(ids, 0)], np.nan), found & self._long[k][at]


def best_ends(weights: Floats, lengths: Sequence[int]) -> list[list[int]]:
    """jieba's route (``calc``) of sentences joined by NUL, from ``weights`` (``candidates``
    of their positions): per sentence, where the best word starting at each of its
    positions ends (``route[k][1] + 1``).

    A position's best log-probability is the greatest of its words' weights plus the best
    from where each ends (the same float additions as jieba's), the longer word winning a
    tie. It depends only on positions nearer its sentence's end, so the positions at the
    same distance from their ends are routed together, one numpy step for all sentences;
    when few sentences are left (long ones), their remaining positions go one by one."""
    n, width = weights.shape
    sizes = np.array(lengths, dtype=np.int64)
    starts = np.cumsum(sizes + 1) - sizes - 1
    own_start = np.repeat(starts, sizes + 1)[:n]  # each position's sentence (its NUL too)
    distance = np.repeat(starts + sizes, sizes + 1)[:n] - np.arange(n)  # a NUL's is 0
    order = np.argsort(distance, kind="stable")
    counts = np.bincount(distance, minlength=1).tolist()
    best = np.zeros(n + width)  # 0 at each sentence's end (its NUL) and past the last
    size = np.ones(n, dtype=np.int64)
    steps = np.arange(1, width + 1)
    at = counts[0]
    for count in counts[1:]:
        if count < _BATCHED_STEP:
            break
        here = order[at : at + count]
        at += count
        sums = weights[here] + best[here[:, None] + steps]
        last = width - 1 - sums[:, ::-1].argmax(axis=1)  # the last of equals: the longest
        best[here] = sums[np.arange(count), last]
        size[here] = last + 1
    if at < n:
        _route_one_by_one(order[at:].tolist(), weights, best, size)
    ends = (np.arange(n) + size - own_start).tolist()
    firsts = starts.tolist()
    return [ends[start : start + length] for start, length in zip(firsts, lengths, strict=True)]


def _route_one_by_one(positions: list[int], weights: Floats, best: Floats, size: Ints) -> None:
    """``best_ends``' step for ``positions`` (each after those it depends on), in Python:
    the same sums and the same ties."""
    best_of = best.tolist()
    rows = weights[positions].tolist()
    for k, row in zip(positions, rows, strict=True):
        top, chosen = -math.inf, 1
        for length, weight in enumerate(row, 1):
            probability = weight + best_of[k + length]
            if probability >= top:  # an absent word (-inf) never beats a present one
                top, chosen = probability, length
        best_of[k] = top
        size[k] = chosen
