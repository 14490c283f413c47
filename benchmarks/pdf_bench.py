"""PDF import speed: a 250-page PDF (goal < 5 s), in CPU time, beside PDFium's bare text.

The corpus's two PDFs joined into 250 pages (as ``import_corpus`` makes them) are imported
``--runs`` times; printed are the median CPU time of the whole import, of reading the
pages alone (PDFium's text and the layout that ``pdf_layout`` takes from its character
boxes), and of PDFium's bare ``get_text_range`` of every page, the floor no reading can
beat, measured beside each import, with the medians of each run's ratios to it (steadier
than the times on a shared machine; CPU time, not wall time). To compare with another
checkout, run this file with that checkout first on ``PYTHONPATH``: the ratios compare.

Run: ``uv run python benchmarks/pdf_bench.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from import_corpus import CORPUS, long_pdf  # (benchmarks/ is the script's folder)

from reader.core.importing import import_file
from reader.core.importing.pdf_format import _page_texts

GOAL_SECONDS = 5.0


def cpu_seconds(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def bare_text(data: bytes) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    for number in range(len(document)):
        page = document[number]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.pdf"
        long_pdf(path)
        data = path.read_bytes()
        import_file(path)  # (the first import loads the modules)
        runs = [
            (
                cpu_seconds(lambda: bare_text(data)),
                cpu_seconds(lambda: _page_texts(data, None)),
                cpu_seconds(lambda: import_file(path)),
            )
            for _ in range(args.runs)
        ]
    floor, pages, whole = (statistics.median(times) for times in zip(*runs, strict=True))
    # each run's ratios to the bare text measured beside it: steadier than the times
    page_ratio = statistics.median(p / f for f, p, _ in runs)
    whole_ratio = statistics.median(w / f for f, _, w in runs)
    verdict = "ok" if whole < GOAL_SECONDS else "OVER GOAL"
    print(f"250-page PDF, CPU medians of {args.runs} (goal < {GOAL_SECONDS:g} s: {verdict})")
    print(f"  import            {whole:6.2f} s  (x{whole_ratio:.2f} the bare text)")
    print(f"  reading the pages {pages:6.2f} s  (x{page_ratio:.2f})")
    print(f"  bare PDFium text  {floor:6.2f} s")


if __name__ == "__main__":
    main()
