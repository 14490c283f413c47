"""The library's % known for articles not opened yet, counted in the background.

LWT and LingQ show how much of each text the learner knows before it is opened, so a
learner can pick what to read next. After the open article has its pinyin, the other
articles that were never analysed are analysed one at a time on the window's queries
thread and stored by its writer, each only while neither has anything else to do and the
learner has not clicked, moved or scrolled for a while: an analysing thread holds
Python's lock in 5 ms turns, which made clicks meanwhile 50 ms slow instead of 5 (measured
in benchmarks/ui_bench.py's click → popup). An article the learner opens waits for at most
one short background article.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.core.operations import save_analysis
from reader.ui.article_view.widget import ArticleView
from reader.ui.library import LibraryPane
from reader.ui.operations import BACKGROUND
from reader.ui.window.context import WindowContext
from reader.ui.window.session import ReadingSession

if TYPE_CHECKING:
    from reader.core.analysis.stored import NewAnalysis

# Longer articles are counted when opened: one of 30,000 characters takes ~0.3 s, the
# longest wait it may add to the analysis of an article the learner opens meanwhile.
MAX_BACKGROUND_CHARS = 30_000
_RETRY_MS = 300  # how soon to look again while the threads are busy or the learner reading
IDLE_S = 2.0  # no counting until the learner has left the article alone this long


class LibraryCounting(QObject):
    """Counts the library's articles one by one while the learner leaves the article
    alone; ``clock``: seconds, rising (a test sets one it moves on itself)."""

    def __init__(
        self,
        context: WindowContext,
        session: ReadingSession,
        view: ArticleView,
        library: LibraryPane,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(library)
        self._context = context
        self._session = session
        self.clock = clock
        self._active = False
        self._stopped = False
        self._tried: set[int] = set()  # counted or failed: never submitted twice
        self._last_activity = clock()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._next)
        for reading in (  # what the learner does while reading: counting waits
            view.word_activated,
            view.current_changed,
            view.verticalScrollBar().valueChanged,
            library.article_activated,
        ):
            reading.connect(lambda *_args: self.note_activity())
        library.imported.connect(lambda _ids: self.resume())
        session.analysed.connect(lambda _id: self.resume())

    def note_activity(self) -> None:
        """The learner is reading (a click, a key, a scroll): counting waits."""
        self._last_activity = self.clock()

    def resume(self) -> None:
        """Count what is left (after an analysis, an import); does nothing while counting."""
        if not self._active:
            self._active = True
            self._next()

    def stop(self) -> None:
        """The window is closing: nothing more is submitted."""
        self._stopped = True
        self._retry.stop()

    def _next(self) -> None:
        analyzer = self._session.analyzer
        if self._stopped or analyzer is None:
            self._active = False
            return
        writer, queries = self._context.writer, self._context.queries
        if writer.busy or queries.busy or self.clock() - self._last_activity < IDLE_S:
            self._retry.start(_RETRY_MS)
            return
        store = self._context.store
        article_id = store.articles.next_uncounted(MAX_BACKGROUND_CHARS, self._tried)
        if article_id is None:
            self._active = False
            return
        self._tried.add(article_id)
        queries.run(
            lambda store, progress: analyzer.read_or_analyse(store, article_id, progress)[1],
            on_done=self._store,
            on_error=lambda _error: self._next(),  # deleted meanwhile, say: go on
            on_cancelled=lambda: self._cancelled(article_id),
            priority=BACKGROUND,
        )

    def _store(self, new: NewAnalysis | None) -> None:
        """The library shows the count when it hears of it (``Changes.articles``)."""
        if self._stopped:
            return
        if new is None:
            self._next()
            return
        self._context.writer.run(
            lambda store, _progress: save_analysis(store, new),
            on_done=lambda _none: self._next(),
            on_error=lambda _error: self._next(),
            priority=BACKGROUND,
        )

    def _cancelled(self, article_id: int) -> None:
        """Stopped from outside (the window closing): the next ``resume`` tries it again."""
        self._tried.discard(article_id)
        self._active = False
