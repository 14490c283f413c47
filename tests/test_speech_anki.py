"""Anki decks with audio, opened in the real Anki: every word's [sound:…] field finds its
WAV in the collection's media, the sentence's too, and the sound is the app's reading."""

from __future__ import annotations

import json
import os
import re
import shutil
import wave
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from export_samples import BANK, ISM, PRESIDENT, bank_word, sample_list, stock_lesson_article
from pytestqt.qtbot import QtBot

from reader.cli import main
from reader.core.export.anki import write_apkg
from reader.core.export.model import ExportList, ExportOptions
from reader.core.progress import Cancelled, Progress
from reader.core.speech import NoChineseVoice, save_wav, system_engine, word_utterance
from reader.core.store import Store, WordList
from reader.core.store.database import DB_FILENAME

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None and not os.environ.get("CI"),
    reason="espeak-ng is not installed",
)
SOUND = re.compile(r"^\[sound:(reader-[0-9a-f]{20}\.wav)\]$")


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


def test_word_and_sentence_audio_play_in_anki(tmp_path: Path, collection: Collection) -> None:
    options = ExportOptions(anki_audio=True, anki_sentence_audio=True)
    package = write_apkg(tmp_path / "audio.apkg", sample_list(), options)
    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
    notes = {
        note["Simplified"]: note
        for note in (collection.get_note(nid) for nid in collection.find_notes(""))
    }
    media = Path(collection.media.dir())
    bank = notes["银行"]
    word_file = SOUND.match(bank["Audio"])
    sentence_file = SOUND.match(bank["Example audio"])
    assert word_file and sentence_file
    assert (media / word_file[1]).is_file() and (media / sentence_file[1]).is_file()
    # the word says the app's reading yín háng: the same sound as the engine makes of it
    expected = tmp_path / "expected.wav"
    save_wav(system_engine(), word_utterance("银行", "yin2 hang2"), expected)
    assert frames(media / word_file[1]) == frames(expected)
    assert len(frames(media / sentence_file[1])) > 2 * len(frames(expected))
    assert notes["主义"]["Example audio"] == ""  # no sentence, no sentence audio
    check = collection.media.check()
    assert not check.missing and not check.unused  # every [sound:] has its file, and back
    # the card's back plays it: Anki turns the tag into an audio reference
    card = collection.get_card(collection.find_cards(f"nid:{bank.id}")[0])
    assert any(word_file[1] in str(tag) for tag in card.answer_av_tags())


def test_a_deck_without_audio_has_no_media(tmp_path: Path, collection: Collection) -> None:
    package = write_apkg(tmp_path / "plain.apkg", sample_list(), ExportOptions())
    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
    assert not list(Path(collection.media.dir()).iterdir())
    note = collection.get_note(collection.find_notes("")[0])
    assert note["Audio"] == "" and note["Example audio"] == ""


def test_the_same_word_twice_is_one_file(tmp_path: Path, collection: Collection) -> None:
    twice = ExportList("twice", (BANK, PRESIDENT, ISM))
    package = write_apkg(tmp_path / "a.apkg", twice, ExportOptions(anki_audio=True))
    again = ExportList("again", (BANK,))
    package_2 = write_apkg(tmp_path / "b.apkg", again, ExportOptions(anki_audio=True))
    for each in (package, package_2):
        collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(each)))
    assert len(list(Path(collection.media.dir()).iterdir())) == 3


def test_no_voice_no_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NoChineseVoice):
        write_apkg(tmp_path / "x.apkg", sample_list(), ExportOptions(anki_audio=True))
    assert not list(tmp_path.glob("*.apkg*"))


def test_cli_audio_option(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir / DB_FILENAME) as store:
        article, list_id = stock_lesson_article(store)
        store.vocab.add_words([bank_word(article)])
    out = tmp_path / "deck.apkg"
    assert main(["export", str(list_id), "-o", str(out), "--audio", "--sentence-audio"]) == 0
    with zipfile.ZipFile(out) as deck:
        media = json.loads(deck.read("media"))
        sizes = [deck.getinfo(number).file_size for number in media]
    assert len(media) == 2 and all(name.endswith(".wav") for name in media.values())
    assert all(size > 10_000 for size in sizes)  # about half a second of sound at least


def test_export_dialog_audio_checkbox(qtbot: QtBot, tmp_path: Path) -> None:
    """Checked, the Anki export gets the words' and the sentences' audio; it is for Anki
    only, and remembered for the next export."""
    from reader.core.export.formats import ExportFormat
    from reader.core.settings import Settings
    from reader.ui.export_dialog import ExportDialog

    lists = [WordList(1, "Lesson", None, datetime(2026, 11, 1), 4)]
    settings = Settings(export_folder=str(tmp_path))
    dialog = ExportDialog(lists, settings)
    qtbot.addWidget(dialog)
    assert not dialog.anki_audio.isChecked() and not dialog.options().anki_audio
    dialog.anki_audio.setChecked(True)
    options = dialog.options()
    assert options.anki_audio and options.anki_sentence_audio
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.CSV))
    assert not dialog.anki_audio.isEnabled()
    dialog.save_to(settings)
    again = ExportDialog(lists, settings)
    qtbot.addWidget(again)
    assert again.anki_audio.isChecked()


def test_audio_reports_every_word_and_can_be_cancelled(tmp_path: Path) -> None:
    """Audio takes tens of milliseconds a word: the progress moves with every word, and a
    cancel stops the export between two words, leaving no file."""
    seen: list[int] = []
    progress = Progress(lambda done, _total, _message: seen.append(done))
    write_apkg(
        tmp_path / "a.apkg", sample_list(), ExportOptions(anki_audio=True), progress=progress
    )
    assert {0, 1, 2, 3} <= set(seen)

    def cancel_at_second(done: int, _total: int, _message: str) -> None:
        if done == 1:
            stopping.cancel()

    stopping = Progress(cancel_at_second)
    with pytest.raises(Cancelled):
        write_apkg(
            tmp_path / "b.apkg", sample_list(), ExportOptions(anki_audio=True), progress=stopping
        )
    assert not list(tmp_path.glob("b.apkg*"))
