"""Names and small conversions the vocabulary widgets share."""

from __future__ import annotations

from typing import Any

from reader.core.pinyin import word_marks
from reader.core.store import WordStatus

STATUS_LABELS = {
    WordStatus.NEW: "New",
    WordStatus.LEARNING_1: "Learning 1",
    WordStatus.LEARNING_2: "Learning 2",
    WordStatus.LEARNING_3: "Learning 3",
    WordStatus.LEARNING_4: "Learning 4",
    WordStatus.KNOWN: "Known",
    WordStatus.IGNORED: "Ignored",
}


def newest_level(level: Any) -> int | None:
    """The new HSK level (3.0, 7 = 7–9) of a word when it has one, else the old one."""
    if level is None:
        return None
    return getattr(level, "new", None) or getattr(level, "old", None)


def pinyin_marks(numbered: str) -> str:
    """``yin2 hang2`` → ``yínháng`` (``Xi1 an1`` → ``Xī'ān``) for tables, as exports write it."""
    return word_marks(numbered)
