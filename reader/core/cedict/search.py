"""Turning what a learner types into dictionary queries, and ranking what comes back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.cedict.model import Entry
from reader.core.pinyin import marks_to_numbered, numbered_syllables, syllables

_PINYIN_QUERY = re.compile(r"([a-zA-Zü:^]+)([1-5]?)")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_PARENTHESES = re.compile(r"\([^)]*\)")
_LEADING_FILLER = re.compile(r"^(?:to|a|an|the) ")


@dataclass(frozen=True, slots=True)
class PinyinQuery:
    """Toneless syllables (ü as v) and the tone typed for each, or None where none was."""

    syllables: tuple[str, ...]
    tones: tuple[int | None, ...]

    @property
    def key(self) -> str:
        return "".join(self.syllables)

    def tones_match(self, entry_pinyin: str) -> bool:
        if all(tone is None for tone in self.tones):
            return True
        found = list(numbered_syllables(entry_pinyin))
        if len(found) != len(self.tones):
            return False
        return all(
            wanted is None or (syllable == base and tone == wanted)
            for (syllable, tone), base, wanted in zip(
                found, self.syllables, self.tones, strict=True
            )
        )


def parse_pinyin_query(query: str) -> PinyinQuery | None:
    """``aihao``, ``ai4hao4``, ``ai4 hao``, ``ài hào``, ``lv4``, ``lü`` → syllables + tones.

    None when the text is not pinyin.
    """
    text = query.strip()
    if not text.isascii():
        text = marks_to_numbered(text)
        text = re.sub(r"([a-zA-Z:]+)5", r"\1", text)  # unmarked means "any tone" in a search
    text = text.lower().replace("u:", "v").replace("ü", "v").replace("'", " ")
    found: list[str] = []
    tones: list[int | None] = []
    for chunk in text.split():
        position = 0
        for match in _PINYIN_QUERY.finditer(chunk):
            if match.start() != position:
                return None
            position = match.end()
            try:
                parts = syllables(match.group(1))
            except ValueError:
                return None
            found.extend(parts)
            tones.extend([None] * (len(parts) - 1))
            tones.append(int(match.group(2)) if match.group(2) else None)
        if position != len(chunk):
            return None
    if not found:
        return None
    return PinyinQuery(tuple(found), tuple(tones))


def toneless_letters(query: str) -> str:
    """The letters of a partial pinyin query (``"zhongguo yinh"`` → ``"zhongguoyinh"``), ü as
    v; "" if it holds anything else (tone digits, marks, Hanzi)."""
    letters = re.sub(r"[\s']+", "", query.lower()).replace("u:", "v").replace("ü", "v")
    return letters if letters.isascii() and letters.isalpha() else ""


def english_terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def english_rank(
    entry: Entry, terms: list[str], band: int | None, count: int
) -> tuple[int, int, int, int, int]:
    """Sort key for an English search (smaller is better).

    First how the query meets the entry's best gloss (``;``-separated, parentheses and a
    leading "to"/"a"/"the" ignored on both sides): the whole gloss, the start of it, a whole
    word in it, or only a stemmed word; then the word's frequency band (common words first);
    then the length of that gloss (short, focused glosses first), how early its sense comes,
    and the word's raw count.
    """
    phrase = _LEADING_FILLER.sub("", " ".join(terms))
    words = phrase.split()
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
    best = (4, 1_000, 1_000)
    for position, sense in enumerate(entry.senses):
        for gloss in sense.gloss.lower().split(";"):
            plain = _LEADING_FILLER.sub("", _PARENTHESES.sub("", gloss).strip()).strip()
            found = pattern.search(plain)
            if plain == phrase:
                match_class = 0
            elif found is not None and found.start() == 0:
                match_class = 1
            elif found is not None:
                match_class = 2
            else:
                match_class = 3
            best = min(best, (match_class, len(plain), position))
    return (best[0], band or 6, best[1], best[2], -count)
