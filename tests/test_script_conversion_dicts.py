"""The faster form of OpenCC's s2tw and s2hk (one dictionary where the standard config has
a group) converts every text exactly as the standard config does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import opencc
import pytest

from reader.core import paths, script_conversion_dicts
from reader.core.script_conversion_dicts import made, make

CORPUS = Path("../shared/corpus")
# texts in simplified characters, read as they are (../shared/corpus/SOURCES.md)
SIMPLIFIED = [
    "md_law_shanghai_smoking_control_regulation.md",
    "txt_utf8_webnovel_beipan_banner_u3000.txt",
    "html_news_xinhuanet.html",
    "txt_manpage_ssh_zh_CN_rendered_hardwrapped.txt",
]


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_the_faster_form_converts_the_seed_as_the_standard_config(cache: Path, config: str) -> None:
    assert made(config) is None
    faster = make(config)
    assert faster is not None and faster == made(config) and faster.is_relative_to(cache)
    text = paths.seed_article().read_text(encoding="utf-8")
    expected = opencc.OpenCC(config).convert(text)
    assert expected != text
    assert opencc.OpenCC(str(faster)).convert(text) == expected


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_the_faster_form_converts_real_documents_alike(cache: Path, config: str) -> None:
    faster = make(config)
    assert faster is not None
    standard, fast = opencc.OpenCC(config), opencc.OpenCC(str(faster))
    for name in SIMPLIFIED:
        text = (CORPUS / name).read_text(encoding="utf-8")
        assert fast.convert(text) == standard.convert(text), name
    phrases = (cache / f"opencc-{opencc.__version__}" / "phrases.ocd2").stat().st_size
    assert phrases > 500_000  # the union of the phrase dictionaries, not an empty one


def test_configs_of_another_shape_are_left_as_they_are(cache: Path) -> None:
    assert make("s2t") is None and make("t2s") is None
    assert made("s2t") is None


def test_a_failing_opencc_dict_leaves_the_standard_config(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: object) -> None:
        raise subprocess.CalledProcessError(1, "opencc_dict")

    monkeypatch.setattr(script_conversion_dicts, "_opencc_dict", failing)
    assert make("s2tw") is None
    assert made("s2tw") is None


def test_an_earlier_opencc_s_forms_are_removed_once_this_one_s_are_made(cache: Path) -> None:
    earlier = cache / "opencc-0.9.0"
    earlier.mkdir()
    (earlier / "lookup.ocd2").write_bytes(b"an earlier version's dictionary")
    unrelated = cache / "tables"
    unrelated.mkdir()
    assert make("s2tw") is not None
    assert not earlier.exists()
    assert unrelated.is_dir() and (cache / f"opencc-{opencc.__version__}").is_dir()
