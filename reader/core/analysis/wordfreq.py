"""jieba's word frequencies as a memory-mapped trie, and a jieba tokenizer that cuts with it.

jieba keeps its prefix dictionary (every word and every prefix of one, ~600,000 keys for
our word list) as a Python dict, rebuilt or unmarshalled in each process: most of a second
and ~70 MB. ``WordFrequencies`` holds the words in a marisa trie with their frequencies in
arrays beside it; ``TrieTokenizer`` is jieba's own tokenizer (its regexes, HMM and cut
loop unchanged) whose word graph and route come from the trie: one C call per character
finds every word starting there with its log-frequency, which is faster than jieba's
character-by-character dict probes and gives the same cut (same candidates, same sums in
the same order).
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import marisa_trie
import numpy as np

from reader.core.analysis.jieba_data import imported_jieba
from reader.core.analysis.new_words import hmm_cut, hmm_cuts
from reader.core.analysis.route_table import TRIE, RouteTable, best_ends, route_arrays
from reader.core.analysis.tables import open_trie, read_meta
from reader.core.analysis.word_table import FREQ, GUIDE, LOG_FREQ, LONG_STARTS, LONGER_STARTS, WORDS

jieba = imported_jieba()  # and with it jieba.finalseg, the HMM for new words
if TYPE_CHECKING:
    from jieba import Tokenizer
else:
    Tokenizer = jieba.Tokenizer

# The HMM's cuts of the runs of single characters it is asked about (they repeat a lot)
_HMM_MEMO: Final = 1 << 16


_JIEBA_HANZI: Final = re.compile("[\u4e00-\u9fd5]+")


def _one_block(sentence: str) -> bool:
    """Whether ``sentence`` is all Hanzi jieba knows (one block to it, no split by its
    regexes); one regex match, three times faster than the min and max of its characters."""
    return _JIEBA_HANZI.fullmatch(sentence) is not None


class WordFrequencies:
    """jieba's ``FREQ``: word → frequency, ``in`` for words and their prefixes (as jieba's
    prefix dict), and the user's additions on top (``__setitem__``, as ``add_word`` does)."""

    def __init__(self, folder: Path) -> None:
        meta = read_meta(folder)
        self.trie = open_trie(folder / WORDS)
        # Python arrays (2 MB each): read per word and per candidate, and an array's item
        # is a plain int or float, many times faster to get than a numpy scalar
        self._freq = array("q", np.load(folder / FREQ).tobytes())
        self.log_freq = array("d", np.load(folder / LOG_FREQ).tobytes())
        self._guide = np.load(folder / GUIDE).tobytes()
        # the first two characters of every word of three or more
        self.long_starts = open_trie(folder / LONG_STARTS)
        self.longer_starts = open_trie(folder / LONGER_STARTS)  # and of four or more
        self.total = int(meta["total"])
        self.max_word_length = int(meta["max_word_length"])
        self.added: dict[str, int] = {}
        self._added_trie: marisa_trie.Trie | None = None
        self.longest_added = 0

    def get(self, word: str, default: int | None = None) -> int | None:
        if word in self.added:
            return self.added[word]
        index = self.trie.get(word)
        return default if index is None else self._freq[index]

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, freq: int) -> None:
        self.added[word] = freq
        self._added_trie = None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (
            word in self.added or next(self.trie.iterkeys(word), None) is not None
        )

    def is_guide(self, word: str) -> bool:
        """Whether ``word`` came from jieba's own list only (it steers cuts, not a unit)."""
        if len(word) < 2:  # guides are words of two characters or more
            return False
        index = self.trie.get(word)
        return index is not None and bool(self._guide[index])

    def is_unit(self, word: str) -> bool:
        """Whether ``word`` has a frequency and is no guide (``get`` and not ``is_guide``,
        in one look at the trie: the segmenter asks it of every piece it shows)."""
        if word in self.added:
            return bool(self.added[word]) and not self.is_guide(word)
        index = self.trie.get(word)
        if index is None or not self._freq[index]:
            return False
        return len(word) < 2 or not self._guide[index]

    def added_trie(self) -> marisa_trie.Trie | None:
        """The user's additions as a trie (rebuilt after a change), or None if there are none."""
        if self._added_trie is None and self.added:
            self._added_trie = marisa_trie.Trie(self.added)
            self.longest_added = max(map(len, self.added))
        return self._added_trie


class _WordGraph(Mapping[int, list[int]]):
    """jieba's DAG (start → ends of the words there), kept as, per start, each (end,
    log-frequency) pair for the route; the ends alone are only made when asked for."""

    def __init__(self, weights: list[list[tuple[int, float]]]) -> None:
        self.weights = weights

    def __getitem__(self, start: int) -> list[int]:
        if not 0 <= start < len(self.weights):
            raise KeyError(start)
        return [end for end, _ in self.weights[start]]

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.weights)))

    def __len__(self) -> int:
        return len(self.weights)


class TrieTokenizer(Tokenizer):  # type: ignore[misc]
    """A jieba tokenizer over ``WordFrequencies`` instead of its dict; ready at once."""

    def __init__(self, words: WordFrequencies, route: RouteTable | None = None) -> None:
        super().__init__()
        self.FREQ = words
        self.total = words.total
        self.initialized = True
        self._route = route or RouteTable(route_arrays(words))
        self._weights_total = 0
        self._weights_of_total = array("d")
        self._hmm: dict[str, tuple[str, ...]] = {}
        self._ready: dict[str, list[str]] = {}  # the cuts ``prepare`` made

    def prepare(self, sentences: Iterable[str]) -> None:
        """Cut ``sentences`` (runs of Hanzi about to be cut) in one batch, for ``cut_han``
        to take: their routes from the table read for all their positions at once (the
        user's words, where there are any, are not in it: those routes are found as jieba
        finds them), and the runs of single characters new to the HMM decoded together."""
        blocks = [s for s in sentences if _one_block(s)]
        self._ready = {}
        if not blocks:
            return
        new: list[tuple[list[str], int, str]] = []  # (cut, index, run): runs for the HMM
        for sentence, ends in zip(blocks, self._routes(blocks), strict=True):
            cut: list[str] = []
            self._cut_block(sentence, ends, cut, new)
            self._ready[sentence] = cut
        runs = list(dict.fromkeys(run for _, _, run in new))
        self._remember_cuts(runs, hmm_cuts(runs))
        for cut, index, run in reversed(new):  # last first: earlier indexes stay right
            cut[index : index + 1] = self._hmm[run]

    def prepared(self) -> Iterable[list[str]]:
        """The cuts ``prepare`` made that ``cut_han`` has not taken yet."""
        return self._ready.values()

    def cut_han(self, sentence: str) -> list[str]:
        """``list(self.cut(sentence, HMM=True))``, made several times faster: the word
        graph and the route in one loop over the characters (no graph or route objects)
        from what ``RouteTable`` says of each position, the frequencies' logs less the
        total's log taken once per total, and the HMM's answers remembered. The same
        floats in the same order, so the same cut (``tests/test_engine_tables.py``
        compares it with jieba's)."""
        words = self._ready.pop(sentence, None)
        if words is not None:
            return words
        words = []
        if _one_block(sentence):
            self._cut_block(sentence, self._routes([sentence])[0], words)  # one block, no regex
            return words
        for block in jieba.re_han_default.split(sentence):
            if not block:
                continue
            if jieba.re_han_default.match(block):
                self._cut_block(block, self._routes([block])[0], words)
            else:  # jieba: whitespace whole, any other character alone
                for piece in jieba.re_skip_default.split(block):
                    if jieba.re_skip_default.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _weights(self) -> array[float]:
        """Per trie id, its word's log-frequency less the log of the total (as jieba's
        ``calc`` computes it for each candidate), remade when the total changes."""
        if self._weights_total != self.total:
            words: WordFrequencies = self.FREQ
            log_total = math.log(self.total)
            self._weights_of_total = array(
                "d", (np.frombuffer(words.log_freq, dtype=np.float64) - log_total).tobytes()
            )
            self._weights_total = self.total
        return self._weights_of_total

    def _routes(self, sentences: list[str]) -> list[list[int]]:
        """Per sentence, where the best word starting at each of its positions ends: from
        the table, or with the user's words as jieba finds them."""
        if self.FREQ.added_trie() is None:
            return self._ends_many(sentences)
        return [self._users_route(sentence) for sentence in sentences]

    def _remember_cuts(self, runs: list[str], cuts: list[tuple[str, ...]]) -> None:
        """The HMM's ``cuts`` of ``runs`` into its memo (emptied first when full)."""
        if len(self._hmm) + len(runs) > _HMM_MEMO:
            self._hmm.clear()
        self._hmm.update(zip(runs, cuts, strict=True))

    def _users_route(self, sentence: str) -> list[int]:
        """The route with the user's words: the graph and route as jieba makes them
        (``get_DAG``, ``calc``)."""
        route: dict[int, tuple[float, int]] = {}
        self.calc(sentence, self.get_DAG(sentence), route)
        return [route[k][1] + 1 for k in range(len(sentence))]

    def _cut_block(
        self,
        sentence: str,
        ends: list[int],
        out: list[str],
        new: list[tuple[list[str], int, str]] | None = None,
    ) -> None:
        """jieba's ``__cut_DAG`` of one block of Hanzi whose route is ``ends``, appended
        to ``out``; the runs new to the HMM are left whole in ``out`` and listed in
        ``new`` (with ``out`` and their index) when it is given, else cut at once."""
        get = self.FREQ.get
        n = len(sentence)
        buf_start = k = 0
        while k < n:
            end = ends[k]
            if end - k > 1:
                if k > buf_start:
                    self._flush(sentence[buf_start:k], get, out, new)
                out.append(sentence[k:end])
                buf_start = end
            k = end
        if n > buf_start:
            self._flush(sentence[buf_start:n], get, out, new)

    def _ends_many(self, sentences: list[str]) -> list[list[int]]:
        """jieba's route (``get_DAG`` + ``calc``) of each of ``sentences`` without the
        user's words: per position, where the best word starting there ends
        (``route[k][1] + 1``)."""
        words: WordFrequencies = self.FREQ
        weights = self._weights()
        text = "\0".join(sentences)
        positions = self._route.lookup(text, weights, self.total)
        prefixes = words.trie.iter_prefixes_with_ids
        longest = words.max_word_length
        longer = {  # where a word of four or more may start: the trie says (no word has NUL)
            k: [(len(w), weights[i]) for w, i in prefixes(text[k : k + longest])]
            for k in np.flatnonzero(positions.size == TRIE).tolist()
        }
        alone = 0.0 - math.log(self.total)  # jieba: log(FREQ.get(char) or 1)
        return best_ends(positions.candidates(longer, alone), [len(s) for s in sentences])

    def _flush(
        self,
        buf: str,
        get: Callable[[str], int | None],
        out: list[str],
        new: list[tuple[list[str], int, str]] | None,
    ) -> None:
        """jieba's handling of a run of single characters: one alone, a known word's
        characters apart, anything else as the HMM cuts it (later, if ``new`` is given)."""
        if len(buf) == 1:
            out.append(buf)
        elif get(buf):
            out.extend(buf)
        else:
            cut = self._hmm.get(buf)
            if cut is not None:
                out.extend(cut)
            elif new is not None:
                new.append((out, len(out), buf))
                out.append(buf)
            else:
                self._remember_cuts([buf], [hmm_cut(buf)])
                out.extend(self._hmm[buf])

    def get_DAG(self, sentence: str) -> _WordGraph:  # noqa: N802 (jieba's name)
        words: WordFrequencies = self.FREQ
        prefixes = words.trie.iter_prefixes_with_ids
        log_freq = words.log_freq
        longest = words.max_word_length
        added = words.added_trie()
        weights: list[list[tuple[int, float]]] = []
        for k in range(len(sentence)):
            here = sentence[k : k + longest]
            found = [(k + len(word) - 1, log_freq[i]) for word, i in prefixes(here)]
            if added is not None:
                users = added.prefixes(sentence[k : k + words.longest_added])
                found = _with_added(found, k, users, words.added)
            if not found:
                found = [(k, 0.0)]  # jieba: log(FREQ.get(char) or 1)
            weights.append(found)
        return _WordGraph(weights)

    def calc(self, sentence: str, DAG: _WordGraph, route: dict[int, tuple[float, int]]) -> None:  # noqa: N803
        n = len(sentence)
        route[n] = (0, 0)
        log_total = math.log(self.total)
        weights = DAG.weights
        for idx in range(n - 1, -1, -1):
            here = weights[idx]
            if len(here) == 1:  # most characters start one word only: no max() to take
                x, w = here[0]
                route[idx] = (w - log_total + route[x + 1][0], x)
            else:
                route[idx] = max((w - log_total + route[x + 1][0], x) for x, w in here)


def _with_added(
    found: list[tuple[int, float]], k: int, added: list[str], freqs: dict[str, int]
) -> list[tuple[int, float]]:
    """``found`` with the user's words starting at ``k`` added, or removed where their
    frequency is now 0."""
    here = dict(found)
    for word in added:
        end = k + len(word) - 1
        if freqs[word]:
            here[end] = math.log(freqs[word])
        else:
            here.pop(end, None)
    return sorted(here.items())
