"""Store figures, each beside a baseline run in the same database.

Prints (targets from the vocabulary issue in brackets):
- adding a word to a list, one transaction each, median [< 10 ms]; baseline: a bare
  INSERT + COMMIT of the same row with the same durability settings;
- opening a list of 10,000 words (rows, statuses and fields decoded), median [< 200 ms];
  baseline: the bare SELECT;
- the statuses of every word of a ~100,000-character article (the seed page analysed and
  repeated) against a table of 50,000 statuses, median [< 100 ms]; also 10,000 distinct
  words; baseline: reading the whole status table into a dict;
- % known for the seed article (statuses query + statistics with the HSK spread from the
  HSK table in memory), median [< 20 ms];
- the library's listing of 300 analysed articles with their % known, and a status change
  of a word that occurs in all of them (the triggers update each article's counts).

Run: ``uv run python benchmarks/store_bench.py`` (builds the analysis; a minute at most).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


class Timing:
    """Median and fastest of some runs, in ms (the fastest shows what a loaded machine hides)."""

    def __init__(self, run: Callable[[], object], repeat: int) -> None:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        self.median = statistics.median(times)
        self.best = min(times)

    def __format__(self, spec: str) -> str:
        return f"{self.median:7.2f} ms (best {self.best:.2f})"


def main() -> int:
    from reader.core import paths
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.cedict import Dictionary
    from reader.core.cedict.wordinfo import load_hsk_levels
    from reader.core.stats import article_stats, coverage_counts
    from reader.core.store import NewArticle, NewWord, Store, WordStatus

    dictionary = Dictionary.open()
    analyzer = Analyzer.create(dictionary=dictionary)
    seed_text = paths.seed_article().read_text(encoding="utf-8")
    seed_tokens = analyzer.analyse(seed_text)
    headwords = list(dict.fromkeys(s for s, _t in dictionary.headwords()))

    with tempfile.TemporaryDirectory(dir=paths.cache_dir()) as scratch:
        store = Store.open(Path(scratch) / "bench.sqlite3")
        list_id = store.vocab.create_list("adds")
        words = iter(headwords)

        def add() -> None:
            store.vocab.add_word(
                NewWord(next(words), sentence="外国游客走进并推介大足石刻。"), list_id
            )

        add_ms = Timing(add, 300)
        conn = store.db.conn

        def bare_add() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO list_words (list_id, simplified, sentence, added_at, position)"
                " VALUES (?, ?, '外国游客走进并推介大足石刻。', '2026-01-01', 0)",
                (list_id, next(words)),
            )
            conn.execute("COMMIT")

        bare_add_ms = Timing(bare_add, 300)
        print(f"add a word:                 {add_ms}  (bare INSERT+COMMIT {bare_add_ms})")

        big = store.vocab.create_list("big")
        store.vocab.add_words(
            [
                NewWord(
                    w, pinyin="yin2 hang2", senses=("bank",), entry_ids=(1, 2), sentence="句子。"
                )
                for w in headwords[:10_000]
            ],
            big,
        )
        store.vocab.set_statuses({w: WordStatus(i % 7) for i, w in enumerate(headwords[:50_000])})
        open_ms = Timing(lambda: store.vocab.words(big), 7)
        bare_ms = Timing(
            lambda: conn.execute("SELECT * FROM list_words WHERE list_id = ?", (big,)).fetchall(),
            7,
        )
        print(f"open a 10,000-word list:    {open_ms}  (bare SELECT {bare_ms})")

        repeat = -(-100_000 // len(seed_text))
        article_words = [t.text for t in seed_tokens if t.is_chinese] * repeat
        distinct = headwords[20_000:30_000]
        marks_ms = Timing(lambda: store.vocab.statuses_for(article_words), 15)
        distinct_ms = Timing(lambda: store.vocab.statuses_for(distinct), 15)
        table_ms = Timing(
            lambda: dict(conn.execute("SELECT word, status FROM word_status").fetchall()), 15
        )
        print(
            f"statuses, {len(seed_text) * repeat:,}-char article: {marks_ms}"
            f"  ({len(set(article_words)):,} distinct words; 10,000 distinct: {distinct_ms};"
            f" whole table into a dict {table_ms})"
        )

        hsk = {word: new or old for word, (old, new) in load_hsk_levels().items()}

        def percent_known() -> float:
            statuses = store.vocab.statuses_for(t.text for t in seed_tokens if t.is_chinese)
            return article_stats(seed_tokens, statuses, hsk.get).percent_known

        known_ms = Timing(percent_known, 30)
        print(
            f"% known, seed article:      {known_ms}  ({len(seed_text):,} chars,"
            f" {percent_known():.1f} % known with random statuses)"
        )
        counts = coverage_counts(seed_tokens)
        articles = store.articles.add_many([NewArticle(f"a{i}", "文") for i in range(300)])
        with store.db.transaction():
            for article_id in articles:
                store.analyses.save(article_id, "k", b"", word_counts=counts)
        library_ms = Timing(store.articles.all, 15)
        common = counts.most_common(1)[0][0]
        flip = iter([WordStatus.KNOWN, WordStatus.NEW] * 20)
        status_ms = Timing(lambda: store.vocab.set_status(common, next(flip)), 30)
        print(
            f"library of 300 analysed articles with % known: {library_ms};"
            f" a status change that updates all 300: {status_ms}"
        )
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
