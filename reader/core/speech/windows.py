"""Windows' own Chinese voices through SAPI (Microsoft Huihui, Yaoyao, Kangkang…).

Voices added in Settings ▸ Speech are "OneCore" voices, which SAPI's default list leaves
out; their registry category is read as well, so they are found too. SAPI speaks
asynchronously and pauses natively. comtypes (pure Python) reaches SAPI's COM objects.

A single word with its reading is given as SAPI XML, ``<pron sym="yin 2 hang 2">``, in
SAPI's Chinese phoneme set (pinyin syllables, each followed by its tone digit); a voice
that refuses the XML gets the characters. Sentences are given as characters: the voice's
own lexicon reads them in context.
"""

from __future__ import annotations

import contextlib
import html
import math
import re
from pathlib import Path
from typing import Any

from reader.core.speech.engine import NoChineseVoice, SpeechError, Utterance, clamp_rate

# LCIDs in hex as SAPI's "Language" attribute spells them: zh-CN, zh-TW, zh-HK
_LANGUAGES = ("804", "404", "C04")
_CATEGORIES = (
    r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices",
    r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices",
)
_ASYNC, _PURGE, _XML = 1, 2, 8  # SpeechVoiceSpeakFlags
_WORD_PINYIN = re.compile(r"(?:[a-z]+[1-5])+")  # "yin2hang2": one word, its reading
_SYLLABLE = re.compile(r"([a-z]+)([1-5])")
_DONE = 1  # SpeechRunState.SRSEDone
_WAV_22KHZ_16BIT_MONO = 22  # SpeechAudioFormatType
_CREATE_FOR_WRITE = 3  # SpeechStreamFileMode
WAV_TIMEOUT_MS = 120_000

HOW_TO_ADD = (
    "To hear Chinese, add a Chinese voice to Windows: open Settings ▸ Time & language ▸ "
    "Speech, click Add voices (under Manage voices), choose Chinese (Simplified, China) and "
    "click Add. When it is installed (Microsoft Huihui, Yaoyao and Kangkang), press Speak "
    "again."
)


def _comtypes() -> tuple[Any, tuple[type[Exception], ...]]:
    """comtypes' client module and the errors a COM call raises."""
    try:
        import comtypes
        import comtypes.client
    except ImportError as e:  # not on Windows, or an install without it
        raise NoChineseVoice(HOW_TO_ADD) from e
    errors = (OSError, comtypes.COMError)
    # Every thread that speaks needs COM (the Anki export speaks on a worker); one already
    # set up in another threading model is usable as it is.
    with contextlib.suppress(*errors):
        comtypes.CoInitialize()
    return comtypes.client, errors


def _chinese_token(client: Any, errors: tuple[type[Exception], ...]) -> Any:
    for language in _LANGUAGES:
        for category_id in _CATEGORIES:
            try:
                category = client.CreateObject("SAPI.SpObjectTokenCategory")
                category.SetId(category_id, False)
                tokens = category.EnumerateTokens(f"Language={language}")
            except errors:  # a category this Windows does not have
                continue
            except AttributeError:
                # An object without SAPI's automation interface: comtypes found no type
                # information for it (Wine's SAPI; under Wine the frozen reader-cli crashed
                # here). Its voices cannot be used: none is found.
                continue
            if tokens.Count:
                return tokens.Item(0)
    return None


def sapi_input(utterance: Utterance) -> tuple[str, int]:
    """What SAPI is given, and the flag saying it is XML: a word with its reading as a
    ``<pron>`` (ü has no agreed spelling in the phoneme set: such words stay characters)."""
    pinyin = utterance.pinyin
    if not _WORD_PINYIN.fullmatch(pinyin) or "v" in pinyin:
        return utterance.text, 0
    symbols = " ".join(f"{plain} {tone}" for plain, tone in _SYLLABLE.findall(pinyin))
    return f'<pron sym="{symbols}">{html.escape(utterance.text)}</pron>', _XML


def _sapi_rate(rate: float) -> int:
    """SAPI's -10…10, where ±10 is about three times faster or slower."""
    return max(-10, min(10, round(10 * math.log(clamp_rate(rate), 3))))


class SapiPlayback:
    def __init__(self, voice: Any) -> None:
        self._voice = voice

    def is_done(self) -> bool:
        return int(self._voice.Status.RunningState) == _DONE

    def pause(self) -> None:
        self._voice.Pause()

    def resume(self) -> None:
        self._voice.Resume()

    def stop(self) -> None:
        self._voice.Resume()
        self._voice.Speak("", _ASYNC | _PURGE)


class SapiEngine:
    """A SAPI voice with a Chinese language; `NoChineseVoice` if Windows has none."""

    takes_pinyin = True  # for single words (see sapi_input)

    def __init__(self) -> None:
        self._client, self._errors = _comtypes()
        try:
            self._token = _chinese_token(self._client, self._errors)
            self._voice = self._client.CreateObject("SAPI.SpVoice")
        except self._errors as e:
            raise NoChineseVoice(HOW_TO_ADD) from e
        if self._token is None:
            raise NoChineseVoice(HOW_TO_ADD)
        self._voice.Voice = self._token

    @property
    def name(self) -> str:
        return f"Windows SAPI, {self._token.GetDescription()}"

    def start(self, utterance: Utterance, rate: float = 1.0) -> SapiPlayback:
        try:
            self._voice.Resume()  # a paused voice would hold the new text too
            self._voice.Rate = _sapi_rate(rate)
            self._speak(self._voice, utterance, _ASYNC | _PURGE)
        except self._errors as e:
            raise SpeechError(f"Windows speech failed: {e}") from e
        return SapiPlayback(self._voice)

    def _speak(self, voice: Any, utterance: Utterance, flags: int) -> None:
        text, xml = sapi_input(utterance)
        try:
            voice.Speak(text, flags | xml)
        except self._errors:
            if not xml:
                raise
            voice.Speak(utterance.text, flags)  # a voice that takes no <pron>

    def write_wav(self, utterance: Utterance, path: Path, rate: float = 1.0) -> None:
        try:
            voice = self._client.CreateObject("SAPI.SpVoice")
            voice.Voice = self._token
            voice.Rate = _sapi_rate(rate)
            audio_format = self._client.CreateObject("SAPI.SpAudioFormat")
            audio_format.Type = _WAV_22KHZ_16BIT_MONO
            stream = self._client.CreateObject("SAPI.SpFileStream")
            stream.Format = audio_format
            stream.Open(str(path), _CREATE_FOR_WRITE)
            try:
                voice.AudioOutputStream = stream
                self._speak(voice, utterance, _ASYNC)
                voice.WaitUntilDone(WAV_TIMEOUT_MS)
            finally:
                stream.Close()
        except self._errors as e:
            raise SpeechError(f"Windows speech failed: {e}") from e
        if not path.is_file() or path.stat().st_size <= 44:
            raise SpeechError("Windows speech wrote no audio")
