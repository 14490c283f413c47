"""Export figures: 5,000 words to .apkg, and the PDF handout of the seed article with pinyin.

Prints medians of several runs, each beside a baseline measured in the same run:
- .apkg: our deck (escaping, tone spans, GUIDs, two card types, atomic write) next to
  genanki writing the same 5,000 notes bare (one field per note, one card type);
- PDF: the handout (a table of the article's first 300 words, the whole seed page laid out
  by the reader view's layout with pinyin, text-map repair) next to Qt writing the same
  text into a PDF as one plain QTextDocument (no table, no ruby, no pages of its own).
Words come from the real CC-CEDICT; the seed page is imported and analysed as the app does.

Run: ``uv run python benchmarks/export_bench.py``.  Goals: both < 3 s.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5


def median_seconds(work: Callable[[int], object]) -> float:
    times = []
    for run in range(RUNS):
        started = time.perf_counter()
        work(run)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def words_from_cedict(count: int) -> tuple[object, ...]:
    from reader.core.cedict import Dictionary
    from reader.core.export.model import ExportWord

    dictionary = Dictionary.open()
    words = []
    for simplified, traditional in dictionary.headwords():
        entry = dictionary.entries(simplified)[0]
        words.append(
            ExportWord(
                simplified=simplified,
                traditional=traditional,
                pinyin=entry.pinyin,
                meanings=tuple(s.gloss for s in entry.senses),
                sentence=f"这是{simplified}的例句。",
                sentence_pinyin="zhe4 shi4 de5 li4ju4.",
                source="benchmark",
                hsk="3",
            )
        )
        if len(words) == count:
            break
    return tuple(words)


def apkg(folder: Path) -> None:
    import genanki

    from reader.core.export.anki import write_apkg
    from reader.core.export.model import ExportList, ExportOptions

    words = words_from_cedict(5000)
    word_list = ExportList("Benchmark", words)  # type: ignore[arg-type]
    ours = median_seconds(
        lambda run: write_apkg(folder / f"ours{run}.apkg", word_list, ExportOptions())
    )
    model = genanki.Model(1, "bare", fields=[{"name": "F"}],
                          templates=[{"name": "c", "qfmt": "{{F}}", "afmt": "{{F}}"}])  # fmt: skip

    def bare(run: int) -> None:
        deck = genanki.Deck(2, "bare")
        for word in words:
            deck.add_note(genanki.Note(model=model, fields=[word.simplified]))  # type: ignore[attr-defined]
        genanki.Package(deck).write_to_file(str(folder / f"bare{run}.apkg"))

    baseline = median_seconds(bare)
    print(f"5,000 words → .apkg: {ours:.2f} s (goal < 3 s); bare genanki {baseline:.2f} s; "
          f"ratio {ours / baseline:.2f}")  # fmt: skip


def pdf(folder: Path) -> None:
    from PySide6.QtGui import QPainter, QPdfWriter, QTextDocument

    from reader.core.analysis.pipeline import Analyzer
    from reader.core.export.model import ExportList, ExportOptions, ExportWord
    from reader.core.importing import import_file
    from reader.core.paths import seed_article
    from reader.ui.export_pdf import gui_application, write_pdf_handout

    gui_application()
    articles = import_file(seed_article())
    text = "\n".join(a.text for a in articles)
    tokens = Analyzer.create().analyse(text)
    seen: dict[str, ExportWord] = {}
    for token in tokens:
        if token.is_chinese and token.text not in seen and len(seen) < 300:
            seen[token.text] = ExportWord(token.text, pinyin=" ".join(token.readings),
                                          meanings=("(meaning)",), hsk="4")  # fmt: skip
    word_list = ExportList(articles[0].title, tuple(seen.values()), articles[0].title, text, tokens)
    ours = median_seconds(
        lambda run: write_pdf_handout(folder / f"h{run}.pdf", word_list, ExportOptions())
    )

    def plain(run: int) -> None:
        writer = QPdfWriter(str(folder / f"plain{run}.pdf"))
        document = QTextDocument()
        document.setPlainText(
            "\n".join(f"{w.simplified}\t{w.pinyin}" for w in seen.values()) + "\n" + text
        )
        painter = QPainter(writer)
        document.drawContents(painter)
        painter.end()

    baseline = median_seconds(plain)
    print(f"PDF handout, seed page ({len(text):,} characters, {len(seen)} words) with pinyin: "
          f"{ours:.2f} s (goal < 3 s); Qt plain text PDF {baseline:.2f} s; "
          f"ratio {ours / baseline:.2f}")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        apkg(Path(folder))
        pdf(Path(folder))


if __name__ == "__main__":
    main()
