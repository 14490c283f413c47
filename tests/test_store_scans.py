"""An article read by OCR keeps its pages and uncertain spans through corrections,
splits, merges and deletion (real SQLite)."""

from __future__ import annotations

import pytest

from reader.core.store import NewArticle, Store

PAGE = b"\xff\xd8\xff page one"


def _scanned(store: Store) -> int:
    # 一二三 uncertain 二 (1–2) and 五六 (4–6); the text is "一二三\n五六七"
    return store.articles.add(
        NewArticle(
            "扫描", "一二三\n五六七", "photo.png", pages=(PAGE, b"two"), uncertain=((1, 2), (4, 6))
        )
    )


def _marked(store: Store, article_id: int) -> list[str]:
    text = store.articles.text(article_id)
    return [text[a:b] for a, b in store.scans.uncertain(article_id)]


def test_pages_and_spans_are_kept(store: Store) -> None:
    article_id = _scanned(store)
    assert store.scans.pages(article_id) == [PAGE, b"two"]
    assert store.scans.first_page(article_id) == PAGE
    assert store.scans.with_pages() == {article_id}
    assert _marked(store, article_id) == ["二", "五六"]
    plain = store.articles.add(NewArticle("文", "没有图。"))
    assert store.scans.pages(plain) == [] and store.scans.uncertain(plain) == []


def test_a_correction_changes_the_text_and_moves_the_marks(store: Store) -> None:
    article_id = _scanned(store)
    store.analyses.save(article_id, "k", b"tokens")
    new = store.articles.correct(article_id, 1, 2, "两个")  # 二 → 两个
    assert new == store.articles.text(article_id) == "一两个三\n五六七"
    assert _marked(store, article_id) == ["五六"]  # the corrected one is no longer marked
    assert store.analyses.load(article_id, "k") is None  # the analysis follows the text
    assert store.articles.info(article_id).char_count == len(new)


def test_a_bad_correction_changes_nothing(store: Store) -> None:
    article_id = _scanned(store)
    with pytest.raises(ValueError):
        store.articles.correct(article_id, 5, 99, "x")
    with pytest.raises(ValueError):
        store.articles.correct(article_id, 0, 7, " ")
    assert store.articles.text(article_id) == "一二三\n五六七"
    assert _marked(store, article_id) == ["二", "五六"]


def test_split_and_merge_carry_the_marks_and_pages(store: Store) -> None:
    article_id = _scanned(store)
    tail = store.articles.split(article_id, 4, "后半")
    assert _marked(store, article_id) == ["二"]
    assert _marked(store, tail) == ["五六"]
    assert store.scans.pages(tail) == [PAGE, b"two"]
    store.articles.merge(article_id, tail)
    assert store.articles.text(article_id) == "一二三\n五六七"
    assert _marked(store, article_id) == ["二", "五六"]


def test_pages_go_with_the_article(store: Store) -> None:
    article_id = _scanned(store)
    store.articles.delete(article_id)
    store.articles.purge_deleted()
    assert store.scans.pages(article_id) == [] and store.scans.uncertain(article_id) == []
