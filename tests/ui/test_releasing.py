"""What a long article's view held is freed off the UI thread, a chunk at a time, and
only what nothing else holds."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import ClassVar

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.article_view import releasing
from reader.ui.article_view.model import provisional_tokens
from reader.ui.article_view.releasing import LONG, release
from reader.ui.article_view.typesetting import BACKGROUND_CHARS
from reader.ui.article_view.widget import ArticleView
from reader.ui.window import session


class Counted:
    """Records the thread it is freed on."""

    freed_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Counted.freed_on.append(threading.current_thread().name)


def test_released_items_are_freed_on_another_thread_and_held_ones_are_not(qtbot: QtBot) -> None:
    Counted.freed_on.clear()
    dropped = [Counted() for _ in range(LONG)]
    kept = [Counted() for _ in range(LONG)]
    release([dropped, kept])
    del dropped
    qtbot.waitUntil(lambda: not releasing.pending())
    assert len(Counted.freed_on) == LONG
    assert threading.main_thread().name not in Counted.freed_on
    assert len(kept) == LONG  # the caller's list is not changed
    del kept
    assert Counted.freed_on.count(threading.main_thread().name) == LONG


def test_leaving_a_long_article_releases_what_only_it_held(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    released: list[Sequence[object]] = []
    monkeypatch.setattr(releasing, "release", lambda lists: released.extend(lists))
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    text = "他们在银行门口见面了。\n" * 3_000
    view.set_article(text, provisional_tokens(text), "长")  # one token per character
    old = view.tokens
    assert len(old) > LONG
    view.set_article("你好。", provisional_tokens("你好。"), "短")
    assert any(items is old for items in released)
    assert not any(items is view.tokens for items in released)
    released.clear()
    view.set_font_size(view.options.font_size + 2)  # the same tokens, laid out anew
    assert released and not any(items is view.tokens for items in released)


def test_the_session_releases_the_tokens_of_the_article_it_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    released: list[Sequence[object]] = []
    monkeypatch.setattr(session, "release", lambda lists: released.extend(lists))
    reading = session.ReadingSession()
    tokens = provisional_tokens("你好。")
    reading.set_analysis(1, tokens, {})
    reading.set_analysis(1, tokens, {})  # the same list again: still in use
    assert not any(items is tokens for items in released)
    reading.open(2)
    assert any(items is tokens for items in released) and reading.tokens == []


def test_a_long_typeset_from_the_worker_is_said_to_have_arrived(qtbot: QtBot) -> None:
    """The window's `settled` follows it: the collector then leaves its lists alone."""
    view = ArticleView()
    qtbot.addWidget(view)
    text = "他们在银行门口见面了。\n" * (BACKGROUND_CHARS // 12 + 100)
    with qtbot.waitSignal(view.typeset_arrived, timeout=60_000):
        view.set_article(text, provisional_tokens(text), "长")
    assert view.layout_ is not None and len(view.layout_.text) == len(text)
