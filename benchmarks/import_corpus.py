"""The importer on every document of the development corpus (``../shared/corpus``).

Per document: the import time (median of ``--runs``, default 3), the articles, paragraphs
and characters it gives, and the share of the document's Hanzi kept in the text (what the
importer read out of the file: the decoded text, the page's HTML, the PDF's text layer; a
low share on a web page is its menus going, on a subtitle the file's markup). Refusals are
printed with their message. Totals last.

Run: ``uv run python benchmarks/import_corpus.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from reader.core.importing import ImportedArticle, ImportFailed, import_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def hanzi(text: str) -> int:
    return len(_HAN.findall(text))


def measure(path: Path, runs: int) -> tuple[float, list[ImportedArticle] | str]:
    times: list[float] = []
    result: list[ImportedArticle] | str = ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            result = import_file(path)
        except ImportFailed as error:
            result = str(error)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    names = sorted(p.name for p in CORPUS.iterdir() if p.name not in ("SHA256SUMS", "SOURCES.md"))
    print(f"{'document':58} {'s':>6} {'art':>4} {'paras':>6} {'chars':>8} {'kept':>6}")
    totals = {"time": 0.0, "articles": 0, "paragraphs": 0, "chars": 0, "kept": 0, "source": 0}
    refused = 0
    for name in names:
        seconds, result = measure(CORPUS / name, args.runs)
        totals["time"] += seconds
        if isinstance(result, str):
            refused += 1
            print(f"{name[:58]:58} {seconds:6.2f}  refused: {result}")
            continue
        paragraphs = sum(len(a.paragraphs) for a in result)
        chars = sum(len(a.text) for a in result)
        kept = sum(hanzi(a.text) for a in result)
        source = hanzi("".join(dict.fromkeys(a.original_text for a in result)))
        totals["articles"] += len(result)
        totals["paragraphs"] += paragraphs
        totals["chars"] += chars
        totals["kept"] += kept
        totals["source"] += source
        share = f"{kept / source:6.1%}" if source else "     -"
        print(f"{name[:58]:58} {seconds:6.2f} {len(result):4} {paragraphs:6} {chars:8} {share}")
    share = totals["kept"] / totals["source"] if totals["source"] else 0.0
    print(
        f"{'TOTAL (' + str(len(names)) + ' documents, ' + str(refused) + ' refused)':58} "
        f"{totals['time']:6.2f} {totals['articles']:4} {totals['paragraphs']:6} "
        f"{totals['chars']:8} {share:6.1%}"
    )


if __name__ == "__main__":
    main()
