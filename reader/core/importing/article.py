"""An imported article, and the corrections a user makes to a split (pure, text-level).

``text`` is the rebuilt text, one paragraph per line; ``original_text`` is what it was
rebuilt from, kept so a correction never loses the source. The library stores the results
of ``split_article`` and ``merge_articles``; these functions only compute them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.importing.controls import strip_controls
from reader.core.importing.reflow import ParagraphKind, paragraphs
from reader.core.importing.split import title_from_text

_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SPACE_RUN = re.compile(r" {2,}")
_BRACKETS = frozenset("()[]{}")


@dataclass(frozen=True)
class ImportedArticle:
    """``notes`` tell the user what the import decided for them (an encoding that was not
    the declared one); ``cue_times`` are a subtitle line's (start, end) in milliseconds,
    one per paragraph (empty for every other kind of text). A text read by OCR keeps its
    ``pages`` (JPEG) and the (start, end) spans of its ``uncertain`` characters."""

    title: str
    text: str
    original_text: str
    source: str
    notes: tuple[str, ...] = ()
    cue_times: tuple[tuple[int, int], ...] = ()
    pages: tuple[bytes, ...] = ()
    uncertain: tuple[tuple[int, int], ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")


def make_article(
    title: str,
    paras: list[str],
    original: str,
    source: str,
    keep_indent: frozenset[int] = frozenset(),
) -> ImportedArticle:
    """An article from any format: control characters and the replacement marks of
    characters the source itself had already lost (U+FFFD) are removed here, once, and so
    are paragraphs of punctuation alone (``**`` separators, a contents page's leader dots).

    The paragraphs at ``keep_indent`` are lines of code (a ``<pre>``, a fenced block, a
    Word code style): their indentation is their meaning (Python's blocks), so it stays
    (a tab as four spaces), and a line that opens or closes a block with a bracket alone
    (``{``, ``}``, ``});``, TeX's ``\\[``) is code too (a lone ``#`` is not)."""
    cleaned = [
        (code, text)
        for code, text in (
            (i in keep_indent, _clean_code(p) if i in keep_indent else _clean(p))
            for i, p in enumerate(paras)
        )
        if text
    ]
    kept = [
        text
        for code, text in cleaned
        if has_words(text) or (code and any(c in _BRACKETS for c in text))
    ]
    paras = kept or [text for _, text in cleaned]
    title = _SPACE_RUN.sub(" ", _clean(title))  # a title is one line: no layout spacing
    return ImportedArticle(title or title_from_text(paras), "\n".join(paras), original, source)


def has_words(text: str) -> bool:
    """Not punctuation alone (a ``**`` separator, a row of leader dots)."""
    return bool(text.strip()) and not _PUNCTUATION_ONLY.match(text)


def _clean(text: str) -> str:
    return strip_controls(text).replace("\ufffd", "").strip()


def _clean_code(line: str) -> str:
    cleaned = strip_controls(line).replace("\ufffd", "").expandtabs(4).rstrip()
    return cleaned if cleaned.strip() else ""


def split_article(article: ImportedArticle, paragraph_index: int) -> tuple[ImportedArticle, ...]:
    """Two articles: paragraphs before ``paragraph_index`` and from it on.

    The second is titled by its first paragraph when that is a heading (which then leaves
    the text) other than the first words of what follows, else by its first words. Both
    keep the whole original text.
    """
    paras = article.paragraphs
    if not 0 < paragraph_index < len(paras):
        raise ValueError(f"cannot split {len(paras)} paragraphs at {paragraph_index}")
    head, tail = paras[:paragraph_index], paras[paragraph_index:]
    first = paragraphs(tail[0])
    heading = len(tail) > 1 and len(first) == 1 and first[0].kind is ParagraphKind.HEADING
    # (not a heading that reads as the rest's first words: merging would not give it back)
    if heading and title_from_text(tail[1:]) != tail[0]:
        title, tail = tail[0], tail[1:]
    else:
        title = title_from_text(tail)
    return (
        ImportedArticle(article.title, "\n".join(head), article.original_text, article.source),
        ImportedArticle(title, "\n".join(tail), article.original_text, article.source),
    )


def merge_articles(first: ImportedArticle, second: ImportedArticle) -> ImportedArticle:
    """One article: ``first`` then ``second``, whose title stays as a subheading unless it
    was made from its first words."""
    tail = second.paragraphs
    if second.title != title_from_text(tail):
        tail = [second.title, *tail]
    original = first.original_text
    if second.original_text != original:
        original = f"{original}\n\n{second.original_text}"
    return ImportedArticle(
        first.title, "\n".join([*first.paragraphs, *tail]), original, first.source
    )
