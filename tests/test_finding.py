"""Finding in the article: occurrences, the next one with wrap-around, the visible ones."""

from __future__ import annotations

from reader.ui.article_view.finding import next_occurrence, occurrences, visible_occurrences


def test_occurrences_include_overlapping_ones() -> None:
    assert occurrences("银行行长在银行", "银行") == [0, 5]
    assert occurrences("哈哈哈", "哈哈") == [0, 1]
    assert occurrences("银行", "") == []
    assert occurrences("银行", "书") == []


def test_next_occurrence_wraps_both_ways() -> None:
    starts = [3, 10, 20]
    assert next_occurrence(starts, 0) == 0
    assert next_occurrence(starts, 10) == 1  # at the origin counts (typing keeps it)
    assert next_occurrence(starts, 11) == 2
    assert next_occurrence(starts, 21) == 0  # past the last: the first again
    assert next_occurrence(starts, 10, backwards=True) == 0
    assert next_occurrence(starts, 3, backwards=True) == 2  # before the first: the last
    assert next_occurrence([], 5) is None


def test_visible_occurrences_reach_into_the_lines_shown() -> None:
    starts = [0, 8, 15, 30]
    assert list(visible_occurrences(starts, 2, 9, 16)) == [1, 2]  # 8-9 reaches in at 9
    assert list(visible_occurrences(starts, 2, 10, 15)) == []
    assert list(visible_occurrences(starts, 2, 0, 100)) == [0, 1, 2, 3]
