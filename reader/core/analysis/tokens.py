"""The unit of an analysed article: what the view draws and what a tap looks up."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from reader.core.collector import paused


class TokenKind(StrEnum):
    WORD = "word"  # a CC-CEDICT headword (or a word the user added)
    NAME = "name"  # a person or place name, explained character by character
    UNKNOWN = "unknown"  # Chinese with no entry, explained by its longest dictionary parts
    NUMBER = "number"
    LATIN = "latin"
    PUNCT = "punct"
    SPACE = "space"  # whitespace; a "\n" inside one ends a paragraph


class Token(NamedTuple):
    """A token covers ``text[start:start + len(text)]`` of its article.

    The tokens of an article, concatenated, give back the article's text exactly.
    ``readings`` has one numbered-pinyin syllable per character (``"hang2"``, ``"le5"``),
    and ``""`` for a character that has no reading (digits, Latin, punctuation).
    ``entry_ids`` are CC-CEDICT entry ids for this token, the one that agrees with the
    readings first. ``parts`` are the dictionary words that explain an UNKNOWN or NAME token.

    A named tuple: immutable like a frozen dataclass, and made three times faster (an
    analysis makes one per word).
    """

    start: int
    text: str
    kind: TokenKind
    readings: tuple[str, ...] = ()
    entry_ids: tuple[int, ...] = ()
    parts: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_chinese(self) -> bool:
        return self.kind in _CHINESE


# --- storage ------------------------------------------------------------------------------
# An analysis is stored with its article (``store.analyses``) as zlib-compressed JSON in
# columns, not one object per token: the token texts are not stored at all (the tokens are
# contiguous, so their lengths and the article's text give them back), nor are the parts
# (they are pieces of their token: their lengths suffice). A million characters store in
# ~3 MB and load in about a second, most of it building the Token objects.

_FORMAT = 2
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
    """Stored tokens that cannot be read back (damaged, from another format, other text)."""


def serialise_tokens(tokens: Sequence[Token]) -> bytes:
    """The tokens of one article, compactly; ``deserialise_tokens`` with its text reverses it."""
    readings: list[str] = []
    ids: list[int] = []
    id_counts: list[int] = []
    part_lengths: list[int] = []
    part_counts: list[int] = []
    for token in tokens:
        if token.kind in _CHINESE:
            readings.extend(token.readings or ("",) * len(token.text))
        ids.extend(token.entry_ids)
        id_counts.append(len(token.entry_ids))
        part_lengths.extend(len(part) for part in token.parts)
        part_counts.append(len(token.parts))
    columns = {
        "v": _FORMAT,
        "lengths": [len(token.text) for token in tokens],
        "kinds": "".join(_KIND_CODES[token.kind] for token in tokens),
        "readings": " ".join(readings),
        "ids": ids,
        "id_counts": id_counts,
        "part_lengths": part_lengths,
        "part_counts": part_counts,
    }
    payload = json.dumps(columns, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(payload.encode("utf-8"), 6)


def deserialise_tokens(data: bytes, text: str) -> list[Token]:
    """The tokens of ``text`` that ``serialise_tokens`` stored.

    Raises ``StoredTokensError`` if the data is damaged or does not fit ``text``."""
    try:
        columns = json.loads(zlib.decompress(data).decode("utf-8"))
        if columns.get("v") != _FORMAT:
            raise StoredTokensError(f"stored tokens have format {columns.get('v')!r}")
        lengths: list[int] = columns["lengths"]
        kinds = [_CODE_KINDS[code] for code in columns["kinds"]]
        readings: list[str] = columns["readings"].split(" ")
        ids: list[int] = columns["ids"]
        id_counts: list[int] = columns["id_counts"]
        part_lengths: list[int] = columns["part_lengths"]
        part_counts: list[int] = columns["part_counts"]
        if not len(lengths) == len(kinds) == len(id_counts) == len(part_counts):
            raise StoredTokensError("stored token columns differ in length")
        if sum(lengths) != len(text):
            raise StoredTokensError("stored tokens are of another text")
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        if isinstance(e, StoredTokensError):
            raise
        raise StoredTokensError(f"stored tokens are damaged: {e}") from e
    with paused():  # hundreds of thousands of new objects and no cycles among them
        return _build(text, lengths, kinds, readings, ids, id_counts, part_lengths, part_counts)


def _build(
    text: str,
    lengths: list[int],
    kinds: list[TokenKind],
    readings: list[str],
    ids: list[int],
    id_counts: list[int],
    part_lengths: list[int],
    part_counts: list[int],
) -> list[Token]:
    tokens: list[Token] = []
    start = reading = next_id = next_part = 0
    for length, kind, id_count, part_count in zip(
        lengths, kinds, id_counts, part_counts, strict=True
    ):
        end = start + length
        token_readings: tuple[str, ...] = ()
        if kind in _CHINESE:
            token_readings = tuple(readings[reading : reading + length])
            reading += length
        entry_ids: tuple[int, ...] = ()
        if id_count:
            entry_ids = tuple(ids[next_id : next_id + id_count])
            next_id += id_count
        parts: tuple[str, ...] = ()
        if part_count:
            cut = start
            pieces = []
            for size in part_lengths[next_part : next_part + part_count]:
                pieces.append(text[cut : cut + size])
                cut += size
            parts = tuple(pieces)
            next_part += part_count
        tokens.append(Token(start, text[start:end], kind, token_readings, entry_ids, parts))
        start = end
    return tokens
