"""Reader-view benchmarks, printed (run: ``uv run python benchmarks/ui_bench.py``).

1. Launch to the seed article painted with pinyin vs. a bare PySide6 window showing one
   label, measured side by side (alternating child processes, medians, ratio). The
   reader child runs the real command (``reader --data-dir DIR``) until the article
   view's paintEvent has finished with pinyin in its layout; the bare child until the
   label's first paintEvent has finished. The reader's data dir has been used once before
   (article imported, analysis stored, dictionary compiled): the launch a user sees every
   day. Beside them, two floors: the same stored article in the article view of an
   otherwise empty window (no menus, panes or dictionary), and PySide6 alone painting the
   same characters with their tone-coloured pinyin (strings prepared by this process; no
   database and none of our modules): what any program showing this page must spend.
2. Click on a word → popup painted: p50 / p95 over real words of the seed page.
3. Scrolling a 100,000-character article: the time of every frame (a synchronous repaint
   after each scroll step).
4. Relayout of that article after a resize.
5. Scrolling it while a worker thread analyses (Python's default switch interval, then the
   app's).
6. Opening a 1,000,000-character article: the longest stall of the event loop.
7. Resizing the window with it open: the longest stall of the event loop.
8. Leaving it for another article: the longest stall of the event loop.
9. Changing the font size with it open: the longest stall.
10. Switching the script (simplified, traditional) with it open: the longest stall; the
    first switch of a session (fresh processes: OpenCC's converter built by it, from the
    standard config or its faster form, or built ahead) apart from later ones.
11. Resident memory with a 1,000,000-character article open (child process).

Names on the command line run only those (``launch``, ``first_run``, ``click_to_popup``,
``scroll_and_relayout``, ``scroll_while_analysing``, ``million_open``, ``million_resize``,
``million_leave``, ``million_font``, ``million_script``, ``memory``).

Everything runs on the offscreen platform, so the figures are CPU cost without a
compositor; the long articles repeat the real analysed seed page (real tokens).
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
import textwrap
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 7

# Both children print "painted" when a paint that shows the content has finished: the
# label's first paintEvent; the article view's first paintEvent with pinyin in its layout.
# (QWidget.repaint() before the window is exposed paints nothing, so it proves nothing.)
BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel

    class Label(QLabel):
        def paintEvent(self, event):
            super().paintEvent(event)
            print("painted", flush=True)
            app.exit(0)

    app = QApplication(sys.argv[:1])
    label = Label("你好 nǐ hǎo")
    label.show()
    sys.exit(app.exec())
    """
)

READER = textwrap.dedent(
    """
    import sys
    from reader.cli import main  # first, as in `python -m reader`: before PySide6 loads
    from PySide6.QtCore import QTimer
    from reader.ui.app import _application
    from reader.ui.article_view.widget import ArticleView

    paint = ArticleView.paintEvent

    def paint_and_report(view, event):
        paint(view, event)
        if view.layout_ is not None and any(view.layout_.rubies[:2000]):
            ArticleView.paintEvent = paint
            print("painted", flush=True)
            view.window().close()

    ArticleView.paintEvent = paint_and_report
    # The real launch (`reader --data-dir DIR`: the command line, the data check, the
    # database, the window, its event loop), watched in the article view's paintEvent.
    app = _application()
    QTimer.singleShot(120_000, lambda: app.exit(3))  # no pinyin within 120 s
    sys.exit(main(["--data-dir", sys.argv[1]]))
    """
)

# Where the floor is: the same article with its stored pinyin in an otherwise empty window
# (settings, database, stored tokens, the article view; no menus, panes or dictionary).
VIEW_ALONE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QMainWindow
    from reader.core.analysis.stored import stored_analysis
    from reader.core.cedict.sources import active_dictionary_key
    from reader.core.settings import load_settings
    from reader.core.store import Store
    from reader.ui.article_view.widget import ArticleView

    paint = ArticleView.paintEvent

    def paint_and_report(view, event):
        paint(view, event)
        print("painted", flush=True)
        app.exit(0)

    ArticleView.paintEvent = paint_and_report
    app = QApplication(sys.argv[:1])
    folder = Path(sys.argv[1])
    store = Store.open(folder / "reader.sqlite3")
    article = store.articles.get(load_settings(folder).last_article_id)
    tokens = stored_analysis(store, article.info.id, active_dictionary_key(folder))
    window = QMainWindow()
    view = ArticleView(window)
    window.setCentralWidget(view)
    view.set_article(article.text, tokens, article.info.title)
    window.resize(1200, 800)
    window.show()
    sys.exit(app.exec())
    """
)

# The least any program can do: PySide6 alone paints the article's title and characters with
# their tone-coloured pinyin, given as strings the parent prepared from the stored analysis
# (no database, no settings, none of our modules; a naive line break, a plain widget).
PAINTER_ONLY = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    class Painter(QWidget):
        def paintEvent(self, event):
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor("#ffffff"))
            han, pinyin = QFontMetricsF(self.han), QFontMetricsF(self.pinyin)
            painter.setFont(self.title)
            painter.drawText(30, 60, page["title"])
            x, y = 30.0, 130.0
            for char, ruby, colour in page["cells"]:
                width = max(han.horizontalAdvance(char), pinyin.horizontalAdvance(ruby) + 4)
                if x + width > self.width() - 30:
                    x, y = 30.0, y + 60
                painter.setFont(self.pinyin)
                painter.setPen(QColor(colour))
                left = x + (width - pinyin.horizontalAdvance(ruby)) / 2
                painter.drawText(int(left), int(y - 28), ruby)
                painter.setFont(self.han)
                painter.setPen(QColor("#000000"))
                painter.drawText(int(x + (width - han.horizontalAdvance(char)) / 2), int(y), char)
                x += width
            painter.end()
            print("painted", flush=True)
            app.exit(0)

    app = QApplication(sys.argv[:1])
    page = json.loads(open(sys.argv[1], encoding="utf-8").read())
    view = Painter()
    view.han, view.pinyin, view.title = QFont(), QFont(), QFont()
    view.han.setPixelSize(30)
    view.pinyin.setPixelSize(13)
    view.title.setPixelSize(34)
    view.title.setBold(True)
    view.resize(800, 800)
    view.show()
    sys.exit(app.exec())
    """
)

RSS = textwrap.dedent(
    """
    import sys
    import time
    sys.path.insert(0, sys.argv[1])
    from ui_bench_support import long_article, rss_mb
    from PySide6.QtWidgets import QApplication
    from reader.ui.article_view.widget import ArticleView
    app = QApplication(sys.argv[:1])
    before = rss_mb()
    text, tokens = long_article(int(sys.argv[2]))
    view = ArticleView()
    view.resize(1000, 800)
    view.set_article(text, tokens, "long")
    view.show()
    while view.layout_ is None or len(view.layout_.text) < len(text):  # typeset on a worker
        app.processEvents()
        time.sleep(0.01)
    view.viewport().repaint()
    app.processEvents()
    print(before, rss_mb())
    """
)


# Children may write bytecode (the warm-up launch does), as an installed app has it: with
# PYTHONDONTWRITEBYTECODE set, every module edited since the last write would be compiled
# again at each launch, which no user's launch does.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds from spawning a child to its "painted" line (its shutdown is not counted)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env or CHILD_ENV,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait(timeout=300)
    if line.strip() != "painted":
        raise SystemExit(f"child failed (exit {child.returncode})")
    return elapsed


def first_page(data_dir: Path) -> Path:
    """The last article's title and (character, pinyin, colour) cells, as the reader shows
    them with its default settings, for the painter-only child."""
    from reader.core.analysis.stored import stored_analysis
    from reader.core.cedict.sources import active_dictionary_key
    from reader.core.pinyin import tone_of
    from reader.core.settings import load_settings
    from reader.core.store import Store
    from reader.ui.article_view.colors import ToneScheme, tone_color
    from reader.ui.article_view.model import PinyinForm, render_reading

    store = Store.open(data_dir / "reader.sqlite3")
    article = store.articles.get(load_settings(data_dir).last_article_id)
    assert article is not None
    tokens = stored_analysis(store, article.info.id, active_dictionary_key(data_dir))
    store.close()
    assert tokens is not None
    cells = []
    for token in tokens:
        for index, char in enumerate(token.text):
            reading = token.readings[index] if index < len(token.readings) else ""
            colour = reading and tone_color(ToneScheme.PLECO, tone_of(reading), dark=False)
            cells.append(
                (
                    char,
                    render_reading(reading, PinyinForm.MARKS) if reading else "",
                    colour or "#000000",
                )
            )
    page = data_dir / "first_page.json"
    page.write_text(json.dumps({"title": article.info.title, "cells": cells}), encoding="utf-8")
    return page


def bench_launch() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    run_child(READER, str(data_dir))  # first run: import the seed, analyse, store
    page = first_page(data_dir)
    bare, reader, alone, painter = [], [], [], []
    for _ in range(ROUNDS):
        bare.append(run_child(BARE))
        reader.append(run_child(READER, str(data_dir)))
        alone.append(run_child(VIEW_ALONE, str(data_dir)))
        painter.append(run_child(PAINTER_ONLY, str(page)))
    b, r, a, p = (statistics.median(runs) for runs in (bare, reader, alone, painter))
    print(
        f"launch: bare PySide6 label {b * 1000:.0f} ms, reader to seed with pinyin "
        f"{r * 1000:.0f} ms, ratio {r / b:.2f} (goal ≤ 1.5); the article view alone in an "
        f"empty window {a * 1000:.0f} ms, ratio {a / b:.2f}; PySide6 alone painting the "
        f"same characters and pinyin {p * 1000:.0f} ms, ratio {p / b:.2f}"
    )


def bench_first_run() -> None:
    """A first run (fresh data and cache dirs) to the seed page painted with pinyin, with
    what a build ships precompiled (``python -m reader.core.precompile``) and without it
    (a fresh clone: everything compiled), beside a warm run of the same data dir."""
    from reader.core import paths

    shipped = paths.precompiled_dir().is_dir()
    rounds: dict[str, list[float]] = {"shipped": [], "compiled": [], "warm": []}
    for _ in range(3):
        for kind in rounds:
            scratch = Path(tempfile.mkdtemp(prefix="reader-bench-first-"))
            env = dict(CHILD_ENV, READER_CACHE_DIR=str(scratch / "cache"))
            if kind == "compiled":
                env[paths.PRECOMPILED_DIR_ENV] = str(scratch / "none")
            if kind == "warm":
                run_child(READER, str(scratch / "data"), env=env)
            if kind != "shipped" or shipped:
                rounds[kind].append(run_child(READER, str(scratch / "data"), env=env))
            shutil.rmtree(scratch, ignore_errors=True)
    shipped_figure = (
        f"{statistics.median(rounds['shipped']):.2f} s"
        if shipped
        else "n/a (no precompiled/: run python -m reader.core.precompile)"
    )
    print(
        f"first run to the seed page with pinyin (fresh data + cache dirs, median of 3): "
        f"with the shipped precompiled files {shipped_figure} (goal <= 3 s from the window), "
        f"compiling everything {statistics.median(rounds['compiled']):.2f} s; "
        f"warm run {statistics.median(rounds['warm']):.2f} s"
    )


def bench_million_open() -> None:
    """Opening a 1,000,000-character article in the view: the longest stall of the event
    loop (a 5 ms timer's late ticks) from the call until the whole article is typeset, and
    how long until then; beside it, the UI thread's own CPU time in that stall (the rest is
    the worker holding Python's lock, or other processes on a loaded machine)."""
    from ui_bench_support import long_article, longest_stall

    app, view = million_view()
    text, tokens = long_article(1_000_000)

    def typeset() -> bool:
        layout = view.layout_
        return layout is not None and len(layout.text) == len(text)

    action = lambda: view.set_article(text, tokens, "a million characters")  # noqa: E731
    stall, cpu, done = longest_stall(app, action, typeset)
    print(
        f"opening a {len(text):,}-character article: longest event-loop stall "
        f"{stall * 1000:.0f} ms (goal <= 100 ms; the UI thread's CPU in it {cpu * 1000:.0f} ms),"
        f" whole article typeset after {done:.2f} s"
    )


def bench_million_resize() -> None:
    """Resizing the window with a 1,000,000-character article open, its middle in view: the
    longest stall of the event loop (a 5 ms timer's late ticks) from the resize until the
    whole article is laid out at the new width and painted, and how long until then."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from ui_bench_support import long_article

    from reader.core import collector
    from reader.ui.app import favour_the_ui_thread
    from reader.ui.article_view.widget import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    favour_the_ui_thread()  # as the app does
    text, tokens = long_article(1_000_000)
    view = ArticleView()
    view.resize(1000, 800)
    view.set_article(text, tokens, "a million characters")
    view.show()
    while view.layout_ is None or len(view.layout_.text) < len(text):
        app.processEvents()
        time.sleep(0.01)
    view.scroll_to_char(len(text) // 2)
    app.processEvents()
    collector.freeze()  # as the app does once it has settled (`spare_the_collector`)
    stalls, settled = [], []
    for width in (700, 1000, 820, 640, 900, 760) * 2:
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start(5)
        started = time.perf_counter()
        QTimer.singleShot(0, lambda width=width: view.resize(width, 800))
        app.processEvents()
        while view.width() != width or view.relaying_out:
            app.processEvents()
            time.sleep(0.001)
        view.viewport().repaint()
        finished = time.perf_counter()
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise([started, *ticks, finished])]
        stalls.append(max(gaps) * 1000)
        settled.append((finished - started) * 1000)
    print(
        f"resizing with a {len(text):,}-character article open ({len(stalls)} widths): "
        f"longest event-loop stall median {statistics.median(stalls):.0f} ms, worst "
        f"{max(stalls):.0f} ms (goal <= 100 ms); whole article laid out after median "
        f"{statistics.median(settled):.0f} ms"
    )


def million_view() -> tuple[Any, Any]:
    """The application as the app sets it up, and an article view of 1000 x 800 shown."""
    from PySide6.QtWidgets import QApplication

    from reader.core import collector
    from reader.ui.app import favour_the_ui_thread
    from reader.ui.article_view.widget import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    favour_the_ui_thread()  # as the app does
    view = ArticleView()
    view.typeset_arrived.connect(collector.freeze)  # as the window's `settled` does
    view.resize(1000, 800)
    view.show()
    app.processEvents()
    return app, view


def open_million(app: Any, view: Any) -> None:
    """A 1,000,000-character article with its stored tokens (the view holds the only
    reference), wholly typeset, its middle in view, the collector frozen as the app does
    once it has settled (`spare_the_collector`)."""
    from ui_bench_support import stored_article

    from reader.core import collector

    text, tokens = stored_article(1_000_000)
    view.set_article(text, tokens, "a million characters")
    del tokens
    while view.settling:
        app.processEvents()
        time.sleep(0.005)
    view.scroll_to_char(len(text) // 2)
    app.processEvents()
    collector.freeze()


def print_stalls(what: str, runs: list[tuple[float, float, float]]) -> None:
    stalls = [stall * 1000 for stall, _cpu, _done in runs]
    cpu = [cpu * 1000 for _stall, cpu, _done in runs]
    done = [done * 1000 for _stall, _cpu, done in runs]
    print(
        f"{what} ({len(runs)} runs): longest event-loop stall median "
        f"{statistics.median(stalls):.0f} ms, worst {max(stalls):.0f} ms (goal <= 100 ms; the "
        f"UI thread's CPU in it median {statistics.median(cpu):.0f} ms); settled after median "
        f"{statistics.median(done):.0f} ms"
    )


def bench_million_leave() -> None:
    """Leaving a 1,000,000-character article for the seed page: the longest stall of the
    event loop from the call until the seed is shown and the long article's objects are
    freed (the view settled)."""
    from ui_bench_support import longest_stall, seed_tokens

    app, view = million_view()
    text, tokens = seed_tokens()
    runs = []
    for _ in range(5):
        open_million(app, view)
        action = lambda: view.set_article(text, list(tokens), "seed")  # noqa: E731
        runs.append(longest_stall(app, action, lambda: not view.settling))
    print_stalls("leaving a 1,000,000-character article for another", runs)


def bench_million_font() -> None:
    """Changing the font size with a 1,000,000-character article open, its middle in view:
    the longest stall of the event loop until the whole is typeset at the new size."""
    from ui_bench_support import longest_stall

    app, view = million_view()
    open_million(app, view)
    runs = []
    for size in (24, 22) * 3:
        action = lambda size=size: view.set_font_size(size)  # noqa: E731
        runs.append(longest_stall(app, action, lambda: not view.settling))
    print_stalls("changing the font size with a 1,000,000-character article open", runs)


SCRIPT_ROUNDS = 5  # fresh processes per kind: the first switch happens once in each
SCRIPT_KINDS = {
    "standard": "OpenCC's standard config, built by the switch (as before #20)",
    "faster": "its faster form, made in an earlier session, built by the switch",
    "ahead": "built ahead, idle, as the window does, in a first session (form made too)",
}


def bench_million_script() -> None:
    """Switching simplified ↔ traditional with a 1,000,000-character article open: the
    longest stall of the event loop until the whole is shown in the new script. The first
    switch of a session, in fresh child processes, for each of `SCRIPT_KINDS` (the build
    ahead's own stall printed too); later switches pooled over the children."""
    from reader.core import script_conversion_dicts

    here = str(Path(__file__).resolve().parent)
    made_before = Path(tempfile.mkdtemp(prefix="reader-bench-opencc-"))
    script_conversion_dicts._folder = lambda: made_before  # type: ignore[attr-defined]
    script_conversion_dicts.make("s2tw")
    runs: dict[str, dict[str, list[tuple[float, float, float]]]] = {k: {} for k in SCRIPT_KINDS}
    for _ in range(SCRIPT_ROUNDS):
        for kind, figures in runs.items():
            folder = made_before if kind == "faster" else Path(tempfile.mkdtemp(prefix="reader-"))
            result = subprocess.run(
                [sys.executable, __file__, "million_script_child", kind, str(folder)],
                capture_output=True,
                text=True,
                timeout=600,
                cwd=here,
            )
            if result.returncode != 0:
                raise SystemExit(result.stderr[-2000:])
            for name, values in json.loads(result.stdout.splitlines()[-1]).items():
                figures.setdefault(name, []).extend((a, b, c) for a, b, c in values)
    what = "with a 1,000,000-character article open"
    for kind, figures in runs.items():
        print(f"{kind}: {SCRIPT_KINDS[kind]}")
        if "ahead" in figures:
            print_stalls(f"  building the converter ahead {what}", figures["ahead"])
        print_stalls(f"  first switch to traditional {what}", figures["first"])
        print_stalls(f"  first switch back to simplified {what}", figures["back"])
        print_stalls(f"  later switches {what}", figures["later"])


def bench_million_script_child(kind: str, folder: str) -> None:
    """One session of `bench_million_script`, its OpenCC forms in ``folder``: its stalls
    as JSON on the last line."""
    from dataclasses import replace

    from ui_bench_support import longest_stall

    from reader.core import script_conversion, script_conversion_dicts
    from reader.core.script_conversion import build_ahead, built
    from reader.core.settings import Script

    script_conversion_dicts._folder = lambda: Path(folder)  # type: ignore[attr-defined]
    if kind == "standard":
        script_conversion.made = lambda config: None  # type: ignore[attr-defined]
    app, view = million_view()
    open_million(app, view)
    figures: dict[str, list[tuple[float, float, float]]] = {"first": [], "back": [], "later": []}
    if kind == "ahead":
        start = lambda: build_ahead(view.options.script)  # noqa: E731
        figures["ahead"] = [longest_stall(app, start, lambda: built(Script.TRADITIONAL))]
    for index, script in enumerate((Script.TRADITIONAL, Script.SIMPLIFIED) * 3):
        action = lambda s=script: view.set_options(replace(view.options, script=s))  # noqa: E731
        stall = longest_stall(app, action, lambda: not view.settling)
        figures["first" if index == 0 else "back" if index == 1 else "later"].append(stall)
    print(json.dumps(figures))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_click_to_popup() -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reader.core import paths
    from reader.core.progress import Progress
    from reader.ui.app import spare_the_collector
    from reader.ui.main_window import MainWindow, load_language_tools

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tools = load_language_tools([], Progress())
    window = MainWindow(Path(tempfile.mkdtemp(prefix="reader-bench-")), tools)
    spare_the_collector(window)  # as `reader.ui.app.run_gui` does
    window.resize(1200, 800)
    window.show()
    window.open_file(str(paths.seed_article()))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(t.entry_ids for t in window.view.tokens):
        app.processEvents()
        time.sleep(0.005)
    view = window.view
    words = [i for i, t in enumerate(view.tokens) if t.entry_ids][:80]
    times = []
    for index in words:
        char = view.tokens[index].start
        view.ensure_visible(char)
        app.processEvents()
        point = view.char_rect(char).center() + QPoint(0, 6)
        start = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        app.processEvents()  # Qt paints what changed: the popup and the word's lines
        times.append((time.perf_counter() - start) * 1000)
        assert window.popup.isVisible()
    print(
        f"click → popup painted ({len(times)} words): median {statistics.median(times):.1f} ms,"
        f" p95 {percentile(times, 95):.1f} ms (goal p95 < 30 ms)"
    )
    window.close()


def long_article_view() -> tuple[Any, str, Any]:
    """The application, and the 100,000-character article shown in an article view."""
    from PySide6.QtWidgets import QApplication
    from ui_bench_support import long_article

    from reader.ui.article_view.widget import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    text, tokens = long_article(100_000)
    view = ArticleView()
    view.resize(1000, 800)
    view.set_article(text, tokens, "100,000 characters")
    view.show()
    app.processEvents()
    return app, text, view


def bench_scroll_and_relayout() -> None:
    app, text, view = long_article_view()
    bar = view.verticalScrollBar()
    frames = []
    for step in range(1, 400):  # a smooth scroll: 12 px per frame (a wheel / trackpad)
        start = time.perf_counter()
        bar.setValue(step * 12)
        app.processEvents()  # the paint of the uncovered strip happens here
        frames.append((time.perf_counter() - start) * 1000)
    print(
        f"scroll, {len(text):,} characters, {len(frames)} frames of 12 px: median "
        f"{statistics.median(frames):.2f} ms, p95 {percentile(frames, 95):.2f} ms, "
        f"worst {max(frames):.2f} ms (goal every frame < 16 ms)"
    )
    pages = []
    for _page in range(60):  # Page Down: the whole viewport is new
        start = time.perf_counter()
        view.scroll_pages(1)
        app.processEvents()
        pages.append((time.perf_counter() - start) * 1000)
    print(
        f"page down (every line painted anew), {len(pages)} pages: median "
        f"{statistics.median(pages):.2f} ms, worst {max(pages):.2f} ms"
    )
    relayouts = []
    for width in (700, 1000, 820, 1200, 640, 900) * 2:
        start = time.perf_counter()
        view.resize(width, 800)
        app.processEvents()
        view.viewport().repaint()
        relayouts.append((time.perf_counter() - start) * 1000)
    assert view.layout_ is not None
    print(
        f"relayout after a resize, {len(text):,} characters ({view.layout_.line_count:,} lines):"
        f" median {statistics.median(relayouts):.0f} ms, worst {max(relayouts):.0f} ms"
        " (goal < 100 ms)"
    )


def bench_scroll_while_analysing() -> None:
    """Scrolling the 100,000-character article while a worker thread analyses text, as it
    does when an article opens or the library is counted: Python's default switch interval
    beside the app's (``reader.ui.app.UI_SWITCH_INTERVAL_S``)."""
    import threading

    from reader.core import collector
    from reader.core.progress import Progress
    from reader.ui.app import UI_SWITCH_INTERVAL_S
    from reader.ui.main_window import load_language_tools

    analyzer = load_language_tools([], Progress()).analyzer
    app, text, view = long_article_view()
    collector.freeze()  # as the app does once it has settled (`spare_the_collector`)
    bar = view.verticalScrollBar()
    default = sys.getswitchinterval()
    for label, interval in (("Python's default", default), ("the app's", UI_SWITCH_INTERVAL_S)):
        sys.setswitchinterval(interval)
        done = threading.Event()

        def analyse(done: threading.Event) -> None:
            while not done.is_set():
                analyzer.analyse(text[:60_000], [], None)

        worker = threading.Thread(target=analyse, args=(done,))
        worker.start()
        time.sleep(0.2)  # the worker under way before the first measured frame
        frames = []
        for step in range(1, 600):
            start = time.perf_counter()
            bar.setValue(step * 6)
            app.processEvents()
            frames.append((time.perf_counter() - start) * 1000)
        done.set()
        worker.join()
        bar.setValue(0)
        late = sum(frame > 16 for frame in frames)
        print(
            f"scroll while a worker analyses, {label} switch interval ({interval * 1000:.0f} ms):"
            f" median {statistics.median(frames):.1f} ms, p95 {percentile(frames, 95):.1f} ms,"
            f" worst {max(frames):.1f} ms, {late} of {len(frames)} frames over 16 ms"
        )
    sys.setswitchinterval(default)


def bench_memory() -> None:
    here = str(Path(__file__).resolve().parent)
    result = subprocess.run(
        [sys.executable, "-c", RSS, here, "1000000"], capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    before, after = (float(x) for x in result.stdout.split())
    print(
        f"memory: Qt app alone {before:.0f} MB RSS; with a 1,000,000-character article open "
        f"{after:.0f} MB RSS (goal < 400 MB)"
    )


BENCHES = {
    "launch": bench_launch,
    "first_run": bench_first_run,
    "click_to_popup": bench_click_to_popup,
    "scroll_and_relayout": bench_scroll_and_relayout,
    "scroll_while_analysing": bench_scroll_while_analysing,
    "million_open": bench_million_open,
    "million_resize": bench_million_resize,
    "million_leave": bench_million_leave,
    "million_font": bench_million_font,
    "million_script": bench_million_script,
    "memory": bench_memory,
}


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if sys.argv[1:2] == ["million_script_child"]:
        bench_million_script_child(sys.argv[2], sys.argv[3])
        return
    for name in sys.argv[1:] or BENCHES:
        BENCHES[name]()


if __name__ == "__main__":
    main()
