"""Word-list import: how long reading a large CSV takes, and how fast a file past the limit
is refused, each beside the time to only decode the same bytes (the floor).

Before the limit, a 1,000,000-row CSV was parsed whole on the UI thread (22.8 s and 624 MB
for the core alone, measured with this file's rows; the preview table took it to 3.4 GB).
Run: ``uv run python benchmarks/vocab_import_bench.py``.
"""

from __future__ import annotations

import resource
import tempfile
from pathlib import Path

from import_bench import median_seconds

from reader.core.importing.decode import decode_bytes
from reader.core.vocab_import import MAX_LINES, VocabImportError, read_vocab_file


def write_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Simplified,Pinyin,Meaning\n")
        for i in range(rows):
            out.write(f"词{chr(0x4E00 + i % 20000)},ci2,word {i}\n")
    return path


def refused(path: Path) -> None:
    try:
        read_vocab_file(path)
    except VocabImportError:
        return
    raise AssertionError(f"{path.name} was not refused")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        largest = write_csv(Path(folder) / "largest.csv", MAX_LINES - 2)
        huge = write_csv(Path(folder) / "huge.csv", 1_000_000)
        for label, path, work, runs in (
            (f"{MAX_LINES - 2:,} rows read", largest, lambda: read_vocab_file(largest), 3),
            ("1,000,000 rows refused", huge, lambda: refused(huge), 3),
        ):
            data = path.read_bytes()
            floor = median_seconds(lambda data=data: decode_bytes(data, None), runs)
            seconds = median_seconds(work, runs)
            print(
                f"{label:>26}: {seconds:6.2f} s"
                f"  (decode only {floor:.2f} s, ×{seconds / floor:.1f})"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':>26}: {peak:6.0f} MB")


if __name__ == "__main__":
    main()
