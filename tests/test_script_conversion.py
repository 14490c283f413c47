"""OpenCC conversion keeps the text's length and never picks archaic variants; the
converter built ahead on a thread of its own is the one a switch uses, converting alike."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from reader.core import script_conversion
from reader.core.script_conversion import (
    TraditionalStandard,
    build_ahead,
    built,
    in_script,
    to_simplified,
    to_traditional,
)
from reader.core.script_conversion_dicts import made
from reader.core.settings import Script

# a Shanghai regulation in simplified characters (../shared/corpus/SOURCES.md)
LAW = Path("../shared/corpus/md_law_shanghai_smoking_control_regulation.md")


def test_phrases_convert_by_word_and_common_characters_stay_modern() -> None:
    assert to_traditional("头发和发展") == "頭髮和發展"
    assert to_traditional("以最深据规效举") == "以最深據規效舉"


def test_standards_differ_where_taiwan_and_hong_kong_write_differently() -> None:
    assert to_traditional("为了", TraditionalStandard.TAIWAN) == "為了"
    assert to_traditional("为了", TraditionalStandard.OPENCC) == "爲了"


def test_traditional_to_simplified() -> None:
    assert to_simplified("於是什麼長為") == "于是什么长为"


def test_simplified_text_stays_as_written() -> None:
    """OpenCC's phrases are for traditional text: in simplified text 打坏 is "break", not
    打坯 (坏 a traditional variant of 坯); a traditional character beside it converts the
    text as a whole, phrases included."""
    assert to_simplified("他把杯子打坏了") == "他把杯子打坏了"
    assert to_simplified("浮沈") == "浮沈"  # no traditional character: read as written
    assert to_simplified("請回覆，別打壞了") == "请回复，别打坏了"
    assert to_simplified("深沈的聲音") == "深沉的声音"


def test_length_is_kept_for_every_character() -> None:
    text = "新渝报讯 2025年6月5日，重庆市綦江区《规定》——“你好”！ ABC 123"
    assert len(to_traditional(text)) == len(text)
    assert len(to_simplified(to_traditional(text))) == len(text)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """No converter built yet; each build from now on as (config, the building thread),
    whether from the standard config or its faster form."""
    import opencc

    made: list[tuple[str, str]] = []
    real = opencc.OpenCC

    def recording(config: str) -> Any:
        made.append((Path(config).stem, threading.current_thread().name))  # s2tw, s2tw.json
        return real(config)

    monkeypatch.setattr(script_conversion, "_built", {})
    monkeypatch.setattr(opencc, "OpenCC", recording)
    return made


def test_built_ahead_on_its_own_thread_and_not_again_by_the_switch(
    builds: list[tuple[str, str]],
) -> None:
    assert not built(Script.TRADITIONAL)
    build_ahead(Script.SIMPLIFIED).join()  # simplified shown: Taiwan's, the first offered
    assert built(Script.TRADITIONAL)
    assert builds == [("s2tw", "opencc-build-ahead")]
    assert in_script("头发", Script.TRADITIONAL) == "頭髮"
    assert builds == [("s2tw", "opencc-build-ahead")]


def test_the_shown_standard_is_the_one_built_ahead(builds: list[tuple[str, str]]) -> None:
    build_ahead(Script.TRADITIONAL_HK).join()
    assert builds == [("s2hk", "opencc-build-ahead")]
    assert built(Script.TRADITIONAL_HK) and not built(Script.TRADITIONAL)


def test_a_switch_during_the_build_waits_for_it_and_builds_nothing(
    builds: list[tuple[str, str]],
) -> None:
    thread = build_ahead(Script.SIMPLIFIED)
    assert to_traditional("发展") == "發展"  # before, during or after the build: one build
    thread.join()
    assert [config for config, _thread in builds] == ["s2tw"]


@pytest.mark.skipif(not LAW.is_file(), reason="needs ../shared/corpus")
def test_conversions_built_ahead_equal_those_built_on_the_spot(
    builds: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = LAW.read_text(encoding="utf-8")
    scripts = [Script.TRADITIONAL, Script.TRADITIONAL_HK, Script.TRADITIONAL_OPENCC]
    on_the_spot = [in_script(text, script) for script in scripts]
    monkeypatch.setattr(script_conversion, "_built", {})
    for script in scripts:
        build_ahead(script).join()
    assert [in_script(text, script) for script in scripts] == on_the_spot
    assert on_the_spot[0] != text and len(on_the_spot[0]) == len(text)
    assert {thread for _config, thread in builds[3:]} == {"opencc-build-ahead"}


def test_built_ahead_from_the_faster_form_made_first(
    builds: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import opencc

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    configs: list[str] = []
    recording = opencc.OpenCC

    def listing(config: str) -> Any:
        configs.append(config)
        return recording(config)

    monkeypatch.setattr(opencc, "OpenCC", listing)
    build_ahead(Script.TRADITIONAL_HK).join()
    assert configs == [str(tmp_path / f"opencc-{opencc.__version__}" / "s2hk.json")]
    assert to_traditional("头发", TraditionalStandard.HONG_KONG) == "頭髮"
    assert builds == [("s2hk", "opencc-build-ahead")]


def test_built_already_the_faster_form_is_still_made_for_the_next_launch(
    builds: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    assert in_script("发展", Script.TRADITIONAL) == "發展"  # shown at launch: built there
    assert made("s2tw") is None
    build_ahead(Script.TRADITIONAL).join()
    assert made("s2tw") is not None and made("s2hk") is not None  # for a switch to either
    assert [config for config, _thread in builds] == ["s2tw"]  # not built twice


def test_a_damaged_faster_form_falls_back_to_the_standard_config(
    builds: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A made form OpenCC cannot open (damaged, or on a path it cannot read) costs the
    learner nothing: the standard config converts."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    build_ahead(Script.TRADITIONAL).join()
    faster = made("s2tw")
    assert faster is not None
    (faster.parent / "lookup.ocd2").write_bytes(b"not a dictionary")
    monkeypatch.setattr(script_conversion, "_built", {})
    assert in_script("头发", Script.TRADITIONAL) == "頭髮"
    assert [config for config, _thread in builds][-2:] == ["s2tw", "s2tw"]  # tried, then standard
