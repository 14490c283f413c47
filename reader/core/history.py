"""Undo and redo of word actions: adding to a list, removing, moving or copying to
another list, deleting a whole list, status changes, splitting and merging words.

Each action is done through `WordHistory.do`, which applies it to the store and keeps it;
`undo` reverts the last one (its inverse, one transaction), `redo` applies it again, in
the order they were done, as an editor's Ctrl+Z / Ctrl+Shift+Z. An action keeps what its
inverse needs: the words it added that were not there before (a word already in the list
stays when its add is undone), the rows it removed (put back with their ids, places and
dates), the statuses before it, the rule a split or merge replaced. A new action after
an undo drops the redo. Every action has a ``label`` the UI shows ("Undo: Known 银行").

`WordHistory` does no UI: the window calls it from its one place that writes, and shows
the labels and the state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reader.core.operations import Changes
from reader.core.store import (
    CorrectionKind,
    DeletedList,
    DeletedWords,
    NewWord,
    Store,
    WordStatus,
)

HISTORY_LIMIT = 200  # actions kept; the oldest go first


class Action(Protocol):
    @property
    def label(self) -> str: ...

    def apply(self, store: Store) -> None: ...

    def revert(self, store: Store) -> None: ...

    def changes(self, reverted: bool) -> Changes:
        """What applying it (or reverting it) changed, for the screens to redraw."""
        ...


def _names(words: Sequence[str]) -> str:
    """ "银行", "银行, 钱", or "银行, 钱 and 3 more" for a label."""
    shown = ", ".join(words[:2])
    return shown if len(words) <= 2 else f"{shown} and {len(words) - 2} more"


@dataclass
class AddWords:
    """Add words to a list (``list_id`` None: each to its article's list)."""

    words: tuple[NewWord, ...]
    list_id: int | None = None
    list_name: str = ""  # for the label
    added_ids: list[int] = field(default_factory=list)  # new in the list, filled by apply

    @property
    def label(self) -> str:
        where = f" to “{self.list_name}”" if self.list_name else ""
        return f"Add {_names([w.simplified for w in self.words])}{where}"

    def apply(self, store: Store) -> None:
        result = store.vocab.add_words_telling_new(self.words, self.list_id)
        self.added_ids = [word_id for word_id, new in result if new]

    def revert(self, store: Store) -> None:
        store.vocab.delete_words(self.added_ids)

    def changes(self, reverted: bool) -> Changes:
        return Changes(lists=True)


@dataclass
class CollectWords:
    """Words collected while reading: added to ``list_id`` (None: each to its article's
    list), the new ones made Learning 1 (as in LWT); the undo removes the words that were
    not in the list before and gives the statuses back."""

    words: tuple[NewWord, ...]
    list_id: int | None = None
    ids: list[int] = field(default_factory=list)  # the words' ids in their list
    added: AddWords | None = None
    learning: SetStatuses | None = None

    @property
    def label(self) -> str:
        return f"Add {_names([w.simplified for w in self.words])}"

    def apply(self, store: Store) -> None:
        vocab = store.vocab
        new = {
            word: WordStatus.LEARNING_1
            for word, status in vocab.statuses_for(w.simplified for w in self.words).items()
            if status is WordStatus.NEW
        }
        self.added = AddWords(self.words, self.list_id)
        self.learning = SetStatuses(new, dict.fromkeys(new, WordStatus.NEW))
        with store.db.transaction():  # the words and their statuses, or nothing
            result = vocab.add_words_telling_new(self.words, self.list_id)
            self.learning.apply(store)
        self.ids = [word_id for word_id, _new in result]
        self.added.added_ids = [word_id for word_id, is_new in result if is_new]

    def revert(self, store: Store) -> None:
        with store.db.transaction():
            if self.added is not None:
                self.added.revert(store)
            if self.learning is not None:
                self.learning.revert(store)

    def changes(self, reverted: bool) -> Changes:
        statuses = self.learning.changes(reverted) if self.learning else Changes()
        return Changes(lists=True) | statuses


@dataclass
class RemoveWords:
    word_ids: tuple[int, ...]
    names: tuple[str, ...] = ()  # for the label
    removed: DeletedWords | None = None  # filled by apply

    @property
    def label(self) -> str:
        return f"Remove {_names(list(self.names)) or 'words'}"

    def apply(self, store: Store) -> None:
        self.removed = store.vocab.delete_words(self.word_ids)

    def revert(self, store: Store) -> None:
        if self.removed is not None:
            store.vocab.restore_words(self.removed)

    def changes(self, reverted: bool) -> Changes:
        return Changes(lists=True)


@dataclass
class TransferWords:
    """Copy words to another list (``move``: move them); the undo takes the copies out
    that were not there before and, for a move, puts the words back where they were."""

    word_ids: tuple[int, ...]
    list_id: int
    move: bool
    names: tuple[str, ...] = ()  # for the label
    list_name: str = ""
    added_ids: list[int] = field(default_factory=list)  # filled by apply
    removed: DeletedWords | None = None

    @property
    def label(self) -> str:
        verb = "Move" if self.move else "Copy"
        return f"{verb} {_names(list(self.names)) or 'words'} to “{self.list_name}”"

    def apply(self, store: Store) -> None:
        vocab = store.vocab
        with store.db.transaction():
            there = {w.id for w in vocab.words(self.list_id)}
            copies = vocab.copy_words(self.word_ids, self.list_id)
            self.added_ids = [i for i in copies if i not in there]
            self.removed = vocab.delete_words(self.word_ids) if self.move else None

    def revert(self, store: Store) -> None:
        with store.db.transaction():
            store.vocab.delete_words(self.added_ids)
            if self.removed is not None:
                store.vocab.restore_words(self.removed)

    def changes(self, reverted: bool) -> Changes:
        return Changes(lists=True)


@dataclass
class DeleteList:
    """Delete a whole list with its words; the undo puts it back as it was (its id, its
    words with their places and dates, its class mark)."""

    list_id: int
    name: str = ""  # for the label
    deleted: DeletedList | None = None  # filled by apply

    @property
    def label(self) -> str:
        return f"Delete the list “{self.name}”"

    def apply(self, store: Store) -> None:
        self.deleted = store.vocab.delete_list(self.list_id)

    def revert(self, store: Store) -> None:
        if self.deleted is not None:
            store.vocab.restore_list(self.deleted)

    def changes(self, reverted: bool) -> Changes:
        return Changes(lists=True)


@dataclass
class SetStatuses:
    """New statuses for words (keys), with the ones they had for the undo."""

    new: Mapping[str, WordStatus]
    old: Mapping[str, WordStatus] | None = None  # None: read when first applied

    @classmethod
    def of(cls, store: Store, new: Mapping[str, WordStatus]) -> SetStatuses:
        """The change from the statuses the words have now."""
        return cls(dict(new), store.vocab.statuses_for(new))

    @property
    def label(self) -> str:
        statuses = set(self.new.values())
        status = statuses.pop().label if len(statuses) == 1 else "Statuses of"
        return f"{status} {_names(list(self.new))}"

    def apply(self, store: Store) -> None:
        if self.old is None:  # on the writer's thread, after the writes before it
            self.old = store.vocab.statuses_for(self.new)
        store.vocab.set_statuses(self.new)

    def revert(self, store: Store) -> None:
        store.vocab.set_statuses(self.old or {})

    def changes(self, reverted: bool) -> Changes:
        return Changes(statuses=dict((self.old or {}) if reverted else self.new))


@dataclass
class Compound:
    """Several actions as one step (A adds a word and makes it Learning 1)."""

    actions: tuple[Action, ...]
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.actions[0].label

    def apply(self, store: Store) -> None:
        with store.db.transaction():
            for action in self.actions:
                action.apply(store)

    def revert(self, store: Store) -> None:
        with store.db.transaction():
            for action in reversed(self.actions):
                action.revert(store)

    def changes(self, reverted: bool) -> Changes:
        changes = Changes()
        for action in self.actions:
            changes = changes | action.changes(reverted)
        return changes


@dataclass
class AddCorrection:
    """A split or merge rule: ``text`` is read as ``parts`` wherever it occurs."""

    kind: CorrectionKind
    text: str
    parts: tuple[str, ...]
    rule_id: int | None = None  # filled by apply
    replaced: tuple[CorrectionKind, tuple[str, ...]] | None = None  # the rule it replaced

    @property
    def label(self) -> str:
        verb = "Split" if self.kind is CorrectionKind.SPLIT else "Merge"
        return f"{verb} {self.text} → {' + '.join(self.parts)}"

    def apply(self, store: Store) -> None:
        previous = next((c for c in store.corrections.all() if c.text == self.text), None)
        self.replaced = None if previous is None else (previous.kind, previous.parts)
        self.rule_id = store.corrections.add(self.kind, self.text, self.parts)

    def revert(self, store: Store) -> None:
        with store.db.transaction():
            if self.rule_id is not None:
                store.corrections.remove(self.rule_id)
            if self.replaced is not None:
                store.corrections.add(self.replaced[0], self.text, self.replaced[1])

    def changes(self, reverted: bool) -> Changes:
        return Changes(corrections=True)


class WordHistory:
    """The actions done, for undo, and the ones undone, for redo. ``do``, ``undo`` and
    ``redo`` apply on a store at once; a window whose writes run on a worker keeps the
    stacks on its own thread with ``record``, ``take_undo`` / ``take_redo`` and
    ``undone`` / ``redone`` around the writer's operations."""

    def __init__(self, store: Store | None = None, limit: int = HISTORY_LIMIT) -> None:
        self._store = store
        self._limit = limit
        self._done: list[Action] = []
        self._undone: list[Action] = []

    def do(self, action: Action) -> Action:
        """Apply ``action`` on the history's store and keep it."""
        assert self._store is not None, "a history without a store only records"
        action.apply(self._store)
        self.record(action)
        return action

    def undo(self) -> Action | None:
        """Revert the last action done; None when there is none."""
        action = self.take_undo()
        if action is not None:
            assert self._store is not None, "a history without a store only records"
            action.revert(self._store)
            self.undone(action)
        return action

    def redo(self) -> Action | None:
        """Apply the last action undone again; None when there is none."""
        action = self.take_redo()
        if action is not None:
            assert self._store is not None, "a history without a store only records"
            action.apply(self._store)
            self.redone(action)
        return action

    def record(self, action: Action) -> None:
        """``action`` was applied: keep it for undo; the redo is dropped (a new branch)."""
        self._done.append(action)
        del self._done[: -self._limit]
        self._undone.clear()

    def take_undo(self) -> Action | None:
        return self._done.pop() if self._done else None

    def take_redo(self) -> Action | None:
        return self._undone.pop() if self._undone else None

    def undone(self, action: Action) -> None:
        self._undone.append(action)

    def redone(self, action: Action) -> None:
        self._done.append(action)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None
