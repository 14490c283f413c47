"""PDF → its text layer, without the page furniture, rebuilt and split like a plain text.

The text comes from PDFium (pypdfium2; nothing is rendered or run). Measured on the corpus's
two PDFs (139 and 41 pages), PDFium reads them in 0.90 s and 0.09 s, pdfminer.six in 5.3 s
and 4.7 s, and pypdf in 4.4 s and 4.3 s, where it also lost every Hanzi of the 139-page book
and the spaces between English words; PDFium and pdfminer.six find the same 43,307 and
18,737 Hanzi.

Page furniture is taken off each page before the pages are joined (so a sentence runs on
across a page break): a line at the top or bottom of a page that recurs on other pages once
its numbers are ignored (``CTEX FAQ … v0.4 beta Copyright …``, ``4 第一章 LATEX 的基本概念``), that
carries the page's own number (``§1.2 第一次使用 LATEX 3`` on the page numbered 3), or that is
only a page number (``15``, ``15 / 57``, ``- 15 -``, ``第 15 页``). Lines with nothing to read
(what typesetting left of a formula: ``i=1``, ``∂``, ``a b c``, and glyphs of the private
use area, the pieces of a tall brace) go, and a formula spread over lines by its exponents
becomes a placeholder (``pdf_formulas``). A contents page keeps its entries, one a
paragraph, without their leader dots and page numbers (``1.1 概述 . . . 1`` → ``1.1 概述``), and
an index its entries and headings, one a paragraph (``pdf_index``), and a list of references
its items (``pdf_references``). A letter-spaced line of Chinese (``第 一 章``) loses the spaces
between its Hanzi. Footnotes a page break put inside a paragraph move out of it
(``pdf_footnotes``), and a margin's notes cut across two lines go (``margin_notes``). A PDF
whose pages hold no text (a scan) is read by OCR instead (``reader.core.importing.ocr``).

Each page's lines come with what their places on the page say (``pdf_layout``): a table's
rows are paragraphs with their cells tab-joined, an indented first line or a caption
starts a paragraph, and code displayed after a colon keeps its lines. A word PDFium found
hyphenated at a line's end is whole again or keeps its hyphen as the rest of the document
says (``pdf_hyphens``), and the symbols TeX fonts leave as control codes are put back (the
dangerous bend ☡, ‰ and •: ``pdf_glyphs``). A listing's lines keep their indents
(``pdf_listings``).
"""

from __future__ import annotations

import collections
import re
import unicodedata
from typing import TYPE_CHECKING

from reader.core.importing.article import ImportedArticle
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAX_PDF_PAGES
from reader.core.importing.margin_notes import without_margin_notes
from reader.core.importing.pdf_footnotes import move_footnotes
from reader.core.importing.pdf_formulas import PARAGRAPH_START, without_formulas
from reader.core.importing.pdf_hyphens import rejoined
from reader.core.importing.pdf_index import index_entries, is_index
from reader.core.importing.pdf_layout import (
    GOES_ON,
    HAN,
    HAN_START,
    CodeLine,
    LaidOutPage,
    laid_out_page,
)
from reader.core.importing.pdf_listings import with_indents
from reader.core.importing.pdf_references import reference_lists
from reader.core.importing.reflow import (
    SECTION,
    ends_sentence,
    join_lines,
    looks_like_code,
    unspace_punctuation,
)
from reader.core.importing.text_format import articles_from_text
from reader.core.progress import Progress

if TYPE_CHECKING:
    import pypdfium2

_EDGE_LINES = 2  # lines at each end of a page that may be a running header or footer
_RECURRING_SHARE = 0.15  # of the pages: a header is on many pages…
_RECURRING_MIN = 3  # …and at least on three
_PAGE_NUMBER_ONLY = re.compile(
    r"^(?:[-–—]\s*)?(?:第\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?"
    r"(?:\s*[-–—])?$"
)
# a front-matter header: a roman page number beside a short title (``ii 中文版致谢``)
_ROMAN_HEADER = re.compile(r"^([ivxlc]{1,6})\s+\S.{0,14}$|^\S.{0,14}\s+([ivxlc]{1,6})$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_EDGE_NUMBER = re.compile(r"^(\d{1,4})\s+\S|\S\s+(\d{1,4})$")
_NUMBERS = re.compile(r"\d+")
_LONE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")  # an exponent, a footnote mark: no text
# what a line needs to be text: a Hanzi or full-width mark, a word (two letters), a number
# (two digits) or code (``\\[``, ``}``); without any it is what typesetting left of a formula
# or a drawing (``i=1``, ``∂``, ``a b c``, ``|x| =``)
_TEXT_MARK = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef]|[^\W\d_]{{2,}}|\d{{2,}}|[\\{{}}\[\]]")
_MATH_CATEGORIES = frozenset({"Lu", "Ll", "Lo", "Sm", "So"})  # letters and symbols, not dots
_CODE_STARTS = ("\\", "$", "%")
# a glyph with no meaning of its own (PDF fonts put the pieces of a tall brace there)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LEADER_DOTS = re.compile(r"\s*(?:[.·…]\s*){4,}(?=\d|$)", re.M)
# a line of a contents page: the entry, then leader dots or a space, then its page number
_PAGE_REF = r"(?:\d{1,4}|[ivxlc]{1,6})"
_CONTENTS_ENTRY = re.compile(rf"^(\S[^。，；]*?)(?:\s*(?:[.·…]\s*){{2,}}|\s+){_PAGE_REF}$")
_DOTTED_ENTRY = re.compile(rf"(?:[.·…]\s*){{4,}}{_PAGE_REF}$")
_LEADER_END = re.compile(rf"[.·…]\s*{_PAGE_REF}\s*$")  # what every entry with a leader has
# an entry with leader dots is one whatever its words hold (``16 我下载了一些新的宏包，该如何
# 安装到我的系统中去？ . . . 8``); without them a comma says it is a sentence
_DOTTED_LINE = re.compile(rf"^(\S.*?)\s*(?:[.·…]\s*){{4,}}{_PAGE_REF}$")
# an entry that fills its line, its leader shrunk to a dot or few (``配置 Unicode 数学字体 .
# 65``)
_SHORT_LEADER_LINE = re.compile(rf"^(\S.*?[^.·…\s])(?:\s+[.·…]){{1,3}}\s+{_PAGE_REF}$")
_COMMENT = re.compile(r"(?<!\\)%.*$")  # a comment in a line of TeX
_RULE = re.compile(r"^(?:[.·…]\s*){8,}$")  # a dotted rule between parts of a page
_ENTRY_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Z])(?:\.\d{1,2})+\s")  # 5.1.5, A.1
_CONTENTS_HEADING_MAX = 12  # ``目录``, ``Contents``: the short line above the entries
_HAN_PAIR = re.compile(rf"[{HAN}](?=[{HAN}])")
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}]) (?=[{HAN}])")


class NoTextLayer(ImportFailed):
    """The PDF's pages hold no text: it is a scan, made of images."""


def _open(data: bytes) -> pypdfium2.PdfDocument:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise ImportFailed("This PDF is protected by a password; it cannot be read.") from None
        raise ImportFailed("This PDF is damaged; its text cannot be read.") from None


def _page_texts(data: bytes, progress: Progress | None) -> list[LaidOutPage]:
    import pypdfium2

    document = _open(data)
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise ImportFailed(
                f"This PDF is too long ({count} pages; the limit is {MAX_PDF_PAGES})."
            )
        pages: list[LaidOutPage] = []
        for number in range(count):
            if progress is not None:
                progress.step(number, count, "Reading pages")
            page = document[number]
            textpage = page.get_textpage()
            pages.append(laid_out_page(textpage))
            textpage.close()
            page.close()
        return pages
    except pypdfium2.PdfiumError:
        raise ImportFailed("This PDF is damaged; its text cannot be read.") from None
    finally:
        document.close()


def _key(line: str) -> str:
    return _NUMBERS.sub("#", " ".join(line.split()))


def _edges(lines: list[str]) -> list[int]:
    """Indices of the lines a running header or footer may be (first and last ones)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def _edge_number(line: str) -> int | None:
    match = _EDGE_NUMBER.search(line.strip())
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _roman_number(line: str) -> int | None:
    """The roman page number of a front-matter header (``viii 目录`` → 8)."""
    match = _ROMAN_HEADER.match(line.strip())
    if match is None:
        return None
    values = [_ROMAN[c] for c in match.group(1) or match.group(2)]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without running headers, footers and page numbers."""
    recurring: collections.Counter[str] = collections.Counter()
    offsets: collections.Counter[int] = collections.Counter()
    roman_offsets: collections.Counter[int] = collections.Counter()
    for index, lines in enumerate(pages):
        keys = {_key(lines[i]) for i in _edges(lines)}
        recurring.update(keys)
        numbers = {_edge_number(lines[i]) for i in _edges(lines)} - {None}
        offsets.update(index - n for n in numbers if n is not None)
        romans = {_roman_number(lines[i]) for i in _edges(lines)} - {None}
        roman_offsets.update(index - n for n in romans if n is not None)
    needed = max(_RECURRING_MIN, int(len(pages) * _RECURRING_SHARE))
    offset, seen = offsets.most_common(1)[0] if offsets else (0, 0)
    numbered = seen >= _RECURRING_MIN
    roman_offset = roman_offsets.most_common(1)[0][0] if roman_offsets else None

    def furniture(index: int, line: str, contents: bool) -> bool:
        text = line.strip()
        if _PAGE_NUMBER_ONLY.match(text):
            return True
        # a roman header; on a contents page only with the page's own number (there
        # ``中文版致谢 i`` is an entry, ``viii 目录`` the header)
        roman = _roman_number(text)
        if roman is not None and (not contents or index - roman == roman_offset):
            return True
        if recurring[_key(line)] >= needed:
            return True
        return numbered and _edge_number(text) == index - offset

    result: list[list[str]] = []
    for index, lines in enumerate(pages):
        edges = set(_edges(lines))
        contents = sum(1 for line in lines if _DOTTED_ENTRY.search(line.strip())) >= 2
        result.append(
            [
                line
                for i, line in enumerate(lines)
                if i not in edges or not furniture(index, line, contents)
            ]
        )
    return result


def pdf_text(data: bytes, progress: Progress | None = None) -> tuple[str, list[CodeLine]]:
    """The document's text and the lines of its listings of code that keep an indent."""
    laid_out = _page_texts(data, progress)
    pages = [
        _PRIVATE_USE.sub("", text.replace("\r", "\n"))
        for text in rejoined([page.text for page in laid_out])
    ]
    if not any(text.strip() for text in pages):
        raise NoTextLayer(
            "This PDF has no text layer (it is probably a scan, made of images); "
            "there is no text to import."
        )
    # the furniture first: a contents page's running header (``CONTENTS 2``) is no entry
    paged = move_footnotes(
        without_margin_notes(strip_page_furniture([text.split("\n") for text in pages]))
    )
    indexes = [is_index(lines) for lines in paged]
    kept = reference_lists(
        [
            index_entries(lines) if index else _cleaned(lines)
            for lines, index in zip(paged, indexes, strict=True)
        ]
    )
    # a blank line between pages: after a page's full last line the sentence goes on, after
    # a short one (a paragraph's end, the contents' last entry) it does not (see ``reflow``)
    text = "\n\n".join("\n".join(_unspaced(line) for line in lines) for lines in kept)
    # (spaces beside full-width punctuation are extraction's in a PDF, however few)
    # (an index's entries in a typewriter font are no listing: ``\\bm, 20`` / `` btSect, 28``)
    code = [
        line
        for page, index in zip(laid_out, indexes, strict=True)
        if not index
        for line in page.code
    ]
    return unspace_punctuation(_LEADER_DOTS.sub(" ", text)), code


def _cleaned(lines: list[str]) -> list[str]:
    """A page's lines without its formulas and debris, its contents entries one a line."""
    return _code_apart(contents_entries(without_debris(without_formulas(_without_rules(lines)))))


def _code_apart(lines: list[str]) -> list[str]:
    """The lines with each line of code that follows a colon, a sentence's end or another
    line of code starting a paragraph, and so the prose after such a listing (``…查阅相应
    文档：`` / ``texdoc ⟨pkg-name⟩`` / ``其中 ⟨pkg-name⟩ 是…``), which keeps its lines instead
    of running them into the prose; code that the words before it lead into (``使用命令`` /
    ``\\renewcommand…``) stays in their sentence."""
    result: list[str] = []
    previous = ""
    listing = False  # the previous line is code set apart
    for line in lines:
        text = line.strip()
        if not text:
            result.append(line)
            continue
        after = previous.endswith((":", "：")) or ends_sentence(previous)
        code = _code_line(text, listing)
        if code and not previous:
            listing = True  # a page that starts with code: its listing's lines go on
        elif code and (after or listing or looks_like_code(previous)) and text[0] not in GOES_ON:
            line = PARAGRAPH_START + text
            listing = True
        elif listing and not code and HAN_START.match(text):
            line = PARAGRAPH_START + text
            listing = False
        else:
            listing = listing and code
        result.append(line)
        previous = text
    return result


def _code_line(text: str, listing: bool) -> bool:
    """Code: markup prose has not, before a comment in any language (``\\usepackage{x}
    % 调用宏包``); inside a listing also a comment alone or a command (``\\makeindex``)."""
    if listing and text.startswith(("%", "\\")):
        return True
    return looks_like_code(text) or (
        text.startswith("\\") and looks_like_code(_COMMENT.sub("", text))
    )


def _without_rules(lines: list[str]) -> list[str]:
    """The lines without dotted rules (``. . . . . .`` across the page), the text after
    each starting a paragraph (``…554502177@qq.com`` / rule / ``4.20 中文版致谢``)."""
    result: list[str] = []
    after_rule = False
    for line in lines:
        text = line.strip()
        if _RULE.match(text):
            after_rule = True
        elif after_rule and text:
            result.append(PARAGRAPH_START + text)
            after_rule = False
        else:
            result.append(line)
    return result


def without_debris(lines: list[str]) -> list[str]:
    """The lines with something to read: not a lone number (an exponent, a footnote mark)
    nor what typesetting left of a formula (``∑n``, ``Å``, ``o™)``: no Hanzi, word or
    number, and a symbol beyond ASCII; ``A = B`` may be code). A lone section numeral
    (``1.``) is a heading, a line of dots alone (``...``) stands for elided text, and a
    formula's line in a listing of code (after ``\\begin{equation}``) is code."""
    kept: list[str] = []
    for line in lines:
        text = line.strip()
        if _LONE_NUMBER.match(text):
            continue
        debris = (
            bool(text)
            and not _TEXT_MARK.search(text)
            and not SECTION.match(text)
            and not text.isascii()
            and any(unicodedata.category(c) in _MATH_CATEGORIES for c in text)
        )
        previous = next((other.strip() for other in reversed(kept) if other.strip()), "")
        if debris and not previous.startswith(_CODE_STARTS):
            continue
        kept.append(line)
    return kept


def contents_entries(lines: list[str]) -> list[str]:
    """A page's lines with each run of contents entries (a run with leader dots in it:
    ``1.1 概述 . . . . 1``, ``1.7 术语和概念 8``) reduced to the entries, without their dots
    and page numbers, each indented so it stays a paragraph of its own, and so is the
    short line above the run (``目录``); other lines as they are (all of them on a page
    without a leader before a page number, most pages: the test is a tenth of the work)."""
    if not any(_LEADER_END.search(line) for line in lines):
        return lines
    lines = _unwrapped_entries(lines)
    stripped = [line.strip() for line in lines]
    entries = [_dotted_line(line) or _CONTENTS_ENTRY.match(line) for line in stripped]
    result = list(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and entries[end]:
            end += 1
        if any(_DOTTED_ENTRY.search(stripped[i]) for i in range(start, end)):
            for i in range(start, end):
                match = entries[i]
                result[i] = "\u3000" + (match.group(1).strip() if match else stripped[i])
            above = stripped[start - 1] if start else ""
            if above and len(above) <= _CONTENTS_HEADING_MAX and not _NUMBERS.search(above):
                result[start - 1] = "\u3000" + above
        start = end + 1
    return result


def _unwrapped_entries(lines: list[str]) -> list[str]:
    """The lines, an entry the contents wrapped over two (``5.1.5 使用 fontspec 宏包更改`` /
    ``字体 . . . 63``: a numbered line without its page, then the rest with its dots) as one."""
    result: list[str] = []
    i = 0
    while i < len(lines):
        line, after = lines[i].strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
        head = _ENTRY_NUMBER.match(line) and not _CONTENTS_ENTRY.match(line)
        if head and _dotted_line(after) and not _ENTRY_NUMBER.match(after):
            result.append(join_lines([line, after]))
            i += 2
            continue
        result.append(lines[i])
        i += 1
    return result


def _dotted_line(line: str) -> re.Match[str] | None:
    """A contents entry with its leader dots (``1.1 概述 . . . 1``), however short."""
    return _DOTTED_LINE.match(line) or _SHORT_LEADER_LINE.match(line)


def _unspaced(line: str) -> str:
    """A letter-spaced line (``第 一 章 概 述``: most Hanzi pairs spaced) without the spaces
    between its Hanzi; a line with a deliberate space (``第二章 用 LATEX``) keeps it."""
    spaced = len(_SPACE_BETWEEN_HAN.findall(line))
    if not spaced:
        return line
    glued = len(_HAN_PAIR.findall(line))
    return _SPACE_BETWEEN_HAN.sub("", line) if spaced > glued else line


def articles_from_pdf(
    data: bytes, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    try:
        text, code = pdf_text(data, progress)
    except NoTextLayer:
        from reader.core.importing.ocr import articles_from_scanned_pdf  # (NumPy: only here)

        document = _open(data)
        try:
            return articles_from_scanned_pdf(document, source, progress)
        finally:
            document.close()
    return with_indents(articles_from_text(text, source, progress), code)
