"""Collecting words from analysed text: the sentence around a word, the word as met in
context (real analysis, real CC-CEDICT), the words of a selection, first occurrences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import (
    clause_around,
    first_occurrences,
    sentence_around,
    word_from_token,
    words_in_span,
)

if TYPE_CHECKING:
    from reader.core.analysis.pipeline import Analyzer

TEXT = "他说：“我去银行。”然后走了！\n新的一段没有句号"


def _pieces(text: str, cuts: list[str]) -> list[Token]:
    tokens, start = [], 0
    for piece in cuts:
        assert text.startswith(piece, start)
        kind = TokenKind.WORD if "\u4e00" <= piece[0] <= "\u9fff" else TokenKind.PUNCT
        tokens.append(Token(start, piece, kind))
        start += len(piece)
    assert start == len(text)
    return tokens


TOKENS = _pieces(
    TEXT,
    ["他", "说", "：“", "我", "去", "银行", "。”", "然后", "走", "了", "！", "\n",
     "新", "的", "一段", "没有", "句号"],
)  # fmt: skip


def _index(word: str) -> int:
    return next(i for i, t in enumerate(TOKENS) if t.text == word)


def test_sentence_ends_at_the_mark_with_its_closing_quote() -> None:
    assert sentence_around(TOKENS, _index("银行")) == "他说：“我去银行。”"
    assert sentence_around(TOKENS, _index("他")) == "他说：“我去银行。”"


def test_the_next_sentence_leaves_the_closing_quote_behind() -> None:
    assert sentence_around(TOKENS, _index("然后")) == "然后走了！"


def test_a_line_break_ends_a_sentence_without_a_mark() -> None:
    assert sentence_around(TOKENS, _index("句号")) == "新的一段没有句号"


def test_words_in_a_selection_and_first_occurrences() -> None:
    start = TEXT.index("去")
    end = TEXT.index("走") + 1  # 去银行。”然后走
    assert [TOKENS[i].text for i in words_in_span(TOKENS, start, end)] == [
        "去",
        "银行",
        "然后",
        "走",
    ]
    assert words_in_span(TOKENS, start + 1, start + 2) == [_index("银行")]  # half a word
    assert first_occurrences(TOKENS, ["走", "银行", "飞机"]) == {
        "走": _index("走"),
        "银行": _index("银行"),
    }


def test_word_from_a_real_analysis(analyzer: Analyzer) -> None:
    text = "我去银行取钱。银行行长不在。"
    tokens = analyzer.analyse(text)
    index = next(i for i, t in enumerate(tokens) if t.text == "行长")
    word = word_from_token(tokens, index, analyzer.dictionary, 7)
    assert word.simplified == "行长" and word.traditional == "行長"
    assert word.pinyin == "hang2 zhang3"  # the reading in context
    assert word.entry_ids[0] == tokens[index].entry_ids[0]
    assert word.senses and word.sentence == "银行行长不在。"
    assert word.source_article_id == 7
    # a longer match shown in the popup at the same place, with its own entries
    first = next(i for i, t in enumerate(tokens) if t.text == "银行")
    other = word_from_token(tokens, first, analyzer.dictionary, 7, word="银")
    assert other.simplified == "银" and other.pinyin == "yin2" and other.senses
    assert other.sentence == "我去银行取钱。"


def _seed_tokens(analyzer: Analyzer) -> tuple[str, list[Token]]:
    from reader.core.importing import import_file
    from reader.core.paths import seed_article

    text = import_file(seed_article())[0].text
    return text, list(analyzer.analyse(text))


def test_examples_are_the_clauses_of_the_seed_articles_sentences(analyzer: Analyzer) -> None:
    """The seed's second paragraph is one 122-character sentence: every word of it got
    that sentence; now each gets its clause (read off the article), the sentence beside."""
    _text, tokens = _seed_tokens(analyzer)
    expected = {
        "游客": "前来大足石刻宝顶山景区的游客络绎不绝",  # the first 游客, in the first sentence
        "身影": "其中不乏外国游客的身影。",
        "擦亮": "全面擦亮大足石刻金字招牌",
        "影响力": "持续提升大足石刻的国际知名度和影响力",
        "吸引": "吸引了越来越多的外国游客走进并推介大足石刻",
        "朋友圈": "大足石刻的“国际朋友圈”越来越大。",
        "彰": "以旅彰文，全面擦亮大足石刻金字招牌",  # 以旅彰文 alone is too short
    }
    found = {}
    for word, clause in expected.items():
        index = next(i for i, t in enumerate(tokens) if t.text == word)
        found[word] = clause_around(tokens, index)
        assert found[word] == clause
    index = next(i for i, t in enumerate(tokens) if t.text == "影响力")
    new_word = word_from_token(tokens, index, analyzer.dictionary, 1)
    assert new_word.sentence == expected["影响力"]
    assert new_word.full_sentence.startswith("近年来，大足区坚持以文塑旅")
    assert new_word.full_sentence.endswith("大足石刻的“国际朋友圈”越来越大。")
    assert len(new_word.full_sentence) > 100


def test_a_long_clause_is_cut_at_word_boundaries_around_the_word(analyzer: Analyzer) -> None:
    text = (
        "食品药品监督管理部门负责对餐饮业经营场所和各级各类医疗卫生机构以及本条规定以外的"
        "其他公共场所的控烟工作进行监督执法。"
    )
    tokens = list(analyzer.analyse(text))
    starts = {t.start for t in tokens} | {len(text)}
    for index, token in enumerate(tokens):
        if not token.is_chinese:
            continue
        clause = clause_around(tokens, index)
        inner = clause.strip("…")
        assert token.text in inner and len(inner) <= 40
        begin = text.index(inner)
        assert begin in starts and begin + len(inner) in starts  # never half a word
        assert clause.startswith("…") == (begin > 0)


def test_a_comma_inside_a_number_is_no_clause_break(analyzer: Analyzer) -> None:
    tokens = list(analyzer.analyse("今年共有12,000名游客，比去年多。"))
    index = next(i for i, t in enumerate(tokens) if t.text == "游客")
    assert clause_around(tokens, index) == "今年共有12,000名游客"


def test_a_word_the_dictionary_lacks_is_kept_with_its_parts_meanings(
    analyzer: Analyzer,
) -> None:
    """宝顶山 (the seed page's place) has no CC-CEDICT entry: its meaning in the list is
    what its parts mean, as the popup explains it, not an empty cell in the handout."""
    tokens = analyzer.analyse("前来大足石刻宝顶山景区的游客络绎不绝。")
    index = next(i for i, t in enumerate(tokens) if t.text == "宝顶山")
    assert not tokens[index].entry_ids and tokens[index].parts == ("宝", "顶", "山")
    word = word_from_token(tokens, index, analyzer.dictionary, None)
    [meaning] = word.senses
    assert meaning.startswith("宝 ") and " + 顶 " in meaning and " + 山 mountain" in meaning
    # a dictionary word keeps its own senses
    scenic = next(i for i, t in enumerate(tokens) if t.text == "景区")
    assert "scenic area" in word_from_token(tokens, scenic, analyzer.dictionary, None).senses
