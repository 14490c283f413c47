"""The app's writes as operations (`reader.core.operations`) and the one writer that runs
them (`reader.ui.operations`): what each reports as changed, the rule that a collected
word is being learnt, and writes on the worker reaching the UI thread in order."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reader.core.operations import NOTHING, Changes, Done, collect_words, set_statuses
from reader.core.store import NewArticle, NewWord, Store, WordStatus
from reader.ui.operations import BACKGROUND, Writer, edit
from reader.ui.tasks import TaskRunner


def test_collecting_makes_new_words_learning_1_and_keeps_other_statuses(store: Store) -> None:
    article = store.articles.add(NewArticle("银行", "我去银行取钱。"))
    store.vocab.set_status("取钱", WordStatus.KNOWN)
    done = collect_words(
        store,
        [NewWord("银行", source_article_id=article), NewWord("取钱", source_article_id=article)],
        None,
    )
    assert len(done.value) == 2
    assert store.vocab.status("银行") is WordStatus.LEARNING_1
    assert store.vocab.status("取钱") is WordStatus.KNOWN  # a status it had stays
    assert done.changes == Changes(lists=True, statuses={"银行": WordStatus.LEARNING_1})


def test_collecting_writes_nothing_when_a_word_cannot_go_in(store: Store) -> None:
    words = [NewWord("银行", source_article_id=None)]  # no list, no article: refused
    try:
        collect_words(store, words, None)
    except ValueError:
        pass
    else:
        raise AssertionError("a word with no list was accepted")
    assert store.vocab.status("银行") is WordStatus.NEW and store.vocab.lists() == []


def test_changes_combine_and_say_whether_anything_changed() -> None:
    assert not NOTHING and Changes(corrections=True)
    both = Changes(articles=frozenset({1}), statuses={"的": WordStatus.KNOWN}) | Changes(
        library=True, articles=frozenset({2})
    )
    assert both == Changes(
        library=True, articles=frozenset({1, 2}), statuses={"的": WordStatus.KNOWN}
    )


def test_an_inline_writer_runs_at_once_and_tells_the_change(store: Store) -> None:
    writer = Writer(store)
    heard: list[Changes] = []
    writer.changed.connect(heard.append)
    values: list[None] = []
    writer.run(lambda s, _p: set_statuses(s, {"银行": WordStatus.KNOWN}), values.append)
    assert values == [None] and heard == [Changes(statuses={"银行": WordStatus.KNOWN})]
    assert store.vocab.status("银行") is WordStatus.KNOWN
    errors: list[Exception] = []
    writer.run(edit(lambda s: s.vocab.rename_list(999, "x")), on_error=errors.append)
    assert len(errors) == 1 and len(heard) == 1  # a refused write changes nothing
    failures: list[str] = []
    writer.failed.connect(failures.append)  # no on_error: the writer says it
    writer.run(edit(lambda s: s.vocab.create_list("  ")))
    assert failures == ["Not saved: a list needs a name"] and len(heard) == 1


def test_the_worker_writer_runs_on_its_thread_edits_before_queued_work(
    qtbot: QtBot, store: Store
) -> None:
    runner = TaskRunner(max_threads=1)
    writer = Writer(store.reader(), runner)
    order: list[str] = []
    heard: list[Changes] = []
    writer.changed.connect(heard.append)
    threads: set[int] = set()
    release = threading.Event()

    def step(name: str) -> Done[str]:
        threads.add(threading.get_ident())
        order.append(name)
        return Done(name, Changes(lists=True))

    writer.run(lambda _s, _p: Done(release.wait(30)), priority=BACKGROUND)  # holds the worker
    writer.run(lambda _s, _p: step("background"), priority=BACKGROUND)
    writer.run(lambda _s, _p: step("edit"))
    assert writer.busy
    release.set()
    writer.wait()  # until every operation ran and its result reached this thread
    assert order == ["edit", "background"] and threading.get_ident() not in threads
    assert heard == [Changes(lists=True)] * 2 and not writer.busy
    writer.close()


def test_purging_keeps_what_was_deleted_in_this_session(store: Store) -> None:
    from reader.core.store.schema import now_text

    earlier = store.articles.add(NewArticle("旧", "上次删掉的。"))
    store.articles.delete(earlier)
    session_start = now_text()
    now = store.articles.add(NewArticle("新", "这次删掉的。"))
    store.articles.delete(now)
    assert store.articles.purge_deleted(before=session_start) == 1
    store.articles.restore(now)  # still there to bring back
    store.articles.restore(earlier)  # gone for good
    assert [info.id for info in store.articles.all()] == [now]
