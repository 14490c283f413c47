"""Speech in the app with the real eSpeak NG: the popup's Speak, the missing-voice note,
and the read-aloud following the seed article's sentences in a real article view.

This machine has no sound card, so each espeak-ng process ends as soon as it has spoken
into nothing; the read-aloud still goes through the real engine, sentence by sentence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from export_samples import bank_word, stock_lesson_article
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.analysis.pipeline import Analyzer
from reader.core.importing import import_file
from reader.core.settings import Settings
from reader.core.speech import Playback, Utterance, sentence_utterance, sentences
from reader.core.speech.processes import ProcessPlayback
from reader.core.store import Store
from reader.ui.article_view.widget import ArticleView
from reader.ui.lookup import speech
from reader.ui.lookup.content import Style, lookup_token
from reader.ui.lookup.popup import LookupPopup
from reader.ui.read_aloud import ReadAloud, ReadAloudBar, ReadingState
from reader.ui.speech_controls import SpeechControls
from reader.ui.vocab.panel import VocabularyPanel

if TYPE_CHECKING:
    from tests.conftest import Told

ESPEAK = shutil.which("espeak-ng")
pytestmark = [
    pytest.mark.skipif(
        ESPEAK is None and not os.environ.get("CI"), reason="espeak-ng is not installed"
    ),
    # the offscreen platform says this about every shown top-level widget
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def speaker(monkeypatch: pytest.MonkeyPatch) -> speech.Speaker:
    """A fresh shared speaker for the test (the engine search is redone)."""
    monkeypatch.setattr(speech, "_shared", None)
    return speech.shared_speaker()


@pytest.fixture
def seed_view(qtbot: QtBot, analyzer: Analyzer) -> ArticleView:
    article = import_file(paths.seed_article())[1]  # the long report on manufacturing
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_article(article.text, analyzer.analyse(article.text), article.title)
    view.show()
    qtbot.waitExposed(view)
    return view


def popup_on(qtbot: QtBot, analyzer: Analyzer) -> tuple[ArticleView, LookupPopup]:
    """The popup for 银行 in a sentence, inside an article view as in the app."""
    host = ArticleView()
    qtbot.addWidget(host)
    host.resize(600, 500)
    host.show()
    text = "他在银行工作。"
    tokens = analyzer.analyse(text)
    index = next(i for i, t in enumerate(tokens) if t.text == "银行")
    popup = LookupPopup(host.viewport())
    popup.show_lookup(
        lookup_token(analyzer.dictionary, text, tokens[index], tokens[index].start),  # type: ignore[arg-type]
        Style(),
        host.viewport().rect().adjusted(10, 10, -300, -400),
        index,
    )
    return host, popup


def test_popup_speaks_the_word_with_its_shown_reading(
    qtbot: QtBot, analyzer: Analyzer, speaker: speech.Speaker
) -> None:
    _host, popup = popup_on(qtbot, analyzer)
    popup.speak_button.click()
    assert not popup.note.isVisible()  # no "cannot speak" note: it speaks
    playback = speaker.current
    assert isinstance(playback, ProcessPlayback)
    qtbot.waitUntil(playback.is_done, timeout=5000)
    assert speaker.engine() is not None and speaker.engine().takes_pinyin  # type: ignore[union-attr]


def test_popup_says_how_to_add_a_voice_when_there_is_none(
    qtbot: QtBot,
    analyzer: Analyzer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng to be found
    monkeypatch.setattr(speech, "_shared", None)
    _host, popup = popup_on(qtbot, analyzer)
    popup.speak_button.click()
    assert popup.note.isVisible()
    assert "install the free eSpeak NG voice" in popup.note.text()
    assert "sudo apt install espeak-ng" in popup.note.text()
    assert popup.parentWidget().rect().contains(popup.geometry())  # type: ignore[union-attr]


def test_read_aloud_follows_the_sentences_and_the_view_follows_it(
    qtbot: QtBot, seed_view: ArticleView, speaker: speech.Speaker
) -> None:
    expected = sentences(seed_view.tokens)
    reader = ReadAloud(speaker, seed_view)
    started: list[tuple[int, int]] = []
    reader.sentence_started.connect(lambda start, end: started.append((start, end)))
    reader.start(seed_view.tokens, 0)
    assert reader.state is ReadingState.READING
    assert seed_view.selection == (expected[0].start, expected[0].end)  # highlighted at once
    qtbot.waitUntil(lambda: len(started) >= 14, timeout=30000)
    reader.pause()
    assert reader.state.value == ReadingState.PAUSED.value  # the call changed it
    held = len(started)
    assert started == [(s.start, s.end) for s in expected[:held]]
    current = expected[held - 1]
    assert seed_view.selection == (current.start, current.end)
    # the view has scrolled down with the reading: the sentence is in sight
    assert seed_view.verticalScrollBar().value() > 0
    assert seed_view.viewport().rect().intersects(seed_view.char_rect(current.start))
    qtbot.wait(300)
    assert len(started) == held  # paused: nothing more is read
    reader.resume()
    qtbot.waitUntil(lambda: len(started) > held, timeout=10000)
    reader.stop()
    assert reader.state.value == ReadingState.STOPPED.value and seed_view.selection is None


def test_read_aloud_starts_at_the_readers_sentence_and_yields_to_a_word(
    qtbot: QtBot, seed_view: ArticleView, speaker: speech.Speaker
) -> None:
    text = seed_view.text
    where = text.index("制造业是国民经济") + 4
    reader = ReadAloud(speaker, seed_view)
    reader.start(seed_view.tokens, where)
    assert seed_view.selected_text() == "制造业是国民经济的重要支柱。"
    speaker.speak("银行", "yin2 hang2")  # the popup's Speak while reading aloud
    qtbot.waitUntil(lambda: reader.state is ReadingState.STOPPED, timeout=3000)


def test_bar_shows_the_state_and_sets_the_speed(
    qtbot: QtBot, seed_view: ArticleView, speaker: speech.Speaker
) -> None:
    reader = ReadAloud(speaker, seed_view)
    bar = ReadAloudBar(reader)
    qtbot.addWidget(bar)
    bar.play_requested.connect(lambda: reader.toggle(seed_view.tokens, 0))
    assert bar.play_button.text() == "Read aloud" and not bar.stop_button.isEnabled()
    bar.play_button.click()
    assert bar.play_button.text() == "Pause"
    bar.play_button.click()
    assert bar.play_button.text() == "Resume"
    bar.stop_button.click()
    assert bar.play_button.text() == "Read aloud"
    bar.speed.setCurrentIndex(bar.speed.findText("0.8×"))
    assert speaker.rate == 0.8


def test_pause_holds_the_voice_process_and_stop_ends_it() -> None:
    """What pause does to a speaking program: it is stopped (state T) until resumed."""
    sleeper = shutil.which("sleep")
    assert sleeper is not None
    playback = ProcessPlayback([sleeper, "30"], "")
    pid = playback._process.pid

    def state() -> str:
        """The process's state once the signal has landed (T: stopped; S, R: running)."""
        for _ in range(100):
            status = Path(f"/proc/{pid}/status").read_text()
            found = next(line.split()[1] for line in status.splitlines() if "State" in line)
            if (found == "T") == playback.is_paused:
                break
            time.sleep(0.01)
        return found

    playback.pause()
    assert state() == "T"
    playback.resume()
    assert state() in {"S", "R"}
    playback.pause()
    playback.stop()  # also from a pause
    assert playback.is_done()
    assert subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0


def test_vocabulary_list_speaks_the_word_and_its_sentence(
    qtbot: QtBot, store: Store, speaker: speech.Speaker, tmp_path: Path
) -> None:
    article, list_id = stock_lesson_article(store)
    store.vocab.add_words([bank_word(article)])
    panel = VocabularyPanel(store, lambda _word: None, lambda _entry: [])
    qtbot.addWidget(panel)
    panel.refresh(list_id)
    panel.table.selectRow(0)
    panel.speak_button.click()
    assert isinstance(speaker.current, ProcessPlayback) and not panel.speech_note.isVisible()
    panel.speak_sentence_button.click()
    assert isinstance(speaker.current, ProcessPlayback)
    # the sentence is said with the word's own reading: 银行 as yin2hang2
    said = sentence_utterance("我去银行取钱。", "银行", "yin2 hang2")
    assert said.pinyin == "我去 yin2hang2 取钱。"


def test_vocabulary_list_says_how_to_add_a_voice(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(speech, "_shared", None)
    article, list_id = stock_lesson_article(store)
    store.vocab.add_words([bank_word(article)])
    panel = VocabularyPanel(store, lambda _word: None, lambda _entry: [])
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh(list_id)
    panel.table.selectRow(0)
    panel.speak_button.click()
    assert panel.speech_note.isVisible()
    assert "sudo apt install espeak-ng" in panel.speech_note.text()


@pytest.fixture
def controls(qtbot: QtBot, seed_view: ArticleView, speaker: speech.Speaker) -> SpeechControls:
    window = QMainWindow()
    qtbot.addWidget(window)
    seed_view.setParent(window)
    window.setCentralWidget(seed_view)
    made = SpeechControls(window, seed_view, Settings(speech_rate=0.8))
    window.menuBar().addMenu(made.menu())
    window.addToolBar(made.toolbar())
    window.show()
    qtbot.waitExposed(window)
    return made


def test_keys_read_aloud_from_the_readers_word_pause_and_stop(
    qtbot: QtBot, controls: SpeechControls
) -> None:
    view = controls.view
    assert controls.speaker.rate == 0.8 and controls.bar.speed.currentText() == "0.8×"
    view.set_current(view.text.index("制造业是国民经济") + 2, notify=False)
    controls.actions["read_aloud"].trigger()  # F5
    assert controls.reader.state is ReadingState.READING
    assert view.selected_text() == "制造业是国民经济的重要支柱。"
    controls.actions["read_aloud"].trigger()  # F5 again: pause
    assert controls.reader.state.value == ReadingState.PAUSED.value  # the action changed it
    assert controls.bar.play_button.text() == "Resume"
    controls.actions["stop_reading"].trigger()  # Shift+F5
    assert controls.reader.state.value == ReadingState.STOPPED.value
    assert not controls.actions["stop_reading"].isEnabled()
    controls.actions["faster"].trigger()
    assert controls.speaker.rate == 1.0 and controls.settings.speech_rate == 1.0


def test_p_speaks_the_word_and_shift_p_its_sentence(qtbot: QtBot, controls: SpeechControls) -> None:
    view = controls.view
    index = next(i for i, t in enumerate(view.tokens) if t.text == "制造业")
    view.set_current(view.tokens[index].start, notify=False)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_P)
    word = controls.speaker.current
    assert isinstance(word, ProcessPlayback)
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ShiftModifier)
    assert controls.speaker.current is not word and controls.speaker.current is not None


def test_read_aloud_without_a_voice_says_how_to_add_one(
    qtbot: QtBot,
    seed_view: ArticleView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: Told,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(speech, "_shared", None)
    window = QMainWindow()
    qtbot.addWidget(window)
    made = SpeechControls(window, seed_view, Settings())
    made.actions["read_aloud"].trigger()
    assert made.reader.state is ReadingState.STOPPED
    [shown] = told.texts()
    assert "sudo apt install espeak-ng" in shown


def test_the_sentence_around_a_word_is_said(
    qtbot: QtBot, seed_view: ArticleView, speaker: speech.Speaker
) -> None:
    """What the popup's and the word panel's Sentence buttons say."""
    index = next(i for i, t in enumerate(seed_view.tokens) if t.text == "支柱")
    said: list[str] = []
    original = speaker.say

    def recording(utterance: Utterance) -> Playback | str:
        said.append(utterance.text)
        return original(utterance)

    speaker.say = recording  # type: ignore[method-assign]
    assert speaker.speak_sentence(seed_view.tokens, index) is None
    assert said == ["制造业是国民经济的重要支柱。"]
    assert isinstance(speaker.current, ProcessPlayback)
