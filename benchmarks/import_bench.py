"""Import speed: the seed page (goal < 0.2 s) and 1,000,000 characters (goal < 10 s).

Prints medians of several runs, and beside them the time to just decode the same bytes
(the floor no importer can beat) as a ratio. Run: ``uv run python benchmarks/import_bench.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core import paths
from reader.core.importing import import_file
from reader.core.importing.decode import decode_bytes

MILLION = 1_000_000


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, path: Path, goal: float, runs: int) -> None:
    data = path.read_bytes()
    full = median_seconds(lambda: import_file(path), runs)
    floor = median_seconds(lambda: decode_bytes(data), runs)
    articles = import_file(path)
    chars = sum(len(a.text) for a in articles)
    verdict = "ok" if full < goal else "OVER GOAL"
    print(
        f"{label}: {full * 1000:8.1f} ms median of {runs} "
        f"({len(articles)} articles, {chars:,} chars; goal < {goal:g} s: {verdict}); "
        f"decode alone {floor * 1000:.1f} ms (x{full / floor:.0f})"
    )


def main() -> None:
    seed = paths.seed_article()
    report("seed page       ", seed, 0.2, runs=15)
    page = seed.read_text(encoding="utf-8")
    copies = MILLION // len(page) + 1
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "million.txt"
        big.write_text(("\n\n".join([page] * copies))[: MILLION + 2000], encoding="gb18030")
        report("1,000,000 chars ", big, 10.0, runs=3)


if __name__ == "__main__":
    main()
