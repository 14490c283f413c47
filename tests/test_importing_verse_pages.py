"""Web pages of verse: a <br> ends a line, a small page is read whole, short lines at a
page's end are verse, not a dangling label."""

from __future__ import annotations

from pathlib import Path

from reader.core.importing import import_file
from reader.core.importing.page_furniture import trim_tail

JINGYESI = ["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]
HONGDOU = ["红豆生南国", "春来发几枝", "愿君多采撷", "此物最相思"]


def _page(tmp_path: Path, body: str, title: str = "静夜思") -> Path:
    path = tmp_path / "poem.html"
    path.write_text(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    return path


def test_a_small_page_keeps_its_br_lines(tmp_path: Path) -> None:
    body = f"<h1>静夜思</h1><p>李白</p><p>{'<br>'.join(JINGYESI)}</p>"
    (article,) = import_file(_page(tmp_path, body))
    assert article.title == "静夜思"
    assert article.paragraphs == ["李白", *JINGYESI]


def test_a_small_page_of_two_poems_is_one_article_with_its_lines(tmp_path: Path) -> None:
    body = (
        f"<h2>静夜思</h2><p>{'<br/>'.join(JINGYESI)}</p><h2>相思</h2><p>{'<br>'.join(HONGDOU)}</p>"
    )
    (article,) = import_file(_page(tmp_path, body, "唐诗两首"))
    assert article.title == "唐诗两首"
    assert article.paragraphs == ["静夜思", *JINGYESI, "相思", *HONGDOU]


def test_verse_at_a_page_s_end_stays(tmp_path: Path) -> None:
    nav = "".join(f'<a href="/{i}">{name}</a> ' for i, name in enumerate(["首页", "诗文", "作者"]))
    body = (
        f"<nav>{nav}</nav><div class='main'><h1>春晓</h1><p>孟浩然〔唐代〕</p>"
        "<p>春眠不觉晓<br>处处闻啼鸟<br>夜来风雨声<br>花落知多少</p>"
        "<p>这首诗是唐代诗人孟浩然的作品。诗人抓住春天的早晨刚刚醒来时的一瞬间展开描写和联想，"
        "生动地表达了诗人对春天的喜爱和怜惜之情。</p>"
        f"<p>{'<br>'.join(HONGDOU)}</p></div><footer><p>古诗文网 版权所有 联系我们</p></footer>"
    )
    (article,) = import_file(_page(tmp_path, body, "春晓_古诗文网"))
    assert article.paragraphs[-4:] == HONGDOU
    assert "处处闻啼鸟" in article.paragraphs


def test_a_label_left_alone_at_the_end_still_goes() -> None:
    text = ["这是一篇文章的第一段。", "这是第二段，也是最后一段。", "特别声明"]
    assert trim_tail(text, ()) == text[:2]
    assert trim_tail([*text[:2], *HONGDOU], ()) == [*text[:2], *HONGDOU]
