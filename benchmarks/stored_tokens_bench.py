"""Stored tokens of a 1,000,000-character article: how long reading them holds Python's lock.

Reading a stored analysis runs on a worker thread, but a single long C call there (one
``json.loads`` of the whole article) holds the GIL throughout and freezes the window. A second
thread asks to wake every 1 ms while the tokens are read back; the longest gap between its
wake-ups is the longest the UI thread could have been kept waiting. Also prints the CPU time
(of the working thread) and longest stall to serialise, the CPU time to deserialise, the
longest stall freeing the tokens read back (dropping an article's last reference frees them
all in one C call), and the stored size.

The baseline is ``reader/core/analysis/tokens.py`` at a git revision (``--baseline REV``,
default the last one with the JSON format), loaded from git and run on the same tokens.
The article: the web novel of the corpus repeated to a million characters, analysed with the
real analyser (half a minute).

Run: ``uv run python benchmarks/stored_tokens_bench.py [--baseline REV]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

_ROOT = Path(__file__).resolve().parent.parent
_NOVEL = _ROOT / "../shared/corpus/txt_utf8_webnovel_beipan_banner_u3000.txt"
_JSON_FORMAT_REVISION = "9126b16"  # before format 3


def tokens_module_at(revision: str) -> ModuleType:
    """``reader.core.analysis.tokens`` as it was at ``revision``, under another name."""
    source = subprocess.run(
        ["git", "show", f"{revision}:reader/core/analysis/tokens.py"],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "baseline_tokens.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_tokens", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_tokens"] = module
    spec.loader.exec_module(module)
    return module


def longest_stall_ms(run: Callable[[], object]) -> float:
    """The longest gap between wake-ups of a thread sleeping 1 ms at a time, during ``run``."""
    stop = threading.Event()
    longest = 0.0

    def sample() -> None:
        nonlocal longest
        while not stop.is_set():
            before = time.perf_counter()
            time.sleep(0.001)
            longest = max(longest, time.perf_counter() - before)

    sampler = threading.Thread(target=sample)
    sampler.start()
    time.sleep(0.05)
    longest = 0.0
    run()
    stop.set()
    sampler.join()
    return longest * 1000


def cpu_ms(run: Callable[[], object]) -> float:
    """CPU time of this thread running ``run``, in ms."""
    before = time.thread_time()
    run()
    return (time.thread_time() - before) * 1000


def figures(module: ModuleType, tokens: Sequence[object], text: str) -> list[float]:
    """Medians of 3: CPU and longest stall of serialising, of deserialising, the longest
    stall of freeing what was read back; and the stored size in MB."""
    data = module.serialise_tokens(tokens)
    assert module.deserialise_tokens(data, text) == tokens
    read_back: list[object] = []  # freed apart: its own stall, not the next reading's

    def deserialise() -> None:
        read_back.append(module.deserialise_tokens(data, text))

    runs = []
    for _ in range(3):
        runs.append(
            (
                cpu_ms(lambda: module.serialise_tokens(tokens)),
                longest_stall_ms(lambda: module.serialise_tokens(tokens)),
                cpu_ms(deserialise),
                longest_stall_ms(deserialise),
                longest_stall_ms(read_back.clear),
            )
        )
    return [statistics.median(run[i] for run in runs) for i in range(5)] + [len(data) / 1e6]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default=_JSON_FORMAT_REVISION)
    args = parser.parse_args()
    if not _NOVEL.exists():
        print(f"needs {_NOVEL}")
        return 1
    from reader.core.analysis import tokens as current
    from reader.core.analysis.pipeline import Analyzer

    novel = _NOVEL.read_text(encoding="utf-8")
    text = (novel * (1_000_000 // len(novel) + 1))[:1_000_000]
    tokens = Analyzer.create().analyse(text)
    baseline = tokens_module_at(args.baseline)
    idle = longest_stall_ms(lambda: time.sleep(0.5))
    print(f"{len(text):,} characters, {len(tokens):,} tokens; idle stall {idle:.1f} ms")
    print(f"{'':18}{'serialise: CPU, longest stall':>32}{'deserialise: CPU, stall':>26}", end="")
    print(f"{'freeing: stall':>16}{'stored':>10}")
    for name, module in ((f"baseline {args.baseline}", baseline), ("this tree", current)):
        serialise, serialise_stall, deserialise, stall, freeing, size = figures(
            module, tokens, text
        )
        print(
            f"{name:18}{serialise:19.0f} ms{serialise_stall:8.1f} ms{deserialise:15.0f} ms"
            f"{stall:8.1f} ms{freeing:13.1f} ms{size:7.2f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
