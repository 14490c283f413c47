"""The user's segmentation corrections, applied wherever their text occurs (like Lute's
parser exceptions).

A rule is a text and the parts it must become: a split (东盟国家 → 东盟 + 国家) or a merge of
neighbouring tokens (金 + 联体 → 金联体, parts == (text,)). Rules are stored by
``reader.core.store`` (``store.corrections``); this module only turns them into a cut of
Chinese text. A rule's text is forced wherever it occurs in a run of Chinese characters,
the longest rule first, and jieba cuts what lies between, so a rule made in one article
applies in every later one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Protocol

from reader.core.analysis.segment import HAN_RUN
from reader.core.analysis.tokens import Token


class RuleKind(StrEnum):
    """The same values as ``reader.core.store.CorrectionKind``."""

    SPLIT = "split"
    MERGE = "merge"


class Rule(Protocol):
    """What the engine needs of a stored correction (``store.corrections.all()`` items)."""

    @property
    def text(self) -> str: ...

    @property
    def parts(self) -> tuple[str, ...]: ...


class CorrectionError(ValueError):
    """A correction that cannot be made; the message is for the user."""


def split_rule(token: Token, parts: Sequence[str]) -> tuple[RuleKind, str, tuple[str, ...]]:
    """The rule that splits ``token`` into ``parts`` (checked: Chinese, and they add up)."""
    cleaned = tuple(part for part in parts if part)
    if not token.is_chinese or not HAN_RUN.fullmatch(token.text):
        raise CorrectionError(f"only Chinese words can be split, not {token.text!r}")
    if "".join(cleaned) != token.text or len(cleaned) < 2:
        raise CorrectionError(f"{' + '.join(cleaned)} is not a split of {token.text}")
    return RuleKind.SPLIT, token.text, cleaned


def merge_rule(tokens: Sequence[Token]) -> tuple[RuleKind, str, tuple[str, ...]]:
    """The rule that merges neighbouring Chinese ``tokens`` into one word."""
    if len(tokens) < 2:
        raise CorrectionError("choose at least two neighbouring words to merge")
    for left, right in itertools.pairwise(tokens):
        if left.end != right.start:
            raise CorrectionError("only neighbouring words can be merged")
    text = "".join(token.text for token in tokens)
    if not all(token.is_chinese for token in tokens) or not HAN_RUN.fullmatch(text):
        raise CorrectionError(f"only Chinese words can be merged, not {text!r}")
    return RuleKind.MERGE, text, (text,)


class Corrector:
    """Compiled rules: cuts a run of Chinese text, forcing the rules, cutting the rest."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._parts = {
            rule.text: tuple(rule.parts)
            for rule in rules
            if rule.text and "".join(rule.parts) == rule.text
        }
        texts = sorted(self._parts, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, texts))) if texts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def cut(self, han: str, cut_rest: Callable[[str], list[str]]) -> list[str]:
        """The words of ``han``: rule parts where a rule's text occurs, ``cut_rest`` elsewhere."""
        words: list[str] = []
        for text, parts in self._stretches(han):
            words.extend(cut_rest(text) if parts is None else parts)
        return words

    def rest(self, han: str) -> list[str]:
        """The stretches of ``han`` that ``cut`` hands to ``cut_rest``."""
        return [text for text, parts in self._stretches(han) if parts is None]

    def _stretches(self, han: str) -> Iterator[tuple[str, tuple[str, ...] | None]]:
        """``han`` in stretches, each a rule's text with its parts or other text (None)."""
        if self._pattern is None:
            yield han, None
            return
        position = 0
        for match in self._pattern.finditer(han):
            if match.start() > position:
                yield han[position : match.start()], None
            yield match.group(), self._parts[match.group()]
            position = match.end()
        if position < len(han):
            yield han[position:], None
