"""Speech: the system's Chinese voice behind one small interface (no Qt here).

`system_engine` finds the voice (SAPI on Windows, ``say`` on macOS, eSpeak NG on Linux or
wherever it is installed) or raises `NoChineseVoice` telling the learner how to add one;
`word_utterance`, `tokens_utterance` and `sentences` say what to speak, with the app's own
readings for engines that take pinyin.
"""

from reader.core.speech.choice import system_engine
from reader.core.speech.engine import (
    MAX_RATE,
    MIN_RATE,
    Engine,
    NoChineseVoice,
    Playback,
    SpeechError,
    Utterance,
)
from reader.core.speech.saving import save_wav, wav_seconds
from reader.core.speech.text import (
    Sentence,
    sentence_utterance,
    sentences,
    sentences_from,
    spoken_syllables,
    text_utterance,
    token_at_char,
    tokens_utterance,
    word_utterance,
)

__all__ = [
    "MAX_RATE",
    "MIN_RATE",
    "Engine",
    "NoChineseVoice",
    "Playback",
    "Sentence",
    "SpeechError",
    "Utterance",
    "save_wav",
    "sentence_utterance",
    "sentences",
    "sentences_from",
    "spoken_syllables",
    "system_engine",
    "text_utterance",
    "token_at_char",
    "tokens_utterance",
    "wav_seconds",
    "word_utterance",
]
