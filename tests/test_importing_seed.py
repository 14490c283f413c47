"""The seed page: paragraphs rebuilt across the cuts, articles split and titled, and the
same page in every encoding a learner's file comes in."""

from __future__ import annotations

import collections
import gzip
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.importing import (
    ImportedArticle,
    import_file,
    import_text,
    merge_articles,
    split_article,
)
from reader.core.importing.reflow import ends_sentence, width

# The titles a reader gives the articles of the page, in page order. Headlines 1, 3-6 stand
# after their article in the raw file (5's after another report's); 7 and 8 continue from
# page 1, whose headlines are not on this page, so their first words name them.
SEED_TITLES = [
    "大足石刻“国际朋友圈”不断扩大",
    "33618，重庆制造两年新变化",
    "大足区“中华魂”主题读书活动2024年总结暨2025年启动大会召开",
    "大足区人大开展全区智慧城管建设工作调研",
    "大足区生态文明建设稳中有进",
    "大足区政协开展文旅产业发展主题调研",
    "敏昂莱表示，主席阁下2020年对缅历史性访问…",
    "从加快建设西部陆海新通道等国家战略来看…",
]

# Words the raw file cuts across a line break (some across a blank line as well).
SEED_CUTS = [
    ("新加", "坡"),  # 新加 / 坡双方
    ("平仓", "后"),  # 平仓 / blank line / 后成功
    ("系", "统性"),
    ("号", "角"),
    ("营", "销"),
    ("第 7", "位"),  # … blank line … 位、西部第1位
    ("集", "群体系"),
    ("互联互", "通"),
    ("战", "略来看"),  # 国家战 / blank line / 略来看
    ("中西部地区需要一个重要的金融开", "放"),
]


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return paths.seed_article().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_articles() -> list[ImportedArticle]:
    return import_file(paths.seed_article())


def _next_nonblank(lines: list[str], i: int) -> int:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def test_seed_titles(seed_articles: list[ImportedArticle]) -> None:
    assert [a.title for a in seed_articles] == SEED_TITLES


def test_seed_articles_hold_their_reports(seed_articles: list[ImportedArticle]) -> None:
    by_title = {a.title: a for a in seed_articles}
    environment = by_title["大足区生态文明建设稳中有进"]
    assert environment.paragraphs[0] == "水环境质量好中更优 大气环境质量持续改善"  # subtitle
    assert environment.paragraphs[1].startswith("新渝报讯（记者 何美林 实习生 彭茜）")
    assert "崔晓玲" not in environment.text
    manufacturing = by_title["33618，重庆制造两年新变化"]
    assert manufacturing.paragraphs[-1].endswith("据新重庆客户端")
    assert {"一", "二", "三"} <= set(manufacturing.paragraphs)  # section markers stay
    caption = by_title[SEED_TITLES[0]]
    assert caption.paragraphs[-1] == "新渝报记者 谢凤 摄"
    finance = seed_articles[-1]
    assert "打造中新金融合作样板，落地重点项目52个" in finance.paragraphs  # subheading
    # every paragraph of the page is in exactly one article (headlines as titles)
    joined = "".join(a.title + a.text for a in seed_articles)
    assert joined.count("开启构建缅中命运共同体的新篇章") == 1
    assert joined.count("据新重庆客户端") == 1


@pytest.mark.parametrize(("prefix", "suffix"), SEED_CUTS)
def test_seed_cut_words_are_joined(
    seed_raw: str, seed_articles: list[ImportedArticle], prefix: str, suffix: str
) -> None:
    lines = seed_raw.split("\n")
    cut_here = [
        i
        for i, line in enumerate(lines)
        if line.rstrip().endswith(prefix)
        and lines[_next_nonblank(lines, i)].lstrip().startswith(suffix)
    ]
    assert cut_here, "the raw file has this cut"
    text = "\n".join(a.text for a in seed_articles)
    assert prefix.replace(" ", "") + suffix in text
    assert not any(line.startswith(suffix) for line in text.split("\n"))


def test_no_rebuilt_line_starts_inside_a_cut_word(
    seed_raw: str, seed_articles: list[ImportedArticle]
) -> None:
    """Every full-width raw line that stops mid-sentence is joined to the line after it."""
    lines = [line.strip() for line in seed_raw.split("\n")]
    text = "\n".join(a.text for a in seed_articles)
    checked = 0
    for i, line in enumerate(lines):
        j = _next_nonblank(lines, i)
        if not line or j >= len(lines) or ends_sentence(line) or width(line) < 16:
            continue
        if not ("\u4e00" <= line[-1] <= "\u9fff" and "\u4e00" <= lines[j][0] <= "\u9fff"):
            continue  # a cut inside a word is between two Hanzi
        checked += 1
        assert (line[-2:] + lines[j]).replace(" ", "")[:4] in text, (line, lines[j])
    assert checked > 150


def test_seed_spacing(seed_articles: list[ImportedArticle]) -> None:
    text = "\n".join(a.text for a in seed_articles)
    for fixed in ["2022年9月", "1000亿元", "420余家", "增长7.3%", "文化IP创新", "达319天"]:
        assert fixed in text
    for stray in ["2022年 9月", "1000 亿", "增长 7.3%", "文化 IP"]:
        assert stray not in text


def test_seed_original_text_is_kept(seed_raw: str, seed_articles: list[ImportedArticle]) -> None:
    raw_lines = set(seed_raw.split("\n"))
    for article in seed_articles:
        assert set(article.original_text.split("\n")) <= raw_lines
        assert article.source == str(paths.seed_article())
    assert "平仓\n\n后成功" in seed_articles[-1].original_text


def test_pasted_text_imports_like_the_file(
    seed_raw: str, seed_articles: list[ImportedArticle]
) -> None:
    pasted = import_text(seed_raw)
    assert [(a.title, a.text) for a in pasted] == [(a.title, a.text) for a in seed_articles]
    assert pasted[0].source == "clipboard"


def _simplified_to_traditional() -> dict[str, str]:
    """Character map from CC-CEDICT: the traditional form each simplified character most
    often has in its words (enough to make a real traditional text for the test)."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            traditional, simplified = line.split(" ", 2)[:2]
            if len(traditional) == len(simplified):
                for s, t in zip(simplified, traditional, strict=True):
                    counts[s][t] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-be"])
def test_seed_in_other_encodings(
    tmp_path: Path, seed_raw: str, seed_articles: list[ImportedArticle], encoding: str
) -> None:
    data = seed_raw.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    articles = import_file(path)
    assert [(a.title, a.text) for a in articles] == [(a.title, a.text) for a in seed_articles]


def test_seed_in_big5_after_conversion(tmp_path: Path, seed_raw: str) -> None:
    table = _simplified_to_traditional()
    traditional = "".join(table.get(c, c) for c in seed_raw)
    assert "兩年前，重慶吹響製造業" in traditional or "兩年前，重慶吹響制造業" in traditional
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(traditional.encode("big5"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(traditional, encoding="utf-8")
    from_big5 = import_file(big5)
    assert [(a.title, a.text) for a in from_big5] == [(a.title, a.text) for a in import_file(utf8)]
    assert len(from_big5) == len(SEED_TITLES)
    assert from_big5[0].title == "".join(table.get(c, c) for c in SEED_TITLES[0])
    # and the explicit choice agrees
    assert import_file(big5, encoding="big5")[0].text == from_big5[0].text


def test_split_and_merge_round_trip(seed_articles: list[ImportedArticle]) -> None:
    first, second = seed_articles[2], seed_articles[3]
    merged = merge_articles(first, second)
    assert merged.title == first.title
    assert second.title in merged.paragraphs  # the headline stays as a subheading
    assert second.original_text in merged.original_text
    head, tail = split_article(merged, len(first.paragraphs))
    assert (head.title, head.text) == (first.title, first.text)
    assert (tail.title, tail.text) == (second.title, second.text)  # the heading is the title


def test_split_without_heading_titles_by_first_words(seed_articles: list[ImportedArticle]) -> None:
    article = seed_articles[1]
    head, tail = split_article(article, 3)
    assert head.paragraphs == article.paragraphs[:3]
    assert tail.paragraphs == article.paragraphs[3:]
    assert tail.title == "制造业是国民经济的重要支柱"
    assert tail.original_text == article.original_text
    with pytest.raises(ValueError):
        split_article(article, 0)
