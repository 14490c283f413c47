"""`reader lookup` and `reader dictionary` through the real command-line entry point."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import paths


def test_lookup_prints_every_entry(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["lookup", "行"]) == 0
    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n")
    assert blocks[0].startswith("行  háng")
    assert any(block.startswith("行  xíng") for block in blocks)
    assert "HSK 4 (2.0) · HSK 1 (3.0)" in blocks[0]
    assert "\n  1. row\n" in blocks[0]


def test_lookup_shows_both_scripts_and_classifiers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "愛好"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("爱好 (愛好)  ài hào")
    assert "2. interest; hobby  [classifier: 个(個) gè]" in out


def test_lookup_by_pinyin_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--pinyin", "aihao"]) == 0
    assert capsys.readouterr().out.startswith("爱好 (愛好)")
    assert main(["lookup", "--english", "hobby", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "爱好 (愛好)" in out
    assert out.count("\n\n") == 2


def test_lookup_of_nothing_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "xyzzy"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nothing found" in captured.err


def test_dictionary_import_reports_malformed_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as stream:
        lines = [line for line in stream if not line.startswith("#")][:1_000]
    release = tmp_path / "cedict_ts.u8"
    release.write_text("".join(lines[:5]) + "broken line\n" + "".join(lines[5:]), "utf-8")
    assert main(["dictionary", "import", str(release), "--data-dir", str(data_dir)]) == 1
    assert "99 % fewer than the 122,143" in capsys.readouterr().err  # a cut-short file?
    command = ["dictionary", "import", str(release), "--data-dir", str(data_dir), "--force"]
    assert main(command) == 0
    captured = capsys.readouterr()
    assert "line 6: not 'Traditional Simplified" in captured.err
    assert "imported 1000 entries" in captured.out
    assert main(["dictionary", "info", "--data-dir", str(data_dir)]) == 0
    assert "entries: 1000" in capsys.readouterr().out


def test_dictionary_import_of_a_bad_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\nmilk\n", encoding="utf-8")
    assert main(["dictionary", "import", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "line 1:" in captured.err and "line 2:" in captured.err
    assert "unchanged" in captured.err
    assert main(["dictionary", "import", str(tmp_path / "missing.u8")]) == 1
    assert main(["dictionary", "info"]) == 0
    assert "entries: 122143" in capsys.readouterr().out
