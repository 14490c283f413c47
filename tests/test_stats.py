"""What-you-know statistics: a hand-checked small case and the real seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.tokens import Token, TokenKind
from reader.core.stats import article_stats, coverage_counts
from reader.core.store import NewArticle, Store, WordStatus

W, P, N = TokenKind.WORD, TokenKind.PUNCT, TokenKind.NAME


def _tokens(*pieces: tuple[str, TokenKind]) -> list[Token]:
    tokens, start = [], 0
    for text, kind in pieces:
        tokens.append(Token(start, text, kind))
        start += len(text)
    return tokens


# 我们去银行。张三在银行工作，我们不去。
SMALL = _tokens(
    ("我们", W), ("去", W), ("银行", W), ("。", P), ("张三", N), ("在", W), ("银行", W),
    ("工作", W), ("，", P), ("我们", W), ("不", W), ("去", W), ("。", P),
)  # fmt: skip
STATUSES = {
    "我们": WordStatus.KNOWN,
    "去": WordStatus.KNOWN,
    "在": WordStatus.IGNORED,
    "工作": WordStatus.LEARNING_2,
}
HSK = {"我们": 1, "去": 1, "银行": 3, "工作": 1, "不": 1, "在": 1}


def test_small_case_checked_by_hand() -> None:
    stats = article_stats(SMALL, STATUSES, HSK.get)
    assert stats.total_words == 10  # punctuation does not count, the name does
    assert stats.unique_words == 7
    assert stats.counted_words == 8  # minus 张三 (name) and 在 (ignored)
    assert stats.known_words == 4  # 我们 ×2, 去 ×2
    assert stats.percent_known == 50.0
    assert stats.percent_learning == 12.5  # 工作
    assert stats.unknown_by_frequency == [("银行", 2), ("不", 1)]
    assert stats.hsk_spread == {1: 4, 3: 1}  # 我们 去 工作 不 / 银行


def test_empty_article() -> None:
    stats = article_stats(_tokens(("。", P)), {})
    assert (stats.total_words, stats.percent_known, stats.unknown_by_frequency) == (0, 0.0, [])


def test_library_percent_agrees_with_the_stats(data_dir: Path) -> None:
    with Store.open() as store:
        article = store.articles.add(NewArticle("t", "".join(t.text for t in SMALL)))
        store.analyses.save(article, "k", b"", word_counts=coverage_counts(SMALL))
        store.vocab.set_statuses(STATUSES)
        stats = article_stats(SMALL, store.vocab.statuses_for(t.text for t in SMALL))
        assert store.articles.info(article).percent_known == pytest.approx(stats.percent_known)


@pytest.mark.slow
def test_seed_article(analyzer: Analyzer) -> None:
    text = paths.seed_article().read_text(encoding="utf-8")
    tokens = analyzer.analyse(text)
    chinese = [t for t in tokens if t.is_chinese]
    none_known = article_stats(tokens, {})
    assert none_known.total_words == len(chinese) > 1000
    assert none_known.percent_known == 0.0
    assert sum(n for _, n in none_known.unknown_by_frequency) == none_known.counted_words
    top, count = none_known.unknown_by_frequency[0]
    assert count == max(n for _, n in none_known.unknown_by_frequency)
    assert count <= text.count(top)  # never more than the string occurs
    counts = [n for _, n in none_known.unknown_by_frequency]
    assert counts == sorted(counts, reverse=True)
    # knowing the most frequent word raises coverage by exactly its share
    one_known = article_stats(tokens, {top: WordStatus.KNOWN})
    assert one_known.known_words == count
    assert one_known.percent_known == pytest.approx(100 * count / none_known.counted_words)
    everything = dict.fromkeys((t.text for t in chinese), WordStatus.KNOWN)
    assert article_stats(tokens, everything).percent_known == 100.0
