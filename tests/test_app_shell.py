"""The command line entry point and the first main window."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader import __version__
from reader.core import paths
from reader.core.settings import load_settings
from reader.ui.main_window import MainWindow


def run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def test_version_comes_from_the_package_metadata() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"reader {__version__}"
    assert __version__ != "0.0.0+unknown"


def test_version_is_found_where_importlib_metadata_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reader reads its METADATA itself (a cheaper import); it must agree with the standard
    reading, and find a bundle's dist-info (PyInstaller's copy_metadata) first on sys.path."""
    import reader

    assert reader.installed_version("reader") == version("reader")
    assert reader.installed_version("pypinyin") == version("pypinyin")  # names its tables
    assert reader.installed_version("no-such-distribution") is None
    info = tmp_path / "reader-9.8.7.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: reader\nVersion: 9.8.7\n\nVersion: 1.0 in the text\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert reader.installed_version("reader") == "9.8.7"
    assert version("reader") == "9.8.7"


# Loaded later, off the launch's path: on the worker (dictionary, analyser) or when the user
# exports or imports. Each of these once cost the launch tens to hundreds of milliseconds.
NOT_AT_LAUNCH = (
    "openpyxl",
    "numpy",
    "genanki",
    "jieba",
    "pypinyin",
    "pypdf",
    "importlib.metadata",
    "reader.core.cedict",
    "reader.core.analysis.pipeline",
    "reader.core.importing",
)


def test_the_launch_imports_nothing_it_does_not_need_before_the_first_paint() -> None:
    code = (
        "import sys, reader.cli; reader.cli._subcommands(); import reader.ui.app; "
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = set(result.stdout.split())
    assert "reader.ui.main_window" in loaded
    assert [name for name in NOT_AT_LAUNCH if name in loaded] == []


def test_smoke_test_builds_the_window_and_says_ok(data_dir: Path) -> None:
    result = run_reader("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("smoke test ok")
    assert "Traceback" not in result.stderr  # no background work outlives the window


def test_seed_article_is_bundled() -> None:
    text = paths.seed_article().read_text(encoding="utf-8")
    assert "大足石刻" in text


def test_window_opens_the_seed_and_remembers_geometry_and_recent(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.open_file(str(paths.seed_article()))
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=30000)
    assert "大足石刻" in window.view.title + window.view.text
    window.resize(640, 480)
    window.close()

    settings = load_settings(data_dir)
    assert settings.recent_files == [str(paths.seed_article().resolve())]
    reopened = MainWindow(data_dir)
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (640, 480)
    assert [a.toolTip() for a in reopened.files.recent_menu.actions()] == settings.recent_files


def test_data_dir_override_from_environment(data_dir: Path) -> None:
    assert paths.data_dir() == data_dir


def test_a_file_open_event_from_the_system_opens_the_file(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    """macOS delivers a double-clicked document as a FileOpen event to the application."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import ReaderApplication, open_files_from_the_system

    article = tmp_path / "短文.txt"
    article.write_text("我们明天去银行。\n", encoding="utf-8")
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, ReaderApplication)
    open_files_from_the_system(app, window)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent(str(article)))
        qtbot.waitUntil(lambda: "银行" in window.view.text, timeout=30000)
    finally:
        app.file_opened.disconnect(window.open_file)
    assert window.settings.recent_files[0] == str(article.resolve())
