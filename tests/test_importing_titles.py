"""A plain text's title: its heading, else its file's name when that says what it is, else
its first words (never an item's number)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importing import import_file, import_text
from reader.core.importing.file_title import file_title

SAYINGS = "1. 子曰：「學而時習之，不亦說乎？」\n2. 子曰：「巧言令色，鮮矣仁！」\n"


def _title(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = import_file(path)
    return article.title


def test_a_numbered_text_is_titled_by_its_chinese_file_name(tmp_path: Path) -> None:
    assert _title(tmp_path, "论语.txt", SAYINGS) == "论语"


def test_a_latin_file_name_leaves_the_chinese_text_its_own_words(tmp_path: Path) -> None:
    """``lunyu.txt`` says less to a reader of the text than its first saying does."""
    assert _title(tmp_path, "lunyu.txt", SAYINGS) == "子曰：「學而時習之，不亦說乎"


@pytest.mark.parametrize(
    "name",
    [
        "lunyu_classical_trad.txt",
        "新建文本文档.txt",
        "新建文本文档 (2).txt",
        "001.txt",
        "Untitled.txt",
    ],
)
def test_a_name_that_says_nothing_leaves_the_first_words_without_the_number(
    tmp_path: Path, name: str
) -> None:
    assert _title(tmp_path, name, SAYINGS) == "子曰：「學而時習之，不亦說乎"


def test_a_chinese_file_name_titles_a_text_without_a_heading(tmp_path: Path) -> None:
    text = "今天我去了公园，公园里有很多人。我们一起散步，聊天。\n"
    assert _title(tmp_path, "我的日记.txt", text) == "我的日记"
    assert _title(tmp_path, "新建文本文档.txt", text) == "今天我去了公园，公园里有很多人"


def test_a_heading_beats_the_file_name(tmp_path: Path) -> None:
    text = "静夜思\n\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n"
    assert _title(tmp_path, "唐诗.txt", text) == "静夜思"


def test_pasted_numbered_text_is_titled_without_its_number() -> None:
    (article,) = import_text(SAYINGS)
    assert article.title == "子曰：「學而時習之，不亦說乎"
    assert article.paragraphs[0].startswith("1. 子曰")  # (the text keeps it)


def test_lessons_are_headings_and_chapters() -> None:
    text = (
        "第一课 问候\n你好！我叫王明。\n你叫什么名字？\n"
        "Lesson 2: 你好，朋友\n朋友们好。\n很高兴认识你们。\n"
    )
    articles = import_text(text)
    assert [a.title for a in articles] == ["第一课 问候", "Lesson 2: 你好，朋友"]
    assert articles[1].paragraphs == ["朋友们好。", "很高兴认识你们。"]


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("论语", "论语"),
        ("txt_utf8_crlf_lunyu_classical_trad_numbered", "lunyu classical numbered"),
        ("第三课_课文", "第三课 课文"),
        ("新建 Microsoft Word 文档", None),
        ("文档 - 副本", None),
        ("Document1", None),
        ("未命名-1", None),
    ],
)
def test_file_title(stem: str, title: str | None) -> None:
    assert file_title(stem) == title
