"""Word .docx → one article: paragraphs in order, the Title / first heading as its title.

Read with the standard library (zip + ElementTree) through ``SafeZip``: the same limits and
entity check as EPUB. Tables contribute their cells' paragraphs; a tab inside a paragraph
is a space, and a line break in it (``<w:br/>``, ``<w:cr/>``) ends a line as ``<br>`` does
on a web page: the lines of a code block or a poem are paragraphs of their own, not one
run (``a = int(input('a = '))b = int(…``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import check_length
from reader.core.importing.reflow import fix_spacing
from reader.core.importing.zipsafe import SafeZip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"


def _style(paragraph: ET.Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(f"{_W}val") or "") if style is not None else ""


def _lines(paragraph: ET.Element) -> list[str]:
    """The paragraph's own lines (a text box nested in it is a paragraph of its own).

    Walked with a stack, not recursion: a hostile file nests elements thousands deep."""
    lines: list[list[str]] = [[]]
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        if element.tag == f"{_W}p":
            continue
        if element.tag == f"{_W}t":
            lines[-1].append(element.text or "")
        elif element.tag == f"{_W}tab":
            lines[-1].append(" ")
        elif element.tag in (f"{_W}br", f"{_W}cr"):
            lines.append([])
        stack.extend(reversed(element))
    texts = (fix_spacing("".join(pieces).strip()) for pieces in lines)
    return [text for text in texts if text]


def articles_from_docx(data: bytes, source: str) -> list[ImportedArticle]:
    archive = SafeZip(data, "Word (.docx)")
    if not archive.has(_DOCUMENT):
        raise ImportFailed("This is not a Word document (word/document.xml is missing).")
    xml = archive.read_xml(_DOCUMENT)  # (its refusals are ValueErrors too: not caught below)
    try:
        root = ET.fromstring(xml)
    except (ET.ParseError, LookupError, ValueError):  # (also: an XML encoding that is none)
        raise ImportFailed("This Word document is damaged (its text is not valid XML).") from None
    title = ""
    paras: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        lines = _lines(paragraph)
        if not lines:
            continue
        style = _style(paragraph).lower()
        if not title and not paras and (style == "title" or style.startswith("heading")):
            title = " ".join(lines)
        else:
            paras.extend(lines)
    if not paras and not title:
        raise ImportFailed("This Word document has no text.")
    check_length(sum(len(p) for p in paras))
    return [make_article(title, paras or [title], "\n".join(paras), source)]
