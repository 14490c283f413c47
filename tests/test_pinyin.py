"""Pinyin rendering from CC-CEDICT's numbered form, checked by rule, by pypinyin and by
property tests of the round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import Style
from pypinyin.contrib.tone_convert import to_tone
from pypinyin.style import convert

from reader.core.pinyin import (
    SYLLABLES,
    PinyinStyle,
    marks_to_numbered,
    render,
    syllables,
    to_marks,
    to_zhuyin,
    tone_of,
)

# Syllabic nasals, ê and erhua are outside pypinyin's tables; they are checked by hand below.
_SPECIAL = {"m", "n", "ng", "hm", "hng", "e^", "r"}
REGULAR = sorted(SYLLABLES - _SPECIAL)


def numbered(plain: str, tone: int, capital: bool = False) -> str:
    text = plain.replace("v", "u:") + str(tone)
    return text[:1].upper() + text[1:] if capital else text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("hang2", "háng"),
        ("xing2", "xíng"),
        ("zhang3", "zhǎng"),
        ("gou3", "gǒu"),  # o in ou
        ("liu2", "liú"),  # last vowel
        ("gui4", "guì"),
        ("xue2", "xué"),  # e first
        ("lu:4", "lǜ"),
        ("nu:e4", "nüè"),
        ("lv3", "lǚ"),
        ("le5", "le"),  # neutral tone: no mark
        ("hua1 r5", "huā r"),  # erhua
        ("Zhang1 San1", "Zhāng Sān"),  # names keep their capital
        ("Lu:3", "Lǚ"),
        ("A1 la1 bo2", "Ā lā bó"),
        ("san1 C", "sān C"),  # 3C: Latin letters pass through
        ("A A zhi4", "A A zhì"),  # AA制
        ("er4 ling2 yi1 jiu3", "èr líng yī jiǔ"),
        ("m2", "ḿ"),
        ("ng4", "ǹg"),
        ("hm5", "hm"),
        ("xx5", "xx5"),  # CC-CEDICT's "unknown reading" is not pinyin
        ("Ke4 la1 ke1 · Ba1", "Kè lā kē · Bā"),
    ],
)
def test_to_marks(source: str, expected: str) -> None:
    assert to_marks(source) == expected


@pytest.mark.parametrize("plain", REGULAR)
def test_marks_and_zhuyin_agree_with_pypinyin(plain: str) -> None:
    for tone in (1, 2, 3, 4):
        assert to_marks(numbered(plain, tone)) == to_tone(plain + str(tone))
        expected = convert(to_tone(plain + str(tone)), Style.BOPOMOFO, strict=True)
        assert to_zhuyin(numbered(plain, tone)) == expected
    neutral = convert(plain, Style.BOPOMOFO, strict=True).rstrip("˙")
    assert to_zhuyin(numbered(plain, 5)) == "˙" + neutral  # the dot goes first, as in Taiwan


def test_zhuyin_of_specials_and_fields() -> None:
    assert to_zhuyin("hang2 zhang3") == "ㄏㄤˊ ㄓㄤˇ"
    assert to_zhuyin("hua1 r5") == "ㄏㄨㄚ ㄦ"
    assert to_zhuyin("san1 C") == "ㄙㄢ C"
    assert to_zhuyin("ng2") == "ㄫˊ"


def test_render_styles() -> None:
    assert render("ai4 hao4", PinyinStyle.MARKS) == "ài hào"
    assert render("ai4 hao4", PinyinStyle.NUMBERS) == "ai4 hao4"
    assert render("ai4 hao4", PinyinStyle.ZHUYIN) == "ㄞˋ ㄏㄠˋ"


def test_tone_of() -> None:
    assert [tone_of(s) for s in ("hang2", "háng", "le5", "le", "r5", "ǚ", "C", "·")] == [
        2,
        2,
        5,
        5,
        5,
        3,
        0,
        0,
    ]


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("ài hào", "ai4 hao4"),
        ("àihào", "ai4 hao4"),
        ("Zhāng Sān", "Zhang1 San1"),
        ("lǜsè", "lu:4 se4"),
        ("nǚ'ér", "nu:3 er2"),
        ("xi'ān", "xi5 an1"),
        ("ma", "ma5"),
        ("sān C", "san1 C"),
    ],
)
def test_marks_to_numbered(marked: str, expected: str) -> None:
    assert marks_to_numbered(marked.replace("'", " ")) == expected


def test_syllables_split_run_together_input() -> None:
    assert syllables("aihao") == ["ai", "hao"]
    assert syllables("fangan") == ["fang", "an"]  # backtracks: "fan gan" would also do
    assert syllables("xian") == ["xian"]
    assert syllables("lvse") == ["lv", "se"]
    assert syllables("nu:er") == ["nu:", "er"]
    with pytest.raises(ValueError):
        syllables("hobby")


# "A5" renders as "A", which reads as the Latin letter (3C, AA制): the one ambiguous case.
syllable_strategy = (
    st.tuples(st.sampled_from(sorted(SYLLABLES)), st.integers(1, 5), st.booleans())
    .map(lambda t: numbered(*t))
    .filter(lambda syllable: not to_marks(syllable).isupper())
)


@given(st.lists(syllable_strategy, min_size=1, max_size=6))
def test_round_trip_numbered_marks_numbered(field: list[str]) -> None:
    text = " ".join(field)
    assert marks_to_numbered(to_marks(text)) == text


@given(syllable_strategy)
def test_marks_carry_the_tone(syllable: str) -> None:
    tone = int(syllable[-1])
    assert tone_of(to_marks(syllable)) == tone
    assert tone_of(syllable) == tone


@given(st.lists(st.sampled_from(REGULAR), min_size=1, max_size=6))
def test_syllables_split_covers_the_input(parts: list[str]) -> None:
    joined = "".join(parts)
    split = syllables(joined)
    assert "".join(split) == joined
    assert all(part in SYLLABLES for part in split)


@pytest.mark.parametrize(
    ("field", "style", "shown"),
    [
        ("lu:3 xing2", PinyinStyle.NUMBERS, "lü3 xing2"),
        ("Lu:3 nu:e4", PinyinStyle.NUMBERS, "Lü3 nüe4"),
        ("lu:3 xing2", PinyinStyle.NUMBERS_V, "lv3 xing2"),
        ("nu:3 er2", PinyinStyle.NUMBERS_V, "nv3 er2"),
        ("san1 C", PinyinStyle.NUMBERS, "san1 C"),  # not a syllable: as it is
    ],
)
def test_tone_numbers_never_show_cedicts_colon(field: str, style: PinyinStyle, shown: str) -> None:
    assert render(field, style) == shown
