"""The task helper delivers results, errors, progress and cancellation on the UI thread."""

from __future__ import annotations

import threading
from functools import partial

from pytestqt.qtbot import QtBot

from reader.core.progress import Progress
from reader.ui.tasks import TaskRunner


def test_result_arrives_on_the_ui_thread_after_work_on_another(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ui_thread = threading.get_ident()
    worker_threads: list[int] = []
    delivered: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        worker_threads.append(threading.get_ident())
        progress.step(1, 1)
        return 42

    runner.submit(work, lambda r: delivered.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(delivered))
    assert delivered == [(42, ui_thread)]
    assert worker_threads and worker_threads[0] != ui_thread


def test_errors_are_handed_back_not_raised_in_the_worker(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work(progress: Progress) -> None:
        raise ValueError("bad input")

    runner.submit(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "bad input"


def test_cancel_stops_the_work_at_its_next_step(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()
    steps_done: list[int] = []
    cancelled: list[bool] = []
    succeeded: list[object] = []

    def work(progress: Progress) -> str:
        started.set()
        release.wait(5)
        for i in range(100):
            progress.step(i, 100)
            steps_done.append(i)
        return "finished"

    task = runner.submit(
        work, on_success=succeeded.append, on_cancelled=lambda: cancelled.append(True)
    )
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert steps_done == []
    assert succeeded == []


def test_progress_reports_reach_the_ui(qtbot: QtBot) -> None:
    runner = TaskRunner()
    reports: list[tuple[int, int, str]] = []

    def work(progress: Progress) -> None:
        for i in range(1, 4):
            progress.step(i, 3, "reading")

    runner.submit(work, on_progress=lambda d, t, m: reports.append((d, t, m)))
    qtbot.waitUntil(lambda: (3, 3, "reading") in reports)
    assert reports[0][0] == 1  # the first report always gets through


def test_single_worker_runs_tasks_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner(max_threads=1)
    order: list[int] = []
    for i in range(5):
        runner.submit(partial(lambda _p, i: order.append(i), i=i))
    assert runner.wait(5000)
    assert order == [0, 1, 2, 3, 4]
