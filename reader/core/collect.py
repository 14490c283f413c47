"""Turning what the learner met in an article into words for a list.

``sentence_around`` finds the sentence a token sits in and ``clause_around`` the clause of
it that is the word's example (a news sentence runs to 130 characters: as an example on a
card or a handout it is too long, and every word of a paragraph would share it).
``word_from_token`` builds the ``NewWord`` for a tapped token: both scripts, the reading in
context, the senses of the entry that matched the context, the example clause with the
whole sentence beside it, and the source article. ``words_in_span`` and
``first_occurrences`` give the tokens behind a selection and behind the article's unknown
words, for adding in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.store.vocab import NewWord
from reader.core.words import key_for

if TYPE_CHECKING:  # the dictionary package loads on the app's worker, not at its launch
    from reader.core.cedict.model import Entry

SENTENCE_ENDS = frozenset("。！？!?…")
CLOSERS = frozenset("”’」』）)》〉\"'")  # stay with the sentence they close
MAX_SENTENCE_TOKENS = 200  # a "sentence" with no end in sight is cut here, each side
CLAUSE_BREAKS = frozenset("，；：、,;:")  # inside a sentence, where a clause ends
MIN_CLAUSE = 8  # a shorter clause ("6月5日上午，") takes its neighbour in
MAX_CLAUSE = 40  # a longer one is cut at word boundaries around the word
ELLIPSIS = "…"


class EntrySource(Protocol):
    def entry(self, entry_id: int) -> Entry: ...

    def entries(self, word: str) -> Sequence[Entry]: ...


def _sentence_span(tokens: Sequence[Token], index: int) -> tuple[str, int, int, int]:
    """The text of the tokens near ``tokens[index]`` (up to ``MAX_SENTENCE_TOKENS`` each
    side), the offset of that text in the article, and the sentence's ``[start, end)`` in
    it: from after the previous sentence end (or line break) to its own end mark, closing
    quotes included."""
    first = max(0, index - MAX_SENTENCE_TOKENS)
    last = min(len(tokens), index + MAX_SENTENCE_TOKENS + 1)
    text = "".join(t.text for t in tokens[first:last])
    base = tokens[first].start
    position = tokens[index].start - base
    start = 0
    for i in range(position - 1, -1, -1):
        char = text[i]
        if char == "\n" or char in SENTENCE_ENDS:
            start = i + 1
            break
    while start < position and (text[start] in CLOSERS or text[start] in SENTENCE_ENDS):
        start += 1  # the previous sentence's closing marks
    end = len(text)
    for i in range(position + len(tokens[index].text), len(text)):
        char = text[i]
        if char == "\n":
            end = i
            break
        if char in SENTENCE_ENDS:
            end = i + 1
            while end < len(text) and (text[end] in SENTENCE_ENDS or text[end] in CLOSERS):
                end += 1
            break
    return text, base, start, end


def sentence_around(tokens: Sequence[Token], index: int) -> str:
    """The sentence containing ``tokens[index]``, trimmed of spaces."""
    text, _base, start, end = _sentence_span(tokens, index)
    return text[start:end].strip()


def clause_around(tokens: Sequence[Token], index: int) -> str:
    """The word's example: the clause of its sentence it sits in (cut at ，；：、 and at the
    sentence's ends), with the neighbouring clause when it is shorter than ``MIN_CLAUSE``
    characters, and cut at word boundaries (marked …) to about ``MAX_CLAUSE`` around the
    word when longer. A trailing comma is dropped; the sentence's own end mark stays."""
    text, base, start, end = _sentence_span(tokens, index)
    word_start = tokens[index].start - base
    word_end = word_start + len(tokens[index].text)
    breaks = [i + 1 for i in range(start, end) if _breaks_clause(text, i)]
    edges = sorted({start, *breaks, end})
    low = max(e for e in edges if e <= word_start)
    high = min(e for e in edges if e >= word_end)
    while len(text[low:high].strip()) < MIN_CLAUSE:
        later = [e for e in edges if e > high]
        earlier = [e for e in edges if e < low]
        if later and later[0] - low <= MAX_CLAUSE:
            high = later[0]
        elif earlier and high - earlier[-1] <= MAX_CLAUSE:
            low = earlier[-1]
        else:
            break
    cut_start, cut_end = low, high
    if high - low > MAX_CLAUSE:
        cut_start, cut_end = _window(tokens, index, base, low, high)
    clause = text[cut_start:cut_end].strip()
    if cut_end == high:
        clause = clause.rstrip("".join(CLAUSE_BREAKS)).rstrip()
    else:
        clause += ELLIPSIS
    if cut_start != low:
        clause = ELLIPSIS + clause
    return clause


def _breaks_clause(text: str, i: int) -> bool:
    """A clause mark, but not the comma or colon inside a number ("1,000", "9:30")."""
    if text[i] not in CLAUSE_BREAKS:
        return False
    in_number = text[i] in ",:" and text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()
    return not in_number


def _window(tokens: Sequence[Token], index: int, base: int, low: int, high: int) -> tuple[int, int]:
    """``[low, high)`` narrowed to whole tokens around ``tokens[index]``, at most
    ``MAX_CLAUSE`` long (the word itself always whole), growing after the word first."""
    word_start = tokens[index].start - base
    word_end = word_start + len(tokens[index].text)
    bounds = {low, high}
    for step in (-1, 1):
        i = index
        while 0 <= i < len(tokens) and low <= tokens[i].start - base <= high:
            bounds.add(tokens[i].start - base)
            i += step
    before = sorted(b for b in bounds if b <= word_start)
    after = sorted(b for b in bounds if b >= word_end)
    cut_start, cut_end = before.pop(), after.pop(0)
    grew = True
    while grew:
        grew = False
        if after and after[0] - cut_start <= MAX_CLAUSE:
            cut_end = after.pop(0)
            grew = True
        if before and cut_end - before[-1] <= MAX_CLAUSE:
            cut_start = before.pop()
            grew = True
    return cut_start, cut_end


def word_from_token(
    tokens: Sequence[Token],
    index: int,
    dictionary: EntrySource,
    article_id: int | None,
    *,
    word: str | None = None,
    entries: Sequence[Entry] | None = None,
) -> NewWord:
    """The word at ``tokens[index]`` as met in context (or ``word`` with ``entries``, e.g.
    a longer match the popup shows there); the chosen sense is the first entry's, and the
    word is stored under its key (``reader.core.words``: simplified in either script)."""
    token = tokens[index]
    if word is None or word == token.text:
        word = token.text
        if entries is None:
            entries = [dictionary.entry(i) for i in token.entry_ids]
        pinyin = " ".join(r for r in token.readings if r)
    else:
        pinyin = ""
    if not entries:
        entries = list(dictionary.entries(word))
    chosen = entries[0] if entries else None
    if chosen is not None and not pinyin:
        pinyin = chosen.pinyin
    senses = tuple(s.gloss for s in chosen.senses) if chosen is not None else ()
    if not senses and word == token.text and token.parts:  # 宝顶山: 宝 jewel + 顶 apex + …
        from reader.core.glosses import parts_gloss

        senses = tuple(filter(None, [parts_gloss(token.parts, dictionary.entries)]))
    return NewWord(
        simplified=key_for(word, chosen),
        traditional=chosen.traditional if chosen is not None else "",
        pinyin=pinyin,
        senses=senses,
        entry_ids=tuple(e.id for e in entries),
        sentence=clause_around(tokens, index),
        full_sentence=sentence_around(tokens, index),
        source_article_id=article_id,
    )


def is_collectable(token: Token) -> bool:
    """Words a learner collects: Chinese tokens that are not names."""
    return token.is_chinese and token.kind is not TokenKind.NAME


def words_in_span(tokens: Sequence[Token], start: int, end: int) -> list[int]:
    """Indexes of the collectable tokens that overlap ``[start, end)``, each word once."""
    seen: set[str] = set()
    found = []
    for index, token in enumerate(tokens):
        if token.end <= start:
            continue
        if token.start >= end:
            break
        if is_collectable(token) and token.text not in seen:
            seen.add(token.text)
            found.append(index)
    return found


def first_occurrences(
    tokens: Sequence[Token], words: Iterable[str], keys: Mapping[str, str] | None = None
) -> dict[str, int]:
    """The index of the first token of each of ``words`` (words not in the text are left
    out); with ``keys`` (token text → key, ``word_keys``) ``words`` are keys."""
    wanted = set(words)
    keys = keys or {}
    found: dict[str, int] = {}
    for index, token in enumerate(tokens):
        word = keys.get(token.text, token.text)
        if word in wanted and word not in found:
            found[word] = index
    return found
