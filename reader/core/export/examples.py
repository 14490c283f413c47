"""Example sentences for an export: the clause, its pinyin word by word, and where the
word stands in it.

The store keeps the clause a word was met in (`collect.clause_around`) with the whole
sentence beside it; words collected before that kept only the sentence, which is cut to
its clause here when the analyser is at hand. Pinyin follows the reading in context (the
analysis of the example itself), a word's syllables together, with the sentence's
punctuation in its Latin form, as textbooks print it; capitals as the Hanyu Pinyin
orthography (GB/T 16159) puts them: a proper noun's (CC-CEDICT writes them so: Chong2
qing4, Xi2 Jin4 ping2; a name the analysis found), and the first word of a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import MAX_CLAUSE, clause_around
from reader.core.pinyin import run_together

if TYPE_CHECKING:
    from reader.core.cedict.model import Entry

Analyse = Callable[[str], Sequence[Token]]
EntryOf = Callable[[int], "Entry"]  # a dictionary entry by id

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
SENTENCE_ENDS = frozenset("。！？!?")


def capitals(token: Token, entry_of: EntryOf | None) -> list[bool] | None:
    """Which of ``token``'s syllables begin a word of a proper noun (`proper_syllables`
    of its entries); a name the analysis found (``TokenKind.NAME``) as one word. None:
    no capitals."""
    if token.kind is TokenKind.NAME:
        return [True] + [False] * (len(token.readings) - 1)
    if entry_of is None or not token.entry_ids:
        return None
    return proper_syllables(token.readings, [entry_of(i) for i in token.entry_ids])


def proper_syllables(readings: Sequence[str], entries: Sequence[Entry]) -> list[bool] | None:
    """Which syllables of a word read ``readings`` begin a word of a proper noun: as
    CC-CEDICT writes it when every entry with that reading is capitalised (重庆 Chong2
    qing4; 习近平 Xi2 Jin4 ping2; 东方 has "Dong1 fang1" and "dong1 fang1": none)."""
    wanted = [r.lower() for r in readings]
    found: list[bool] | None = None
    for entry in entries:
        written = entry.pinyin.split()
        if [w.lower() for w in written] != wanted:
            continue
        upper = [w[:1].isupper() for w in written]
        if not any(upper):
            return None
        found = found or upper
    return found


def with_capitals(readings: Sequence[str], upper: Sequence[bool] | None) -> list[str]:
    """``readings`` with the syllables ``upper`` marks capitalised."""
    if upper is None:
        return list(readings)
    return [r[:1].upper() + r[1:] if up else r for r, up in zip(readings, upper, strict=True)]


def _word_pinyin(token: Token, entry_of: EntryOf | None) -> str:
    """A Chinese token's numbered pinyin, its syllables together, with its capitals."""
    readings = with_capitals(token.readings, capitals(token, entry_of))
    return run_together(" ".join(r for r in readings if r))


def pinyin_line(
    tokens: Sequence[Token], entry_of: EntryOf | None = None, *, sentence_start: bool = True
) -> str:
    """The tokens' pinyin, numbered, word by word: ``我去重庆，取钱。`` → ``"Wo3 qu4
    Chong2qing4, qu3 qian2."``; proper nouns capitalised (`capitals`, from ``entry_of``'s
    entries), the first word too when the tokens begin a sentence (``sentence_start``)
    and after a sentence's end; digits and Latin as written."""
    words: list[str] = []
    glue_next = False  # after an opening mark, the next word joins it
    capital_next = sentence_start
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
                capital_next = capital_next or char in SENTENCE_ENDS
            continue
        if token.is_chinese and any(token.readings):
            text = _word_pinyin(token, entry_of)
        else:
            text = token.text
        if capital_next:
            text = text[:1].upper() + text[1:]
            capital_next = False
        if glue_next and words:
            words[-1] += text
        else:
            words.append(text)
        glue_next = False
    return " ".join(words)


def example_and_pinyin(
    sentence: str,
    full_sentence: str,
    forms: Sequence[str],
    analyse: Analyse | None,
    entry_of: EntryOf | None = None,
) -> tuple[str, str]:
    """The example to export and its pinyin ("" without ``analyse``; proper nouns
    capitalised with ``entry_of``, and the first word when the example begins its
    sentence). A sentence stored whole (by a version before clauses, ``full_sentence``
    the same or empty) and longer than a clause is cut to the clause around the word's
    first occurrence (``forms``: the word in both scripts)."""
    if analyse is None or not sentence:
        return sentence, ""
    whole = full_sentence or sentence
    tokens = analyse(sentence)
    if len(sentence) > MAX_CLAUSE and full_sentence in ("", sentence):
        index = next((i for i, t in enumerate(tokens) if t.text in forms), None)
        if index is not None:
            sentence = clause_around(tokens, index)
            tokens = analyse(sentence)
    starts = whole.lstrip("".join(OPENERS)).startswith(sentence.lstrip("".join(OPENERS)))
    return sentence, pinyin_line(tokens, entry_of, sentence_start=starts)
