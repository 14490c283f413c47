"""Turning what the learner met in an article into words for a list.

``sentence_around`` finds the sentence a token sits in (the sentence stored with a word,
LWT's most used feature); ``word_from_token`` builds the ``NewWord`` for a tapped token:
both scripts, the reading in context, the senses of the entry that matched the context,
the sentence and the source article. ``words_in_span`` and ``first_occurrences`` give the
tokens behind a selection and behind the article's unknown words, for adding in bulk.
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


class EntrySource(Protocol):
    def entry(self, entry_id: int) -> Entry: ...

    def entries(self, word: str) -> Sequence[Entry]: ...


def sentence_around(tokens: Sequence[Token], index: int) -> str:
    """The sentence containing ``tokens[index]``: from after the previous sentence end (or
    line break) to its own end mark, closing quotes included; trimmed of spaces."""
    first = max(0, index - MAX_SENTENCE_TOKENS)
    last = min(len(tokens), index + MAX_SENTENCE_TOKENS + 1)
    text = "".join(t.text for t in tokens[first:last])
    position = tokens[index].start - tokens[first].start
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
    return text[start:end].strip()


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
    return NewWord(
        simplified=key_for(word, chosen),
        traditional=chosen.traditional if chosen is not None else "",
        pinyin=pinyin,
        senses=tuple(s.gloss for s in chosen.senses) if chosen is not None else (),
        entry_ids=tuple(e.id for e in entries),
        sentence=sentence_around(tokens, index),
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
