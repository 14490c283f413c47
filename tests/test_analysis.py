"""The whole analysis: tokens, readings in context, dictionary links, names, corrections,
storage, display forms — with the real CC-CEDICT, readings model, seed page and database."""

from __future__ import annotations

import itertools
import json
import zlib
from pathlib import Path

import jieba
import pytest

from reader.core import paths
from reader.core.analysis.corrections import (
    CorrectionError,
    Corrector,
    merge_rule,
    split_rule,
)
from reader.core.analysis.display import show, with_sandhi
from reader.core.analysis.pipeline import Analyzer, order_entries
from reader.core.analysis.readings import ReadingModel
from reader.core.analysis.segment import HAN_RUN
from reader.core.analysis.stored import analysis_key, stored_analysis
from reader.core.analysis.tokens import (
    StoredTokensError,
    Token,
    TokenKind,
    deserialise_tokens,
    serialise_tokens,
)
from reader.core.importing import import_file
from reader.core.pinyin import PinyinStyle
from reader.core.progress import Cancelled, Progress
from reader.core.store import CorrectionKind, NewArticle, Store
from tests.conftest import SHARED


def _token_at(tokens: list[Token], text: str, word: str, nth: int = 0) -> Token:
    """The token that covers the ``nth`` occurrence of ``word`` in ``text``."""
    position = -1
    for _ in range(nth + 1):
        position = text.index(word, position + 1)
    return next(t for t in tokens if t.start <= position < t.end)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return "\n\n".join(article.text for article in import_file(paths.seed_article()))


@pytest.fixture(scope="module")
def seed_tokens(analyzer: Analyzer, seed_text: str) -> list[Token]:
    return analyzer.analyse(seed_text)


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        ("他在银行工作。", "银行", "yin2 hang2"),
        ("他是这家银行的行长。", "行长", "hang2 zhang3"),
        ("他在路上慢慢行走。", "行走", "xing2 zou3"),
        ("我吃了饭就走。", "了", "le5"),
        ("我了解你的意思。", "了解", "liao3 jie3"),
        ("孩子长大了。", "长大", "zhang3 da4"),
        ("这条路很长。", "长", "chang2"),
        ("他得到了一本书。", "得到", "de2 dao4"),
        ("我得走了。", "得", "dei3"),
        ("他说得对。", "得", "de5"),
        ("他慢慢地走回家。", "地", "de5"),
        ("地球是圆的。", "地球", "di4 qiu2"),
        ("这件事很重要。", "重要", "zhong4 yao4"),
        ("我们重新开始吧。", "重新", "chong2 xin1"),
        ("他还没有来。", "还", "hai2"),
        ("请把书还给图书馆。", "还", "huan2"),
    ],
)
def test_readings_in_context_and_the_first_entry_agrees(
    analyzer: Analyzer, sentence: str, word: str, reading: str
) -> None:
    tokens = analyzer.analyse(sentence)
    token = _token_at(tokens, sentence, word)
    offset = sentence.index(word) - token.start
    assert " ".join(token.readings[offset : offset + len(word)]) == reading, token
    assert token.kind is TokenKind.WORD and token.entry_ids
    first = analyzer.dictionary.entry(token.entry_ids[0])
    assert first.pinyin.lower() == " ".join(token.readings), (token, first)


def test_entries_are_ordered_by_agreement_with_the_readings(analyzer: Analyzer) -> None:
    entries = analyzer.dictionary.entries("地方")
    assert {e.pinyin for e in entries} >= {"di4 fang1", "di4 fang5"}
    for readings in (("di4", "fang1"), ("di4", "fang5")):
        first = analyzer.dictionary.entry(order_entries(entries, readings)[0])
        assert first.pinyin == " ".join(readings)
    # Up to a neutral tone when nothing agrees exactly; the word before the surname.
    entries = analyzer.dictionary.entries("还")
    assert {e.pinyin for e in entries} >= {"Huan2", "huan2", "hai2"}
    for reading, expected in ((("huan2",), "huan2"), (("huan5",), "huan2"), (("hai2",), "hai2")):
        first = analyzer.dictionary.entry(order_entries(entries, reading)[0])
        assert first.pinyin == expected
    entries = analyzer.dictionary.entries("重庆")
    assert order_entries(entries, ("chong2", "qing4"))[0] == entries[0].id


def test_seed_page_tokens_cover_the_text_and_every_chinese_token_is_explained(
    analyzer: Analyzer, seed_text: str, seed_tokens: list[Token]
) -> None:
    assert "".join(t.text for t in seed_tokens) == seed_text
    assert all(a.end == b.start for a, b in itertools.pairwise(seed_tokens))
    chinese = [t for t in seed_tokens if t.is_chinese]
    unexplained = [
        t.text for t in chinese if not (t.entry_ids or t.parts or t.kind is TokenKind.NAME)
    ]
    assert unexplained == []
    for token in chinese:
        assert len(token.readings) == len(token.text)
        assert not token.parts or "".join(token.parts) == token.text
    # More of the tokens are dictionary words than with plain jieba (≈ 88 % on this page).
    ours = sum(t.kind is TokenKind.WORD for t in chinese) / len(chinese)
    plain_words = [w for w in jieba.Tokenizer().cut(seed_text) if HAN_RUN.fullmatch(w)]
    plain = sum(bool(analyzer.dictionary.entries(w)) for w in plain_words) / len(plain_words)
    assert ours > plain + 0.04, (ours, plain)


def test_seed_page_names_and_unknown_words(seed_text: str, seed_tokens: list[Token]) -> None:
    name = _token_at(seed_tokens, seed_text, "姚树洁")
    assert (name.text, name.kind, name.parts) == ("姚树洁", TokenKind.NAME, ("姚", "树", "洁"))
    assert len(name.readings) == 3 and all(name.readings)
    # jieba's own compounds and its HMM's non-name guesses become dictionary words.
    assert _token_at(seed_tokens, seed_text, "亿元").text == "亿"
    asean = [t.text for t in seed_tokens if t.text in ("东盟国家", "东盟", "国家")]
    assert "东盟国家" not in asean and "东盟" in asean


def test_numbers_latin_punctuation_and_paragraphs(analyzer: Analyzer) -> None:
    text = "2024年GDP增长7.3%。\n第二段"
    tokens = analyzer.analyse(text)
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["2024"] is TokenKind.NUMBER and kinds["7.3"] is TokenKind.NUMBER
    assert kinds["GDP"] is TokenKind.LATIN
    assert kinds["%"] is TokenKind.PUNCT and kinds["。"] is TokenKind.PUNCT
    assert kinds["\n"] is TokenKind.SPACE
    assert all(t.readings == () and t.entry_ids == () for t in tokens if not t.is_chinese)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("（中央社記者邱俊欽桃園19日電）", ["19", "日", "電", "）"]),  # not 日電, NEC
        ("新华社北京9月19日电 记者报道", ["9", "月", "19", "日", "电"]),
        ("新华社19日报道，", ["19", "日", "报道", "，"]),
        ("自1日起运营", ["1", "日", "起", "运营"]),
        ("5月份和5月底", ["5", "月份", "和", "5", "月底"]),  # a date's part stays whole
        ("花了100日元。", ["100", "日元", "。"]),  # and so does the yen
    ],
)
def test_a_date_after_digits_keeps_its_measure_word(
    analyzer: Analyzer, text: str, words: list[str]
) -> None:
    texts = [t.text for t in analyzer.analyse(text) if t.kind is not TokenKind.SPACE]
    start = next(i for i, t in enumerate(texts) if t == words[0])
    assert texts[start : start + len(words)] == words
    if "日" in words:
        assert next(t for t in analyzer.analyse(text) if t.text == "日").readings == ("ri4",)


def test_progress_counts_paragraphs_and_cancel_stops(analyzer: Analyzer) -> None:
    reports: list[tuple[int, int]] = []
    analyzer.analyse(
        "第一段。\n第二段。\n第三段。", progress=Progress(lambda d, t, _: reports.append((d, t)))
    )
    assert reports[-1] == (3, 3)
    long_line = "我们重新开始吧。" * 5000  # no line break: progress goes by sentence blocks
    reports.clear()
    tokens = analyzer.analyse(long_line, progress=Progress(lambda d, t, _: reports.append((d, t))))
    assert "".join(t.text for t in tokens) == long_line
    assert len(reports) > 2 and reports[-1] == (5000, 5000)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        analyzer.analyse("第一段。\n第二段。", progress=progress)


def test_corrections_apply_wherever_the_text_occurs(analyzer: Analyzer) -> None:
    tokens = analyzer.analyse("陆海新通道")
    assert [t.text for t in tokens] != ["陆海", "新通道"]
    kind, text, parts = split_rule(
        Token(0, "互联互通", TokenKind.UNKNOWN, ("",) * 4), ["互联", "互", "通"]
    )
    assert (kind, text, parts) == ("split", "互联互通", ("互联", "互", "通"))

    class Rule:
        def __init__(self, text: str, parts: tuple[str, ...]) -> None:
            self.text, self.parts = text, parts

    rules = [Rule(text, parts), Rule("银行行长", ("银行行长",))]
    tokens = analyzer.analyse("推动互联互通。银行行长说", rules)
    assert [t.text for t in tokens] == ["推动", "互联", "互", "通", "。", "银行行长", "说"]
    merged = tokens[5]
    assert merged.kind is TokenKind.UNKNOWN and merged.parts == ("银行", "行长")
    assert merged.readings == ("yin2", "hang2", "hang2", "zhang3")


def test_a_corrector_names_beforehand_the_stretches_it_hands_to_the_segmenter() -> None:
    """The pipeline cuts a block's stretches between rules in one batch before cutting
    the block: ``rest`` must be exactly what ``cut`` asks ``cut_rest`` about."""

    class Rule:
        def __init__(self, text: str, parts: tuple[str, ...]) -> None:
            self.text, self.parts = text, parts

    corrector = Corrector([Rule("互联互通", ("互联", "互", "通")), Rule("行长", ("行长",))])
    asked: list[str] = []

    def cut_rest(text: str) -> list[str]:
        asked.append(text)
        return list(text)

    for han in ("推动互联互通银行行长说", "互联互通", "说行长", "银行", "行长行长互联互通"):
        asked.clear()
        words = corrector.cut(han, cut_rest)
        assert asked == corrector.rest(han), han
        assert "".join(words) == han
    assert Corrector().rest("银行") == ["银行"]


def test_a_guide_read_whole_gives_its_readings_to_the_pieces_shown(analyzer: Analyzer) -> None:
    """没入 (a guide, no headword) is read whole, mò rù; apart, 没 would read méi."""
    text = "太阳慢慢没入了云层。"
    tokens = analyzer.analyse(text)
    assert "".join(t.text for t in tokens) == text
    sink, enter = _token_at(tokens, text, "没"), _token_at(tokens, text, "入")
    assert (sink.text, sink.readings) == ("没", ("mo4",))
    assert (enter.text, enter.readings) == ("入", ("ru4",))
    model = analyzer.readings
    assert isinstance(model, ReadingModel)
    assert model.read(["太阳", "慢慢", "没", "入", "了", "云层", "。"])[2] == ("mei2",)
    # a rule's parts are shown as made, and read in the rule's cut
    merged = analyzer.analyse(text, [_Rule("没入了", ("没入了",))])
    assert [t.text for t in merged][2:4] == ["没入了", "云层"]
    assert merged[2].readings == ("mo4", "ru4", "le5")


class _Rule:
    def __init__(self, text: str, parts: tuple[str, ...]) -> None:
        self.text, self.parts = text, parts


def test_merge_and_split_rules_are_checked() -> None:
    a = Token(0, "金", TokenKind.WORD, ("jin1",))
    b = Token(1, "联体", TokenKind.UNKNOWN, ("lian2", "ti3"))
    assert merge_rule([a, b]) == ("merge", "金联体", ("金联体",))
    with pytest.raises(CorrectionError):
        merge_rule([a, Token(2, "体", TokenKind.WORD, ("ti3",))])  # not neighbours
    with pytest.raises(CorrectionError):
        merge_rule([a, Token(1, "3", TokenKind.NUMBER)])
    with pytest.raises(CorrectionError):
        split_rule(b, ["联", "休"])


def test_a_correction_survives_a_restart_and_applies_to_a_later_article(
    analyzer: Analyzer, data_dir: Path
) -> None:
    db = data_dir / "reader.sqlite3"
    first_text = "陆海新通道金融服务联合体揭牌。"
    second_text = "这家金融服务联合体很大，东盟国家都有金融服务。"
    with Store.open(db) as store:
        first = store.articles.add(NewArticle("一", first_text))
        before = analyzer.load_or_analyse(store, first)
        assert "金融服务" not in [t.text for t in before]
        kind, text, parts = merge_rule(
            [_token_at(before, first_text, "金融"), _token_at(before, first_text, "服务")]
        )
        store.corrections.add(CorrectionKind(kind), text, parts)
        after = analyzer.load_or_analyse(store, first)  # the key changed: analysed again
        assert "金融服务" in [t.text for t in after]
    with Store.open(db) as store:  # a restart
        second = store.articles.add(NewArticle("二", second_text))
        tokens = analyzer.load_or_analyse(store, second)
        assert [t.text for t in tokens].count("金融服务") == 2
        counts = dict(
            store.db.conn.execute(
                "SELECT word, count FROM article_words WHERE article_id = ?", (second,)
            ).fetchall()
        )
        assert counts["金融服务"] == 2  # the library's % known counts the corrected words
        rule = store.corrections.all()[0]
        store.corrections.remove(rule.id)
        tokens = analyzer.load_or_analyse(store, second)
        assert "金融服务" not in [t.text for t in tokens]


def test_reopening_a_stored_analysis_does_no_analysis(
    analyzer: Analyzer, data_dir: Path, seed_text: str, seed_tokens: list[Token]
) -> None:
    with Store.open(data_dir / "reader.sqlite3") as store:
        article = store.articles.add(NewArticle("seed", seed_text))
        store.analyses.save(
            article,
            analysis_key(seed_text, store.corrections.version(), analyzer.dictionary_key),
            serialise_tokens(seed_tokens),
        )

        class NoAnalysis(Analyzer):
            def analyse(self, *args: object, **kwargs: object) -> list[Token]:
                raise AssertionError("a stored analysis should have been reused")

        reopened = NoAnalysis(
            analyzer.dictionary, analyzer.readings, analyzer.segmenter, analyzer.dictionary_key
        )
        assert reopened.load_or_analyse(store, article) == seed_tokens
        assert stored_analysis(store, article, analyzer.dictionary_key) == seed_tokens
        assert stored_analysis(store, article, "another dictionary") is None
        store.corrections.add(CorrectionKind.MERGE, "大足石刻", ["大足石刻"])
        assert stored_analysis(store, article, analyzer.dictionary_key) is None


def test_stored_tokens_round_trip_and_damage_is_detected(
    seed_text: str, seed_tokens: list[Token]
) -> None:
    data = serialise_tokens(seed_tokens)
    assert deserialise_tokens(data, seed_text) == seed_tokens
    assert len(data) < len(seed_text.encode("utf-8"))
    with pytest.raises(StoredTokensError):
        deserialise_tokens(data[:-10], seed_text)
    with pytest.raises(StoredTokensError):
        deserialise_tokens(data, seed_text + "多")
    with pytest.raises(StoredTokensError):
        deserialise_tokens(data[:40] + bytes(len(data) - 40), seed_text)
    with pytest.raises(StoredTokensError):
        deserialise_tokens(b"", seed_text)


def test_stored_tokens_of_a_long_novel_chapter_round_trip(analyzer: Analyzer) -> None:
    novel = SHARED / "corpus" / "txt_utf8_webnovel_beipan_banner_u3000.txt"
    if not novel.exists():
        pytest.skip("needs ../shared/corpus")
    text = novel.read_text(encoding="utf-8")[:30_000]
    tokens = analyzer.analyse(text)
    assert {t.kind for t in tokens} >= {TokenKind.WORD, TokenKind.PUNCT, TokenKind.SPACE}
    assert any(t.parts for t in tokens) and any(len(t.entry_ids) > 1 for t in tokens)
    read_back = deserialise_tokens(serialise_tokens(tokens), text)
    assert read_back == tokens
    assert all(type(token) is Token for token in read_back)
    assert read_back[5].end == tokens[5].end and read_back[5].is_chinese == tokens[5].is_chinese


_FORMAT_2_KINDS = dict(zip(TokenKind, "wnudlps", strict=True))


def _json_format_2(tokens: list[Token]) -> bytes:
    """Tokens stored the way format 2 stored them (zlib-compressed JSON columns)."""
    columns = {
        "v": 2,
        "lengths": [len(t.text) for t in tokens],
        "kinds": "".join(_FORMAT_2_KINDS[t.kind] for t in tokens),
        "readings": " ".join(r for t in tokens if t.is_chinese for r in t.readings),
        "ids": [i for t in tokens for i in t.entry_ids],
        "id_counts": [len(t.entry_ids) for t in tokens],
        "part_lengths": [len(p) for t in tokens for p in t.parts],
        "part_counts": [len(t.parts) for t in tokens],
    }
    return zlib.compress(json.dumps(columns, ensure_ascii=False).encode("utf-8"))


def test_an_analysis_stored_in_the_old_format_is_analysed_again_and_overwritten(
    analyzer: Analyzer, data_dir: Path, seed_text: str, seed_tokens: list[Token]
) -> None:
    old = _json_format_2(seed_tokens)
    with pytest.raises(StoredTokensError):
        deserialise_tokens(old, seed_text)
    with Store.open(data_dir / "reader.sqlite3") as store:
        article = store.articles.add(NewArticle("seed", seed_text))
        key = analysis_key(seed_text, store.corrections.version(), analyzer.dictionary_key)
        store.analyses.save(article, key, old)
        assert stored_analysis(store, article, analyzer.dictionary_key) is None
        assert analyzer.load_or_analyse(store, article) == seed_tokens
        assert store.analyses.load(article, key) == serialise_tokens(seed_tokens)
        assert stored_analysis(store, article, analyzer.dictionary_key) == seed_tokens


def test_display_forms() -> None:
    readings = ("yin2", "hang2")
    assert show(readings, PinyinStyle.MARKS) == ("yín", "háng")
    assert show(readings, PinyinStyle.NUMBERS) == ("yin2", "hang2")
    assert show(readings, PinyinStyle.ZHUYIN) == ("ㄧㄣˊ", "ㄏㄤˊ")
    assert show(readings, None) == ("", "")
    assert show(("lu:4", ""), PinyinStyle.MARKS) == ("lǜ", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不是", "bu2"),
        ("不好", "bu4"),
        ("一个人", "yi2"),
        ("一天", "yi4"),
        ("一年", "yi4"),
        ("一起", "yi4"),
        ("第一", "yi1"),
        ("十一个", "yi1"),
        ("一九九八年", "yi1"),
        ("统一了", "yi1"),
        ("一。", "yi1"),
    ],
)
def test_tone_sandhi_display_of_yi_and_bu(analyzer: Analyzer, text: str, expected: str) -> None:
    tokens = analyzer.analyse(text)
    shown = with_sandhi(tokens)
    char = "不" if "不" in text else "一"
    index = next(i for i, t in enumerate(tokens) if char in t.text)
    assert shown[index][tokens[index].text.index(char)] == expected
    assert tokens[index].readings[tokens[index].text.index(char)] in ("yi1", "bu4")


def test_a_users_word_is_a_word_until_removed(analyzer: Analyzer) -> None:
    text = "陆海新通道很长"
    assert "陆海新" not in [t.text for t in analyzer.analyse(text)]
    analyzer.add_user_word("陆海新")
    try:
        token = analyzer.analyse(text)[0]
        assert (token.text, token.kind, token.entry_ids) == ("陆海新", TokenKind.WORD, ())
        assert len(token.readings) == 3 and all(token.readings)
    finally:
        analyzer.remove_user_word("陆海新")
    assert "陆海新" not in [t.text for t in analyzer.analyse(text)]


def test_a_run_seen_before_is_cut_again_after_digits(analyzer: Analyzer) -> None:
    """Runs' cuts are remembered, but after digits 日 closes a date: the 日电 (NEC) of a run
    seen before is 日 + 电 in a dateline."""
    assert [t.text for t in analyzer.analyse("日电报道")] == ["日电", "报道"]
    dateline = analyzer.analyse("新华社北京19日电报道")
    assert [t.text for t in dateline] == ["新华社", "北京", "19", "日", "电", "报道"]
    assert [t.text for t in analyzer.analyse("日电报道")] == ["日电", "报道"]
