"""Example sentences for an export: the clause, its pinyin word by word, and where the
word stands in it.

The store keeps the clause a word was met in (`collect.clause_around`) with the whole
sentence beside it; words collected before that kept only the sentence, which is cut to
its clause here when the analyser is at hand. Pinyin follows the reading in context (the
analysis of the example itself), a word's syllables together, with the sentence's
punctuation in its Latin form, as textbooks print it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import MAX_CLAUSE, clause_around
from reader.core.pinyin import run_together

Analyse = Callable[[str], Sequence[Token]]

LATIN_PUNCTUATION = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "。": ".",
        "；": ";",
        "：": ":",
        "？": "?",
        "！": "!",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "（": "(",
        "）": ")",
        "…": "…",
        "—": "—",
    }
)
OPENERS = frozenset("“‘（《〈「『([")


def pinyin_line(tokens: Sequence[Token]) -> str:
    """The tokens' pinyin, numbered, word by word: ``我去银行，取钱。`` → ``"wo3 qu4
    yin2hang2, qu3 qian2."``; names capitalised, digits and Latin as written."""
    words: list[str] = []
    glue_next = False  # after an opening mark, the next word joins it
    for token in tokens:
        if token.kind is TokenKind.SPACE:
            continue
        if token.kind is TokenKind.PUNCT:
            for char in token.text:
                mark = char.translate(LATIN_PUNCTUATION)
                if char in OPENERS or not words:
                    words.append(mark)  # an opening mark leans on the word after it
                else:
                    words[-1] += mark  # the others on the word before
                glue_next = char in OPENERS
            continue
        if token.is_chinese and any(token.readings):
            text = run_together(" ".join(r for r in token.readings if r))
            if token.kind is TokenKind.NAME:
                text = " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
        else:
            text = token.text
        if glue_next and words:
            words[-1] += text
        else:
            words.append(text)
        glue_next = False
    return " ".join(words)


def example_and_pinyin(
    sentence: str, full_sentence: str, forms: Sequence[str], analyse: Analyse | None
) -> tuple[str, str]:
    """The example to export and its pinyin ("" without ``analyse``). A sentence stored
    whole (by a version before clauses, ``full_sentence`` the same or empty) and longer
    than a clause is cut to the clause around the word's first occurrence (``forms``:
    the word in both scripts)."""
    if analyse is None or not sentence:
        return sentence, ""
    tokens = analyse(sentence)
    if len(sentence) > MAX_CLAUSE and full_sentence in ("", sentence):
        index = next((i for i, t in enumerate(tokens) if t.text in forms), None)
        if index is not None:
            sentence = clause_around(tokens, index)
            tokens = analyse(sentence)
    return sentence, pinyin_line(tokens)
