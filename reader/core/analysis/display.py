"""How a token's readings are shown: tone marks, tone numbers, zhuyin or nothing, and the
optional tone-sandhi display of 一 and 不.

The stored readings stay the citation tones the dictionary uses (一 yi1, 不 bu4); sandhi
is a display choice (off by default) because a learner looks the word up under its
citation tone: 不 before a 4th tone is shown bú (不是 bú shì); 一 before a 4th tone yí
(一个 yí gè), before a 1st, 2nd or 3rd tone yì (一天 yì tiān), but 一 stays yī as a number
or ordinal (第一, 十一, 一九九八, 一月) and at the end of a word or phrase (统一, 唯一。).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.analysis.tokens import Token
from reader.core.pinyin import PinyinStyle, render, tone_of

# Characters that make a neighbouring 一 a number, not the word "one (of something)".
_NUMBER_BEFORE = frozenset("第〇零一二三四五六七八九十百千万亿两")
_NUMBER_AFTER = frozenset("〇零一二三四五六七八九十月号")


def show(readings: Sequence[str], style: PinyinStyle | None) -> tuple[str, ...]:
    """Each syllable in ``style`` (``None`` hides pinyin); ``""`` stays ``""``."""
    if style is None:
        return tuple("" for _ in readings)
    return tuple(render(syllable, style) if syllable else "" for syllable in readings)


def _next_syllable(tokens: Sequence[Token], index: int, offset: int) -> str:
    """The reading right after character ``offset`` of ``tokens[index]``, if Chinese follows."""
    token = tokens[index]
    if offset + 1 < len(token.readings):
        return token.readings[offset + 1]
    if index + 1 < len(tokens) and tokens[index + 1].is_chinese and tokens[index + 1].readings:
        return tokens[index + 1].readings[0]
    return ""


def _next_char(tokens: Sequence[Token], index: int, offset: int) -> str:
    token = tokens[index]
    if offset + 1 < len(token.text):
        return token.text[offset + 1]
    return tokens[index + 1].text[:1] if index + 1 < len(tokens) else ""


def _previous_char(tokens: Sequence[Token], index: int, offset: int) -> str:
    if offset > 0:
        return tokens[index].text[offset - 1]
    return tokens[index - 1].text[-1:] if index > 0 else ""


def _sandhi(tokens: Sequence[Token], index: int, offset: int, syllable: str) -> str:
    token = tokens[index]
    char = token.text[offset]
    following = _next_syllable(tokens, index, offset)
    if not following:
        return syllable
    next_tone = tone_of(following)
    if char == "不" and syllable.lower() == "bu4":
        return syllable[:-1] + "2" if next_tone == 4 else syllable
    if char != "一" or syllable.lower() != "yi1" or next_tone not in (1, 2, 3, 4):
        return syllable
    ends_word = len(token.text) > 1 and offset == len(token.text) - 1
    if (
        ends_word
        or _previous_char(tokens, index, offset) in _NUMBER_BEFORE
        or _next_char(tokens, index, offset) in _NUMBER_AFTER
    ):
        return syllable
    return syllable[:-1] + ("2" if next_tone == 4 else "4")


def with_sandhi(tokens: Sequence[Token]) -> list[tuple[str, ...]]:
    """The readings of ``tokens`` (numbered) with the sandhi of 一 and 不 applied."""
    shown: list[tuple[str, ...]] = []
    for index, token in enumerate(tokens):
        if "一" not in token.text and "不" not in token.text:
            shown.append(token.readings)
            continue
        shown.append(
            tuple(
                _sandhi(tokens, index, offset, syllable) if syllable else syllable
                for offset, syllable in enumerate(token.readings)
            )
        )
    return shown
