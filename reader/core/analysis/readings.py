"""The reading of every character in its sentence, as CC-CEDICT numbered pinyin.

Three sources, most precise first:

1. pypinyin's phrase dictionary on the segmented words (a longest match inside each word):
   a character inside a known multi-character word takes the word's reading
   (银行 yin2 hang2, 行长 hang2 zhang3, 长大 zhang3 da4).
2. Grammar rules for the function words whose reading depends on their neighbours
   (了 得 地 着 还 …), see ``_rule``.
3. For any other polyphonic character, g2pM's BiLSTM over the whole sentence, restricted
   to the character's own readings.

Everything else takes pypinyin's single reading. Readings follow CC-CEDICT: lowercase,
tone 5 for the neutral tone, ``u:`` for ü (``lu:4``); a character that is not Hanzi reads "".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from reader.core.analysis.g2p import PolyphoneModel

Reading = tuple[str, ...]

_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_MAX_PHRASE = max(len(p) for p in PHRASES_DICT)


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


class ReadingModel:
    """Readings in context for segmented sentences.

    Loading is the only costly step; afterwards ``read`` keeps no state between calls,
    so one model may serve several threads.
    """

    def __init__(self, polyphones: PolyphoneModel) -> None:
        self._model = polyphones

    @classmethod
    def load(cls) -> ReadingModel:
        return cls(PolyphoneModel.load())

    def read(self, words: Sequence[str]) -> list[Reading]:
        """One tuple per word, one syllable per character of that word."""
        return self.read_many([words])[0]

    def read_many(self, sentences: Sequence[Sequence[str]]) -> list[list[Reading]]:
        """``read`` for many sentences at once: the model runs on them as one batch."""
        readings: list[list[str]] = []
        open_positions: list[list[int]] = []
        for words in sentences:
            chars, unresolved = self._dictionary_readings(words)
            readings.append(chars)
            open_positions.append(unresolved)
        texts = ["".join(words) for words in sentences]
        guesses = self._model.predict(texts, open_positions)
        for chars, positions, found in zip(readings, open_positions, guesses, strict=True):
            for p, guess in zip(positions, found, strict=True):
                chars[p] = guess.reading
        return [_split(chars, words) for chars, words in zip(readings, sentences, strict=True)]

    def _dictionary_readings(self, words: Sequence[str]) -> tuple[list[str], list[int]]:
        """Readings from the phrase dictionary and rules; positions left to the model."""
        chars: list[str] = []
        unresolved: list[int] = []
        for word in words:
            i = 0
            while i < len(word):
                phrase = _longest_phrase(word, i)
                if phrase:
                    chars.extend(phrase)
                    i += len(phrase)
                    continue
                char = word[i]
                if self._model.candidates(char):
                    unresolved.append(len(chars))
                    chars.append("")
                else:
                    chars.append(_char_reading(char))
                i += 1
        return chars, unresolved


def _longest_phrase(word: str, start: int) -> Reading:
    """Readings of the longest dictionary phrase of 2+ characters at ``word[start:]``."""
    for end in range(min(len(word), start + _MAX_PHRASE), start + 1, -1):
        entry = PHRASES_DICT.get(word[start:end])
        if entry is not None:
            return tuple(numbered(syllables[0]) for syllables in entry)
    return ()


def _split(chars: list[str], words: Sequence[str]) -> list[Reading]:
    out: list[Reading] = []
    i = 0
    for word in words:
        out.append(tuple(chars[i : i + len(word)]))
        i += len(word)
    return out
