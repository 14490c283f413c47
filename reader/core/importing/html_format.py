"""HTML → paragraphs: a web page's article (``webpage``), a book chapter's whole text.

A saved web page goes to ``webpage.main_text`` (the article, by two extractors). This
module's own reader takes what that leaves: an EPUB chapter (a book has no site menus), a
page the extractors find no article in, a page too large for them. It skips scripts,
styles and other non-text elements (their content never reaches the text, nothing is
run); nothing is fetched (links and images are ignored). Navigation, headers, footers and
asides are dropped as page furniture; if that leaves nothing, they are kept. A run of
whitespace holding a line break is joined as a wrapped line is (no space between Hanzi),
so source formatting does not leak into Chinese text; inside ``<pre>`` (a command, a
listing, a table drawn in text) each line stays a line, with its indentation; an ordered
list's items keep their numbers (``1. 登录到主服务器。``). Closing tags
are matched by count, so a page of unbalanced tags is read in linear time.
"""

from __future__ import annotations

import collections
import re
import textwrap
import unicodedata
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.decode import decode_bytes, decode_text, text_encoding
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAIN_TEXT_MAX_TAGS, check_length, check_tags
from reader.core.importing.reflow import fix_spacing

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "select",
        "button",
        "head",
    }
)
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = (
    frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "blockquote",
            "pre",
            "table",
            "tr",
            "td",
            "th",
            "br",
            "hr",
            "figure",
            "figcaption",
            "body",
            "html",
            "title",
        }
    )
    | _HEADINGS
    | _FURNITURE
)
_VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
        "param",
    }
)
_SPACE_WITH_BREAK = re.compile(r"[ \t\f\r]*\n\s*")
_SPACES = re.compile(r"[ \t\f\r\u00a0]+")
_SPACE_RUN = re.compile(r"\s+")
_OWN_NUMBER = re.compile(r"^\(?\d{1,3}[.、)）]")
_SMALL_PAGE_CHARS = 2000  # of main text: a poem's page, a short note
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool
    furniture: bool
    code: bool = False  # a line of a ``<pre>``: its indentation stays


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.page_title = ""
        self._stack: list[str] = []
        self._open: collections.Counter[str] = collections.Counter()  # tags on the stack
        self._skip_depth = 0
        self._furniture_depth = 0
        self._heading_depth = 0
        self._pre_depth = 0
        self._in_title = False
        self._buffer: list[str] = []
        # per open list, the number of its last item (None for a <ul>), and the number
        # the next text block takes (an ordered item's: ``1. 登录到主服务器。``)
        self._lists: list[int | None] = []
        self._marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and self._open["head"]:
            self.handle_endtag("head")  # an unclosed <head> ends where the body starts
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag in _BLOCKS:
            self._flush()
        self._stack.append(tag)
        self._open[tag] += 1
        if tag in _SKIPPED:
            self._skip_depth += 1
        if tag in _FURNITURE:
            self._furniture_depth += 1
        if tag in _HEADINGS:
            self._heading_depth += 1
        if tag == "pre":
            self._pre_depth += 1
        if tag in ("ol", "ul"):
            self._lists.append(_list_start(attrs) - 1 if tag == "ol" else None)
        if tag == "li" and self._lists and self._lists[-1] is not None:
            self._lists[-1] += 1
            self._marker = str(self._lists[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if not self._open[tag]:
            return  # a closing tag that closes nothing (counted, not searched for: linear)
        if tag in _BLOCKS:
            self._flush()
        while self._stack:
            open_tag = self._stack.pop()
            self._open[open_tag] -= 1
            if open_tag in _SKIPPED:
                self._skip_depth -= 1
            if open_tag in _FURNITURE:
                self._furniture_depth -= 1
            if open_tag in _HEADINGS:
                self._heading_depth -= 1
            if open_tag == "pre":
                self._pre_depth -= 1
            if open_tag in ("ol", "ul") and self._lists:
                self._lists.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title += data
        elif self._skip_depth == 0:
            self._buffer.append(data)

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        code = self._pre_depth > 0
        lines = preformatted_lines(raw) if code else [clean_text(raw)]
        for text in lines:
            if text:
                heading, furniture = self._heading_depth > 0, self._furniture_depth > 0
                text, self._marker = numbered_item(self._marker, text), ""
                self.blocks.append(Block(text, heading, furniture, code))

    def close(self) -> None:
        super().close()
        self._flush()


def numbered_item(number: str, text: str) -> str:
    """An ordered list's item as the page shows it (``1. 登录到主服务器。``); one that
    writes its number itself (``1、…``, a list styled without numbers) as it is."""
    return f"{number}. {text}" if number and not _OWN_NUMBER.match(text) else text


def _list_start(attrs: list[tuple[str, str | None]]) -> int:
    """An ``<ol>``'s first number (``start="3"``), else 1."""
    start = dict(attrs).get("start") or ""
    return int(start) if start.isdigit() else 1


def clean_text(text: str) -> str:
    """Whitespace as a reader sees it: runs of spaces made one, and a line break of the
    page's source removed between two wide characters (Hanzi, full-width marks) and a
    space elsewhere, as a browser shows it (``LilyPond⏎诞生了`` → ``LilyPond 诞生了``)."""
    pieces = [_SPACES.sub(" ", piece).strip() for piece in _SPACE_WITH_BREAK.split(text)]
    out = ""
    for piece in pieces:
        if out and piece and not (_wide(out[-1]) and _wide(piece[0])):
            out += " "
        out += piece
    return fix_spacing(out)


def preformatted_lines(text: str) -> list[str]:
    """The lines of preformatted text (``<pre>``), each one whole: a command or a row of a
    table drawn in text is a line, not words to be joined with the next. Each keeps its
    indentation beyond the block's own (a listing's nesting, a drawn table's columns)."""
    lines = textwrap.dedent(text.expandtabs(4)).split("\n")
    return [line.rstrip() for line in lines if line.strip()]


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def extract(html: str) -> tuple[str, list[Block]]:
    """The page's ``<title>`` and its text blocks (furniture dropped unless it is all)."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    main = [b for b in parser.blocks if not b.furniture] or parser.blocks
    return clean_text(parser.page_title), main


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` (or an XML declaration), if any."""
    head = data[:4096]
    match = META_CHARSET.search(head) or re.search(rb"""<\?xml[^>]+encoding=["']([\w\-]+)""", head)
    return match.group(1).decode("ascii") if match else None


def article_from_blocks(
    page_title: str, blocks: list[Block], original: str, source: str
) -> ImportedArticle | None:
    """One article: titled by its first heading (else the page title, else its first words)."""
    blocks = list(blocks)
    first_heading = next((i for i, b in enumerate(blocks) if b.heading), None)
    if first_heading is not None and first_heading <= 2:
        title = blocks.pop(first_heading).text.strip()
    else:
        title = page_title
    if not blocks:
        return None  # a cover or a part-title page: nothing to read
    code = frozenset(i for i, block in enumerate(blocks) if block.code)
    return make_article(title, [b.text for b in blocks], original, source, code)


def decode_page(data: bytes, encoding: str | None) -> tuple[str, tuple[str, ...]]:
    """The page's text and a note when its declared charset was wrong.

    An encoding the user chose is used as it is (a failure is theirs to see). A declared
    one that cannot read the bytes (a ``<meta charset=GB2312>`` on a UTF-8 page), or that
    names no text encoding Python has (``x-no-such``, ``rot13``), gives way to detection,
    which decodes strictly (UTF-8, else GB18030 or Big5), and the user is told.
    """
    if encoding:
        return decode_bytes(data, encoding), ()
    declared = declared_charset(data)
    if declared is None:
        text, _, damage = decode_text(data)
        return text, damage
    known = text_encoding(declared) is not None
    if known:
        try:
            return decode_bytes(data, declared), ()
        except ImportFailed:
            pass
    # (raises with the detection's own message if that fails too)
    text, actual, damage = decode_text(data)
    if known:
        note = f"The page says it is in {declared}, but it is not; it was read as {actual}."
    else:
        note = f"The page names an unknown encoding ({declared}); it was read as {actual}."
    return text, (note, *damage)


def _whole_page(title: str, paragraphs: list[str], page: str) -> list[Block] | None:
    """The page's own reading of a small page (a poem, a note) whose main text is all its
    text: nothing was furniture, so that is the same text, with its lines as the page has
    them (the extractors give a page this small back as one block, its <br> lines run
    together). None for any other page."""
    text = _SPACE_RUN.sub("", title + "".join(paragraphs))
    if len(text) > _SMALL_PAGE_CHARS:
        return None
    _, blocks = extract(page)
    whole = bool(blocks) and all(_SPACE_RUN.sub("", block.text) in text for block in blocks)
    return blocks if whole else None


def articles_from_html(data: bytes, source: str, encoding: str | None) -> list[ImportedArticle]:
    """A saved web page: its main text (``webpage``), or all its text if it has none."""
    from reader.core.importing.page_furniture import prepare
    from reader.core.importing.webpage import main_text

    html, notes = decode_page(data, encoding)
    check_length(len(html))
    page, found = html, None
    if check_tags(html) <= MAIN_TEXT_MAX_TAGS:
        prepared = prepare(html)
        page, found = prepared.html, main_text(prepared)
    article: ImportedArticle | None
    own = _whole_page(found.title, found.paragraphs, page) if found is not None else None
    if found is not None and own is None:
        article = make_article(found.title, found.paragraphs, html, source, found.code)
    elif found is not None and own is not None:  # (its headline is the one to keep)
        own = own[1:] if own and own[0].text == found.title else own
        own = [replace(block, heading=False) for block in own]
        article = article_from_blocks(found.title, own, html, source)
    else:
        page_title, blocks = extract(page)
        article = article_from_blocks(page_title, blocks, html, source)
    if article is None:
        raise ImportFailed("This page has no text to read.")
    return [replace(article, notes=notes)]
