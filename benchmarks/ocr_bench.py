"""OCR: character accuracy and time per image, on the corpus and on rendered text.

Per image: the time ``import_file`` takes (median of ``--runs``, default 3, the engine
already loaded; its first load is printed once), the character accuracy against the
hand-checked text (``tests/ocr_expected``; 1 − edit distance / length, whitespace ignored),
the paragraphs and the characters marked uncertain. Rendered text is set with Noto Sans
CJK (simplified and traditional faces, and a vertical page).

Run: ``uv run python benchmarks/ocr_bench.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.importing import ImportedArticle, import_file
from reader.core.importing.ocr_engine import OcrEngine
from tests.ocr_support import (
    CORPUS,
    SIMPLIFIED,
    TC,
    TRADITIONAL,
    VERTICAL,
    character_accuracy,
    expected_text,
    noto_cjk,
    render,
    render_vertical,
)


def cases(folder: Path) -> list[tuple[str, Path, str]]:
    found = []
    for name in ("img_screenshot_wechat_article_zh.jpg", "img_font_specimen_lxgw_wenkai_mixed.png"):
        if (CORPUS / name).is_file():
            found.append((name, CORPUS / name, expected_text(name)))
    if noto_cjk() is not None:
        rendered = [
            ("rendered simplified", render(SIMPLIFIED), "".join(SIMPLIFIED)),
            ("rendered traditional", render(TRADITIONAL, TC), "".join(TRADITIONAL)),
            ("rendered vertical", render_vertical(VERTICAL), "".join(VERTICAL)),
        ]
        for label, data, text in rendered:
            path = folder / f"{label.replace(' ', '_')}.png"
            path.write_bytes(data)
            found.append((label, path, text))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    start = time.perf_counter()
    OcrEngine.shared()
    print(f"engine loaded in {time.perf_counter() - start:.2f} s")
    print(f"{'image':42} {'seconds':>8} {'accuracy':>9} {'paras':>6} {'uncertain':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for label, path, expected in cases(Path(folder)):
            times = []
            article: ImportedArticle | None = None
            for _ in range(runs):
                started = time.perf_counter()
                article = import_file(path)[0]
                times.append(time.perf_counter() - started)
            assert article is not None
            uncertain = sum(end - begin for begin, end in article.uncertain)
            print(
                f"{label:42} {statistics.median(times):8.2f} "
                f"{character_accuracy(article.text, expected):9.4f} "
                f"{len(article.paragraphs):6} {uncertain:9}"
            )


if __name__ == "__main__":
    main()
