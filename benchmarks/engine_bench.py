"""The analysis engine's figures, each beside its goal and, where there is one, its baseline.

Prints, in one run:
- a fresh process (warm cache) to the first annotated sentence, beside a fresh process of
  plain jieba + pypinyin doing the same (median of 5, wall and CPU);
- ``reader annotate`` of a short file end to end, with its peak resident memory, and the
  same for 300,000 characters (the memory goal);
- analysis throughput beside plain ``jieba.lcut`` + ``pypinyin.pinyin`` per word on the
  same 300,000 characters (one process, interleaved runs, medians of CPU time), and the
  same characters read by analyzers made afresh that have not seen them (every word's
  work done once; median of 3);
- a first run with an empty cache dir, with what a build ships precompiled
  (``python -m reader.core.precompile``) and with nothing shipped (a fresh clone compiles
  the dictionary index and every table: "empty cache compile", median of 3, and what it
  costs over the warm-cache run), and then the first English search, which compiles the
  dictionary's English search (left out of the first run).

The text is 300,000 characters of the web novel in ``../shared/corpus`` when it is there
(else the seed article repeated). Wall times on a shared machine drift: quote the CPU
figures and the ratios. Run: ``uv run python benchmarks/engine_bench.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOVEL = CORPUS / "txt_utf8_webnovel_beipan_banner_u3000.txt"
CHARS = 300_000
SENTENCE = "他们在银行门口见面了，行长说还要等一会儿。"

_FIRST_SENTENCE = f"""
from reader.core.analysis.pipeline import Analyzer
Analyzer.create().analyse({SENTENCE!r})
"""
# what the first run leaves for later: CC-CEDICT's English search, compiled when first asked
_FIRST_ENGLISH_SEARCH = """
from reader.core.cedict import Dictionary
Dictionary.open().search_english("hobby")
"""
_NAIVE_FIRST_SENTENCE = f"""
import logging, jieba, pypinyin
jieba.setLogLevel(logging.WARNING)
[pypinyin.pinyin(word) for word in jieba.lcut({SENTENCE!r})]
"""


def text() -> str:
    from reader.core import paths

    if NOVEL.is_file():
        source = NOVEL.read_text(encoding="utf-8")
    else:
        source = paths.seed_article().read_text(encoding="utf-8")
    # what an import keeps: printable text and line breaks (U+3000 indents become spaces)
    source = "".join(c if c.isprintable() or c == "\n" else " " for c in source)
    return (source * (CHARS // len(source) + 1))[:CHARS]


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one finished process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{command} failed: {error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median_run(
    command: list[str], runs: int = 5, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    return median_of([run(command, env) for _ in range(runs)])


def median_of(results: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    wall, cpu, rss = (statistics.median(r[i] for r in results) for i in range(3))
    return wall, cpu, rss


def _nothing_shipped(scratch: Path) -> dict[str, str]:
    """An environment with an empty cache dir and no precompiled files to unpack."""
    return dict(
        os.environ,
        READER_CACHE_DIR=str(scratch / "cache"),
        READER_PRECOMPILED_DIR=str(scratch / "none"),
    )


def show(label: str, figures: tuple[float, float, float], goal: str = "") -> None:
    wall, cpu, rss = figures
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB peak {goal}")


def throughput(sample: str) -> None:
    import jieba
    import pypinyin

    from reader.core import paths
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.cedict import Dictionary
    from reader.core.cedict import dictionary as cedict_dictionary

    def naive_run() -> float:
        cpu = time.process_time()
        for word in jieba.lcut(sample):
            pypinyin.pinyin(word)
        return time.process_time() - cpu

    def timed(analyzer: Analyzer) -> float:
        cpu = time.process_time()
        analyzer.analyse(sample)
        return time.process_time() - cpu

    dictionary = Dictionary.open()
    analyzer = Analyzer.create(dictionary=dictionary)
    from reader.core.analysis.route_table import route_arrays

    built = time.process_time()
    route_arrays(analyzer.segmenter._words)  # what an empty cache compiles for the route
    print(f"  of which the route table: {time.process_time() - built:.2f} s CPU")
    analyzer.analyse(sample[:20_000])  # warm-up: first pages of every table
    for word in jieba.lcut(sample[:20_000]):
        pypinyin.pinyin(word)
    # A new text pays for each new word once: an analyzer made afresh (warmed up on
    # another text, the seed page) reads the sample for the first time. Every memo of
    # the analysis (cuts, readings, entries, names) belongs to its analyzer's segmenter,
    # readings model and lookups, all made anew by Analyzer.create; the tables it opens
    # (pypinyin's, CC-CEDICT's words, jieba's frequencies) are compiled files, not memos.
    # The one process-wide memo of words, the dictionary's last 4,096 entries made, is
    # emptied before each, so none of them was made for an earlier reading of the sample.
    seed = paths.seed_article().read_text(encoding="utf-8")
    ours: list[float] = []
    new: list[float] = []
    naive: list[float] = []
    for _ in range(3):
        ours.append(timed(analyzer))
        naive.append(naive_run())
        cedict_dictionary._entry.cache_clear()
        first = Analyzer.create(dictionary=dictionary)
        first.analyse(seed)
        new.append(timed(first))
    fast, slow, fresh = (statistics.median(runs) for runs in (ours, naive, new))
    print(
        f"throughput on {len(sample):,} chars (CPU time, median of 3): ours "
        f"{len(sample) / fast:,.0f} chars/s, plain jieba.lcut + pypinyin.pinyin per word "
        f"{len(sample) / slow:,.0f} chars/s: {slow / fast:.2f} x (goal >= 1.5 x)"
    )
    print(
        f"  the same {len(sample):,} chars new to the analyzer (CPU time, median of 3 "
        f"analyzers made afresh): {len(sample) / fresh:,.0f} chars/s: {slow / fresh:.2f} x "
        "the plain stack (goal >= 1.5 x)"
    )


def main() -> int:
    python = sys.executable
    reader = str(Path(python).with_name("reader"))
    sample = text()
    run([python, "-c", _FIRST_SENTENCE])  # the cache is warm from here on
    warm = median_run([python, "-c", _FIRST_SENTENCE])
    show("fresh process to the first annotated sentence", warm, "(goal <= 1.0 s)")
    show(
        "  plain jieba + pypinyin, the same",
        median_run([python, "-c", _NAIVE_FIRST_SENTENCE]),
    )
    with tempfile.TemporaryDirectory() as scratch:
        short = Path(scratch) / "short.txt"
        short.write_text(sample[5_000:5_122], encoding="utf-8")
        long = Path(scratch) / "long.txt"
        long.write_text(sample, encoding="utf-8")
        data = dict(os.environ, READER_DATA_DIR=str(Path(scratch) / "data"))
        show(
            "reader annotate, 122 characters",
            median_run([reader, "annotate", str(short)], env=data),
            "(goals <= 1.5 s, <= 200 MB)",
        )
        show(
            f"reader annotate, {len(sample):,} characters",
            run([reader, "annotate", str(long)], env=data),
            "(goal <= 200 MB)",
        )
        from reader.core import paths

        empty = dict(os.environ, READER_CACHE_DIR=str(Path(scratch) / "cache"))
        if paths.precompiled_dir().is_dir():
            show(
                "first run, empty cache, the shipped precompiled files, to the first sentence",
                run([python, "-c", _FIRST_SENTENCE], env=empty),
                "(goal <= 3 s)",
            )
        else:
            print("first run, shipped files: none (run python -m reader.core.precompile)")
        compiled = [
            run([python, "-c", _FIRST_SENTENCE], env=_nothing_shipped(Path(scratch) / str(n)))
            for n in range(3)
        ]
        compiling = median_of(compiled)
        show(
            "empty cache compile: first run, nothing shipped (a fresh clone: the index and "
            "every table compiled), to the first sentence, median of 3",
            compiling,
            "(goal <= 3 s)",
        )
        print(
            f"  of which compiling: {compiling[1] - warm[1]:.2f} s CPU "
            "(less the warm-cache run above)"
        )
        show(
            "  then the first English search, in a fresh process (compiles the search), "
            "median of 3",
            median_of(
                [
                    run(
                        [python, "-c", _FIRST_ENGLISH_SEARCH],
                        env=_nothing_shipped(Path(scratch) / str(n)),
                    )
                    for n in range(3)
                ]
            ),
        )
    throughput(sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
