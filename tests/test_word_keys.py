"""One word in both scripts: a status set on 銀行 is 银行's, in the store, the statistics,
the library's % known and the words collected (real analyser, real CC-CEDICT, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.tokens import Token
from reader.core.collect import first_occurrences, word_from_token
from reader.core.stats import article_stats
from reader.core.store import NewArticle, Store, WordStatus
from reader.core.words import word_key, word_keys

TRADITIONAL = "我去銀行。"
SIMPLIFIED = "我去银行。"


def _token(tokens: list[Token], text: str) -> Token:
    return next(t for t in tokens if t.text == text)


def test_both_scripts_share_one_key(analyzer: Analyzer) -> None:
    traditional = analyzer.analyse(TRADITIONAL)
    simplified = analyzer.analyse(SIMPLIFIED)
    dictionary = analyzer.dictionary
    assert word_key(_token(traditional, "銀行"), dictionary) == "银行"
    assert word_key(_token(simplified, "银行"), dictionary) == "银行"
    assert word_keys(traditional, dictionary) == {"我": "我", "去": "去", "銀行": "银行"}
    assert first_occurrences(traditional, ["银行"], word_keys(traditional, dictionary)) == {
        "银行": 2
    }


def test_a_word_collected_from_traditional_text_is_stored_simplified(
    analyzer: Analyzer,
) -> None:
    tokens = analyzer.analyse(TRADITIONAL)
    index = tokens.index(_token(tokens, "銀行"))
    word = word_from_token(tokens, index, analyzer.dictionary, None)
    assert (word.simplified, word.traditional) == ("银行", "銀行")
    assert word.sentence == TRADITIONAL


def test_known_in_traditional_is_known_in_simplified(data_dir: Path, analyzer: Analyzer) -> None:
    dictionary = analyzer.dictionary
    with Store.open() as store:
        ids = {}
        for title, text in (("trad", TRADITIONAL), ("simp", SIMPLIFIED)):
            ids[title] = store.articles.add(NewArticle(title, text))
            analyzer.load_or_analyse(store, ids[title])
        traditional = analyzer.load_or_analyse(store, ids["trad"])
        simplified = analyzer.load_or_analyse(store, ids["simp"])
        assert store.articles.info(ids["simp"]).percent_known == 0.0
        # the learner marks 銀行 known while reading the traditional article
        store.vocab.set_status(word_key(_token(traditional, "銀行"), dictionary), WordStatus.KNOWN)
        keys = word_keys(simplified, dictionary)
        statuses = store.vocab.statuses_for(keys.values())
        assert statuses["银行"] is WordStatus.KNOWN
        stats = article_stats(simplified, statuses, None, keys)
        assert (stats.known_words, stats.counted_words) == (1, 3)
        assert [w for w, _n in stats.unknown_by_frequency] == ["我", "去"]
        for article in ids.values():  # the library agrees, for both scripts
            assert store.articles.info(article).percent_known == pytest.approx(100 / 3)
        # and the traditional article's statistics count it known as well
        keys = word_keys(traditional, dictionary)
        stats = article_stats(traditional, store.vocab.statuses_for(keys.values()), None, keys)
        assert stats.known_words == 1
        assert [w for w, _n in stats.unknown_by_frequency] == ["我", "去"]


def test_the_same_word_in_both_scripts_counts_once(analyzer: Analyzer) -> None:
    tokens = analyzer.analyse(TRADITIONAL + SIMPLIFIED)
    keys = word_keys(tokens, analyzer.dictionary)
    stats = article_stats(tokens, {}, None, keys)
    assert stats.unique_words == 3
    assert stats.unknown_by_frequency == [("我", 2), ("去", 2), ("银行", 2)]
