"""EPUB → one article per chapter, in spine (reading) order.

The container is opened through ``SafeZip`` (limits in ``limits``); the package document
is found through ``META-INF/container.xml`` and read with ElementTree after the entity
check. Chapters are XHTML read by the same extractor as HTML pages (nothing run or
fetched); chapters without text (covers, images) are skipped, and so is an EPUB 3
book's navigation document when its spine lists it (``properties="nav"``): its table of
contents is links to the chapters, not a chapter.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from reader.core.importing.article import ImportedArticle
from reader.core.importing.decode import decode_bytes, text_encoding
from reader.core.importing.errors import ImportFailed
from reader.core.importing.html_format import article_from_blocks, declared_charset, extract
from reader.core.importing.limits import MAX_CHAPTERS, check_length, check_tags
from reader.core.importing.zipsafe import SafeZip
from reader.core.progress import Progress

_CONTAINER = "META-INF/container.xml"


def _parse(archive: SafeZip, name: str) -> ET.Element:
    xml = archive.read_xml(name)  # (its refusals are ValueErrors too: not caught below)
    try:
        return ET.fromstring(xml)
    except (ET.ParseError, LookupError, ValueError):  # (also: an XML encoding that is none)
        raise ImportFailed(f"This EPUB file is damaged ({name} is not valid XML).") from None


def _charset(raw: bytes) -> str:
    """The chapter's declared charset when it is a text encoding, else UTF-8 (EPUB's own):
    one chapter saying ``charset=rot13`` must not cost the book."""
    declared = declared_charset(raw)
    return (text_encoding(declared) if declared else None) or "utf-8"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _container(archive: SafeZip) -> str:
    """Where the book's ``META-INF/container.xml`` is: at the top, or (a book zipped with
    its folder, as some tools make them) in one folder below it."""
    if archive.has(_CONTAINER):
        return _CONTAINER
    nested = sorted((name for name in archive.names() if name.endswith("/" + _CONTAINER)), key=len)
    if not nested or nested[0].count("/") != _CONTAINER.count("/") + 1:
        raise ImportFailed("This is not an EPUB book (META-INF/container.xml is missing).")
    return nested[0]


def chapter_paths(archive: SafeZip) -> tuple[str, list[str]]:
    """The book's title and its chapter files in reading order."""
    container = _container(archive)
    root = container[: -len(_CONTAINER)]  # "" or the folder the book was zipped in
    rootfile = next(
        (
            e.get("full-path")
            for e in _parse(archive, container).iter()
            if _local(e.tag) == "rootfile"
        ),
        None,
    )
    if not rootfile:
        raise ImportFailed("This EPUB file is damaged (it names no package document).")
    rootfile = root + rootfile
    package = _parse(archive, rootfile)
    base = posixpath.dirname(rootfile)
    manifest = {
        e.get("id"): e.get("href", "")
        for e in package.iter()
        if _local(e.tag) == "item"
        and e.get("id")
        and "nav" not in (e.get("properties") or "").split()
    }
    title = next(((e.text or "").strip() for e in package.iter() if _local(e.tag) == "title"), "")
    spine = [e.get("idref") for e in package.iter() if _local(e.tag) == "itemref"]
    if len(spine) > MAX_CHAPTERS:
        raise ImportFailed(
            f"This book has too many chapters ({len(spine)}; the limit is {MAX_CHAPTERS})."
        )
    paths = [
        posixpath.normpath(posixpath.join(base, unquote(manifest[ref].split("#")[0])))
        for ref in spine
        if ref in manifest
    ]
    return title, paths


def articles_from_epub(
    data: bytes, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    archive = SafeZip(data, "EPUB")
    book_title, paths = chapter_paths(archive)
    articles: list[ImportedArticle] = []
    total = 0
    for number, path in enumerate(paths, start=1):
        if progress is not None:
            progress.step(number - 1, len(paths), "Reading chapters")
        raw = archive.read(path)
        html = decode_bytes(raw, _charset(raw))
        check_length(len(html), "chapter")  # (before it is parsed)
        check_tags(html)
        page_title, blocks = extract(html)
        fallback = page_title or (f"{book_title} ({number})" if book_title else "")
        article = article_from_blocks(fallback, blocks, html, source)
        if article is not None:
            total += len(article.text)
            check_length(total, "book (its chapters together)")
            articles.append(article)
    if not articles:
        raise ImportFailed("This book has no text to read.")
    return articles
