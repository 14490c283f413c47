"""`reader lists` and `reader export` on a real database, the real dictionary and analysis."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.cli import main
from reader.core.export.pack import read_pack
from reader.core.store import NewWord, Store
from reader.core.store.database import DB_FILENAME
from tests.export_samples import bank_word, require_program, stock_lesson_article


@pytest.fixture
def stocked(data_dir: Path) -> int:
    """A database with one article, one correction and the article's list of two words."""
    with Store.open(data_dir / DB_FILENAME) as store:
        article, list_id = stock_lesson_article(store)
        store.vocab.add_words(
            [
                bank_word(article, notes="=1+1"),
                NewWord(
                    "行长",
                    "行長",
                    "hang2 zhang3",
                    (),
                    sentence="行长说了算。",
                    source_article_id=article,
                ),
            ],
            list_id,
        )
        return list_id


def test_lists(stocked: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists"]) == 0
    assert capsys.readouterr().out == f"{stocked}\t2\tWords from 在银行\n"


def test_export_csv_with_dictionary_facts(
    stocked: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "words.csv"
    assert main(["export", "Words from 在银行", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    bank, president = rows
    assert bank["Pinyin"] == "yínháng" and bank["Source"] == "在银行"
    # the analysis: 取钱 is one word; the sentence begins with a capital
    assert bank["Example pinyin"] == "Wǒ qù yínháng qǔqián."
    assert bank["HSK"] and bank["Notes"] == "'=1+1"
    assert bank["Classifier"] == "家[jia1], 個|个[ge4]"  # from CC-CEDICT
    assert "president" in president["Meaning"]  # no sense chosen: the entry's senses


def test_export_refuses_to_overwrite_without_force(
    stocked: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.apkg"
    out.write_text("mine")
    assert main(["export", str(stocked), "-o", str(out), "--no-sentence"]) == 1
    assert "--force" in capsys.readouterr().err and out.read_text() == "mine"
    assert main(["export", str(stocked), "-o", str(out), "--no-sentence", "--force"]) == 0
    assert zipfile.is_zipfile(out)


def test_export_pack_and_pdf(stocked: int, tmp_path: Path, qapp: QApplication) -> None:
    """(``qapp``: the session's QApplication, which the PDF export uses as it is.)"""
    pack_file = tmp_path / "lesson.readerpack"
    assert main(["export", str(stocked), "--format", "pack", "-o", str(pack_file)]) == 0
    pack = read_pack(pack_file)
    assert pack.article.title == "在银行" and pack.article.original_text == "原文"
    assert [c.text for c in pack.article.corrections] == ["说了算"]
    assert [w.simplified for w in pack.word_list.words] == ["银行", "行长"]
    pdf = tmp_path / "handout.pdf"
    assert main(["export", str(stocked), "-o", str(pdf), "--page-size", "Letter"]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
    require_program("pdftotext", "poppler-utils")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["export", "nope", "-o", "x.csv"], 1, "no word list is called 'nope'"),
        (["export", "1", "-o", "x.unknown"], 2, "--format"),
        (["export", "1", "-o", "x.csv", "--columns", "pinyin,colour"], 2, "unknown column"),
        (["export", "1", "-o", "x.pdf", "--format", "pack"], 2, "writes .readerpack"),
    ],
)
def test_export_errors(
    stocked: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == code
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_a_list_without_an_article_makes_no_pack(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir / DB_FILENAME) as store:
        list_id = store.vocab.create_list("HSK 1")
        store.vocab.add_word(NewWord("你好", "你好", "ni3 hao3", ("hello",)), list_id)
    out = tmp_path / "x.readerpack"
    assert main(["export", "HSK 1", "-o", str(out)]) == 1
    assert "has no article" in capsys.readouterr().err and not out.exists()
    assert main(["export", "HSK 1", "-o", str(tmp_path / "x.txt")]) == 0
    assert (tmp_path / "x.txt").read_text(encoding="utf-8-sig").splitlines() == [
        "//Reader/HSK 1",
        "你好\tni3hao3\thello",
    ]
