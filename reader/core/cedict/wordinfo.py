"""Facts about words that CC-CEDICT does not carry: HSK levels and how common a word is.

Frequency bands come from the word counts in jieba's bundled ``dict.txt`` (349k words counted
over a large mixed corpus, the same data the segmenter uses). Words are ranked by count:
band 1 = the 1,000 most frequent, 2 = ranks 1,001–3,000, 3 = up to 10,000, 4 = up to 30,000,
5 = every rarer word jieba knows; a word jieba does not know has no band.
"""

from __future__ import annotations

import bisect
import importlib.util
from pathlib import Path

from reader.core import paths

HSK_TABLE = "hsk_levels.tsv"
BAND_LIMITS = (1_000, 3_000, 10_000, 30_000)


def hsk_table_path() -> Path:
    return paths.dictionaries_dir() / HSK_TABLE


def load_hsk_levels(path: Path | None = None) -> dict[str, tuple[int | None, int | None]]:
    """Word (simplified and each traditional form) → (old HSK level, new HSK level)."""
    levels: dict[str, tuple[int | None, int | None]] = {}
    for line in (path or hsk_table_path()).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        simplified, traditional, old, new = line.split("\t")
        value = (int(old) if old else None, int(new) if new else None)
        levels[simplified] = value
        for form in filter(None, traditional.split(",")):
            levels.setdefault(form, value)
    return levels


def jieba_dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def load_word_counts(path: Path | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with (path or jieba_dict_path()).open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit():
                counts[parts[0]] = max(int(parts[1]), counts.get(parts[0], 0))
    return counts


def frequency_bands(counts: dict[str, int]) -> dict[str, int]:
    """Word → band 1 (most common) … 5 (rare), by rank of count (see the module docstring)."""
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return {
        word: bisect.bisect_left(BAND_LIMITS, rank) + 1 for rank, word in enumerate(ranked, start=1)
    }
