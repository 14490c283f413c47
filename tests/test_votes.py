"""The neighbour votes shipped counted, and counted anew wherever they would differ."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.core.analysis import votes
from reader.core.analysis.readings import ReadingModel
from reader.core.analysis.votes import SHIPPED, neighbour_votes, votes_tsv


@pytest.fixture(scope="module")
def model() -> ReadingModel:
    return ReadingModel.load()


def test_the_shipped_votes_are_those_counted_now(model: ReadingModel) -> None:
    """Counted again from the data and code of now, under the key of now: else run
    ``python -m reader.core.analysis.votes`` (a first run would count them, a second slower)."""
    shipped = gzip.decompress(SHIPPED.read_bytes()).decode("utf-8")
    counted = model.count_neighbour_votes()
    assert shipped == votes_tsv(model.neighbour_votes_key(), counted)


def test_a_first_run_compiles_the_shipped_votes_without_counting(
    model: ReadingModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))

    def count() -> dict[str, votes.Votes]:
        raise AssertionError("counted, though the shipped votes have the same key")

    table = neighbour_votes(count, model._vote_inputs())
    counted = model.count_neighbour_votes()
    assert counted and all(table.get(key) == pairs for key, pairs in counted.items())


@pytest.mark.parametrize("shipped", ["other key", "damaged", "missing"])
def test_votes_are_counted_where_the_shipped_ones_do_not_fit(
    model: ReadingModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: str
) -> None:
    """Shipped under another key (other data or versions), damaged or not there."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    fake = tmp_path / "votes.tsv.gz"
    key = model.neighbour_votes_key()
    if shipped == "other key":
        fake.write_bytes(gzip.compress(votes_tsv("0" * 64, {"银行0": (("yin2", 9),)}).encode()))
    elif shipped == "damaged":
        fake.write_bytes(gzip.compress(votes_tsv(key, {}).encode())[:-6])
    monkeypatch.setattr(votes, "SHIPPED", fake)
    table = neighbour_votes(lambda: {"银行0": (("yin2", 1), ("xing2", 2))}, model._vote_inputs())
    assert table.get("银行0") == (("yin2", 1), ("xing2", 2))
    assert table.get("不是键") == ()
