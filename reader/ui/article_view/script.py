"""Simplified → traditional display, from the dictionary the app already has.

Why not OpenCC: a char-level table maps 发 to one of 發/髮 blindly, and OpenCC's phrase
tables are a second, differently segmented dictionary (plus a package) for a job the
analysis has already done. Each analysed token carries the CC-CEDICT entry that agrees
with its reading, and CC-CEDICT gives that entry's traditional form character for
character: 头发 → 頭髮, 发展 → 發展, 干净 → 乾淨, 干部 → 幹部. Characters outside any entry fall
back to the first single-character entry for them. The result has exactly the length of
the source, so every offset (tokens, hit-testing, selection, positions) stays valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reader.core.analysis.tokens import Token


class _Entry(Protocol):
    @property
    def simplified(self) -> str: ...

    @property
    def traditional(self) -> str: ...


class _Dictionary(Protocol):
    def entry(self, entry_id: int) -> _Entry: ...

    def entries(self, word: str) -> Sequence[_Entry]: ...


class TraditionalConverter:
    def __init__(self, dictionary: _Dictionary) -> None:
        self._dictionary = dictionary
        self._chars: dict[str, str] = {}

    def convert(self, text: str, tokens: Sequence[Token]) -> str:
        pieces: list[str] = []
        for token in tokens:
            pieces.append(self._token(token))
        converted = "".join(pieces)
        return converted if len(converted) == len(text) else text

    def _token(self, token: Token) -> str:
        if not token.is_chinese:
            return token.text
        for entry_id in token.entry_ids[:1]:
            entry = self._dictionary.entry(entry_id)
            if entry.simplified == token.text and len(entry.traditional) == len(token.text):
                return entry.traditional
        return "".join(self._char(char) for char in token.text)

    def _char(self, char: str) -> str:
        known = self._chars.get(char)
        if known is None:
            known = char
            for entry in self._dictionary.entries(char):
                if entry.simplified == char and len(entry.traditional) == 1:
                    known = entry.traditional
                    break
            self._chars[char] = known
        return known
