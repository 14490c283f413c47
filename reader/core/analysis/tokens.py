"""The unit of an analysed article: what the view draws and what a tap looks up."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TokenKind(StrEnum):
    WORD = "word"  # a CC-CEDICT headword (or a word the user added)
    NAME = "name"  # a person or place name, explained character by character
    UNKNOWN = "unknown"  # Chinese with no entry, explained by its longest dictionary parts
    NUMBER = "number"
    LATIN = "latin"
    PUNCT = "punct"
    SPACE = "space"  # whitespace; a "\n" inside one ends a paragraph


@dataclass(frozen=True, slots=True)
class Token:
    """A token covers ``text[start:start + len(text)]`` of its article.

    The tokens of an article, concatenated, give back the article's text exactly.
    ``readings`` has one numbered-pinyin syllable per character (``"hang2"``, ``"le5"``),
    and ``""`` for a character that has no reading (digits, Latin, punctuation).
    ``entry_ids`` are CC-CEDICT entry ids for this token, the one that agrees with the
    readings first. ``parts`` are the dictionary words that explain an UNKNOWN or NAME token.
    """

    start: int
    text: str
    kind: TokenKind
    readings: tuple[str, ...] = ()
    entry_ids: tuple[int, ...] = ()
    parts: tuple[str, ...] = field(default=())

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_chinese(self) -> bool:
        return self.kind in (TokenKind.WORD, TokenKind.NAME, TokenKind.UNKNOWN)
