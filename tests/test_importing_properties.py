"""Properties of rebuilding and splitting on any text: nothing lost, nothing crashes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.importing import import_text, merge_articles, split_article
from reader.core.importing.article import has_words
from reader.core.importing.reflow import paragraphs

PIECES = st.sampled_from(
    [
        *"重庆制造新加坡金融合作大足石刻",
        *"。，！？…“”「」（）、",
        *"0123456789",
        "IP",
        "Hello",
        "world",
        " ",
        "  ",
        "\n",
        "\n",
        "\n\n",
        "\u3000\u3000",
        "新渝报讯（记者 张三）",
        "（上接1版）",
        "记者 李四 摄",
        "一",
        "据新华社",
    ]
)
TEXTS = st.lists(PIECES, min_size=1, max_size=80).map("".join)
_SPACE = re.compile(r"\s+")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_rebuilding_keeps_every_character_in_order(raw: str) -> None:
    rebuilt = "".join(p.text for p in paragraphs(raw))
    assert _SPACE.sub("", rebuilt) == _SPACE.sub("", raw)
    assert all(p.text and p.text == p.text.strip() and "\n" not in p.text for p in paragraphs(raw))


@settings(max_examples=200, deadline=None)
@given(TEXTS.filter(lambda t: t.strip() != ""))
def test_any_text_imports_into_titled_articles(raw: str) -> None:
    articles = import_text(raw, force=True)  # (any letters: the user said yes)
    assert articles
    for article in articles:
        assert article.title.strip()
        assert all(p.strip() for p in article.paragraphs)
    body = _SPACE.sub("", "".join(a.title + a.text for a in articles))
    for paragraph in paragraphs(raw):  # each paragraph lands somewhere (as text or title),
        if has_words(paragraph.text) or not any(has_words(p.text) for p in paragraphs(raw)):
            assert _SPACE.sub("", paragraph.text) in body  # but a lone "**" or “ is no text


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.data())
def test_split_then_merge_restores_the_text(raw: str, data: st.DataObject) -> None:
    for article in import_text(raw, force=True) if raw.strip() else []:
        count = len(article.paragraphs)
        if count < 2:
            continue
        at = data.draw(st.integers(1, count - 1))
        head, tail = split_article(article, at)
        merged = merge_articles(head, tail)
        assert merged.text == article.text
        assert merged.original_text == article.original_text
