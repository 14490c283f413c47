"""The shipped table of the dictionary words' readings (``word_readings``): it is what the
readings model works out word by word, it is read only under its own key, and a model
with it reads as one without."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths
from reader.core.analysis import word_readings
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.readings import ReadingModel
from reader.core.analysis.word_readings import SHIPPED, WordReadings, phrases, static


@pytest.fixture(scope="module")
def worked_out() -> ReadingModel:
    """A model without the table: it works each word out."""
    return ReadingModel.load(shipped=False)


def test_the_shipped_table_is_the_derived_one(analyzer: Analyzer, worked_out: ReadingModel) -> None:
    """Made by ``python -m reader.core.analysis.word_readings`` after a change to what the
    readings of a word are derived from: this test says when it is due."""
    table = WordReadings.open(worked_out.word_readings_key())
    assert table is not None, "stale: run python -m reader.core.analysis.word_readings"
    shipped = dict(table.words())
    words = word_readings.table_words(analyzer.segmenter.vocabulary())
    assert len(shipped) == len(words) > 180_000
    assert dict(worked_out.derive_word_readings(words)) == shipped


def test_a_value_reads_back_as_the_model_works_it_out(worked_out: ReadingModel) -> None:
    table = WordReadings.open(worked_out.word_readings_key())
    assert table is not None
    for word in ("银行", "行长", "长大", "为人民服务", "晚上", "一下子", "哪儿", "的", "勃艮第"):
        value = table.get(word)
        assert value is not None, word
        assert static(value) == worked_out._static_readings(word), word
        if static(value) is None:
            assert phrases(value) == worked_out._phrases(word), word
    assert static(table.get("长大") or "") == ("zhang3", "da4")
    assert table.get("不是词语的字串") is None


def test_the_table_is_read_only_under_its_own_key(tmp_path: Path) -> None:
    key = ReadingModel.load(shipped=False).word_readings_key()
    assert WordReadings.open(key) is not None
    assert WordReadings.open("another key") is None
    assert WordReadings.open(key, tmp_path / "missing.marisa") is None
    damaged = tmp_path / "damaged.marisa"
    damaged.write_bytes(SHIPPED.read_bytes()[:100_000])
    assert WordReadings.open(key, damaged) is None
    written = tmp_path / "other.marisa"
    written.write_bytes(word_readings.packed("other", [("银行", "=yin2 hang2")]))
    assert WordReadings.open(key, written) is None  # derived from something else
    assert ReadingModel.load()._table is not None


def test_a_model_with_the_table_reads_as_one_without(
    analyzer: Analyzer, worked_out: ReadingModel
) -> None:
    text = paths.seed_article().read_text(encoding="utf-8")
    sentences = [analyzer.segmenter.reading_units(line) for line in text.splitlines() if line]
    with_table = ReadingModel.load()
    assert with_table._table is not None
    assert with_table.read_many(sentences) == worked_out.read_many(sentences)
