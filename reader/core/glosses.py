"""Short glosses printed under words (LWT's "show translations", a graded reader's
footnote in the line): the first sense of the entry a learner would look at, its first
alternative, cut to a few words.

For a class: with "Pinyin over words outside the class lists" a teacher gets pinyin and
a gloss only under the words the class has not been taught; the same choice of words as
the pinyin's (`reader.ui.article_view.model.shown_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.cedict.learner_order import learner_order
from reader.core.cedict.model import Entry

MAX_GLOSS = 18  # characters: a gloss wider than its word widens the word, so keep it short
_REMARK = re.compile(r"\s*\([^)]*\)\s*")  # "(bound form)", "(literary)", "(coll.)"
_TO = re.compile(r"^to (?=\w)")  # "to accelerate": the verb's "to" takes room under a word
_SKIPPED = ("surname ", "variant of ", "old variant of ", "see ", "abbr. for ", "used in ")


def short_gloss(gloss: str, limit: int = MAX_GLOSS) -> str:
    """A sense as printed under its word: its first alternative that fits ``limit``
    (alternatives are cut at ";" and ", "; "to bring forth new ideas; to blaze new trails;
    innovation" → "innovation"), without bracketed remarks and a verb's "to"; when none
    fits, the first cut after a whole word, with "…"."""
    plain = _REMARK.sub(" ", gloss)
    alternatives = [_TO.sub("", a.strip(" ,")) for a in re.split(r";|, ", plain)]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return ""
    fitting = next((a for a in alternatives if len(a) <= limit), None)
    if fitting is not None:
        return fitting
    first = alternatives[0]
    cut = first[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.")
    return (cut if 0 < len(cut) < len(first) else first[:limit]) + "…"


def entry_gloss(entries: Sequence[Entry]) -> str:
    """The short gloss of the first sense that says what the word means (not "surname …",
    "variant of …", "see …") of the first entry that has one."""
    for entry in entries:
        for sense in entry.senses:
            gloss = _REMARK.sub(" ", sense.gloss).strip()
            if gloss and not gloss.lower().startswith(_SKIPPED):
                return short_gloss(sense.gloss)
    return ""


def parts_gloss(parts: Sequence[str], entries: Callable[[str], Sequence[Entry]]) -> str:
    """A word the dictionary lacks, by the words it is made of: ``宝 jewel + 顶 apex +
    山 mountain`` (宝顶山); "" when no part has a gloss."""
    shown = [(part, entry_gloss(learner_order(entries(part), ""))) for part in parts]
    if not any(gloss for _part, gloss in shown):
        return ""
    return " + ".join(f"{part} {gloss}".strip() for part, gloss in shown)


def token_glosser(entry_of: Callable[[int], Entry]) -> Callable[[Token], str]:
    """A token's gloss: its entries in the learner's order (the reading read here first,
    as the popup shows them), remembered per word and reading."""

    @lru_cache(maxsize=20_000)
    def gloss(entry_ids: tuple[int, ...], reading: str, is_name: bool) -> str:
        found = learner_order((entry_of(i) for i in entry_ids), reading, names_first=is_name)
        return entry_gloss(found)

    def of_token(token: Token) -> str:
        if not token.entry_ids:
            return ""
        reading = " ".join(token.readings)
        return gloss(token.entry_ids, reading, token.kind is TokenKind.NAME)

    return of_token
