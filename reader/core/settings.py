"""The user's settings: one typed object with defaults, stored as JSON in the data dir.

Unknown keys from a newer version are ignored and a damaged file falls back to the
defaults, so a settings problem never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SETTINGS_FILENAME = "settings.json"
MAX_RECENT_FILES = 10


@dataclass
class Settings:
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    recent_files: list[str] = field(default_factory=list)
    last_article_id: int | None = None
    # The reader view: how readings are shown (values of the enums in reader.ui)
    pinyin_style: str = "marks"  # marks | numbers | zhuyin | hidden
    tone_sandhi: bool = False  # show 一/不 with their spoken tones (reader.core.analysis.display)
    ruby_words: str = "all"  # all | unknown (not marked known) | above_hsk
    ruby_min_hsk: int = 3  # with "above_hsk": readings only over words above this HSK level
    tone_scheme: str = "pleco"  # none | pleco | zhongwen | hanping
    color_characters: bool = False  # tone colours on the characters too, not only pinyin
    script: str = "simplified"  # simplified | traditional (Taiwan) | traditional_hk | …_opencc
    pinyin_joined: bool = True  # a word's syllables written together (shàngwǔ), else spaced
    word_gaps: bool = True  # a small space between the words of the text
    status_marks: str = "background"  # background (LWT / LingQ) | underline | none
    compact_popup: bool = False  # the popup shows the word, pinyin, first senses, HSK only
    font_family: str = ""  # "" = the platform's default CJK font
    font_size: int = 22  # pixels of the characters; the pinyin is a fraction of it
    theme: str = "system"  # system | light | dark
    # The export dialog remembers its last choices (values of reader.core.export enums)
    export_format: str = "apkg"
    export_columns: list[str] = field(default_factory=list)  # [] = the default columns
    export_page_size: str = "A4"  # A4 | Letter
    export_article: bool = True  # PDF: print the article after the table
    export_article_pinyin: bool = True  # PDF: pinyin over the article
    export_anki_cloze: bool = False  # Anki: a cloze note per example sentence too
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
        if f.name in raw and _same_shape(raw[f.name], getattr(defaults, f.name)):
            values[f.name] = raw[f.name]
    return Settings(**values)


def _same_shape(value: Any, default: Any) -> bool:
    if default is None:
        return value is None or isinstance(value, int)
    return isinstance(value, type(default))


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
