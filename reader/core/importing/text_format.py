"""Plain text (a .txt file, pasted text, a PDF's text layer) → rebuilt, split articles."""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core.importing.article import ImportedArticle, make_article
from reader.core.importing.errors import ImportFailed
from reader.core.importing.file_title import file_title
from reader.core.importing.limits import check_length
from reader.core.importing.reflow import paragraphs
from reader.core.importing.split import SplitArticle, split_page, title_from_text
from reader.core.progress import Progress

# A download site's line at the top or the end of a file: its address and its pitch.
_BANNER = re.compile(
    r"(?:https?://|www\.)\S+.*(?:电子书|小说|下载|網友|网友|免费|阅读|閱讀|txt|TXT)"
    r"|(?:电子书|小说|下载|网友|免费|txt|TXT).*(?:https?://|www\.)",
    re.IGNORECASE,
)
_BANNER_REACH = 5  # non-blank lines from either end
_BANNER_LINE_MAX = 40  # a line this short that is an advertisement, anywhere in the text
# a rendered man page's last line: the same word at both ends of a spread-out line
# (``BSD    September 25, 1999    BSD``)
_MAN_FOOTER = re.compile(r"^(\S+) {3,}\S.* {3,}\1$")
# its first line: the page's name and section at both ends (``SSH(1)   BSD General … SSH(1)``)
_MAN_HEADER = re.compile(r"^(\S+\(\w+\)) {3,}\S.* {3,}\1$")
_MAN_NAME_REACH = 4  # non-blank lines after the header that may hold the NAME line
_MAN_NAME_LINE = re.compile(r"^\S+(?:, \S+)* [—–-] \S")  # ``ssh — OpenSSH SSH 客户端``
# an item's number: 1. / 1、 / (1) / 第一、 / 一、 (not 1.5亿: a number's point)
_ITEM_NUMBER = re.compile(
    r"^(?:\d{1,3}\s*[.．、)）](?!\d)|[（(]\d{1,3}[)）]|第?[一二三四五六七八九十]{1,3}[、，,：:])\s*"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def drop_site_banners(text: str) -> str:
    """The text without the banner lines a download site adds at its start and end (and
    the short ones it slips in between, with the blank lines around them: one that cut a
    sentence in two leaves it whole), or a man page's footer."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    ends = set(filled[:_BANNER_REACH] + filled[-_BANNER_REACH:])

    def banner(i: int, line: str) -> bool:
        short = len(line.strip()) <= _BANNER_LINE_MAX
        if filled and i == filled[-1] and _MAN_FOOTER.match(line.strip()):
            return True
        return (i in ends or short) and bool(_BANNER.search(line))

    kept: list[str] = []
    closed = False  # a banner inside the text was just dropped: so are the blanks after it
    for i, line in enumerate(lines):
        if banner(i, line):
            if i not in ends:  # one slipped in mid-text, maybe mid-sentence: the blank lines
                while kept and not kept[-1].strip():  # around it went with it, so the
                    kept.pop()  # lines on either side join as the text would have
                closed = True
            continue
        if closed and not line.strip():
            continue
        closed = False
        kept.append(line)
    return "\n".join(kept)


def man_page_title(text: str) -> str | None:
    """A rendered man page's title: its NAME line (``ssh — OpenSSH SSH 客户端 (远程登录程序)``),
    else the name and section its header gives (``SSH(1)``); None for any other text. The
    header line itself (name, manual, name) reads as no title."""
    filled = (line.strip() for line in text.split("\n") if line.strip())
    header = _MAN_HEADER.match(next(filled, ""))
    if header is None:
        return None
    for _, line in zip(range(_MAN_NAME_REACH), filled, strict=False):
        if _MAN_NAME_LINE.match(line):
            return line
    return header.group(1)


def _untitled_text_title(article: SplitArticle, file_name: str | None) -> str:
    """The title of a text with no heading to title it (its first words did): the file's
    name when it says what the text is in Chinese (``论语.txt``; a Latin name such as
    ``lunyu_numbered`` reads worse than the text's own words), else the first words, an
    item's number never opening them (``1. 子曰：「學而時習之…``)."""
    first = article.paragraphs[0] if article.paragraphs else ""
    numbered = _ITEM_NUMBER.match(first)
    named = file_title(file_name) if file_name else None
    if named and _HAN.search(named):
        return named
    if numbered and first[numbered.end() :].strip():
        return title_from_text([first[numbered.end() :], *article.paragraphs[1:]])
    return article.title


def articles_from_text(
    text: str, source: str, progress: Progress | None = None, file_name: str | None = None
) -> list[ImportedArticle]:
    """``file_name`` (without its extension) may title a text that has no heading: a file's,
    not a pasted text's or a PDF's (which has its own title page)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ImportFailed("There is no text to import.")
    check_length(len(text))
    text = drop_site_banners(text)
    paras = paragraphs(text, progress)
    split = split_page(paras, text.split("\n"))
    man_title = man_page_title(text)
    if man_title and split:
        split[0] = replace(split[0], title=man_title)
    elif len(split) == 1 and split[0].title == title_from_text(split[0].paragraphs):
        split[0] = replace(split[0], title=_untitled_text_title(split[0], file_name))
    return [make_article(a.title, a.paragraphs, a.original, source) for a in split]
