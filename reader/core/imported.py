"""An imported article as the library stores it: the one place that maps the importer's
``ImportedArticle`` onto the store's ``NewArticle`` (the CLI and the GUI both add through it,
so a field the importer gains reaches the library from both or from neither)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.store import NewArticle

if TYPE_CHECKING:
    from reader.core.importing import ImportedArticle


def new_article(article: ImportedArticle, source: str | None = None) -> NewArticle:
    """``article`` for the library; ``source`` replaces the file it names (a pasted text's
    label) when given."""
    return NewArticle(
        article.title,
        article.text,
        article.source if source is None else source,
        article.original_text,
        article.pages,
        article.uncertain,
    )
