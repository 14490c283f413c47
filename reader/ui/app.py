"""Starting the Qt application: the normal GUI and the headless smoke test."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.core import collector, paths
from reader.core.store.database import DB_FILENAME
from reader.ui.data_check import check_bundled_data
from reader.ui.db_dialogs import data_folder_or_say, open_store_or_ask
from reader.ui.headless import use_headless_platform
from reader.ui.main_window import MainWindow
from reader.ui.single_instance import FirstInstance, bring_to_front, hand_over, server_name


class ReaderApplication(QApplication):
    """macOS hands a double-clicked lesson pack or article to the running app as a
    FileOpen event, not as a command-line argument: ``file_opened`` passes it on.

    The event is sent to the application object itself, so overriding ``event`` here
    costs nothing elsewhere (an application-wide event filter would run Python for every
    event of every widget)."""

    file_opened = Signal(str)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self.file_opened.emit(event.file())
            return True
        return super().event(event)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = ReaderApplication(sys.argv[:1])
    app.setApplicationName("reader")
    app.setApplicationDisplayName("Reader")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("reader")
    return app


def spare_the_collector(window: MainWindow) -> None:
    """Keep what lives for the session out of Python's full garbage collections.

    The analyser's tables and a long article's tokens are millions of objects; scanning
    them made each full collection take 60-120 ms, a hitch while scrolling or clicking
    (measured in benchmarks/ui_bench.py's page-down frames). ``gc.freeze`` (through
    `reader.core.collector.freeze`) moves the objects alive when the window settles out of
    the collector's scans; they are still freed by reference counting when dropped (tokens
    and tables hold no cycles)."""
    window.settled.connect(collector.freeze)


# How long a thread may hold Python's lock while another waits for it. A worker analysing
# an article holds it in turns this long, and the UI thread waits out a turn at each of its
# Python calls: with Python's default 5 ms, scrolling while an article was being analysed
# had p95 frames of 12-17 ms and 17-34 of 599 frames over 16 ms; with 1 ms, p95 6-7 ms and
# 1-2 (benchmarks/ui_bench.py, "scroll while a worker analyses"). With no thread waiting,
# nothing changes.
UI_SWITCH_INTERVAL_S = 0.001


def favour_the_ui_thread() -> None:
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)


def open_files_from_the_system(app: QApplication, window: MainWindow) -> None:
    if isinstance(app, ReaderApplication):
        app.file_opened.connect(window.open_file)


SMOKE_TEST_TIMEOUT_S = 300  # a first run compiles the dictionary and jieba's model


def run_gui(file: str | None, data_dir: str | None) -> int:
    app = _application()
    folder = data_folder_or_say(data_dir)  # it cannot be created: said, and quit
    if folder is None:
        return 1
    instance_name = server_name(folder)
    if hand_over(instance_name, file):  # a window on this data folder is open: it takes over
        return 0
    if not check_bundled_data(dialog=True):
        return 1
    store = open_store_or_ask(folder / DB_FILENAME)  # too new / damaged: a way out
    if store is None:
        return 1
    window = MainWindow(folder, store=store, open_tools=False)
    if file:
        window.open_file(file)
    else:
        window.open_last_or_seed()
    open_files_from_the_system(app, window)
    first = FirstInstance(instance_name, window)
    first.file_received.connect(window.open_file)
    first.shown_again.connect(lambda: bring_to_front(window))
    spare_the_collector(window)
    favour_the_ui_thread()
    window.keep_on_screen()
    window.show()
    window.open_tools_after_paint()
    return app.exec()


def run_smoke_test(data_dir: str | None) -> int:
    """Build the real main window without a screen, open the seed article and wait until
    it shows with pinyin from the real analysis (dictionary, segmenter, readings model):
    a frozen build that lost any of their data fails here instead of printing "ok"."""
    use_headless_platform()
    app = _application()
    if not check_bundled_data(dialog=False):
        return 1
    window = MainWindow(paths.data_dir(data_dir))
    failures: list[str] = []
    window.session.failed.connect(failures.append)  # the dictionary or the analysis
    window.open_file(str(paths.seed_article()))
    deadline = time.monotonic() + SMOKE_TEST_TIMEOUT_S
    problem = "the seed article was not analysed in time"
    while time.monotonic() < deadline:
        app.processEvents()
        if failures:
            problem = failures[0]
            break
        if window.analyzer is not None and _has_readings(window):
            problem = ""
            break
        time.sleep(0.02)
    window.close()
    if problem:
        print(f"smoke test failed: {problem}", file=sys.stderr)
        return 1
    print("smoke test ok")
    return 0


def _has_readings(window: MainWindow) -> bool:
    """True once the article view holds analysed Chinese words with their pinyin."""
    return any(token.is_chinese and any(token.readings) for token in window.view.tokens)
