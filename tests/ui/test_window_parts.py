"""How the window's parts talk: the reading session's signals, failure as a signal and a
message (never text to be matched), and the parts that know nothing of the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.analysis.tokens import Token
from reader.core.store import NewArticle, WordStatus
from reader.ui.main_window import LanguageTools
from reader.ui.window.find import FindBar
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_session_says_shown_then_analysed_with_the_tokens_and_keys(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    article_id = window.store.articles.add(NewArticle("银行", "我去银行。银行很大。"))
    session = window.session
    heard: list[tuple[str, int]] = []
    session.shown.connect(lambda i: heard.append(("shown", i)))
    session.analysed.connect(lambda i: heard.append(("analysed", i)))
    with qtbot.waitSignal(session.analysed, timeout=30000):
        window.show_article(article_id)
    assert heard == [("shown", article_id), ("analysed", article_id)]
    assert session.is_analysed and session.article_id == article_id
    assert session.tokens == window.view.tokens
    assert [t.text for t in session.tokens if t.is_chinese][:3] == ["我", "去", "银行"]
    assert session.word_keys["银行"] == "银行"
    assert window.windowTitle() == "银行 — Reader"
    wait_for_pinyin(qtbot, window)


def test_a_failed_analysis_is_a_signal_and_a_message(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    article_id = window.store.articles.add(NewArticle("消失", "这篇文章马上就不在了。"))
    release = threading.Event()
    # The analyses' thread is held while the article is removed for good: its analysis
    # then finds nothing to analyse, as when another process deletes it meanwhile.
    window.queries.runner.submit(lambda _progress: release.wait(30))
    failures: list[str] = []
    window.session.failed.connect(failures.append)
    with qtbot.waitSignal(window.messages.failed, timeout=30000) as failed:
        window.show_article(article_id)
        window.store.articles.delete(article_id)
        window.store.articles.purge_deleted()
        release.set()
    message = failed.args[0]
    assert message.startswith("The analysis failed") and failures == [message]
    assert window.activity.text() == message
    assert not window.session.is_analysed


def test_find_bar_works_on_a_view_without_a_window(qtbot: QtBot) -> None:
    from reader.ui.article_view.model import provisional_tokens
    from reader.ui.article_view.widget import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    text = "银行在这里，银行在那里。"
    view.set_article(text, provisional_tokens(text), "t")
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.field.setText("银行")
    assert bar.status.text() == "1 of 2"
    bar.find_next()
    assert bar.status.text() == "2 of 2"
    bar.field.setText("银河")
    assert bar.status.text() == "Not found"


def test_progress_reaches_the_messages(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    shown: list[str] = []
    window.messages.shown.connect(shown.append)
    window.show_article(window.store.articles.add(NewArticle("长", "银行。" * 2000)))
    qtbot.waitUntil(lambda: window.session.is_analysed, timeout=30000)
    assert shown[0] == ""  # opening an article clears the last message
    assert "Adding pinyin…" in shown and shown[-1] == ""


def test_articles_deleted_in_an_earlier_session_are_purged_at_start_up(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    first = open_window(qtbot, data_dir, language_tools)
    kept = first.store.articles.add(NewArticle("留下", "留下的文章。"))
    gone = first.store.articles.add(NewArticle("删掉", "删掉的文章。"))
    first.library.refresh()
    first.library.delete([gone])
    first.writer.wait()
    first.library.undo_delete()  # within the session, a delete can be undone
    first.writer.wait()
    assert gone in first.library.article_ids()
    first.library.delete([gone])
    first.writer.wait()
    first.close()
    window = open_window(qtbot, data_dir, language_tools)
    window.finish_startup()  # what follows the article's first paint
    window.writer.wait()
    window.store.articles.restore(gone)  # nothing left to bring back
    assert [info.id for info in window.store.articles.all()] == [kept]


def test_going_back_to_an_article_finds_its_place_while_the_writer_is_busy(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    long_text = "\n".join(f"第{n}段。银行在这里。" for n in range(400))
    first = window.store.articles.add(NewArticle("长", long_text))
    second = window.store.articles.add(NewArticle("短", "很短。"))
    window.show_article(first)
    qtbot.waitUntil(lambda: window.session.is_analysed, timeout=30000)
    window.view.scroll_to_char(long_text.index("第300段"))
    left_at = window.view.reading_position()
    assert left_at > 0
    release = threading.Event()
    window.worker.submit(lambda _progress: release.wait(30))  # the writer is held up
    window.show_article(second)
    window.show_article(first)  # its position is not written yet
    assert window.view.reading_position() == left_at
    release.set()
    window.writer.wait()
    assert window.store.articles.info(first).reading_position == left_at


def test_a_status_set_during_a_long_analysis_is_written_and_shown_before_it_ends(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analysis runs beside the writer, not on its thread: K during the first analysis
    of a long article is written and marked at once, not when the analysis is done. The
    real analysis is held after its first block for as long as the test needs it to be
    long (on the writer's thread, the write would wait until it is let go)."""
    release = threading.Event()
    analyzer = language_tools.analyzer
    analyse_blocks = analyzer.analyse_blocks

    def long(*args: Any, **kwargs: Any) -> Iterator[list[Token]]:
        blocks = analyse_blocks(*args, **kwargs)
        yield next(blocks)
        release.wait(60)
        yield from blocks

    monkeypatch.setattr(analyzer, "analyse_blocks", long)
    window = open_window(qtbot, data_dir, language_tools)
    window.finish_startup()
    text = paths.seed_article().read_text(encoding="utf-8") * 3  # several blocks
    article_id = window.store.articles.add(NewArticle("长文", text))
    events: list[str] = []
    window.session.analysed.connect(lambda _id: events.append("analysed"))
    shown: list[str] = []
    window.messages.shown.connect(shown.append)
    window.show_article(article_id)
    qtbot.waitUntil(lambda: any(m.startswith("Analysing") for m in shown), timeout=30000)
    window.vocab.set_status(WordStatus.KNOWN, "银行")
    try:
        qtbot.waitUntil(  # written, and the view marks it (when the writer says it is done)
            lambda: (
                window.store.vocab.status("银行") is WordStatus.KNOWN
                and window.view.statuses.get("银行") == int(WordStatus.KNOWN)
            )
        )
        events.append("written")
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.session.is_analysed, timeout=60000)
    assert events == ["written", "analysed"]
    assert window.view.statuses["银行"] == int(WordStatus.KNOWN)  # the analysis kept it
    window.writer.wait()  # the analysis is stored by the writer once it is made
    assert window.store.articles.info(article_id).percent_known is not None
