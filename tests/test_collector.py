"""``paused``: the collector held off, what was made kept out of the young scans, no leak."""

from __future__ import annotations

import gc
import weakref

from reader.core.collector import freeze, paused, unfreeze


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_what_is_made_while_paused_goes_to_the_oldest_generation() -> None:
    with paused():
        assert not gc.isenabled()
        made = [[index] for index in range(1_000)]
    assert gc.isenabled()
    oldest = {id(found) for found in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made)
    assert not any(id(item) == id(made[0]) for item in gc.get_objects(generation=0))


def test_a_cycle_made_while_paused_is_still_collected() -> None:
    with paused():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
    gone = weakref.ref(first)
    del first, second
    gc.collect()
    assert gone() is None


def test_objects_frozen_before_stay_frozen_and_what_is_made_joins_them() -> None:
    freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused():
            made = [[index] for index in range(100)]
        # nothing unfrozen; what was made is out of the young scans too (frozen)
        assert gc.get_freeze_count() >= frozen + len(made)
        assert not any(id(item) == id(made[0]) for item in gc.get_objects(generation=0))
    finally:
        unfreeze()
