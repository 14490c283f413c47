"""A PDF's listings of code with their indents back, as a ``<pre>``'s lines have them.

The text a PDF is rebuilt from has no spaces before a line (PDFium gives none, and reflow
would take them off), so ``pdf_layout`` measures each listing line's indent apart; here
the paragraphs that are those lines get it back and are kept as code (``make_article``'s
``keep_indent``). A paragraph is a listing's line when its characters (spaces aside: the
text's spacing was fixed on the way) are the line's, the two sequences aligned in order
(``\\item`` recurs: which one is which is where it stands); a line that ran into a
sentence matches no paragraph and is left as it is. The lines between two that are
paragraphs side by side were dropped on the way as no text (``}``, a lone number) and
come back, as code, between them.
"""

from __future__ import annotations

import difflib
import itertools
import re

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.pdf_layout import CodeLine

# spaces, control codes, private-use glyphs and lost ones: the text lost them on the way
_NOT_COMPARED = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]+")

_Place = tuple[int, int]  # an article's index, a paragraph's index in it


def with_indents(articles: list[ImportedArticle], code: list[CodeLine]) -> list[ImportedArticle]:
    """The articles, each paragraph that is a listing's line indented as that line was."""
    if not any(line.indent for line in code):
        return articles
    code_keys = [_key(line.text) for line in code]
    known = set(code_keys)
    longest = max(len(line.text) for line in code)
    # the paragraphs that may be a listing's line (most are prose, too long to be one)
    places: list[_Place] = []
    keys: list[str] = []
    for a, article in enumerate(articles):
        for p, text in enumerate(article.paragraphs):
            key = _key(text) if len(text) <= longest else ""
            if key in known:
                places.append((a, p))
                keys.append(key)
    matcher = difflib.SequenceMatcher(None, code_keys, keys, False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    lines: dict[_Place, list[CodeLine]] = {}  # a paragraph's line and the dropped ones after
    for block in blocks:
        for k in range(block.size):
            lines[places[block.b + k]] = [code[block.a + k]]
    for before, after in itertools.pairwise(blocks):
        last_a, last_b = before.a + before.size - 1, before.b + before.size - 1
        (a, p), (next_a, next_p) = places[last_b], places[after.b]
        if after.b == last_b + 1 and (next_a, next_p) == (a, p + 1):
            lines[a, p].extend(code[last_a + 1 : after.a])
    touched = {a for a, _ in lines}
    return [
        _indented(a, article, lines) if a in touched else article
        for a, article in enumerate(articles)
    ]


def _indented(
    index: int, article: ImportedArticle, lines: dict[_Place, list[CodeLine]]
) -> ImportedArticle:
    paras: list[str] = []
    code: set[int] = set()
    for p, text in enumerate(article.paragraphs):
        listed = lines.get((index, p))
        if listed is None:
            paras.append(text)
            continue
        first, *dropped = listed
        code.update(range(len(paras), len(paras) + len(listed)))
        # its spacing as the page sets it, where the text only closed up its gaps
        spaced = first.text if first.text.split() == text.split() else text
        paras.append(" " * first.indent + spaced)
        paras.extend(" " * line.indent + line.text for line in dropped)
    return make_article(
        article.title, paras, article.original_text, article.source, frozenset(code)
    )


def _key(text: str) -> str:
    return _NOT_COMPARED.sub("", text)
