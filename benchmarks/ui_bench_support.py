"""Helpers for ui_bench: long articles made of the real analysed seed page, the longest
stall of the event loop while something runs, and RSS."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from functools import lru_cache

from reader.core.analysis.tokens import Token


@lru_cache(maxsize=1)
def seed_tokens() -> tuple[str, tuple[Token, ...]]:
    """The seed page's text (as imported) and its real analysis."""
    from reader.core import paths
    from reader.core.importing import import_file
    from reader.core.progress import Progress
    from reader.ui.main_window import load_language_tools

    text = "\n".join(a.text for a in import_file(paths.seed_article()))
    analyzer = load_language_tools([], Progress()).analyzer
    return text, tuple(analyzer.analyse(text))


def long_article(length: int) -> tuple[str, list[Token]]:
    """At least ``length`` characters: the seed page repeated, tokens shifted to match."""
    text, tokens = seed_tokens()
    pieces: list[str] = []
    result: list[Token] = []
    offset = 0
    while offset < length:
        for token in tokens:
            result.append(
                Token(
                    offset + token.start,
                    token.text,
                    token.kind,
                    token.readings,
                    token.entry_ids,
                    token.parts,
                )
            )
        pieces.append(text + "\n")
        result.append(Token(offset + len(text), "\n", result[-1].kind.SPACE))
        offset += len(text) + 1
    return "".join(pieces), result


def stored_article(length: int) -> tuple[str, list[Token]]:
    """``long_article``'s tokens as a launch reads them back from the store (each token's
    readings and entries tuples its own, as in the app): what leaving the article frees."""
    from reader.core.analysis.tokens import deserialise_tokens, serialise_tokens

    text, tokens = long_article(length)
    return text, deserialise_tokens(serialise_tokens(tokens), text)


def longest_stall(
    app: object,
    action: Callable[[], None],
    done: Callable[[], bool],
    timeout: float = 120,
    linger: float = 0.0,
    on_tick: Callable[[], None] = lambda: None,
) -> tuple[float, float, float]:
    """Run ``action`` from the event loop and turn the loop until ``done()`` and ``linger``
    seconds after (a late paint or free shows there): the longest gap between two turns (a
    5 ms timer's ticks, from the call to the end) in seconds, the UI thread's CPU time in
    that gap, and the time until ``done``. ``on_tick`` is called at each tick, the call and
    the end (a tracer's snapshots)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    ticks: list[tuple[float, float]] = []  # wall clock, the UI thread's CPU
    timer = QTimer()

    def tick() -> tuple[float, float]:
        on_tick()
        return time.perf_counter(), time.thread_time()

    timer.timeout.connect(lambda: ticks.append(tick()))
    timer.start(5)
    started = tick()
    QTimer.singleShot(0, action)
    app.processEvents()
    deadline = started[0] + timeout
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - started[0]
    while time.perf_counter() < started[0] + took + linger:
        app.processEvents()
        time.sleep(0.001)
    finished = tick()
    timer.stop()
    gaps = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise([started, *ticks, finished])]
    stall, cpu = max(gaps)
    return stall, cpu, took


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
