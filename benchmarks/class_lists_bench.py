"""Class-list figures: the off-list report of a 100,000-character article against 5,000
list words, and undoing a word action on a real database.

Prints medians, each beside a baseline run in the same process:
- the report (`off_list_report`: counts by key, coverage, the off-list words sorted)
  next to the least any such report does, a bare ``Counter`` of the token texts; the
  word keys (`word_keys`, one dictionary look-up per distinct word) are timed apart, as
  the app has them from its analysis already. The article is the first 100,000
  characters of 西游记 from ``../shared/corpus`` (the seed article repeated without it),
  analysed once; the list
  is 5,000 words of HSK 3.0 levels 1-6. Goal: < 200 ms.
- undo of a status change (`WordHistory.undo`, one SQLite transaction that puts the old
  status back) next to the ``set_status`` it inverts. Goal: < 30 ms.

Run: ``uv run python benchmarks/class_lists_bench.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

RUNS = 15
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOVEL = CORPUS / "txt_utf8bom_xiyouji_4space_indent.txt"  # 西游记, 2 MB
CHARS = 100_000
LIST_WORDS = 5_000


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Wall-clock median; on a shared machine compare with `median_cpu_ms`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def median_cpu_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """The process's CPU time, median: what the work costs when it has a core to itself."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def article_text() -> str:
    from reader.core.importing import import_file
    from reader.core.paths import seed_article

    source = NOVEL if NOVEL.is_file() else seed_article()
    text = "\n\n".join(a.text for a in import_file(source))
    while len(text) < CHARS:
        text += "\n\n" + text
    return text[:CHARS]


def report_figures() -> None:
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.class_lists import hsk_list, off_list_report
    from reader.core.words import word_keys

    text = article_text()
    analyzer = Analyzer.create()
    tokens = analyzer.analyse(text)
    taught = set(sorted(hsk_list("hsk6") or set())[:LIST_WORDS])
    keys = word_keys(tokens, analyzer.dictionary)
    report = off_list_report(tokens, taught, keys)
    bare = median_ms(lambda: Counter(t.text for t in tokens))
    timed = median_ms(lambda: off_list_report(tokens, taught, keys))
    cpu = median_cpu_ms(lambda: off_list_report(tokens, taught, keys))
    keyed = median_ms(lambda: word_keys(tokens, analyzer.dictionary))
    print(
        f"off-list report, {len(text):,} characters ({len(tokens):,} tokens) against"
        f" {len(taught):,} words: {timed:.1f} ms median, {cpu:.1f} ms CPU (goal < 200 ms);"
        " bare Counter"
        f" {bare:.1f} ms ({timed / bare:.1f}x); word keys {keyed:.1f} ms"
    )
    print(
        f"  coverage {report.coverage:.1%} of {report.running_words:,} running words,"
        f" {len(report.words):,} off-list words"
    )


def undo_figures() -> None:
    from reader.core.history import SetStatuses, WordHistory
    from reader.core.store import Store, WordStatus

    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "bench.sqlite3", auto_backup=False) as store,
    ):
        store.vocab.set_statuses({f"词{i}": WordStatus.LEARNING_1 for i in range(50_000)})
        history = WordHistory(store)

        def change_and_undo() -> float:
            history.do(SetStatuses.of(store, {"词123": WordStatus.KNOWN}))
            started = time.perf_counter()
            history.undo()
            return (time.perf_counter() - started) * 1000

        undo = statistics.median(change_and_undo() for _ in range(RUNS * 4))
        statuses = iter([WordStatus.KNOWN, WordStatus.LEARNING_1] * RUNS)
        plain = median_ms(lambda: store.vocab.set_status("词123", next(statuses)))
        print(
            f"undo of a status change (50,000 statuses stored): {undo:.2f} ms median"
            f" (goal < 30 ms); a bare set_status changing it {plain:.2f} ms"
        )


def main() -> int:
    report_figures()
    undo_figures()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
