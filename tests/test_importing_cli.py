"""`reader import FILE...`: articles land in the library; bad files add nothing, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core import paths
from reader.core.store import Store
from reader.core.store.database import DB_FILENAME


def _library(data_dir: Path) -> list[tuple[str, str]]:
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as store:
        return [(info.title, info.source) for info in store.articles.all()]


def test_import_seed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(paths.seed_article())]) == 0
    out = capsys.readouterr().out
    assert "大足石刻“国际朋友圈”不断扩大" in out
    library = _library(data_dir)
    assert len(library) == 8
    assert {title for title, _ in library} >= {
        "33618，重庆制造两年新变化",
        "大足区生态文明建设稳中有进",
    }
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as store:
        article = store.articles.get(store.articles.search("平仓后成功")[0].id)
    assert "平仓后成功" in article.text
    assert "平仓\n\n后成功" in article.original_text


@pytest.mark.parametrize("before", [["--data-dir", "{dir}"], ["--data-dir={dir}"]])
def test_data_dir_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: list[str]
) -> None:
    """`reader --data-dir DIR import FILE` imports into DIR, as `reader import --data-dir`."""
    text = tmp_path / "a.txt"
    text.write_text("好文章。", encoding="utf-8")
    folder = tmp_path / "data"
    args = [part.format(dir=folder) for part in before]
    assert main([*args, "import", str(text)]) == 0
    assert _library(folder) == [("好文章", str(text))]


def test_bad_files_add_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("好文章。", encoding="utf-8")
    assert main(["import", str(good)]) == 0
    before = _library(data_dir)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\0\1\2" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bomb = tmp_path / "bomb.epub"
    bomb.write_bytes(b"PK not really a zip")
    code = main(["import", str(binary), str(empty), str(bomb), str(tmp_path / "missing.txt")])
    assert code == 1
    err = capsys.readouterr().err
    assert "not a text file" in err and "empty" in err and "not a zip" in err
    assert "does not exist" in err
    assert _library(data_dir) == before


def test_explicit_encoding(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("今天天氣很好。".encode("big5"))
    assert main(["import", "--encoding", "big5", str(path)]) == 0
    assert main(["import", "--encoding", "utf-8", str(path)]) == 1
    assert [title for title, _ in _library(data_dir)] == ["今天天氣很好"]


def _lists(data_dir: Path) -> dict[str, list[str]]:
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as store:
        return {
            wl.name: [w.simplified for w in store.vocab.words(wl.id)] for wl in store.vocab.lists()
        }


def test_a_word_list_becomes_a_list_and_dry_run_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = tmp_path / "lesson 3.csv"
    words.write_text("simplified,pinyin,meaning\n银行,yin2 hang2,bank\n学习,xue2 xi2,study\n")
    assert main(["import", "--dry-run", str(words)]) == 0
    out = capsys.readouterr().out
    assert "would add\t银行\tyin2 hang2\tbank" in out
    assert "LIST\tlesson 3\twould add 2, would update 0, skip 0" in out
    assert _lists(data_dir).get("lesson 3") is None and _library(data_dir) == []
    assert main(["import", str(words)]) == 0
    assert _lists(data_dir)["lesson 3"] == ["银行", "学习"]
    assert _library(data_dir) == []  # never an article "simplified,pinyin,meaning…"


def test_a_csv_that_is_no_word_list_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "prices.csv"
    table.write_text("item,price\napple,3\npear,4\n")
    assert main(["import", str(table)]) == 1
    assert "not a word list" in capsys.readouterr().err
    assert _library(data_dir) == []


def test_a_batch_goes_on_past_a_bad_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    good = tmp_path / "good.txt"
    good.write_text("好文章。", encoding="utf-8")
    japanese = tmp_path / "neko.txt"
    japanese.write_text("吾輩は猫である。名前はまだ無い。" * 10, encoding="utf-8")
    assert main(["import", str(bad), str(japanese), str(good)]) == 1
    err = capsys.readouterr().err
    assert "bad.pdf" in err and "--force" in err
    assert [title for title, _ in _library(data_dir)] == ["好文章"]
    assert main(["import", "--force", str(japanese)]) == 0
    assert len(_library(data_dir)) == 2


def test_english_is_refused_unless_forced(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = tmp_path / "notes.txt"
    english.write_text("Remember to buy milk, eggs and bread on the way home.", encoding="utf-8")
    assert main(["import", str(english)]) == 1
    err = capsys.readouterr().err
    assert "does not look Chinese" in err and "--force" in err
    assert _library(data_dir) == []
    assert main(["import", "--force", str(english)]) == 0
    assert [title for title, _ in _library(data_dir)] == ["Remember to buy milk…"]


def test_annotate_takes_an_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("銀行".encode("big5"))
    assert main(["annotate", "--encoding", "big5", str(path)]) == 0
    assert "銀行[yín háng]" in capsys.readouterr().out


def test_known_words_and_pleco_files_are_word_lists(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = tmp_path / "known.txt"
    known.write_text("\n".join(["银行", "学习", "中国", "朋友", "老师"]), encoding="utf-8")
    pleco = tmp_path / "pleco.txt"
    pleco.write_text("// 第一课\n银行[銀行]\tyin2 hang2\tbank\n", encoding="utf-8")
    assert main(["import", str(known), str(pleco)]) == 0
    out = capsys.readouterr().out
    assert "LIST\tknown words\tadd 5" in out
    assert _lists(data_dir)["pleco"] == ["银行"]
    assert _library(data_dir) == []
