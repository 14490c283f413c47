"""A video file's name → a title a reader can read.

Subtitles are named after their video's release: ``Loki.S01E03.720p.WEB-DL.x264-GROUP.chs``,
``[Nekomoe kissaten] Ai no Utagoe wo Kikasete [Movie][BDRip].TC``. guessit (the parser
media centres use for such names) finds the title, year, season and episode; the release
tags (resolution, source, codec, the group, the subtitle's language) are left out. Dots and
underscores are spaces; an episode reads ``S01E03``. A name guessit finds no title in is
kept, its separators made spaces.
"""

from __future__ import annotations

import re
from typing import Any

_SEPARATORS = re.compile(r"[._\s]+")


def _number(value: Any) -> int | None:
    """guessit gives a list when a name holds several (``S01E01E02``): the first counts."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, int) else None


def readable_title(stem: str) -> str:
    """``Bridge of Spies (2015) (1080p BluRay x265 Silence).zh-cn`` → ``Bridge of Spies (2015)``."""
    from guessit import guessit

    try:
        found: dict[str, Any] = dict(guessit(stem + ".srt"))
    except Exception:  # guessit's rule engine on a name it cannot take apart
        found = {}
    title = str(found.get("title") or "").strip()
    if not title:
        return _SEPARATORS.sub(" ", stem).strip() or stem
    parts = [title]
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
        parts.append(f"– {episode_title}")
    return " ".join(parts)
