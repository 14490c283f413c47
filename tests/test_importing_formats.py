"""Every way in (txt, md, html, epub, docx, pdf, pasted text) and every bad input.

The files are built here: real zip containers, real XML, a real PDF written by pypdf.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from reader.core.importing import ImportFailed, import_file, import_text
from reader.core.importing.limits import MAX_CHAPTERS, MAX_FILE_BYTES
from reader.core.importing.reflow import fix_spacing, rebuild
from reader.core.progress import Cancelled, Progress

CHAPTER = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title>
<script>document.write("脚本内容")</script></head>
<body><h1>{title}</h1><p>{body}</p></body></html>"""


def make_epub(
    chapters: list[tuple[str, str]], *, spine: list[int] | None = None, nav: int | None = None
) -> bytes:
    """An EPUB 3 with the chapters as c1.xhtml… (listed in the spine in ``spine`` order;
    chapter ``nav`` is the book's navigation document)."""
    order = spine if spine is not None else list(range(len(chapters)))
    manifest = "".join(
        f'<item id="c{i}" href="text/c{i}.xhtml" media-type="application/xhtml+xml"'
        + (' properties="nav"' if i == nav else "")
        + "/>"
        for i in range(len(chapters))
    )
    itemrefs = "".join(f'<itemref idref="c{i}"/>' for i in order)
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>书</dc:title>'
        f"</metadata><manifest>{manifest}</manifest><spine>{itemrefs}</spine></package>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        archive.writestr("OEBPS/content.opf", opf)
        for i, (title, body) in enumerate(chapters):
            archive.writestr(f"OEBPS/text/c{i}.xhtml", CHAPTER.format(title=title, body=body))
    return buffer.getvalue()


def make_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A .docx whose body has the (style, text) paragraphs."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        if style
        else f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for style, text in paragraphs
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()


def make_pdf(text: str | None) -> bytes:
    """A one-page PDF; with ``text``, a Helvetica text layer saying it."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb(name: str, extra: dict[str, str]) -> bytes:
    """A small zip whose one member inflates 1000-fold (10 MB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in extra.items():
            archive.writestr(member, content)
        archive.writestr(name, b"\0" * (10 * 1024 * 1024))
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- ways in ---------------------------------------------------------------------------


def test_txt_simple_and_traditional(tmp_path: Path) -> None:
    text = "第一章 開始\n\n他說：「你好。」我們走吧！\n今天天氣很好。\n"
    articles = import_file(write(tmp_path, "a.txt", text.encode("big5")))
    assert len(articles) == 1
    assert articles[0].title == "第一章 開始"
    assert articles[0].paragraphs == ["他說：「你好。」我們走吧！", "今天天氣很好。"]


def test_a_novel_splits_into_chapters(tmp_path: Path) -> None:
    text = (
        "第一回 宴桃园豪杰三结义\n话说天下大势，分久必合，合久必分。\n周末七国分争，并入于秦。\n"
        "第二回 张翼德怒鞭督邮\n且说董卓字仲颖，陇西临洮人也。\n"
    )
    articles = import_file(write(tmp_path, "novel.txt", text.encode("gb18030")))
    assert [(a.title, a.paragraphs) for a in articles] == [
        (
            "第一回 宴桃园豪杰三结义",
            ["话说天下大势，分久必合，合久必分。", "周末七国分争，并入于秦。"],
        ),
        ("第二回 张翼德怒鞭督邮", ["且说董卓字仲颖，陇西临洮人也。"]),
    ]


def test_one_paragraph_per_line_text_is_not_joined(tmp_path: Path) -> None:
    lines = ["他走了。", "她来了。", "我们都在这里等着他们回来", "好的。"]
    text = "".join(f"\u3000\u3000{line}\n" for line in lines)
    article = import_text(text)[0]
    assert article.paragraphs == lines


def test_spacing_rules() -> None:
    assert fix_spacing("2022年 9月，增长 7.3%，达 95.32万辆") == "2022年9月，增长7.3%，达95.32万辆"
    assert fix_spacing("文化 IP创新") == "文化IP创新"
    assert fix_spacing("用 IP 创新") == "用 IP 创新"  # spaced on both sides: deliberate
    assert fix_spacing("IP 创新") == "IP 创新"
    assert fix_spacing("Hello world, PM2.5 test") == "Hello world, PM2.5 test"
    assert fix_spacing("水质好 大气好") == "水质好 大气好"  # between Hanzi: untouched


def test_wrapped_latin_words_keep_a_space() -> None:
    assert rebuild("He said hello\nworld and left the\nroom quickly today.") == (
        "He said hello world and left the room quickly today."
    )


def test_full_stops_in_numbers_do_not_end_paragraphs() -> None:
    article = import_text("签约总金额约2.\n4亿美元，同比增长\n37%。")[0]
    assert article.paragraphs == ["签约总金额约2.4亿美元，同比增长37%。"]
    assert (
        import_text("产量达95.32万辆，同比增长90.5%。")[0].title == "产量达95.32万辆，同比增长90.5%"
    )


def test_markdown(tmp_path: Path) -> None:
    text = (
        "# 我的**文章**\n\n第一段，[链接文字](http://example.com)在这里\n继续。\n\n"
        "## 小标题\n\n- 列表项一\n- 列表项二\n\n![图](x.png)\n"
    )
    article = import_file(write(tmp_path, "a.md", text.encode("utf-8")))[0]
    assert article.title == "我的文章"
    assert article.paragraphs == ["第一段，链接文字在这里继续。", "小标题", "列表项一", "列表项二"]


def test_html_main_text_without_scripts(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="gb2312"><title>网站 - 新闻</title>'
        "<style>p{color:red}</style><script>alert('脚本')</script></head>"
        '<body onload="steal()"><nav>首页 | 新闻</nav><h1>重庆新闻</h1>'
        "<p>第一段\n文字。<script>document.write('注入')</script></p>"
        '<img src="http://example.com/track.png"><h2>小标题</h2><p>第二段&amp;结尾。</p>'
        "<footer>版权所有</footer></body></html>"
    )
    article = import_file(write(tmp_path, "a.html", html.encode("gb18030")))[0]
    assert article.title == "重庆新闻"
    assert article.paragraphs == ["第一段文字。", "小标题", "第二段&结尾。"]
    for unwanted in ("脚本", "注入", "color", "steal", "首页", "版权", "http"):
        assert unwanted not in article.text


def test_html_with_unclosed_head(tmp_path: Path) -> None:
    html = "<html><head><title>题目</title><meta charset=utf-8><body><p>正文。</p>"
    article = import_file(write(tmp_path, "a.htm", html.encode("utf-8")))[0]
    assert (article.title, article.text) == ("题目", "正文。")


def test_epub_navigation_document_is_not_a_chapter(tmp_path: Path) -> None:
    """An EPUB 3 lists its table of contents (nav.xhtml) in the spine: links, not text."""
    contents = '<a href="c1.xhtml">第一章</a></p><p><a href="c2.xhtml">第二章</a>'
    data = make_epub(
        [("目录", contents), ("第一章", "春天来了。"), ("第二章", "夏天到了。")], nav=0
    )
    articles = import_file(write(tmp_path, "book.epub", data))
    assert [a.title for a in articles] == ["第一章", "第二章"]


def test_markdown_front_matter_is_metadata(tmp_path: Path) -> None:
    """A blog post's YAML (or TOML) front matter is no text; its title is the post's, and
    the post's headings stay in it as subheadings. A rule over a paragraph is no metadata."""
    post = (
        '---\ntitle: "我的周末"\ndate: 2024-05-01\ntags: [日记]\n---\n\n'
        "周六我去了公园。\n\n## 星期天\n\n在家看书。\n"
    )
    article = import_file(write(tmp_path, "post.md", post.encode()))[0]
    assert (article.title, article.paragraphs) == (
        "我的周末",
        ["周六我去了公园。", "星期天", "在家看书。"],
    )
    toml = '+++\ntitle = "我的周末"\n+++\n周六我去了公园。\n'
    article = import_file(write(tmp_path, "toml.md", toml.encode()))[0]
    assert (article.title, article.paragraphs) == ("我的周末", ["周六我去了公园。"])
    ruled = "---\n\n上面是一条分隔线。\n\n---\n"
    assert import_file(write(tmp_path, "rule.md", ruled.encode()))[0].text == "上面是一条分隔线。"


def test_preformatted_lines_stay_lines(tmp_path: Path) -> None:
    """A <pre> is lines (commands one after another), in a book chapter as on a web page."""
    pre = "<pre>  $ sudo apt update\n  $ sudo apt install lightdm\n</pre>"
    data = make_epub([("安装", f"先运行这些命令：</p>{pre}<p>然后重新启动。")])
    (chapter,) = import_file(write(tmp_path, "book.epub", data))
    assert chapter.paragraphs == [
        "先运行这些命令：",
        "$ sudo apt update",
        "$ sudo apt install lightdm",
        "然后重新启动。",
    ]


def test_epub_chapters_in_spine_order_without_cover(tmp_path: Path) -> None:
    data = make_epub(
        [("第一章", "春天来了。"), ("第二章", "夏天到了。"), ("封面", "")], spine=[2, 1, 0]
    )
    articles = import_file(write(tmp_path, "book.epub", data))
    assert [(a.title, a.text) for a in articles] == [
        ("第二章", "夏天到了。"),
        ("第一章", "春天来了。"),
    ]
    assert all("脚本" not in a.text for a in articles)


def test_docx(tmp_path: Path) -> None:
    data = make_docx(
        [("Title", "我的报告"), ("", "第一段。"), ("Heading1", "小标题"), ("", "第二段。")]
    )
    article = import_file(write(tmp_path, "a.docx", data))[0]
    assert article.title == "我的报告"
    assert article.paragraphs == ["第一段。", "小标题", "第二段。"]


def test_docx_line_breaks_end_lines(tmp_path: Path) -> None:
    """A code block (or a poem) is one Word paragraph cut by <w:br/>: each line stays a line."""
    code = "a = 1</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>b = 2</w:t><w:cr/><w:t>print(a + b)"
    data = make_docx([("", "下面是代码。"), ("SourceCode", code), ("", "运行它。")])
    article = import_file(write(tmp_path, "a.docx", data))[0]
    assert article.paragraphs == ["下面是代码。", "a = 1", "b = 2", "print(a + b)", "运行它。"]


def test_docx_text_box_is_not_doubled(tmp_path: Path) -> None:
    box = "<w:r><w:txbxContent><w:p><w:r><w:t>框里的字。</w:t></w:r></w:p></w:txbxContent></w:r>"
    data = make_docx([("", f"外面的字。</w:t></w:r>{box}<w:r><w:t>")])
    article = import_file(write(tmp_path, "a.docx", data))[0]
    assert article.text.count("框里的字") == 1
    assert "外面的字。" in article.text


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", make_pdf("Hello from the text layer."))
    article = import_file(path, force=True)[0]  # (English: the user said to import it)
    assert article.text == "Hello from the text layer."


def test_progress_and_cancel(tmp_path: Path) -> None:
    text = "很长的一句话没有结束\n" * 5000 + "结束。"
    path = write(tmp_path, "long.txt", text.encode("utf-8"))
    reports: list[tuple[int, int, str]] = []
    import_file(path, progress=Progress(lambda d, t, m: reports.append((d, t, m))))
    assert reports and reports[-1][0] < reports[-1][1]
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        import_file(path, progress=progress)


# --- bad input: each gives ImportFailed with a message ---------------------------------


def _fails(path: Path, *words: str, encoding: str | None = None) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_file(path, encoding=encoding)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    return message


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 20
    _fails(write(tmp_path, "picture.txt", png), "not an image", "damaged")  # read by OCR
    _fails(write(tmp_path, "data.txt", b"\x7fELF" + bytes(range(256)) * 20), "not a text file")


def test_control_characters(tmp_path: Path) -> None:
    _fails(write(tmp_path, "a.txt", bytes(range(1, 32)) * 50), "not a text file")


@pytest.mark.parametrize("content", [b"", b"   \n\n  \r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    _fails(write(tmp_path, "empty.txt", content), "empty")


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: instant, no disk used
    assert path.stat().st_size > MAX_FILE_BYTES
    _fails(path, "too large", "50 MB")


def test_missing_file(tmp_path: Path) -> None:
    _fails(tmp_path / "nope.txt", "does not exist")


def test_text_lying_about_its_encoding(tmp_path: Path) -> None:
    gb = "重庆制造两年新变化，大足石刻的国际朋友圈越来越大。".encode("gb18030")
    _fails(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + gb), "UTF-8")  # a UTF-8 mark, GB bytes
    path = write(tmp_path, "gb.txt", gb)
    _fails(path, "big5", encoding="big5")  # decodes, but into garbage
    _fails(path, "utf-8", encoding="utf-8")
    _fails(path, "Unknown encoding", encoding="klingon")
    assert "重庆制造" in import_file(path)[0].text  # detection gets it right


NOVEL = "第一章\n\u3000\u3000看守所灰色的高墙布满了电网。\n\u3000\u3000“宋一坤正在接见室。”\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """Some tools save UTF-16 with no mark: the NULs beside its ASCII are no binary data."""
    (article,) = import_file(write(tmp_path, "novel.txt", NOVEL.encode(encoding)))
    assert article.paragraphs == ["看守所灰色的高墙布满了电网。", "“宋一坤正在接见室。”"]
    assert article.notes == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？",
        "學而時習之，不亦說乎？\n有朋自遠方來，不亦樂乎？",
    ],
)
def test_utf16_chinese_without_a_mark_or_nuls(tmp_path: Path, encoding: str, text: str) -> None:
    """Hanzi alone in UTF-16 with no mark have no NULs (one line break at most): the
    shape of its high bytes tells it, where GB18030 or Big5 read it as garbage."""
    (article,) = import_file(write(tmp_path, "poem.txt", text.encode(encoding)))
    assert article.text == text


def test_cp1252_quotes_in_a_gbk_file_are_quotes(tmp_path: Path) -> None:
    """Typed on Windows: “我们” as cp1252 quotes among GBK (GBK reads 0x93 and the next
    byte as a rare character: 撐颐敲…), and a quote GBK reads as no character at all."""
    story = "他说：我们明天去公园吧。她回答：好的，我们一起去。" * 30
    data = story.encode("gbk")
    at = data.index("我们明天".encode("gbk"))
    data = data[:at] + b"\x93" + data[at : at + 8] + b"\x94" + data[at + 8 :]
    data = b"He said \x93OK\x94 " + data
    (article,) = import_file(write(tmp_path, "story.txt", data))
    assert article.text.startswith("He said “OK” 他说：“我们明天”去公园吧。")
    assert article.notes == ()


def test_a_traditional_gbk_text_keeps_its_characters(tmp_path: Path) -> None:
    # (損, 換, 憂 start with the bytes cp1252 gives its quotes: a traditional text has many)
    text = "禮，所損益，可知也。其疾之憂。等我換好衣服，轉換格式。" * 10
    (article,) = import_file(write(tmp_path, "trad.txt", text.encode("gbk")))
    assert article.text == text


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_gbk_and_big5_are_not_taken_for_utf16(tmp_path: Path, encoding: str) -> None:
    text = "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？"
    (article,) = import_file(write(tmp_path, "lunyu.txt", text.encode(encoding)))
    assert article.text == text


@pytest.mark.parametrize(
    ("encoding", "stray", "name"),
    [("utf-8", b"\x93\x94\x96", "UTF-8"), ("gbk", b"\xff", "GB18030")],
)
def test_a_few_damaged_bytes_are_left_out_and_said(
    tmp_path: Path, encoding: str, stray: bytes, name: str
) -> None:
    """A long text with a stray byte or three (a cp1252 quote pasted into UTF-8, a download
    resumed mid-character) opens without them, and the user is told; a short file in
    another encoding altogether is still refused."""
    data = (NOVEL.removeprefix("第一章\n") * 200).encode(encoding)
    middle = data.index("宋一坤".encode(encoding), len(data) // 2)
    (article,) = import_file(write(tmp_path, "novel.txt", data[:middle] + stray + data[middle:]))
    assert article.text.count("宋一坤正在接见室") == 200
    (note,) = article.notes
    places = "1 place" if len(stray) == 1 else f"{len(stray)} places"
    assert f"damaged: {places} could not be read as {name}" in note
    _fails(write(tmp_path, "fr.txt", "Café crème, naïve résumé.".encode("cp1252")), "encoding")


def test_explicit_western_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "fr.txt", "Déjà vu, l’été « chaud ».".encode("cp1252"))
    assert import_file(path, encoding="cp1252")[0].text == "Déjà vu, l’été « chaud »."


def test_html_lying_about_its_encoding_is_read_in_its_real_one(tmp_path: Path) -> None:
    html = '<html><head><meta charset="utf-8"></head><body><p>重庆新闻。</p></body></html>'
    (article,) = import_file(write(tmp_path, "a.html", html.encode("gb18030")))
    assert article.text == "重庆新闻。"
    (note,) = article.notes
    assert note == "The page says it is in utf-8, but it is not; it was read as GB18030."
    utf8 = html.replace("utf-8", "GB2312").encode("utf-8")
    (article,) = import_file(write(tmp_path, "b.html", utf8))
    assert article.text == "重庆新闻。"
    assert "read as UTF-8" in article.notes[0]


@pytest.mark.parametrize("declared", ["x-no-such", "rot13", "undefined", "base64"])
@pytest.mark.parametrize(
    ("encoding", "found"), [("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("big5", "BIG5")]
)
def test_html_naming_no_real_encoding_is_detected(
    tmp_path: Path, declared: str, encoding: str, found: str
) -> None:
    text = "重慶新聞。" if encoding == "big5" else "重庆新闻。"
    html = f'<html><head><meta charset="{declared}"></head><body><p>{text}</p></body></html>'
    (article,) = import_file(write(tmp_path, "a.html", html.encode(encoding)))
    assert article.text == text
    assert article.notes == (
        f"The page names an unknown encoding ({declared}); it was read as {found}.",
    )


def test_html_in_no_encoding_at_all_is_refused(tmp_path: Path) -> None:
    html = '<html><head><meta charset="utf-8"></head><body><p>重庆新闻。</p></body></html>'
    _fails(write(tmp_path, "a.html", html.encode("utf-8") + bytes(range(128, 256)) * 4), "encoding")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("book.epub", zip_bomb("OEBPS/c1.xhtml", {"mimetype": "application/epub+zip"})),
        ("report.docx", zip_bomb("word/document.xml", {})),
    ],
)
def test_zip_bombs(tmp_path: Path, name: str, data: bytes) -> None:
    assert len(data) < 100_000
    _fails(write(tmp_path, name, data), "zip bomb")


@pytest.mark.parametrize("name", ["book.epub", "report.docx"])
def test_not_a_zip(tmp_path: Path, name: str) -> None:
    _fails(write(tmp_path, name, "这只是文字。".encode()), "not a zip")


def test_archives_and_old_word_files_say_what_they_are(tmp_path: Path) -> None:
    """A zip of texts, or a Word 97 .doc renamed .txt, is named for what it is, with what
    to do (not "binary data")."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("第一章.txt", "春天来了。")
    _fails(write(tmp_path, "novel.zip", buffer.getvalue()), "zip archive", "unpack")
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    _fails(write(tmp_path, "report.txt", doc), "old Word", ".docx")


def test_xml_entities_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    _fails(write(tmp_path, "a.docx", buffer.getvalue()), "entities")


def test_epub_with_too_many_chapters(tmp_path: Path) -> None:
    data = make_epub([("章", "文。")], spine=[0] * (MAX_CHAPTERS + 1))
    _fails(write(tmp_path, "a.epub", data), "too many chapters")


def test_epub_without_container(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    _fails(write(tmp_path, "a.epub", buffer.getvalue()), "not an EPUB")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    _fails(write(tmp_path, "scan.pdf", make_pdf(None)), "No text was found")  # read by OCR


def test_damaged_pdf(tmp_path: Path) -> None:
    _fails(write(tmp_path, "bad.pdf", b"%PDF-1.4\n garbage garbage"), "PDF")


def test_pasted_nothing() -> None:
    with pytest.raises(ImportFailed):
        import_text("  \n ")
