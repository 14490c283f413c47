"""Word .docx → one article: paragraphs in order, the Title / first heading as its title.

Read with the standard library (zip + ElementTree) through ``SafeZip``: the same limits and
entity check as EPUB. Tables contribute their cells' paragraphs; tabs and line breaks
inside a paragraph become a space and a join.
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


def _text(paragraph: ET.Element) -> str:
    """The paragraph's own text (a text box nested in it is a paragraph of its own)."""
    pieces: list[str] = []

    def walk(element: ET.Element) -> None:
        for child in element:
            if child.tag == f"{_W}p":
                continue
            if child.tag == f"{_W}t":
                pieces.append(child.text or "")
            elif child.tag == f"{_W}tab":
                pieces.append(" ")
            walk(child)

    walk(paragraph)
    return fix_spacing("".join(pieces).strip())


def articles_from_docx(data: bytes, source: str) -> list[ImportedArticle]:
    archive = SafeZip(data, "Word (.docx)")
    if not archive.has(_DOCUMENT):
        raise ImportFailed("This is not a Word document (word/document.xml is missing).")
    try:
        root = ET.fromstring(archive.read_xml(_DOCUMENT))
    except ET.ParseError:
        raise ImportFailed("This Word document is damaged (its text is not valid XML).") from None
    title = ""
    paras: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        text = _text(paragraph)
        if not text:
            continue
        style = _style(paragraph).lower()
        if not title and not paras and (style == "title" or style.startswith("heading")):
            title = text
        else:
            paras.append(text)
    if not paras and not title:
        raise ImportFailed("This Word document has no text.")
    check_length(sum(len(p) for p in paras))
    return [make_article(title, paras or [title], "\n".join(paras), source)]
