"""Cutting text into runs (Chinese, numbers, Latin, punctuation, space) and Chinese into words.

jieba segments, but with a word list of our own: every CC-CEDICT headword (both scripts,
with jieba's frequency where jieba knows the word) plus the user's words. jieba's other
common words (``办公处``, ``两种``, ``没入``) stay in the list as *guides*: they still
steer where jieba cuts (办公处/在, not 办公/处在), but a guide that comes out whole is shown
as its dictionary parts, like the HMM's new words (``东盟国家`` → 东盟 + 国家). So the
unit a reader taps is a dictionary word wherever one exists. Names stay whole (``姚树洁``)
and are explained character by character. The readings model still reads the guide whole
(``units``): 没入 is mò rù, which 没 + 入 alone would miss (méi).

Building jieba's prefix model from ~190,000 words takes seconds, so the merged word list is
compiled once per dictionary into a memory-mapped trie in the user cache dir (``word_table``,
``wordfreq``, ``tables``; the bundled dictionary's ships compiled), and so is jieba's
part-of-speech model (``names``); later start-ups open both in milliseconds. Nothing here
touches global state the UI thread needs: a ``Segmenter`` can be built on a worker thread.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterable
from functools import partial
from itertools import chain
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Final, NamedTuple

from reader.core import paths
from reader.core.analysis.tables import load_compiled
from reader.core.analysis.tokens import TokenKind

if TYPE_CHECKING:
    from reader.core.analysis.names import NameModel
    from reader.core.analysis.route_table import RouteTable
    from reader.core.analysis.wordfreq import TrieTokenizer, WordFrequencies

# jieba's counts are multiplied by FREQ_SCALE so that a dictionary word jieba has never
# seen can count for less than the rarest word it has (``word_table.UNSEEN_WORD_FREQ``).
FREQ_SCALE: Final = 100
USER_WORD_FREQ: Final = 50_000 * FREQ_SCALE
_MEMO: Final = 1 << 17  # words whose units and pieces are remembered

_HAN_CLASS: Final = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
)
HAN_RUN: Final = re.compile(f"[{_HAN_CLASS}]+")
_RUNS: Final = re.compile(
    f"(?P<han>[{_HAN_CLASS}]+)"
    r"|(?P<space>\s+)"
    r"|(?P<number>[0-9０-９]+(?:[.,．][0-9０-９]+)*)"
    f"|(?P<latin>(?:(?![{_HAN_CLASS}])[^\\W\\d_])+(?:['’-](?:(?![{_HAN_CLASS}])[^\\W\\d_])+)*)"
    r"|(?P<punct>(?P<mark>.)(?P=mark)*)",
    re.DOTALL,
)
_RUN_KINDS: Final[dict[str | None, TokenKind | None]] = {
    "han": None,
    "space": TokenKind.SPACE,
    "number": TokenKind.NUMBER,
    "latin": TokenKind.LATIN,
    "punct": TokenKind.PUNCT,
    "mark": TokenKind.PUNCT,  # the group a run of one punctuation mark may end in
}
# jieba's part-of-speech tags for person names, transliterated names, places, organisations.
PERSON_TAGS: Final = frozenset({"nr", "nrfg", "nrt"})
NAME_TAGS: Final = PERSON_TAGS | {"ns", "nt"}


class Run(NamedTuple):  # a tuple: an article has tens of thousands, made as it is analysed
    """A stretch of one script: ``kind`` is ``None`` for Chinese, which still needs cutting."""

    start: int
    text: str
    kind: TokenKind | None


def split_runs(text: str) -> list[Run]:
    """Chinese runs, whitespace, numbers, Latin words and punctuation, covering ``text``."""
    kinds = _RUN_KINDS
    run = tuple.__new__  # Run's own __new__ is a Python function: most of the cost of one
    return [
        run(Run, (match.start(), match.group(), kinds[match.lastgroup]))
        for match in _RUNS.finditer(text)
    ]


def longest_parts(word: str, is_word: Callable[[str], bool], longest: int = 8) -> tuple[str, ...]:
    """Greedy longest match, left to right: 东盟国家 → 东盟 + 国家, 亿元 → 亿 + 元.

    A character no dictionary word starts with stands alone. The whole ``word`` itself is
    never a part (it has no entry, or it would not need explaining)."""
    parts: list[str] = []
    i = 0
    while i < len(word):
        top = min(len(word) - (i == 0), i + longest)
        end = next((j for j in range(top, i + 1, -1) if is_word(word[i:j])), i + 1)
        parts.append(word[i:end])
        i = end
    return tuple(parts)


def _jieba() -> ModuleType:
    """jieba, imported when first needed (0.2–0.5 s), so that importing this module is
    free for the UI thread; its start-up messages are silenced."""
    from reader.core.analysis.jieba_data import imported_jieba

    jieba = imported_jieba()
    jieba.setLogLevel(logging.WARNING)
    return jieba


def jieba_version() -> str:
    """jieba's version: its word list and models are part of what names the tables."""
    return str(_jieba().__version__)


class Segmenter:
    """A private jieba tokenizer that knows the dictionary's and the user's words."""

    def __init__(
        self, words: WordFrequencies, names: NameModel, route: RouteTable | None = None
    ) -> None:
        from reader.core.analysis.wordfreq import TrieTokenizer

        self._words = words  # its guides are jieba's words that steer the cut, not units
        self._tokenizer: TrieTokenizer = TrieTokenizer(words, route)
        self._names = names
        self._name_tags: dict[str, str | None] = {}
        self._replaced: dict[str, int] = {}  # user's word → its frequency before it was added
        # a word's units and a unit's pieces, remembered (words repeat) until a user's
        # word changes what is a word
        self._units: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self._pieces: dict[str, tuple[str, ...]] = {}

    @classmethod
    def load(
        cls,
        dictionary_key: str,
        headwords: Callable[[], Iterable[tuple[str, str]]],
        user_words: Iterable[str] = (),
        cache: Path | None = None,
    ) -> Segmenter:
        """Open the compiled word table for ``dictionary_key``, building it first if needed.

        ``dictionary_key`` identifies the dictionary's contents (its checksum);
        ``headwords`` gives (simplified, traditional) pairs, as ``Dictionary.headwords``
        does; it is only called when the word table has to be (re)built."""
        from reader.core.analysis.names import NameModel, save_name_model
        from reader.core.analysis.route_table import FORMAT as ROUTE_FORMAT
        from reader.core.analysis.route_table import RouteTable, save_route_table
        from reader.core.analysis.word_table import TABLE as WORD_TABLE
        from reader.core.analysis.word_table import build_word_table, word_table_inputs
        from reader.core.analysis.wordfreq import WordFrequencies

        version = jieba_version()
        inputs = word_table_inputs(version, dictionary_key)

        def build_words(folder: Path) -> None:
            build_word_table(folder, inputs, headwords)
            # the word lists and jieba models that earlier versions cached (~12 MB each)
            shutil.rmtree((cache or paths.cache_dir()) / "jieba", ignore_errors=True)

        words = load_compiled(WORD_TABLE, inputs, build_words, WordFrequencies, cache)
        names = load_compiled("names", [version], save_name_model, NameModel, cache)
        route = load_compiled(
            "route",
            [*inputs, str(ROUTE_FORMAT)],  # made from the word table
            partial(save_route_table, words=words),
            RouteTable.open,
            cache,
        )
        segmenter = cls(words, names, route)
        for word in user_words:
            segmenter.add_word(word)
        return segmenter

    def add_word(self, word: str) -> None:
        """Make a user's word a unit of segmentation from now on."""
        if HAN_RUN.fullmatch(word) and word not in self._replaced:
            self._replaced[word] = self._words.get(word) or 0
            self._tokenizer.add_word(word, USER_WORD_FREQ)
            self._forget()

    def remove_word(self, word: str) -> None:
        """Undo ``add_word``: the word counts as it did before (a headword stays one)."""
        if word in self._replaced:
            freq = self._replaced.pop(word)
            self._tokenizer.FREQ[word] = freq
            self._tokenizer.total -= USER_WORD_FREQ  # what add_word added to it
            self._forget()

    def _forget(self) -> None:
        self._units.clear()
        self._pieces.clear()

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is a unit: a dictionary headword or a user's word."""
        return word in self._replaced or self._words.is_unit(word)

    def vocabulary(self) -> list[str]:
        """The words of its list (the dictionary's and jieba's guides), the user's aside."""
        words: list[str] = self._words.trie.keys()
        return words

    def reading_units(self, text: str) -> list[str]:
        """Any text as the readings model reads it: runs of other scripts whole, Chinese
        runs in ``units``."""
        units: list[str] = []
        for run in split_runs(text):
            units.extend([run.text] if run.kind is not None else self.units(run.text))
        return units

    def prepare(self, runs: Iterable[str]) -> None:
        """Runs of Chinese characters about to be cut: their routes are found in one
        batch (much faster than one by one), and so are the name tags ``pieces`` will ask
        of their new words."""
        self._tokenizer.prepare(runs)
        cut = set(chain.from_iterable(self._tokenizer.prepared()))
        asked = [
            word
            for word in cut.difference(self._units, self._name_tags)
            if len(word) > 1 and not self.is_word(word)
        ]
        self._name_tags.update(zip(asked, self._names.one_word_tags(asked, NAME_TAGS), strict=True))

    def units(self, han: str) -> list[str]:
        """A run of Chinese characters in the units readings are read in: the ``pieces``
        of jieba's words, except that a guide word stays whole, because the reading of a
        character can depend on it (没入 mò); ``pieces`` says how it is shown."""
        return self.shown_units(han)[0]

    def shown_units(self, han: str) -> tuple[list[str], list[tuple[str, ...]]]:
        """``units`` of ``han``, and beside them the ``pieces`` each is shown in: a guide's,
        or the unit itself (the pieces of a word are words or characters, each its own)."""
        units: list[str] = []
        shown: list[tuple[str, ...]] = []
        known = self._units
        for word in self._tokenizer.cut_han(han):
            found = known.get(word)
            if found is None:
                if self._words.is_guide(word):
                    found = ((word,), (self.pieces(word),))
                else:
                    pieces = self.pieces(word)
                    found = (pieces, tuple((piece,) for piece in pieces))
                if len(known) >= _MEMO:
                    known.clear()
                known[word] = found
            units += found[0]
            shown += found[1]
        return units, shown

    def pieces(self, unit: str) -> tuple[str, ...]:
        """How a unit of ``units`` is shown: whole, or in its dictionary parts.

        jieba's HMM glues runs of single characters into new words, and a guide word may
        come out whole. Only those its part-of-speech HMM reads as a name stay whole
        (姚树洁); any other is a seam between dictionary words (很长, 以文塑 in 以文塑旅) or
        a compound (办公处) and goes back to its dictionary parts, so that each piece the
        reader taps has an entry."""
        found = self._pieces.get(unit)
        if found is None:
            found = (unit,)
            if len(unit) > 1 and not self.is_word(unit) and self.name_tag(unit) is None:
                found = longest_parts(unit, self.is_word)
            if len(self._pieces) >= _MEMO:
                self._pieces.clear()
            self._pieces[unit] = found
        return found

    def cut(self, han: str) -> list[str]:
        """Cut a run of Chinese characters into the words a reader taps: ``pieces`` of
        ``units``."""
        return [piece for pieces in self.shown_units(han)[1] for piece in pieces]

    def name_tag(self, word: str) -> str | None:
        """jieba's tag when its part-of-speech HMM reads ``word`` as one name, else None.

        The HMM costs a fraction of a millisecond a word, so answers are remembered."""
        if word not in self._name_tags:
            self._name_tags[word] = self._names.one_word_tag(word, NAME_TAGS)
        return self._name_tags[word]
