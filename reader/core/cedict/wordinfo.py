"""Facts about words that CC-CEDICT does not carry: HSK levels and how common a word is.

Frequency bands come from the word counts in jieba's bundled ``dict.txt`` (349k words counted
over a large mixed corpus, the same data the segmenter uses). Words are ranked by count:
band 1 = the 1,000 most frequent, 2 = ranks 1,001–3,000, 3 = up to 10,000, 4 = up to 30,000,
5 = every rarer word jieba knows; a word jieba does not know has no band.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from reader.core import paths

HSK_TABLE = "hsk_levels.tsv"
BAND_LIMITS = (1_000, 3_000, 10_000, 30_000)


def hsk_table_path() -> Path:
    return paths.dictionaries_dir() / HSK_TABLE


def load_hsk_levels(path: Path | None = None) -> dict[str, tuple[int | None, int | None]]:
    """Word (simplified and each traditional form) → (old HSK level, new HSK level)."""
    levels: dict[str, tuple[int | None, int | None]] = {}
    for simplified, traditional, value in _hsk_rows(path):
        levels[simplified] = value
        for form in traditional:
            levels.setdefault(form, value)
    return levels


def load_hsk_headwords(path: Path | None = None) -> dict[str, tuple[int | None, int | None]]:
    """The HSK words as the lists print them (simplified, no variant forms) → levels."""
    return {simplified: value for simplified, _forms, value in _hsk_rows(path)}


def _hsk_rows(
    path: Path | None,
) -> Iterator[tuple[str, list[str], tuple[int | None, int | None]]]:
    for line in (path or hsk_table_path()).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        simplified, traditional, old, new = line.split("\t")
        value = (int(old) if old else None, int(new) if new else None)
        yield simplified, list(filter(None, traditional.split(","))), value


def jieba_dict() -> Traversable:
    """jieba's ``dict.txt``, found as package data so it works in a frozen build too.

    Finding it imports jieba: imported as the segmenter imports it, which spares compiling
    its HMM tables' source where no bytecode is cached (a third of a second)."""
    from reader.core.analysis.jieba_data import imported_jieba

    imported_jieba()
    return importlib.resources.files("jieba").joinpath("dict.txt")


# a line's word and count (``word count [tag]``), found by one scan of the whole file
_COUNTED = re.compile(r"^([^ \r\n]*) ([0-9]+)(?![^ \r\n])", re.MULTILINE)


def load_word_counts(source: Traversable | None = None, keep: bool = False) -> dict[str, int]:
    """Word → count from a jieba dictionary file (``word count [tag]`` per line; other
    lines are skipped). The dictionary index and then the segmenter's word table are made
    from jieba's own (no ``source``): the first asks to ``keep`` the counts for the next
    call, which takes them (a fifth of a second not spent reading them again)."""
    if source is not None:
        return _read_counts(source)
    kept = _kept.pop() if _kept else _read_counts(jieba_dict())
    if keep:
        _kept.append(kept)
    return kept


_kept: list[dict[str, int]] = []  # jieba's counts, kept for the next load_word_counts


def forget_kept_counts() -> None:
    """Let go of the counts kept for a next call that will not come (the segmenter's word
    table was not derived but shipped)."""
    _kept.clear()


def _read_counts(source: Traversable) -> dict[str, int]:
    text = source.read_text(encoding="utf-8")
    return {word: int(count) for word, count in _COUNTED.findall(text)}


def band_edges(counts: dict[str, int]) -> list[int]:
    """The counts at the band limit ranks (see the module docstring)."""
    ordered = sorted(counts.values(), reverse=True)
    return [ordered[limit - 1] for limit in BAND_LIMITS if limit <= len(ordered)]
