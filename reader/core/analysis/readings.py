"""The reading of every character in its sentence, as CC-CEDICT numbered pinyin.

Three sources, most precise first:

1. Two word dictionaries, pypinyin's phrases and CC-CEDICT's words with one reading, each
   matched longest-first inside the segmented words: a character inside a known word takes
   the word's reading (银行 yin2 hang2, 行长 hang2 zhang3, 长大 zhang3 da4). Where both
   agree that is final. A character standing alone takes its reading in the word it
   makes with a partner split off by 了 / 过 / 个 / 一 (上了当 as 上当 dàng) or doubled
   before it (撇撇嘴); the second verb of V了V / V一V reads as the first (量了量).
2. Grammar rules for the function words whose reading depends on their neighbours
   (了 得 地 着 还 长 重 行 …), for characters no word covers, or where a rule agrees with
   the one dictionary that covers it: ``g2p.rules``.
3. g2pM's BiLSTM over the whole sentence, restricted to the character's own readings,
   for the other polyphonic characters; it settles conflicts between the two dictionaries
   and overrides one dictionary alone only when nearly certain, and a common word's
   reading (当天, 结实, 惨重) only where grammar agrees with it. Where no word covers a
   character and the model is unsure, the dictionary words that contain the character
   beside the same neighbour vote (弹 in 他会弹钢琴 as in 弹钢琴 tán): ``_neighbour_votes``;
   a polyphone the model does not know reads as most dictionary words read it (颇 pō).

Traditional text is read through its simplified twin (OpenCC, word by word, the ambiguous
著 settled by the dictionaries: ``simplified_words``), so that a sentence gets the same
readings in either script. Everything else takes pypinyin's single reading. Readings
follow CC-CEDICT: lowercase, tone 5 for the neutral tone, ``u:`` for ü (``lu:4``); a
character that is not Hanzi reads "".
"""

from __future__ import annotations

import gzip
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from reader.core.analysis.g2p import PolyphoneModel
from reader.core.analysis.g2p.bilstm import Guess
from reader.core.analysis.g2p.rules import FIRM, FIRM_WORDS, firm_reading, rule_reading
from reader.core.analysis.pinyin_tables import PHRASES_DICT, PINYIN_DICT
from reader.core.analysis.pinyin_tables import cedict_words as compiled_cedict_words
from reader.core.analysis.tables import StringMap, fingerprint
from reader.core.analysis.votes import (
    Votes,
    VoteTable,
    count_votes,
    neighbour_keys,
    neighbour_votes,
    votes_key,
)
from reader.core.analysis.word_readings import (
    WordReadings,
    derived,
    phrases,
    static,
    table_key,
)
from reader.core.script_conversion import is_simplified, to_simplified

Reading = tuple[str, ...]

_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
# The model overrides a dictionary phrase only when at least this sure (it is often
# overconfident, so the bar is high), and only in a sentence of at least _CONTEXT characters:
# it learnt from long encyclopaedia sentences and is confidently wrong on short everyday
# ones (射中 zhòng, 没入 mò). Both were chosen on half of CPP's dev set and the first
# everyday set (benchmarks/pinyin_*.py), the tie between 10 and 12 going to the cautious one.
_OVERRIDE = 0.995
_CONTEXT = 12
# Below this probability the model's reading of a character no word covers gives way to
# the majority reading of that character in the dictionary words sharing one of its
# neighbours. Chosen on the even lines of CPP's dev set (0.8 … 0.999); the odd lines
# gained as well (see benchmarks/pinyin_cpp.py).
_UNSURE = 0.99
_STATIC_MEMO = 1 << 16  # words whose static readings are remembered
# pypinyin's phrases carry the tone sandhi of 一 and 不 (一个 yí gè); CC-CEDICT, and so
# the readings here, keep their own tones (sandhi is a display option).
_LEXICAL = {"一": "yi1", "不": "bu4"}
# What splits a word of two characters in speech (离合词): 照了相, 照个相, 睡了一觉, 见过面.
_SEPARATOR_CHARS = "了过个一"
# V一V and V了V, overlapping ones too (a lookahead): 量了量, 数一数
_DOUBLED = re.compile("(?=(.)[一了]\\1)", re.DOTALL)
_SEPARATORS = frozenset(_SEPARATOR_CHARS)
CEDICT_WORDS = Path(__file__).resolve().parent / "data" / "cedict_words.tsv.gz"


@lru_cache(maxsize=8192)
def numbered(marked: str) -> str:
    """``lǜ`` → ``lu:4``, ``le`` → ``le5``: pypinyin's tone marks in CC-CEDICT's spelling."""
    tone = "5"
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", marked):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch == "\u0308":
            out.append(":")
        elif ch.isascii():
            out.append(ch)
    return "".join(out).lower() + tone


def _char_reading(char: str) -> str:
    """pypinyin's most common reading of one character, or "" for non-Hanzi."""
    readings = PINYIN_DICT.get(ord(char))
    return numbered(readings.split(",", 1)[0]) if readings else ""


class _Open(NamedTuple):
    """A character the model reads: its readings in pypinyin's and CC-CEDICT's words, the
    span of the text whose characters count as its neighbours, the reading grammar gives
    it (None if none) and whether its word is a common word of CC-CEDICT (not a name)."""

    pp: str | None
    cc: str | None
    start: int
    end: int
    rule: str | None
    common: bool


class _CharPlan(NamedTuple):
    """A character of a word whose readings are not static: its readings in pypinyin's and
    CC-CEDICT's words, whether grammar's firm reading is asked first, its reading when
    grammar gives none (None: the sentence decides), whether it is a word of its own to
    grammar, and whether it is the first or a later character of a name."""

    pp: str | None
    cc: str | None
    firm_first: bool
    fixed: str | None
    alone: bool
    first_name: bool
    given: bool


class ReadingModel:
    """Readings in context for segmented sentences.

    Loading is the only costly step; afterwards ``read`` keeps no state between calls,
    so one model may serve several threads.
    """

    def __init__(self, polyphones: PolyphoneModel, cedict_words: StringMap) -> None:
        self._model = polyphones
        self._cedict = cedict_words
        # the dictionary words' first work, done (``word_readings``): given by ``load``
        self._table: WordReadings | None = None
        # words repeat (Zipf), so each word's dictionary readings are looked up once
        self._word_phrases = lru_cache(maxsize=1 << 16)(self._phrases)
        self._default = lru_cache(maxsize=1 << 14)(self._default_reading)
        self._common_at = lru_cache(maxsize=1 << 16)(self._common)
        # per word its static readings, or () if its sentence decides (a plain dict, cleared
        # when full: asked of every word read, where an lru_cache's upkeep was a tenth)
        self._statics: dict[str, Reading] = {}
        self._plans: dict[str, tuple[_CharPlan, ...]] = {}  # the same for the other words

    @classmethod
    def load(cls, shipped: bool = True) -> ReadingModel:
        """The model with its data; and, unless not ``shipped``, the shipped table of the
        dictionary words' readings where it was derived from the same."""
        model = cls(PolyphoneModel.load(), load_cedict_words(CEDICT_WORDS))
        if shipped:
            model._table = WordReadings.open(model.word_readings_key())
        return model

    def word_readings_key(self) -> str:
        """The key of the table ``derive_word_readings`` makes (``word_readings``)."""
        candidates = sorted((char, self._model.candidates(char)) for char in self._model.polyphones)
        return table_key([self.neighbour_votes_key(), repr(candidates)])

    def derive_word_readings(self, words: Iterable[str]) -> Iterator[tuple[str, str]]:
        """The table of ``words``' readings (``word_readings.derived``), worked out word by
        word, not read from a table."""
        if self._table is not None:
            raise ValueError("a model with a table of word readings derives none")
        return derived(words, self._static_readings, self._phrases)

    def read(self, words: Sequence[str]) -> list[Reading]:
        """One tuple per word, one syllable per character of that word."""
        return self.read_many([words])[0]

    def read_many(self, sentences: Sequence[Sequence[str]]) -> list[list[Reading]]:
        """``read`` for many sentences at once: the model runs on them as one batch."""
        texts = ["".join(words) for words in sentences]
        whole = "".join(texts)
        if "著" in whole or not is_simplified(whole):  # else each sentence is its own twin
            sentences = [self.simplified_words(words) for words in sentences]
            texts = ["".join(words) for words in sentences]
        readings: list[list[str]] = []
        open_positions: list[list[int]] = []
        found: list[list[_Open]] = []
        for words, text in zip(sentences, texts, strict=True):
            chars, unresolved, opened = self._dictionary_readings(words, text)
            readings.append(chars)
            open_positions.append(unresolved)
            found.append(opened)
        guesses = self._model.predict(texts, open_positions)
        for text, chars, positions, opened, guessed in zip(
            texts, readings, open_positions, found, guesses, strict=True
        ):
            override = len(chars) >= _CONTEXT
            for p, o, guess in zip(positions, opened, guessed, strict=True):
                voted = None
                if o.pp is None and o.cc is None and guess.probability < _UNSURE:
                    voted = self._neighbours_reading(text[o.start : o.end], p - o.start)
                chars[p] = voted or _decide(o, guess, override)
            _repeat_doubled_verbs(text, chars)
        return [_split(chars, words) for chars, words in zip(readings, sentences, strict=True)]

    def simplified_words(self, words: Sequence[str]) -> list[str]:
        """``words`` in simplified characters, each as long as before.

        OpenCC keeps 著, which in traditional text is also the particle 着 (跟著, 睡著);
        it stays 著 only inside a word that exists with 著 and not with 着 (著名, 显著).
        OpenCC makes 閤 合, but 閤 is also 阁 gé (藏閤, 閤门): it becomes 合 only inside a
        word that exists with 合 (閤家 合家 hé jiā), else the model reads 閤 itself."""
        text = "".join(words)
        simplified = to_simplified(text)
        if simplified == text and "著" not in text:
            return list(words)
        out: list[str] = []
        start = 0
        for word in words:
            twin = simplified[start : start + len(word)]
            start += len(word)
            if "著" in twin:
                other = twin.replace("著", "着")
                if len(twin) == 1 or not self._is_word(twin) or self._is_word(other):
                    twin = other
            if "閤" in word and (len(twin) == 1 or not self._is_word(twin)):
                twin = "".join(o if o == "閤" else t for o, t in zip(word, twin, strict=True))
            out.append(twin)
        return out

    def _partner_reading(self, words: Sequence[str], k: int) -> str | None:
        """The reading of the one-character unit ``words[k]`` as a part of a word of
        CC-CEDICT's split by an aspect marker or a measure (离合词: 照个相 as 照相 xiàng, 上了
        当 as 上当 dàng, 遭了难, 睡了一觉, 着了凉 zháo, 露了一手 lòu) or doubled before it
        (撇撇嘴 as 撇嘴 piě, 眨眨眼), or None. Neutral tones are left alone: they are the
        whole word's (看一看 is no 看看 kàn kan)."""
        after = words[k + 1] if k + 1 < len(words) else ""
        if len(after) == 2 and after[0] == words[k]:
            return self._syllable_of(after, 0)
        before = words[k - 1] if k else ""
        if words[k] in _SEPARATORS or not (_separators_only(after) or _separators_only(before)):
            return None  # no marker or measure beside it: most characters
        for step in (1, -1):
            j, gap = k + step, 0
            while 0 <= j < len(words) and set(words[j]) <= _SEPARATORS:
                gap += len(words[j])
                j += step
            # the partner: one character, or two after the first part (露了一手 as 露一手)
            longest = 2 if step == 1 else 1
            if not 0 < gap <= 3 or not 0 <= j < len(words) or len(words[j]) > longest:
                continue
            if words[j] in _SEPARATORS or words[k] in _SEPARATORS:
                continue
            pair = words[k] + words[j] if step == 1 else words[j] + words[k]
            found = self._syllable_of(pair, 0 if step == 1 else 1)
            if found is not None:
                return found
        return None

    def _syllable_of(self, word: str, i: int) -> str | None:
        """Syllable ``i`` of ``word`` in a common word of CC-CEDICT's, unless it is a neutral
        tone or the word is not there."""
        entry = self._cedict.get(word)
        if not entry or entry[:1].isupper():
            return None
        syllable = entry.lower().split(" ")[i]
        return None if syllable.endswith("5") else syllable

    def _is_word(self, word: str) -> bool:
        return word in self._cedict or word in PHRASES_DICT

    def _common(self, word: str, i: int) -> bool:
        """``word[i]`` is in a common word of CC-CEDICT inside ``word`` (listed, and not
        only as a name): 分子 in 犯罪分子."""
        for start in range(min(i + 1, len(word) - 1)):  # a word of two characters or more
            shortest = max(i + 1 - start, 2)
            for key in self._cedict.prefixes(word[start:]):
                if len(key) >= shortest and not self._cedict[key][:1].isupper():
                    return True
        return False

    def _dictionary_readings(
        self, words: Sequence[str], text: str
    ) -> tuple[list[str], list[int], list[_Open]]:
        """Dictionary and grammar readings of ``words`` (which make ``text``), and those the
        model's guess cannot change (``_settled``); the model's positions with their
        phrase readings."""
        chars: list[str] = []
        unresolved: list[int] = []
        found: list[_Open] = []
        last = len(words) - 1
        statics, plans = self._statics, self._plans
        override = len(text) >= _CONTEXT
        for k, word in enumerate(words):
            # a character beside a marker or a measure (the first of its characters is one),
            # or doubled before it, may read as in the word it splits
            if len(word) == 1 and (
                (after := words[k + 1] if k < last else "")[:1] in _SEPARATORS
                or (k and words[k - 1][:1] in _SEPARATORS)
                or (len(after) == 2 and after[0] == word)
            ):
                split = self._partner_reading(words, k)
                if split is not None:
                    chars.append(split)  # 照个相 as 照相 zhào xiàng
                    continue
            static = statics.get(word)
            if static is None:
                if len(statics) >= _STATIC_MEMO:
                    statics.clear()
                static = statics[word] = self._static_readings(word) or ()
            if static:
                chars.extend(static)
                continue
            plan = plans.get(word)
            if plan is None:
                if len(plans) >= _STATIC_MEMO:
                    plans.clear()
                plan = plans[word] = self._plan(word)
            for i, (pp, cc, firm_first, fixed, alone, first_name, given) in enumerate(plan):
                if firm_first:
                    firm = firm_reading(text, len(chars))
                    if firm is not None:
                        chars.append(firm)
                        continue
                if fixed is not None:
                    chars.append(fixed)
                    continue
                rule = rule_reading(text, len(chars), alone, first_name, given)
                if rule is not None and (pp is None or pp == rule) and (cc is None or cc == rule):
                    chars.append(rule)  # grammar alone, or grammar and a dictionary agreeing
                    continue
                # a character inside a longer word has its neighbours within that word
                start, end = (
                    (0, len(text))
                    if len(word) == 1
                    else (len(chars) - i, len(chars) - i + len(word))
                )
                opened = _Open(pp, cc, start, end, rule, self._common_at(word, i))
                settled = _settled(opened, override)
                if settled is not None:
                    chars.append(settled)
                    continue
                unresolved.append(len(chars))
                found.append(opened)
                chars.append("")
        return chars, unresolved, found

    def _plan(self, word: str) -> tuple[_CharPlan, ...]:
        """What ``_dictionary_readings`` knows of each character of ``word`` before its
        sentence is seen (for a word whose readings are not static)."""
        pp, cc = self._word_phrases(word)
        # a name: a unit of three characters no dictionary covers (曾建恩; two are as
        # often glued words: 单井, 种果), or a name of CC-CEDICT's (曾荫权)
        name = 1 < len(word) <= 3 and pp == (None,) * len(word)
        name = name and not self._common_at(word, 0) and (len(word) == 3 or bool(cc[0]))
        return tuple(
            _CharPlan(
                pp[i],
                cc[i],
                char in FIRM or word in FIRM_WORDS,
                self._fixed_reading(char, pp[i], cc[i], None),
                # the first character of a unit no dictionary word covers is a word of its
                # own to grammar: jieba's HMM glued a function word to the next (应税, 应予
                # yīng); later characters of such a unit are mostly a name's (王聪儿)
                len(word) == 1 or (i == 0 and pp[i] is None and cc[i] is None),
                name and i == 0,
                name and i > 0,
            )
            for i, char in enumerate(word)
        )

    def _fixed_reading(
        self, char: str, pp: str | None, cc: str | None, firm: str | None
    ) -> str | None:
        """The reading of ``char`` when grammar's firm reading or the dictionaries settle
        it or the model has no choice for it, else None (grammar or the model decide)."""
        phrase = firm or _neutral(cc, pp) or pp or cc
        settled = firm is not None or (pp is not None and phrase == cc)
        if settled or ord(char) not in PINYIN_DICT or not self._model.candidates(char):
            return phrase or self._default(char)
        return None

    def _tabled(self, word: str) -> str | None:
        """``word``'s value in the table of word readings, if there is one and it is there."""
        return self._table.get(word) if self._table is not None else None

    def _static_readings(self, word: str) -> Reading | None:
        """The readings ``_dictionary_readings`` gives ``word`` whatever its sentence: when
        no character of it is one ``firm_reading`` decides and each has a fixed reading
        (remembered per word: the sentence then costs one lookup a word); else None.
        A dictionary word's are in the table, when there is one."""
        value = self._tabled(word)
        if value is not None:
            return static(value)
        if word in FIRM_WORDS:
            return None
        pp, cc = self._word_phrases(word)
        out: list[str] = []
        for i, char in enumerate(word):
            fixed = None if char in FIRM else self._fixed_reading(char, pp[i], cc[i], None)
            if fixed is None:
                return None
            out.append(fixed)
        return tuple(out)

    def _neighbours_reading(self, text: str, p: int) -> str | None:
        """The reading of ``text[p]`` that most dictionary words sharing its left or right
        neighbour give it (a strict majority among the model's candidates), or None."""
        candidates = self._model.candidates(text[p])
        votes = dict.fromkeys(candidates, 0)
        for key in neighbour_keys(text, p):
            for reading, count in self._neighbour_votes.get(key, ()):
                if reading in votes:
                    votes[reading] += count
        ranked = [*sorted(votes.values(), reverse=True), 0]
        if ranked[0] == ranked[1]:  # no votes, or a tie
            return None
        return max(votes, key=votes.__getitem__)

    def _default_reading(self, char: str) -> str:
        """The reading of a character no word covers and the model does not know: the one
        most dictionary words give it (颇 pō, 嚼 jiáo, 谁 shéi), where a strict majority of
        them do and neither it nor pypinyin's first reading is a neutral tone (呀 ya, 喇叭
        lǎ ba: a particle's, or a syllable's in one word); else pypinyin's first reading."""
        first = _char_reading(char)
        votes = sorted(self._neighbour_votes.get(char), key=lambda vote: -vote[1])
        if not votes or first.endswith("5") or votes[0][0].endswith("5"):
            return first
        if len(votes) > 1 and votes[1][1] == votes[0][1]:
            return first
        return votes[0][0]

    @cached_property
    def _neighbour_votes(self) -> VoteTable:
        """``count_neighbour_votes``, compiled once into the cache (or shipped: ``votes``)."""
        return neighbour_votes(self.count_neighbour_votes, self._vote_inputs())

    def _vote_inputs(self) -> list[str]:
        """What the votes are counted from, besides pypinyin (its version names it)."""
        return [fingerprint(self._cedict), "".join(sorted(self._model.polyphones))]

    def neighbour_votes_key(self) -> str:
        """The key the votes counted by ``count_neighbour_votes`` are shipped under."""
        return votes_key(self._vote_inputs())

    def count_neighbour_votes(self) -> dict[str, Votes]:
        """The votes (``votes.count_votes``) of CC-CEDICT's words with one reading and
        pypinyin's phrases (each read as ``_pypinyin_phrase`` reads it)."""
        words: Iterator[tuple[str, Sequence[str]]] = itertools.chain(
            ((w, r.lower().split(" ")) for w, r in self._cedict.items() if r),
            ((w, _phrase_syllables(w, entry)) for w, entry in PHRASES_DICT.items()),
        )
        return count_votes(self._model.polyphones, PINYIN_DICT, words)

    def _phrases(self, word: str) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
        """Per character of ``word``: its reading in pypinyin's and in CC-CEDICT's words.

        Where ``word`` is a common word of CC-CEDICT's and not a phrase of pypinyin's, the
        pieces of pypinyin's phrases inside it take CC-CEDICT's reading: they straddle its
        parts (为人民服务 holds pypinyin's 为人 wéi rén "conduct oneself").
        A dictionary word's are in the table, when there is one, unless it reads statically."""
        value = self._tabled(word)
        found = phrases(value) if value is not None else None
        if found is not None:
            return found
        pp = tuple(_cover(word, _pypinyin_phrase))
        cc = tuple(_cover(word, self._cedict_phrase))
        entry = self._cedict.get(word)
        if entry and not entry[:1].isupper() and word not in PHRASES_DICT:
            pp = tuple(None if p is None else c for p, c in zip(pp, cc, strict=True))
        return pp, cc

    def _cedict_phrase(self, word: str, start: int) -> Reading:
        for key in reversed(self._cedict.prefixes(word[start:])):  # the longest first
            if len(key) < 2:
                break
            entry = self._cedict[key]
            if entry:  # "" is a word of several readings
                return tuple(entry.lower().split(" "))
        return ()


def _decide(o: _Open, guess: Guess, override: bool) -> str:
    """Phrase readings win unless the model may ``override`` them and is nearly certain;
    it arbitrates their conflicts, except inside a name of CC-CEDICT's, whose transcription
    wins (洪都拉斯 Hóng dū lā sī, where pypinyin has dōu). It never overrides CC-CEDICT's
    neutral tone or erhua with the same syllable's full tone (晚上 wǎn shang, 一点儿): it
    learnt lexical tones.
    It overrides the reading of a common word (当天, 结实, 惨重) only where grammar agrees
    with it (一场 chǎng); names and words CC-CEDICT lacks (勃艮第, 呵叻) it may override
    alone: it learnt them from encyclopaedia text, and common words from too few contexts."""
    pp, cc = o.pp, o.cc
    kept = _neutral(cc, guess.reading)
    if kept is not None:
        return kept
    if pp is not None and cc is not None and pp != cc:
        if not o.common:
            return cc  # a name of CC-CEDICT's against pypinyin's phrase: 洪都拉斯 Hóng dū
        return guess.reading if guess.reading in (pp, cc) else cc  # 逆差 nì chā
    phrase = pp if pp is not None else cc
    if phrase is None:
        return guess.reading
    if override and guess.probability >= _OVERRIDE and (o.rule == guess.reading or not o.common):
        return guess.reading
    return phrase


def _settled(o: _Open, override: bool) -> str | None:
    """The reading ``_decide`` gives ``o`` whatever the model's guess, or None: the model
    need not read a sentence whose every open character is settled so. Two phrases
    disagreeing outside a common word: CC-CEDICT's; one phrase (or two agreeing) that the
    model may not override (a short sentence, or a common word grammar says nothing of):
    that phrase, or CC-CEDICT's neutral tone, which is the same phrase's."""
    pp, cc = o.pp, o.cc
    if pp is not None and cc is not None and pp != cc:
        return None if o.common else cc
    phrase = pp if pp is not None else cc
    if phrase is None or (override and (o.rule is not None or not o.common)):
        return None
    return phrase


def _repeat_doubled_verbs(text: str, chars: list[str]) -> None:
    """The second verb of V一V / V了V reads as the first (量了量 liáng, 数一数 shǔ), whose
    reading its aspect or delimitative settled; a neutral first reading is left alone."""
    for match in _DOUBLED.finditer(text):  # in order, so 量了量了量 reads three as one
        i = match.start() + 2
        if chars[i - 2][-1:] not in ("", "5"):
            chars[i] = chars[i - 2]


def _separators_only(word: str) -> bool:
    """Whether ``word`` (maybe "") is made of what splits a word in speech (了, 一个)."""
    return word != "" and not word.strip(_SEPARATOR_CHARS)


def _neutral(cc: str | None, pp: str | None) -> str | None:
    """CC-CEDICT's neutral tone where pypinyin gives the same syllable a full one (晚上
    wǎn shang, 答应 dā ying, 一下子 yí xià zi) and its erhua (哪儿 nǎr), so the reading
    printed is the entry's."""
    if cc is None or pp is None:
        return None
    if (cc[-1] == "5" and cc[:-1] == pp[:-1]) or (cc == "r5" and pp.startswith("er")):
        return cc  # the neutral tone, or the erhua 儿 (哪儿 nǎr, 一点儿)
    return None


def _cover(word: str, phrase_at: Callable[[str, int], Reading]) -> list[str | None]:
    """Per character of ``word``: its reading in the longest phrase (of two characters or
    more) found there, or None."""
    out: list[str | None] = []
    while len(out) < len(word):
        phrase = phrase_at(word, len(out)) if len(word) - len(out) > 1 else ()
        if phrase:
            out.extend(phrase)
        else:
            out.append(None)
    return out


def load_cedict_words(path: Path) -> StringMap:
    """The shipped table of CC-CEDICT words with one reading (see ``derive_cedict_words``):
    word → space-separated syllables."""
    return compiled_cedict_words(path)


def derive_cedict_words(cedict: Path) -> str:
    """TSV of multi-character CC-CEDICT headwords, simplified and traditional, whose common
    entries all share one reading (lowercased), one syllable per character: how
    ``CEDICT_WORDS`` was made. A word's names (capitalised: 管子 Guǎnzǐ the book) give way
    to its common reading (管子 guǎn zi "tube"); a word that is only names keeps them,
    capitalised, if they agree (勃艮第 Bo2 gen4 di4); a common word with several readings
    is listed with none (当天 dāng tiān / dàng tiān), so that ``ReadingModel`` knows it
    is a common word."""
    common: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    with gzip.open(cedict, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" [")
            pinyin = rest[: rest.find("]")]
            kind = names if pinyin[:1].isupper() else common
            for word in set(head.split(" ", 1)):
                if len(word) < 2 or len(pinyin.split(" ")) != len(word):
                    continue
                if not all(ord(c) in PINYIN_DICT for c in word):
                    continue
                kind.setdefault(word, set()).add(pinyin.lower())
    readings = {w: {r.capitalize() for r in rs} for w, rs in names.items() if w not in common}
    readings |= {w: rs if len(rs) == 1 else {""} for w, rs in common.items()}
    return "".join(f"{w}\t{next(iter(r))}\n" for w, r in sorted(readings.items()) if len(r) == 1)


def _pypinyin_phrase(word: str, start: int) -> Reading:
    """Readings of the longest dictionary phrase of 2+ characters at ``word[start:]``."""
    found = PHRASES_DICT.prefixes(word[start:])
    phrase = found[-1] if found else ""  # the longest
    entry = PHRASES_DICT.get(phrase) if len(phrase) > 1 else None
    return () if entry is None else _phrase_syllables(phrase, entry)


def _phrase_syllables(phrase: str, entry: Sequence[Sequence[str]]) -> Reading:
    """The readings of pypinyin's ``phrase`` from its ``entry`` (its first options)."""
    return tuple(
        _LEXICAL.get(char) or numbered(syllables[0])
        for char, syllables in zip(phrase, entry, strict=True)
    )


def simplified_cuts(text: str, twin: str) -> list[str]:
    """What ``simplified_units`` hands ``units`` for ``text``, whose simplified twin is
    ``twin``: the text itself, or its twin and, with 著, the twin with 着."""
    if twin == text:
        return [text]
    return [twin, twin.replace("著", "着")] if "著" in twin else [twin]


def simplified_units(units: Callable[[str], Sequence[str]], text: str) -> list[str]:
    """``text`` cut by ``units`` as its simplified twin is cut (one length per unit), so
    that a traditional sentence is read in the same words as the simplified one. OpenCC
    keeps 著, which is also the particle 着: the twin is cut with 着 instead where that
    makes fewer units (著陸 as 着陆, 跟著 as 跟着; 著名 stays 著名)."""
    twin = to_simplified(text)
    if twin == text:
        return list(units(text))
    cut = units(twin)
    if "著" in twin:
        particle = units(twin.replace("著", "着"))
        cut = particle if len(particle) < len(cut) else cut
    out: list[str] = []
    start = 0
    for unit in cut:
        out.append(text[start : start + len(unit)])
        start += len(unit)
    return out


def _split(chars: list[str], words: Sequence[str]) -> list[Reading]:
    syllables = tuple(chars)  # a tuple's slice is a tuple: no list made per word
    out: list[Reading] = []
    i = 0
    for word in words:
        j = i + len(word)
        out.append(syllables[i:j])
        i = j
    return out
