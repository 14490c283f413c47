"""The compiled tables answer exactly as the libraries' own tables and algorithms do."""

from __future__ import annotations

import math
import random
from pathlib import Path

import jieba
import pytest
from pypinyin.constants import PHRASES_DICT as PYPINYIN_PHRASES
from pypinyin.constants import PINYIN_DICT as PYPINYIN_CHARS

from reader.core.analysis.pinyin_tables import PHRASES_DICT, PINYIN_DICT
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.route_table import SEVERAL, TRIE, RouteTable, route_arrays
from reader.core.analysis.segment import HAN_RUN, Segmenter, split_runs
from reader.core.analysis.tables import compiled
from reader.core.analysis.word_table import save_word_table, word_list
from reader.core.analysis.wordfreq import TrieTokenizer, WordFrequencies

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOVEL = CORPUS / "txt_utf8_webnovel_beipan_banner_u3000.txt"


def novel_runs(chars: int) -> list[str]:
    if not NOVEL.is_file():
        pytest.skip("the shared corpus is not here")
    text = NOVEL.read_text(encoding="utf-8")[:chars]
    return [run.text for run in split_runs(text) if run.kind is None]


def test_a_table_is_built_once_and_replaces_its_older_versions(tmp_path: Path) -> None:
    builds: list[Path] = []

    def build(folder: Path) -> None:
        builds.append(folder)
        (folder / "table").write_text("made", encoding="utf-8")

    first = compiled("demo", ["v1"], build, tmp_path)
    assert compiled("demo", ["v1"], build, tmp_path) == first
    assert len(builds) == 1 and (first / "table").read_text(encoding="utf-8") == "made"
    second = compiled("demo", ["v2"], build, tmp_path)
    assert second != first and not first.exists() and len(builds) == 2


def test_a_failed_build_leaves_nothing_behind(tmp_path: Path) -> None:
    def build(folder: Path) -> None:
        (folder / "half").write_text("half a table", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        compiled("demo", ["v1"], build, tmp_path)
    assert list((tmp_path / "tables").iterdir()) == []


def test_pypinyins_tables_are_served_unchanged() -> None:
    assert len(PINYIN_DICT) == len(PYPINYIN_CHARS)
    assert all(PINYIN_DICT[code] == readings for code, readings in PYPINYIN_CHARS.items())
    assert len(PHRASES_DICT) == len(PYPINYIN_PHRASES)
    assert all(PHRASES_DICT.get(p) == syllables for p, syllables in PYPINYIN_PHRASES.items())
    assert PHRASES_DICT.max_length == max(map(len, PYPINYIN_PHRASES))
    assert PHRASES_DICT.get("不存在的词语") is None


def test_pypinyins_tables_are_read_from_its_files_as_its_modules_read_them() -> None:
    """Their build reads pypinyin's JSON files without importing pypinyin: the same keys,
    values and order as its ``PINYIN_DICT`` and ``PHRASES_DICT``."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from reader.core.analysis.pinyin_tables import _pypinyin_dicts\n"
        "chars, phrases = _pypinyin_dicts()\n"
        "assert 'pypinyin' not in sys.modules\n"
        "from pypinyin.constants import PHRASES_DICT, PINYIN_DICT\n"
        "assert list(chars.items()) == list(PINYIN_DICT.items())\n"
        "assert list(phrases.items()) == list(PHRASES_DICT.items())\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_the_neighbour_votes_are_the_counted_ones(analyzer: Analyzer) -> None:
    model = analyzer.readings
    counted = model.count_neighbour_votes()  # type: ignore[attr-defined]
    table = model._neighbour_votes  # type: ignore[attr-defined]
    assert counted and all(table.get(key) == votes for key, votes in counted.items())
    assert table.get("不是键") == ()


def test_names_are_decoded_as_jieba_posseg_decodes_them(analyzer: Analyzer) -> None:
    import jieba.posseg as posseg

    random.seed(20)
    words = {"姚树洁", "周和华", "亿元", "两年", "𠀀𠀁", "一"}
    for run in novel_runs(30_000):
        for size in (2, 3, 4, 6):
            if len(run) >= size:
                start = random.randrange(len(run) - size + 1)
                words.add(run[start : start + size])
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    names = analyzer.segmenter._names
    for word in sorted(words):
        assert names.states(word) == posseg.viterbi(word, *tables)[1], word


def test_a_words_name_tag_is_the_decoded_one(analyzer: Analyzer) -> None:
    """``one_word_tag`` tells most words without decoding them: its answer is the one read
    off the decoded states, for names, glued words and random strings of characters."""
    from reader.core import paths
    from reader.core.analysis.segment import NAME_TAGS

    names = analyzer.segmenter._names
    seed = paths.seed_article().read_text(encoding="utf-8")
    text = "".join(run.text for run in split_runs(seed) if run.kind is None)
    random.seed(20)
    words = {"姚树洁", "周和华", "欧阳修", "王聪儿", "亿元", "两年", "𠀀𠀁", "一", "张"}
    words |= {text[k : k + size] for size in (2, 3, 4) for k in range(0, len(text) - size, 3)}
    words |= {"".join(random.choices(text, k=random.randint(2, 6))) for _ in range(3_000)}
    asked = sorted(words)
    expected: list[str | None] = []
    for word in asked:
        states = names.states(word)
        tag = states[0][1]
        positions = ["S"] if len(word) == 1 else ["B", *["M"] * (len(word) - 2), "E"]
        one_word = states == [(position, tag) for position in positions]
        expected.append(tag if one_word and tag in NAME_TAGS else None)
        assert names.one_word_tag(word, NAME_TAGS) == expected[-1], word
    assert sum(tag is not None for tag in expected) > 20  # names are among them
    # told together, words of every length in one batch: the same answers
    assert names.one_word_tags(asked, NAME_TAGS) == expected
    assert names.one_word_tags(asked[::-1], NAME_TAGS) == expected[::-1]


def test_new_words_are_cut_as_jieba_finalseg_cuts_them() -> None:
    """The four-state decoding gives jieba's HMM cut, ties and unknown characters included."""
    import jieba.finalseg as finalseg

    from reader.core.analysis.new_words import hmm_cut

    random.seed(20)
    runs = ["姚树洁说", "周和华", "中", "", "a中b", "〇中文", "的的的的的的", "𠀀𠀁中"]
    text = "".join(novel_runs(30_000))
    for size in (2, 3, 5, 9, 30):
        for _ in range(300):
            start = random.randrange(len(text) - size + 1)
            runs.append(text[start : start + size])
    runs += ["".join(random.choices(text, k=random.randint(2, 12))) for _ in range(2_000)]
    for run in runs:
        assert hmm_cut(run) == tuple(finalseg.cut(run)), run


def test_new_words_decoded_together_are_cut_as_each_alone() -> None:
    """One batch of runs of every length (padded to the longest) gives each run's own cut."""
    import jieba.finalseg as finalseg

    from reader.core.analysis.new_words import hmm_cuts

    random.seed(21)
    text = "".join(novel_runs(30_000))
    runs = ["中", "周和华", "的的的的的的"]
    runs += ["".join(random.choices(text, k=random.randint(1, 40))) for _ in range(3_000)]
    runs = [run for run in runs if finalseg.re_han.fullmatch(run)]
    assert len(runs) > 2_000
    assert hmm_cuts(runs) == [tuple(finalseg.cut(run)) for run in runs]
    assert hmm_cuts([]) == []


def test_a_string_maps_prefixes_are_its_keys_that_begin_a_text() -> None:
    """``prefixes`` (one walk of the trie) finds what asking each length in turn finds."""
    from reader.core.analysis.readings import CEDICT_WORDS, load_cedict_words

    words = load_cedict_words(CEDICT_WORDS)
    text = "".join(novel_runs(20_000)) + "中华人民共和国成立了为人民服务"
    for start in range(len(text) - 8):
        window = text[start : start + 8]
        expected = [window[:n] for n in range(1, 9) if window[:n] in words]
        assert words.prefixes(window) == expected, window
        phrases = [window[:n] for n in range(1, 9) if window[:n] in PHRASES_DICT]
        assert PHRASES_DICT.prefixes(window) == phrases, window
    assert words.prefixes("") == []


def test_the_name_model_is_read_from_the_same_tables_as_jieba_posseg_imports() -> None:
    """The build reads jieba's pickled copies of its model: they must be its modules' dicts."""
    import jieba.posseg as posseg

    from reader.core.analysis.names import _posseg_tables

    modules = (posseg.start_P, posseg.trans_P, posseg.emit_P, posseg.char_state_tab_P)
    assert _posseg_tables() == modules


def test_the_name_model_is_read_from_jieba_posseg_where_no_pickles_ship(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A frozen build ships jieba's modules without the pickles: they are imported then."""
    import jieba.posseg as posseg

    from reader.core.analysis import jieba_data
    from reader.core.analysis.names import _posseg_tables

    monkeypatch.setattr(jieba_data, "jieba_folder", lambda: tmp_path)  # no posseg/*.p
    tables = _posseg_tables()
    assert tables[2] is posseg.emit_P and tables[3] is posseg.char_state_tab_P


def test_jieba_s_hmm_for_new_words_is_given_the_tables_of_its_modules() -> None:
    """jieba.finalseg gets its tables from jieba's pickles, not its modules (compiling
    them is slow): they must be the modules' dicts, items in the same order."""
    import importlib.util

    from reader.core.analysis.jieba_data import jieba_folder, pickled_tables

    folder = jieba_folder()
    names = ("prob_start", "prob_trans", "prob_emit")
    tables = pickled_tables("finalseg", names)
    assert folder is not None and tables is not None
    for name, table in zip(names, tables, strict=True):
        spec = importlib.util.spec_from_file_location(name, folder / "finalseg" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        source = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(source)
        assert table == source.P
        assert list(table) == list(source.P)
        if name != "prob_start":
            assert all(list(table[k].items()) == list(source.P[k].items()) for k in table)


@pytest.mark.parametrize(
    ("bytecode", "pickles", "stand_ins"),
    [
        ("none, not written", True, True),
        ("written", True, False),
        ("none, not written", False, False),
    ],
)
def test_jieba_is_imported_with_its_pickled_tables_where_it_would_compile_its_modules(
    tmp_path: Path, bytecode: str, pickles: bool, stand_ins: bool
) -> None:
    """Where no bytecode of jieba's modules is cached and none is written, jieba.finalseg
    imports jieba's pickles in their place; where bytecode is written (it loads faster
    next time), or no pickles ship (a frozen build), its modules. It cuts the same."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode == "none, not written":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    script = (
        "import sys\n"
        "from reader.core.analysis import jieba_data\n"
        f"if not {pickles}: jieba_data.pickled_tables = lambda *_: None\n"
        "jieba = jieba_data.imported_jieba()\n"
        "spec = sys.modules['jieba.finalseg.prob_emit'].__spec__\n"
        f"assert (spec is None) == {stand_ins}, spec\n"
        "assert jieba.lcut('在银行门口见面') == ['在', '银行', '门口', '见面']\n"
        "assert list(jieba.finalseg.cut('姚树洁说')) == ['姚树洁', '说']\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=env)


@pytest.mark.slow
def test_the_trie_tokenizer_cuts_as_jieba_does_with_the_same_words(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """jieba's own tokenizer on the same word list (its dict built from a file) and ours
    over the trie make the same cuts, also once user words are added and removed; so does
    ours's fused ``cut_han`` (characters outside jieba's Hanzi block included)."""
    words, guides = word_list(analyzer.dictionary.headwords())  # type: ignore[attr-defined]
    listing = tmp_path / "words.txt"
    listing.write_text("".join(f"{w} {f}\n" for w, f in words.items()), encoding="utf-8")
    theirs = jieba.Tokenizer(str(listing))
    theirs.tmp_dir = str(tmp_path)
    save_word_table(tmp_path, words, guides)
    ours = TrieTokenizer(WordFrequencies(tmp_path))
    runs = novel_runs(40_000)
    assert runs
    for run in runs:
        assert ours.cut_han(run) == list(theirs.cut(run, HMM=True)), run
    batched = TrieTokenizer(WordFrequencies(tmp_path))
    batched.prepare(runs)  # the routes of all the runs found in one batch, as a block's
    assert [batched.cut_han(run) for run in runs] == [ours.cut_han(run) for run in runs]
    for tokenizer in (theirs, ours):
        tokenizer.add_word("夏英杰", 5_000_000)
        tokenizer.add_word("银行", 5_000_000)
    ours.FREQ["银行"] = theirs.FREQ["银行"] = words["银行"]  # as Segmenter.remove_word does
    for run in [*runs, "夏英杰在银行门口", "东盟国家", "〇𠀀夏英杰𪚥鿿東盟"]:
        expected = list(theirs.cut(run, HMM=True))
        assert list(ours.cut(run, HMM=True)) == expected, run
        assert ours.cut_han(run) == expected, run
        assert HAN_RUN.fullmatch(run)


def test_the_word_table_answers_every_word_as_its_word_list(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    words, guides = word_list(analyzer.dictionary.headwords())  # type: ignore[attr-defined]
    save_word_table(tmp_path, words, guides)
    table = WordFrequencies(tmp_path)
    guiding = set(guides)
    assert len(table.trie) == len(words) and guiding < set(words)
    for word, freq in words.items():
        assert table.get(word) == freq, word
        assert table.log_freq[table.trie[word]] == math.log(freq), word  # the very float
        assert table.is_guide(word) == (word in guiding), word
        assert table.is_unit(word) == (bool(freq) and word not in guiding), word
    assert not table.is_unit("不是词语吗") and not table.is_unit("")
    guide = next(iter(guiding))
    table["夏英杰"], table["东盟"], table[guide] = 5, 0, 7  # the user's additions and removals
    assert table.is_unit("夏英杰") and not table.is_unit("东盟") and not table.is_unit(guide)
    assert table.total == sum(words.values())
    assert table.max_word_length == max(map(len, words))


def test_a_damaged_table_is_built_again(tmp_path: Path) -> None:
    words = [("东盟", "東盟"), ("国家", "國家"), ("东", "東"), ("盟", "盟")]
    Segmenter.load("tiny", lambda: words, cache=tmp_path)
    (table,) = (tmp_path / "tables").glob("words-*/words.marisa")
    table.write_bytes(b"not a trie")
    segmenter = Segmenter.load("tiny", lambda: words, cache=tmp_path)
    assert segmenter.cut("东盟国家") == ["东盟", "国家"]
    (meta,) = (tmp_path / "tables").glob("names-*/meta.json")
    meta.unlink()
    assert Segmenter.load("tiny", lambda: words, cache=tmp_path).name_tag("姚树洁") == "nr"


def test_the_route_table_says_of_each_position_what_the_trie_says(analyzer: Analyzer) -> None:
    """At every position of a block of runs: the words of one, two and three characters
    starting there with their weights, or the trie asked where a longer one may start."""
    words = analyzer.segmenter._words
    tokenizer = TrieTokenizer(words)
    weights = tokenizer._weights()
    runs = [*novel_runs(20_000), "〇𠀀夏英杰𪚥鿿東盟", "中华人民共和国"]
    text = "\0".join(runs)
    positions = RouteTable(route_arrays(words)).lookup(text, weights, words.total)
    alone = 0.0 - math.log(words.total)
    for k, size in enumerate(positions.size):
        triple = text[k : k + 3]
        if "\0" in text[k]:
            continue
        longer = len(triple) == 3 and "\0" not in triple
        longer = longer and any(len(word) > 3 for word in words.trie.keys(triple))
        assert (size == TRIE) == longer, triple
        end = (text.find("\0", k) + len(text) + 1) % (len(text) + 1)
        found = {len(w): weights[i] for w, i in words.trie.iter_prefixes_with_ids(text[k:end])}
        if size == SEVERAL:
            given = [positions.w1[k], positions.w2[k], positions.w3[k]]
            assert {n + 1: w for n, w in enumerate(given) if w == w} == found, triple
            assert len(found) > 1
        elif size != TRIE:
            assert found == {size: positions.single[k]} or not found, triple
            assert found or (size, positions.single[k]) == (1, alone)
    assert TRIE in positions.size and SEVERAL in positions.size
