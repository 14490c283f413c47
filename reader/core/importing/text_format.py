"""Plain text (a .txt file, pasted text, a PDF's text layer) → rebuilt, split articles."""

from __future__ import annotations

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAX_TEXT_CHARS
from reader.core.importing.reflow import paragraphs
from reader.core.importing.split import split_page
from reader.core.progress import Progress


def articles_from_text(
    text: str, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ImportFailed("There is no text to import.")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailed(
            f"The text is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})."
        )
    paras = paragraphs(text, progress)
    return [
        make_article(a.title, a.paragraphs, a.original, source)
        for a in split_page(paras, text.split("\n"))
    ]
