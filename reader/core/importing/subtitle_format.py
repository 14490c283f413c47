"""Subtitles (.srt, .ass, .ssa, .vtt) → one article of dialogue, with each line's timing.

The file is read with pysubs2 (all four formats): cue numbers, timecodes, styles and ASS
override tags (``{\\fnMicrosoft YaHei\\fs16}``) never reach the text, drawing commands and
comment lines are skipped, and a cue never shown (zero length, a template) is dropped.
Of a bilingual cue only the Chinese lines stay (an English or Japanese line beside them
goes), and when the file has Chinese at all, cues without any (an untranslated song, a
Japanese karaoke line) go too. Animated credits repeat one string in dozens of back-to-back
cues: a cue that repeats the text of one still on screen (or just gone) is dropped. A cue
of two speakers, each opened by a dash (``-绝对不可能 -真的是这样``), is a line each. A
file with no cue at all raises ``NoCues`` (it is read as plain text).

The article is titled from the file name as a reader would say it (``release_name``:
``Loki.S01E03.720p.WEB-DL.x264-GROUP.chs`` → ``Loki S01E03``). Each paragraph is one
cue (or one speaker's part of it); ``cue_times`` holds its (start, end) in milliseconds.
The original text is the subtitle file itself, so the library keeps the timings with the
article: importing the stored original again gives them back.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from pathlib import Path

from reader.core.importing.article import ImportedArticle, has_words, make_article
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import check_length
from reader.core.importing.release_name import readable_title

SUBTITLE_SUFFIXES = (".srt", ".ass", ".ssa", ".vtt")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_REPEAT_GAP_MS = 1000  # a repeat this soon after the same text: an animation frame
_FORMATS = {".srt": "srt", ".ass": "ass", ".ssa": "ssa", ".vtt": "vtt"}
# two speakers in one cue, each line opened by a dash (-绝对不可能 -真的是这样): where the
# second one's begins (a dash before words, not a minus before a number)
_SPEAKER = re.compile(r"^[\-－—]+(?=[^\s\d\-－—])")
_NEXT_SPEAKER = re.compile(r"\s+(?=[\-－—]+[^\s\d\-－—])")


class NoCues(ImportFailed):
    """The file holds not one cue (a text saved under a subtitle's name): the importer reads
    it as plain text instead, and says so."""

    def __init__(self, suffix: str) -> None:
        super().__init__(
            f"This file is named like a subtitle file ({suffix}) but holds no subtitles: "
            "it was imported as plain text."
        )


def _chinese(line: str) -> bool:
    """Hanzi, and not a Japanese line (which has kana among its kanji)."""
    han = len(_HAN.findall(line))
    return han > 0 and len(_KANA.findall(line)) * 4 < han


def _cue_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def articles_from_subtitles(text: str, source: str) -> list[ImportedArticle]:
    import pysubs2

    check_length(len(text))
    suffix = Path(source).suffix.lower()
    try:
        with warnings.catch_warnings():  # a field it cannot parse is defaulted: not news
            warnings.simplefilter("ignore")
            subs = pysubs2.SSAFile.from_string(text, format_=_FORMATS.get(suffix))
    except Exception:  # pysubs2 raises its own errors and ValueError on malformed lines
        raise ImportFailed(
            "This subtitle file cannot be read (it is damaged or not in the format its name says)."
        ) from None
    if not subs.events:
        raise NoCues(suffix)
    cues = sorted(
        (
            (event.start, event.end, _cue_lines(event.plaintext))
            for event in subs.events
            if not event.is_comment and not event.is_drawing and event.end > event.start
        ),
        key=lambda cue: cue[0],
    )
    has_chinese = any(_chinese(line) for _, _, lines in cues for line in lines)
    paragraphs: list[str] = []
    times: list[tuple[int, int]] = []
    shown_until: dict[str, int] = {}
    for start, end, lines in cues:
        kept = [line for line in lines if _chinese(line)] if has_chinese else lines
        line = " ".join(kept)
        if not has_words(line):
            continue
        if line in shown_until and shown_until[line] + _REPEAT_GAP_MS >= start:
            shown_until[line] = max(end, shown_until[line])
            continue
        shown_until[line] = end
        speakers = _NEXT_SPEAKER.split(line) if _SPEAKER.match(line) else [line]
        paragraphs.extend(speakers)
        times.extend([(start, end)] * len(speakers))
    if not paragraphs:
        raise ImportFailed("This subtitle file has no dialogue to read.")
    article = make_article(readable_title(Path(source).stem), paragraphs, text, source)
    return [replace(article, cue_times=tuple(times))]
