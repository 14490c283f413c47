"""Analysis figures: segmenter start-up, characters per second, dictionary coverage, reopening.

Prints, each beside its baseline:
- segmenter ready from a cold start (a fresh process; its cache already built), and the
  one-time build of the index and the compiled tables into an empty cache dir;
- segment + readings speed (median of runs after a warm-up) next to plain jieba's cut;
- 1,000,000 characters analysed, serialised and stored in a real database;
- reopening the stored article (no analysis at all);
- on the seed page: the share of Chinese tokens with a CC-CEDICT entry, plain jieba vs ours,
  and the share with an entry, a decomposition or a name label (must be 100 %).

Run: ``uv run python benchmarks/analysis_bench.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_COLD_START = """
import time
started, cpu = time.perf_counter(), time.process_time()
from reader.core.cedict import Dictionary
from reader.core.analysis.segment import Segmenter
d = Dictionary.open()
s = Segmenter.load(d.index.stem, d.headwords)
s.cut("银行行长")
print(time.perf_counter() - started, time.process_time() - cpu)
"""


def cold_start(cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds from a fresh interpreter to a segmenter that has cut a word."""
    env = dict(os.environ, READER_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", _COLD_START], env=env, capture_output=True, text=True, check=True
    )
    wall, cpu = out.stdout.split()[-2:]
    return float(wall), float(cpu)


def main() -> int:
    from reader.core import paths
    from reader.core.importing.reflow import rebuild

    with tempfile.TemporaryDirectory(dir=paths.cache_dir()) as scratch:
        fresh = Path(scratch)
        first = cold_start(fresh)
        colds = [cold_start(fresh) for _ in range(5)]
    print(f"first start, empty cache (builds the index and tables): {first[0]:.2f} s")
    print(
        "segmenter ready from a cold start (median of 5): "
        f"{statistics.median(c[0] for c in colds):.2f} s wall, "
        f"{statistics.median(c[1] for c in colds):.2f} s CPU (includes opening the dictionary)"
    )

    import jieba

    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.segment import HAN_RUN
    from reader.core.analysis.tokens import TokenKind, serialise_tokens
    from reader.core.store import NewArticle, Store

    started = time.perf_counter()
    analyzer = Analyzer.create()
    print(
        f"Analyzer.create (dictionary + readings model + segmenter): "
        f"{time.perf_counter() - started:.2f} s"
    )

    seed = rebuild(paths.seed_article().read_text(encoding="utf-8"))
    tokens = analyzer.analyse(seed)  # warm-up: posseg tables, lookups
    chinese = [t for t in tokens if t.is_chinese]
    ours = sum(t.kind is TokenKind.WORD for t in chinese) / len(chinese)
    explained = sum(bool(t.entry_ids or t.parts or t.kind is TokenKind.NAME) for t in chinese)
    plain_jieba = jieba.Tokenizer()
    plain_words = [w for w in plain_jieba.cut(seed) if HAN_RUN.fullmatch(w)]
    plain = sum(bool(analyzer.dictionary.entries(w)) for w in plain_words) / len(plain_words)
    print(
        f"seed page, Chinese tokens with a CC-CEDICT entry: plain jieba {plain:.1%} "
        f"({len(plain_words)} tokens), ours {ours:.1%} ({len(chinese)} tokens)"
    )
    print(
        f"seed page, Chinese tokens with an entry, parts or a name label: "
        f"{explained / len(chinese):.1%}"
    )

    from reader.core.importing import import_file

    started = time.perf_counter()
    for article in import_file(paths.seed_article()):
        analyzer.analyse(article.text)
    print(f"seed page imported + analysed (warm analyzer): {time.perf_counter() - started:.2f} s")

    text = seed * 30
    runs = []
    cpu_runs = []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        analyzer.analyse(text)
        runs.append(time.perf_counter() - started)
        cpu_runs.append(time.process_time() - cpu)
    jieba_runs = []
    for _ in range(3):
        started = time.perf_counter()
        list(plain_jieba.cut(text))
        jieba_runs.append(time.perf_counter() - started)
    speed = len(text) / statistics.median(runs)
    jieba_speed = len(text) / statistics.median(jieba_runs)
    print(
        f"segment + readings: {speed:,.0f} chars/s wall, "
        f"{len(text) / statistics.median(cpu_runs):,.0f} chars/s of CPU time "
        f"(plain jieba cut alone: {jieba_speed:,.0f} chars/s wall, ratio {speed / jieba_speed:.2f})"
    )

    million = (seed * (1_000_000 // len(seed) + 1))[:1_000_000]
    with (
        tempfile.TemporaryDirectory() as data,
        Store.open(Path(data) / "bench.sqlite3", auto_backup=False) as store,
    ):
        article = store.articles.add(NewArticle("million", million))
        started = time.perf_counter()
        analyzer.load_or_analyse(store, article)
        whole = time.perf_counter() - started
        started = time.perf_counter()
        again = analyzer.load_or_analyse(store, article)
        reopen = time.perf_counter() - started
        size = len(serialise_tokens(again))
    print(f"1,000,000 chars analysed + stored: {whole:.1f} s ({1_000_000 / whole:,.0f} chars/s)")
    print(
        f"reopening it (stored tokens, no analysis): {reopen * 1000:.0f} ms, "
        f"{size / 1e6:.1f} MB stored, {len(again):,} tokens"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
