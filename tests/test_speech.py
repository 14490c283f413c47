"""Speech with the real engine: eSpeak NG's Mandarin voice on Linux, checked with sox.

The WAV files ``reader speak`` writes are measured (length, loudness) with sox; that the
app's readings reach the engine is checked against what espeak-ng itself makes of the
same pinyin. Without espeak-ng and sox these tests skip, except in CI, which installs them.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import paths
from reader.core.analysis.pipeline import Analyzer
from reader.core.importing import import_file
from reader.core.speech import (
    NoChineseVoice,
    Utterance,
    espeak,
    macos,
    save_wav,
    sentences,
    sentences_from,
    spoken_syllables,
    system_engine,
    token_at_char,
    tokens_utterance,
    word_utterance,
)
from reader.core.speech.windows import sapi_input

ESPEAK = shutil.which("espeak-ng")
SOX = shutil.which("sox")
needs_engine = pytest.mark.skipif(
    (ESPEAK is None or SOX is None) and not os.environ.get("CI"),
    reason="espeak-ng and sox are not installed (CI installs them)",
)


def sox_stat(path: Path) -> dict[str, float]:
    """sox's own measurement of a sound file: length in seconds, RMS and peak amplitude."""
    assert SOX is not None
    report = subprocess.run(
        [SOX, str(path), "-n", "stat"], capture_output=True, text=True, check=True
    ).stderr
    figures = dict(re.findall(r"^(.+?):\s+(-?[\d.]+)\s*$", report, re.MULTILINE))
    return {
        "seconds": float(figures["Length (seconds)"]),
        "rms": float(figures["RMS     amplitude"]),
        "peak": float(figures["Maximum amplitude"]),
    }


def samples(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


def espeak_says(text: str, path: Path) -> Path:
    """What espeak-ng's pinyin voice makes of ``text``, run directly."""
    assert ESPEAK is not None
    command = [ESPEAK, "-v", espeak.VOICE, "-s", str(espeak.WORDS_PER_MINUTE), "-w", str(path)]
    subprocess.run([*command, text], check=True, capture_output=True)
    return path


@needs_engine
def test_speak_a_word_and_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    word, sentence = tmp_path / "word.wav", tmp_path / "sentence.wav"
    assert main(["speak", "银行", "--output", str(word)]) == 0
    assert main(["speak", "这位行长在银行工作了二十年。", "-o", str(sentence)]) == 0
    assert "eSpeak NG" in capsys.readouterr().out
    word_stat, sentence_stat = sox_stat(word), sox_stat(sentence)
    # two syllables take about a second; fourteen characters several
    assert 0.4 < word_stat["seconds"] < 2.5
    assert 2.5 < sentence_stat["seconds"] < 10
    for stat in (word_stat, sentence_stat):
        assert stat["rms"] > 0.02  # speech, not silence
        assert stat["peak"] > 0.2


@needs_engine
def test_the_apps_readings_are_what_is_said(tmp_path: Path) -> None:
    """eSpeak's own dictionary reads 银行 as yín xíng; the app's reading yín háng is said."""
    ours = tmp_path / "ours.wav"
    assert main(["speak", "银行", "-o", str(ours)]) == 0
    assert samples(ours) == samples(espeak_says("yin2hang2", tmp_path / "pinyin.wav"))
    assert samples(ours) != samples(espeak_says("银行", tmp_path / "characters.wav"))


@needs_engine
def test_reading_forces_what_a_polyphone_says(tmp_path: Path) -> None:
    hang, xing = tmp_path / "hang.wav", tmp_path / "xing.wav"
    assert main(["speak", "行", "--reading", "háng", "-o", str(hang)]) == 0
    assert main(["speak", "行", "--reading", "xing2", "-o", str(xing)]) == 0
    assert samples(hang) == samples(espeak_says("hang2", tmp_path / "direct.wav"))
    assert samples(hang) != samples(xing)


@needs_engine
def test_rate_changes_the_length(tmp_path: Path) -> None:
    engine = system_engine()
    text = tokens_utterance(Analyzer.create().analyse("我们明天早上八点在学校门口见面。"))
    slow = save_wav(engine, text, tmp_path / "slow.wav", rate=0.6)
    fast = save_wav(engine, text, tmp_path / "fast.wav", rate=1.8)
    assert slow > 1.8 * fast


@needs_engine
def test_cli_refuses_bad_input_and_keeps_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "mine.wav"
    existing.write_bytes(b"the user's own file")
    assert main(["speak", "银行", "-o", str(existing)]) == 1
    assert "exists; add --force" in capsys.readouterr().err
    assert existing.read_bytes() == b"the user's own file"
    assert main(["speak", "行长", "--reading", "hang2", "-o", str(tmp_path / "a.wav")]) == 2
    assert "1 syllables but 行长 has 2 characters" in capsys.readouterr().err
    assert main(["speak", "行", "--rate", "5", "-o", str(tmp_path / "b.wav")]) == 2
    assert main(["speak", "行", "-o", str(tmp_path / "no" / "such" / "c.wav")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert [p.name for p in tmp_path.glob("*.wav*")] == ["mine.wav"]  # no stray temp files


@needs_engine
def test_missing_chinese_voice_says_how_to_add_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An eSpeak NG whose data has no Mandarin voice (a trimmed install) is not used."""
    assert ESPEAK is not None
    listing = subprocess.run([ESPEAK, "--version"], capture_output=True, text=True).stdout
    data = Path(listing.split("Data at:")[1].strip())
    trimmed = tmp_path / "espeak-ng-data"
    shutil.copytree(data, trimmed, ignore=shutil.ignore_patterns("cmn*"))
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path))
    with pytest.raises(NoChineseVoice) as problem:
        system_engine("linux")
    assert "sudo apt install espeak-ng" in str(problem.value)
    assert main(["speak", "银行", "-o", str(tmp_path / "w.wav")]) == 1
    assert "install the free eSpeak NG voice" in capsys.readouterr().err
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng at all
    with pytest.raises(NoChineseVoice, match="sudo apt install espeak-ng"):
        system_engine("linux")


def test_windows_and_macos_say_where_to_add_a_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Here neither SAPI nor ``say`` exists: each system's own advice comes back."""
    monkeypatch.setenv("PATH", "")
    with pytest.raises(NoChineseVoice, match=r"Settings ▸ Time & language ▸ Speech"):
        system_engine("win32")
    with pytest.raises(NoChineseVoice, match=r"Spoken Content.*Tingting"):
        system_engine("darwin")


def test_windows_gets_a_words_reading_as_sapi_phonemes() -> None:
    """SAPI's Chinese phoneme set: pinyin syllables each followed by its tone digit."""
    bank = sapi_input(word_utterance("银行", "yín háng"))
    assert bank == ('<pron sym="yin 2 hang 2">银行</pron>', 8)  # 8: SVSFIsXML
    assert sapi_input(word_utterance("女儿", "nǚ ér")) == ("女儿", 0)  # ü: characters
    assert sapi_input(Utterance("我去银行。", "wo3 qu4 yin2hang2 。")) == ("我去银行。", 0)
    assert sapi_input(Utterance("<b>")) == ("<b>", 0)


def test_macos_voice_list_puts_mainland_mandarin_first() -> None:
    listing = """Alex                en_US    # Most people recognize me by my voice.
Meijia              zh_TW    # 你好，我叫美佳。
Sinji               zh_HK    # 你好！我叫善怡。
Tingting (Enhanced) zh_CN    # 你好！我叫婷婷。
Thomas              fr_FR    # Bonjour, je m’appelle Thomas.
"""
    assert macos.chinese_voices(listing) == ["Tingting (Enhanced)", "Meijia", "Sinji"]
    assert macos.chinese_voices("Alex                en_US    # Hello\n") == []


def test_readings_in_any_spelling() -> None:
    assert spoken_syllables("háng zhǎng") == ["hang2", "zhang3"]
    assert spoken_syllables("hang2zhang3") == ["hang2", "zhang3"]
    assert spoken_syllables("nǚ'ér") == spoken_syllables("nu:3 er2") == ["nv3", "er2"]
    assert word_utterance("行长", "háng zhǎng") == Utterance("行长", "hang2zhang3")
    with pytest.raises(ValueError, match="has 2 characters"):
        word_utterance("银行", "yin")


def test_utterance_keeps_the_pauses_and_the_analysis_readings(analyzer: Analyzer) -> None:
    tokens = analyzer.analyse("这位行长在银行工作，2024年。")
    utterance = tokens_utterance(tokens)
    assert utterance.text == "这位行长在银行工作，2024年。"
    assert "hang2zhang3" in utterance.pinyin and "yin2hang2" in utterance.pinyin
    assert "，2024" in utterance.pinyin and utterance.pinyin.endswith("。")


def test_read_aloud_follows_the_seed_articles_sentences(analyzer: Analyzer) -> None:
    """Sentences of the seed article, as read in the document itself: the first report is
    two sentences and the photo credit; the second opens with two, then a question pair,
    then the section number 一 on its own line."""
    articles = import_file(paths.seed_article())
    first = articles[0].text
    found = [first[s.start : s.end] for s in sentences(analyzer.analyse(first))]
    assert found[0] == "6月5日上午，前来大足石刻宝顶山景区的游客络绎不绝，其中不乏外国游客的身影。"
    assert found[1].startswith("近年来，大足区坚持以文塑旅")
    assert found[1].endswith("大足石刻的“国际朋友圈”越来越大。")
    assert found[2:] == ["新渝报记者 谢凤 摄"]
    second = articles[1].text
    spans = sentences(analyzer.analyse(second))
    found = [second[s.start : s.end] for s in spans]
    assert found[1] == (
        "两年间，重庆以科技创新为引擎，通过系统性推进制造业重塑，交出了一份制造业发展的高质量答卷。"
    )
    assert found[2] == "2024年，重庆市规上工业增加值增长7.3%，增速高于全国平均水平1.5个百分点。"
    assert found[3].endswith("带来怎样的变化？") and found[4].endswith("重庆力量？")
    assert found[5] == "一"
    # every word character is in exactly one sentence, in order (a line of only "…………"
    # has nothing to say and is left out)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert re.sub(r"\W", "", "".join(found)) == re.sub(r"\W", "", second)
    # reading from a word on: its sentence, then the next ones, as the whole scan has them
    tokens = analyzer.analyse(second)
    index = token_at_char(tokens, second.index("制造业是国民经济") + 3)
    from_there = list(itertools.islice(sentences_from(tokens, index), 3))
    assert second[from_there[0].start : from_there[0].end] == "制造业是国民经济的重要支柱。"
    assert from_there == spans[found.index("制造业是国民经济的重要支柱。") :][:3]


def test_sapi_objects_without_their_interface_mean_no_voice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """comtypes hands back a bare IUnknown when SAPI gives no type information (Wine): the
    learner gets the how-to-add-a-voice message, not an AttributeError's traceback."""
    from reader.core.speech import windows

    class BareClient:
        def CreateObject(self, name: str) -> object:  # noqa: N802 (comtypes' name)
            return object()  # no SetId, no EnumerateTokens

    monkeypatch.setattr(windows, "_comtypes", lambda: (BareClient(), (OSError,)))
    with pytest.raises(NoChineseVoice, match=r"Settings ▸ Time & language ▸ Speech"):
        windows.SapiEngine()
