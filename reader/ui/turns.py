"""Python-heavy work off the UI thread takes turns, one thread at a time.

Python hands its lock to a waiting thread after the switch interval
(`reader.ui.app.UI_SWITCH_INTERVAL_S`) only if no other thread took it meanwhile: with two
workers passing the lock between themselves, the UI thread waited for it 30-230 ms (a
5 ms timer's late ticks; leaving or opening the 1,000,000-character article, a typeset
running beside the freeing of the last one or the reading of the stored analysis). With
one worker at a time it waits a switch interval or two. `turn` holds the turn for a block
of work, in first-come order; `pause`, between the steps of that work, lets a waiting
worker have its turn first. The UI thread never takes one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_changed = threading.Condition()
_tickets = 0  # the tickets handed out
_serving = 0  # the ticket whose turn it is
_holder: int | None = None  # the thread holding the turn
_depth = 0  # how many `turn` blocks the holder is in


@contextmanager
def turn() -> Iterator[None]:
    """Hold the turn for the block (a nested block in the same thread holds it already)."""
    global _depth
    if _holder == threading.get_ident():
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    _take()
    try:
        yield
    finally:
        _give()


def pause() -> None:
    """Between two steps of a block holding the turn: another worker waiting has its turn
    first, then this one goes on (elsewhere, and with nobody waiting, nothing happens)."""
    global _depth
    if _holder != threading.get_ident() or _tickets - _serving <= 1:
        return
    depth = _depth
    _give()
    _take()
    _depth = depth


def _take() -> None:
    global _tickets, _holder, _depth
    with _changed:
        ticket = _tickets
        _tickets += 1
        while _serving != ticket:
            _changed.wait()
        _holder, _depth = threading.get_ident(), 0


def _give() -> None:
    global _serving, _holder
    with _changed:
        _holder = None
        _serving += 1
        _changed.notify_all()
