"""A video file's name → a title a reader can read.

Subtitles are named after their video's release: ``Loki.S01E03.720p.WEB-DL.x264-GROUP.chs``,
``[Nekomoe kissaten] Ai no Utagoe wo Kikasete [Movie][BDRip].TC``. guessit (the parser
media centres use for such names) finds the title, year, season and episode; the release
tags (resolution, source, codec, the group, the subtitle's language) are left out. Dots and
underscores are spaces; an episode reads ``S01E03``. A name guessit finds no title in is
kept, its separators made spaces.

guessit knows video tags, not a subtitle's: its language, script and encoding (``chs``,
``zh-tw``, ``简英双语``, ``BIG5``, ``utf8``), which it takes for an episode's title or the
group. They are taken off first: a tag nothing else can mean ends the title where it
stands (what follows it is the release's), one that could be a word (``tc``, ``en``, ``gb``)
only among the tags that end the name; a bracketed tag (``[GB]``) goes wherever it is. So
does a format's name before the title (``srt_…``) and a subtitle site's index after its
name (``[zimuku]_5_Loki…``). A title in lower case alone (``oslo.2021…``) is capitalised as
English titles are.
"""

from __future__ import annotations

import re
from typing import Any

_SEPARATORS = re.compile(r"[._\s]+")
_CUT = r"[._\s\-&+()\[\]]"  # what separates the words and tags of a release name
# tags that are never a word of a title: a subtitle's language, script or encoding
_TAGS = (
    r"chs|cht|chi|chn|zho|zhcn|zhtw|zhhk|hans|hant|bilingual|trad|simp|big5|gbk|gb2312|"
    r"gb18030|utf-?8(?:bom)?|utf-?16(?:le|be)?|ansi|[简繁中英日韩双][简繁体中英日韩双语文字幕]+"
)
# tags that may also be words, taken off only among the tags that end a name
_WORDY_TAGS = r"zh|cn|tw|hk|en|eng|sc|tc|gb|jp|ja|jpn|kor|sub|subs|effects?"
_TAG = re.compile(rf"(?<![^._\s\-&+()\[\]])(?:{_TAGS})(?={_CUT}|$)", re.IGNORECASE)
_TRAILING_TAGS = re.compile(rf"(?:{_CUT}+(?:{_TAGS}|{_WORDY_TAGS}))+{_CUT}*$", re.IGNORECASE)
_BRACKETED_TAG = re.compile(
    rf"\[(?:{_TAGS}|{_WORDY_TAGS})(?:[\s&+_-]+(?:{_TAGS}|{_WORDY_TAGS}))*\]", re.I
)
# a fansub's season banner: ★01月新番★, [4月新番]
_STARRED = re.compile(r"★[^★]{0,20}★|\[[^\]]{0,8}新番[^\]]{0,8}\]")
_FORMAT_PREFIX = re.compile(r"^(?:srt|ass|ssa|vtt|sub)[._\s]+(?=\S)", re.IGNORECASE)
_SITE_INDEX = re.compile(r"^(\[[^\]]+\])[._\s]*\d{1,3}[._\s]+(?=\S)")
_BRACKET_RUN = re.compile(r"^(\[[^\]]+\])\s*\[([^\]]+)\]")
# the words English titles keep in lower case (Bridge of Spies, The Lord of the Rings)
_SMALL_WORDS = frozenset(re.findall(r"\w+", "a an and as at but by for from in of on or the to"))


def _number(value: Any) -> int | None:
    """guessit gives a list when a name holds several (``S01E01E02``): the first counts."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, int) else None


def _without_subtitle_tags(stem: str) -> str:
    """``stem`` without the subtitle's language, script and encoding tags and what follows
    the first of them, its format's name before it, a site's index after its group and a
    fansub's season banner (``【喵萌奶茶屋】★01月新番★[摇曳露营]``: its group in 【】)."""
    stem = _STARRED.sub(" ", stem.replace("【", "[").replace("】", "]"))
    stem = _BRACKETED_TAG.sub("", _FORMAT_PREFIX.sub("", stem))
    stem = _SITE_INDEX.sub(r"\1 ", stem)
    first = _TAG.search(stem)
    if first is not None and stem[: first.start()].strip("._ -&+([])"):
        stem = stem[: first.start()]
    return _TRAILING_TAGS.sub("", stem) or stem


def _capitalised(title: str) -> str:
    """A title in lower case alone as English capitalises one (``bridge of spies`` →
    ``Bridge of Spies``); any other as it is."""
    if not title.isascii() or title != title.lower():
        return title
    words = title.split(" ")
    return " ".join(
        word if 0 < i < len(words) - 1 and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    )


def _guess(name: str) -> dict[str, Any]:
    from guessit import guessit

    try:
        return dict(guessit(name + ".srt"))
    except Exception:  # guessit's rule engine on a name it cannot take apart
        return {}


def readable_title(stem: str) -> str:
    """``Bridge of Spies (2015) (1080p BluRay x265 Silence).zh-cn`` → ``Bridge of Spies (2015)``."""
    name = _without_subtitle_tags(stem)
    found = _guess(name)
    if not found.get("title") and _BRACKET_RUN.match(name):
        # [Group][Title][01][720p]: the group's brackets, then the title's
        found = _guess(_BRACKET_RUN.sub(r"\1 \2 ", name))
    title = str(found.get("title") or "").strip()
    if not title:
        return _SEPARATORS.sub(" ", name).strip() or stem
    parts = [_capitalised(title)]
    year = _number(found.get("year"))
    if year is not None:
        parts.append(f"({year})")
    season, episode = _number(found.get("season")), _number(found.get("episode"))
    marker = (f"S{season:02d}" if season is not None else "") + (
        f"E{episode:02d}" if episode is not None else ""
    )
    if marker:
        parts.append(marker)
    episode_title = str(found.get("episode_title") or "").strip()
    if episode_title:
        parts.append(f"– {_capitalised(episode_title)}")
    return " ".join(parts)
