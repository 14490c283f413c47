"""What an audit of the corpus found a learner would notice, each on a text written here:
a classical book's named chapters, a book's title in 《》 with its author, the numbers of
an ordered list."""

from __future__ import annotations

from pathlib import Path

from reader.core.importing import import_file, import_text
from reader.core.importing.html_format import extract

_CLASSICAL = (
    "尔雅\n"
    "\u3000\u3000释诂第一\n\u3000\u3000释言第二\n\u3000\u3000\n"
    "\u3000\u3000释诂第一\n\u3000\u3000\n"
    "\u3000\u3000初、哉、首、基、肇、祖、元、胎、俶、落、权舆，始也。\n"
    "\u3000\u3000林、烝、天、帝、皇、王、后、辟、公、侯，君也。\n"
    "\u3000\u3000\n\u3000\u3000释言第二\n\u3000\u3000\n"
    "\u3000\u3000鲤。\n"
    "\u3000\u3000殷、齐，中也。\n"
)


def test_a_classical_book_is_one_article_per_named_chapter() -> None:
    articles = import_text(_CLASSICAL)
    assert [a.title for a in articles] == ["释诂第一", "释言第二"]
    # the book's name opens the first; its list of chapters leaves the text, not the original
    assert articles[0].paragraphs[0] == "尔雅"
    assert articles[0].paragraphs[1].startswith("初、哉、首")
    assert "释言第二" not in articles[0].text
    assert articles[0].original_text.count("释言第二") == 1
    # a chapter whose first entry is one Hanzi (鲤。) keeps its heading apart
    assert articles[1].paragraphs[0] == "鲤。"


def test_a_motto_named_first_is_no_chapter() -> None:
    text = "质量月\n\n安全第一\n\n工厂今天召开大会，强调安全生产。\n\n大家都表示赞同。\n"
    (article,) = import_text(text)
    assert "安全第一" in article.paragraphs


def test_a_markdown_ordered_list_keeps_its_numbers(tmp_path: Path) -> None:
    path = tmp_path / "说明.md"
    path.write_text(
        "# 获取字体\n\n1. 进入下载界面下载对应版本的文件。\n2. 在镜像仓库中下载。\n\n"
        "- 补完常用汉字；\n- [x] 补全常用谚文音节。\n",
        encoding="utf-8",
    )
    (article,) = import_file(path)
    assert article.paragraphs == [
        "1. 进入下载界面下载对应版本的文件。",
        "2. 在镜像仓库中下载。",
        "补完常用汉字；",
        "补全常用谚文音节。",
    ]


def test_a_book_chapter_s_ordered_list_keeps_its_numbers() -> None:
    # (an EPUB chapter is read by this reader)
    _, blocks = extract(
        "<body><p>步骤如下：</p><ol><li><p>登录到主服务器。</p></li><li>添加用户。</li></ol>"
        '<ol start="3"><li>添加工作站。</li></ol><ul><li>注意备份。</li></ul>'
        '<ol style="list-style: none"><li>1、打开菜单。</li></ol></body>'
    )
    assert [b.text for b in blocks] == [
        "步骤如下：",
        "1. 登录到主服务器。",
        "2. 添加用户。",
        "3. 添加工作站。",
        "注意备份。",
        "1、打开菜单。",  # (its own number: not numbered again)
    ]


def test_a_web_page_s_ordered_list_keeps_its_numbers(tmp_path: Path) -> None:
    steps = "".join(
        f"<li><p>{step}</p></li>"
        for step in (
            "安装下一步选择的任务，",
            "这些任务所需的软件包，",
            "已检测的安装介质上的软件包。",
        )
    )
    body = "".join(
        f"<p>{sentence}</p>"
        for sentence in (
            "如果您选择了镜像，安装程序需要从网络下载的数据量取决于以下几个方面的因素：",
            "安装程序会先检查安装介质上已有的软件包，然后只从网络镜像下载缺少的部分。",
            "注意，即使您没有选择网络镜像，安全更新仍然会从互联网下载，以保证系统的安全。",
        )
    )
    page = (
        "<html><head><title>选择网络镜像</title></head><body><article><h1>选择网络镜像</h1>"
        f"{body}<ol>{steps}</ol>{body}</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (article,) = import_file(path)
    assert "1. 安装下一步选择的任务，" in article.paragraphs
    assert "3. 已检测的安装介质上的软件包。" in article.paragraphs


def test_a_book_s_name_in_brackets_titles_it_and_its_byline_opens_the_text() -> None:
    verse = "\u3000\u3000粤自盘古，生于大荒。首出御世，肇开混茫。\n" * 3
    (book,) = import_text("《四字鉴略》 清 王仕云\n" + verse)
    assert book.title == "四字鉴略"
    assert book.paragraphs[0] == "清 王仕云"
    (essay,) = import_text(
        "《红楼梦》中的女性形象\n\n" + "小说写了很多女性，各有各的命运和性格。\n" * 3
    )
    assert essay.title == "《红楼梦》中的女性形象"


def test_two_speakers_in_one_cue_are_a_line_each(tmp_path: Path) -> None:
    path = tmp_path / "film.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\n-绝对不可能 -真的是这样\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n－好了 现在开始搜查\n－谢谢你\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\n气温是 -5度\n",
        encoding="utf-8",
    )
    (article,) = import_file(path)
    assert article.paragraphs == [
        "-绝对不可能",
        "-真的是这样",
        "－好了 现在开始搜查",
        "－谢谢你",
        "气温是 -5度",
    ]
    # each speaker's line is shown for the whole cue
    assert article.cue_times == (
        (1000, 3000),
        (1000, 3000),
        (4000, 6000),
        (4000, 6000),
        (7000, 9000),
    )


def test_a_man_page_option_s_text_goes_on_under_itself() -> None:
    page = (
        "SSH(1)                    BSD General Commands Manual                    SSH(1)\n\n"
        "     命令行选项有:\n\n"
        "     -n      把 stdin 重定向到 /dev/null (实际上防止从 stdin 读取数据).  ssh\n"
        "             在后台运行时一定会用到这个选项. 它的常用技巧是远程运行 X11 程序.\n\n"
        "     -b bind_address\n"
        "             在拥有多个接口或地址别名的机器上, 指定收发接口.\n\n"
        "BSD                          September 25, 1999                          BSD\n"
    )
    (article,) = import_text(page)
    (option,) = [p for p in article.paragraphs if p.startswith("-n ")]
    # (how the page spaces Latin off Hanzi is judged on a whole page: not on this one)
    assert option.endswith("在后台运行时一定会用到这个选项. 它的常用技巧是远程运行 X11 程序.")
    # an option whose text is under it alone stays a line of its own
    assert "-b bind_address" in article.paragraphs
