"""Code keeps its indentation and tables their rows, in every format that has them."""

from __future__ import annotations

from pathlib import Path

from reader.core.importing import import_file
from tests.test_importing_formats import make_docx

LISTING = ["def f(x):", "    if x:", "        return 1", "    return 0"]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pre_keeps_its_indentation(tmp_path: Path) -> None:
    listing = "\n".join("  " + line for line in LISTING)  # the block's own indent goes
    page = (
        "<html><body><h1>函数</h1><p>下面是一个函数的例子，请仔细阅读。</p>"
        f"<pre>\n{listing}\n  }}\n</pre><p>这就是函数。</p></body></html>"
    )
    (article,) = import_file(_write(tmp_path, "code.html", page))
    assert article.paragraphs == [
        "下面是一个函数的例子，请仔细阅读。",
        *LISTING,
        "}",
        "这就是函数。",
    ]


def test_fenced_markdown_keeps_its_indentation(tmp_path: Path) -> None:
    text = "# 函数\n\n下面是一个例子。\n\n```python\n" + "\n".join(LISTING) + "\n```\n\n完。\n"
    (article,) = import_file(_write(tmp_path, "code.md", text))
    assert article.paragraphs == ["下面是一个例子。", *LISTING, "完。"]


def test_a_markdown_table_is_one_row_a_paragraph(tmp_path: Path) -> None:
    text = (
        "# 字体\n\n| 名称 | 版本 |\n| --- | :---: |\n| 霞鹜文楷 | 1.250 |\n"
        "| **Klee One** | 2.0 |\n\n以上是字体。\n"
    )
    (article,) = import_file(_write(tmp_path, "fonts.md", text))
    assert article.paragraphs == ["名称 版本", "霞鹜文楷 1.250", "Klee One 2.0", "以上是字体。"]


def test_a_word_code_style_keeps_its_indentation(tmp_path: Path) -> None:
    # the lines cut by <w:br/>, indented by <w:tab/> (as Word and pandoc write code)
    runs = "<w:br/>".join(
        "<w:tab/>" * ((len(line) - len(line.lstrip())) // 4) + f"<w:t>{line.lstrip()}</w:t>"
        for line in LISTING
    )
    docx = make_docx([("BodyText", "下面是一个例子。"), ("SourceCode", f"</w:t>{runs}<w:t>")])
    path = tmp_path / "code.docx"
    path.write_bytes(docx)
    (article,) = import_file(path)
    assert article.paragraphs == ["下面是一个例子。", *LISTING]


def test_prose_in_a_body_style_is_still_stripped(tmp_path: Path) -> None:
    path = tmp_path / "prose.docx"
    path.write_bytes(make_docx([("BodyText", "  前面有空格的一句话。  ")]))
    (article,) = import_file(path)
    assert article.paragraphs == ["前面有空格的一句话。"]
