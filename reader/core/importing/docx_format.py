"""Word .docx → one article: paragraphs in order, the Title / first heading as its title.

Read with the standard library (zip + ElementTree) through ``SafeZip``: the same limits and
entity check as EPUB. Tables contribute their cells' paragraphs; a tab inside a paragraph
is a space, and a line break in it (``<w:br/>``, ``<w:cr/>``) ends a line as ``<br>`` does
on a web page: the lines of a code block or a poem are paragraphs of their own, not one
run (``a = int(input('a = '))b = int(…``). In a code style (``SourceCode``, ``HTML
Preformatted``, ``Code``…) a line keeps its indentation, a tab as four spaces
(``if a > b:`` / ``    the_max = a``).
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
_CODE_STYLES = ("code", "preformatted", "verbatim", "plaintext", "macro")  # in a style's id


def _style(paragraph: ET.Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(f"{_W}val") or "") if style is not None else ""


def _is_code(style: str) -> bool:
    return any(name in style for name in _CODE_STYLES)


def _lines(paragraph: ET.Element, code: bool = False) -> list[str]:
    """The paragraph's own lines (a text box nested in it is a paragraph of its own); a
    ``code`` paragraph's keep their indentation.

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
            lines[-1].append("\t" if code else " ")
        elif element.tag in (f"{_W}br", f"{_W}cr"):
            lines.append([])
        stack.extend(reversed(element))
    if code:
        texts = ("".join(pieces).expandtabs(4).rstrip() for pieces in lines)
        return [text for text in texts if text.strip()]
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
    code: set[int] = set()  # the paragraphs that are lines of code
    for paragraph in root.iter(f"{_W}p"):
        style = _style(paragraph).lower()
        lines = _lines(paragraph, _is_code(style))
        if not lines:
            continue
        if not title and not paras and (style == "title" or style.startswith("heading")):
            title = " ".join(lines)
        else:
            if _is_code(style):
                code.update(range(len(paras), len(paras) + len(lines)))
            paras.extend(lines)
    if not paras and not title:
        raise ImportFailed("This Word document has no text.")
    check_length(sum(len(p) for p in paras))
    return [make_article(title, paras or [title], "\n".join(paras), source, frozenset(code))]
