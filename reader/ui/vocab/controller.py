"""The vocabulary wiring of the main window: add words, set statuses, keep everything in step.

The controller is given the window's context (store, messages, actions), the reading
session (article, word keys, dictionary), the view and the lookups (the popup and the
side panel's Word tab), and connects them to the vocabulary: the word's row in the popup
and in the Word tab (`word_state`: Add and the status box, or ``✓ In “Words from 宝顶山”
· Learning 1`` with a menu to change the status or remove it), the keys (A add, Shift+A add the
selection, 1–4 learning, 5 / K known, I ignore, 0 new), the vocabulary dock (lists and
the article's statistics) and the import dialog. Every change is one operation of the
window's writer (`reader.core.operations`; a word collected becomes Learning 1 there);
the `Changes` it returns reach every part, and each redraws what concerns it: here the
view's marks, the popup and the statistics; the panel and the library on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QTabWidget

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.cedict.learner_order import learner_order
from reader.core.collect import first_occurrences, word_from_token, words_in_span
from reader.core.history import (
    Action,
    CollectWords,
    DeleteList,
    RemoveWords,
    SetStatuses,
    WordHistory,
)
from reader.core.operations import Changes
from reader.core.progress import Progress
from reader.core.store import NewWord, Store, WordStatus
from reader.core.store.vocab import DEFAULT_LIST_PREFIX
from reader.core.words import key_for
from reader.ui.article_view.widget import ArticleView
from reader.ui.operations import edit
from reader.ui.vocab.labels import STATUS_KEYS, STATUS_LABELS, newest_level
from reader.ui.vocab.panel import VocabularyPanel
from reader.ui.vocab.stats_panel import Describe, StatsPanel
from reader.ui.vocab.word_state import WordState
from reader.ui.window.context import WindowContext
from reader.ui.window.session import ReadingSession
from reader.ui.word_history import UndoActions

if TYPE_CHECKING:
    from reader.core.cedict import Dictionary
    from reader.core.cedict.model import Entry
    from reader.core.class_lists import OffListWord
    from reader.core.stats import ArticleStats
    from reader.ui.class_report import ClassReportDialog
    from reader.ui.lookup.content import Lookup
    from reader.ui.window.lookup import LookupController

STATUS_ACTIONS = (  # the names of the Words ▸ Set status actions
    ("status_new", WordStatus.NEW),
    ("status_1", WordStatus.LEARNING_1),
    ("status_2", WordStatus.LEARNING_2),
    ("status_3", WordStatus.LEARNING_3),
    ("status_4", WordStatus.LEARNING_4),
    ("status_known", WordStatus.KNOWN),
    ("status_ignored", WordStatus.IGNORED),
)


class VocabularyController(QObject):
    """The vocabulary dock, the Words menu and the popup's Add and status; see the module
    docstring. ``menu``: the Words menu, for the window to place."""

    statuses_changed = Signal()
    words_added = Signal(object)  # list[int]: ids of the words in their list

    def __init__(
        self,
        context: WindowContext,
        session: ReadingSession,
        view: ArticleView,
        lookups: LookupController,
        dock: QDockWidget,
    ) -> None:
        """``dock``: the window's vocabulary dock, already in its place (this fills it)."""
        super().__init__(dock)
        self._context = context
        self._session = session
        self._messages = context.messages
        self.store = context.store
        self.view = view
        self.lookups = lookups
        self.popup = lookups.popup
        self.target_list_id: int | None = None  # None: the article's own list
        self._hsk_of: Dictionary | None = None  # the dictionary whose levels _hsk_levels holds
        self._hsk_levels: dict[str, int | None] = {}
        self._stats_stale = False
        parent = context.dialog_parent
        self.history = UndoActions(WordHistory(), context.writer, context.messages, parent)
        self.panel = VocabularyPanel(
            self.store,
            self._hsk,
            self._glosses,
            parent,
            writer=context.writer,
            do_action=self.history.do,
            messages=context.messages,
        )
        self.stats = StatsPanel(parent)
        self.tabs = QTabWidget(parent)
        self.tabs.addTab(self.panel, "Lists")
        self.tabs.addTab(self.stats, "Statistics")
        self.dock = dock
        self.dock.setWidget(self.tabs)
        self.popup_state = self._word_state(
            self.add_from_popup, self._popup_lookup, self.popup.set_word_row
        )
        self.panel_state = self._word_state(
            self.add_from_panel, self._panel_lookup, lookups.add_word_row
        )
        lookups.panel_shown.connect(self._sync_panel)
        self.menu = self._build_actions()
        self.panel.target_changed.connect(self._set_target)
        self.panel.class_lists_changed.connect(self._show_class_words)
        self.panel.hsk_list_requested.connect(self.make_hsk_list)
        self.history.undone.connect(self._undone)
        # the HSK column and the senses come with the dictionary (it may open after this)
        session.dictionary_changed.connect(lambda _dictionary: self.panel.refresh())
        self.stats.add_requested.connect(self.add_words)
        self.stats.mark_known_requested.connect(self.mark_new_known)
        self.tabs.currentChanged.connect(lambda _i: self._stats_shown())
        self.dock.visibilityChanged.connect(lambda _v: self._stats_shown())
        self.popup.lookup_shown.connect(self._sync_popup)
        self.popup.add_requested.connect(lambda _index: self.add_from_popup())
        self._sync_panel()
        self.popup.add_word_requested.connect(self.add_match)

    # --- building --------------------------------------------------------------------------

    def _word_state(
        self,
        add: Callable[[], None],
        lookup: Callable[[], Lookup | None],
        place: Callable[[WordState], None],
    ) -> WordState:
        """A word's row (the popup's or the Word tab's): Add, or its state and menu;
        ``lookup``: the word it is about."""
        state = WordState(self._context.dialog_parent)
        state.add_requested.connect(add)
        state.status_chosen.connect(lambda status: self._set_status_of(lookup(), status))
        state.remove_requested.connect(lambda: self._remove_from_target(lookup()))
        place(state)
        return state

    def _build_actions(self) -> QMenu:
        def action(
            name: str, text: str, slot: Callable[[], object], keys: list[str] | None = None
        ) -> QAction:
            return self._context.actions.add(name, text, slot, keys, reading_key=bool(keys))

        menu = QMenu("&Words", self._context.dialog_parent)
        menu.addAction(action("add_word", "&Add the word to the list", self.add_current, ["A"]))
        menu.addAction(
            action("add_selection", "Add the &selected words", self.add_selection, ["Shift+A"])
        )
        menu.addAction(action("add_unknown", "Add all &unknown words", self.add_all_unknown))
        menu.addAction(action("mark_new_known", "Mark all &new words known…", self.mark_new_known))
        menu.addAction(
            action("class_report", "Words &outside the class lists…", self.show_class_report)
        )
        menu.addSeparator()
        status_menu = menu.addMenu("Set &status")
        for name, status in STATUS_ACTIONS:
            set_status = partial(self.set_status, status)
            status_menu.addAction(
                action(name, STATUS_LABELS[status], set_status, STATUS_KEYS[status])
            )
        menu.addSeparator()
        menu.addAction(action("import_vocab", "&Import a word list…", self.panel.import_file))
        toggle = self.dock.toggleViewAction()
        toggle.setText("&Vocabulary panel")
        menu.addAction(toggle)
        return menu

    # --- the article -----------------------------------------------------------------------

    def article_ready(self) -> None:
        """The analysis of the session's article is shown: statistics and lists follow it."""
        self.panel.set_article(self._session.article_id)
        self._refresh_stats()
        self._show_class_words()

    def show_class_report(self) -> ClassReportDialog | None:
        """The article's words outside the class's lists, by count, with the share the
        lists cover; "Make a list of these…" collects them (undoable) into a new list."""
        if not self._ready():
            return None
        from reader.core.class_lists import off_list_report, words_to_teach
        from reader.ui.class_report import ClassReportDialog

        vocab = self.store.vocab
        marked = vocab.class_list_ids()
        names = [w.name for w in vocab.lists() if w.id in marked]
        tokens = self.view.tokens
        report = off_list_report(tokens, vocab.class_words(), self._session.word_keys)
        dictionary = self._session.dictionary
        article_id = self._session.article_id

        def make_list(name: str, words: Sequence[OffListWord]) -> None:
            assert dictionary is not None
            chosen = tuple(words_to_teach(tokens, words, dictionary, article_id))

            def collect(list_id: int) -> None:
                self.history.do(
                    CollectWords(chosen, list_id), lambda _a: self.panel.refresh(show_list=list_id)
                )

            self._context.writer.run(
                edit(lambda store: store.vocab.create_list(name), Changes(lists=True)),
                collect,
                lambda error: self._messages.fail(str(error)),
            )

        title = self.store.articles.info(article_id).title if article_id is not None else ""
        dialog = ClassReportDialog(report, names, make_list, title, self._context.dialog_parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _undone(self, action: Action) -> None:
        """A list deleted and put back by Undo is the one shown."""
        if isinstance(action, DeleteList):
            self.panel.refresh(show_list=action.list_id)

    def make_hsk_list(self, top: int) -> None:
        """A class list of HSK 3.0 levels 1 to ``top``: its words and their entries looked
        up on the queries thread (thousands of lookups, seconds for HSK 7-9: the window
        stays responsive), then made, filled and marked as taught by the writer."""
        dictionary = self._session.dictionary
        if dictionary is None:
            self._messages.show("The dictionary is still loading…")
            return
        wanted = "HSK 1" if top == 1 else f"HSK 1-{'7-9' if top == 7 else top}"
        self._messages.show(f"Making the class list {wanted}…")

        def look_up(_store: Store, _progress: Progress) -> list[NewWord]:
            from reader.core.class_lists import hsk_words

            return hsk_words(top, dictionary)

        self._context.queries.run(
            look_up,
            lambda words: self._store_hsk_list(wanted, words),
            partial(self._hsk_list_failed, wanted),
        )

    def _store_hsk_list(self, wanted: str, words: list[NewWord]) -> None:
        """Make the class list ``wanted`` (a free name like it) of ``words``, marked as
        taught, in one transaction; then show it."""

        def make(store: Store) -> int:
            vocab = store.vocab
            with store.db.transaction():
                list_id = vocab.create_list(vocab.free_list_name(wanted))
                vocab.add_words(words, list_id)
                vocab.mark_class_list(list_id)
            return list_id

        def made(list_id: int) -> None:
            self.panel.refresh(show_list=list_id)
            self._messages.show(f"{len(words):,} words of {wanted}: taught to the class.")

        self._context.writer.run(
            edit(make, Changes(lists=True)), made, partial(self._hsk_list_failed, wanted)
        )

    def _hsk_list_failed(self, wanted: str, error: Exception) -> None:
        self._messages.fail(f"{wanted} could not be made: {error}")

    def _show_class_words(self) -> None:
        """The article's words in the class's lists, by token text (either script), for
        "pinyin over words outside the class lists"."""
        taught = self.store.vocab.class_words()
        keys = self._session.word_keys
        shown = {text for text, key in keys.items() if key in taught}
        if shown != self.view.class_words:
            self.view.set_class_words(shown)

    def _hsk(self, word: str) -> int | None:
        """The word's HSK level, remembered (the dictionary is fixed while it is open)."""
        dictionary = self._session.dictionary
        if dictionary is None:
            return None
        if dictionary is not self._hsk_of:
            self._hsk_of, self._hsk_levels = dictionary, {}
        if word not in self._hsk_levels:
            self._hsk_levels[word] = newest_level(dictionary.hsk_level(word))
        return self._hsk_levels[word]

    def _glosses(self, entry_id: int) -> list[str]:
        dictionary = self._session.dictionary
        if dictionary is None:
            return []
        return [sense.gloss for sense in dictionary.entry(entry_id).senses]

    def _refresh_stats(self, force: bool = False) -> None:
        """Recount now if the statistics are in view (or ``force``), else when they show."""
        from reader.core.stats import article_stats

        self._stats_stale = not (force or self.stats.isVisible())
        if self._stats_stale:
            return
        tokens = self._session.tokens  # analysed (a long article's view may not show them yet)
        if self._session.article_id is None or not any(t.entry_ids for t in tokens):
            self.stats.clear()
            return
        keys = self._session.word_keys
        statuses = self.store.vocab.statuses_for(keys.values())
        stats = article_stats(tokens, statuses, self._hsk, keys)
        self.stats.show_stats(stats, self._hsk, self._describer(stats))

    def _describer(self, stats: ArticleStats) -> Describe:
        """Each unknown word's pinyin as read at its first occurrence and its meanings, as
        "Add" would save them (the occurrences are found once, on the first row shown)."""
        tokens, keys = self._session.tokens, self._session.word_keys
        words = [word for word, _count in stats.unknown_by_frequency]
        first: dict[str, int] = {}

        def describe(word: str) -> tuple[str, tuple[str, ...]]:
            if not first:
                first.update(first_occurrences(tokens, words, keys))
            index = first.get(word)
            if index is None or self._session.dictionary is None:
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
        self._sync_states()

    def _save(self, words: Sequence[NewWord]) -> None:
        """Collect ``words`` (the new ones become Learning 1; `history.CollectWords`),
        undoable with Ctrl+Z."""
        if not words:
            return

        def saved(action: Action) -> None:
            assert isinstance(action, CollectWords)
            list_id = self.store.vocab.word(action.ids[0]).list_id
            self.panel.refresh(show_list=list_id)  # the list the words went to
            self.words_added.emit(action.ids)
            self._sync_states()

        self.history.do(CollectWords(tuple(words), self.target_list_id), saved)

    def _word_at(
        self, index: int, word: str | None = None, entries: Sequence[Entry] | None = None
    ) -> NewWord:
        """Called once `_ready` said the dictionary is there."""
        dictionary = self._session.dictionary
        assert dictionary is not None
        token = self.view.tokens[index]
        if word is None and entries is None and token.entry_ids:  # as the popup shows them
            found = (dictionary.entry(i) for i in token.entry_ids)
            is_name = token.kind is TokenKind.NAME
            entries = learner_order(found, " ".join(token.readings), names_first=is_name)
        return word_from_token(
            self.view.tokens,
            index,
            dictionary,
            self._session.article_id,
            word=word,
            entries=entries,
        )

    def _ready(self) -> bool:
        if self._session.dictionary is None or self._session.article_id is None:
            self._messages.show("The dictionary is still loading…")
            return False
        return True

    def add_from_popup(self) -> None:
        """The word the popup shows (a longer match or a cross-reference too), met here."""
        lookup, index = self.popup.lookup, self.popup.token_index
        if lookup is None or index is None or not self._ready():
            return
        self._save([self._word_at(index, lookup.word, lookup.entries)])

    def add_from_panel(self) -> None:
        """The word the side panel's Word tab shows, met where the panel's word was."""
        lookup, index = self.lookups.panel_lookup, self.lookups.panel_token
        if lookup is None or index is None or not self._ready():
            return
        if index >= len(self.view.tokens):
            return
        self._save([self._word_at(index, lookup.word, lookup.entries)])

    def add_match(self, word: str) -> None:
        """An "also starting here" word of the popup, with the sentence of the popup's word."""
        index = self.popup.token_index
        if index is None or not self._ready():
            return
        self._save([self._word_at(index, word)])

    def add_current(self) -> None:
        """A: the popup's word when it is open, else the current word of the view."""
        if self.popup.isVisible():
            self.add_from_popup()
            return
        current = self.view.current()
        if current is None or not self._ready():
            return
        index = current[0]
        if not self.view.tokens[index].is_chinese:
            return
        self._save([self._word_at(index)])

    def add_selection(self) -> None:
        if self.view.selection is None or not self._ready():
            return
        start, end = self.view.selection
        self._save([self._word_at(i) for i in words_in_span(self.view.tokens, start, end)])

    def add_words(self, words: Sequence[str]) -> None:
        """Add ``words`` of the article, each with the sentence of its first occurrence."""
        if not self._ready():
            return
        found = first_occurrences(self.view.tokens, words, self._session.word_keys)
        self._save([self._word_at(found[w]) for w in words if w in found])

    def add_all_unknown(self) -> None:
        if self._stats_stale:
            self._refresh_stats(force=True)
        self.add_words(self.stats.unknown_words())

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
            self._messages.show("No new words left in this article.")
            return 0
        if not self._messages.confirm(
            "Mark new words known",
            f"Mark the {len(words):,} new words of this article as known?\n\n"
            "Words you are learning and ignored words keep their status; "
            "any word can be set back with its status keys (0-5, I).",
            default_yes=True,
        ):
            return 0
        self.history.do(SetStatuses(dict.fromkeys(words, WordStatus.KNOWN)))
        return len(words)

    def _target_word(self) -> str | None:
        """The key (``reader.core.words``) of the popup's word, else of the current word."""
        if self.popup.isVisible() and self.popup.lookup is not None:
            return _lookup_key(self.popup.lookup)
        current = self.view.current()
        if current is None:
            return None
        token: Token = self.view.tokens[current[0]]
        if not token.is_chinese:
            return None
        return self._session.word_keys.get(token.text, token.text)

    def _popup_lookup(self) -> Lookup | None:
        return self.popup.lookup

    def _panel_lookup(self) -> Lookup | None:
        return self.lookups.panel_lookup

    def _set_status_of(self, lookup: Lookup | None, status: WordStatus) -> None:
        """The status chosen in a word's row, for the word that row shows."""
        if lookup is not None:
            self.set_status(status, _lookup_key(lookup))

    def _remove_from_target(self, lookup: Lookup | None) -> None:
        """The row's "Remove from “…”": the word out of the list Add fills (undoable)."""
        target, _name = self._target()
        if lookup is None or target is None:
            return
        key = _lookup_key(lookup)
        ids = tuple(w.id for w in self.store.vocab.words(target) if w.simplified == key)
        if ids:
            self.history.do(RemoveWords(ids, (key,)))

    def set_status(self, status: WordStatus, word: str | None = None) -> None:
        """Set ``word``'s status (default: the popup's or the current word) for the whole app."""
        word = word or self._target_word()
        if word is None:
            return
        self.history.do(SetStatuses({word: status}))

    def op_executed(self, changes: Changes) -> None:
        if changes.statuses:
            self._show_statuses(changes.statuses)
        if changes.lists:  # the panel reads its list anew on its own (`panel.op_executed`)
            self._sync_states()
            self._show_class_words()  # a class list deleted, or put back by an undo

    def _show_statuses(self, changed: Mapping[str, WordStatus]) -> None:
        """``changed``: key → status; the view's marks are by token text, in either script."""
        marks = dict(self.view.statuses)
        marks.update({w: int(s) for w, s in changed.items()})
        for text, key in self._session.word_keys.items():
            if key in changed:
                marks[text] = int(changed[key])
        self.view.set_word_statuses(marks)
        self._sync_states()
        self._refresh_stats()
        self.statuses_changed.emit()

    def _sync_states(self) -> None:
        self._sync_popup()
        self._sync_panel()

    def _sync_popup(self) -> None:
        self._show_state(self.popup_state, self.popup.lookup)

    def _sync_panel(self) -> None:
        self._show_state(self.panel_state, self.lookups.panel_lookup)

    def _show_state(self, state: WordState, lookup: Lookup | None) -> None:
        """``state`` shows where ``lookup``'s word is: in the list Add fills (and its
        status), or not yet (Add to it); hidden with no word."""
        state.setVisible(lookup is not None)
        if lookup is None:
            return
        key = _lookup_key(lookup)
        holding = self.store.vocab.lists_holding(key)
        target, name = self._target()
        held = holding.get(target) if target is not None else None
        state.show_state(name, held, self.store.vocab.status(key))

    def _target(self) -> tuple[int | None, str]:
        """The list Add fills and its name, from one read of the lists: the chosen one,
        else the article's own (None before it is made, with the name it will have)."""
        chosen, article_id = self.target_list_id, self._session.article_id
        lists = self.store.vocab.lists()
        if chosen is not None:
            return chosen, next((w.name for w in lists if w.id == chosen), "")
        if article_id is None:
            return None, ""
        own = next((w for w in lists if w.article_id == article_id), None)
        if own is not None:
            return own.id, own.name
        return None, DEFAULT_LIST_PREFIX + self.store.articles.info(article_id).title


def _lookup_key(lookup: Lookup) -> str:
    """The key (``reader.core.words``) of the word a lookup shows."""
    return key_for(lookup.word, lookup.entries[0] if lookup.entries else None)
