"""The learner's reading fixes: a word or short context and the reading it must have.

A fix is a rule like a segmentation correction: wherever ``text`` occurs, its characters
take ``readings`` (one numbered syllable per character, CC-CEDICT style; "" leaves that
character as the analysis read it, so a context can fix one character: 为时装秀 with only
为 set). Longer fixes win where two overlap; each occurrence is fixed once, left to right.
Pure and light (no model): the store, the packs and the analysis share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.core.pinyin import SYLLABLES, marks_to_numbered

KEEP = "-"  # typed for a character whose reading the fix leaves alone


class ReadingFixError(ValueError):
    """A fix that cannot be stored; the message says why."""


@dataclass(frozen=True, slots=True)
class ReadingFix:
    text: str
    readings: tuple[str, ...]

    def __post_init__(self) -> None:
        check_fix(self.text, self.readings)


def check_fix(text: str, readings: Sequence[str]) -> None:
    """Raise ``ReadingFixError`` unless ``readings`` has one syllable (or "") per
    character of ``text`` and fixes at least one."""
    if not text:
        raise ReadingFixError("a reading fix needs the text it applies to")
    if len(readings) != len(text):
        raise ReadingFixError(
            f"{text!r} has {len(text)} characters but {len(readings)} readings were given"
        )
    if not any(readings):
        raise ReadingFixError(f"the fix for {text!r} sets no reading")
    for syllable in readings:
        if syllable and not is_numbered_syllable(syllable):
            raise ReadingFixError(f"{syllable!r} is not a pinyin syllable with a tone 1-5")


def is_numbered_syllable(syllable: str) -> bool:
    """``hang2``, ``lu:4``, ``lv4``, ``r5``: a known syllable and a tone digit."""
    base, tone = syllable[:-1].lower().replace("u:", "v").replace("ü", "v"), syllable[-1:]
    return tone in "12345" and tone != "" and base in SYLLABLES


def normalised(syllable: str) -> str:
    """A syllable as the readings spell it: lowercase, ``u:`` for ü (``lv4`` → ``lu:4``)."""
    return syllable.lower().replace("ü", "u:").replace("v", "u:")


def parse_readings(typed: str) -> list[str]:
    """What a learner types, one syllable per character (``wèi - - -``, ``hang2 zhang3``),
    as a fix's readings: tone numbers kept, tone marks numbered, ``-`` as ""."""
    out = []
    for syllable in typed.split():
        if syllable == KEEP:
            out.append("")
        elif syllable[-1].isdigit():
            out.append(syllable)
        else:
            numbered = marks_to_numbered(syllable)
            out.append(numbered if " " not in numbered else syllable)  # one syllable, or refused
    return out


def shown(readings: Sequence[str]) -> str:
    """A fix's readings as ``parse_readings`` reads them back (``wei4 - - -``)."""
    return " ".join(r or KEEP for r in readings)


def apply_fixes(text: str, readings: list[str], fixes: Iterable[ReadingFix]) -> list[str]:
    """``readings`` (one per character of ``text``) with every occurrence of a fix's text
    given the fix's readings; longest fixes first, an occurrence overlapping one already
    fixed is skipped."""
    ordered = sorted(fixes, key=lambda fix: -len(fix.text))
    if not ordered:
        return readings
    out = list(readings)
    taken = [False] * len(text)
    for fix in ordered:
        start = text.find(fix.text)
        while start != -1:
            end = start + len(fix.text)
            if not any(taken[start:end]):
                for i, syllable in enumerate(fix.readings, start):
                    if syllable:
                        out[i] = normalised(syllable)
                taken[start:end] = [True] * len(fix.text)
            start = text.find(fix.text, start + 1)
    return out
