"""The segmenter's word table shipped written, and derived anew wherever it would differ."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.core.analysis import word_table
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.segment import Segmenter, jieba_version
from reader.core.analysis.tables import read_meta
from reader.core.analysis.word_table import (
    SHIPPED,
    WORDS,
    build_word_table,
    packed,
    save_word_table,
    shipped_key,
    word_list,
    word_table_inputs,
)
from reader.core.analysis.wordfreq import WordFrequencies
from reader.core.cedict.wordinfo import load_word_counts

TINY = [("东盟", "東盟"), ("国家", "國家"), ("东", "東"), ("盟", "盟")]

Contents = tuple[
    dict[str, tuple[int | None, bool, float]], set[str], set[str], dict[str, int | str]
]


def contents(folder: Path) -> Contents:
    """Everything a table answers: per word its frequency, whether it is a guide and the
    log the route adds (whatever trie ids the words have), the starts of long words, meta."""
    table = WordFrequencies(folder)
    words = {
        word: (table.get(word), table.is_guide(word), table.log_freq[index])
        for word, index in table.trie.iteritems()
    }
    return words, set(table.long_starts), set(table.longer_starts), read_meta(folder)


def derived(folder: Path, headwords: list[tuple[str, str]]) -> Contents:
    folder.mkdir()
    save_word_table(folder, *word_list(headwords))
    return contents(folder)


def never() -> list[tuple[str, str]]:
    raise AssertionError("derived, though the shipped table has the same key")


def inputs_of(analyzer: Analyzer) -> list[str]:
    return word_table_inputs(jieba_version(), analyzer.dictionary_key)


@pytest.mark.slow
def test_the_shipped_table_is_the_one_derived_now(analyzer: Analyzer, tmp_path: Path) -> None:
    """Derived again from the data and code of now, under the key of now: else run
    ``python -m reader.core.analysis.word_table`` (a first run would derive it, a second slower)."""
    with zipfile.ZipFile(SHIPPED) as shipped:
        assert shipped.comment.decode() == shipped_key(inputs_of(analyzer))
    unpacked = tmp_path / "shipped"
    unpacked.mkdir()
    build_word_table(unpacked, inputs_of(analyzer), never)
    headwords = analyzer.dictionary.headwords()  # type: ignore[attr-defined]
    assert contents(unpacked) == derived(tmp_path / "derived", headwords)


def test_a_first_run_opens_the_shipped_table_without_deriving(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    kept = load_word_counts(keep=True)  # as the dictionary's index build keeps them
    segmenter = Segmenter.load(analyzer.dictionary_key, never, cache=tmp_path)
    assert segmenter.cut("他们在银行门口见面了") == analyzer.segmenter.cut("他们在银行门口见面了")
    assert segmenter.is_word("银行") and not segmenter.is_word("办公处")  # a guide
    assert load_word_counts() is not kept  # not held for the derivation that did not happen


@pytest.mark.parametrize("shipped", ["other key", "damaged", "missing"])
def test_the_table_is_derived_where_the_shipped_one_does_not_fit(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: str
) -> None:
    """Shipped under another key (other data, versions or code), damaged or not there."""
    other = tmp_path / "other"
    other.mkdir()
    save_word_table(other, {"东盟国家": 7}, [])
    fake = tmp_path / "word_table.zip"
    key = shipped_key(inputs_of(analyzer))
    if shipped == "other key":
        fake.write_bytes(packed(other, "0" * 64))
    elif shipped == "damaged":
        whole = bytearray(packed(other, key))
        with zipfile.ZipFile(io.BytesIO(whole)) as archive:
            member = archive.getinfo(WORDS)  # a byte of its compressed data flipped
        whole[member.header_offset + 30 + len(WORDS) + member.compress_size // 2] ^= 0xFF
        fake.write_bytes(whole)
    monkeypatch.setattr(word_table, "SHIPPED", fake)
    built = tmp_path / "built"
    built.mkdir()
    build_word_table(built, inputs_of(analyzer), lambda: TINY)
    assert contents(built) == derived(tmp_path / "derived", TINY)
    assert WordFrequencies(built).get("东盟国家") is None
