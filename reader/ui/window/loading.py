"""The dictionary, the analyser and an article's analysis, loaded off the UI thread.

The text of an article appears at once (provisional tokens); the dictionary and the
analyser load on the window's queries thread (`reader.ui.operations.Queries`) and the
pinyin follows when the analysis (or its stored copy) arrives there; a new analysis is
stored by the writer afterwards, so the writer never waits for an analysis. `ArticleLoader`
does the loading and puts what arrives in the `ReadingSession` and the article view; the
other components follow the session."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.operations import Changes, save_analysis
from reader.core.progress import Progress
from reader.core.settings import RubyWords
from reader.core.store import Store
from reader.core.words import word_keys
from reader.ui.article_view.model import ProvisionalTokens, one_line
from reader.ui.article_view.widget import ArticleView
from reader.ui.operations import BACKGROUND, edit
from reader.ui.tasks import Task
from reader.ui.turns import turn
from reader.ui.vocab.labels import newest_level
from reader.ui.window.context import WindowContext
from reader.ui.window.session import ReadingSession
from reader.ui.window.tools import LanguageTools, create_analyzer, open_dictionary

if TYPE_CHECKING:
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.stored import NewAnalysis
    from reader.core.cedict import Dictionary

# Articles up to this size show their stored pinyin at launch before the dictionary opens,
# read and laid out on the UI thread before the first paint (10,000 characters: ~40 ms;
# 100,000: ~290 ms, too long to hold the window back: longer ones show their text first).
_READ_AT_ONCE = 10_000
# An article's tokens, its title's (None: still to come from the analyser; the title's
# analysis is not stored) and their word keys (token text → simplified key), all computed
# on the queries thread (the key map costs tens of milliseconds on a long article), and
# what the writer is to store of a new analysis (None: it was stored already).
Analysed = tuple[list[Token], list[Token] | None, dict[str, str], "Counted"]
Made = tuple[list[Token], list[Token], dict[str, str], "Counted", "NewAnalysis | None"]


@dataclass(frozen=True, slots=True)
class Counted:
    """What showing an analysis needs of the text's many tokens, counted with it on the
    queries thread (on the UI thread a million characters' took 0.5 s of CPU): the token
    texts that take a status mark, the running words and the different words."""

    marked: frozenset[str]
    words: int
    different: int


def counted(tokens: list[Token], keys: dict[str, str]) -> Counted:
    marked = frozenset(t.text for t in tokens if t.kind in MARKED_KINDS)
    chinese = [t.text for t in tokens if t.is_chinese]
    return Counted(marked, len(chinese), len({keys[text] for text in chinese}))


MARKED_KINDS = (TokenKind.WORD, TokenKind.NAME)  # the tokens whose status is shown


class ArticleLoader(QObject):
    """Shows an article and brings its pinyin: ``settled`` when the long-lived objects of
    the moment are all there (see `reader.ui.app.spare_the_collector`); ``pinyin_came``
    when the article's pinyin has come (or will not: the parts the first paint does not
    need are built after it); ``retitled`` when the open article's new name is shown."""

    settled = Signal()
    pinyin_came = Signal()
    retitled = Signal()  # the open article was renamed: the view shows its new title

    def __init__(
        self,
        context: WindowContext,
        session: ReadingSession,
        view: ArticleView,
        word_count: QLabel,
    ) -> None:
        super().__init__(context.dialog_parent)
        self._context = context
        self._session = session
        self._view = view
        self._word_count = word_count
        self._messages = context.messages
        self._queries = context.queries
        self._pending_analysis: int | None = None  # the article whose pinyin is still to come
        # The article shown with its stored tokens, its title waiting for the analyser
        self._pending_title: tuple[int, list[Token]] | None = None
        self._analysis_task: Task[Made] | None = None
        self._loader_started = False
        self._tools_requested = False
        self._stopped = False
        self._user_words = [w.word for w in context.store.corrections.user_words()]
        self._positions: dict[int, int] = {}  # reading positions on their way to the store

    # --- the tools ---------------------------------------------------------------------

    def use_tools(self, tools: LanguageTools) -> None:
        """Tools already loaded (tests and benchmarks share one pair)."""
        self._loader_started = self._tools_requested = True
        self._analyzer_ready(tools.analyzer)
        self._dictionary_ready(tools.dictionary)

    def open_tools(self) -> None:
        """Open the dictionary (once), then the analyser, both on the queries thread: a first
        run compiles the dictionary for seconds, and on the writer's thread the seed's import
        waited for it to write (the article stayed blank until the dictionary was ready)."""
        if self._tools_requested or self._stopped:
            return
        self._tools_requested = True
        data_dir = self._context.data_dir
        self._queries.runner.submit(
            lambda progress: open_dictionary(progress, data_dir),
            on_success=self._dictionary_ready,
            on_error=self._tools_failed,
            on_progress=self._show_progress,
        )

    def _start_loader(self) -> None:
        """Load the analyser once the article on screen has its stored pinyin (or has none):
        its Python-heavy loading would otherwise slow that first paint down."""
        if self._loader_started or self._session.analyzer is not None:
            return
        self._loader_started = True
        words = self._user_words
        data_dir = self._context.data_dir
        self._queries.runner.submit(
            lambda _progress: create_analyzer(open_dictionary(None, data_dir), words),
            on_success=self._analyzer_ready,
            on_error=self._tools_failed,
        )

    def _dictionary_ready(self, dictionary: Dictionary) -> None:
        if self._stopped:
            return
        self._view.set_hsk_level(lambda word: newest_level(dictionary.hsk_level(word)))
        from reader.core.glosses import token_glosser

        self._view.set_glosser(token_glosser(dictionary.entry))
        self._session.set_dictionary(dictionary)
        # its English search compiled on a thread of its own (SQL: Python's lock stays free),
        # not by the first English search on the UI thread (a fresh clone: an install ships it)
        threading.Thread(
            target=_english_ahead, args=(dictionary,), name="english-search-ahead", daemon=True
        ).start()
        if self._pending_analysis is None:
            self._start_loader()
        self._start_analysis()

    def _analyzer_ready(self, analyzer: Analyzer) -> None:
        if self._stopped:
            return
        dictionary = self._session.dictionary
        if dictionary is not None and analyzer.dictionary_key != dictionary.index.stem:
            return  # loaded for the release before an import; the new one is on its way
        self._session.set_analyzer(analyzer)
        self._messages.clear()
        self.settled.emit()
        self._start_analysis()
        self._analyse_title()

    def use_dictionary(self, dictionary: Dictionary) -> None:
        """Switch to a newly imported dictionary everywhere: lookups, search and HSK levels
        at once, the analyser re-created for it on the queries thread, then the article analysed
        again (its stored analysis was keyed by the old dictionary)."""
        old = self._session.analyzer
        self._session.set_analyzer(None)
        self._pending_analysis = self._session.article_id
        self._dictionary_ready(dictionary)
        self._messages.show("Loading the new dictionary…")
        words = [w.word for w in self._context.store.corrections.user_words()]

        def create(_progress: Progress) -> Analyzer:
            from reader.core.analysis.readings import ReadingModel

            readings = old.readings if old is not None else None
            shared = readings if isinstance(readings, ReadingModel) else None
            return create_analyzer(dictionary, words, shared)

        self._queries.runner.submit(
            create, on_success=self._analyzer_ready, on_error=self._tools_failed
        )

    def _tools_failed(self, error: Exception) -> None:
        self.pinyin_came.emit()
        message = f"The dictionary could not be loaded: {error}"
        self._messages.fail(message)
        self._session.fail(message)

    # --- the article -------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        self._messages.clear()
        self.save_position()
        article = self._context.store.articles.get(article_id)
        self._context.settings.last_article_id = article_id
        # the characters' tokens, made as the view typesets them (a long article's on a worker)
        text = article.text
        self._view.set_article(text, ProvisionalTokens(text), article.info.title)
        position = self._positions.get(article_id, article.info.reading_position)
        self._view.scroll_to_char(position)
        self._word_count.setText(f"{article.info.char_count:,} characters")
        self._session.open(article_id)
        self._pending_analysis = article_id
        self._pending_title = None
        if self._session.dictionary is None and article.info.char_count <= _READ_AT_ONCE:
            self._show_stored_at_once(article_id)
        self._start_analysis()

    def reanalyse(self) -> None:
        """Analyse the open article again (a correction changed its key)."""
        if self._session.article_id is not None:
            self._pending_analysis = self._session.article_id
            self._start_analysis()

    def save_position(self) -> None:
        article_id = self._session.article_id
        if article_id is not None:
            position = self._view.reading_position()
            self._positions[article_id] = position  # until written (the writer may be busy)
            self._context.writer.run(
                edit(lambda store: store.articles.save_reading_position(article_id, position)),
                lambda _none: self._written(article_id, position),
            )

    def _written(self, article_id: int, position: int) -> None:
        if self._positions.get(article_id) == position:
            del self._positions[article_id]

    def op_executed(self, changes: Changes) -> None:
        """A correction changed how the words are cut: the open article anew; it was
        renamed: its title anew."""
        if changes.corrections:
            self.reanalyse()
        article_id = self._session.article_id
        if article_id is not None and article_id in changes.articles:
            self._title_follows(article_id)

    def _title_follows(self, article_id: int) -> None:
        """Show the open article's title as stored, if it is another: only the title is
        typeset anew, its words analysed on the queries thread (with the text's, if its
        analysis is still to come)."""
        title = self._context.store.articles.info(article_id).title
        if one_line(title) == self._view.title:
            return
        self._view.set_title(title)
        self.retitled.emit()
        if self._pending_analysis is None:
            self._pending_title = (article_id, self._view.body_tokens)
            self._analyse_title()

    def stop(self) -> None:
        """The window is closing: nothing that arrives later is shown (the window stops
        the threads)."""
        self._stopped = True

    def _show_stored_at_once(self, article_id: int) -> None:
        """At launch, before the dictionary has opened: the stored pinyin read straight from
        the database, so that the window's first paint has it. Only where the display needs
        nothing the dictionary gives (HSK levels, the word keys behind "pinyin over unknown
        words"; traditional characters come from OpenCC, not from it); the dictionary's
        arrival then confirms the same tokens with the words' statuses (or a new analysis,
        if the release in use turns out to be another one)."""
        if self._view.options.ruby_words is not RubyWords.ALL:
            return
        from reader.core.analysis.stored import stored_analysis
        from reader.core.cedict.sources import active_dictionary_key

        key = active_dictionary_key(self._context.data_dir)
        tokens = stored_analysis(self._context.store, article_id, key)
        if tokens is not None:
            self._view.set_tokens(tokens)

    def _start_analysis(self) -> None:
        """The stored analysis as soon as the dictionary is open, else a new one as soon as
        the analyser is loaded; both on the queries thread, in that order."""
        article_id = self._pending_analysis
        dictionary = self._session.dictionary
        if article_id is None or dictionary is None:
            return
        analyzer = self._session.analyzer
        if analyzer is None:

            def stored(store: Store, _progress: Progress) -> Analysed | None:
                from reader.core.analysis.stored import stored_analysis  # off the UI thread

                with turn():  # a long article's million tokens: see `turns`
                    tokens = stored_analysis(store, article_id, dictionary.index.stem)
                    if tokens is None:
                        return None
                    keys = word_keys(tokens, dictionary)
                    return tokens, None, keys, counted(tokens, keys)

            self._queries.run(
                stored,
                on_done=lambda analysed: self._stored_ready(article_id, analysed),
                on_error=self._analysis_failed,
                priority=BACKGROUND,
            )
            return
        self._pending_analysis = None
        self._messages.show("Adding pinyin…")

        def work(store: Store, progress: Progress) -> Made:
            with turn():  # given up at each step of progress: see `turns`
                tokens, new = analyzer.read_or_analyse(store, article_id, progress)
                title = analyzer.analyse_title(store, article_id)
                keys = word_keys([*tokens, *title], dictionary)
                return tokens, title, keys, counted(tokens, keys), new

        if self._analysis_task is not None:
            self._analysis_task.cancel()
        self._analysis_task = self._queries.run(
            work,
            on_done=lambda made: self._analysis_made(article_id, made),
            on_error=self._analysis_failed,
            on_progress=self._show_progress,
            priority=BACKGROUND,
        )

    def _analysis_made(self, article_id: int, made: Made) -> None:
        """Shown at once; a new analysis then goes to the writer to be stored (the library
        hears of the article's % known when it is)."""
        tokens, title, keys, counts, new = made
        if new is not None and not self._stopped:
            self._context.writer.run(
                lambda store, _progress: save_analysis(store, new),
                on_error=lambda _error: None,  # not stored (deleted meanwhile): made again
                priority=BACKGROUND,
            )
        self._analysis_ready(article_id, (tokens, title, keys, counts))

    def _analyse_title(self) -> None:
        """The title of an article shown with its stored tokens, once the analyser is here
        (on the queries thread: a few milliseconds), with the word keys of text and title."""
        pending, analyzer = self._pending_title, self._session.analyzer
        dictionary = self._session.dictionary
        if pending is None or analyzer is None or dictionary is None:
            return
        self._pending_title = None
        article_id, tokens = pending

        def work(store: Store, _progress: Progress) -> Analysed:
            with turn():
                title = analyzer.analyse_title(store, article_id)
                keys = word_keys([*tokens, *title], dictionary)
                return tokens, title, keys, counted(tokens, keys)

        self._queries.run(
            work,
            on_done=lambda analysed: self._analysis_ready(article_id, analysed),
            on_error=self._analysis_failed,
            priority=BACKGROUND,
        )

    def _stored_ready(self, article_id: int, analysed: Analysed | None) -> None:
        self._start_loader()
        self.pinyin_came.emit()
        if analysed is not None and article_id == self._pending_analysis:
            self._pending_analysis = None
            self._analysis_ready(article_id, analysed)
        elif self._session.analyzer is None:
            self._messages.show("Preparing the segmenter and the pinyin model…")

    def _analysis_ready(self, article_id: int, analysed: Analysed) -> None:
        if self._stopped or article_id != self._session.article_id:
            return
        tokens, title, keys, counts = analysed
        if title is not None and one_line("".join(t.text for t in title)) != self._view.title:
            title = None  # the old title's: renamed while it was analysed
        self._messages.clear()
        self._view.set_tokens(tokens, title)
        if title is None:  # the stored tokens: the title's come with the analyser
            self._pending_title = (article_id, tokens)
            self._analyse_title()
        self.pinyin_came.emit()
        shown = self._view.tokens_wanted  # the text's and the title's (typeset or not)
        # Statuses are keyed by the word's simplified form; the view looks up token texts.
        title_words = {t.text for t in self._view.title_tokens_wanted if t.kind in MARKED_KINDS}
        marked = counts.marked | title_words
        statuses = self._context.store.vocab.statuses_for(keys[w] for w in marked)
        self._view.set_word_statuses({w: int(statuses[keys[w]]) for w in marked})
        self._word_count.setText(
            f"{counts.words:,} words ({counts.different:,} different) · "
            f"{self._view.body_length:,} characters"
        )
        self._session.set_analysis(article_id, shown, keys)
        self.settled.emit()  # after the session's list of the tokens is made: it lives on

    def _analysis_failed(self, error: Exception) -> None:
        self.pinyin_came.emit()
        message = f"The analysis failed: {error}"
        self._messages.fail(message)
        self._session.fail(message)

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if message:
            percent = f" {100 * done // total}%" if total > 1 else ""
            self._messages.show(f"{message}…{percent}")


def _english_ahead(dictionary: Dictionary) -> None:
    """``dictionary.english_index``, made ahead; a failure is the first search's to report
    (it tries again)."""
    with contextlib.suppress(Exception):
        dictionary.english_index()
