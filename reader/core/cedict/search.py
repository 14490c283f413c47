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


def english_terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def english_rank(entry: Entry, terms: list[str], frequency: int) -> tuple[int, int, int, int]:
    """Sort key: whole gloss equal to the query first, then glosses containing the words, then
    stem-only matches; within each, shorter glosses, then more frequent words, then proper
    names last."""
    phrase = " ".join(terms)
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, terms)) + r"\b")
    best = (3, 1_000)
    for sense in entry.senses:
        for gloss in sense.gloss.lower().split(";"):
            plain = _LEADING_FILLER.sub("", _PARENTHESES.sub("", gloss).strip()).strip()
            if plain == phrase:
                best = min(best, (0, len(plain)))
            elif pattern.search(plain):
                best = min(best, (1, len(plain)))
            else:
                best = min(best, (2, len(plain)))
    return (best[0], int(entry.is_name), best[1], -frequency)
