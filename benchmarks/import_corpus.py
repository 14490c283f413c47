"""The importer on every document of the development corpus (``../shared/corpus``).

Per document: the import time (median of ``--runs``, default 3), the articles, paragraphs
and characters it gives, and the share of the document's Hanzi kept in the text (what the
importer read out of the file: the decoded text, the page's HTML, the PDF's text layer; a
low share on a web page is its menus going, on a subtitle the file's markup). Refusals are
printed with their message. Before the table: a 250-page PDF (the corpus's two PDFs and
part of one again) imported, beside pypdf's bare text extraction of it (the engine used
before), and the hostile inputs that were once quadratic. Totals last.

Run: ``uv run python benchmarks/import_corpus.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.importing import ImportedArticle, ImportFailed, import_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def hanzi(text: str) -> int:
    return len(_HAN.findall(text))


def measure(
    path: Path, runs: int, force: bool = False
) -> tuple[float, list[ImportedArticle] | str]:
    times: list[float] = []
    result: list[ImportedArticle] | str = ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            result = import_file(path, force=force)
        except ImportFailed as error:
            result = str(error)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def long_pdf(path: Path) -> None:
    """The corpus PDFs joined into 250 pages, written to ``path``."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    book, faq = CORPUS / "pdf_lshort_zh_cn_139pages.pdf", CORPUS / "pdf_ctex_faq_2008_41pages.pdf"
    writer.append(str(book))
    writer.append(str(faq))
    writer.append(str(book), pages=(0, 70))
    with path.open("wb") as handle:
        writer.write(handle)


def pdf_figures(runs: int) -> None:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.pdf"
        long_pdf(path)
        pages = len(PdfReader(str(path)).pages)
        seconds, result = measure(path, runs)
        started = time.perf_counter()
        for page in PdfReader(str(path)).pages:
            page.extract_text()
        bare = time.perf_counter() - started
    outcome = f"{len(result)} articles" if not isinstance(result, str) else result
    print(f"{pages}-page PDF: import {seconds:.2f} s ({outcome}); pypdf text alone {bare:.2f} s")


HOSTILE = {
    "200,000 mismatched </b>.html": "<p>你好。</p>" + "</b>" * 200_000,
    "25,000 <div> then </span>.html": "<div>" * 25_000 + "</span>" * 25_000 + "<p>你好。</p>",
    "200,000 [.md": "# 标题\n\n" + "[" * 200_000,
    "100,000 [a](.md": "# 标题\n\n" + "[a](" * 100_000,
    "200,000 *.md": "*" * 200_000 + "你好",
    "200,000 [.txt": "[" * 200_000,
}


def hostile_figures() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, text) in enumerate(HOSTILE.items()):
            path = Path(folder) / f"hostile{number}{Path(name).suffix}"
            path.write_text(text, encoding="utf-8")
            seconds, result = measure(path, 1, force=True)  # (their letters are not Chinese)
            outcome = f"{len(result)} article(s)" if not isinstance(result, str) else result
            print(f"{name:34} {seconds:6.2f} s  {outcome[:60]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    pdf_figures(args.runs)
    hostile_figures()
    print()
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
    kept_share = totals["kept"] / totals["source"] if totals["source"] else 0.0
    print(
        f"{'TOTAL (' + str(len(names)) + ' documents, ' + str(refused) + ' refused)':58} "
        f"{totals['time']:6.2f} {totals['articles']:4} {totals['paragraphs']:6} "
        f"{totals['chars']:8} {kept_share:6.1%}"
    )


if __name__ == "__main__":
    main()
