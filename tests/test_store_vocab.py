"""Lists, words and statuses in the store, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reader.core.store import (
    ListNameTakenError,
    NewArticle,
    NewWord,
    Store,
    WordSort,
    WordStatus,
)


def test_default_list_per_article_and_word_fields(store: Store) -> None:
    article = store.articles.add(NewArticle("大足石刻", "外国游客走进大足。"))
    word_id = store.vocab.add_word(
        NewWord(
            "游客",
            "遊客",
            "you2 ke4",
            senses=("tourist",),
            entry_ids=(123,),
            sentence="外国游客走进大足。",
            source_article_id=article,
        )
    )
    [the_list] = store.vocab.lists()
    assert (the_list.name, the_list.article_id, the_list.word_count) == (
        "Words from 大足石刻",
        article,
        1,
    )
    word = store.vocab.word(word_id)
    assert (word.simplified, word.traditional, word.pinyin) == ("游客", "遊客", "you2 ke4")
    assert (word.senses, word.entry_ids, word.sentence) == (
        ("tourist",),
        (123,),
        "外国游客走进大足。",
    )
    assert word.source_article_id == article
    assert word.status is WordStatus.NEW
    assert abs(word.added_at - datetime.now(UTC)) < timedelta(minutes=1)
    # adding it again is not a duplicate; another reading is another entry
    assert (
        store.vocab.add_word(NewWord("游客", pinyin="you2 ke4", source_article_id=article))
        == word_id
    )
    assert (
        store.vocab.add_word(NewWord("游客", pinyin="you2 ke5", source_article_id=article))
        != word_id
    )
    # a second article with the same title gets its own list
    other = store.articles.add(NewArticle("大足石刻", "又一篇"))
    assert store.vocab.list_for_article(other) != the_list.id
    assert store.vocab.list_for_article(article) == the_list.id
    assert "Words from 大足石刻 (2)" in {lst.name for lst in store.vocab.lists()}
    # renaming the article renames its list, unless the user named the list themselves
    store.articles.rename(article, "石刻")
    assert "Words from 石刻" in {lst.name for lst in store.vocab.lists()}
    store.vocab.rename_list(the_list.id, "My words")
    store.articles.rename(article, "大足")
    assert "My words" in {lst.name for lst in store.vocab.lists()}


def test_lists_create_rename_delete_undo(store: Store) -> None:
    a = store.vocab.create_list("HSK 3")
    with pytest.raises(ListNameTakenError):
        store.vocab.create_list("HSK 3")
    b = store.vocab.create_list("Food")
    store.vocab.rename_list(b, "Eating")
    with pytest.raises(ListNameTakenError):
        store.vocab.rename_list(b, "HSK 3")
    store.vocab.add_words([NewWord("吃"), NewWord("喝", notes="drink")], a)
    deleted = store.vocab.delete_list(a)
    assert [lst.name for lst in store.vocab.lists()] == ["Eating"]
    store.vocab.restore_list(deleted)
    assert [w.simplified for w in store.vocab.words(a)] == ["吃", "喝"]
    assert store.vocab.words(a)[1].notes == "drink"


def test_update_move_copy_delete_undo(store: Store) -> None:
    a = store.vocab.create_list("A")
    b = store.vocab.create_list("B")
    eat, drink, sleep = store.vocab.add_words([NewWord("吃"), NewWord("喝"), NewWord("睡")], a)
    store.vocab.update_word(eat, notes="to eat", senses=["eat", "consume"], entry_ids=[7, 8])
    eaten = store.vocab.word(eat)
    assert (eaten.notes, eaten.senses, eaten.entry_ids) == ("to eat", ("eat", "consume"), (7, 8))
    [copied] = store.vocab.copy_words([eat], b)
    assert store.vocab.word(copied).notes == "to eat"
    assert store.vocab.copy_words([eat], b) == [copied]  # not doubled
    store.vocab.move_words([drink, eat], b)
    assert [w.simplified for w in store.vocab.words(a)] == ["睡"]
    assert [w.simplified for w in store.vocab.words(b)] == ["吃", "喝"]
    before = store.vocab.words(b)
    deleted = store.vocab.delete_words([w.id for w in before])
    assert store.vocab.words(b) == []
    store.vocab.restore_words(deleted)
    assert store.vocab.words(b) == before
    assert sleep in {w.id for w in store.vocab.words(a)}


def test_sort_and_filter(store: Store) -> None:
    lst = store.vocab.create_list("L")
    store.vocab.add_words(
        [
            NewWord("银行", pinyin="yin2 hang2"),
            NewWord("阿姨", pinyin="a1 yi2"),
            NewWord("行走", pinyin="xing2 zou3"),
        ],
        lst,
    )
    store.vocab.set_statuses({"银行": WordStatus.KNOWN, "行走": WordStatus.LEARNING_2})
    words = store.vocab.words
    assert [w.simplified for w in words(lst, sort=WordSort.PINYIN)] == ["阿姨", "行走", "银行"]
    assert [w.simplified for w in words(lst, sort=WordSort.POSITION, descending=True)] == [
        "行走",
        "阿姨",
        "银行",
    ]
    assert [w.simplified for w in words(lst, sort=WordSort.STATUS)] == ["阿姨", "行走", "银行"]
    learning = [WordStatus.LEARNING_1, WordStatus.LEARNING_2]
    assert [w.simplified for w in words(lst, statuses=learning)] == ["行走"]
    assert [w.simplified for w in words(lst, statuses=[WordStatus.NEW])] == ["阿姨"]
    hsk = {"银行": 3, "阿姨": 3}.get
    assert [w.simplified for w in words(lst, hsk_levels=[3], hsk_level=hsk)] == ["银行", "阿姨"]
    assert [w.simplified for w in words(lst, hsk_levels=[None], hsk_level=hsk)] == ["行走"]
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert words(lst, added_from=tomorrow) == []
    assert len(words(lst, added_before=tomorrow)) == 3


def test_statuses(store: Store) -> None:
    assert store.vocab.status("我们") is WordStatus.NEW
    store.vocab.set_status("我们", WordStatus.KNOWN)
    store.vocab.set_statuses({"他们": WordStatus.IGNORED, "银行": WordStatus.LEARNING_3})
    got = store.vocab.statuses_for(["我们", "他们", "银行", "行长", "我们"])
    assert got == {
        "我们": WordStatus.KNOWN,
        "他们": WordStatus.IGNORED,
        "银行": WordStatus.LEARNING_3,
        "行长": WordStatus.NEW,
    }
    assert got["银行"].is_learning and not got["我们"].is_learning
    assert store.vocab.known_words() == {"我们"}
    store.vocab.set_status("我们", WordStatus.NEW)
    assert store.vocab.known_words() == set()
    stamp = store.db.conn.execute("SELECT updated_at FROM word_status WHERE word = '我们'")
    assert datetime.fromisoformat(stamp.fetchone()[0]) <= datetime.now(UTC)


def test_the_lists_that_hold_a_word(store: Store) -> None:
    first = store.vocab.create_list("B lesson")
    second = store.vocab.create_list("A lesson")
    store.vocab.add_word(NewWord("银行", pinyin="yin2 hang2"), first)
    store.vocab.add_word(NewWord("银行", pinyin="yin2 xing2"), first)  # another reading
    store.vocab.add_word(NewWord("银行"), second)
    assert store.vocab.lists_holding("银行") == {second: "A lesson", first: "B lesson"}
    assert store.vocab.lists_holding("钱") == {}
