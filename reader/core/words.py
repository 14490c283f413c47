"""A word's identity for the whole app, the same in both scripts.

Statuses, list words and the statistics key a Chinese word by its simplified form, so
銀行 marked known in a traditional article is 银行 known in a simplified one (and counts
once). The simplified form is the one of the word's first CC-CEDICT entry when the word is
that entry's headword in either script; any other word keys as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from reader.core.analysis.tokens import Token

if TYPE_CHECKING:  # the dictionary package loads on the app's worker, not at its launch
    from reader.core.cedict.model import Entry


class EntryById(Protocol):
    def entry(self, entry_id: int) -> Entry: ...


def key_for(word: str, entry: Entry | None) -> str:
    """``word``'s key given the entry it matched (None: no entry)."""
    if entry is not None and word in (entry.traditional, entry.simplified):
        return entry.simplified
    return word


def word_key(token: Token, dictionary: EntryById) -> str:
    """The key of ``token``'s word: see the module docstring."""
    if not token.entry_ids:
        return token.text
    return key_for(token.text, dictionary.entry(token.entry_ids[0]))


def word_keys(tokens: Iterable[Token], dictionary: EntryById) -> dict[str, str]:
    """Token text → key for the Chinese tokens of an article, one dictionary look-up per
    distinct text (its first occurrence decides)."""
    keys: dict[str, str] = {}
    for token in tokens:
        if token.is_chinese and token.text not in keys:
            keys[token.text] = word_key(token, dictionary)
    return keys
