"""Names and small conversions the vocabulary widgets share."""

from __future__ import annotations

from typing import Any

from reader.core.pinyin import word_marks
from reader.core.store import ListWord, WordStatus

STATUS_LABELS = {status: status.label for status in WordStatus}
STATUS_KEYS = {  # the keys that set each status, in the article and the popup
    WordStatus.NEW: ["0"],
    WordStatus.LEARNING_1: ["1"],
    WordStatus.LEARNING_2: ["2"],
    WordStatus.LEARNING_3: ["3"],
    WordStatus.LEARNING_4: ["4"],
    WordStatus.KNOWN: ["5", "K"],
    WordStatus.IGNORED: ["I"],
}
STATUS_SHORTCUTS = {status: " / ".join(keys) for status, keys in STATUS_KEYS.items()}


def newest_level(level: Any) -> int | None:
    """The new HSK level (3.0, 7 = 7–9) of a word when it has one, else the old one."""
    if level is None:
        return None
    return getattr(level, "new", None) or getattr(level, "old", None)


def pinyin_marks(numbered: str) -> str:
    """``yin2 hang2`` → ``yínháng`` (``Xi1 an1`` → ``Xī'ān``) for tables, as exports write it."""
    return word_marks(numbered)


def example_html(word: ListWord) -> str:
    """A word's example as rich text, the word in bold (in either script)."""
    from reader.core.export.model import marked_html  # not at launch (the HSK levels are)

    return marked_html(word.sentence, (word.simplified, word.traditional))
