"""Once the launch's work is done, the window builds the script's converter on a thread of
its own: the first switch to traditional finds it built and does not stall building it."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reader.core import script_conversion
from reader.core.script_conversion import built
from reader.core.settings import Script
from reader.ui.main_window import LanguageTools
from reader.ui.window import main_window
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_window_builds_the_converter_off_its_thread_once_started(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools, monkeypatch: pytest.MonkeyPatch
) -> None:
    import opencc

    builds: list[tuple[str, bool]] = []  # (config, built on the UI thread)
    real = opencc.OpenCC

    def recording(config: str) -> Any:
        on_ui = threading.current_thread() is threading.main_thread()
        builds.append((Path(config).stem, on_ui))  # s2tw, or its faster form s2tw.json
        return real(config)

    monkeypatch.setattr(script_conversion, "_built", {})
    monkeypatch.setattr(opencc, "OpenCC", recording)
    monkeypatch.setattr(main_window, "BUILD_AHEAD_MS", 0)
    window = open_window(qtbot, data_dir, language_tools)
    window.open_last_or_seed()
    wait_for_pinyin(qtbot, window)  # the launch's work done: the secondary parts built
    qtbot.waitUntil(lambda: built(Script.TRADITIONAL), timeout=10000)
    assert [config for config, _ui in builds if config.startswith("s2")] == ["s2tw"]
    view = window.view
    view.set_options(replace(view.options, script=Script.TRADITIONAL))
    qtbot.waitUntil(lambda: not view.settling, timeout=10000)
    assert view.layout_ is not None and "大足區" in view.layout_.text  # the seed, traditional
    assert [config for config, _ui in builds if config.startswith("s2")] == ["s2tw"]
    assert not any(on_ui for _config, on_ui in builds)
