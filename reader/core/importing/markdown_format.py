"""Markdown → articles: headings as titles, markup stripped to plain paragraphs.

Paragraphs are blocks separated by blank lines, headings (``#`` or underlined), list items
(an ordered one keeps its number, a bullet goes) and block quotes; a fenced code block's
lines are lines of their own, with their indentation; a table's rows are one paragraph each
(its cells side by side, its ``|---|`` rule gone); a novel with chapter headings
(``## 第一章：…``) is one article per chapter; emphasis, code marks, links (their text is kept) and
images (dropped) are reduced to plain text; raw HTML tags are removed. The first heading is
the title, unless the file opens with front matter (a blog post's or a static site's ``---``
YAML or ``+++`` TOML block of metadata): that is no text, and its ``title`` is the
article's.
"""

from __future__ import annotations

import itertools
import re
import textwrap

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import check_length
from reader.core.importing.reflow import (
    CHAPTER,
    chapter_title,
    fix_spacing,
    join_lines,
    numbers_spaced,
)

_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# a list item's marker, and a task list's box with it (``- [x] 补完…``: the box is no text);
# an ordered item keeps its number (``1.``: steps are followed, and referred to, by it)
_ITEM = re.compile(r"^\s*(?:[-*+]|(\d+)[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # | 字体 | 版本 |
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Link text and targets never hold a bracket of their own kind and emphasis never crosses
# its marker: a line of 200,000 "[" or "*" is then read in one pass, not one per bracket.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]")
_EMPHASIS = re.compile(
    r"(\*{1,3})(?=[^\s*])([^*]+?)(?<=[^\s*])\1"
    r"|(_{1,3})(?=[^\s_])([^_]+?)(?<=[^\s_])\3"
    r"|(~~)(?=[^\s~])([^~]+?)(?<=[^\s~])\5"
    r"|(`+)(?=[^\s`])([^`]+?)(?<=[^\s`])\7"
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MIN_CHAPTERS = 2  # one "第一章" heading is a section; two or more make a book
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
# opened by its first key (``title: …``, ``date = …``): a rule over a paragraph is no metadata
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n([\w-]+[ \t]*[:=].*?)\n\1[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"""^title\s*[:=]\s*(["']?)(.*?)\1\s*$""", re.M)


def front_matter(text: str) -> tuple[str, str]:
    """The text without its front matter, and the title the front matter gives (or "")."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, ""
    title = _FRONT_TITLE.search(match.group(2))
    return text[match.end() :], title.group(2).strip() if title else ""


def _item_number(match: re.Match[str]) -> str:
    return f"{match.group(1)}. " if match.group(1) else ""


def _emphasised(match: re.Match[str]) -> str:
    return next(group for group in match.groups()[1::2] if group is not None)


def inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(_emphasised, text)
    return text


def articles_from_markdown(text: str, source: str) -> list[ImportedArticle]:
    check_length(len(text))
    original = text
    text, meta_title = front_matter(_COMMENT.sub("", text))
    headings: list[str] = [meta_title] if meta_title else []
    paras: list[str] = []
    code: set[int] = set()  # the paragraphs that are lines of code
    block: list[str] = []
    fenced: list[str] = []
    in_fence = False
    spaced = numbers_spaced(text)

    def flush() -> None:
        if block:
            paras.append(fix_spacing(join_lines([inline(line) for line in block]), spaced))
            block.clear()

    def close_fence() -> None:
        for line in textwrap.dedent("\n".join(fenced).expandtabs(4)).split("\n"):
            if line.strip():
                code.add(len(paras))
                paras.append(line.rstrip())
        fenced.clear()

    def heading(title: str) -> None:
        title = fix_spacing(inline(title).strip(), spaced)
        if title and headings:
            paras.append(title)  # later headings stay in the text as subheadings
        if title:
            headings.append(title)

    for raw in text.split("\n"):
        if _FENCE.match(raw):
            flush()
            if in_fence:
                close_fence()
            in_fence = not in_fence
            continue
        if in_fence:
            fenced.append(raw)
            continue
        line = raw.strip()
        if not line or (_RULE.match(raw) and not block) or _REF_DEF.match(raw):
            flush()
            continue
        if _TABLE_ROW.match(raw) or (_TABLE_RULE.match(raw) and "|" in raw):
            flush()
            if not _TABLE_RULE.match(raw):
                # (cells apart: the space between two is no space extraction put in)
                cells = (fix_spacing(inline(c).strip(), spaced) for c in line.strip("|").split("|"))
                paras.append(" ".join(cell for cell in cells if cell))
            continue
        if match := _ATX.match(raw):
            flush()
            heading(match.group(1))
        elif _SETEXT.match(raw) and len(block) == 1:
            title = block.pop()
            heading(title)
        elif _ITEM.match(raw) or _QUOTE.match(raw):
            flush()
            block.append(_ITEM.sub(_item_number, _QUOTE.sub("", raw)).strip())  # > - item
        else:
            block.append(line)
    flush()
    close_fence()  # (a fence never closed runs to the end)
    if not paras and not headings:
        raise ImportFailed("The file is empty.")
    chapters = [i for i, para in enumerate(paras) if CHAPTER.match(para)]
    if len(chapters) >= _MIN_CHAPTERS:
        return _chapters(paras, chapters, headings[0] if headings else "", original, source)
    title = headings[0] if headings else ""
    return [make_article(title, paras or headings, original, source, frozenset(code))]


def _chapters(
    paras: list[str], starts: list[int], book: str, original: str, source: str
) -> list[ImportedArticle]:
    """A book in Markdown (``## 第一章 …``): one article per chapter, titled by its heading.
    What stands before the first chapter (the book's title is already out of ``paras``)
    opens chapter 1, as in a plain-text book."""
    bounds = [*starts, len(paras)]
    front = paras[: starts[0]]
    articles = []
    for number, (start, end) in enumerate(itertools.pairwise(bounds)):
        body = paras[start + 1 : end]
        if number == 0:
            body = [book, *front, *body] if book else [*front, *body]
        articles.append(make_article(chapter_title(paras[start]), body, original, source))
    return articles
