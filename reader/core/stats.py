"""What the learner knows of an article: coverage, unique words, HSK spread, unknown words.

Coverage is counted over the running text, as Chinese Text Analyser reports it: every
occurrence of a word counts, so 的 seen 40 times weighs 40 times. What counts:

- Chinese tokens (dictionary words and unknown Chinese) count; numbers, Latin and
  punctuation do not.
- Names (``TokenKind.NAME``) are not vocabulary: they count in the word totals but not in
  coverage, and never appear among the unknown words.
- Ignored words (``WordStatus.IGNORED``) are left out of coverage the same way.
- Known means ``WordStatus.KNOWN``; learning words (1–4) are not yet known.

Words are counted by their key (``reader.core.words.word_keys``: token text → key), so
銀行 and 银行 are one word; a text missing from ``keys`` is its own key.

``coverage_counts`` is the per-article word count the store keeps (``Analyses.save``), so
the library's % known and this module's agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.store.vocab import WordStatus

HskLookup = Callable[[str], int | None]


@dataclass(frozen=True, slots=True)
class ArticleStats:
    total_words: int  # Chinese tokens, names included
    unique_words: int  # distinct Chinese tokens, names included
    counted_words: int  # occurrences that count for coverage (no names, nothing ignored)
    known_words: int  # of those, occurrences of known words
    learning_words: int  # of those, occurrences of words being learned (1–4)
    hsk_spread: dict[int | None, int]  # distinct counted words per HSK level; None = none
    unknown_by_frequency: list[tuple[str, int]]  # NEW words, most frequent first

    @property
    def percent_known(self) -> float:
        return 100.0 * self.known_words / self.counted_words if self.counted_words else 0.0

    @property
    def percent_learning(self) -> float:
        return 100.0 * self.learning_words / self.counted_words if self.counted_words else 0.0


def coverage_counts(tokens: Iterable[Token], keys: Mapping[str, str] | None = None) -> Counter[str]:
    """Occurrences of each word (by key) that can count for coverage (Chinese, not names)."""
    keys = keys or {}
    return Counter(
        keys.get(t.text, t.text) for t in tokens if t.is_chinese and t.kind is not TokenKind.NAME
    )


def article_stats(
    tokens: Iterable[Token],
    statuses: Mapping[str, WordStatus],
    hsk_level: HskLookup | None = None,
    keys: Mapping[str, str] | None = None,
) -> ArticleStats:
    """The statistics of an article from its tokens and the statuses of its words.

    ``statuses`` is what ``Vocab.statuses_for`` returns for the keys; a word missing from
    it is NEW. ``keys``: token text → key (``word_keys``); None counts texts as written.
    Unknown words tie-break by where they first occur in the article.
    """
    chinese = [t for t in tokens if t.is_chinese]
    keys = keys or {}
    counts = coverage_counts(chinese, keys)  # Counter keeps first-occurrence order
    counted = known = learning = 0
    unknown: list[tuple[str, int]] = []
    spread: Counter[int | None] = Counter()
    for word, count in counts.items():
        status = statuses.get(word, WordStatus.NEW)
        if status is WordStatus.IGNORED:
            continue
        counted += count
        if status is WordStatus.KNOWN:
            known += count
        elif status.is_learning:
            learning += count
        else:
            unknown.append((word, count))
        if hsk_level is not None:
            spread[hsk_level(word)] += 1
    unknown.sort(key=lambda pair: -pair[1])  # stable: ties stay in order of appearance
    return ArticleStats(
        total_words=len(chinese),
        unique_words=len({keys.get(t.text, t.text) for t in chinese}),
        counted_words=counted,
        known_words=known,
        learning_words=learning,
        hsk_spread=dict(spread),
        unknown_by_frequency=unknown,
    )
