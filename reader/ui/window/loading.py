"""The dictionary, the analyser and an article's analysis, loaded on the workers.

The text of an article appears at once (provisional tokens); the dictionary and the
analyser load on a worker thread and the pinyin follows when the analysis (or its stored
copy) arrives."""

from __future__ import annotations

from typing import Any

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.progress import Progress
from reader.core.store import Store
from reader.core.words import word_keys
from reader.ui.article_view.model import RubyWords, Script, provisional_tokens
from reader.ui.article_view.script import TraditionalConverter
from reader.ui.window.part import WindowPart
from reader.ui.window.tools import create_analyzer, open_dictionary

# Articles up to this size show their stored pinyin at launch before the dictionary opens,
# read and laid out on the UI thread before the first paint (10,000 characters: ~40 ms;
# 100,000: ~290 ms, too long to hold the window back: longer ones show their text first).
_READ_AT_ONCE = 10_000
# An article's tokens and their word keys (token text → simplified key), both computed on
# the worker: the key map costs tens of milliseconds on a long article.
Analysed = tuple[list[Token], dict[str, str]]


class ArticleLoading(WindowPart):  # type: ignore[misc]  # see part.py
    """The article on screen and the pinyin that follows it."""

    article_id: int | None
    word_keys: dict[str, str]  # token text → word key for the analysed article
    _analysed_article: int | None  # the article whose analysis the view shows
    _pending_analysis: int | None  # the article whose pinyin is still to come
    _analysis_task: Any
    _loader_started: bool
    _worker_store: Store

    def _start_loader(self) -> None:
        """Load the analyser once the article on screen has its stored pinyin (or has none):
        its Python-heavy loading would otherwise slow that first paint down."""
        if self._loader_started or self.analyzer is not None:
            return
        self._loader_started = True
        words = self._user_words
        data_dir = self.data_dir
        self.loader.submit(
            lambda _progress: create_analyzer(open_dictionary(None, data_dir), words),
            on_success=self._analyzer_ready,
            on_error=self._tools_failed,
        )

    def show_article(self, article_id: int) -> None:
        self.activity.clear()
        self._save_position()
        self.close_popup()
        article = self.store.articles.get(article_id)
        self.article_id = article_id
        self.word_keys = {}
        self.settings.last_article_id = article_id
        self.view.set_article(article.text, provisional_tokens(article.text), article.info.title)
        self.view.scroll_to_char(article.info.reading_position)
        self.setWindowTitle(f"{article.info.title} — Reader")
        self.word_count.setText(f"{article.info.char_count:,} characters")
        self._pending_analysis = article_id
        if self.dictionary is None and article.info.char_count <= _READ_AT_ONCE:
            self._show_stored_at_once(article_id)
        self._start_analysis()

    def _show_stored_at_once(self, article_id: int) -> None:
        """At launch, before the dictionary has opened: the stored pinyin read straight from
        the database, so that the window's first paint has it. Only where the display needs
        nothing the dictionary gives (HSK levels, traditional forms, the word keys behind
        "pinyin over unknown words"); the dictionary's arrival then confirms the same tokens
        with the words' statuses (or a new analysis, if the release in use turns out to be
        another one)."""
        options = self.view.options
        if options.ruby_words is not RubyWords.ALL or options.script is not Script.SIMPLIFIED:
            return
        from reader.core.analysis.stored import stored_analysis
        from reader.core.cedict.sources import active_dictionary_key

        tokens = stored_analysis(self.store, article_id, active_dictionary_key(self.data_dir))
        if tokens is not None:
            self.view.set_tokens(tokens)

    def _start_analysis(self) -> None:
        """The stored analysis as soon as the dictionary is open, else a new one as soon as
        the analyser is loaded; both on the worker, in that order."""
        article_id = self._pending_analysis
        if article_id is None or self.dictionary is None:
            return
        store = self._worker_store
        analyzer = self.analyzer
        if analyzer is None:
            dictionary = self.dictionary

            def stored(_progress: Progress) -> Analysed | None:
                from reader.core.analysis.stored import stored_analysis  # on the worker

                tokens = stored_analysis(store, article_id, dictionary.index.stem)
                return None if tokens is None else (tokens, word_keys(tokens, dictionary))

            self.worker.submit(
                stored,
                on_success=lambda analysed: self._stored_ready(article_id, analysed),
                on_error=self._analysis_failed,
            )
            return
        self._pending_analysis = None
        self.activity.setText("Adding pinyin…")

        dictionary = self.dictionary

        def work(progress: Progress) -> Analysed:
            tokens: list[Token] = analyzer.load_or_analyse(store, article_id, progress)
            return tokens, word_keys(tokens, dictionary)

        if self._analysis_task is not None:
            self._analysis_task.cancel()
        self._analysis_task = self.worker.submit(
            work,
            on_success=lambda analysed: self._analysis_ready(article_id, analysed),
            on_error=self._analysis_failed,
            on_progress=self._show_progress,
        )

    def _stored_ready(self, article_id: int, analysed: Analysed | None) -> None:
        self._start_loader()
        self._finish_after_paint()
        if analysed is not None and article_id == self._pending_analysis:
            self._pending_analysis = None
            self._analysis_ready(article_id, analysed)
        elif self.analyzer is None:
            self.activity.setText("Preparing the segmenter and the pinyin model…")

    def _analysis_ready(self, article_id: int, analysed: Analysed) -> None:
        if self._closed or article_id != self.article_id:
            return
        tokens, keys = analysed
        self.activity.clear()
        self.view.set_tokens(tokens)
        self.settled.emit()
        self._finish_after_paint()
        # Statuses are keyed by the word's simplified form; the view looks up token texts.
        self.word_keys = keys
        marked = {t.text for t in tokens if t.kind in (TokenKind.WORD, TokenKind.NAME)}
        statuses = self.store.vocab.statuses_for(self.word_keys[w] for w in marked)
        self.view.set_word_statuses({w: int(statuses[self.word_keys[w]]) for w in marked})
        self._analysed_article = article_id
        if self._vocab is not None:  # else it follows when built (`finish_startup`)
            self._vocab.article_ready()
        chinese = [t for t in tokens if t.is_chinese]
        unique = len({self.word_keys[t.text] for t in chinese})
        self.word_count.setText(
            f"{len(chinese):,} words ({unique:,} different) · {len(self.view.text):,} characters"
        )
        self.library.show_counted(article_id)
        self.library_counting.resume()  # the library's other articles, while the worker idles

    def _analysis_failed(self, error: Exception) -> None:
        self._finish_after_paint()
        self.activity.setText(f"The analysis failed: {error}")

    def _dictionary_ready(self, dictionary: Any) -> None:
        if self._closed:
            return
        self.dictionary = dictionary
        self.view.set_hsk_level(lambda word: _newest_level(dictionary.hsk_level(word)))
        self.view.set_traditional_converter(TraditionalConverter(dictionary).convert)
        self.search.set_dictionary(dictionary)
        if self._pending_analysis is None:
            self._start_loader()
        self._start_analysis()

    def _analyzer_ready(self, analyzer: Any) -> None:
        if self._closed:
            return
        dictionary = self.dictionary
        if dictionary is not None and analyzer.dictionary_key != dictionary.index.stem:
            return  # loaded for the release before an import; the new one is on its way
        self.analyzer = analyzer
        self.activity.clear()
        self.settled.emit()
        self._start_analysis()

    @property
    def worker_store(self) -> Store:
        """The store that tasks on ``self.worker`` read and write (the one writer thread)."""
        return self._worker_store

    def reanalyse(self) -> None:
        """Analyse the open article again (a correction changed its key); on the worker."""
        if self.article_id is not None:
            self._pending_analysis = self.article_id
            self._start_analysis()

    def use_dictionary(self, dictionary: Any) -> None:
        """Switch to a newly imported dictionary everywhere: lookups, search and HSK levels
        at once, the analyser re-created for it on the loader, then the article analysed
        again (its stored analysis was keyed by the old dictionary)."""
        old = self.analyzer
        self.analyzer = None
        self._pending_analysis = self.article_id
        self._dictionary_ready(dictionary)
        self.activity.setText("Loading the new dictionary…")
        words = [w.word for w in self.store.corrections.user_words()]

        def create(_progress: Progress) -> Any:
            from reader.core.analysis.pipeline import Analyzer

            readings = old.readings if old is not None else None
            return Analyzer.create(words, dictionary=dictionary, readings=readings)

        self.loader.submit(create, on_success=self._analyzer_ready, on_error=self._tools_failed)

    def _tools_failed(self, error: Exception) -> None:
        self._finish_after_paint()
        self.activity.setText(f"The dictionary could not be loaded: {error}")

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if message:
            percent = f" {100 * done // total}%" if total > 1 else ""
            self.activity.setText(f"{message}…{percent}")

    def _save_position(self) -> None:
        if self.article_id is not None:
            self.store.articles.save_reading_position(self.article_id, self.view.reading_position())


def _newest_level(level: Any) -> int | None:
    """The new HSK level of a word when it has one, else the old one."""
    if level is None:
        return None
    return getattr(level, "new", None) or getattr(level, "old", None)
