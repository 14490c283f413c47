"""The CC-CEDICT loader and index on the real, full release."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.cedict import (
    Classifier,
    Dictionary,
    HskLevel,
    ParseResult,
    Reference,
    ReferenceKind,
    parse_source,
)
from reader.core.cedict import index as index_module
from reader.core.cedict.parser import Record, parse_senses
from reader.core.cedict.wordinfo import band_edges, load_hsk_levels, load_word_counts
from tests.conftest import SHARED

POLYPHONES = ["行", "长", "了", "得", "地"]


@pytest.fixture(scope="module")
def parsed() -> ParseResult:
    return parse_source(paths.bundled_cedict())


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as lines:
        return [line.rstrip("\n") for line in lines if not line.startswith("#")]


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open(paths.bundled_cedict())


def test_every_entry_of_the_release_is_parsed(parsed: ParseResult, raw_lines: list[str]) -> None:
    assert parsed.errors == []
    assert len(raw_lines) == 122_143
    assert len(parsed.entries) == 122_143
    assert parsed.header["entries"] == "122143"
    assert all(entry.senses for entry in parsed.entries)
    assert len({entry.id for entry in parsed.entries}) == 122_143


def test_index_holds_every_entry(dictionary: Dictionary, parsed: ParseResult) -> None:
    assert dictionary.entry_count == 122_143
    some = parsed.entries[::5_000]
    assert [dictionary.entry(entry.id) for entry in some] == some


@pytest.mark.parametrize("word", POLYPHONES)
def test_polyphones_keep_every_reading(
    dictionary: Dictionary, raw_lines: list[str], word: str
) -> None:
    """Every line of the file whose headword is the character comes back, in both scripts."""
    expected = sorted(
        line.split("[")[1].split("]")[0] for line in raw_lines if word in line.split(" ")[:2]
    )
    found = dictionary.entries(word)
    assert sorted(entry.pinyin for entry in found) == expected
    for entry in found:
        assert dictionary.entries(entry.traditional)[0:1]  # reachable by traditional too


def test_known_readings(dictionary: Dictionary) -> None:
    def readings(word: str) -> set[str]:
        return {entry.pinyin for entry in dictionary.entries(word)}

    assert {"hang2", "xing2"} <= readings("行")
    assert {"chang2", "zhang3"} <= readings("长") and readings("长") == readings("長")
    assert {"le5", "liao3"} <= readings("了")
    assert {"de2", "de5", "dei3"} <= readings("得")
    assert {"de5", "di4"} <= readings("地")


def test_classifiers_are_data(dictionary: Dictionary) -> None:
    (person,) = dictionary.entries("人")
    assert person.classifiers == (
        Classifier("個", "个", "ge4"),
        Classifier("位", "位", "wei4"),
    )
    assert "CL:" not in person.senses[0].gloss
    hobby = dictionary.entries("爱好")[0]
    assert hobby.senses[1].gloss == "interest; hobby"
    assert hobby.senses[1].classifiers == (Classifier("個", "个", "ge4"),)
    # a classifier written in parentheses inside a gloss
    world = next(e for e in dictionary.entries("世界") if e.pinyin == "shi4 jie4")
    assert any(c.simplified == "个" for c in world.classifiers)


def test_references_are_links(dictionary: Dictionary) -> None:
    liao = [e for e in dictionary.entries("了") if e.pinyin == "liao3" and e.traditional == "了"]
    assert Reference(ReferenceKind.VARIANT, "瞭", "了", "liao3") in liao[0].references
    ge3 = next(e for e in dictionary.entries("个") if e.pinyin == "ge3")
    assert ge3.references == (Reference(ReferenceKind.USED_IN, "自個兒", "自个儿", "zi4 ge3 r5"),)
    kinds = {r.kind for e in dictionary.entries("个") for r in e.references}
    assert ReferenceKind.VARIANT in kinds
    for reference in liao[0].references + ge3.references:
        (target,) = dictionary.resolve(reference)
        assert (target.traditional, target.simplified, target.pinyin) == (
            reference.traditional,
            reference.simplified,
            reference.pinyin,
        )


def test_linked_references_resolve(dictionary: Dictionary, parsed: ParseResult) -> None:
    """Variant and "see" links land on an entry; other links may name phrases or old place
    names the release has no entry for (about 3 % of them)."""
    strict = {ReferenceKind.VARIANT, ReferenceKind.OLD_VARIANT, ReferenceKind.SEE}
    links = [r for e in parsed.entries for r in e.references if r.pinyin]
    variants = [r for r in links if r.kind in strict]
    assert sum(bool(dictionary.resolve(r)) for r in variants) >= 0.99 * len(variants)
    sample = links[::10]
    assert sum(bool(dictionary.resolve(r)) for r in sample) >= 0.95 * len(sample)


def test_every_reference_kind_occurs(parsed: ParseResult) -> None:
    kinds = {r.kind for entry in parsed.entries for r in entry.references}
    assert kinds == set(ReferenceKind)


def test_names_and_surnames(dictionary: Dictionary) -> None:
    wang = next(e for e in dictionary.entries("王") if e.pinyin == "Wang2")
    assert wang.is_name and wang.is_surname
    beijing = dictionary.entries("北京")[0]
    assert beijing.is_name and not beijing.is_surname
    assert not next(e for e in dictionary.entries("王") if e.pinyin == "wang2").is_name
    assert not dictionary.entries("AA制")[0].is_name  # capital Latin letters are not a name
    assert dictionary.entries("阿拉伯")[0].is_name


def test_senses_are_parsed_from_the_body_when_first_read(dictionary: Dictionary) -> None:
    """An entry keeps its gloss field and parses it on first use: the same senses as the
    parser's, and an entry whose senses were read still equals (and hashes as) a fresh one."""
    first, again = dictionary.entries("行")[0], dictionary.entries("行")[0]
    assert first.senses == parse_senses(first.body) and first.senses[0].gloss
    assert first == again and hash(first) == hash(again) and {first, again} == {again}


def test_listings_of_many_words_are_each_words_entries(dictionary: Dictionary) -> None:
    """The batch lookup an analysis uses gives each word the ids and pinyin of what
    ``entries`` gives it, in the same order, across the queries it is split into, and
    ``[]`` for a word not listed."""
    words = ["行", "銀行", "银行", "不是词语吗", "长", *(chr(0x4E00 + i) for i in range(2000))]
    found = dictionary.listings_of(words)
    assert list(found) == list(dict.fromkeys(words))
    for word in words:
        assert found[word] == [(e.id, e.pinyin) for e in dictionary.entries(word)], word
    assert found["不是词语吗"] == [] and len(found["行"]) > 1
    assert found["行"][0].id == dictionary.entries("行")[0].id


def test_matches_at_lists_every_word_longest_first(dictionary: Dictionary) -> None:
    text = "中国银行行长说"
    found = dictionary.matches_at(text, 4)
    lengths = [len(e.simplified) for e in found]
    assert lengths == sorted(lengths, reverse=True)
    assert found[0].simplified == "行长"
    assert all(text.startswith(e.simplified, 4) for e in found)
    single = {e.id for e in dictionary.entries("行")}
    assert single <= {e.id for e in found}
    assert [e.simplified for e in dictionary.matches_at(text, 0)][:1] == ["中国银行"]
    assert dictionary.matches_at(text, len(text)) == []
    assert dictionary.matches_at(text, -1) == []
    assert dictionary.matches_at("abc，", 3) == []


def test_matches_in_traditional_text(dictionary: Dictionary) -> None:
    found = dictionary.matches_at("銀行行長", 2)
    assert found[0].traditional == "行長"


def test_character_breakdown(dictionary: Dictionary) -> None:
    breakdown = dictionary.character_breakdown("爱好")
    assert [char for char, _ in breakdown] == ["爱", "好"]
    assert {"hao3", "hao4"} <= {e.pinyin for e in breakdown[1][1]}


def test_hsk_levels(dictionary: Dictionary) -> None:
    assert dictionary.hsk_level("爱好") == HskLevel(old=3, new=1)
    assert dictionary.hsk_level("愛好") == HskLevel(old=3, new=1)
    assert dictionary.hsk_level("阿拉伯语") == HskLevel(old=None, new=7)
    assert dictionary.hsk_level("瞭") == dictionary.hsk_level("了")  # a traditional form of 了
    assert dictionary.hsk_level("犰狳") is None


@pytest.mark.skipif(not (SHARED / "data/hsk").exists(), reason="needs ../shared")
def test_hsk_levels_match_the_source_list(dictionary: Dictionary) -> None:
    words = json.loads((SHARED / "data/hsk/complete.min.json").read_text(encoding="utf-8"))
    for word in words[::97]:
        if not dictionary.entries(word["s"]):
            continue
        old = [int(level[1:]) for level in word["l"] if level.startswith("o")]
        new = [int(level[1:]) for level in word["l"] if level.startswith("n")]
        expected = HskLevel(min(old) if old else None, min(new) if new else None)
        assert dictionary.hsk_level(word["s"]) == expected, word["s"]


def test_frequency_bands(dictionary: Dictionary) -> None:
    assert dictionary.frequency_band("的") == 1
    assert dictionary.frequency_band("我们") == 1
    bands = [dictionary.frequency_band(w) for w in ("中国", "爱好", "嗜好")]
    assert all(b is not None for b in bands)
    assert bands == sorted(bands)  # type: ignore[type-var]
    assert dictionary.frequency_band("2019冠状病毒病") is None  # not in jieba's counts


@pytest.mark.parametrize("query", ["aihao", "ai4hao4", "ài hào", "ai4 hao4", "àihào", "AiHao"])
def test_search_pinyin_finds_aihao_first(dictionary: Dictionary, query: str) -> None:
    assert dictionary.search_pinyin(query)[0].simplified == "爱好"


def test_search_pinyin_tones_and_umlaut(dictionary: Dictionary) -> None:
    assert dictionary.search_pinyin("lvse")[0].simplified == "绿色"
    assert dictionary.search_pinyin("lu:4se4")[0].simplified == "绿色"
    assert dictionary.search_pinyin("lǜsè")[0].simplified == "绿色"
    assert dictionary.search_pinyin("xi1an1")[0].simplified == "西安"
    assert all(e.pinyin.lower().endswith("hao3") for e in dictionary.search_pinyin("hao3"))
    assert dictionary.search_pinyin("hobby") == []
    assert dictionary.search_pinyin("zhongguoyinh")[0].simplified == "中国银行"  # by prefix


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [("bank", "银行"), ("to eat", "吃"), ("water", "水"), ("dog", "狗"), ("good", "好")],
)
def test_search_english_ranking(dictionary: Dictionary, query: str, expected_first: str) -> None:
    assert dictionary.search_english(query)[0].simplified == expected_first


def test_search_english_hobby(dictionary: Dictionary) -> None:
    found = [e.simplified for e in dictionary.search_english("hobby")]
    assert "爱好" in found[:3]
    assert dictionary.search_english("!!!") == []
    assert dictionary.search_english('"hobby') != []  # FTS syntax in input is harmless


def test_headwords_for_the_segmenter(dictionary: Dictionary, parsed: ParseResult) -> None:
    pairs = dictionary.headwords()
    assert ("爱好", "愛好") in pairs
    assert set(pairs) == {(e.simplified, e.traditional) for e in parsed.entries}
    assert dictionary.max_word_length == max(len(e.simplified) for e in parsed.entries)


def test_lookups_from_several_threads(dictionary: Dictionary) -> None:
    text = paths.seed_article().read_text(encoding="utf-8")[:400]

    def scan(offset: int) -> list[int]:
        return [len(dictionary.matches_at(text, i)) for i in range(offset, len(text), 4)]

    expected = [scan(offset) for offset in range(4)]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(scan, range(4))) == expected


def test_the_index_is_cached_in_the_cache_dir(dictionary: Dictionary) -> None:
    assert dictionary.index.parent == paths.cache_dir()
    reopened = Dictionary.open(paths.bundled_cedict())
    assert reopened.index == dictionary.index
    assert Path(reopened.source) == paths.bundled_cedict()


def _words_rows_as_python_made_them(
    records: list[Record], counts: dict[str, int], hsk: dict[str, tuple[int | None, int | None]]
) -> list[tuple[str, int | None, int | None, int | None]]:
    """The ``words`` table as the index used to fill it, row by row from Python: the
    reference the SQL that fills it now is held to."""
    edges = band_edges(counts)
    rows: dict[str, tuple[str, int | None, int | None, int | None]] = {}
    for _, traditional, simplified, _, _ in records:
        count = counts.get(simplified)
        band = None if count is None else sum(count < edge for edge in edges) + 1
        for word in (simplified,) if traditional == simplified else (simplified, traditional):
            if word in rows:
                continue
            old, new = hsk.get(word) or hsk.get(simplified) or (None, None)
            if old is not None or new is not None or band is not None:
                rows[word] = (word, old, new, band)
    return sorted(rows.values())


def _words_rows(index: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(index)) as connection:
        return connection.execute("SELECT * FROM words ORDER BY word").fetchall()


def test_the_words_table_is_the_one_python_made(
    dictionary: Dictionary, parsed: ParseResult
) -> None:
    expected = _words_rows_as_python_made_them(
        parsed.records, load_word_counts(), load_hsk_levels()
    )
    assert len(expected) > 100_000
    assert _words_rows(dictionary.index) == expected


def test_the_words_table_takes_each_words_first_entry_with_a_level_or_band(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 乙 has no level nor count in its first entry: its second gives it one; 丙 is
    # counted 0 times (still a band); 丁 is known only through its simplified form 丅;
    # 乾 takes the band of its first entry's simplified form 干 (common), not its own
    counts = {
        "甲": 900,
        "乙乙": 5,
        "丙": 0,
        "干": 1_500,
        "乾": 5,
        **{f"词{i}": i for i in range(1, 2_000)},
    }
    hsk: dict[str, tuple[int | None, int | None]] = {"甲": (1, None), "丅": (None, 3)}
    records = [
        Record(1, "乙", "乙", "yi3", "/first/"),
        Record(2, "甲", "甲", "jia3", "/armour/"),
        Record(3, "乙乙", "乙乙", "yi3 yi3", "/a word/"),
        Record(4, "乙", "乙乙", "yi3", "/odd/"),
        Record(5, "丙", "丙", "bing3", "/third/"),
        Record(6, "丁", "丅", "ding1", "/fourth/"),
        Record(7, "甲", "甲", "jia2", "/again/"),
        Record(8, "乾", "干", "gan1", "/dry/"),
        Record(9, "乾", "乾", "qian2", "/heaven/"),
    ]
    monkeypatch.setattr(index_module, "load_hsk_levels", lambda: hsk)
    target = tmp_path / "index.sqlite"
    index_module.build_index(ParseResult(records=records), target, "0" * 64, counts)
    expected = _words_rows_as_python_made_them(records, counts, hsk)
    assert {row[0] for row in expected} == {"甲", "乙", "乙乙", "丙", "丁", "丅", "干", "乾"}
    assert {row[0]: row[3] for row in expected}["乾"] == 1
    assert _words_rows(target) == expected


def test_finding_jiebas_word_counts_does_not_compile_its_hmm_tables() -> None:
    # where no bytecode is cached nor written, plain ``import jieba`` compiles the 1.7 MB
    # source of finalseg's tables; the first build finds dict.txt without doing so
    script = (
        "import sys\n"
        "from reader.core.analysis.jieba_data import _compiled_each_time, jieba_folder\n"
        "from reader.core.cedict.wordinfo import jieba_dict\n"
        "folder = jieba_folder()\n"
        "assert folder is not None\n"
        "compiled_each_time = _compiled_each_time(folder)\n"
        "assert jieba_dict().is_file()\n"
        "table = sys.modules['jieba.finalseg.prob_emit']\n"
        "print(compiled_each_time, getattr(table, '__file__', None) is None)\n"
    )
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environment
    )
    compiled_each_time, unpickled = result.stdout.split()
    if compiled_each_time != "True":
        pytest.skip("jieba's bytecode is cached here: its import compiles nothing")
    assert unpickled == "True"


def test_jiebas_counts_kept_for_the_next_load_only() -> None:
    kept = load_word_counts(keep=True)  # as the index build asks, for the word table next
    assert kept["的"] > 100_000
    assert load_word_counts() is kept
    assert load_word_counts() is not kept  # taken: not held on to for the process's life
