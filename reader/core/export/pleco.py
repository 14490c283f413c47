"""Pleco's flashcard import text: ``//`` category lines, then cards:
``简体[繁體]<TAB>pinyin<TAB>definition``.

Pleco reads one card per line, so a tab or line break inside a field would start a new
field or card, and a line that begins with ``//`` is a category: fields are flattened to
one line and a headword can never begin a line with ``//``. The pinyin is numbered, run
together as Pleco writes it (``yin2hang2``).
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.atomic import write_bytes_atomically
from reader.core.export.model import ExportList, ExportOptions, ExportWord, each_word
from reader.core.progress import Progress


def _flat(text: str) -> str:
    return " ".join(text.split())


def _headword(word: ExportWord, options: ExportOptions) -> str:
    simplified = _flat(word.simplified).lstrip("/")
    traditional = _flat(word.traditional)
    if options.include_traditional and traditional and traditional != simplified:
        return f"{simplified}[{traditional}]"
    return simplified


def _definition(word: ExportWord, options: ExportOptions) -> str:
    parts = [word.meaning]
    if word.classifiers:
        parts.append(f"CL: {word.classifiers}")
    if options.include_sentence and word.sentence:
        parts.append(word.sentence)
    if options.include_notes and word.notes:
        parts.append(word.notes)
    return _flat(" — ".join(p for p in parts if p))


def category(name: str) -> str:
    """The category line for a list: Pleco nests on "/", so a name's own slashes go."""
    return "//Reader/" + (_flat(name).replace("/", "-") or "Words")


def pleco_text(
    word_list: ExportList, options: ExportOptions, progress: Progress | None = None
) -> str:
    lines = [category(word_list.name)]
    for word in each_word(word_list, progress, "Writing cards"):
        headword = _headword(word, options)
        if not headword:
            continue
        pinyin = "".join(_flat(word.pinyin).split(" "))
        lines.append(f"{headword}\t{pinyin}\t{_definition(word, options)}")
    return "\n".join(lines) + "\n"


def write_pleco(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """UTF-8 with a BOM, which Pleco's importer uses to recognise the encoding."""
    data = pleco_text(word_list, options, progress).encode("utf-8-sig")
    return write_bytes_atomically(path, data, overwrite=overwrite)
