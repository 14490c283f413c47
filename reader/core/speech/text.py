"""What is said: a word with its reading, a sentence, an article sentence by sentence.

The pinyin given to engines that take it comes from the app's own readings (the ones the
learner sees over the text), so a polyphone is said as it is shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import CLOSERS, SENTENCE_ENDS
from reader.core.pinyin import marks_to_numbered, numbered_syllables
from reader.core.speech.engine import Utterance

_RUN_TOGETHER = re.compile(r"(?<=[1-5])(?=[A-Za-zü])")  # "hang2zhang3" → "hang2 zhang3"


def _is_hanzi(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


def spoken_syllables(reading: str) -> list[str]:
    """A reading in marks, numbers or run together → syllables as engines read them
    (``"háng zhǎng"``, ``"hang2zhang3"`` → ``["hang2", "zhang3"]``; ü as v; ``nǚ'ér``)."""
    separated = _RUN_TOGETHER.sub(" ", reading).replace("'", " ").replace("’", " ")
    numbered = marks_to_numbered(separated)
    return [f"{plain}{tone}" for plain, tone in numbered_syllables(numbered)]


def word_utterance(word: str, reading: str = "") -> Utterance:
    """``word`` said as ``reading``; `ValueError` if the reading does not fit the word."""
    if not reading:
        return Utterance(word)
    syllables = spoken_syllables(reading)
    hanzi = sum(1 for char in word if _is_hanzi(char))
    if not syllables or len(syllables) != hanzi:
        raise ValueError(
            f"the reading {reading!r} has {len(syllables)} syllables "
            f"but {word} has {hanzi} characters"
        )
    return Utterance(word, "".join(syllables))


def text_utterance(text: str, pinyin: str) -> Utterance:
    """``text`` with its readings in order, one numbered syllable per character (an
    exported sentence's pinyin); the characters alone when they do not pair up."""
    syllables = iter(spoken_syllables(pinyin))
    pieces: list[str] = []
    for char in text:
        if not _is_hanzi(char):
            pieces.append(char)
            continue
        syllable = next(syllables, None)
        if syllable is None:
            return Utterance(text)
        pieces.append(f" {syllable} ")
    if next(syllables, None) is not None:
        return Utterance(text)
    return Utterance(text, " ".join("".join(pieces).split()))


def sentence_utterance(sentence: str, word: str, reading: str) -> Utterance:
    """A stored example sentence (no analysis kept with it) with the word in it said as
    its reading; the engine reads the rest from the characters."""
    try:
        said = word_utterance(word, reading)
    except ValueError:
        return Utterance(sentence)
    if not said.pinyin or word not in sentence:
        return Utterance(sentence)
    return Utterance(sentence, sentence.replace(word, f" {said.pinyin} ").strip())


def tokens_utterance(tokens: Sequence[Token]) -> Utterance:
    """The tokens' text, and the same with every Chinese word in its shown reading."""
    pieces: list[str] = []
    for token in tokens:
        syllables = spoken_syllables(" ".join(r for r in token.readings if r))
        if token.is_chinese and len(syllables) == sum(1 for r in token.readings if r):
            pieces.append(" " + "".join(syllables) + " ")
        elif token.kind is TokenKind.SPACE:
            pieces.append(" ")
        else:
            pieces.append(token.text)
    pinyin = " ".join("".join(pieces).split())
    return Utterance("".join(t.text for t in tokens).strip(), pinyin)


@dataclass(frozen=True)
class Sentence:
    """Tokens ``first``…``last - 1`` of an article, characters ``start``…``end - 1``."""

    first: int
    last: int
    start: int
    end: int


def sentences(tokens: Sequence[Token]) -> list[Sentence]:
    """The article's sentences in order: each ends at an end mark (with the closing quotes
    after it) or a line break, so a title or a caption line is a sentence of its own; those
    with nothing to say (spaces, lone marks) are left out."""
    return list(_scan(tokens, 0))


def sentences_from(tokens: Sequence[Token], token_index: int) -> Iterator[Sentence]:
    """The sentences from the one holding ``tokens[token_index]`` (or the next one) to the
    end, found as they are asked for: the scan starts at that paragraph, so starting to
    read in a long article costs one paragraph, not the whole text."""
    start = min(max(0, token_index), len(tokens))
    while start > 0 and not _breaks_line(tokens[start - 1]):
        start -= 1
    return (s for s in _scan(tokens, start) if s.last > token_index)


def token_at_char(tokens: Sequence[Token], char_index: int) -> int:
    """The index of the token covering ``char_index`` (tokens are contiguous)."""
    return max(0, bisect_right(tokens, char_index, key=lambda token: token.start) - 1)


def _breaks_line(token: Token) -> bool:
    return token.kind is TokenKind.SPACE and "\n" in token.text


def _scan(tokens: Sequence[Token], first: int) -> Iterator[Sentence]:
    ended = False  # an end mark was met; the sentence closes after its closing quotes
    for index in range(first, len(tokens)):
        token = tokens[index]
        if _breaks_line(token):
            yield from _sentence(tokens, first, index)
            first, ended = index + 1, False
            continue
        if token.kind is TokenKind.PUNCT and any(c in SENTENCE_ENDS for c in token.text):
            ended = True
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if ended and not (following is not None and _only_closers(following)):
            yield from _sentence(tokens, first, index + 1)
            first, ended = index + 1, False
    yield from _sentence(tokens, first, len(tokens))


def _only_closers(token: Token) -> bool:
    return token.kind is TokenKind.PUNCT and all(
        c in CLOSERS or c in SENTENCE_ENDS for c in token.text
    )


def _sentence(tokens: Sequence[Token], first: int, last: int) -> Iterator[Sentence]:
    """Tokens first…last - 1 as a sentence, trimmed of spaces, if there is anything to say."""
    while first < last and tokens[first].kind is TokenKind.SPACE:
        first += 1
    while last > first and tokens[last - 1].kind is TokenKind.SPACE:
        last -= 1
    if any(t.kind is not TokenKind.PUNCT for t in tokens[first:last]):
        yield Sentence(first, last, tokens[first].start, tokens[last - 1].end)
