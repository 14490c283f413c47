"""Typesetting of a 100,000-character article: building the layout (widths, word boxes),
relaying it out at a new width and a title-only change (its tokens arrive, as after a
rename), with the view's real Qt font metrics.

Prints medians of repeated runs in CPU time of the process (on a shared machine wall time
measured the load more than the code); the goal for the relayout is < 100 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.article_view.widget import ArticleView


def _timed(view: ArticleView, widths: Sequence[int]) -> tuple[list[float], list[float]]:
    """CPU milliseconds of each rebuild (the rubies, the word boxes and the lines, as after
    an option change) and of each relayout at the next of ``widths``."""
    builds, relayouts = [], []
    for width in widths:
        start = time.process_time()
        view._rebuild()
        builds.append((time.process_time() - start) * 1000)
        assert view.layout_ is not None
        start = time.process_time()
        view.layout_.relayout(width)
        relayouts.append((time.process_time() - start) * 1000)
    return builds, relayouts


def _retitled(view: ArticleView, rounds: int) -> list[float]:
    """CPU milliseconds of each title-only change: the title's tokens, one per character
    and one word in turn (what arrives when a renamed title has been analysed)."""
    from reader.core.analysis.tokens import Token, TokenKind
    from reader.ui.article_view.model import provisional_tokens

    words = [Token(0, view.title, TokenKind.WORD, ("x1",) * len(view.title))]
    times = []
    for round_ in range(rounds):
        title = words if round_ % 2 else provisional_tokens(view.title)
        start = time.process_time()
        view.set_tokens(view.body_tokens, title)
        times.append((time.process_time() - start) * 1000)
    return times


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from PySide6.QtWidgets import QApplication
    from ui_bench_support import long_article

    from reader.ui.article_view.widget import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    text, tokens = long_article(100_000)
    view = ArticleView()
    view.resize(1000, 800)
    view.set_article(text, tokens, "100,000 characters")
    app.processEvents()
    builds, relayouts = _timed(view, (700, 1000, 820, 1200, 640, 900) * 2)
    print(
        f"typesetting {len(text):,} characters: rebuild (rubies + word boxes + lines) median "
        f"{statistics.median(builds):.0f} ms; relayout at a new width median "
        f"{statistics.median(relayouts):.0f} ms, worst {max(relayouts):.0f} ms (goal < 100 ms)"
    )
    retitles = _retitled(view, 12)
    print(
        f"a title-only change (its tokens): median {statistics.median(retitles):.1f} ms, "
        f"worst {max(retitles):.1f} ms"
    )
    # glosses under every word (the most there can be; a class's off-list words are fewer)
    from dataclasses import replace

    from reader.core.glosses import token_glosser
    from reader.ui.window.tools import open_dictionary

    view.set_glosser(token_glosser(open_dictionary(None).entry))
    view.set_options(replace(view.options, glosses=True))
    glossed, glossed_relayouts = _timed(view, (700, 1000, 820, 1200, 640, 900))
    print(
        f"with a gloss under every word: rebuild median {statistics.median(glossed):.0f} ms "
        f"(glosses remembered per word after the first), relayout median "
        f"{statistics.median(glossed_relayouts):.0f} ms"
    )


if __name__ == "__main__":
    main()
