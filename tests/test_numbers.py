"""Numbers with their measure word as one unit, on the real analysis and CC-CEDICT."""

from __future__ import annotations

import pytest

from reader.core.analysis.pipeline import Analyzer
from reader.core.numbers import (
    NumberUnit,
    chinese_value,
    digits_in_chinese,
    integer_in_chinese,
    number_unit,
)

TEXT = "6月5日，2024年有1.5个人和三百五十个游客，52个项目，第十次，2个人，万一他来了，十几个"


def units(analyzer: Analyzer, text: str) -> dict[str, NumberUnit]:
    """Every token's unit, by the clicked token's text (a token in no unit: absent)."""
    tokens = analyzer.analyse(text)
    found = {}
    for index, token in enumerate(tokens):
        unit = number_unit(tokens, index, analyzer.dictionary.entries)
        if unit is not None:
            found[token.text] = unit
            covered = "".join(t.text for t in tokens[unit.first : unit.measure_index + 1])
            assert covered.startswith(unit.text)  # the tokens the unit covers
            assert unit.first <= index <= unit.measure_index
    return found


def test_a_number_and_its_measure_word_are_one_unit(analyzer: Analyzer) -> None:
    found = units(analyzer, TEXT)
    expected = {  # clicked token: unit, value, measure, reading
        "6": ("6月", "6", "月", "liu4 yue4"),
        "月": ("6月", "6", "月", "liu4 yue4"),
        "日": ("5日", "5", "日", "wu3 ri4"),
        "2024": ("2024年", "2024", "年", "er4 ling2 er4 si4 nian2"),  # a year, digit by digit
        "1.5": ("1.5个", "1.5", "个", "yi1 dian3 wu3 ge4"),
        "三": ("三百五十个", "350", "个", "san1 bai3 wu3 shi2 ge4"),
        "五十": ("三百五十个", "350", "个", "san1 bai3 wu3 shi2 ge4"),
        "52": ("52个", "52", "个", "wu3 shi2 er4 ge4"),
        "第": ("第十次", "10", "次", "di4 shi2 ci4"),
        "2": ("2个", "2", "个", "liang3 ge4"),  # 两个, not 二个
    }
    for clicked, (text, value, measure, reading) in expected.items():
        unit = found[clicked]
        assert (unit.text, unit.value, unit.measure, " ".join(unit.readings)) == (
            text,
            value,
            measure,
            reading,
        ), clicked
    assert found["第"].ordinal and not found["52"].ordinal
    # the segmenter joined 个 to 人 after 1.5 (1.5 个人): the unit still takes 个 alone
    assert found["个人"].text in ("1.5个", "2个")
    for word in ("万一", "他", "十几", "游客", "项目"):  # not numbers, or not counted ones
        assert word not in found, word


@pytest.mark.parametrize(
    ("chinese", "value"),
    [
        ("三百五十", 350),
        ("十二", 12),
        ("一百万", 1_000_000),
        ("二〇二四", 2024),
        ("一千零五", 1005),
    ],
)
def test_chinese_numerals_have_their_value(chinese: str, value: int) -> None:
    assert chinese_value(chinese) == value
    if "〇" not in chinese:
        assert integer_in_chinese(value) == chinese  # and back


@pytest.mark.parametrize("text", ["万一", "十几", "百", "一二三十"])
def test_words_made_of_numeral_characters_are_not_always_numbers(text: str) -> None:
    assert chinese_value(text) is None


def test_digits_are_read_as_chinese_before_their_measure_word() -> None:
    assert digits_in_chinese("2024", "年") == "二〇二四"
    assert digits_in_chinese("2", "月") == "二"  # 二月, February
    assert digits_in_chinese("2", "本") == "两"
    assert digits_in_chinese("1,000", "元") == "一千"
    assert digits_in_chinese("100000", "人") == "十万"
    assert digits_in_chinese("12.05", "米") == "十二点零五"
    assert digits_in_chinese("1.2.3", "个") is None
