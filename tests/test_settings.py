"""The settings file: display choices as enums, written as their values, and read back
as members; a value no enum knows (a newer version's, a damaged file's) is the default."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.settings import (
    SETTINGS_FILENAME,
    PinyinForm,
    RubyWords,
    Script,
    Settings,
    Theme,
    ToneScheme,
    load_settings,
    save_settings,
)


def test_enum_settings_round_trip_as_their_values(tmp_path: Path) -> None:
    settings = Settings(
        pinyin_style=PinyinForm.ZHUYIN,
        ruby_words=RubyWords.ABOVE_HSK,
        tone_scheme=ToneScheme.HANPING,
        script=Script.TRADITIONAL,
        theme=Theme.DARK,
    )
    save_settings(tmp_path, settings)
    written = json.loads((tmp_path / SETTINGS_FILENAME).read_text(encoding="utf-8"))
    assert (written["pinyin_style"], written["theme"]) == ("zhuyin", "dark")
    again = load_settings(tmp_path)
    assert again == settings and again.pinyin_style is PinyinForm.ZHUYIN


def test_unknown_or_misshapen_values_fall_back_to_the_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILENAME).write_text(
        json.dumps(
            {
                "pinyin_style": "cyrillic",  # a newer version's choice
                "script": "traditional",
                "font_size": "big",
                "last_article_id": 7,
                "recent_files": "not a list",
                "from_the_future": True,
            }
        ),
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.pinyin_style is PinyinForm.MARKS and settings.script is Script.TRADITIONAL
    assert (settings.font_size, settings.last_article_id, settings.recent_files) == (22, 7, [])
