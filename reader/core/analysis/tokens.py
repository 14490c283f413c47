"""The unit of an analysed article: what the view draws and what a tap looks up."""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections.abc import Sequence
from enum import StrEnum
from itertools import chain, compress
from operator import itemgetter
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
# An analysis is stored with its article (``store.analyses``) in columns, not one object per
# token: the token texts are not stored at all (the tokens are contiguous, so their lengths
# and the article's text give them back), nor are the parts (they are pieces of their token:
# their lengths suffice). The integer columns are packed arrays and the readings the indexes
# of the article's distinct syllables, all in one zlib stream behind a small header. Reading
# it back is then a decompression (zlib lets go of Python's lock while it inflates) and
# memory copies, never one long C call: a ``json.loads`` of a million characters' columns
# held the lock for a second, and the window, waiting for it on the UI thread, froze.
# A million characters store in 2.6 MB; reading them back holds the lock 10 ms at most
# (``benchmarks/stored_tokens_bench.py``).

_FORMAT = 3
# Format; counts of tokens, ids, parts, readings, syllable bytes; the integer columns' types.
_HEADER = struct.Struct("<B5I6s")
_INT_TYPES = "BHI"  # 8, 16 or 32 bits: each integer column in the narrowest that holds it
_SLICE = 16_384  # tokens or items handled by one C call (a fraction of a millisecond)
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
# A token's fields, for ``map`` (a C loop, where a ``for`` over tokens runs bytecode per token).
_TEXT, _KIND, _ENTRY_IDS, _PARTS = (
    itemgetter(Token._fields.index(field)) for field in ("text", "kind", "entry_ids", "parts")
)


# A Token made without the named tuple's ``__new__``, a Python function (a quarter of the
# time to read a stored analysis back).
_new_token = tuple.__new__


class StoredTokensError(ValueError):
    """Stored tokens that cannot be read back (damaged, from another format, other text)."""


def serialise_tokens(tokens: Sequence[Token]) -> bytes:
    """The tokens of one article, compactly; ``deserialise_tokens`` with its text reverses it."""
    lengths = array("I")
    kinds: list[str] = []
    syllables: dict[str, int] = {}
    readings = array("I")  # a character's reading: its index among the distinct syllables
    ids = array("I")
    id_counts = array("I")
    part_lengths = array("I")
    part_counts = array("I")
    for start in range(0, len(tokens), _SLICE):  # C calls over a slice, not the whole
        chunk = tokens[start : start + _SLICE]
        lengths.extend(map(len, map(_TEXT, chunk)))
        kinds.append("".join(map(_KIND_CODES.__getitem__, map(_KIND, chunk))))
        chinese = compress(chunk, map(_CHINESE.__contains__, map(_KIND, chunk)))
        chunk_readings = list(
            chain.from_iterable(t.readings or ("",) * len(t.text) for t in chinese)
        )
        for syllable in dict.fromkeys(chunk_readings):
            syllables.setdefault(syllable, len(syllables))
        readings.extend(map(syllables.__getitem__, chunk_readings))
        ids.extend(chain.from_iterable(map(_ENTRY_IDS, chunk)))
        id_counts.extend(map(len, map(_ENTRY_IDS, chunk)))
        part_lengths.extend(map(len, chain.from_iterable(map(_PARTS, chunk))))
        part_counts.extend(map(len, map(_PARTS, chunk)))
    syllable_text = " ".join(syllables).encode("utf-8")
    packed = [
        _packed(column) for column in (lengths, id_counts, part_counts, ids, part_lengths, readings)
    ]
    header = _HEADER.pack(
        _FORMAT,
        len(lengths),
        len(ids),
        len(part_lengths),
        len(readings),
        len(syllable_text),
        "".join(typecode for typecode, _bytes in packed).encode("ascii"),
    )
    compressor = zlib.compressobj(3)  # level 6 halves the speed for a few % fewer bytes
    body = [compressor.compress(column) for _typecode, column in packed]
    body.append(compressor.compress("".join(kinds).encode("ascii") + syllable_text))
    return header + b"".join(body) + compressor.flush()


def deserialise_tokens(data: bytes, text: str) -> list[Token]:
    """The tokens of ``text`` that ``serialise_tokens`` stored.

    Raises ``StoredTokensError`` if the data is damaged, of another format (analysed again
    then) or does not fit ``text``."""
    try:
        if not data or data[0] != _FORMAT:
            raise StoredTokensError(f"stored tokens have format {data[:1]!r}")
        _format, count, id_total, part_total, reading_total, syllable_size, typecodes = (
            _HEADER.unpack_from(data)
        )
        if not set(typecodes.decode("ascii")) <= set(_INT_TYPES):
            raise StoredTokensError(f"stored token columns have types {typecodes!r}")
        types = iter(typecodes.decode("ascii"))
        body = memoryview(zlib.decompress(memoryview(data)[_HEADER.size :]))
        columns = _Columns(body)
        lengths = columns.ints(next(types), count)
        id_counts = columns.ints(next(types), count)
        part_counts = columns.ints(next(types), count)
        ids = columns.ints(next(types), id_total)
        part_lengths = columns.ints(next(types), part_total)
        reading_indexes = columns.ints(next(types), reading_total)
        kinds = [_CODE_KINDS[code] for code in columns.text(count)]
        syllables = columns.text(syllable_size).split(" ")
        if not columns.at_end():
            raise StoredTokensError("stored token columns differ in length")
        if _total(lengths) != len(text):
            raise StoredTokensError("stored tokens are of another text")
        if _total(id_counts) != id_total or _total(part_counts) != part_total:
            raise StoredTokensError("stored token counts differ from their columns")
        readings: list[str] = []
        for start in range(0, reading_total, _SLICE):
            readings.extend(map(syllables.__getitem__, reading_indexes[start : start + _SLICE]))
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, IndexError, struct.error) as e:
        if isinstance(e, StoredTokensError):
            raise
        raise StoredTokensError(f"stored tokens are damaged: {e}") from e
    with paused():  # hundreds of thousands of new objects and no cycles among them
        return _build(text, lengths, kinds, readings, ids, id_counts, part_lengths, part_counts)


def _packed(column: array[int]) -> tuple[str, bytes]:
    """The column's type and bytes (little-endian) in the narrowest type that holds it."""
    slices = range(0, len(column), _SLICE)
    largest = max((max(column[start : start + _SLICE]) for start in slices), default=0)
    typecode = next(t for t in _INT_TYPES if largest < 1 << 8 * array(t).itemsize)
    narrow = array(typecode)
    for start in slices:
        narrow.fromlist(column[start : start + _SLICE].tolist())
    if sys.byteorder == "big":
        narrow.byteswap()
    return typecode, narrow.tobytes()


class _Columns:
    """Reads the packed columns of a decompressed body one after another."""

    def __init__(self, body: memoryview) -> None:
        self._body = body
        self._at = 0

    def _take(self, size: int) -> memoryview:
        if self._at + size > len(self._body):
            raise StoredTokensError("stored token columns are cut short")
        piece = self._body[self._at : self._at + size]
        self._at += size
        return piece

    def ints(self, typecode: str, count: int) -> array[int]:
        column = array(typecode)
        column.frombytes(self._take(count * column.itemsize))  # a memory copy
        if sys.byteorder == "big":
            column.byteswap()
        return column

    def text(self, size: int) -> str:
        return str(self._take(size), "utf-8")

    def at_end(self) -> bool:
        return self._at == len(self._body)


def _total(column: array[int]) -> int:
    """``sum(column)`` a slice at a time: one C call over the whole would hold the lock."""
    return sum(sum(column[start : start + _SLICE]) for start in range(0, len(column), _SLICE))


def _build(
    text: str,
    lengths: Sequence[int],
    kinds: list[TokenKind],
    readings: list[str],
    ids: Sequence[int],
    id_counts: Sequence[int],
    part_lengths: Sequence[int],
    part_counts: Sequence[int],
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
        tokens.append(
            _new_token(Token, (start, text[start:end], kind, token_readings, entry_ids, parts))
        )
        start = end
    return tokens
