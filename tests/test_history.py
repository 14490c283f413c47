"""Undo and redo of word actions against a real SQLite store: each action's inverse puts
back exactly what was there, in the order the actions were done."""

from __future__ import annotations

import pytest

from reader.core.history import (
    AddCorrection,
    AddWords,
    Compound,
    DeleteList,
    RemoveWords,
    SetStatuses,
    TransferWords,
    WordHistory,
)
from reader.core.store import CorrectionKind, NewArticle, NewWord, Store, WordStatus


@pytest.fixture
def article(store: Store) -> int:
    return store.articles.add(NewArticle("在银行", "我去银行取钱。银行行长不在。"))


def _words(store: Store, list_id: int) -> list[tuple[int, str, str]]:
    return [(w.id, w.simplified, w.sentence) for w in store.vocab.words(list_id)]


def test_add_then_undo_and_redo(store: Store, article: int) -> None:
    list_id = store.vocab.list_for_article(article)
    store.vocab.add_word(NewWord("钱", sentence="取钱"), list_id)
    before = _words(store, list_id)
    history = WordHistory(store)
    bank = NewWord("银行", "銀行", "yin2 hang2", sentence="我去银行取钱。")
    action = history.do(
        Compound(
            (
                AddWords((bank, NewWord("钱")), list_id, "Words from 在银行"),
                SetStatuses.of(store, {"银行": WordStatus.LEARNING_1}),
            )
        )
    )
    assert action.label == "Add 银行, 钱 to “Words from 在银行”"
    assert [w[1] for w in _words(store, list_id)] == ["钱", "银行"]
    assert store.vocab.status("银行") is WordStatus.LEARNING_1
    assert history.undo_label == action.label and history.redo_label is None

    assert history.undo() is action
    assert _words(store, list_id) == before  # 钱 was there already: it stays
    assert store.vocab.status("银行") is WordStatus.NEW
    assert history.undo() is None and history.redo_label == action.label

    assert history.redo() is action
    assert [w[1] for w in _words(store, list_id)] == ["钱", "银行"]
    assert store.vocab.status("银行") is WordStatus.LEARNING_1


def test_status_changes_undo_in_order(store: Store) -> None:
    store.vocab.set_status("银行", WordStatus.LEARNING_2)
    history = WordHistory(store)
    history.do(SetStatuses.of(store, {"银行": WordStatus.KNOWN}))
    second = history.do(
        SetStatuses.of(store, {"银行": WordStatus.IGNORED, "的": WordStatus.IGNORED})
    )
    assert second.label == "Ignored 银行, 的"
    history.undo()
    assert store.vocab.statuses_for(["银行", "的"]) == {
        "银行": WordStatus.KNOWN,
        "的": WordStatus.NEW,
    }
    history.undo()
    assert store.vocab.status("银行") is WordStatus.LEARNING_2
    history.redo()
    assert store.vocab.status("银行") is WordStatus.KNOWN
    history.do(SetStatuses.of(store, {"银行": WordStatus.LEARNING_3}))  # a new branch
    assert history.redo_label is None and history.redo() is None


def test_remove_is_undone_with_the_same_ids_and_places(store: Store, article: int) -> None:
    list_id = store.vocab.list_for_article(article)
    ids = store.vocab.add_words([NewWord("银行"), NewWord("行长"), NewWord("钱")], list_id)
    before = [(w.id, w.position, w.added_at) for w in store.vocab.words(list_id)]
    history = WordHistory(store)
    action = history.do(RemoveWords((ids[0], ids[2]), ("银行", "钱")))
    assert action.label == "Remove 银行, 钱"
    assert [w.simplified for w in store.vocab.words(list_id)] == ["行长"]
    history.undo()
    assert [(w.id, w.position, w.added_at) for w in store.vocab.words(list_id)] == before
    history.redo()
    assert [w.simplified for w in store.vocab.words(list_id)] == ["行长"]


def test_deleting_a_list_is_undone_with_its_words_and_class_mark(
    store: Store, article: int
) -> None:
    vocab = store.vocab
    own = vocab.list_for_article(article)
    vocab.add_word(NewWord("钱", sentence="取钱"), own)
    taught = vocab.create_list("HSK 1")
    vocab.add_word(NewWord("银行", sentence="我去银行取钱。"), taught)
    vocab.add_word(NewWord("行长"), taught)
    vocab.mark_class_list(taught)
    before = _words(store, taught)
    lists_before = vocab.lists()
    history = WordHistory(store)
    history.do(SetStatuses.of(store, {"钱": WordStatus.KNOWN}))
    action = history.do(DeleteList(taught, "HSK 1"))
    assert action.label == "Delete the list “HSK 1”"
    assert taught not in [wl.id for wl in vocab.lists()] and vocab.class_words() == set()

    assert history.undo() is action
    assert vocab.lists() == lists_before and _words(store, taught) == before
    assert vocab.class_list_ids() == {taught} and vocab.class_words() == {"银行", "行长"}
    assert store.vocab.status("钱") is WordStatus.KNOWN  # the action before is still done
    history.redo()
    assert taught not in [wl.id for wl in vocab.lists()]
    history.undo()
    history.undo()  # then the status before it, in order
    assert store.vocab.status("钱") is WordStatus.NEW and vocab.class_list_ids() == {taught}


@pytest.mark.parametrize("move", [True, False])
def test_moving_and_copying_are_undone(store: Store, article: int, move: bool) -> None:
    vocab = store.vocab
    own = vocab.list_for_article(article)
    bank = vocab.add_word(NewWord("银行", sentence="我去银行取钱。"), own)
    money = vocab.add_word(NewWord("钱", sentence="取钱"), own)
    other = vocab.create_list("Review")
    vocab.add_word(NewWord("钱", sentence="有钱"), other)  # there already: not doubled
    source, target = _words(store, own), _words(store, other)
    history = WordHistory(store)
    action = history.do(TransferWords((bank, money), other, move, ("银行", "钱"), "Review"))
    assert action.label == f"{'Move' if move else 'Copy'} 银行, 钱 to “Review”"
    assert [w[1] for w in _words(store, other)] == ["钱", "银行"]
    assert _words(store, own) == ([] if move else source)
    history.undo()
    assert _words(store, own) == source and _words(store, other) == target
    history.redo()
    assert [w[1] for w in _words(store, other)] == ["钱", "银行"]


def test_split_and_merge_rules_undo_to_the_rule_before(store: Store) -> None:
    store.corrections.add(CorrectionKind.MERGE, "行长不", ["行长不"])
    version = store.corrections.version()
    history = WordHistory(store)
    split = history.do(AddCorrection(CorrectionKind.SPLIT, "行长不", ("行长", "不")))
    assert split.label == "Split 行长不 → 行长 + 不"
    assert [(c.kind, c.parts) for c in store.corrections.all()] == [
        (CorrectionKind.SPLIT, ("行长", "不"))
    ]
    history.undo()
    assert [(c.kind, c.parts) for c in store.corrections.all()] == [
        (CorrectionKind.MERGE, ("行长不",))
    ]
    assert store.corrections.version() > version  # the analyses see the change
    merge = history.do(AddCorrection(CorrectionKind.MERGE, "不在", ("不在",)))
    history.undo()
    assert merge.label.startswith("Merge 不在")
    assert [c.text for c in store.corrections.all()] == ["行长不"]


def test_the_history_is_bounded(store: Store) -> None:
    history = WordHistory(store, limit=3)
    for status in (WordStatus.LEARNING_1, WordStatus.LEARNING_2, WordStatus.LEARNING_3,
                   WordStatus.KNOWN):  # fmt: skip
        history.do(SetStatuses.of(store, {"银行": status}))
    assert [history.undo() is not None for _ in range(4)] == [True, True, True, False]
    assert store.vocab.status("银行") is WordStatus.LEARNING_1
