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


def _age() -> None:
    """The young generations into the oldest, unscanned: ``gc.freeze`` then ``gc.unfreeze``
    (both only splice lists). A cycle among them is still collected, by the next full
    collection. Not where objects are frozen already (the app's ``gc.freeze`` once its
    window settles): unfreezing them would undo it."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
