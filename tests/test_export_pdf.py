"""The PDF handout: pages exist, the font is embedded, the Hanzi can be extracted."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.atomic import TargetExistsError
from reader.core.export.model import IGNORED, Column, ExportList, ExportOptions, PageSize
from reader.ui.export_pdf import _meaning_html, _text_map_fixes, write_pdf_handout
from tests.export_samples import BANK, require_program, sample_list


def pdftotext(path: Path, *extra: str) -> str:
    program = require_program("pdftotext", "poppler-utils")
    result = subprocess.run(
        [program, *extra, str(path), "-"], check=True, capture_output=True, timeout=60
    )
    return result.stdout.decode("utf-8")


def page_images(path: Path, out: Path) -> list[Path]:
    program = require_program("pdftoppm", "poppler-utils")
    subprocess.run([program, "-r", "30", "-png", str(path), str(out / "page")], check=True)
    return sorted(out.glob("page*.png"))


def page_size_points(path: Path) -> tuple[float, float]:
    program = require_program("pdfinfo", "poppler-utils")
    info = subprocess.run([program, str(path)], check=True, capture_output=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Page size:"))
    width, _, height = line.split(":")[1].split()[:3]
    return float(width), float(height)


def test_handout_with_article_and_pinyin(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_pdf_handout(
        tmp_path / "handout.pdf", sample_list(), ExportOptions(), on_date=date(2025, 6, 6)
    )
    text = pdftotext(path)
    flat = "".join(text.split())
    assert "Lesson1·银行" in flat and "2025-06-06" in flat
    for expected in ("银行", "銀行", "行长", "行長", "yínháng", "bank", "主义", "7-9"):
        assert expected in flat, expected
    # the article, laid out like the reader view, with its pinyin over the words
    assert "在银行" in flat and "我去银行取钱" in flat and "说了算" in flat
    assert "shuō" in flat and "suàn" in flat
    # Qt alone would write the radical ⾏ (U+2F8F) for 行 and ⻓ (U+2ED3) for 长
    assert "\u2f8f" not in text and "\u2ed3" not in text
    fonts = subprocess.run(
        [require_program("pdffonts", "poppler-utils"), str(path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "Hei" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded
    assert len(page_images(path, tmp_path)) == 1


def test_page_sizes_and_many_pages(qtbot: QtBot, tmp_path: Path) -> None:
    many = ExportList("长", tuple(BANK.__class__(f"词{i}", pinyin="ci2") for i in range(150)))
    a4 = write_pdf_handout(tmp_path / "a4.pdf", many, ExportOptions(page_size=PageSize.A4))
    letter = write_pdf_handout(
        tmp_path / "letter.pdf", many, ExportOptions(page_size=PageSize.LETTER)
    )
    assert page_size_points(a4) == pytest.approx((595.3, 841.9), abs=1)
    assert page_size_points(letter) == pytest.approx((612, 792), abs=1)
    images = page_images(a4, tmp_path)
    assert len(images) >= 3
    text = pdftotext(a4)
    assert all(f"词{i}" in text for i in (0, 75, 149))
    assert text.count("Hanzi") == len(images)  # the table header repeats on every page


def test_article_without_pinyin_or_left_out(qtbot: QtBot, tmp_path: Path) -> None:
    plain = write_pdf_handout(
        tmp_path / "plain.pdf", sample_list(), ExportOptions(article_with_pinyin=False)
    )
    flat = "".join(pdftotext(plain).split())
    assert "我去银行取钱" in flat and "shuō" not in flat
    table_only = write_pdf_handout(
        tmp_path / "table.pdf", sample_list(), ExportOptions(include_article=False)
    )
    flat_table = "".join(pdftotext(table_only).split())
    assert flat_table.count("在银行") == 1 and flat.count("在银行") == 2  # heading, article
    assert flat_table.count("我去银行取钱") == 1 and flat.count("我去银行取钱") == 2


def test_existing_pdf_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "h.pdf"
    target.write_text("mine")
    with pytest.raises(TargetExistsError):
        write_pdf_handout(target, sample_list(), ExportOptions())
    assert target.read_text() == "mine"


def test_text_map_fixes_point_radicals_at_drawn_ideographs(qtbot: QtBot) -> None:
    fixes = _text_map_fixes("行长")
    assert fixes.get(0x2F8F) == ord("行")
    assert fixes.get(0x2ED3) == ord("长")
    assert 0x2F8F not in _text_map_fixes("⾏行")  # both drawn: nothing to say which is which


def _word_heights(path: Path, word: str) -> list[float]:
    """The heights (pt) of the boxes pdftotext finds for ``word``: the font's size × ~1.16
    for the Latin fonts of the pinyin."""
    boxes = pdftotext(path, "-bbox").splitlines()
    heights = []
    for line in boxes:
        if line.strip().endswith(f">{word}</word>"):
            y_min = float(line.split('yMin="')[1].split('"')[0])
            y_max = float(line.split('yMax="')[1].split('"')[0])
            heights.append(y_max - y_min)
    return heights


def test_a_class_handout_reads_on_paper(qtbot: QtBot, tmp_path: Path) -> None:
    """Pinyin over the article at 7 pt or more (it was 6.2), per word (it was per
    character, spaced apart from its word: seen with pdftoppm), ignored words left out unless
    asked, the word bold in its example and the example's pinyin under it."""
    noise = replace(BANK, simplified="的", traditional="", pinyin="de5", status=IGNORED)
    words = sample_list()
    with_noise = replace(words, words=(*words.words, noise))
    path = write_pdf_handout(tmp_path / "class.pdf", with_noise, ExportOptions())
    flat = "".join(pdftotext(path).split())
    assert "4words" in flat and "的" not in flat
    # the article set as the screen sets it: a word's pinyin joined over it (说了算)
    [article_pinyin] = _word_heights(path, "shuōlesuàn")
    assert article_pinyin >= 7 * 1.15
    assert "wǒqùyínhángqǔqián." in flat  # the example's pinyin, word by word
    asked = write_pdf_handout(tmp_path / "all.pdf", with_noise, ExportOptions(include_ignored=True))
    asked_text = "".join(pdftotext(asked).split())
    assert "5words" in asked_text and "的" in asked_text
    assert "我去<b>银行</b>取钱。" in _meaning_html(BANK, ExportOptions())


def test_a_class_handout_glosses_only_the_words_off_the_class_lists(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """With --off-list --glosses: pinyin and a short gloss over the words the class has
    not been taught, nothing over the taught ones (我, 去, 钱 here)."""
    words = sample_list()
    glossed = replace(
        words,
        article_taught=frozenset({"我", "去", "钱", "取"}),
        article_glosses={2: "moneyhouse", 0: "myself", 8: "bossman"},  # not in the table
    )
    table = (Column.SIMPLIFIED, Column.PINYIN)  # no example pinyin: only the article's
    options = ExportOptions(table, article_off_list=True, article_glosses=True)
    path = write_pdf_handout(tmp_path / "class.pdf", glossed, options)
    boxes = pdftotext(path, "-bbox")
    assert ">moneyhouse</word>" in boxes and ">bossman</word>" in boxes
    assert ">yínháng</word>" in boxes and ">hángzhǎng</word>" in boxes
    assert ">myself</word>" not in boxes and ">wǒ</word>" not in boxes  # 我 is taught
    plain = write_pdf_handout(tmp_path / "plain.pdf", glossed, ExportOptions(table))
    plain_boxes = pdftotext(plain, "-bbox")
    assert ">wǒ</word>" in plain_boxes and ">moneyhouse</word>" not in plain_boxes
