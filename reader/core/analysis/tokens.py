"""The unit of an analysed article: what the view draws and what a tap looks up."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
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
        return self.kind in _CHINESE


# --- storage ------------------------------------------------------------------------------
# An analysis is stored with its article (``store.analyses``) as zlib-compressed JSON: one
# list per token, [text, kind, readings joined by spaces, entry ids, parts], trailing empty
# fields left off; ``start`` is not stored since the tokens are contiguous.

_FORMAT = 1
_KIND_CODES: dict[TokenKind, str] = {
    TokenKind.WORD: "w",
    TokenKind.NAME: "n",
    TokenKind.UNKNOWN: "u",
    TokenKind.NUMBER: "d",
    TokenKind.LATIN: "l",
    TokenKind.PUNCT: "p",
    TokenKind.SPACE: "s",
}
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}
_CHINESE = (TokenKind.WORD, TokenKind.NAME, TokenKind.UNKNOWN)


class StoredTokensError(ValueError):
    """Stored tokens that cannot be read back (damaged, or from a newer format)."""


def serialise_tokens(tokens: Sequence[Token]) -> bytes:
    rows: list[list[object]] = []
    for token in tokens:
        row: list[object] = [
            token.text,
            _KIND_CODES[token.kind],
            " ".join(token.readings),
            list(token.entry_ids),
            list(token.parts),
        ]
        while len(row) > 2 and not row[-1]:
            row.pop()
        rows.append(row)
    payload = json.dumps({"v": _FORMAT, "t": rows}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(payload.encode("utf-8"), 6)


def deserialise_tokens(data: bytes) -> list[Token]:
    """The tokens ``serialise_tokens`` wrote; raises ``StoredTokensError`` if damaged."""
    try:
        stored = json.loads(zlib.decompress(data).decode("utf-8"))
        if stored["v"] != _FORMAT:
            raise StoredTokensError(f"stored tokens have format {stored['v']!r}")
        tokens: list[Token] = []
        start = 0
        for row in stored["t"]:
            text, kind = row[0], _CODE_KINDS[row[1]]
            readings: tuple[str, ...] = tuple(row[2].split(" ")) if len(row) > 2 else ()
            if not readings and kind in _CHINESE:
                readings = ("",) * len(text)  # a reading of all "" was left off
            tokens.append(
                Token(
                    start,
                    text,
                    kind,
                    readings,
                    tuple(row[3]) if len(row) > 3 else (),
                    tuple(row[4]) if len(row) > 4 else (),
                )
            )
            start += len(text)
        return tokens
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError) as e:
        if isinstance(e, StoredTokensError):
            raise
        raise StoredTokensError(f"stored tokens are damaged: {e}") from e
