"""The order a learner wants a word's dictionary entries in (Pleco's, roughly): the word
as an ordinary word, the reading it has in the sentence first, then surnames and names,
old and variant forms last (CC-CEDICT lists 咊 "old variant of 和" before 和 "and", and the
analysis keeps the file's order). Used by the lookup and by the words collected."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.cedict.model import Entry
from reader.core.pinyin import tone_of

_VARIANT = re.compile(
    r"^(?:\([^)]*\) )?(?:old |archaic |ancient )?variant of|^\(archaic\)|^archaic "
)


def is_variant(entry: Entry) -> bool:
    """An entry for an old or variant form (咊 for 和, 㕥 for 以): its first sense says so."""
    return bool(entry.senses) and bool(_VARIANT.match(entry.senses[0].gloss.lower()))


def is_proper_name(entry: Entry) -> bool:
    """A surname, a person's or a place's name: capitalised pinyin, or surnames only (石 with
    "rock; stone" and "surname Shi" in one entry stays an ordinary word)."""
    first = next((s for s in entry.pinyin.split() if tone_of(s) != 0), "")
    return first[:1].isupper() or all(sense.is_surname for sense in entry.senses)


def learner_order(
    entries: Iterable[Entry], reading: str, *, names_first: bool = False
) -> tuple[Entry, ...]:
    """Entries as a learner wants them: the ordinary words, the reading the word has here
    first, then surnames and names (first instead when the word is a name here), variant
    and archaic forms last; otherwise the order given (the analysis's, or the file's)."""
    reading = reading.lower()
    return tuple(
        sorted(
            entries,
            key=lambda e: (
                is_variant(e),
                is_proper_name(e) != names_first,
                bool(reading) and e.pinyin.lower() != reading,
            ),
        )
    )
