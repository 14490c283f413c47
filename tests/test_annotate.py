"""`reader annotate`: plain and JSON output on the seed page, stable across runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import paths
from reader.core.store import CorrectionKind, Store


def _annotate_in_a_new_process(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
        check=True,
        timeout=120,
    )
    return done.stdout


def test_json_on_the_seed_page_is_stable_across_runs() -> None:
    seed = str(paths.seed_article())
    first = _annotate_in_a_new_process(seed, "--json", "--format", "numbers")
    second = _annotate_in_a_new_process(seed, "--json", "--format", "numbers")
    assert first == second
    tokens = [json.loads(line) for line in first.splitlines()]
    bank = next(t for t in tokens if t["text"] == "银行")
    assert bank["kind"] == "word" and bank["reading"] == ["yin2", "hang2"] and bank["entry_ids"]
    assert {t["kind"] for t in tokens} >= {"word", "name", "punct", "space", "number"}
    name = next(t for t in tokens if t["text"] == "姚树洁")
    assert name["kind"] == "name" and name["parts"] == ["姚", "树", "洁"]


def test_plain_output_shows_each_word_with_its_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("他是这家银行的行长。\n", encoding="utf-8")
    assert main(["annotate", str(article)]) == 0
    out = capsys.readouterr().out
    assert "银行[yín háng]" in out and "行长[háng zhǎng]" in out and "。" in out
    assert main(["annotate", str(article), "--format", "zhuyin"]) == 0
    assert "银行[ㄧㄣˊ ㄏㄤˊ]" in capsys.readouterr().out


def test_script_prints_the_text_as_the_view_shows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("我们和他们以最深的规矩举办了发展会议。\n", encoding="utf-8")
    assert main(["annotate", str(article), "--script", "traditional"]) == 0
    out = capsys.readouterr().out
    assert "我們[wǒ men]和[hé]" in out and "舉辦[jǔ bàn]" in out and "發展[fā zhǎn]" in out
    assert not set("咊㕥㝡㴱擧") & set(out)
    assert main(["annotate", str(article), "--script", "traditional", "--json"]) == 0
    texts = [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()]
    assert "規矩" in texts and "會議" in texts
    assert main(["annotate", str(article), "--script", "simplified"]) == 0
    out = capsys.readouterr().out
    assert "规矩[" in out and "发展[" in out and "規" not in out


def test_the_users_corrections_apply(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("银行行长说。\n", encoding="utf-8")
    with Store.open(data_dir / "reader.sqlite3") as store:
        store.corrections.add(CorrectionKind.MERGE, "银行行长", ["银行行长"])
    assert main(["annotate", str(article), "--format", "numbers"]) == 0
    assert "银行行长[yin2 hang2 hang2 zhang3]" in capsys.readouterr().out


def test_a_missing_file_is_a_clear_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["annotate", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err
