"""The user's settings: one typed object with defaults, stored as JSON in the data dir.

The display choices are enums (stored as their values), so every part that reads them
gets a checked value, never a string to compare. Unknown keys from a newer version are
ignored, and a value that is not one of its enum's (a newer version's, a damaged file's)
or a damaged file falls back to the default, so a settings problem never stops the app
from starting.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

SETTINGS_FILENAME = "settings.json"
MAX_RECENT_FILES = 10


class PinyinForm(StrEnum):
    MARKS = "marks"
    NUMBERS = "numbers"
    ZHUYIN = "zhuyin"
    HIDDEN = "hidden"


class RubyWords(StrEnum):
    ALL = "all"
    UNKNOWN = "unknown"  # words not marked known (or ignored)
    ABOVE_HSK = "above_hsk"  # words above a chosen HSK level, and words in no HSK list
    OFF_LIST = "off_list"  # words outside the class's lists (`reader.core.class_lists`)


class Script(StrEnum):
    """The characters shown: simplified, or traditional in one of OpenCC's standards
    (``reader.core.script_conversion.in_script``)."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"  # Taiwan's standard, the default for "traditional"
    TRADITIONAL_HK = "traditional_hk"
    TRADITIONAL_OPENCC = "traditional_opencc"  # OpenCC's own

    @property
    def is_traditional(self) -> bool:
        return self is not Script.SIMPLIFIED


class StatusMarks(StrEnum):
    """How a word's status shows in the text."""

    BACKGROUND = "background"  # LWT / LingQ: new words blue, learning words yellow by level
    UNDERLINE = "underline"  # a dotted line under new words, a dashed one under learning ones
    NONE = "none"


class ToneScheme(StrEnum):
    NONE = "none"
    PLECO = "pleco"
    ZHONGWEN = "zhongwen"
    HANPING = "hanping"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass
class Settings:
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    recent_files: list[str] = field(default_factory=list)
    last_article_id: int | None = None
    # The reader view: how readings are shown
    pinyin_style: PinyinForm = PinyinForm.MARKS
    tone_sandhi: bool = False  # show 一/不 with their spoken tones (reader.core.analysis.display)
    ruby_words: RubyWords = RubyWords.ALL
    ruby_min_hsk: int = 3  # with "above_hsk": readings only over words above this HSK level
    glosses: bool = False  # a short gloss under the words that get pinyin (ruby_words)
    tone_scheme: ToneScheme = ToneScheme.PLECO
    color_characters: bool = False  # tone colours on the characters too, not only pinyin
    script: Script = Script.SIMPLIFIED
    pinyin_joined: bool = True  # a word's syllables written together (shàngwǔ), else spaced
    word_gaps: bool = True  # a small space between the words of the text
    status_marks: StatusMarks = StatusMarks.BACKGROUND
    compact_popup: bool = False  # the popup shows the word, pinyin, first senses, HSK only
    font_family: str = ""  # "" = the platform's default CJK font
    font_size: int = 22  # pixels of the characters; the pinyin is a fraction of it
    theme: Theme = Theme.SYSTEM
    # The export dialog remembers its last choices (values of reader.core.export enums)
    export_format: str = "apkg"
    export_columns: list[str] = field(default_factory=list)  # [] = the default columns
    export_page_size: str = "A4"  # A4 | Letter
    export_article: bool = True  # PDF: print the article after the table
    export_article_pinyin: bool = True  # PDF: pinyin over the article
    export_article_off_list: bool = False  # PDF: only over words outside the class lists
    export_article_glosses: bool = False  # PDF: a short gloss under them
    export_anki_cloze: bool = False  # Anki: a cloze note per example sentence too
    export_anki_audio: bool = False  # Anki: each word and its sentence spoken, as media
    speech_rate: float = 1.0  # the voice's speed, 0.5-2.0 (reader.core.speech)
    export_include_ignored: bool = False  # PDF: list the ignored words too
    export_folder: str = ""  # where the last export went

    def remember_file(self, path: str) -> None:
        """Put ``path`` first in the recent-files list."""
        self.recent_files = [path, *(p for p in self.recent_files if p != path)]
        del self.recent_files[MAX_RECENT_FILES:]


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILENAME
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if f.name in raw:
            value = _checked(raw[f.name], getattr(defaults, f.name))
            if value is not None or getattr(defaults, f.name) is None:
                values[f.name] = value
    return Settings(**values)


def _checked(value: Any, default: Any) -> Any:
    """``value`` in the shape of ``default`` (an enum's member from its value), else None."""
    if isinstance(default, Enum):
        try:
            return type(default)(value)
        except ValueError:
            return None
    if default is None:
        return value if value is None or isinstance(value, int) else None
    return value if isinstance(value, type(default)) else None


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write to a temporary file and rename it, so a crash never leaves half a file."""
    path = data_dir / SETTINGS_FILENAME
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
