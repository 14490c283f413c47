"""What real files bring that the seed page does not: subtitles, page furniture, site
suffixes, chapter prefixes, man pages, Japanese, limits for every format, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importing import (
    ImportFailed,
    LooksJapanese,
    LooksNotChinese,
    NotChinese,
    import_file,
    import_text,
)
from reader.core.importing.limits import MAX_TEXT_CHARS
from reader.core.importing.page_furniture import strip_site_suffix
from reader.core.importing.pdf_format import contents_entries, strip_page_furniture
from reader.core.importing.reflow import fix_spacing
from reader.core.importing.release_name import readable_title
from reader.core.store import NewArticle, Store
from tests.test_importing_formats import make_epub, write

SRT = """\ufeff1
00:00:02,500 --> 00:00:06,156
{\\fnMicrosoft YaHei\\fs16}这里是全宇宙最强大的力量吗？
Is this the greatest power in the universe?

2
00:00:06,166 --> 00:00:07,281
<i>前情提要</i>

3
00:00:08,000 --> 00:00:09,000
HUNTER C-20: Come on.

4
00:00:10,000 --> 00:00:12,000
我要推翻
时间守护者
"""

ASS = """[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,\
2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:00.00,0:00:00.00,Default,,0,0,0,,Staff
Comment: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,註解不是台詞
Dialogue: 0,0:00:03.00,0:00:05.00,Default,,0,0,0,,{\\pos(960,27)\\c&HEBAF00&}字幕製作：喵萌奶茶屋
Dialogue: 0,0:00:05.00,0:00:05.04,Default,,0,0,0,,{\\pos(960,26)}字幕製作：喵萌奶茶屋
Dialogue: 0,0:00:05.04,0:00:05.08,Default,,0,0,0,,{\\pos(960,25)}字幕製作：喵萌奶茶屋
Dialogue: 0,0:00:06.00,0:00:07.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}
Dialogue: 0,0:00:08.00,0:00:09.00,Default,,0,0,0,,あなたはいま、幸せかな？
Dialogue: 0,0:00:08.00,0:00:09.00,Default,,0,0,0,,妳現在幸福嗎？
Dialogue: 0,0:00:10.00,0:00:11.00,Default,,0,0,0,,悟美\\N早安
"""

VTT = """WEBVTT

00:00:01.000 --> 00:00:02.500
你好，世界。

00:00:03.000 --> 00:00:04.000
<c.yellow>再见。</c>
"""


def test_srt_keeps_the_chinese_dialogue_and_its_timing(tmp_path: Path) -> None:
    name = "[zimuku]Loki.S01E03.720p.WEB-DL.DDP5.1.H.264-NTb.chs&eng.srt"
    (article,) = import_file(write(tmp_path, name, SRT.encode("utf-8")))
    assert article.title == "Loki S01E03"
    assert article.paragraphs == ["这里是全宇宙最强大的力量吗？", "前情提要", "我要推翻 时间守护者"]
    assert article.cue_times == ((2500, 6156), (6166, 7281), (10000, 12000))


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("Bridge of Spies (2015) (1080p BluRay x265 Silence).zh-cn", "Bridge of Spies (2015)"),
        ("oslo.2021.1080p.web.h264-naisu.繁体", "Oslo (2021)"),
        # a subtitle's own tags (language, script, encoding) are not an episode's title
        (
            "[zimuku]_5_Loki.S01E03.Journey.Into.Mystery.720p.chs&eng",
            "Loki S01E03 – Journey Into Mystery",
        ),
        ("Friends.S02E05.zh-tw", "Friends S02E05"),
        ("Loki.S01E03.zh_CN", "Loki S01E03"),
        ("The.Lego.Movie.2014.简英双语", "The Lego Movie (2014)"),
        ("the.lord.of.the.rings.2001.eng.utf8", "The Lord of the Rings (2001)"),
        ("[SumiSora][Yuru Camp][01][GB][720p]", "Yuru Camp E01"),
        ("【喵萌奶茶屋】★01月新番★[摇曳露营][01][1080p][简日双语]", "摇曳露营 E01"),
        # what follows a tag is the release's; a word a tag could be inside a title stays
        ("srt_bridge_of_spies_zhcn_inline_ass_tags", "Bridge of Spies"),
        ("Tout.en.haut.du.monde.2015", "Tout en haut du monde (2015)"),
        (
            "[Nekomoe kissaten] Ai no Utagoe wo Kikasete [Movie][BDRip].TC",
            "Ai no Utagoe wo Kikasete",
        ),
        (
            "Friends.S02E05.The.One.with.Five.Steaks.DVDRip",
            "Friends S02E05 – The One with Five Steaks",
        ),
        ("甄嬛传.E05.1080p", "甄嬛传 E05"),
        ("[Sakurato] Spy x Family - 01 [1080p][CHT]", "Spy x Family E01"),
        ("我的字幕", "我的字幕"),
    ],
)
def test_a_subtitle_is_titled_by_its_video_not_its_release_tags(stem: str, title: str) -> None:
    assert readable_title(stem) == title


def test_ass_drops_comments_drawings_repeats_and_japanese(tmp_path: Path) -> None:
    (article,) = import_file(write(tmp_path, "film.ass", ASS.encode("utf-16")))
    assert article.paragraphs == ["字幕製作：喵萌奶茶屋", "妳現在幸福嗎？", "悟美 早安"]
    assert article.cue_times == ((3000, 5000), (8000, 9000), (10000, 11000))


def test_vtt(tmp_path: Path) -> None:
    (article,) = import_file(write(tmp_path, "a.vtt", VTT.encode("utf-8")))
    assert article.paragraphs == ["你好，世界。", "再见。"]
    assert article.cue_times == ((1000, 2500), (3000, 4000))


def test_subtitle_timings_survive_in_the_library(tmp_path: Path, store: Store) -> None:
    (article,) = import_file(write(tmp_path, "ep.srt", SRT.encode("utf-8")))
    [article_id] = store.articles.add_many(
        [NewArticle(article.title, article.text, article.source, article.original_text)]
    )
    stored = store.articles.get(article_id)
    again = write(tmp_path, "again.srt", stored.original_text.encode("utf-8"))
    assert import_file(again)[0].cue_times == article.cue_times


def test_a_damaged_subtitle_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed):
        import_file(write(tmp_path, "bad.ass", b"[Events]\nFormat: Start\nDialogue: x"))


@pytest.mark.parametrize("suffix", [".srt", ".ass", ".ssa", ".vtt"])
def test_a_subtitle_file_without_cues_is_read_as_text(tmp_path: Path, suffix: str) -> None:
    text = "第一课 你好\n\n你好！我叫王明。\n\n你叫什么名字？\n"
    (article,) = import_file(write(tmp_path, f"lesson{suffix}", text.encode("utf-8")))
    assert article.paragraphs == ["你好！我叫王明。", "你叫什么名字？"]
    assert article.title == "第一课 你好"
    assert not article.cue_times
    assert any("no subtitles" in note and "plain text" in note for note in article.notes)


def test_running_headers_footers_and_page_numbers_leave_the_pages() -> None:
    pages = []
    for number in range(1, 9):
        header = f"{number} 第一章 基本概念" if number % 2 == 0 else f"§1.{number} 小节 {number}"
        words = "春夏秋冬东西南北"[number - 1]
        body = [f"{words * line}的正文，这一行接着上一行，" + "继续" * line for line in range(1, 6)]
        pages.append([header, *body, "CTEX FAQ v0.4 Copyright 2003", f"- {number} -"])
    kept = strip_page_furniture(pages)
    assert kept == [page[1:-2] for page in pages]


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通"),
        ("定了！南沙邮轮母港即将开通..._政务_澎湃新闻-The Paper", "定了！南沙邮轮母港即将开通..."),
        ("平鎮輪胎行惡火 疏散7人1女命喪 | 社會 | 中央社 CNA", "平鎮輪胎行惡火 疏散7人1女命喪"),
        ("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网", "女儿出嫁，郑板桥画了几笔兰花当嫁妆"),
        ("COVID-19疫苗的最新进展", "COVID-19疫苗的最新进展"),
        ("网站 - 新闻", "网站 - 新闻"),  # too little would be left
    ],
)
def test_site_suffix_leaves_the_headline(title: str, headline: str) -> None:
    assert strip_site_suffix(title) == headline


def test_chapters_behind_prefixes_split_and_the_book_title_stays_out() -> None:
    body = "\u3000\u3000他走了，走得很远很远。\n\u3000\u3000“你好。”她说。\n" * 3
    text = (
        f"我的小说\n作者 某人\n正文 第一章 风起\n{body}"
        f"## 第二章：云涌\n{body}《》目录 第三回\u3000收场\n{body}"
    )
    articles = import_text(text)
    assert [a.title for a in articles] == ["第一章 风起", "第二章：云涌", "第三回\u3000收场"]
    assert articles[0].paragraphs[:3] == ["我的小说", "作者 某人", "他走了，走得很远很远。"]


def test_words_before_a_bracket_are_no_dateline() -> None:
    text = (
        "\u3000\u3000这款手机支持近场通讯（NFC）和无线充电（快充），续航很好。\n"
        "\u3000\u3000它是网络中的一個節點。\n"
    )
    (article,) = import_text(text)
    assert len(article.paragraphs) == 2


def test_a_lone_full_stop_joins_its_sentence() -> None:
    (article,) = import_text("他说完了\n。\n她笑了。\n")
    assert article.paragraphs == ["他说完了。", "她笑了。"]


def test_a_man_page_comes_back_as_paragraphs() -> None:
    page = (
        "描述 (DESCRIPTION)\n"
        "     ssh (SSH 客户端) 用于登录远程主机, 并且在远程主机上执行命令.\n"
        "     它的目的是替换 rlogin 和 rsh, 同时在不安全的网络之上, 两个互不\n"
        "     信任的主机之间, 提供加密的, 安全的通信连接.\n"
        "\n"
        "     -a      禁止转发认证代理的连接.\n"
        "\n"
        "     -b bind_address\n"
        "             在拥有多个接口或地址别名的机器上, 指定收发\n"
        "             接口.\n"
    )
    (article,) = import_text(page)
    assert article.title == "描述 (DESCRIPTION)"
    assert article.paragraphs == [
        "ssh (SSH 客户端) 用于登录远程主机, 并且在远程主机上执行命令. 它的目的是替换 rlogin 和 "
        "rsh, 同时在不安全的网络之上, 两个互不信任的主机之间, 提供加密的, 安全的通信连接.",
        "-a 禁止转发认证代理的连接.",
        "-b bind_address",
        "在拥有多个接口或地址别名的机器上, 指定收发接口.",
    ]


JAPANESE = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。" * 5


def test_japanese_is_refused_unless_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "neko.txt", JAPANESE.encode("utf-8"))
    with pytest.raises(LooksJapanese, match="Japanese"):
        import_file(path)
    assert import_file(path, force=True)[0].text.startswith("吾輩は猫である。")
    with pytest.raises(LooksJapanese):
        import_text(JAPANESE)


ENGLISH = "The quick brown fox jumps over the lazy dog, and then it sleeps. " * 5


def test_text_in_another_language_is_refused_unless_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "fox.txt", (ENGLISH + "你好").encode("utf-8"))
    with pytest.raises(LooksNotChinese, match="does not look Chinese"):
        import_file(path)
    assert import_file(path, force=True)[0].text.startswith("The quick brown fox")
    with pytest.raises(NotChinese):  # the one base the GUI and the CLI catch
        import_text("Привет, как дела? Сегодня хорошая погода.")
    with pytest.raises(NotChinese):
        import_text(JAPANESE)


def test_chinese_with_much_english_or_few_letters_is_chinese() -> None:
    # a man page's way: an option in English, its meaning in Chinese
    manual = "-L port:host:hostport 将本地主机的指定端口转发到远程主机。\n" * 10
    assert import_text(manual)
    assert import_text("OK 好")  # too few letters to tell


def test_chinese_with_a_little_japanese_is_chinese(tmp_path: Path) -> None:
    text = "今天我们去了一家叫「の」的咖啡店。" * 20 + "こちらのページは繁体字版です。"
    assert import_file(write(tmp_path, "zh.txt", text.encode("utf-8")))


def test_an_epub_repeating_one_chapter_is_held_to_the_text_limit(tmp_path: Path) -> None:
    chapter = ("第一章", "这是一段很长的文字。" * 2_600)  # 26,000 characters
    book = make_epub([chapter], spine=[0] * 2_000)  # 52,000,000 characters in all
    assert len(book) < 100_000
    with pytest.raises(ImportFailed, match="too long") as caught:
        import_file(write(tmp_path, "repeat.epub", book))
    assert f"{MAX_TEXT_CHARS:,}" in str(caught.value)


def test_too_many_tags_are_refused_before_parsing(tmp_path: Path) -> None:
    page = "<html><body><p>你好。</p>" + "</b>" * 200_000 + "</body></html>"
    with pytest.raises(ImportFailed, match="too many tags"):
        import_file(write(tmp_path, "tags.html", page.encode("utf-8")))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("open.html", "<html><body>" + "<div>" * 25_000 + "</span>" * 25_000 + "<p>你好。</p>"),
        ("brackets.md", "# 标题\n\n" + "[" * 200_000 + "\n"),
        ("links.md", "# 标题\n\n" + "[a](" * 100_000 + "\n"),
        ("stars.md", "*" * 200_000 + "你好\n"),
        ("brackets.txt", "[" * 200_000 + "\n"),
    ],
)
def test_hostile_markup_imports(tmp_path: Path, name: str, text: str) -> None:
    """Each of these was quadratic once (minutes); their times are in the benchmark. (Their
    letters are not Chinese: ``force``, as a user who was asked would.)"""
    assert import_file(write(tmp_path, name, text.encode("utf-8")), force=True)


def test_nested_code_in_a_page_keeps_its_order(tmp_path: Path) -> None:
    para = (
        "<p>注意，首次只扫描位于根目录的文件 (例如，它找到 <code class='filename'>/<em>"
        "<code>whatever</code></em>.iso</code>，而不是 <code>/data/tmp/<em><code>whatever"
        "</code></em>.iso</code>)。在映象文件找到后，检查它包含的内容。</p>"
    )
    page = f"<html><head><title>安装</title></head><body><h1>6.3. 组件</h1>{para * 6}</body></html>"
    (article,) = import_file(write(tmp_path, "guide.html", page.encode("utf-8")))
    assert "它找到 /whatever.iso，而不是 /data/tmp/whatever.iso)" in article.text


def test_a_novel_in_markdown_is_split_at_its_chapters(tmp_path: Path) -> None:
    novel = (
        "# 我的小说\n\n作者：某人\n\n## 第一章：风起\n\n他走了。\n\n他又回来了。\n\n"
        "## 第二章：云涌\n\n她来了。\n"
    )
    articles = import_file(write(tmp_path, "novel.md", novel.encode("utf-8")))
    assert [a.title for a in articles] == ["第一章：风起", "第二章：云涌"]
    assert articles[0].paragraphs == ["我的小说", "作者：某人", "他走了。", "他又回来了。"]
    assert articles[1].paragraphs == ["她来了。"]


def test_deliberate_spaces_around_numbers_stay() -> None:
    assert fix_spacing("著作權所有(C) 1999 文鼎科技") == "著作權所有(C) 1999 文鼎科技"
    assert fix_spacing("请在 Issue #33 反馈") == "请在 Issue #33 反馈"
    assert fix_spacing("2022年 9月，增长 7.3%") == "2022年9月，增长7.3%"


def test_a_list_inside_a_quote_loses_both_marks(tmp_path: Path) -> None:
    text = "# 标题\n\n> **注意事项**\n>\n> - 添字请在这里反馈。\n> - 不要另开议题。\n"
    (article,) = import_file(write(tmp_path, "readme.md", text.encode("utf-8")))
    assert article.paragraphs == ["注意事项", "添字请在这里反馈。", "不要另开议题。"]


def test_a_sentence_that_starts_with_a_chapter_number_is_no_heading() -> None:
    text = (
        "本书的结构如下：\n"
        "第三章讲述文档排版的基本元素——标题、目录、列表、图片、表格等等。结合前一章的内容，\n"
        "你应当能够制作内容较为丰富的文档了。\n"
    )
    (article,) = import_text(text)
    assert article.paragraphs[-1].endswith("结合前一章的内容，你应当能够制作内容较为丰富的文档了。")


def test_a_novel_line_cut_in_mid_word_and_indented_again_is_joined() -> None:
    text = (
        "\u3000\u3000宋妻下车后，对女秘书说：“你替我送送夏小姐。”正当她要转身的时候，"
        "忽然又想起了什么，“夏小姐，以后在北京若有什么难处，请一定来找我，再\n"
        "\u3000\u3000见。”\n"
        "\u3000\u3000第二天早上\n"  # a short line: a heading-like line stays apart
        "\u3000\u3000她很早就起来了。\n"
    )
    assert [a.paragraphs for a in import_text(text)] == [
        [
            "宋妻下车后，对女秘书说：“你替我送送夏小姐。”正当她要转身的时候，忽然又想起了什么，"
            "“夏小姐，以后在北京若有什么难处，请一定来找我，再见。”",
            "第二天早上",
            "她很早就起来了。",
        ]
    ]


def test_print_headings_and_list_items_are_lines_of_their_own() -> None:
    page = (
        "1.1 概述\n"
        "1.1.1 TEX\n"
        "TEX 是高德纳为排版文字和数学公式而开发的软件。1977 年，正在编写《计算机程序设计\n"
        "艺术》的高德纳意识到每况愈下的排版质量将影响其著作的发行，为扭转这种状况，他着手\n"
        "开发 TEX。不过，这里仍旧总结 LATEX 的一些优点：\n"
        "• 具有专业的排版输出能力，产生的文档看上去就像“印刷品”一样。\n"
        "• 具有方便而强大的数学公式排版能力，无出其右者。也可以排版\n"
        "2.09 written in German 的文档。\n"
    )
    (article,) = import_text(page)
    assert article.title == "1.1 概述"
    assert article.paragraphs[0] == "1.1.1 TEX"
    assert article.paragraphs[1].startswith("TEX 是高德纳")
    assert article.paragraphs[-2:] == [
        "• 具有专业的排版输出能力，产生的文档看上去就像“印刷品”一样。",
        "• 具有方便而强大的数学公式排版能力，无出其右者。也可以排版2.09 written in German 的文档。",
    ]


def test_a_banner_slipped_in_mid_sentence_leaves_the_sentence_whole() -> None:
    filler = "\u3000\u3000苏卫国沉默了，半晌没有说话。\n" * 6
    cut = (
        "\u3000\u3000夏英杰心中有底，情绪更加稳定了。她略微思索了一下，对苏卫国说：“苏经理，"
        "我只能这样告诉你，这部稿子将参加今年\n"
        "\n"
        "喜书网(www.xitxt.net)txt电子书下载\n"
        "\u3000\u3000九月在厦门举办的文稿竞价。”\n"
    )
    (article,) = import_text(filler + cut + filler)
    whole = (
        "夏英杰心中有底，情绪更加稳定了。她略微思索了一下，对苏卫国说：“苏经理，"
        "我只能这样告诉你，这部稿子将参加今年九月在厦门举办的文稿竞价。”"
    )
    assert whole in article.paragraphs
    assert "xitxt" not in article.text


def test_a_glossary_entry_cut_at_its_column_is_joined() -> None:
    # one entry per line, the longest cut where the source's column ended (at 16 Hanzi here):
    # the cut line is as wide as the widest, stops on a Hanzi or a clause mark, goes on in Hanzi
    entries = [
        f"\u3000\u3000{a}谓之{b}。\n"
        for a, b in zip("山水木石金土火风雨云", "高深长坚重厚热疾细白", strict=True)
    ]
    cut = (
        "\u3000\u3000东方之美者，有会稽之竹箭焉；南方之美\n"
        "\u3000\u3000者，有梁山之犀象焉。\n"
        "\u3000\u3000鼎绝大，谓之鼐；圜弇上，谓之鼒；附耳外；\n"
        "\u3000\u3000款足者谓之鬲。\n"
    )
    (article,) = import_text("".join(entries) + cut + "".join(entries))
    assert "东方之美者，有会稽之竹箭焉；南方之美者，有梁山之犀象焉。" in article.paragraphs
    assert "鼎绝大，谓之鼐；圜弇上，谓之鼒；附耳外；款足者谓之鬲。" in article.paragraphs
    assert article.paragraphs.count("山谓之高。") == 2  # the short entries stay apart
    assert len(article.paragraphs) == 22


def test_a_sentence_cut_across_a_line_of_an_indent_alone_is_joined() -> None:
    filler = "\u3000\u3000他沉默了很久，终于开口说话了，声音却很低。\n\u3000\u3000\n" * 4
    cut = (
        "\u3000\u3000“我们要在电视上大做广告，寻求合作伙伴，让所有的人都相信我们\n"
        "\u3000\u3000\n"
        "\u3000\u3000是为了分解噪音。”\n"
        "\u3000\u3000\n"
        "\u3000\u3000翻译对他说：“宋先生，我已送你平安到达维也纳，完成了我的工作。\n"
        "\u3000\u3000\n"
        "\u3000\u3000晚饭后将举行工作会谈，晚上有车来接你。”\n"
    )
    (article,) = import_text(filler + cut + filler)
    assert (
        "“我们要在电视上大做广告，寻求合作伙伴，让所有的人都相信我们是为了分解噪音。”"
        in article.paragraphs
    )
    assert (
        "翻译对他说：“宋先生，我已送你平安到达维也纳，完成了我的工作。"
        "晚饭后将举行工作会谈，晚上有车来接你。”" in article.paragraphs
    )
    assert article.paragraphs.count("他沉默了很久，终于开口说话了，声音却很低。") == 8


def test_a_speech_cut_on_a_bare_hanzi_is_joined_where_the_next_line_closes_it() -> None:
    # the speech opened a line before; its line stops on 律, the next closes it: one cut
    filler = "\u3000\u3000他沉默了很久，终于开口说话了，声音却很低。\n" * 4
    cut = (
        "\u3000\u3000检察官说：“明天你和我们一起回安河，处理一下公司方面的事务。\n"
        "\u3000\u3000希望你不要背思想包袱，要相信法律\n"
        "\u3000\u3000是公正的，一切都是能搞清楚的。”\n"
    )
    # a poem's lines stop on Hanzi too, with no closing mark after them: each stays a line
    verses = ["用空，换取瞬间的解脱", "而泪，却从不流落", "上帝从不宽容弱者"]
    poem = "".join(f"\u3000\u3000{verse}\n" for verse in verses)
    (article,) = import_text(filler + cut + filler + poem + filler)
    assert "希望你不要背思想包袱，要相信法律是公正的，一切都是能搞清楚的。”" in article.paragraphs
    assert article.paragraphs[-7:-4] == verses


def test_a_space_a_book_left_for_a_lost_character_stays() -> None:
    # 脚上一 ，: the old edition lost a character there; the space marks where it was
    filler = "\u3000\u3000却说他吃醉了酒，遍身流汗，众人皆以为他放酒风。\n" * 8
    lost = "\u3000\u3000将手儿在脸上抓一抓，身上扒一扒，脚上一 ，腿上揸一揸。\n"
    (article,) = import_text(filler + lost + filler)
    assert "将手儿在脸上抓一抓，身上扒一扒，脚上一 ，腿上揸一揸。" in article.paragraphs
    # where nearly every mark has a space beside it, the spaces are extraction's
    extracted = "更多版本 （可能 ） ：见网站 ， 或者问作者 。\n" * 8
    (article,) = import_text(extracted)
    assert article.paragraphs[0] == "更多版本（可能）：见网站，或者问作者。"


def test_an_empty_line_still_ends_a_speech_that_runs_over_paragraphs() -> None:
    # a stanza or speech over two paragraphs, kept apart by an empty line: two paragraphs
    text = (
        "\u3000\u3000他唱道：“观棋柯烂，伐木丁丁，云边谷口徐行，卖薪沽酒，狂笑自陶情。\n"
        "\n"
        "\u3000\u3000收来成一担，行歌市上，易米三升。”唱罢便走了。\n"
    )
    (article,) = import_text(text)
    assert len(article.paragraphs) == 2


def test_a_legend_and_a_copyright_line_are_not_glued_together() -> None:
    # a title page's end: a legend of two rows of numbers, the copyright notice, then the
    # contents (short lines, so the column there is narrow: no line looks short)
    body = "本文档的主要目的是帮助你快速的找到问题的答案，因此可能不是非常详细。如果你想系统\n" * 4
    contents = "".join(f"\u3000{n} 什么是第{n}个问题？\n" for n in range(1, 13))
    page = (
        body
        + "的学习。\n"
        + "新增 17 18 35 68 78 83 85\n修订 3 12 14 20 39 40 44 53\n"
        + "Copyright ©2003–2009 CTEX and all the Contributors to CTEX FAQ. All rights reserved.\n"
        + contents
    )
    (article,) = import_text(page)
    assert article.paragraphs[1:4] == [
        "新增 17 18 35 68 78 83 85",
        "修订 3 12 14 20 39 40 44 53",
        "Copyright ©2003–2009 CTEX and all the Contributors to CTEX FAQ. All rights reserved.",
    ]


def test_a_title_page_is_not_glued_to_the_text_after_it() -> None:
    body = "本文的大部分内容都来自于论坛上的讨论，这份常见问题集会不断更新，请到网站的主\n" * 6
    page = "常见问题集\nVersion 0.4 beta\n吴凌云\n2007 年 1 月 30 日\n" + body + "页下载。\n"
    (article,) = import_text(page)
    assert article.title == "常见问题集"
    assert article.paragraphs[:3] == ["Version 0.4 beta", "吴凌云", "2007 年 1 月 30 日"]
    assert len(article.paragraphs) == 4


def test_a_contents_page_keeps_its_headings_without_dots_and_page_numbers() -> None:
    page = [
        "第二部分的正文到此结束。新增 17 18 35",
        "目录",
        "前言 v",
        "第一章 基本概念 1",
        "1.1 概述 . . . . . . . . . . . . 1",
        "1.2 第一次使用 LATEX . . . . . 3",
        "1.7 相关的术语和概念 8",
        "2.1.1 ASCII 编码 . . . . . . . . 11",
        "这一行是正文，它的末尾也有一个数字 12",
    ]
    assert contents_entries(page) == [
        page[0],
        "\u3000目录",
        "\u3000前言",
        "\u3000第一章 基本概念",
        "\u30001.1 概述",
        "\u30001.2 第一次使用 LATEX",
        "\u30001.7 相关的术语和概念",
        "\u30002.1.1 ASCII 编码",
        page[-1],
    ]
    assert contents_entries(page[-1:] + page[:1]) == page[-1:] + page[:1]  # no dots: no page
    (article,) = import_text("\n".join(contents_entries(page[1:])))
    assert [article.title, *article.paragraphs] == [
        "目录",
        "前言",
        "第一章 基本概念",
        "1.1 概述",
        "1.2 第一次使用 LATEX",
        "1.7 相关的术语和概念",
        "2.1.1 ASCII 编码",
        "这一行是正文，它的末尾也有一个数字12",  # (a line after the contents: not an entry)
    ]


def test_numbers_spaced_by_the_document_keep_their_spaces() -> None:
    # a book that spaces its numbers off the Hanzi (as LaTeX's Chinese typesetting does)
    book = "本书共有 89 个问题，分为 12 章。\n中文版本：版本 6.03，二零二一年十一月\n"
    assert "中文版本：版本 6.03，二零二一年十一月" in import_text(book)[0].paragraphs
    # a page whose extraction put a space on one side of its numbers
    page = "全市建成 48家工厂，平台达到 114家。\n指数为 77.77%，位居前列。\n"
    fixed = "全市建成48家工厂，平台达到114家。\n指数为77.77%，位居前列。"
    assert import_text(page)[0].text == fixed
    assert fix_spacing("版本 6.03，", keep_number_spaces=True) == "版本 6.03，"
    # an address or a date runs to the space or the mark after it: spaced off both sides,
    # as the writer spaced it (the Debian Edu manual's 为 10.0.0.0/8 网络)
    assert (
        fix_spacing("DHCP 在主服务器上为 10.0.0.0/8 网络工作")
        == "DHCP 在主服务器上为 10.0.0.0/8 网络工作"
    )
    assert fix_spacing("代号 Squeeze，发布于 2013-03-03。") == "代号 Squeeze，发布于 2013-03-03。"
    assert fix_spacing("于 2007-07-22发布") == "于2007-07-22发布"  # glued on one side


def test_lines_cut_at_a_re_wrap_column_are_joined() -> None:
    """A novel wrapped at 26 Hanzi once and then re-indented line by line: the lines that
    stop between two Hanzi at that width are cuts; a short line ending on a Hanzi is not."""
    cuts = [
        ("于是，夏英杰填写完来访登记，便跟着警察进了院内，到一", "间挂有“接见室”牌子的门前。"),
        ("夏英杰来到报社，直接上文艺版编辑室去找方子云，她推门", "进去，对方子云笑道："),
        ("方子云三十多岁，留着长头发，满脸胡子，戴一副近视眼", "镜，身穿越野装。"),
        ("九点钟，校园内响起了一阵金属敲击的声音，下课了。学生", "们一窝蜂地从教室涌出来。"),
        ("两位女助手紧张地看了看方子云，被另外两个检察官带出了", "客房。"),
    ]
    lines = []
    for first, second in cuts:
        lines += [f"\u3000\u3000{first}", f"\u3000\u3000{second}"]
        lines += [
            "\u3000\u3000他点点头，没有再说什么。",
            "\u3000\u3000她看着窗外，心里想着明天的事情，想着那些已经过去了很久却始终无法忘记的人"
            "和事，想着自己这些年走过的路，不知不觉天已经黑了。",
            "\u3000\u3000“我们走吧，天快黑了。”他站起来说。",
        ] * 2
    lines += ["\u3000\u3000一九九二年二月二十五日", "\u3000\u3000夏英杰把信还给宋一坤。"]
    # a verse of unpunctuated lines is not cut: its lines are narrower than a screen's
    lines += ["\u3000\u3000床前明月光疑是地上霜", "\u3000\u3000举头望明月低头思故乡"] * 3
    (article,) = import_text("\n".join(lines) + "\n")
    for first, second in cuts:
        assert first + second in article.paragraphs
    assert "一九九二年二月二十五日" in article.paragraphs  # a date line: not a cut
    assert article.paragraphs[-6:] == ["床前明月光疑是地上霜", "举头望明月低头思故乡"] * 3


def test_a_blank_line_after_every_line_is_only_line_spacing() -> None:
    text = (
        "    两妖道：“不装不装！\n\n    一定是个假的。”正嚷处，大圣听得明白。\n\n"
        "    他仍弄武艺，\n\n    显神通。\n\n    悟空笑了。\n\n    八戒也笑了。\n\n"
    )
    assert import_text(text)[0].paragraphs == [
        "两妖道：“不装不装！一定是个假的。”正嚷处，大圣听得明白。",
        "他仍弄武艺，显神通。",
        "悟空笑了。",
        "八戒也笑了。",
    ]


def test_a_word_hyphenated_by_the_typesetter_is_whole_again() -> None:
    text = "     数据流用 3DES, Blowfish, CAST128 或 Ar\u2010\n     cfour 加密. 另见 hmac-\n"
    text += "     md5.\n"
    (article,) = import_text(text * 3)
    assert "CAST128 或 Arcfour 加密." in article.paragraphs[0]
    assert "hmac-md5" in article.paragraphs[0]  # an ASCII hyphen may be the word's: kept


def test_what_a_page_hides_is_not_its_text(tmp_path: Path) -> None:
    items = "".join(
        f'<li><a href="{n}.html">{n}</a>: {n}是这个项目的一部分，值得一看。</li>'
        for n in ("特色", "例子", "自由", "背景")
    )
    hidden = "".join(
        f'<tr><td><a href="{n}.html">{n}</a></td><td>What can it do, in English?</td></tr>'
        for n in ("特色", "例子", "自由", "背景")
    )
    page = (
        "<html><head><title>简介</title></head><body><div id='main'><h1>简介</h1>"
        "<h3>我们的目标</h3><p>这个项目是怎么来的呢？从前，有两位音乐家，对那种用电脑打谱的、"
        "看上去了无生气的乐谱，很是懊恼，希望超越现状。既然音乐家们都喜爱阅读漂亮的乐谱，那为什么"
        "程序员不能写出可以制作优雅乐谱的软件呢？</p><p>于是，LilyPond\n诞生了！这个系统把音乐家"
        "从繁琐的排版细节中释放出来，让他们能够专注于音乐制作。它与音乐家携手，秉承古典音乐传统"
        "雕版印刷术最优良的传统，共同打造具有最高出版质量的乐谱。</p>"
        f"<h3>项目的功能</h3><ul>{items}</ul>"
        f'<div class="hide"><table class="menu">{hidden}</table></div>'
        '<p style="display: none">这一段不显示。</p><p hidden>这一段也不显示。</p>'
        "</div></body></html>"
    )
    (article,) = import_file(write(tmp_path, "intro.html", page.encode("utf-8")))
    assert article.paragraphs.index("项目的功能") == 3  # after the text, as the page has it
    assert "特色: 特色是这个项目的一部分，值得一看。" in article.paragraphs
    assert article.paragraphs[2].startswith("于是，LilyPond 诞生了！这个系统")
    assert "English" not in article.text
    assert "不显示" not in article.text


def test_a_page_that_hides_most_of_its_text_keeps_it(tmp_path: Path) -> None:
    """A page a script would reveal: what it hides is the page."""
    body = "<p>这是文章的第一段，讲的是一个很长的故事。</p>" * 5
    page = f"<html><body><h1>标题</h1><div style='display:none'>{body}</div></body></html>"
    (article,) = import_file(write(tmp_path, "reveal.html", page.encode("utf-8")))
    assert "这是文章的第一段，讲的是一个很长的故事。" in article.paragraphs


def test_a_heading_at_a_page_s_top_stands_apart_from_its_text() -> None:
    text = (
        "前言\n"
        "LATEX [1] 是一个文档准备系统，它非常适用于生成高印刷质量的科技类和数学类文档。它也能\n"
        "够生成所有其他种类的文档，小到简单的信件，大到完整的书籍。LATEX 使用 TEX 作为它的\n"
        "排版引擎。\n"
        "引号\n"
        "LATEX 中单引号和双引号分别用不同的符号输入，这是排版中文和英文时都要注意的一个问\n"
        "题，初学者常常在这里出错，所以本节专门讲一讲它们的输入方法和需要注意的地方。\n"
        # a headline set on two short lines, a blank line after it: one heading
        "\n大足石刻“国际朋友圈”\n不断扩大\n\n"
        "两年前，重庆吹响制造业高质量发展的号角，提出要着力打造现代制造业集群体系，推动\n"
        "制造业高质量发展。\n"
    )
    (article,) = import_text(text)
    assert [article.title, *article.paragraphs] == [
        "前言",
        "LATEX [1] 是一个文档准备系统，它非常适用于生成高印刷质量的科技类和数学类文档。它也能够"
        "生成所有其他种类的文档，小到简单的信件，大到完整的书籍。LATEX 使用 TEX 作为它的排版引擎。",
        "引号",
        "LATEX 中单引号和双引号分别用不同的符号输入，这是排版中文和英文时都要注意的一个问题，"
        "初学者常常在这里出错，所以本节专门讲一讲它们的输入方法和需要注意的地方。",
        "大足石刻“国际朋友圈”不断扩大",
        "两年前，重庆吹响制造业高质量发展的号角，提出要着力打造现代制造业集群体系，推动制造业"
        "高质量发展。",
    ]


def test_a_contents_page_loses_its_running_header_and_keeps_its_entries() -> None:
    body = [f"这一页的正文很长，它一直写到第{n}行的末尾，然后接着写到下一行去，" for n in "一二三"]
    pages = [
        ["Contents", "A 关于 FAQ 5", "1 CTEX 是干什么的？ . . . . . . . 5", "i"],
        [
            "CONTENTS 2",
            "16 我下载了一些新的宏包，该如何安装到我的系统中去？ . . . . . . 8",
            "D 新手入门 9",
            "19 我是新手，该如何开始？ . . . . . . . . 9",
        ],
        ["CONTENTS 3", "45 如何实现统一编号？ . . . . . . . 18", "J 其它专题 28", "3"],
        ["A 关于 FAQ 4", *(line + "甲" for line in body)],
        ["B 基本概念 5", *(line + "乙" for line in body)],
        ["C 安装升级 6", *(line + "丙" for line in body)],
    ]
    kept = [contents_entries(lines) for lines in strip_page_furniture(pages)]
    assert kept[1] == [
        "\u300016 我下载了一些新的宏包，该如何安装到我的系统中去？",
        "\u3000D 新手入门",
        "\u300019 我是新手，该如何开始？",
    ]
    assert kept[2][0] == "\u300045 如何实现统一编号？"
    assert [page[0] for page in kept[3:]] == [body[0] + mark for mark in "甲乙丙"]
    # roman-numbered front matter: on a contents page the header has the page's number
    front = [
        ["i 中文版致谢", "正文"],
        ["ii 中文版致谢", "正文"],
        ["目录", "中文版致谢 i", "1.1 概述 . . . . . . . 1", "1.2 第一次使用 . . . . . 3", "iii"],
        ["iv 目录", "2.1 中文 . . . . . . . 11", "2.2 字体 . . . . . . . 12"],
    ]
    kept = [contents_entries(lines) for lines in strip_page_furniture(front)]
    assert kept[2][:2] == ["\u3000目录", "\u3000中文版致谢"]
    assert kept[3][0] == "\u30002.1 中文"


def test_a_space_inside_full_width_punctuation_goes() -> None:
    assert fix_spacing("更多版本 （可能会随时变动） ：") == "更多版本（可能会随时变动）："
    assert fix_spacing("英文作者： Tobias Oetiker") == "英文作者：Tobias Oetiker"
    assert fix_spacing("CTEX-Fonts、 CTEX-CS、 CTEX-Ext") == "CTEX-Fonts、CTEX-CS、CTEX-Ext"
    # after a closing mark, before an opening one: fields of a title line stay apart
    assert fix_spacing("《四字鉴略》 清 王仕云") == "《四字鉴略》 清 王仕云"
    assert fix_spacing("Klee One. 一款开源字体") == "Klee One. 一款开源字体"


def test_a_task_list_s_boxes_are_no_text(tmp_path: Path) -> None:
    text = "# 计划\n\n- [x] 补完基本区汉字；\n- [ ] 补全谚文音节。\n"
    (article,) = import_file(write(tmp_path, "plan.md", text.encode("utf-8")))
    assert article.paragraphs == ["补完基本区汉字；", "补全谚文音节。"]


def test_a_line_break_between_hanzi_and_latin_is_the_document_s_space() -> None:
    """A hard-wrapped page that spaces its Latin words off the Hanzi (a man page): the
    break between 详见 and ssh-agent(1) was a space. One that glues them keeps them glued
    (他拿出⏎iPhone手机: the word is glued on its other side)."""
    spaced = (
        "     ssh 支持基于 RSA 的认证. 用户通过运行 ssh-keygen(1) 创建密钥对, 详见\n"
        "     ssh-agent(1) 手册页. 所有 X11 和 TCP/IP\n"
        "     连接都被自动加密, 保存在 $HOME/.ssh/known_hosts 中.\n"
    )
    (article,) = import_text(spaced)
    assert "详见 ssh-agent(1) 手册页." in article.text
    assert "所有 X11 和 TCP/IP 连接都被自动加密" in article.text
    glued = (
        "天黑了，他走进房间，坐了下来，从口袋里拿出\n"
        "iPhone手机，看了一眼，又用Excel算了算，再打开\nWord写信。\n"
    )
    assert import_text(glued)[0].paragraphs[-1] == (
        "天黑了，他走进房间，坐了下来，从口袋里拿出iPhone手机，看了一眼，又用Excel算了算，"
        "再打开Word写信。"
    )
