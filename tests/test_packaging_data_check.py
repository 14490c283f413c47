"""The start-up check of the bundled data, on a real frozen-style layout (`sys._MEIPASS`)."""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.ui.data_check import bundled_data_problem, check_bundled_data

SOURCE_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def frozen_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data laid out as PyInstaller's `_internal` folder."""
    root = tmp_path / "_internal"
    shutil.copytree(SOURCE_ROOT / "dictionaries", root / "dictionaries")
    shutil.copytree(SOURCE_ROOT / "seeds", root / "seeds")
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def test_source_tree_data_is_complete() -> None:
    assert bundled_data_problem() is None


def test_frozen_layout_is_found_and_complete(frozen_root: Path) -> None:
    assert paths.resource_root() == frozen_root
    assert paths.bundled_cedict().is_relative_to(frozen_root)
    assert bundled_data_problem() is None


def test_missing_dictionary_is_reported(
    frozen_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.bundled_cedict().unlink()
    assert check_bundled_data(dialog=False) is False
    err = capsys.readouterr().err
    assert "dictionary file is missing" in err
    assert "reinstall" in err


def test_damaged_dictionary_is_reported(frozen_root: Path) -> None:
    cedict = paths.bundled_cedict()
    cedict.write_bytes(cedict.read_bytes()[:10])  # cut off after the gzip header
    problem = bundled_data_problem()
    assert problem is not None and "damaged" in problem


def test_wrong_dictionary_is_reported(frozen_root: Path) -> None:
    paths.bundled_cedict().write_bytes(gzip.compress("不是词典\n".encode() * 2000))
    problem = bundled_data_problem()
    assert problem is not None and "not a CC-CEDICT" in problem


def test_missing_seed_is_reported(frozen_root: Path) -> None:
    shutil.rmtree(frozen_root / "seeds")
    problem = bundled_data_problem()
    assert problem is not None and "sample article" in problem


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note
def test_gui_shows_a_dialog(frozen_root: Path, qtbot: QtBot) -> None:
    paths.bundled_cedict().unlink()
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    assert check_bundled_data(dialog=True) is False
    assert seen and "dictionary file is missing" in seen[0]


def test_smoke_test_refuses_to_start_without_its_data(
    frozen_root: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.ui.app import run_smoke_test

    paths.bundled_cedict().unlink()
    assert run_smoke_test(None) == 1
    out, err = capsys.readouterr()
    assert "smoke test ok" not in out
    assert "dictionary file is missing" in err
