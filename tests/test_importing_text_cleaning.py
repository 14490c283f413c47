"""Whitespace is text, control characters are not: the same in every format, anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importing import ImportFailed, import_file, import_text

LAW = "第一条\u3000为了保障公众健康，制定本条例。\n\u3000\u3000第二条\u00a0本条例适用于本市。\n"


def test_full_width_and_no_break_spaces_are_text(tmp_path: Path) -> None:
    for encoding in ("utf-8", "gb18030", "utf-16"):
        path = tmp_path / f"law-{encoding}.txt"
        path.write_bytes(LAW.encode(encoding))
        (article,) = import_file(path)
        assert "为了保障公众健康" in article.text
        assert "本条例适用于本市。" in article.text


def test_terminal_colour_codes_are_stripped(tmp_path: Path) -> None:
    fortune = "\x1b[1;31m学而时习之\x1b[0m，不亦说乎？\n%\n\x1b[32m温故而知新\x1b[m，可以为师矣。\n"
    path = tmp_path / "fortune"
    path.write_text(fortune, encoding="utf-8")
    text = "\n".join(a.text for a in import_file(path))
    assert "\x1b" not in text and "[1;31m" not in text
    assert "学而时习之，不亦说乎？" in text


def test_a_stray_control_character_late_in_the_file_is_removed(tmp_path: Path) -> None:
    body = "今天天气很好。\n" * 20_000 + "我们去\x07公园\x01散步。\n"
    path = tmp_path / "long.txt"
    path.write_text(body, encoding="utf-8")
    text = "\n".join(a.text for a in import_file(path))
    assert "我们去公园散步。" in text
    assert "\x07" not in text and "\x01" not in text


@pytest.mark.parametrize("where", [10, 200_000])
def test_nuls_make_binary_data_wherever_they_are(tmp_path: Path, where: int) -> None:
    body = ("今天天气很好。\n" * 40_000).encode("utf-8")
    data = body[:where] + b"\x00\x00\x00\x00" + body[where:]
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match="not a text file"):
        import_file(path)


def test_pasted_text_and_html_are_cleaned_the_same_way(tmp_path: Path) -> None:
    (pasted,) = import_text("他说\x08：“你好。”")
    assert pasted.text == "他说：“你好。”"
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>他说\x08：&#8220;你好。&#8221;</p></body></html>", "utf-8")
    (article,) = import_file(page)
    assert "他说：“你好。”" in article.text


def test_a_rendered_man_page_is_titled_by_its_name_line() -> None:
    # groff's header (name and section at both ends) names the page; its NAME line says it
    page = (
        "LS(1)                        用户命令                        LS(1)\n\n"
        "名称\n     ls - 列出目录内容\n\n"
        "总览\n     ls [选项]... [文件]...\n\n"
        "描述\n     列出文件的信息（默认为当前目录）。如果没有指定排序方式，\n"
        "     则按字母顺序排列。\n\n"
        "GNU coreutils 8.32             2020年3月                        LS(1)\n"
    )
    (article,) = import_text(page)
    assert article.title == "ls - 列出目录内容"
    assert "列出文件的信息（默认为当前目录）。如果没有指定排序方式，则按字母顺序排列。" in (
        article.paragraphs
    )


def test_a_header_line_without_a_name_and_section_is_no_man_page() -> None:
    text = "第一章    开始    第一章\n\n天亮了。他走出门去，看见一只猫 - 白色的。\n"
    (article,) = import_text(text)
    assert article.title.startswith("第一章")
