"""The app's writes as operations: each takes the store and returns what it made together
with a `Changes` record of what it touched, so that every screen decides for itself
whether it has something to redraw (Anki's ``OpChanges``) instead of the writer calling
each screen's refresh by hand.

The rules of the domain that go with a write live here, next to it: a word collected
that had no status becomes Learning 1 (as in LWT), so it leaves the article's unknown
words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from reader.core.store import NewWord, Store, WordStatus

if TYPE_CHECKING:
    from reader.core.analysis.stored import NewAnalysis

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation touched. ``library``: the library's rows (articles added,
    removed, merged, split); ``articles``: articles whose facts changed in place (a title,
    the % known of a new analysis); ``statuses``: word key → its new status; ``lists``:
    word lists or the words in them; ``corrections``: segmentation rules (the analyses
    made before are stale)."""

    library: bool = False
    articles: frozenset[int] = frozenset()
    statuses: Mapping[str, WordStatus] = field(default_factory=dict)
    lists: bool = False
    corrections: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            library=self.library or other.library,
            articles=self.articles | other.articles,
            statuses={**self.statuses, **other.statuses},
            lists=self.lists or other.lists,
            corrections=self.corrections or other.corrections,
        )

    def __bool__(self) -> bool:
        return any((self.library, self.articles, self.statuses, self.lists, self.corrections))


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result and what it changed."""

    value: T
    changes: Changes = NOTHING


def collect_words(store: Store, words: Sequence[NewWord], list_id: int | None) -> Done[list[int]]:
    """Add ``words`` to ``list_id`` (None: each to its article's list) and make the new
    ones Learning 1, in one transaction (the words and their statuses, or nothing);
    the value: the words' ids in their list. The window does it as an undoable
    `history.CollectWords`, which holds the rule."""
    from reader.core.history import CollectWords  # history builds on this module

    action = CollectWords(tuple(words), list_id)
    action.apply(store)
    return Done(action.ids, action.changes(reverted=False))


def set_statuses(store: Store, statuses: Mapping[str, WordStatus]) -> Done[None]:
    store.vocab.set_statuses(statuses)
    return Done(None, Changes(statuses=dict(statuses)))


def save_analysis(store: Store, analysis: NewAnalysis) -> Done[None]:
    """Store an analysis made on another thread (``Analyzer.read_or_analyse``) with the
    article's word counts, so its % known is known."""
    analysis.save(store)
    return Done(None, Changes(articles=frozenset({analysis.article_id})))
