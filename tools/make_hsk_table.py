"""Derive ``dictionaries/hsk_levels.tsv`` from complete-hsk-vocabulary's ``complete.min.json``.

The app ships this small table (word → old HSK 1–6, new HSK 1–7 where 7 stands for 7–9)
instead of the 2.9 MB source. Usage::

    uv run python tools/make_hsk_table.py ../shared/data/hsk/complete.min.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "dictionaries" / "hsk_levels.tsv"
HEADER = (
    "# HSK levels, derived from drkameleon/complete-hsk-vocabulary (MIT, see hsk_LICENSE.txt)\n"
    "# by tools/make_hsk_table.py. Columns: simplified, traditional forms (comma-separated),\n"
    "# old HSK 2.0 level 1-6, new HSK 3.0 level 1-7 (7 = levels 7-9); empty = not listed.\n"
)


def _lowest(levels: list[str], prefix: str) -> str:
    found = [int(level[1:]) for level in levels if level.startswith(prefix)]
    return str(min(found)) if found else ""


def main(source: Path) -> None:
    words = json.loads(source.read_text(encoding="utf-8"))
    rows = []
    for word in words:
        traditional = sorted({form["t"] for form in word["f"]} - {word["s"]})
        rows.append(
            "\t".join(
                [word["s"], ",".join(traditional), _lowest(word["l"], "o"), _lowest(word["l"], "n")]
            )
        )
    temporary = TARGET.with_suffix(".tmp")
    temporary.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    temporary.replace(TARGET)
    print(f"{len(rows)} words written to {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
