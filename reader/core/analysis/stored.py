"""An article's stored analysis, and the key that says whether it is still current.

Kept apart from the pipeline (segmenter, readings model) so that opening an analysed article
needs neither: the launch paints its stored pinyin before the analyser has been imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.analysis.tokens import StoredTokensError, Token, deserialise_tokens

if TYPE_CHECKING:
    from reader.core.store import Store

# Bump when the analysis would give different tokens (or stored word counts, keyed by
# ``reader.core.words``) for the same inputs.
ANALYSIS_VERSION = 6


def analysis_key(text: str, corrections_version: int, dictionary_key: str) -> str:
    """What a stored analysis was computed from; any change means computing it again."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return f"{digest}:{corrections_version}:{dictionary_key}:{__version__}:{ANALYSIS_VERSION}"


def stored_analysis(store: Store, article_id: int, dictionary_key: str) -> list[Token] | None:
    """The article's stored tokens if text, corrections and dictionary are unchanged, else
    None. Needs no analyser: an analysed article opens before the segmenter has loaded."""
    text = store.articles.text(article_id)
    key = analysis_key(text, store.corrections.version(), dictionary_key)
    data = store.analyses.load(article_id, key)
    if data is None:
        return None
    try:
        return deserialise_tokens(data, text)
    except StoredTokensError:
        return None  # damaged: the caller analyses again and overwrites it


@dataclass(frozen=True)
class NewAnalysis:
    """An analysis made and not stored yet: what it was made from (``key``), its tokens
    serialised and the article's word counts. Made where the analysis ran (a thread that
    only reads), stored by the one that writes."""

    article_id: int
    key: str
    tokens: bytes
    word_counts: Mapping[str, int]

    def save(self, store: Store) -> None:
        store.analyses.save(self.article_id, self.key, self.tokens, self.word_counts)
