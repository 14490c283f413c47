"""Pausing Python's cyclic garbage collector while many objects without cycles are made.

Building hundreds of thousands of tokens (an analysis, or stored tokens read back) makes
the collector rescan the growing heap again and again: it more than doubles the time, and
none of these objects form cycles. ``paused`` holds it off for the duration, and then
moves what was made straight to the oldest generation: otherwise the first allocation
after it scans every new token once as young and again as middle-aged (up to a tenth of a new
text's analysis), only to keep them all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off inside the ``with`` (back on after, if it was on)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            _age()
            gc.enable()


_frozen = False  # ``freeze`` was called (and not undone by ``unfreeze``)


def freeze() -> None:
    """``gc.freeze``: what is alive now is out of every later scan (the app, once its
    window settles), remembered here so that ``paused`` need not ask
    ``gc.get_freeze_count``, which walks every frozen object: 100-190 ms holding Python's
    lock with the analyser's tables and a long article frozen, the window stalled."""
    global _frozen
    gc.freeze()
    _frozen = True


def unfreeze() -> None:
    """``gc.unfreeze``: the frozen objects are scanned again."""
    global _frozen
    gc.unfreeze()
    _frozen = False


def _age() -> None:
    """The young generations into the oldest, unscanned: ``gc.freeze`` then ``gc.unfreeze``
    (both only splice lists). A cycle among them is still collected, by the next full
    collection. Where objects are frozen already (``freeze``, the app's once its window
    settles), unfreezing them would undo it: what was made joins them instead (left young,
    a long article's typeset, a million objects, was scanned by the next young collection:
    150-200 ms holding Python's lock, the window stalled)."""
    gc.freeze()
    if not _frozen:
        gc.unfreeze()
