"""Class lists: the vocabulary a class has been taught, and what an article adds to it.

A teacher marks word lists (a textbook's chapters, HSK levels, their own lists) as the
class's lists (``Vocab.mark_class_list``). For an article, `off_list_report` counts the
running words that are in none of them, most frequent first, and the share of the text
the lists cover: what to pre-teach before tomorrow's lesson, or whether the text is too
hard; `words_to_teach` makes them a new list in one step. `is_off_list` is the predicate
the display uses to show pinyin and glosses only for those words. Words are compared by
their key (`reader.core.words`: simplified in either script), so a traditional article
is checked against simplified lists.

What counts: the Chinese words of the text (dictionary words and unknown Chinese), not
names, numbers, Latin or punctuation, as in the statistics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.collect import EntrySource, word_from_token
from reader.core.store.vocab import NewWord

COUNTED_KINDS = frozenset({TokenKind.WORD, TokenKind.UNKNOWN})
HSK_LIST = re.compile(r"hsk ?([1-7])", re.IGNORECASE)  # "hsk3": HSK 3.0 levels 1-3


class OffListWord(NamedTuple):
    """A named tuple: thousands are made per report, several times faster than objects."""

    word: str  # the key (simplified)
    occurrences: int  # in the text
    first_index: int  # the token of its first occurrence (for its sentence)


@dataclass(frozen=True, slots=True)
class ListReport:
    """The off-list words of a text, most frequent first (then in order of appearance)."""

    words: tuple[OffListWord, ...]
    running_words: int  # the text's counted words, each occurrence
    covered_words: int  # of those, the occurrences in the lists
    distinct_words: int
    distinct_covered: int

    @property
    def coverage(self) -> float:
        """The share of the text's running words the lists cover (1.0 for no words)."""
        return self.covered_words / self.running_words if self.running_words else 1.0

    @property
    def distinct_coverage(self) -> float:
        return self.distinct_covered / self.distinct_words if self.distinct_words else 1.0


def hsk_list(name: str) -> set[str] | None:
    """The words of HSK 3.0 levels 1 to N for a name like "hsk3" ("hsk7": all, 7 = 7-9),
    the lists a teacher of an HSK class has without importing them; None for other names."""
    match = HSK_LIST.fullmatch(name.strip())
    if match is None:
        return None
    return {word for _level, word in _hsk_up_to(int(match.group(1)))}


def _hsk_up_to(top: int) -> list[tuple[int, str]]:
    """(level, word) of HSK 3.0 levels 1 to ``top``, by level."""
    from reader.core.cedict.wordinfo import load_hsk_headwords

    levels = load_hsk_headwords().items()
    return sorted((new, w) for w, (_old, new) in levels if new is not None and new <= top)


def hsk_words(top: int, dictionary: EntrySource) -> list[NewWord]:
    """The words of HSK 3.0 levels 1 to ``top`` (7: 7-9) as words of a list, in the order
    of their levels, each with its learner's first entry (reading, senses): the class list
    of a teacher of an HSK class, made in the app."""
    from reader.core.cedict.learner_order import learner_order

    words = []
    for _level, word in _hsk_up_to(top):
        entries = learner_order(dictionary.entries(word), "")
        first = entries[0] if entries else None
        words.append(
            NewWord(
                word,
                first.traditional if first else "",
                first.pinyin if first else "",
                tuple(s.gloss for s in first.senses) if first else (),
                (first.id,) if first else (),
            )
        )
    return words


def is_off_list(key: str, taught: Set[str]) -> bool:
    """Whether a word (by key) is outside the class's lists: the display shows its pinyin."""
    return key not in taught


def off_list_report(
    tokens: Sequence[Token], taught: Set[str], keys: Mapping[str, str] | None = None
) -> ListReport:
    """The report for a text (for several, their tokens one after the other). ``keys``
    maps a token's text to its word key (`word_keys`); a text not in it is its own key."""
    keys = keys or {}
    word, unknown = TokenKind.WORD, TokenKind.UNKNOWN  # `is`: an enum's hash is Python code
    texts = [t.text if t.kind is word or t.kind is unknown else "" for t in tokens]
    by_text = Counter(texts)
    by_text.pop("", None)
    # in reverse, a text's first occurrence is written last (all of it in C)
    first_of_text = dict(zip(reversed(texts), range(len(texts) - 1, -1, -1), strict=True))
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for text, n in by_text.items():
        key = keys.get(text, text)
        counts[key] += n
        index = first_of_text[text]
        if index < first.get(key, len(texts)):
            first[key] = index
    covered = {key: n for key, n in counts.items() if key in taught}
    off = sorted(
        (OffListWord(key, n, first[key]) for key, n in counts.items() if key not in covered),
        key=lambda w: (-w.occurrences, w.first_index),
    )
    return ListReport(
        words=tuple(off),
        running_words=sum(counts.values()),
        covered_words=sum(covered.values()),
        distinct_words=len(counts),
        distinct_covered=len(covered),
    )


def words_to_teach(
    tokens: Sequence[Token],
    words: Sequence[OffListWord],
    dictionary: EntrySource,
    article_id: int | None = None,
) -> list[NewWord]:
    """Off-list words of a report on ``tokens`` as words for a new list, each as met at
    its first occurrence: reading in context, senses, example."""
    return [word_from_token(tokens, w.first_index, dictionary, article_id) for w in words]
