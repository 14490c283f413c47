"""The faster form of OpenCC's s2tw and s2hk (one dictionary where the standard config has
a group) converts every text exactly as the standard config does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import opencc
import pytest

from reader.core import paths, script_conversion_dicts
from reader.core.script_conversion_dicts import made, make
from reader.core.shipped import archive_for, pack

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


@pytest.fixture
def shipped_only(
    cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A build's shipped dictionaries (made by precompile's call, packed as it packs them)
    and an app without ``opencc_dict``, as the frozen app is: the shipped folder."""
    build = tmp_path_factory.mktemp("build")
    monkeypatch.setenv("READER_CACHE_DIR", str(build))
    assert script_conversion_dicts.make_dictionaries()
    folder = build / f"opencc-{opencc.__version__}"
    assert sorted(path.name for path in folder.iterdir()) == ["lookup.ocd2", "phrases.ocd2"]
    precompiled = tmp_path_factory.mktemp("precompiled")
    pack(folder, archive_for(precompiled / folder.name))
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    monkeypatch.setenv("READER_PRECOMPILED_DIR", str(precompiled))
    monkeypatch.setattr(script_conversion_dicts, "_tool", lambda: cache / "no-opencc_dict")
    return precompiled


def test_without_opencc_dict_the_shipped_dictionaries_make_the_faster_form(
    cache: Path, shipped_only: Path
) -> None:
    faster = make("s2tw")
    assert faster is not None and faster.is_relative_to(cache)
    text = paths.seed_article().read_text(encoding="utf-8")
    assert opencc.OpenCC(str(faster)).convert(text) == opencc.OpenCC("s2tw").convert(text)
    assert make("s2hk") is not None  # the same two dictionaries serve both


def test_a_damaged_shipped_archive_leaves_the_standard_config(
    cache: Path, shipped_only: Path
) -> None:
    archive = archive_for(shipped_only / f"opencc-{opencc.__version__}")
    archive.write_bytes(archive.read_bytes()[:5000])
    assert make("s2tw") is None and made("s2tw") is None
    folder = cache / f"opencc-{opencc.__version__}"
    assert not folder.exists() or not list(folder.iterdir())  # nothing half-unpacked left


def test_without_the_tool_or_a_shipped_archive_nothing_is_tried(
    cache: Path, shipped_only: Path
) -> None:
    archive_for(shipped_only / f"opencc-{opencc.__version__}").unlink()
    assert make("s2tw") is None
    assert not (cache / f"opencc-{opencc.__version__}").exists()
