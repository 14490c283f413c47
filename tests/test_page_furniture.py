"""Page furniture the extractors keep, on small pages shaped like the real ones: photo
captions, read-more cards, a site's notices and calls to action after the story, inline
markup whose class says "menu", a photo between two lines of text."""

from __future__ import annotations

from pathlib import Path

from reader.core.importing import import_file
from reader.core.importing.page_furniture import site_names, trim_tail
from reader.core.importing.webpage import footnotes

STORY = [
    "本报讯 昨天上午，市图书馆新馆正式开放，数千名市民排队入馆参观。",
    "新馆面积约三万平方米，藏书一百二十万册，设有少儿阅览区和古籍修复室。",
    "馆长介绍说，新馆每天开放十二个小时，周末也不闭馆，市民凭身份证即可借书。",
    "不少家长带着孩子前来，孩子们在少儿区读绘本，一坐就是一个下午。",
    "一位退休教师说，新馆离家近，以后每天都要来这里看看报纸、读读书。",
]


def page(body: str, title: str = "市图书馆新馆开放_本地_晨光新闻网") -> bytes:
    links = "".join(
        f'<li><a href="https://www.chenguang.example.com/{i}">栏目{i}</a></li>' for i in range(12)
    )
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<nav><ul>{links}</ul></nav>"
        f'<div class="article"><h1>市图书馆新馆开放</h1>{body}</div>'
        "<footer><p>关于我们 | 联系我们 | 版权所有</p></footer></body></html>"
    ).encode()


def paragraphs(tmp_path: Path, body: str, title: str | None = None) -> list[str]:
    path = tmp_path / "page.html"
    path.write_bytes(page(body) if title is None else page(body, title))
    (article,) = import_file(path)
    return article.paragraphs


def story(*extra: str, at: int = 2) -> str:
    paras = [f"<p>{p}</p>" for p in STORY]
    paras[at:at] = list(extra)
    return "".join(paras)


def test_a_photo_caption_goes_and_the_lines_around_a_photo_stay_apart(tmp_path: Path) -> None:
    photo = '<div style="text-align:center"><img src="/1.jpg" alt=""></div>'
    body = (
        f"<div>{STORY[0]}<br>{STORY[1]}{photo}▲新馆外景 记者王明摄<br>{STORY[2]}{photo}"
        f"资料图<br>{STORY[3]}{photo}{STORY[4]}</div>"
    )
    assert paragraphs(tmp_path, body) == STORY


def test_a_caption_that_repeats_the_photo_s_description_goes(tmp_path: Path) -> None:
    caption = "市民在新馆排队入馆。（图书馆提供）"
    figure = (
        f'<div class="pic"><div class="wrap"><img src="a.jpg" alt="{caption}"></div>'
        f'<div class="info">{caption}</div></div>'
    )
    assert paragraphs(tmp_path, story(figure)) == STORY
    # and a <figcaption>
    figure = '<figure><img src="a.jpg"><figcaption>新馆的少儿阅览区</figcaption></figure>'
    assert paragraphs(tmp_path, story(figure)) == STORY


def test_a_line_after_a_photo_that_is_no_caption_stays(tmp_path: Path) -> None:
    photo = '<div><img src="b.jpg" alt=""></div>'
    body = story(f"{photo}<p>问题来了</p>", at=3)
    assert paragraphs(tmp_path, body) == [*STORY[:3], "问题来了", *STORY[3:]]


def test_read_more_cards_after_the_story_go(tmp_path: Path) -> None:
    cards = "".join(
        f'<p><img src="c{i}.png" alt="专题{i}"><strong>读书月专题{i}</strong>'
        "全市开展读书月活动，邀请作家走进社区，与市民分享阅读的乐趣。"
        f'<i><a href="/t{i}">【详细】</a></i></p>'
        for i in range(2)
    )
    body = story() + f"<h2>推荐阅读</h2>{cards}"
    assert paragraphs(tmp_path, body) == STORY


def test_the_site_s_notices_and_calls_to_action_after_the_story_go(tmp_path: Path) -> None:
    tail = (
        "<p>扫描下方二维码关注我们</p><p>看完了，点【在看】告诉朋友</p>"
        "<p>本文为晨光新闻网原创稿件，未经授权不得转载。</p>"
    )
    assert paragraphs(tmp_path, story() + tail) == STORY


def test_a_last_paragraph_naming_the_site_is_not_dropped_from_a_short_text() -> None:
    site = site_names("晨光新闻网", "chenguang.example.com")
    assert trim_tail(["晨光新闻网记者报道。"], site) == ["晨光新闻网记者报道。"]
    # a story's own last sentence about a QR code or an account is no call to action
    story_end = ["第一段。", "第二段。", "记者发现，该公众号的二维码已被删除。"]
    assert trim_tail(story_end, site) == story_end
    # at most half of a text is trimmed
    texts = ["第一段。", "第二段，晨光新闻网。", "第三段，晨光新闻网。"]
    assert trim_tail(texts, site) == texts[:2]


def test_a_site_is_named_by_its_title_s_last_suffix_and_its_domain() -> None:
    assert site_names("中央社 CNA", "cna.com.tw") == ("中央社 CNA", "中央社", "cna.com.tw")
    assert site_names("社會", "") == ()  # two characters: a section, not a site


def test_a_word_in_a_span_whose_class_says_menu_stays_in_its_sentence(tmp_path: Path) -> None:
    sentence = (
        '<p>登录之后您将看到一个初始画面，显示有两个可能，<span class="guimenuitem">'
        'Start menu</span> 和 <span class="guimenuitem">Start shell</span>。'
        "前一个将带您到安装主菜单。</p>"
    )
    texts = paragraphs(tmp_path, story(sentence))
    whole = "登录之后您将看到一个初始画面，显示有两个可能，Start menu 和 Start shell。"
    assert f"{whole}前一个将带您到安装主菜单。" in texts


def test_a_warning_box_in_a_layout_table_is_text(tmp_path: Path) -> None:
    box = (
        '<div class="warning"><table border="0" summary="Warning"><tr>'
        '<td rowspan="2"><img alt="[警告]" src="warning.png"></td><th align="left">警告</th></tr>'
        "<tr><td><p>使用 SSH 开始远程安装之后，您不该返回本地控制台运行的安装会话。</p></td></tr>"
        "</table></div>"
    )
    texts = paragraphs(tmp_path, story(box, at=5))
    assert texts[-2:] == ["警告", "使用 SSH 开始远程安装之后，您不该返回本地控制台运行的安装会话。"]


def test_the_footnotes_of_the_text_s_marks_end_it() -> None:
    kept = [
        ("本节将会描述各个安装组件的细节。", False),
        ("包括那些称为“传统”的 locale [6]，用于系统。", False),
    ]
    # read from the page itself: a note whose link is much of it is one too (trafilatura
    # drops it); a note whose mark the text lacks is not the text's
    page = (
        "<html><body>"
        + "".join(f"<p>{text}</p>" for text, _ in kept)
        + '<div class="footnotes"><p><a href="#a"><sup>[6] </sup></a>传统 locale 是那些'
        "没有使用 UTF-8 的 locale。</p>"
        '<p><a href="#b"><sup>[4] </sup></a><a href="https://example.org/">LUKS</a>。</p>'
        "<p>[9] 正文里没有这个注的标记。</p></div></body></html>"
    )
    kept.append(("建立分区是使用 LUKS[4]。", False))
    assert footnotes(page, kept) == [
        "[6] 传统 locale 是那些没有使用 UTF-8 的 locale。",
        "[4] LUKS。",
    ]


def test_a_headline_the_site_cut_short_is_completed_from_the_original_title(
    tmp_path: Path,
) -> None:
    """澎湃号 pages cut a long headline (…无敌免...) in <title> and <h1>; the post's first line
    "本文原标题：《…》" has it whole. Any other headline ending in dots stays as it is."""
    story = "".join(
        f"<p>第{i}段：广州南沙国际邮轮母港将于11月17日正式开港，可停靠目前世界上最大的邮轮。</p>"
        for i in range(8)
    )

    def page(original: str) -> str:
        cut = "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免..."
        return (
            f"<html><head><title>{cut}_政务_澎湃新闻</title></head><body>"
            f'<div class="main"><h1>{cut}</h1><p>本文原标题：《{original}》</p>{story}</div>'
            "</body></html>"
        )

    whole = "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免税城......"
    (tmp_path / "a.html").write_text(page(whole), encoding="utf-8")
    assert import_file(tmp_path / "a.html")[0].title == whole
    (tmp_path / "b.html").write_text(page("另一篇文章的标题"), encoding="utf-8")
    assert (
        import_file(tmp_path / "b.html")[0].title
        == "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免..."
    )
