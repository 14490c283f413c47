"""The store's articles, analyses and corrections, on a real SQLite file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.core.progress import Cancelled, Progress
from reader.core.store import ArticleNotFoundError, CorrectionKind, NewArticle, Store, WordStatus
from reader.core.store.database import DB_FILENAME


def test_opens_in_the_data_dir_with_wal_and_foreign_keys(store: Store, data_dir: Path) -> None:
    assert store.path == data_dir / DB_FILENAME
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_add_list_get_rename(store: Store) -> None:
    first, second = store.articles.add_many(
        [
            NewArticle("大足石刻", "大足石刻的国际朋友圈越来越大。", source="/tmp/a.txt"),
            NewArticle("新加坡", "新加\n坡", original_text="新加\n\n坡 raw"),
        ]
    )
    listed = store.articles.all()
    assert [a.id for a in listed] == [second, first]  # newest first
    assert listed[1].char_count == len("大足石刻的国际朋友圈越来越大。")
    assert listed[1].source == "/tmp/a.txt"
    assert listed[1].percent_known is None
    article = store.articles.get(second)
    assert (article.text, article.original_text) == ("新加\n坡", "新加\n\n坡 raw")
    assert store.articles.get(first).original_text == store.articles.text(first)
    store.articles.rename(first, "石刻")
    assert store.articles.info(first).title == "石刻"


def test_cancelled_add_many_leaves_no_trace(store: Store) -> None:
    def report(done: int, total: int, message: str) -> None:
        if done == 2:
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(Cancelled):
        store.articles.add_many([NewArticle(f"t{i}", "文") for i in range(5)], progress)
    assert store.articles.all() == []


def test_delete_and_undo(store: Store) -> None:
    article_id = store.articles.add(NewArticle("标题", "正文"))
    store.articles.delete(article_id)
    assert store.articles.all() == []
    with pytest.raises(ArticleNotFoundError):
        store.articles.text(article_id)
    store.articles.restore(article_id)
    assert [a.title for a in store.articles.all()] == ["标题"]
    store.articles.delete(article_id)
    assert store.articles.purge_deleted() == 1
    store.articles.restore(article_id)
    assert store.articles.all() == []


def test_search_by_title_and_body_short_and_long(store: Store) -> None:
    a = store.articles.add(NewArticle("重庆制造业", "两年前，重庆吹响制造业的号角。"))
    b = store.articles.add(NewArticle("大足石刻", "外国游客走进重庆，推介大足石刻。"))
    store.articles.add(NewArticle("新加坡", "金联体平仓后成功"))
    assert {x.id for x in store.articles.search("重庆")} == {a, b}  # 2 chars: scanned
    assert store.articles.search("重庆")[0].id == a  # title match first
    assert [x.id for x in store.articles.search("推介大足")] == [b]  # 3+ chars: FTS
    assert [x.id for x in store.articles.search("制造业")] == [a]
    store.articles.rename(b, "游客")
    assert [x.id for x in store.articles.search("大足石刻")] == [b]  # body still found
    assert store.articles.search('"引号') == []
    assert store.articles.search("100%") == []
    store.articles.delete(a)
    assert store.articles.search("制造业") == []


def test_reading_position(store: Store) -> None:
    article_id = store.articles.add(NewArticle("t", "一二三四五"))
    store.articles.save_reading_position(article_id, 3)
    assert store.articles.info(article_id).reading_position == 3


def test_split_and_merge(store: Store) -> None:
    article_id = store.articles.add(NewArticle("一", "第一段。\n第二段。", original_text="RAW"))
    store.analyses.save(article_id, "k", b"tokens")
    new_id = store.articles.split(article_id, 5, "二")
    assert store.articles.text(article_id) == "第一段。"
    assert store.articles.text(new_id) == "第二段。"
    assert store.articles.get(new_id).original_text == "RAW"
    assert store.analyses.load(article_id, "k") is None  # text changed: analysis dropped
    with pytest.raises(ValueError):
        store.articles.split(article_id, 0, "x")
    store.articles.merge(article_id, new_id)
    assert store.articles.text(article_id) == "第一段。\n第二段。"
    assert store.articles.info(article_id).char_count == len("第一段。\n第二段。")
    assert [a.id for a in store.articles.all()] == [article_id]


def test_analysis_is_returned_only_under_its_key(store: Store) -> None:
    article_id = store.articles.add(NewArticle("t", "文章"))
    assert store.analyses.load(article_id, "v1") is None
    store.analyses.save(article_id, "v1", b"\x00\x01blob")
    assert store.analyses.load(article_id, "v1") == b"\x00\x01blob"
    assert store.analyses.load(article_id, "v2") is None
    store.analyses.save(article_id, "v2", b"new")
    assert store.analyses.load(article_id, "v1") is None
    assert store.analyses.load(article_id, "v2") == b"new"
    store.articles.delete(article_id)
    store.articles.purge_deleted()
    assert store.db.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0


def test_percent_known_in_the_library_follows_statuses(store: Store) -> None:
    article_id = store.articles.add(NewArticle("t", "我们我们银行"))
    store.analyses.save(article_id, "k", b"", word_counts={"我们": 2, "银行": 1, "张三": 1})
    conn = store.db.conn
    assert store.articles.info(article_id).percent_known == 0.0
    conn.execute("INSERT INTO word_status (word, status) VALUES ('我们', 5), ('张三', 6)")
    assert store.articles.info(article_id).percent_known == pytest.approx(100 * 2 / 3)


def test_corrections_and_version(store: Store) -> None:
    v0 = store.corrections.version()
    rule = store.corrections.add(CorrectionKind.SPLIT, "东盟国家", ["东盟", "国家"])
    v1 = store.corrections.version()
    assert v1 != v0
    store.corrections.add(CorrectionKind.MERGE, "金联体", ["金联体"])
    [split, merge] = store.corrections.all()
    assert (split.kind, split.text, split.parts) == ("split", "东盟国家", ("东盟", "国家"))
    assert merge.kind is CorrectionKind.MERGE
    with pytest.raises(ValueError):
        store.corrections.add(CorrectionKind.SPLIT, "东盟国家", ["东", "国家"])
    # one rule per text: a new one replaces the old
    store.corrections.add(CorrectionKind.SPLIT, "东盟国家", ["东盟国", "家"])
    assert [c.parts for c in store.corrections.all() if c.text == "东盟国家"] == [("东盟国", "家")]
    store.corrections.remove(rule)  # already replaced: no change
    v2 = store.corrections.version()
    store.corrections.add_user_word("金联体", "jin1 lian2 ti3")
    assert store.corrections.version() != v2
    assert [w.word for w in store.corrections.user_words()] == ["金联体"]
    store.corrections.remove_user_word("金联体")
    assert store.corrections.user_words() == []


def test_an_articles_own_rules_and_reading_fixes(store: Store) -> None:
    """An article's own rule and reading fix for the same text live side by side, each
    replaced by the next of its sort, shown for that article only, and go with it."""
    lesson = store.articles.add(NewArticle("课", "行长说了算。"))
    other = store.articles.add(NewArticle("别的", "行长说了算。"))
    store.corrections.add_for_article(lesson, CorrectionKind.SPLIT, "行长", ["行", "长"])
    store.corrections.add_reading_fix("行长", ["xing2", "chang2"], lesson)
    store.corrections.add_reading_fix("行长", ["hang2", "zhang4"], lesson)  # replaces
    assert [(c.text, c.parts) for c in store.corrections.all(lesson)] == [("行长", ("行", "长"))]
    [fix] = store.corrections.reading_fixes(lesson)
    assert (fix.fix.readings, fix.article_id) == (("hang2", "zhang4"), lesson)
    assert store.corrections.reading_fixes(other) == store.corrections.reading_fixes() == []
    store.corrections.add_reading_fix("行长", ["hang2", "zhang3"])  # the learner's own wins
    assert [f.fix.readings for f in store.corrections.reading_fixes(lesson)] == [
        ("hang2", "zhang3")
    ]
    store.articles.delete(lesson)
    store.articles.purge_deleted()
    rows = store.db.conn.execute("SELECT count(*) FROM article_corrections").fetchone()
    assert rows == (0,)


def test_rules_survive_a_restart(data_dir: Path) -> None:
    with Store.open() as s:
        s.corrections.add(CorrectionKind.SPLIT, "亿元", ["亿", "元"])
        version = s.corrections.version()
    with Store.open() as s:
        assert [c.text for c in s.corrections.all()] == ["亿元"]
        assert s.corrections.version() == version


def test_a_reader_connection_sees_committed_writes(store: Store) -> None:
    with store.reader() as other:
        article_id = store.articles.add(NewArticle("t", "文"))
        assert other.articles.text(article_id) == "文"


def test_percent_known_stays_exact_through_any_sequence_of_changes(store: Store) -> None:
    """The per-article counts the triggers keep equal a sum done from scratch."""
    rng = random.Random(7)
    words = [f"词{i}" for i in range(40)]
    ids = store.articles.add_many([NewArticle(f"t{i}", "文" * 10) for i in range(6)])
    conn = store.db.conn
    for step in range(300):
        action = rng.random()
        if action < 0.15:
            counts = {w: rng.randint(1, 9) for w in rng.sample(words, rng.randint(0, 15))}
            store.analyses.save(rng.choice(ids), f"k{step}", b"", word_counts=counts)
        elif action < 0.75:
            store.vocab.set_statuses(
                {w: WordStatus(rng.randint(0, 6)) for w in rng.sample(words, rng.randint(1, 5))}
            )
        elif action < 0.85:
            with store.db.transaction():
                conn.execute("DELETE FROM word_status WHERE word = ?", (rng.choice(words),))
        elif action < 0.92:
            article = rng.choice(ids)
            store.articles.delete(article)
            store.articles.purge_deleted()
            ids.remove(article)
            ids += store.articles.add_many([NewArticle("new", "文" * 10)])
        else:
            target = rng.choice(ids)
            store.articles.rename(target, "renamed")
    expected = dict(
        conn.execute(
            "SELECT w.article_id, 100.0 * SUM(CASE WHEN s.status = 5 THEN w.count ELSE 0 END)"
            " / NULLIF(SUM(CASE WHEN s.status = 6 THEN 0 ELSE w.count END), 0)"
            " FROM article_words w LEFT JOIN word_status s ON s.word = w.word"
            " GROUP BY w.article_id"
        ).fetchall()
    )
    listed = {a.id: a.percent_known for a in store.articles.all()}
    assert any(v is not None for v in listed.values())
    for article_id, percent in listed.items():
        assert percent == pytest.approx(expected.get(article_id)), article_id
