"""A saved web page → its main text (the article), headline and date; the furniture goes.

Two well-kept extractors read the page (neither runs a script or fetches anything):
trafilatura and readability-lxml. Measured on the corpus's seven news and documentation
pages against the hand-written expectations of ``tests/test_corpus_import.py`` (first and
last sentence, furniture gone, text kept), trafilatura passes 41 of 55 checks, trafilatura
in precision mode 50 (but drops whole paragraphs of one page), readability-lxml 47. A
paragraph of trafilatura's full reading is kept when one of the other two readings has
it as well: 52 of 55, the remaining three (a lost-character mark, the date) are what this
module adds. So a menu, a share bar or a related-links list that only one extractor takes
for text is dropped, and a paragraph the strict reading misses but readability keeps stays.

The headline is the page's title without the site's suffix (``…-新华网``, ``…_政务_澎湃新闻``,
``… | 社會 | 中央社 CNA``); the date (and a byline that is not the site's name) opens the
text unless it is already there; the footnotes of the marks the text has ([4]) end it.
When both extractors find nothing (a page of links only),
``None``: the caller reads the page's whole text instead.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from reader.core.importing.html_format import clean_text, numbered_item, preformatted_lines
from reader.core.importing.page_furniture import (
    PreparedPage,
    drop_leading_labels,
    strip_site_suffix,
    trim_tail,
)

_BLOCK_TAGS = frozenset({"head", "p", "item", "code", "quote", "cell", "row"})
_READABILITY_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "th", "td", "dd", "dt")
_LINE_BREAK = "\u2028"  # Unicode's line separator: a line break wherever it stands
_SPACES = re.compile(r"\s+")
_DATE_IN_TEXT = re.compile(r"(\d{4})\s*[-年/.]\s*0?(\d{1,2})\s*[-月/.]\s*0?(\d{1,2})")
_FOOTNOTE = re.compile(r"^(\[\d{1,3}\])\s*\S")
_FOLLOW = re.compile(r"\s*(?:关注|關注|订阅|訂閱|\+关注)$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WORD = re.compile(r"[^\W_]")
_LIST_MIN_ITEMS = 2
_TRUNCATED = re.compile(r"(?:\.{3,}|…+)$")
_TRUNCATED_MIN_CHARS = 6
_ORIGINAL_TITLE = re.compile(r"原(?:标题|標題)\s*[:：]\s*《([^》]+)》")
_ORIGINAL_TITLE_REACH = 5  # of the text's first blocks
_DESCRIPTION_MIN_CHARS = 4  # letters or Hanzi besides the link's own: 我们的计算美学


@dataclass(frozen=True)
class MainText:
    title: str
    paragraphs: list[str]
    code: frozenset[int] = frozenset()  # the paragraphs that are lines of code


def _quiet() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "readability", "readability.readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _compact(text: str) -> str:
    return _SPACES.sub("", text)


def _lines(element: Any) -> list[str]:
    """A block's lines: a line break (``<br>``) on a page ends a paragraph; a line break in
    the page's source is only whitespace (joined as a wrapped line is), except in a code
    block (trafilatura's reading of ``<pre>``), whose every line is a line."""
    if element.tag == "code":
        return preformatted_lines("".join(element.itertext()))
    for line_break in element.iter("lb"):
        line_break.tail = _LINE_BREAK + (line_break.tail or "")
    lines = (clean_text(line) for line in "".join(element.itertext()).split(_LINE_BREAK))
    return [line for line in lines if line]


def _blocks(body: Any) -> tuple[list[tuple[str, bool]], set[str]]:
    """(text, is heading) for each line of trafilatura's reading, in order: a table row of
    plain cells is one line (its cells side by side); a row whose cells hold paragraphs
    (a layout table: a manual's 警告 box, a two-column page) gives those paragraphs; code
    inside a paragraph is part of it. And the lines of its code blocks (``<pre>``)."""
    found: list[tuple[str, bool]] = []
    code: set[str] = set()
    stack: list[Any] = list(reversed(body))
    while stack:  # depth first, in order, without recursion (a page may nest deeply)
        element = stack.pop()
        if element.tag == "row" and not _has_blocks(element, "cell"):
            cells = [" ".join(_lines(cell)) for cell in element.iter("cell")]
            found.append((" ".join(cell for cell in cells if cell), False))
        elif _is_block(element) and element.tag != "row" and not _has_blocks(element):
            lines = _lines(element)
            found.extend((line, element.tag == "head") for line in lines)
            if element.tag == "code":
                code.update(lines)
        else:
            stack.extend(reversed(element))
    return [(text, heading) for text, heading in found if text], code


def _has_blocks(element: Any, *besides: str) -> bool:
    return any(_is_block(d) and d.tag not in besides for d in element.iterdescendants())


def _is_block(element: Any) -> bool:
    if element.tag == "row":
        return True
    if element.tag not in _BLOCK_TAGS:
        return False
    parent = element.getparent()
    return element.tag != "code" or parent is None or parent.tag not in _BLOCK_TAGS


def _readability_root(html: str) -> Any:
    """Readability's reading of the page (its article's tree), or None."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary) if summary.strip() else None
    except Exception:  # readability raises bare Exceptions on pages it cannot score
        return None


def _readability_text(root: Any) -> str:
    # its paragraphs, not the text of every wrapper it kept around them
    if root is None:
        return ""
    return "".join(_compact(e.text_content()) for e in root.iter(*_READABILITY_BLOCKS))


def _described_lists(root: Any) -> list[list[tuple[str, bool]]]:
    """The headed lists of links in readability's reading whose every item says what its
    link is (``特色: LilyPond 都有些什么本领？``): the article's own, which trafilatura drops
    as link lists. A menu's items are their links alone, a related-articles list's a title
    and a date: neither is this. Each as (text, is heading) blocks, the heading first."""
    if root is None:
        return []
    found: list[list[tuple[str, bool]]] = []
    heading = ""
    for element in root.iter(*_HEADINGS, "ul", "ol"):
        if element.tag in _HEADINGS:
            heading = clean_text(element.text_content())
            continue
        items = [child for child in element if child.tag == "li"]
        if heading and len(items) >= _LIST_MIN_ITEMS and all(map(_describes_its_link, items)):
            texts = [clean_text(item.text_content()) for item in items]
            found.append([(heading, True), *((text, False) for text in texts)])
            heading = ""
    return found


def _describes_its_link(item: Any) -> bool:
    links = "".join(_compact(a.text_content()) for a in item.iter("a"))
    words = _WORD.findall(_compact(item.text_content()))
    return bool(links) and len(words) - len(_WORD.findall(links)) >= _DESCRIPTION_MIN_CHARS


def _with_lists(
    kept: list[tuple[str, bool]], lists: list[list[tuple[str, bool]]], other: str
) -> list[tuple[str, bool]]:
    """``kept`` with the described lists it lacks put where readability has them: before
    the first kept block that readability reads after the list."""
    kept_text = "".join(_compact(text) for text, _ in kept)
    missing = [b for b in lists if not all(_compact(t) in kept_text for t, _ in b[1:])]
    if not missing:
        return kept
    positions: list[int] = []  # where readability has each kept block (searched onwards)
    start = 0
    for text, _ in kept:
        found = other.find(_compact(text), start)
        start = found if found >= 0 else start
        positions.append(start)
    result = list(kept)
    for blocks in reversed(missing):  # (from the last: earlier indices stay right)
        at = other.find(_compact(blocks[1][0]))
        index = bisect.bisect_right(positions, at) if at >= 0 else len(result)
        result[index:index] = blocks
    return result


def _completed(title: str, kept: list[tuple[str, bool]]) -> str:
    """A headline the site cut short (``…地铁直达+无敌免...``) completed from the text's own
    "原标题：《…》" line when that begins the same way; else as it is."""
    head = _TRUNCATED.sub("", title)
    if head == title or len(head) < _TRUNCATED_MIN_CHARS:
        return title
    for text, _ in kept[:_ORIGINAL_TITLE_REACH]:
        match = _ORIGINAL_TITLE.search(text)
        if match and match.group(1).startswith(head):
            return match.group(1).strip()
    return title


def _date_line(date: str | None, author: str | None, site: str | None, text: str) -> str:
    """The date (and byline) to open the text with, or "" when the text already has it."""
    if not date:
        return ""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", date)
    if match is None:
        return ""
    wanted = tuple(int(part) for part in match.groups())
    head = text[:400]
    if any(tuple(int(p) for p in m.groups()) == wanted for m in _DATE_IN_TEXT.finditer(head)):
        return ""
    byline = _FOLLOW.sub("", author or "").strip()
    site_key = re.sub(r"\W", "", (site or "").lower())
    if not byline or re.sub(r"\W", "", byline.lower()) in (site_key, "") or byline in head:
        return match.group(0)
    return f"{match.group(0)} {byline}"


def footnotes(html: str, kept: list[tuple[str, bool]]) -> list[str]:
    """The notes (``[4] 科技术语：…``) of the marks the kept text has (``locale [4]``), in
    the page's order: a manual's footnotes, which neither confirming reading keeps (and
    trafilatura drops one whose link is much of it: ``[9] …是使用 LUKS。``)."""
    import lxml.html

    text = "".join(t for t, _ in kept)
    kept_texts = {t for t, _ in kept}
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    notes = (clean_text(e.text_content()) for e in root.iter("p", "li", "dd"))
    return list(
        dict.fromkeys(
            note
            for note in notes
            if (mark := _FOOTNOTE.match(note)) and mark.group(1) in text and note not in kept_texts
        )
    )


def numbered(html: str, kept: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """``kept`` with the items of the page's ordered lists numbered as the page shows them
    (``1. 安装下一步选择的任务，``: a step is followed, and referred to, by its number),
    which the extractors' readings drop. An item is known by its text, or its first
    paragraph's."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return kept
    numbers: dict[str, str] = {}
    for ordered in root.iter("ol"):
        start = ordered.get("start") or ""
        first = int(start) if start.isdigit() else 1
        for n, item in enumerate((c for c in ordered if c.tag == "li"), start=first):
            paragraph = next(item.iter("p"), None)
            for element in (item, paragraph):
                if element is not None:
                    numbers.setdefault(_compact(element.text_content()), str(n))
    return [(numbered_item(numbers.get(_compact(text), ""), text), h) for text, h in kept]


def main_text(page: PreparedPage) -> MainText | None:
    """The article of a web page (see the module docstring), or None if there is none."""
    import trafilatura

    _quiet()
    html = page.html
    document: Any = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        # the date the page states, not one guessed from any number on it (which is also
        # what takes seconds on a long page)
        date_extraction_params={"extensive_search": False},
    )
    if document is None or document.body is None:
        return None
    blocks, code_lines = _blocks(document.body)
    strict = _compact(trafilatura.extract(html, favor_precision=True, include_tables=True) or "")
    readability = _readability_root(html)
    other = _readability_text(readability)
    kept = [
        (text, heading)
        for text, heading in blocks
        if _compact(text) in strict or _compact(text) in other
    ]
    kept = _with_lists(kept, _described_lists(readability), other)
    if not kept:
        return None
    kept = numbered(html, kept)
    # the headline: the heading the article opens with, else the page's title without its
    # site suffix
    title = kept.pop(0)[0] if kept[0][1] and len(kept) > 1 else ""
    title = _completed(title or strip_site_suffix(document.title or ""), kept)
    paragraphs = trim_tail(drop_leading_labels(kept), page.site) + footnotes(html, kept)
    date = _date_line(document.date, document.author, document.sitename, "".join(paragraphs))
    if date:
        paragraphs.insert(0, date)
    code = frozenset(i for i, text in enumerate(paragraphs) if text in code_lines)
    return MainText(title, paragraphs, code)
