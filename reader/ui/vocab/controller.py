"""The vocabulary wiring of the main window: add words, set statuses, keep everything in step.

The window keeps its store, view, popup, library and dictionary; the controller connects
them to the vocabulary: the popup's Add button and status box, the keys (A add, Shift+A
add the selection, 1–4 learning, 5 / K known, I ignore, 0 new), the vocabulary dock (lists
and the article's statistics) and the import dialog. Every change is written at once (one
short transaction, under 10 ms) and then shown everywhere: the view re-marks the word, the
popup, the panel, the statistics and the library's % known follow. A word collected that
had no status becomes Learning 1 (as in LWT), so it leaves the article's unknown words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
)

from reader.core.analysis.tokens import Token
from reader.core.collect import first_occurrences, word_from_token, words_in_span
from reader.core.store import NewWord, StoreError, WordStatus
from reader.core.words import key_for
from reader.ui.vocab.labels import STATUS_LABELS, newest_level
from reader.ui.vocab.panel import VocabularyPanel
from reader.ui.vocab.stats_panel import Describe, StatsPanel

if TYPE_CHECKING:
    from reader.core.stats import ArticleStats
    from reader.ui.main_window import MainWindow

STATUS_KEYS: tuple[tuple[str, WordStatus, list[str]], ...] = (
    ("status_new", WordStatus.NEW, ["0"]),
    ("status_1", WordStatus.LEARNING_1, ["1"]),
    ("status_2", WordStatus.LEARNING_2, ["2"]),
    ("status_3", WordStatus.LEARNING_3, ["3"]),
    ("status_4", WordStatus.LEARNING_4, ["4"]),
    ("status_known", WordStatus.KNOWN, ["5", "K"]),
    ("status_ignored", WordStatus.IGNORED, ["I"]),
)


class VocabularyController(QObject):
    """Owns the vocabulary dock and actions of ``window``; see the module docstring."""

    statuses_changed = Signal()
    words_added = Signal(object)  # list[int]: ids of the words in their list

    def __init__(self, window: MainWindow, dock: QDockWidget) -> None:
        """``dock``: the window's vocabulary dock, already in its place (this fills it)."""
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.view = window.view
        self.popup = window.popup
        self.target_list_id: int | None = None  # None: the article's own list
        self._hsk_of: Any = None  # the dictionary whose levels _hsk_levels holds
        self._hsk_levels: dict[str, int | None] = {}
        self._stats_stale = False
        self.panel = VocabularyPanel(self.store, self._hsk, self._glosses, window)
        self.stats = StatsPanel(window)
        self.tabs = QTabWidget(window)
        self.tabs.addTab(self.panel, "Lists")
        self.tabs.addTab(self.stats, "Statistics")
        self.dock = dock
        self.dock.setWidget(self.tabs)
        self._build_popup_tools()
        self.menu = self._build_actions()
        bar = window.menuBar()
        bar.insertMenu(bar.actions()[-1], self.menu)  # before Help
        self.panel.target_changed.connect(self._set_target)
        self.panel.statuses_changed.connect(self._statuses_changed_elsewhere)
        self.stats.add_requested.connect(self.add_words)
        self.stats.mark_known_requested.connect(self.mark_new_known)
        self.tabs.currentChanged.connect(lambda _i: self._stats_shown())
        self.dock.visibilityChanged.connect(lambda _v: self._stats_shown())
        self.popup.lookup_shown.connect(self._sync_popup)
        self.popup.add_requested.connect(lambda _index: self.add_from_popup())
        self.popup.add_word_requested.connect(self.add_match)

    # --- building --------------------------------------------------------------------------

    def _build_popup_tools(self) -> None:
        self.popup_add = QPushButton("Add", self.popup)
        self.popup_add.setToolTip("Add to the word list (A or Enter)")
        self.popup_add.clicked.connect(
            lambda: self.popup.add_requested.emit(self.popup.token_index or 0)
        )
        self.popup_status = QComboBox(self.popup)
        for status in WordStatus:
            self.popup_status.addItem(STATUS_LABELS[status], int(status))
        self.popup_status.setToolTip("Status: 1–4 learning, 5 or K known, I ignore, 0 new")
        self.popup_status.activated.connect(
            lambda i: self.set_status(WordStatus(self.popup_status.itemData(i)))
        )
        self.popup_status.setMinimumWidth(self.popup_status.sizeHint().width())
        self.popup.tools.insertWidget(2, self.popup_add)
        self.popup.tools.insertWidget(3, self.popup_status)

    def _build_actions(self) -> QMenu:
        window = self.window
        view_keys: list[QAction] = []

        def action(name: str, text: str, slot: Any, keys: list[str] | None = None) -> QAction:
            item = QAction(text, window)
            if keys:
                item.setShortcuts([QKeySequence(k) for k in keys])
                item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view_keys.append(item)
            item.triggered.connect(lambda _checked=False: slot())
            window.actions_by_name[name] = item
            return item

        menu = QMenu("&Words", window)
        menu.addAction(action("add_word", "&Add the word to the list", self.add_current, ["A"]))
        menu.addAction(
            action("add_selection", "Add the &selected words", self.add_selection, ["Shift+A"])
        )
        menu.addAction(action("add_unknown", "Add all &unknown words", self.add_all_unknown))
        menu.addAction(action("mark_new_known", "Mark all &new words known…", self.mark_new_known))
        menu.addSeparator()
        status_menu = menu.addMenu("Set &status")
        for name, status, keys in STATUS_KEYS:
            status_menu.addAction(
                action(name, STATUS_LABELS[status], lambda s=status: self.set_status(s), keys)
            )
        menu.addSeparator()
        menu.addAction(action("import_vocab", "&Import a word list…", self.panel.import_file))
        menu.addAction(action("vocab_undo", "&Undo delete", self.panel.undo))
        toggle = self.dock.toggleViewAction()
        toggle.setText("&Vocabulary panel")
        menu.addAction(toggle)
        for item in view_keys:
            self.view.addAction(item)
        return menu

    # --- the article -----------------------------------------------------------------------

    def article_ready(self) -> None:
        """The analysis of the window's article is shown: statistics and lists follow it."""
        article_id = self.window.article_id
        self.panel.set_article(article_id)
        self._refresh_stats()

    def _hsk(self, word: str) -> int | None:
        """The word's HSK level, remembered (the dictionary is fixed while it is open)."""
        dictionary = self.window.dictionary
        if dictionary is None:
            return None
        if dictionary is not self._hsk_of:
            self._hsk_of, self._hsk_levels = dictionary, {}
        if word not in self._hsk_levels:
            self._hsk_levels[word] = newest_level(dictionary.hsk_level(word))
        return self._hsk_levels[word]

    def _glosses(self, entry_id: int) -> list[str]:
        dictionary = self.window.dictionary
        if dictionary is None:
            return []
        return [sense.gloss for sense in dictionary.entry(entry_id).senses]

    def _refresh_stats(self, force: bool = False) -> None:
        """Recount now if the statistics are in view (or ``force``), else when they show."""
        from reader.core.stats import article_stats

        self._stats_stale = not (force or self.stats.isVisible())
        if self._stats_stale:
            return
        tokens = self.view.tokens
        if self.window.article_id is None or not any(t.entry_ids for t in tokens):
            self.stats.clear()
            return
        keys = self.window.word_keys
        statuses = self.store.vocab.statuses_for(keys.values())
        stats = article_stats(tokens, statuses, self._hsk, keys)
        self.stats.show_stats(stats, self._hsk, self._describer(stats))

    def _describer(self, stats: ArticleStats) -> Describe:
        """Each unknown word's pinyin as read at its first occurrence and its meanings, as
        "Add" would save them (the occurrences are found once, on the first row shown)."""
        tokens, keys = self.view.tokens, self.window.word_keys
        words = [word for word, _count in stats.unknown_by_frequency]
        first: dict[str, int] = {}

        def describe(word: str) -> tuple[str, tuple[str, ...]]:
            if not first:
                first.update(first_occurrences(tokens, words, keys))
            index = first.get(word)
            if index is None or self.window.dictionary is None:
                return "", ()
            token = tokens[index]
            pinyin = " ".join(r for r in token.readings if r)
            return pinyin, tuple(self._glosses(token.entry_ids[0])) if token.entry_ids else ()

        return describe

    def _stats_shown(self) -> None:
        if self._stats_stale and self.stats.isVisible():
            self._refresh_stats()

    # --- adding ----------------------------------------------------------------------------

    def _set_target(self, list_id: int | None) -> None:
        self.target_list_id = list_id

    def _save(self, words: Sequence[NewWord]) -> list[int]:
        if not words:
            return []
        vocab = self.store.vocab
        # A word collected is being learnt (LWT's status 1), unless it already has a status.
        learning = {
            w: WordStatus.LEARNING_1
            for w, s in vocab.statuses_for(w.simplified for w in words).items()
            if s is WordStatus.NEW
        }
        try:
            with self.store.db.transaction():  # the words and their statuses, or nothing
                ids = vocab.add_words(words, self.target_list_id)
                vocab.set_statuses(learning)
        except (StoreError, KeyError, ValueError) as error:
            self.window.activity.setText(f"The word was not added: {error}")
            return []
        list_id = self.store.vocab.word(ids[0]).list_id
        name = next((wl.name for wl in self.store.vocab.lists() if wl.id == list_id), "")
        shown = "、".join(w.simplified for w in words[:5]) + ("…" if len(words) > 5 else "")
        self.window.activity.setText(f"Added {shown} to “{name}”.")
        self.panel.refresh(show_list=list_id)
        if learning:
            self._show_statuses(learning)
        self.words_added.emit(ids)
        return ids

    def _word_at(self, index: int, word: str | None = None, entries: Any = None) -> NewWord:
        return word_from_token(
            self.view.tokens,
            index,
            self.window.dictionary,
            self.window.article_id,
            word=word,
            entries=entries,
        )

    def _ready(self) -> bool:
        if self.window.dictionary is None or self.window.article_id is None:
            self.window.activity.setText("The dictionary is still loading…")
            return False
        return True

    def add_from_popup(self) -> list[int]:
        """The word the popup shows (a longer match or a cross-reference too), met here."""
        lookup, index = self.popup.lookup, self.popup.token_index
        if lookup is None or index is None or not self._ready():
            return []
        return self._save([self._word_at(index, lookup.word, lookup.entries)])

    def add_match(self, word: str) -> list[int]:
        """An "also starting here" word of the popup, with the sentence of the popup's word."""
        index = self.popup.token_index
        if index is None or not self._ready():
            return []
        return self._save([self._word_at(index, word)])

    def add_current(self) -> list[int]:
        """A: the popup's word when it is open, else the current word of the view."""
        if self.popup.isVisible():
            return self.add_from_popup()
        current = self.view.current()
        if current is None or not self._ready():
            return []
        index = current[0]
        if not self.view.tokens[index].is_chinese:
            return []
        return self._save([self._word_at(index)])

    def add_selection(self) -> list[int]:
        if self.view.selection is None or not self._ready():
            return []
        start, end = self.view.selection
        return self._save([self._word_at(i) for i in words_in_span(self.view.tokens, start, end)])

    def add_words(self, words: Sequence[str]) -> list[int]:
        """Add ``words`` of the article, each with the sentence of its first occurrence."""
        if not self._ready():
            return []
        found = first_occurrences(self.view.tokens, words, self.window.word_keys)
        return self._save([self._word_at(found[w]) for w in words if w in found])

    def add_all_unknown(self) -> list[int]:
        if self._stats_stale:
            self._refresh_stats(force=True)
        return self.add_words(self.stats.unknown_words())

    # --- statuses --------------------------------------------------------------------------

    def mark_new_known(self) -> int:
        """LWT's "I know all", LingQ's "move the blue words to known": after reading, every
        word of the article still new becomes known (words being learned or ignored keep
        their status; names are not counted). Asks first; returns how many were marked."""
        if not self._ready():
            return 0
        if self._stats_stale:
            self._refresh_stats(force=True)
        words = self.stats.unknown_words()
        if not words:
            self.window.activity.setText("No new words left in this article.")
            return 0
        answer = QMessageBox.question(
            self.window,
            "Mark new words known",
            f"Mark the {len(words):,} new words of this article as known?\n\n"
            "Words you are learning and ignored words keep their status; "
            "any word can be set back with its status keys (0-5, I).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        changed = dict.fromkeys(words, WordStatus.KNOWN)
        try:
            self.store.vocab.set_statuses(changed)
        except StoreError as error:
            self.window.activity.setText(str(error))
            return 0
        self._show_statuses(changed)
        self.panel.refresh()
        self.window.activity.setText(f"{len(words):,} words marked known.")
        return len(words)

    def _target_word(self) -> str | None:
        """The key (``reader.core.words``) of the popup's word, else of the current word."""
        if self.popup.isVisible() and self.popup.lookup is not None:
            return self._lookup_key()
        current = self.view.current()
        if current is None:
            return None
        token: Token = self.view.tokens[current[0]]
        if not token.is_chinese:
            return None
        return self.window.word_keys.get(token.text, token.text)

    def _lookup_key(self) -> str:
        lookup = self.popup.lookup
        assert lookup is not None
        return key_for(lookup.word, lookup.entries[0] if lookup.entries else None)

    def set_status(self, status: WordStatus, word: str | None = None) -> None:
        """Set ``word``'s status (default: the popup's or the current word) for the whole app."""
        word = word or self._target_word()
        if word is None:
            return
        try:
            self.store.vocab.set_status(word, status)
        except StoreError as error:
            self.window.activity.setText(str(error))
            return
        self.window.activity.setText(f"{word}: {STATUS_LABELS[status]}")
        self._show_statuses({word: status})
        self.panel.refresh()

    def _statuses_changed_elsewhere(self, statuses: dict[str, WordStatus]) -> None:
        self._show_statuses(statuses)

    def _show_statuses(self, changed: dict[str, WordStatus]) -> None:
        """``changed``: key → status; the view's marks are by token text, in either script."""
        marks = dict(self.view.statuses)
        marks.update({w: int(s) for w, s in changed.items()})
        for text, key in self.window.word_keys.items():
            if key in changed:
                marks[text] = int(changed[key])
        self.view.set_word_statuses(marks)
        self._sync_popup()
        self._refresh_stats()
        self.window.library.refresh_counts()  # in place: the library keeps its selection
        self.statuses_changed.emit()

    def _sync_popup(self) -> None:
        lookup = self.popup.lookup
        if lookup is None:
            return
        status = self.store.vocab.status(self._lookup_key())
        self.popup_status.setCurrentIndex(self.popup_status.findData(int(status)))
