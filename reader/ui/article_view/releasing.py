"""Freeing what a long article's view held without stalling the window.

A million characters' tokens, their offsets and the layout's lists are millions of small
objects, which Python frees one by one when the last reference to them goes: leaving the
article dropped them all in one go, 200-500 ms holding Python's lock with the window
stalled. `release` hands them to a thread that frees them a chunk at a time, so that the
UI thread takes the lock back between chunks (`reader.ui.app.UI_SWITCH_INTERVAL_S`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Sequence

from reader.ui import turns

# Items freed between two chances for another thread to take Python's lock (a token and
# what only it holds: some 0.3 µs; a chunk then a millisecond or two)
CHUNK = 4_096
# Lists shorter than this are left to be freed where they are dropped (microseconds)
LONG = 20_000
# How long the thread waits for the caller to drop a list (its view, the signal that
# brought it) before it lets go of its own reference and leaves the list to its holder
HELD_S = 2.0
_threads: list[threading.Thread] = []  # those started by `release` (see `pending`)


def release(lists: Iterable[Sequence[object]]) -> None:
    """Free the items of the long ones of ``lists`` on a thread of their own, a chunk at
    a time, once the caller has dropped its references to the lists (the lists are not
    changed; one still held elsewhere after ``HELD_S`` is only let go of)."""
    long = [items for items in lists if len(items) >= LONG]
    if long:
        thread = threading.Thread(target=_free_in_chunks, args=(long,), daemon=True)
        thread.start()
        _threads[:] = [*(t for t in _threads if t.is_alive()), thread]


def pending() -> bool:
    """Whether something released is still being freed (tests, benchmarks)."""
    return any(thread.is_alive() for thread in _threads)


def _free_in_chunks(lists: list[Sequence[object]]) -> None:
    """Take ``lists`` over (emptying it) and empty each list a chunk at a time once this
    thread alone holds it: whatever dies with its items dies then, not in one call."""
    while lists:
        items = lists.pop()
        if _alone(items) and isinstance(items, list):
            with turns.turn():  # one worker at a time: see `turns`
                while items:
                    del items[-CHUNK:]
                    turns.pause()
        del items


def _alone(items: Sequence[object]) -> bool:
    """Whether, within ``HELD_S``, the only references to ``items`` come to be the
    caller's variable and this function's (with ``getrefcount``'s own, three): else the
    caller's last reference, dropped after this thread is done, would free them all at
    once, and the list is someone else's to change."""
    deadline = time.monotonic() + HELD_S
    while sys.getrefcount(items) > 3:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True
