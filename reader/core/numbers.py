"""Numbers with their measure word as one unit: 6月, 2024年, 1.5个, 三百五十个, 第十次.

The segmenter cuts them apart (``6`` ``月``; ``三`` ``百`` ``五十`` ``个``; ``1.5`` ``个人``);
a learner reads them as one thing. `number_unit` finds the unit around a token, with its
value (350), its reading (digits read as Chinese: 2024年 èr líng èr sì nián, 2个 liǎng gè,
52个 wǔ shí èr gè) and the measure word, the part a learner adds to a list.

Written here rather than taken from a package: cn2an (PyPI) converts numerals too, but
its import took 0.34 s, a hitch on the first click on a number, and it reads no years,
no 两 and no pinyin, which are what the popup needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.analysis.tokens import Token, TokenKind

if TYPE_CHECKING:  # the dictionary's package loads with the dictionary, not with this
    from reader.core.cedict.model import Entry

DIGITS = "零一二三四五六七八九"
_DIGIT_OF = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_GROUPS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = frozenset(_DIGIT_OF) | frozenset(_UNITS) | frozenset(_GROUPS) | {"点"}
READINGS = {
    "零": "ling2",
    "〇": "ling2",
    "一": "yi1",
    "二": "er4",
    "两": "liang3",
    "三": "san1",
    "四": "si4",
    "五": "wu3",
    "六": "liu4",
    "七": "qi1",
    "八": "ba1",
    "九": "jiu3",
    "十": "shi2",
    "百": "bai3",
    "千": "qian1",
    "万": "wan4",
    "亿": "yi4",
    "点": "dian3",
}
# Measure words and units are the words with a sense of this kind (个, 本, 次 are
# "classifier for …"; 月, 年, 元, 公里 have a unit's sense among others).
CLASSIFIER_SENSES = ("classifier", "measure word")
UNIT_SENSES = (
    "unit",
    "year",
    "month",
    "day",
    "o'clock",
    "hour",
    "minute",
    "second",
    "kilometer",
    "meter",
    "gram",
    "catty",
    "ton",
    "percent",
    "times",
    "yuan",
)
DATE_MEASURES = frozenset("月日号")  # 2月 èr yuè, not liǎng yuè
ORDINAL = "第"


@dataclass(frozen=True)
class NumberUnit:
    """Tokens ``first`` … ``measure_index`` of the article: the number (with 第 before it
    for an ordinal) and ``measure``, the measure word (the first character of its token
    when the segmenter joined it to a word: 1.5 个人)."""

    first: int
    measure_index: int
    text: str  # 三百五十个
    number: str  # 三百五十
    value: str  # 350
    measure: str  # 个
    readings: tuple[str, ...]  # numbered syllables as it is read (52个: wu3 shi2 er4 ge4)
    ordinal: bool = False


def measure_sense(entries: Sequence[Entry]) -> str | None:
    """The sense of ``entries`` that makes a word a measure word (次: "classifier for
    enumerated events", not its first sense "next in sequence") or else a unit (月 "month")."""
    for kinds in (CLASSIFIER_SENSES, UNIT_SENSES):
        for entry in entries:
            for sense in entry.senses:
                if any(word in sense.gloss.lower() for word in kinds):
                    return sense.gloss
    return None


def ordinal(value: str) -> str:
    """10 → 10th, 2 → 2nd, 13 → 13th (English, for a gloss)."""
    if value[-2:] in ("11", "12", "13"):
        return value + "th"
    return value + {"1": "st", "2": "nd", "3": "rd"}.get(value[-1:], "th")


def spoken(unit: NumberUnit) -> str:
    """The unit in Chinese numerals, as it is read (6月 → 六月, 52个 → 五十二个)."""
    number = digits_in_chinese(unit.number, unit.measure) or unit.number
    return (ORDINAL if unit.ordinal else "") + number + unit.measure


def chinese_value(text: str) -> int | None:
    """三百五十 → 350, 二〇二四 → 2024, 十二 → 12, 一百万 → 1000000; None for text that is
    not a whole number in Chinese numerals (万一, 十几)."""
    if not text or any(c not in _DIGIT_OF and c not in _UNITS and c not in _GROUPS for c in text):
        return None
    if len(text) > 1 and all(c in _DIGIT_OF for c in text):
        return int("".join(str(_DIGIT_OF[c]) for c in text))  # read digit by digit
    total = section = 0
    digit: int | None = None
    for char in text:
        if char in "零〇" and digit is None:
            continue  # a gap: 一千零五
        if char in _DIGIT_OF:
            if digit is not None:
                return None  # two digits in a row inside a counted number
            digit = _DIGIT_OF[char]
        elif char in _UNITS:
            if digit is None and not (char == "十" and section == 0 and total == 0):
                return None
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            if section == 0 and digit is None:
                return None  # 万 with nothing to count
            total += (section + (digit or 0)) * _GROUPS[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def _group_in_chinese(value: int, leading: bool) -> str:
    """0 < value < 10000 in Chinese numerals (零 for a gap; 十 alone for 10–19 leading)."""
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        if not (name == "十" and digit == 1 and not out and leading):
            out += DIGITS[digit]
        out += name
    return out


def integer_in_chinese(value: int) -> str:
    """52 → 五十二, 100000 → 十万, 1005 → 一千零五."""
    if value == 0:
        return "零"
    groups: list[int] = []
    while value:
        groups.append(value % 10_000)
        value //= 10_000
    out = ""
    names = ["", "万", "亿", "万亿"]
    for place in range(len(groups) - 1, -1, -1):
        group = groups[place]
        if group == 0:
            continue
        if out and group < 1000:
            out += "零"
        out += _group_in_chinese(group, leading=not out) + names[place]
    return out


def digits_in_chinese(number: str, measure: str) -> str | None:
    """An Arabic number as it is read before ``measure``: years digit by digit (二〇二四年),
    2 as 两 before a measure word (两个, but 二月), decimals with 点 (一点五)."""
    plain = number.replace(",", "")
    whole, _dot, fraction = plain.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    if measure == "年" and len(whole) == 4 and not fraction:
        return "".join("〇" if d == "0" else DIGITS[int(d)] for d in whole)
    value = int(whole)
    read = integer_in_chinese(value)
    if value == 2 and not fraction and measure not in DATE_MEASURES:
        read = "两"
    if fraction:
        read += "点" + "".join(DIGITS[int(d)] for d in fraction)
    return read


def _numeral(token: Token) -> bool:
    if token.kind is TokenKind.NUMBER:
        return any(c.isdigit() for c in token.text)
    return token.kind is TokenKind.WORD and all(c in NUMERAL_CHARS for c in token.text)


def number_unit(
    tokens: Sequence[Token], index: int, entries: Callable[[str], Sequence[Entry]]
) -> NumberUnit | None:
    """The number-plus-measure-word unit that token ``index`` belongs to (the number, the
    measure word, or 第 before them), else None; ``entries``: the dictionary's entries of
    a word, to tell a measure word."""
    if not 0 <= index < len(tokens):
        return None
    at = index
    if tokens[at].text == ORDINAL:
        at += 1
    elif not _numeral(tokens[at]) and at > 0 and _numeral(tokens[at - 1]):
        at -= 1  # the measure word clicked: the number before it
    if at >= len(tokens) or not _numeral(tokens[at]):
        return None
    first = last = at
    while first > 0 and _numeral(tokens[first - 1]) and tokens[first - 1].kind is tokens[at].kind:
        first -= 1
    while last + 1 < len(tokens) and _numeral(tokens[last + 1]):
        if tokens[last + 1].kind is not tokens[at].kind:
            break
        last += 1
    if last + 1 >= len(tokens):
        return None
    after = tokens[last + 1]
    if not after.is_chinese:
        return None
    # the token, else its first character (1.5 个人: the segmenter took 个 into a word)
    candidates = dict.fromkeys((after.text, after.text[0]))
    measure = next((m for m in candidates if measure_sense(entries(m)) is not None), None)
    if measure is None:
        return None
    number = "".join(t.text for t in tokens[first : last + 1])
    ordinal = first > 0 and tokens[first - 1].text == ORDINAL
    if tokens[at].kind is TokenKind.NUMBER:
        spoken = digits_in_chinese(number, measure)
        if spoken is None:
            return None
        value = number.replace(",", "")
        number_readings = tuple(READINGS[c] for c in spoken)
    else:
        whole, _dot, decimals = number.partition("点")
        counted = chinese_value(whole)
        if counted is None or (decimals and chinese_value(decimals) is None):
            return None
        value = str(counted) + (f".{chinese_value(decimals)}" if decimals else "")
        number_readings = tuple(r for t in tokens[first : last + 1] for r in t.readings)
    prefix = (tokens[first - 1].readings or ("di4",)) if ordinal else ()
    if ordinal:
        first -= 1
    return NumberUnit(
        first=first,
        measure_index=last + 1,
        text=(ORDINAL if ordinal else "") + number + measure,
        number=number,
        value=value,
        measure=measure,
        readings=prefix + number_readings + after.readings[: len(measure)],
        ordinal=ordinal,
    )
