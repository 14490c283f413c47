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
compiled once per dictionary into a memory-mapped trie in the user cache dir
(``wordfreq``, ``tables``), and so is jieba's part-of-speech model (``names``); later
start-ups open both in milliseconds. Nothing here touches global state the UI thread needs:
a ``Segmenter`` can be built on a worker thread.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterable
from functools import partial
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

# Bump when the way the word list is made changes, so old caches are not reused.
_WORD_LIST_FORMAT: Final = 12
# jieba's counts are multiplied by FREQ_SCALE so that a dictionary word jieba has never
# seen can count for less than the rarest word it has: a fifth of one occurrence. Alone it
# still beats single characters (不遑多让), but a common split around it wins (人参/鸡汤, not
# 人/参鸡汤; with 5 occurrences the rare word won). Benchmarks: CPP and everyday the same
# from 0.05 to 5 occurrences, seed coverage 99.1 % throughout.
FREQ_SCALE: Final = 100
UNSEEN_WORD_FREQ: Final = 20
# jieba's other words seen at least 5 times guide the cut (68,000 of 260,000): the rarer
# ones changed no benchmark figure but made the model a third larger to load.
GUIDE_FREQ: Final = 5 * FREQ_SCALE
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
# The administrative units a place name is listed with (平镇市, 龟山乡) in either script.
_ADMINISTRATIVE: Final = frozenset("市县乡镇縣鄉鎮")
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


def word_list(headwords: Iterable[tuple[str, str]]) -> tuple[dict[str, int], list[str]]:
    """jieba's word list for the (simplified, traditional) ``headwords`` plus jieba's own
    other words (with their traditional forms): word → frequency, and which of them are
    those guide words. A traditional form jieba does not know gets the frequency of its
    simplified form, so traditional text is cut as well as simplified text."""
    from reader.core.cedict.wordinfo import load_word_counts  # jieba's own list

    counts = load_word_counts()  # times FREQ_SCALE where used (no scaled copy of 349,000)
    count_of = counts.get
    is_han = HAN_RUN.fullmatch
    chosen: dict[str, int] = {}
    traditional_chars: dict[str, set[str]] = {}
    places: list[tuple[str, str]] = []
    for simplified, traditional in headwords:
        if simplified[-1:] in _ADMINISTRATIVE and len(simplified) > 2:
            places.append((simplified[:-1], traditional[:-1]))
        # each form's count looked up once: a form jieba does not count takes the pair's
        own_count = count_of(simplified)
        other_count = None if traditional == simplified else count_of(traditional)
        found = (own_count or other_count or 0) * FREQ_SCALE or UNSEEN_WORD_FREQ
        for word, count in (
            ((simplified, own_count),)
            if traditional == simplified
            else ((simplified, own_count), (traditional, other_count))
        ):
            if is_han(word):
                own = found if count is None else count * FREQ_SCALE
                before = chosen.get(word)
                chosen[word] = own if before is None or own > before else before
        if len(simplified) == 1:
            traditional_chars.setdefault(simplified, set()).add(traditional)
    # a guide's traditional form, where each character has only one (辦公處 as 办公处)
    several = {char for char, forms in traditional_chars.items() if len(forms) > 1}
    to_traditional = str.maketrans(
        {char: next(iter(forms)) for char, forms in traditional_chars.items() if len(forms) == 1}
    )
    guides: dict[str, int] = {}
    fewest = -(-GUIDE_FREQ // FREQ_SCALE)  # the count of GUIDE_FREQ, rounded up
    for word, count in counts.items():
        if count >= fewest and len(word) > 1 and word not in chosen and is_han(word):
            found = count * FREQ_SCALE
            guides.setdefault(word, found)
            if several.isdisjoint(word):
                converted = word.translate(to_traditional)
                if converted not in chosen and converted not in counts:
                    guides.setdefault(converted, found)
    # a place listed alone and with 市, 县, 乡 or 镇 (平镇, 平镇市) is also a district (区) that
    # the dictionary rarely lists (Taiwan's 2010–2014 reforms, counties made districts): a
    # guide, so that 平镇区 is cut 平镇 + 区, not 平 + 镇区 ("town area" beats the rare 平镇).
    # It counts as a guide seen the fewest times: rarer, it would lose to its characters
    # alone (中 + 和 + 區) and, being a word, keep jieba's HMM from joining them.
    # Such a place that jieba never saw counts as a word seen as often as the rarest guide:
    # at a fifth of one occurrence it loses to its characters alone (平 + 镇 in a headline
    # 平镇轮胎行恶火, where no 区 follows to guide the cut).
    for simplified, traditional in places:
        for district in (simplified + "区", traditional + "區"):
            if simplified in chosen and district not in chosen and district not in counts:
                guides.setdefault(district, GUIDE_FREQ)
        for place in (simplified, traditional):
            if chosen.get(place) == UNSEEN_WORD_FREQ:
                chosen[place] = GUIDE_FREQ
    chosen.update(guides)  # no merged copy of 290,000 words
    return chosen, sorted(guides)


def _jieba_version() -> str:
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
        self._never_names = names.never_begin(NAME_TAGS)  # a quarter of the words asked
        self._replaced: dict[str, int] = {}  # user's word → its frequency before it was added
        # a word's units and a unit's pieces, remembered (words repeat) until a user's
        # word changes what is a word
        self._units: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
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
        from reader.core.analysis.wordfreq import WordFrequencies, save_word_table

        version = _jieba_version()

        def build_words(folder: Path) -> None:
            save_word_table(folder, *word_list(headwords()))
            # the word lists and jieba models that earlier versions cached (~12 MB each)
            shutil.rmtree((cache or paths.cache_dir()) / "jieba", ignore_errors=True)

        words = load_compiled(
            "words",
            [str(_WORD_LIST_FORMAT), version, dictionary_key],
            build_words,
            WordFrequencies,
            cache,
        )
        names = load_compiled("names", [version], save_name_model, NameModel, cache)
        route = load_compiled(
            "route",
            [str(_WORD_LIST_FORMAT), str(ROUTE_FORMAT), version, dictionary_key],
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
        if word in self._replaced:
            return True
        return bool(self._words.get(word)) and not self._words.is_guide(word)

    def reading_units(self, text: str) -> list[str]:
        """Any text as the readings model reads it: runs of other scripts whole, Chinese
        runs in ``units``."""
        units: list[str] = []
        for run in split_runs(text):
            units.extend([run.text] if run.kind is not None else self.units(run.text))
        return units

    def prepare(self, runs: Iterable[str]) -> None:
        """Runs of Chinese characters about to be cut: their routes are found in one
        batch (much faster than one by one)."""
        self._tokenizer.prepare(runs)

    def units(self, han: str) -> list[str]:
        """A run of Chinese characters in the units readings are read in: the ``pieces``
        of jieba's words, except that a guide word stays whole, because the reading of a
        character can depend on it (没入 mò); ``pieces`` says how it is shown."""
        return [unit for unit, _ in self.shown_units(han)]

    def shown_units(self, han: str) -> list[tuple[str, tuple[str, ...]]]:
        """``units`` of ``han``, each with its ``pieces``: a guide's, or the unit itself
        (the pieces of a word are words or characters, each its own piece)."""
        units: list[tuple[str, tuple[str, ...]]] = []
        known = self._units
        for word in self._tokenizer.cut_han(han):
            found = known.get(word)
            if found is None:
                if self._words.is_guide(word):
                    found = ((word, self.pieces(word)),)
                else:
                    found = tuple((piece, (piece,)) for piece in self.pieces(word))
                if len(known) >= _MEMO:
                    known.clear()
                known[word] = found
            units.extend(found)
        return units

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
        return [piece for _, pieces in self.shown_units(han) for piece in pieces]

    def name_tag(self, word: str) -> str | None:
        """jieba's tag when its part-of-speech HMM reads ``word`` as one name, else None.

        The HMM costs a fraction of a millisecond a word, so answers are remembered."""
        if word not in self._name_tags:
            never = len(word) > 1 and word[0] in self._never_names
            self._name_tags[word] = None if never else _name_tag(self._names, word)
        return self._name_tags[word]


def _name_tag(names: NameModel, word: str) -> str | None:
    states = names.states(word)
    tag = states[0][1]
    one_word = [position for position, _ in states] == (
        ["S"] if len(word) == 1 else ["B", *["M"] * (len(word) - 2), "E"]
    )
    if one_word and all(t == tag for _, t in states) and tag in NAME_TAGS:
        return tag
    return None
