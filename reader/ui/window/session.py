"""The article being read, and the language tools it is read with.

`ReadingSession` owns what the window's components share about the reading of the
moment: the open article's id, its analysed tokens and their word keys, the dictionary
and the analyser (each None until loaded). `ArticleLoader` fills it in; the components
follow its signals instead of asking each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.article_view.releasing import release

if TYPE_CHECKING:  # both load on a worker after the first paint; typing them costs nothing
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.tokens import Token
    from reader.core.cedict import Dictionary


class ReadingSession(QObject):
    """``shown(article_id)``: its text is on screen (provisional tokens);
    ``analysed(article_id)``: its tokens and word keys are here;
    ``dictionary_changed(dictionary)``, ``analyzer_ready(analyzer)``: a tool arrived;
    ``failed(message)``: the analysis or the tools could not be had."""

    shown = Signal(int)
    analysed = Signal(int)
    dictionary_changed = Signal(object)
    analyzer_ready = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.article_id: int | None = None
        self.analysed_article: int | None = None  # the article whose tokens are these
        self.tokens: list[Token] = []
        self.word_keys: dict[str, str] = {}  # token text → word key (`reader.core.words`)
        self.dictionary: Dictionary | None = None
        self.analyzer: Analyzer | None = None

    @property
    def is_analysed(self) -> bool:
        """True when the open article's analysis has arrived."""
        return self.article_id is not None and self.analysed_article == self.article_id

    def open(self, article_id: int) -> None:
        self.article_id = article_id
        self._let_go(self.tokens)
        self.tokens, self.word_keys = [], {}
        self.shown.emit(article_id)

    def set_analysis(self, article_id: int, tokens: list[Token], keys: dict[str, str]) -> None:
        if tokens is not self.tokens:
            self._let_go(self.tokens)
        self.tokens, self.word_keys = tokens, keys
        self.analysed_article = article_id
        self.analysed.emit(article_id)

    @staticmethod
    def _let_go(tokens: list[Token]) -> None:
        """The old tokens freed off the UI thread (`reader.ui.article_view.releasing`): this
        list may be the last to hold a long article's million tokens once the view's are
        freed, and freeing them at once stalled the window for 100-300 ms."""
        release([tokens])

    def set_dictionary(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.dictionary_changed.emit(dictionary)

    def fail(self, message: str) -> None:
        """The analysis or the tools could not be had."""
        self.failed.emit(message)

    def set_analyzer(self, analyzer: Analyzer | None) -> None:
        self.analyzer = analyzer
        if analyzer is not None:
            self.analyzer_ready.emit(analyzer)
