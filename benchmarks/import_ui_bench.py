"""The UI thread during an import: the longest gap between event-loop ticks (goal < 50 ms).

Imports 1,000,000 characters through ``LibraryPane`` (worker thread, progress bar) while a
0 ms timer on the UI thread records when each tick runs; prints the longest and the 99th
percentile gap of each of three imports (the library grows), beside the same measurement
with no import running (the baseline).
Run: ``QT_QPA_PLATFORM=offscreen uv run python benchmarks/import_ui_bench.py``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.core import paths
from reader.core.store import Store
from reader.ui.library import LibraryPane

MILLION = 1_000_000
ROUNDS = 3


def gaps_while(app: QApplication, start: object, done_signal: object, idle_s: float) -> list[float]:
    """Tick gaps (s) on the UI thread from ``start()`` until ``done_signal`` (or ``idle_s``)."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    if done_signal is not None:
        done_signal.connect(loop.quit)  # type: ignore[attr-defined]
    else:
        QTimer.singleShot(int(idle_s * 1000), loop.quit)
    timer.start()
    if start is not None:
        start()  # type: ignore[operator]
    loop.exec()
    timer.stop()
    return [b - a for a, b in itertools.pairwise(ticks)]


def describe(label: str, gaps: list[float]) -> str:
    ordered = sorted(gaps)
    p99 = ordered[int(len(ordered) * 0.99)] if ordered else 0.0
    return (
        f"{label}: longest gap {max(gaps) * 1000:6.1f} ms, p99 {p99 * 1000:5.2f} ms, "
        f"median {statistics.median(gaps) * 1000:5.3f} ms over {len(gaps):,} ticks"
    )


def main() -> None:
    app = QApplication([])
    page = paths.seed_article().read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "million.txt"
        big.write_text(("\n\n".join([page] * (MILLION // len(page) + 1)))[:MILLION], "utf-8")
        with Store.open(Path(folder) / "reader.sqlite3", auto_backup=False) as store:
            pane = LibraryPane(store)
            pane.show()
            print(describe("idle UI (baseline)    ", gaps_while(app, None, None, idle_s=1.0)))
            longest = []
            for run in range(1, ROUNDS + 1):
                started = time.perf_counter()
                during = gaps_while(app, lambda: pane.import_files([str(big)]), pane.imported, 0)
                elapsed = time.perf_counter() - started
                pane.runner.wait()
                longest.append(max(during))
                print(describe(f"import {run} ({elapsed:4.1f} s)   ", during))
            verdict = "ok" if statistics.median(longest) < 0.050 else "OVER GOAL"
            print(
                f"median longest gap {statistics.median(longest) * 1000:.1f} ms over {ROUNDS} "
                f"imports of 1M chars ({pane.model.rowCount()} articles listed at the end); "
                f"goal < 50 ms: {verdict}"
            )


if __name__ == "__main__":
    main()
