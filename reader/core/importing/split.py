"""Split a page of rebuilt paragraphs into articles and give each a title.

A newspaper page holds several articles, and extraction scrambles their order: headlines
often come after their article, or several headlines pile up between two reports. So:

1. **Boundaries.** A report starts at a byline paragraph (``新渝报讯（记者 …）``) or a jump
   line (``（上接1版）``), a book's chapter at its heading (``第一章 …``, which is its
   title); an article ends after a photo credit (``新渝报记者 谢凤 摄``) or a source line
   (``…。 据新重庆客户端``). The stretches between are *segments*.
2. **Headlines float.** Heading paragraphs (short, unpunctuated) at the start or end of a
   segment are not tied to it: each is given to the article on the page whose text shares
   the most of its character pairs, weighted by how rare each pair is on the page
   (``大足区`` is everywhere, ``国际朋友圈`` is not). Only when nothing is shared does it go
   to the article it stands next to. Only articles near it compete (a page holds a
   handful; a long file holds many pages). Headings in the middle of a segment stay in the text
   as subheadings.
3. **Titles.** A kicker line of a few characters (``大足区人大``) joins the headline after
   it. An article's first headline is its title, later ones (a subtitle) open its text.
   An article with no headline (a continuation from another page) is titled by its
   first words.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from reader.core.importing.reflow import (
    BYLINE,
    CLAUSE_PUNCT,
    NAMED_CHAPTER,
    SENTENCE_END,
    Paragraph,
    ParagraphKind,
    chapter_title,
    is_sentence_end,
    width,
)

KICKER_MAX_WIDTH = 6  # 大足区人大, 大足区政协: an organisation name over the real headline
TITLE_MAX_WIDTH = 20  # a title made from an article's first words
UNTITLED = "Untitled"
HEADLINE_REACH = 8  # a headline belongs to one of the 8 articles on either side of it
_WORD_CHAR = re.compile(r"[\w]", re.UNICODE)
_OPENING_QUOTES = "“‘「『\"'《"
_TITLES = (ParagraphKind.HEADING, ParagraphKind.CHAPTER)
_TRAILING_NUMBER = re.compile(r"\d+$")
# a book's name in 《》 alone or with its dynasty and author (《四字鉴略》 清 王仕云,
# 《飞剑记》 明 邓志谟著): the book is called by its name, the byline opens its text
_BOOK_HEADING = re.compile(
    r"^《([^《》]+)》(?:\s*([（(【\[]?(?:先秦|[秦汉漢晋晉隋唐宋辽遼金元明清]|[东西東][汉漢晋晉]"
    r"|[南北]宋|三国|三國|五代|民国|民國)[）)】\]]?\s*[\u4e00-\u9fff·]{2,6}"
    r"|[\u4e00-\u9fff·]{2,4}\s*(?:著|撰|编|編|编著|編著)))?$"
)
_NEWS = (ParagraphKind.BYLINE, ParagraphKind.JUMP, ParagraphKind.CREDIT)


@dataclass
class SplitArticle:
    title: str
    paragraphs: list[str]
    original: str


@dataclass
class _Draft:
    members: list[int]  # indices of the paragraphs of its segment that stay in it
    headlines: list[tuple[int, str]] = field(default_factory=list)  # (position, text)


def split_page(paras: list[Paragraph], raw_lines: list[str]) -> list[SplitArticle]:
    """The articles of a page; ``raw_lines`` are the lines ``paras`` were rebuilt from.

    Only a page with reports on it (a dateline, a jump line, a photo credit) is read as a
    newspaper page; any other text (a book, a law, a manual) keeps its order, split at
    its chapters (``split_book``).
    """
    if not any(p.kind in _NEWS for p in paras):
        return split_book(paras, raw_lines)
    segments = _segments(paras)
    drafts: list[_Draft] = []
    floating: list[tuple[list[int], int | None]] = []  # headline block, article it is next to
    orphans: list[int] = []  # paragraphs before the first article that are not headings
    for segment in segments:
        content = [i for i in segment if paras[i].kind not in _TITLES]
        has_body = any(paras[i].kind in (ParagraphKind.BODY, ParagraphKind.BYLINE) for i in content)
        if not has_body:
            floating.append(([i for i in segment if i not in content], None))
            if drafts:
                drafts[-1].members.extend(content)
            else:
                orphans.extend(content)  # e.g. a lone （上接1版）: it opens the first article
            continue
        first, last = content[0], content[-1]
        leading = [i for i in segment if i < first]
        trailing = [i for i in segment if i > last]
        drafts.append(_Draft(orphans + [i for i in segment if first <= i <= last]))
        orphans = []
        if leading and paras[leading[0]].kind is ParagraphKind.CHAPTER:
            drafts[-1].headlines.extend((i, paras[i].text) for i in leading[:1])
            drafts[-1].members[:0] = leading[1:]  # a chapter's subtitle opens its text
        elif leading:
            floating.append((leading, len(drafts) - 1))
        if trailing:
            floating.append((trailing, len(drafts) - 1))
    if not drafts:
        return _headings_only(paras, raw_lines)
    _assign_headlines(paras, drafts, floating)
    return [_finish(paras, raw_lines, draft) for draft in drafts]


def _segments(paras: list[Paragraph]) -> list[list[int]]:
    segments: list[list[int]] = [[]]
    for i, para in enumerate(paras):
        starts = para.kind in (ParagraphKind.BYLINE, ParagraphKind.JUMP, ParagraphKind.CHAPTER)
        if starts and segments[-1]:
            segments.append([])
        segments[-1].append(i)
        if para.closes_article:
            segments.append([])
    return [s for s in segments if s]


def _pieces(paras: list[Paragraph], block: list[int]) -> list[tuple[int, str]]:
    """Headlines of a block of heading paragraphs, kickers joined to what follows them."""
    pieces: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for i in block:
        text = paras[i].text
        if pending is not None:
            pieces.append((pending[0], pending[1] + text))
            pending = None
        elif width(text) <= KICKER_MAX_WIDTH and i != block[-1]:
            pending = (i, text)
        else:
            pieces.append((i, text))
    if pending is not None:
        pieces.append(pending)
    return pieces


def _pairs(text: str) -> set[str]:
    chars = "".join(_WORD_CHAR.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _assign_headlines(
    paras: list[Paragraph], drafts: list[_Draft], floating: list[tuple[list[int], int | None]]
) -> None:
    holders: dict[str, list[int]] = {}  # character pair → the articles whose text has it
    for k, draft in enumerate(drafts):
        for pair in _pairs("".join(paras[i].text for i in draft.members)):
            holders.setdefault(pair, []).append(k)
    total = len(drafts)
    for block, neighbour in floating:
        for position, text in _pieces(paras, block):
            anchor = neighbour if neighbour is not None else _nearest(drafts, position)
            scores: dict[int, float] = {}
            for pair in _pairs(text):
                found = holders.get(pair, [])  # ascending
                weight = math.log((total + 1) / max(len(found), 1))
                low = bisect.bisect_left(found, anchor - HEADLINE_REACH)
                high = bisect.bisect_right(found, anchor + HEADLINE_REACH)
                for k in found[low:high]:
                    scores[k] = scores.get(k, 0.0) + weight
            best = max(scores, key=lambda k: (scores[k], -abs(k - anchor)), default=anchor)
            drafts[best].headlines.append((position, text))


def _nearest(drafts: list[_Draft], position: int) -> int:
    """The article just before ``position`` (or the first one)."""
    before = [k for k, d in enumerate(drafts) if d.members[0] < position]
    return before[-1] if before else 0


def _finish(paras: list[Paragraph], raw_lines: list[str], draft: _Draft) -> SplitArticle:
    headlines = sorted(draft.headlines)
    body = [paras[i].text for i in draft.members]
    if headlines:
        title = headlines[0][1]
        body = [text for _, text in headlines[1:]] + body
    else:
        title = title_from_text(body)
    sources = sorted(set(draft.members) | {position for position, _ in draft.headlines})
    original = "\n\n".join(
        "\n".join(raw_lines[paras[i].first_line : paras[i].last_line + 1]) for i in sources
    )
    return SplitArticle(title, body, original)


def split_book(paras: list[Paragraph], raw_lines: list[str]) -> list[SplitArticle]:
    """A text in reading order, one article per chapter titled by its heading.

    What stands before the first chapter opens it when it is headings only (the book's
    title and author: not the chapter's title; its contents, a list of the chapters the
    reader now has as articles, leave the text), else it is an article of its own (a
    preface). A "chapter" with nothing but headings under it (a line of the contents)
    stays with the text before it. No chapters: one article, titled by its first line
    when that is a heading, else by its first words.
    """
    starts, contents = _chapter_starts(paras)
    groups: list[list[int]] = [[]]
    for i in range(len(paras)):
        if i in starts and groups[-1]:
            groups.append([])
        groups[-1].append(i)
    merged: list[list[int]] = []
    for group in groups:
        has_body = any(paras[i].kind not in _TITLES for i in group[1:] if i not in contents)
        if merged and not has_body:
            merged[-1].extend(group)  # a contents line, or a heading with nothing after it
        else:
            merged.append(group)
    front = merged[0]
    skipped: set[int] = set()
    if len(merged) > 1 and all(paras[i].kind is ParagraphKind.HEADING for i in front):
        chapter = merged[1]
        merged = [[chapter[0], *front, *chapter[1:]], *merged[2:]]
        skipped = contents & set(front)
    return [_book_article(paras, raw_lines, group, skipped) for group in merged]


def _chapter_starts(paras: list[Paragraph]) -> tuple[set[int], set[int]]:
    """The chapter headings that start a chapter, and the contents lines: those whose
    heading (without its page number) comes again later in the text."""
    chapters = sorted(
        {i for i, p in enumerate(paras) if p.kind is ParagraphKind.CHAPTER} | _named(paras)
    )
    keys = {i: _TRAILING_NUMBER.sub("", "".join(paras[i].text.split())) for i in chapters}
    last = {key: i for i, key in keys.items()}
    starts = {i for i in chapters if last[keys[i]] == i}
    return starts, set(chapters) - starts


def _named(paras: list[Paragraph]) -> set[int]:
    """The headings of a classical book's chapters (释诂第一 … 释畜第十九), if it has a
    first and a second (安全第一 alone is a motto)."""
    found = {
        i: match.group(1)
        for i, p in enumerate(paras)
        if p.kind is ParagraphKind.HEADING and (match := NAMED_CHAPTER.match(p.text))
    }
    return set(found) if {"一", "二"} <= set(found.values()) else set()


def _book_article(
    paras: list[Paragraph], raw_lines: list[str], group: list[int], skipped: set[int]
) -> SplitArticle:
    """``skipped`` paragraphs (a contents) leave the text but stay in the original."""
    texts = [paras[i].text for i in group if i not in skipped]
    first = paras[group[0]]
    book = _BOOK_HEADING.match(texts[0]) if first.kind is ParagraphKind.HEADING else None
    if book and len(group) > 1:
        title, body = book.group(1).strip(), [b for b in (book.group(2), *texts[1:]) if b]
    elif first.kind is ParagraphKind.CHAPTER or (
        first.kind is ParagraphKind.HEADING and len(group) > 1
    ):
        title, body = chapter_title(texts[0]), texts[1:]
    else:
        title, body = title_from_text(texts), texts
    original = "\n".join(
        raw_lines[line]
        for i in sorted(group)
        for line in range(paras[i].first_line, paras[i].last_line + 1)
    )
    return SplitArticle(title, body or texts, original)


def _headings_only(paras: list[Paragraph], raw_lines: list[str]) -> list[SplitArticle]:
    """A text of headings only (a list, a poem): one article, titled by its first line."""
    texts = [p.text for p in paras]
    return [SplitArticle(texts[0], texts[1:] or texts[:1], "\n".join(raw_lines).strip())]


def title_from_text(paragraphs: list[str]) -> str:
    """A title from an article's first words: its first clause(s), up to ~20 characters.

    The byline (``新渝报讯（记者 …）``) and opening quotes are skipped; whatever is left,
    the title is never empty.
    """
    first = next(
        (
            p
            for p in paragraphs
            if width(p) > TITLE_MAX_WIDTH / 2 or any(c in SENTENCE_END for c in p)
        ),
        paragraphs[0] if paragraphs else "",
    )
    byline = BYLINE.match(first)
    after_byline = first[byline.end() :] if byline else first
    for text in (after_byline, first):
        title = _clip(_first_sentence(text.lstrip(_OPENING_QUOTES).strip()))
        if title.strip("…"):
            return title
    return first.strip() or UNTITLED


def _first_sentence(text: str) -> str:
    for i in range(1, len(text)):
        if is_sentence_end(text, i):
            return text[:i]
    return text


def _clip(sentence: str) -> str:
    """At most ``TITLE_MAX_WIDTH``, cut after a whole clause where there is one."""
    if width(sentence) <= TITLE_MAX_WIDTH:
        return sentence
    cut, used = 0, 0.0
    for i, char in enumerate(sentence):
        if char in CLAUSE_PUNCT and i >= 4:
            cut = i
        used += width(char)
        if used > TITLE_MAX_WIDTH:
            if cut == 0:
                cut = i
            break
    return sentence[:cut] + "…"
