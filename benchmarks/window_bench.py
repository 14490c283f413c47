"""The 1,000,000-character article in the app's main window, on a real display and offscreen,
printed side by side (run: ``uv run python benchmarks/window_bench.py``).

ui_bench.py measures the article view alone on the offscreen platform, where nothing is
drawn to a screen. Here the whole window (menus, docks, the loader, the session, the
queries thread) shows the article the way a learner gets it: stored in the library with its
analysis, opened through ``MainWindow.show_article``; on X11 (``QT_QPA_PLATFORM=xcb``, a
real X server: ``$DISPLAY``, else an ``Xvfb`` started here on ``:47`` or
``$WINDOW_BENCH_DISPLAY``) and offscreen, each in a child process of its own. For each
action: the longest stall of the event loop (a 5 ms timer's late ticks) from the action
until the window has settled (and ``LINGER_S`` after, where a late paint or free would
show), the UI thread's CPU in that stall, median and worst of ``ROUNDS`` runs.

Actions: opening the article (from the seed page), resizing the window with it open,
changing the font size (Ctrl+= / Ctrl+-), switching the script (traditional and back),
leaving it for the seed page. Names on the command line run only those platforms
(``xcb``, ``offscreen``).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROUNDS = int(os.environ.get("WINDOW_BENCH_ROUNDS", "5"))
LINGER_S = 0.3  # the loop is watched this long after the window has settled
LENGTH = 1_000_000
TRACED_S = 0.06  # stalls this long are traced (``WINDOW_BENCH_TRACE=1``)
ACTIONS = {
    "open": "opening the 1,000,000-character article",
    "resize": "resizing the window with it open",
    "font": "changing the font size with it open",
    "script": "switching the script with it open",
    "leave": "leaving it for another article",
}
PLATFORMS = ("xcb", "offscreen")
Figures = dict[str, list[tuple[float, float]]]  # action → (stall, UI CPU in it) per run


def settle(app: Any, done: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the window did not settle")
        app.processEvents()
        time.sleep(0.002)


def add_articles(window: Any, tools: Any) -> tuple[int, int]:
    """The seed page and the long article (the seed repeated: real tokens) in the window's
    store, each with its analysis stored as the window stores one: opened, they show their
    stored pinyin, as a learner's library does."""
    from ui_bench_support import long_article, seed_tokens

    from reader.core.analysis.stored import NewAnalysis, analysis_key
    from reader.core.analysis.tokens import serialise_tokens
    from reader.core.stats import coverage_counts
    from reader.core.store.articles import NewArticle
    from reader.core.words import word_keys

    store = window.store
    ids = []
    for title, (text, tokens) in (
        ("种子", (seed_tokens()[0], list(seed_tokens()[1]))),
        ("一百万字", long_article(LENGTH)),
    ):
        article_id = store.articles.add(NewArticle(title, text))
        key = analysis_key(text, store.corrections.version(), tools.analyzer.dictionary_key)
        counts = coverage_counts(tokens, word_keys(tokens, tools.dictionary))
        NewAnalysis(article_id, key, serialise_tokens(tokens), counts).save(store)
        ids.append(article_id)
    return ids[0], ids[1]


class Tracer:
    """Where a stall's time went (``WINDOW_BENCH_TRACE=1``): at each tick, each thread's
    time on a CPU and waiting for one (/proc's schedstat) and the X server's; between, the
    Python stacks of every thread sampled every 2 ms by a thread of its own."""

    def __init__(self) -> None:
        import threading

        self._snapshots: list[tuple[float, dict[str, tuple[int, int]]]] = []
        self._stacks: list[tuple[float, dict[str, str]]] = []
        self._names = {t.ident: t.name for t in threading.enumerate()}
        self._main = threading.main_thread().ident
        server = os.environ.get("WINDOW_BENCH_XPID")
        self._server = f"/proc/{server}/schedstat" if server else None
        threading.Thread(target=self._sample, daemon=True, name="tracer").start()

    def __call__(self) -> None:
        times: dict[str, tuple[int, int]] = {}
        for task in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{task}/schedstat", encoding="ascii") as stat:
                    run, wait, _slices = stat.read().split()
                with open(f"/proc/self/task/{task}/comm", encoding="ascii") as comm:
                    name = comm.read().strip()
            except FileNotFoundError:  # the thread ended meanwhile
                continue
            name = "main" if int(task) == os.getpid() else f"{name}:{task}"
            times[name] = (int(run), int(wait))
        if self._server:
            with open(self._server, encoding="ascii") as stat:
                run, wait, _slices = stat.read().split()
            times["X server"] = (int(run), int(wait))
        self._snapshots.append((time.perf_counter(), times))

    def _sample(self) -> None:
        import threading
        import traceback

        while True:
            now = time.perf_counter()
            stacks = {}
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                names = {t.ident: t.name for t in threading.enumerate()}
                name = "main" if ident == self._main else names.get(ident, str(ident))
                summary = traceback.extract_stack(frame)[-4:]
                stacks[name] = " < ".join(
                    f"{Path(f.filename).stem}.{f.name}:{f.lineno}" for f in reversed(summary)
                )
            self._stacks.append((now, stacks))
            time.sleep(0.002)

    def report(self, what: str) -> str:
        """The longest gap since the last report: each thread's CPU and run-queue wait in
        it (ms), and the stacks sampled in it, most frequent first."""
        from collections import Counter

        snapshots, self._snapshots = self._snapshots, []
        stacks, self._stacks = self._stacks, []
        (start, before), (end, after) = max(
            itertools.pairwise(snapshots), key=lambda p: p[1][0] - p[0][0]
        )
        lines = [f"{what}: {1000 * (end - start):.0f} ms stall"]
        for name, (run, wait) in after.items():
            run0, wait0 = before.get(name, (0, 0))
            if (run - run0) + (wait - wait0) > 2e6:
                lines.append(
                    f"    {name}: on CPU {(run - run0) / 1e6:.0f} ms,"
                    f" waiting for a CPU {(wait - wait0) / 1e6:.0f} ms"
                )
        seen: Counter[str] = Counter()
        for when, sample in stacks:
            if start <= when <= end:
                seen.update(f"{name}: {stack}" for name, stack in sample.items())
        lines.extend(f"    {count:3d} x {stack}" for stack, count in seen.most_common(8))
        inside = [(when, sample) for when, sample in stacks if start <= when <= end]
        if len(inside) > 1:  # the sampler waited for Python's lock: who held it, where
            (t0, s0), (t1, s1) = max(itertools.pairwise(inside), key=lambda p: p[1][0] - p[0][0])
            lines.append(f"    the sampler's longest wait {1000 * (t1 - t0):.0f} ms; after it:")
            moved = {name: stack for name, stack in s1.items() if s0.get(name) != stack}
            lines.extend(f"      {name}: {stack}" for name, stack in moved.items())
        return "\n".join(lines)


def child(platform: str, shots: str) -> None:
    """One platform's runs, as JSON on the last line; screenshots of the real window (the
    long article's middle, then the same after leaving and coming back) into ``shots``."""
    os.environ["QT_QPA_PLATFORM"] = platform
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from PySide6.QtWidgets import QApplication
    from ui_bench_support import longest_stall

    from reader.core.progress import Progress
    from reader.core.settings import Script
    from reader.ui.app import favour_the_ui_thread, spare_the_collector
    from reader.ui.article_view import releasing
    from reader.ui.main_window import MainWindow, load_language_tools

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tools = load_language_tools([], Progress())
    data_dir = Path(tempfile.mkdtemp(prefix="reader-window-bench-"))
    window = MainWindow(data_dir, tools)
    spare_the_collector(window)  # as `reader.ui.app.run_gui` does
    favour_the_ui_thread()
    seed, long = add_articles(window, tools)
    window.resize(1300, 850)
    window.show()
    view, session = window.view, window.loader._session

    def shown(article_id: int) -> Callable[[], bool]:
        def done() -> bool:
            layout = view.layout_
            return (
                session.is_analysed
                and session.article_id == article_id
                and not view.settling
                and layout is not None
                and len(layout.text) >= view.body_length
            )

        return done

    def resized(width: int) -> Callable[[], bool]:
        return lambda: view.width() != width and not view.settling

    tracer = Tracer() if os.environ.get("WINDOW_BENCH_TRACE") else None

    def measure(
        name: str, action: Callable[[], None], done: Callable[[], bool]
    ) -> tuple[float, float]:
        tick = tracer or (lambda: None)
        stall, cpu, _took = longest_stall(app, action, done, linger=LINGER_S, on_tick=tick)
        if tracer is not None and stall > TRACED_S:
            print(tracer.report(f"{platform} {name}"), file=sys.stderr)
        elif tracer is not None:
            tracer.report("")
        return stall, cpu

    window.show_article(seed)
    settle(app, shown(seed))
    figures: Figures = {name: [] for name in ACTIONS}
    middle = LENGTH // 2
    for round_ in range(ROUNDS):
        figures["open"].append(measure("open", lambda: window.show_article(long), shown(long)))
        view.scroll_to_char(middle)
        settle(app, lambda: not view.settling)
        if round_ == 0 and shots:
            shot(app, Path(shots) / f"{platform}-open.png")
        for size in (1300 - 60 * (round_ % 2 + 1), 1300):
            resize = lambda size=size: window.resize(size, 850)  # noqa: E731
            figures["resize"].append(measure("resize", resize, resized(view.width())))
        figures["font"].append(measure("font", view.zoom_in, lambda: not view.settling))
        figures["font"].append(measure("font", view.zoom_out, lambda: not view.settling))
        for script in (Script.TRADITIONAL, Script.SIMPLIFIED):
            switch = lambda s=script: window.display.set("script", s.value)  # noqa: E731
            figures["script"].append(measure("script", switch, lambda: not view.settling))
        figures["leave"].append(measure("leave", lambda: window.show_article(seed), shown(seed)))
        assert not releasing.pending()
    if shots:
        window.show_article(long)
        settle(app, shown(long))
        view.scroll_to_char(middle)
        settle(app, lambda: not view.settling)
        shot(app, Path(shots) / f"{platform}-back.png")
    window.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(figures))


def shot(app: Any, path: Path) -> None:
    """The window as painted (a real display: what the X server shows)."""
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    if os.environ["QT_QPA_PLATFORM"] == "xcb":
        subprocess.run(["import", "-window", "root", str(path)], check=False)


def display() -> tuple[dict[str, str], subprocess.Popen[bytes] | None]:
    """An environment with an X display: the one given, else an Xvfb started here."""
    env = dict(os.environ)
    if env.get("DISPLAY"):
        return env, None
    number = os.environ.get("WINDOW_BENCH_DISPLAY", "47")
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1400x900x24"])
    time.sleep(1.5)
    env["DISPLAY"] = f":{number}"
    return env, server


def run(platform: str, env: dict[str, str], shots: str) -> Figures:
    result = subprocess.run(
        [sys.executable, __file__, "child", platform, shots],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    if os.environ.get("WINDOW_BENCH_TRACE"):
        print(result.stderr)
    values: dict[str, list[list[float]]] = json.loads(result.stdout.splitlines()[-1])
    return {name: [(a, b) for a, b in runs] for name, runs in values.items()}


def main() -> None:
    if sys.argv[1:2] == ["child"]:
        child(sys.argv[2], sys.argv[3])
        return
    platforms = sys.argv[1:] or list(PLATFORMS)
    env, server = display()
    shots = os.environ.get("WINDOW_BENCH_SHOTS", "")
    try:
        results = {platform: run(platform, env, shots) for platform in platforms}
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    print(
        f"The main window, a {LENGTH:,}-character article (stored analysis), {ROUNDS} rounds:"
        " longest event-loop stall median / worst ms (the UI thread's CPU in it, median);"
        " goal <= 100 ms"
    )
    print(f"{'':44}" + "".join(f"{p:>24}" for p in platforms))
    for name, what in ACTIONS.items():
        cells = []
        for platform in platforms:
            runs = results[platform][name]
            stalls = [stall * 1000 for stall, _cpu in runs]
            cpu = statistics.median(c * 1000 for _stall, c in runs)
            cells.append(f"{statistics.median(stalls):.0f} / {max(stalls):.0f} ({cpu:.0f})")
        print(f"{what:44}" + "".join(f"{cell:>24}" for cell in cells))


if __name__ == "__main__":
    main()
