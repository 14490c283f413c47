"""Segmentation: runs of each script, jieba with CC-CEDICT's words, longest dictionary parts."""

from __future__ import annotations

import threading
from pathlib import Path

import jieba
import pytest

from reader.core import paths
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.segment import Segmenter, longest_parts, split_runs
from reader.core.analysis.tokens import TokenKind


def test_runs_cover_the_text_and_keep_scripts_apart() -> None:
    text = "2024年，GDP增长7.3%……\n\n新加坡 Singapore’s 1,000人"
    runs = list(split_runs(text))
    assert "".join(run.text for run in runs) == text
    kinds = [(run.text, run.kind) for run in runs]
    assert ("2024", TokenKind.NUMBER) in kinds
    assert ("7.3", TokenKind.NUMBER) in kinds
    assert ("1,000", TokenKind.NUMBER) in kinds
    assert ("GDP", TokenKind.LATIN) in kinds
    assert ("Singapore’s", TokenKind.LATIN) in kinds
    assert ("……", TokenKind.PUNCT) in kinds
    assert ("\n\n", TokenKind.SPACE) in kinds
    assert ("增长", None) in kinds  # Chinese, still to be cut into words


def test_longest_parts_match_greedily_from_the_left(analyzer: Analyzer) -> None:
    def is_word(word: str) -> bool:
        return bool(analyzer.dictionary.entries(word))

    assert longest_parts("东盟国家", is_word) == ("东盟", "国家")
    assert longest_parts("亿元", is_word) == ("亿", "元")
    assert longest_parts("中华人民共和国成立", is_word) == ("中华人民共和国", "成立")


def test_dictionary_words_are_tokens_where_plain_jieba_splits_or_glues(
    analyzer: Analyzer,
) -> None:
    cut = analyzer.segmenter.cut
    plain = jieba.Tokenizer()
    # CC-CEDICT's idiom, which jieba does not know ...
    assert list(plain.cut("不遑多让")) != ["不遑多让"]
    assert cut("他不遑多让") == ["他", "不遑多让"]
    # ... traditional headwords ...
    assert cut("臺灣的銀行") == ["臺灣", "的", "銀行"]
    # ... and none of jieba's own compounds that the dictionary cannot explain.
    assert list(plain.cut("东盟国家")) == ["东盟国家"]
    assert cut("东盟国家") == ["东盟", "国家"]
    assert cut("他是银行行长") == ["他", "是", "银行", "行长"]


def test_jiebas_other_words_steer_the_cut_but_are_not_units(analyzer: Analyzer) -> None:
    segmenter = analyzer.segmenter
    plain = jieba.Tokenizer()
    # jieba's 办公处 is no CC-CEDICT headword: it keeps 处在 from being taken, then goes
    # back to its parts (before, the cut was 办公/处在, and 处 read chǔ).
    assert "办公处" in plain.lcut("学校的办公处在哪儿")
    assert not segmenter.is_word("办公处") and segmenter.is_word("处在")
    assert segmenter.cut("学校的办公处在哪儿") == ["学校", "的", "办公", "处", "在", "哪儿"]
    assert segmenter.cut("辦公處在哪兒") == ["辦公", "處", "在", "哪兒"]
    assert segmenter.cut("他会弹钢琴") == ["他", "会", "弹", "钢琴"]


def test_a_guide_is_read_whole_and_shown_in_its_parts(analyzer: Analyzer) -> None:
    """The readings model reads 没入 (a guide) whole; the reader taps 没 and 入."""
    segmenter = analyzer.segmenter
    assert segmenter.units("太阳没入了云层") == ["太阳", "没入", "了", "云层"]
    assert segmenter.pieces("没入") == ("没", "入")
    assert segmenter.cut("太阳没入了云层") == ["太阳", "没", "入", "了", "云层"]
    # only guides stay whole: an HMM seam (很长) is read in its parts, as it is shown
    assert "很长" not in segmenter.units("他的头发很长")
    assert segmenter.reading_units("太阳没入云层。") == ["太阳", "没入", "云层", "。"]


def test_a_rare_dictionary_word_does_not_beat_a_common_split(analyzer: Analyzer) -> None:
    """参鸡汤 (samgyetang) is a headword jieba never saw: 人参 + 鸡汤 must still win."""
    assert analyzer.dictionary.entries("参鸡汤")
    assert analyzer.segmenter.cut("我喜欢喝人参鸡汤") == ["我", "喜欢", "喝", "人参", "鸡汤"]
    assert analyzer.segmenter.cut("他喝参鸡汤") == ["他", "喝", "参鸡汤"]


def test_a_district_of_a_listed_place_is_cut_after_the_place(analyzer: Analyzer) -> None:
    """平镇 and 平镇市 are headwords, 平镇区 is not: it is a guide, so the place is not cut
    平 + 镇区 ("town area"); it is shown as 平镇 + 区 (or whole, as a name), in either script."""
    segmenter = analyzer.segmenter
    assert not segmenter.is_word("平镇区")
    assert segmenter.cut("桃园市平镇区一家轮胎行") == ["桃园市", "平镇", "区", "一家", "轮胎", "行"]
    assert segmenter.cut("桃園市平鎮區") == ["桃園市", "平鎮", "區"]
    assert segmenter.units("新北市土城區") == ["新北市", "土城區"]  # not 土 + 城區 "city area"
    # a guide that lost to its characters would keep jieba's HMM from joining them
    assert segmenter.units("新北市中和區") == ["新北市", "中和區"]
    assert segmenter.cut("中和区域的区别") == ["中", "和", "区域", "的", "区别"]
    # without 区, the place jieba never saw still beats its characters (a headline)
    assert segmenter.cut("平鎮輪胎行惡火") == ["平鎮", "輪胎", "行", "惡", "火"]
    assert segmenter.cut("他和美国朋友") == ["他", "和", "美国", "朋友"]  # not 和美, a township


def test_reading_units_keep_other_scripts_whole(analyzer: Analyzer) -> None:
    words = analyzer.segmenter.reading_units("2024年GDP增长7.3%。")
    assert words == ["2024", "年", "GDP", "增长", "7.3", "%", "。"]


def test_the_compiled_tables_live_in_the_user_cache_dir(analyzer: Analyzer) -> None:
    folder = paths.cache_dir() / "tables"
    assert any(folder.glob("words-*/words.marisa"))
    assert any(folder.glob("names-*/emit.npy"))


def test_segmenter_loads_on_a_worker_thread_from_its_cache(analyzer: Analyzer) -> None:
    built: list[Segmenter] = []

    def headwords() -> list[tuple[str, str]]:
        raise AssertionError("the cached word list should have been reused")

    worker = threading.Thread(
        target=lambda: built.append(Segmenter.load(analyzer.dictionary_key, headwords))
    )
    worker.start()
    worker.join()
    assert built[0].cut("东盟国家") == ["东盟", "国家"]


def test_a_new_dictionary_builds_its_own_word_list(tmp_path: Path) -> None:
    words = [("东盟", "東盟"), ("国家", "國家"), ("东", "東"), ("盟", "盟")]
    legacy = tmp_path / "jieba" / "model-0123.cache"  # what earlier versions cached
    legacy.parent.mkdir()
    legacy.write_bytes(b"old model")
    segmenter = Segmenter.load("tiny", lambda: words, cache=tmp_path)
    assert not legacy.parent.exists()
    assert segmenter.is_word("东盟") and not segmenter.is_word("东盟国家")
    assert segmenter.cut("东盟国家") == ["东盟", "国家"]
    assert segmenter.cut("東盟國家") == ["東盟", "國家"]
    assert len(list((tmp_path / "tables").glob("words-*"))) == 1


def test_a_user_word_becomes_a_unit(tmp_path: Path) -> None:
    words = [("金", "金"), ("联", "聯"), ("体", "體"), ("联体", "聯體")]
    segmenter = Segmenter.load("tiny", lambda: words, cache=tmp_path)
    assert segmenter.cut("金联体") != ["金联体"]
    segmenter.add_word("金联体")
    assert segmenter.cut("金联体") == ["金联体"]
    segmenter.remove_word("金联体")
    assert segmenter.cut("金联体") != ["金联体"]
    segmenter.add_word("联体")  # already a headword: removing the user's word keeps it
    segmenter.remove_word("联体")
    assert segmenter.is_word("联体")


@pytest.mark.parametrize(
    ("word", "tag"), [("姚树洁", "nr"), ("周和华", "nr"), ("亿元", None), ("两年", None)]
)
def test_names_are_told_by_jiebas_part_of_speech_model(
    analyzer: Analyzer, word: str, tag: str | None
) -> None:
    assert analyzer.segmenter.name_tag(word) == tag
