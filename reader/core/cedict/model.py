"""The dictionary's data: entries, senses, classifiers and cross-references as values."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from reader.core.pinyin import tone_of


class ReferenceKind(Enum):
    """What a gloss says about the word it points to (``variant of X[...]``, ``see X[...]``)."""

    VARIANT = "variant of"
    OLD_VARIANT = "old variant of"
    ERHUA_VARIANT = "erhua variant of"
    SEE = "see"
    SEE_ALSO = "see also"
    ABBREVIATION_FOR = "abbr. for"
    ABBREVIATED_TO = "abbr. to"
    SAME_AS = "same as"
    ALSO_WRITTEN = "also written"
    USED_IN = "used in"
    MENTION = "mention"  # any other headword[pinyin] in a gloss, e.g. "(alternative for 拜拜[...])"


@dataclass(frozen=True, slots=True)
class Classifier:
    """One measure word from ``CL:個|个[ge4]``."""

    traditional: str
    simplified: str
    pinyin: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A link from a gloss to another headword; ``pinyin`` is "" when the gloss gives none."""

    kind: ReferenceKind
    traditional: str
    simplified: str
    pinyin: str


@dataclass(frozen=True, slots=True)
class Sense:
    """One ``/…/`` field of an entry (``CL:`` fields are folded into the sense before them)."""

    gloss: str
    classifiers: tuple[Classifier, ...] = ()
    references: tuple[Reference, ...] = ()

    @property
    def is_surname(self) -> bool:
        return self.gloss.startswith("surname ")


class Listing(NamedTuple):
    """An entry as the analysis needs it for each word it meets: its id and pinyin."""

    id: int
    pinyin: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT line. ``id`` is its line number, stable for a given source file.

    ``body`` is the line's ``gloss/gloss/CL:…`` field; its ``senses`` are parsed when first
    asked for: the analysis looks up every word of an article and reads only ids and
    pinyin of most (parsing them all was two thirds of the lookups' cost)."""

    id: int
    traditional: str
    simplified: str
    pinyin: str
    body: str
    _senses: tuple[Sense, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def senses(self) -> tuple[Sense, ...]:
        senses = self._senses
        if senses is None:  # two threads may both parse it: the same value
            from reader.core.cedict.parser import parse_senses  # parser imports this module

            senses = parse_senses(self.body)
            object.__setattr__(self, "_senses", senses)
        return senses

    @property
    def classifiers(self) -> tuple[Classifier, ...]:
        return tuple(c for sense in self.senses for c in sense.classifiers)

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(r for sense in self.senses for r in sense.references)

    @property
    def is_surname(self) -> bool:
        return any(sense.is_surname for sense in self.senses)

    @property
    def is_name(self) -> bool:
        """Proper nouns: CC-CEDICT capitalises the pinyin of names and places (``Wang2``);
        Latin letters (``A A zhi4`` of AA制) do not count."""
        first = next((token for token in self.pinyin.split() if tone_of(token) != 0), "")
        return first[:1].isupper() or self.is_surname

    def headword(self, traditional: bool = False) -> str:
        return self.traditional if traditional else self.simplified


@dataclass(frozen=True, slots=True)
class HskLevel:
    """Levels in the old HSK (2.0, 1–6) and the new HSK (3.0, 1–7 where 7 means 7–9)."""

    old: int | None
    new: int | None
