"""CC-CEDICT figures: compile, open → first lookup, ``matches_at`` latency, memory.

Prints, each beside a baseline measured in the same run:
- full compile of the bundled release into an empty cache dir (goal < 5 s), beside the bare
  parse of the file (the floor of any compile);
- open → first lookup in a fresh process with the index already compiled (goal < 50 ms),
  beside a fresh process that only imports sqlite3 and reads one row of the same file;
- ``matches_at`` over 10,000 random positions of the seed page (goal p99 < 1 ms), first pass
  (empty entry cache) and second pass, beside one bare SQLite primary-key lookup; the CPU
  time of each call is printed too, since on a loaded machine wall-clock p99 is mostly the
  scheduler;
- resident memory of a process that opened the dictionary and ran those lookups
  (goal < 50 MB over the interpreter), beside the bare interpreter.

Run: ``uv run python benchmarks/cedict_bench.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.core import paths
from reader.core.cedict import Dictionary, parse_source
from reader.core.cedict.dictionary import compile_source

_OPEN = """
import time
started = time.perf_counter()
from reader.core.cedict import Dictionary
imported = time.perf_counter()
d = Dictionary.open()
d.entries("行")
print(time.perf_counter() - started, time.perf_counter() - imported)
"""
_BARE_OPEN = """
import sqlite3
import time
started = time.perf_counter()
c = sqlite3.connect({index!r})
c.execute("SELECT * FROM entries WHERE id = 95694").fetchall()
print(time.perf_counter() - started)
"""
_MEMORY = """
import random
from pathlib import Path
def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss_mb()
from reader.core import paths
from reader.core.cedict import Dictionary
d = Dictionary.open()
text = paths.seed_article().read_text(encoding="utf-8")
for i in range(len(text)):
    d.matches_at(text, i)
d.search_english("hobby"); d.search_pinyin("aihao")
print(before, rss_mb())
"""


def run_python(code: str, cache: Path) -> str:
    env = dict(os.environ, READER_CACHE_DIR=str(cache))
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_compile(cache: Path) -> None:
    os.environ["READER_CACHE_DIR"] = str(cache)
    walls, cpus, parses = [], [], []
    for _ in range(3):
        for index in cache.glob("*.sqlite"):
            index.unlink()
        started, cpu_started = time.perf_counter(), time.process_time()
        compile_source(paths.bundled_cedict())
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
        started = time.perf_counter()
        parse_source(paths.bundled_cedict())
        parses.append(time.perf_counter() - started)
    print(
        f"full compile        {statistics.median(walls):6.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU  (goal < 5 s)   "
        f"bare parse {statistics.median(parses):.2f} s"
    )


def bench_open(cache: Path) -> Dictionary:
    dictionary = Dictionary.open()
    runs = [tuple(map(float, run_python(_OPEN, cache).split())) for _ in range(7)]
    total = statistics.median(run[0] for run in runs) * 1000
    after_import = statistics.median(run[1] for run in runs) * 1000
    bare = [
        float(run_python(_BARE_OPEN.format(index=str(dictionary.index)), cache)) * 1000
        for _ in range(7)
    ]
    print(
        f"open → 1st lookup   {after_import:6.1f} ms (goal < 50 ms; fresh process, modules "
        f"already imported)  bare sqlite3 open + 1 row {statistics.median(bare):.1f} ms"
    )
    print(f"  the same including `import reader.core.cedict`: {total:.1f} ms")
    return dictionary


def bench_matches(dictionary: Dictionary) -> None:
    text = paths.seed_article().read_text(encoding="utf-8")
    rng = random.Random(2025)
    positions = [rng.randrange(len(text)) for _ in range(10_000)]
    connection = dictionary._connection()
    for label in ("first pass", "second pass"):
        times, cpu = [], []
        for i in positions:
            started, cpu_started = time.perf_counter_ns(), time.thread_time_ns()
            dictionary.matches_at(text, i)
            times.append((time.perf_counter_ns() - started) / 1e6)
            cpu.append((time.thread_time_ns() - cpu_started) / 1e6)
        print(
            f"matches_at {label:<11} median {statistics.median(times):.3f} ms  "
            f"p99 {percentile(times, 0.99):.3f} ms  max {max(times):.2f} ms  (goal p99 < 1 ms); "
            f"CPU time p99 {percentile(cpu, 0.99):.3f} ms"
        )
    bare = []
    for i in positions[:2_000]:
        started = time.perf_counter_ns()
        connection.execute("SELECT * FROM entries WHERE id = ?", (i,)).fetchall()
        bare.append((time.perf_counter_ns() - started) / 1e6)
    print(f"  baseline: one bare SQLite row by id, median {statistics.median(bare):.3f} ms")


def bench_memory(cache: Path) -> None:
    baseline, loaded = map(float, run_python(_MEMORY, cache).split())
    print(
        f"RSS                 {loaded:6.1f} MB with the dictionary loaded and used; "
        f"interpreter alone {baseline:.1f} MB → dictionary {loaded - baseline:.1f} MB "
        "(goal < 50 MB)"
    )


def main() -> None:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs (latencies are wall-clock)")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        bench_compile(cache)
        dictionary = bench_open(cache)
        bench_matches(dictionary)
        bench_memory(cache)


if __name__ == "__main__":
    main()
