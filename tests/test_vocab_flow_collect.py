"""Collecting words from analysed text: the sentence around a word, the word as met in
context (real analysis, real CC-CEDICT), the words of a selection, first occurrences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import (
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
