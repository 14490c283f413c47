"""OpenCC conversion keeps the text's length and never picks archaic variants."""

from __future__ import annotations

from reader.core.script_conversion import TraditionalStandard, to_simplified, to_traditional


def test_phrases_convert_by_word_and_common_characters_stay_modern() -> None:
    assert to_traditional("头发和发展") == "頭髮和發展"
    assert to_traditional("以最深据规效举") == "以最深據規效舉"


def test_standards_differ_where_taiwan_and_hong_kong_write_differently() -> None:
    assert to_traditional("为了", TraditionalStandard.TAIWAN) == "為了"
    assert to_traditional("为了", TraditionalStandard.OPENCC) == "爲了"


def test_traditional_to_simplified() -> None:
    assert to_simplified("於是什麼長為") == "于是什么长为"


def test_length_is_kept_for_every_character() -> None:
    text = "新渝报讯 2025年6月5日，重庆市綦江区《规定》——“你好”！ ABC 123"
    assert len(to_traditional(text)) == len(text)
    assert len(to_simplified(to_traditional(text))) == len(text)
