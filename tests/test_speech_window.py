"""Speech in the main window on the real seed page: the Speech menu and its keys, the
read-aloud toolbar, the popup's and the word panel's Speak, with the real eSpeak NG."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.tokens import TokenKind
from reader.core.cedict.dictionary import Dictionary
from reader.core.speech.processes import ProcessPlayback
from reader.ui.lookup import speech
from reader.ui.main_window import LanguageTools, MainWindow
from reader.ui.read_aloud import ReadingState

pytestmark = [
    pytest.mark.skipif(
        shutil.which("espeak-ng") is None and not os.environ.get("CI"),
        reason="espeak-ng is not installed",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(speech, "_shared", None)
    dictionary = analyzer.dictionary
    assert isinstance(dictionary, Dictionary)  # the real CC-CEDICT the analyser was given
    shown = MainWindow(data_dir, LanguageTools(dictionary, analyzer))
    qtbot.addWidget(shown)
    shown.resize(1100, 800)
    shown.show()
    qtbot.waitExposed(shown)
    shown.open_file(str(paths.seed_article()))
    qtbot.waitUntil(lambda: shown.article_id is not None, timeout=30000)
    qtbot.waitUntil(
        lambda: any(t.kind is TokenKind.WORD and t.entry_ids for t in shown.view.tokens),
        timeout=30000,
    )
    return shown


def test_speech_menu_sits_among_the_menus_with_its_keys(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Go") < titles.index("&Speech") < titles.index("&Help")
    listed = dict(
        item for _title, items in window.shortcut_sections() for item in items
    )  # Help ▸ Keyboard shortcuts
    assert any("Read aloud" in command for command in listed)
    assert window.speech.bar.isVisible()


def test_f5_reads_the_article_aloud_from_the_readers_word(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    index = next(i for i, t in enumerate(view.tokens) if t.kind is TokenKind.WORD)
    view.set_current(view.tokens[index].start, notify=False)
    window.speech.actions["read_aloud"].trigger()
    assert window.speech.reader.state is ReadingState.READING
    assert view.selection is not None and view.selection[0] <= view.tokens[index].start
    window.speech.actions["stop_reading"].trigger()
    assert view.selection is None


def test_popup_and_word_panel_speak(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    index = next(i for i, t in enumerate(view.tokens) if t.text == "游客")
    char = view.tokens[index].start
    view.scroll_to_char(char)
    QApplication.processEvents()
    center = view.char_rect(char).center() + QPoint(0, view.char_rect(char).height() // 4)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: window.popup.isVisible())
    speaker = speech.shared_speaker()
    window.popup.sentence_button.click()
    sentence = speaker.current
    assert isinstance(sentence, ProcessPlayback)
    qtbot.waitUntil(lambda: window.lookup.word_panel.toPlainText().startswith("游客"))
    window.lookup.speak_button.click()
    assert speaker.current is not sentence and isinstance(speaker.current, ProcessPlayback)
