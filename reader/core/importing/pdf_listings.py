"""A PDF's listings of code with their indents back, as a ``<pre>``'s lines have them.

The text a PDF is rebuilt from has no spaces before a line (PDFium gives none, and reflow
would take them off), so ``pdf_layout`` measures each listing line's indent apart; here
the paragraphs that are those lines get it back and are kept as code (``make_article``'s
``keep_indent``). A paragraph is a listing's line when its characters (spaces aside: the
text's spacing was fixed on the way) are the line's, the two sequences aligned in order
(``\\item`` recurs: which one is which is where it stands); a line that ran into a
sentence or was dropped matches no paragraph and is left as it is.
"""

from __future__ import annotations

import difflib
import re

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.controls import strip_controls
from reader.core.importing.pdf_layout import CodeLine

_NOT_COMPARED = re.compile(r"[\s\ue000-\uf8ff\ufffd]+")  # spaces, private-use glyphs, lost ones


def with_indents(articles: list[ImportedArticle], code: list[CodeLine]) -> list[ImportedArticle]:
    """The articles, each paragraph that is a listing's line indented as that line was."""
    if not any(line.indent for line in code):
        return articles
    places = [(a, p) for a, article in enumerate(articles) for p in range(len(article.paragraphs))]
    keys = [_key(text) for article in articles for text in article.paragraphs]
    matcher = difflib.SequenceMatcher(None, [_key(line.text) for line in code], keys, False)
    indents: dict[tuple[int, int], int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            indents[places[block.b + k]] = code[block.a + k].indent
    return [
        _indented(a, article, indents) if any(i == a for i, _ in indents) else article
        for a, article in enumerate(articles)
    ]


def _indented(
    index: int, article: ImportedArticle, indents: dict[tuple[int, int], int]
) -> ImportedArticle:
    paras = article.paragraphs
    code = frozenset(p for a, p in indents if a == index)
    indented = [
        " " * indents[index, p] + text if p in code else text for p, text in enumerate(paras)
    ]
    return make_article(article.title, indented, article.original_text, article.source, code)


def _key(text: str) -> str:
    return _NOT_COMPARED.sub("", strip_controls(text))
