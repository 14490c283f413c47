"""What the main-text extractors get wrong on real pages: mended in the page before they
read it (``prepare``), and what they keep that is not the article dropped after
(``trim_tail``). Nothing here names a site: each rule is a shape pages share.

Before extraction, on the page's tree:

- What the page hides goes (``hidden``, ``style="display:none"``, ``class="hide"``): a
  reader never sees it, and an extractor that reads it takes it for text (a manual's
  hidden menu of English blurbs was read instead of the headed lists the page shows).
  Not when it holds most of the page's text (a page that a script reveals).
- ``<code>`` is unwrapped wherever it is: it marks only the look of a word, and
  trafilatura reorders nested ones (``<code>/<em><code>whatever</code></em>.iso</code>``
  came out as "/，whatever.iso").
- Inline markup inside a sentence (``span``, ``font``, ``em``, ``strong`` …) is unwrapped:
  trafilatura drops an element whose class says ``menu``, ``bar`` or ``meta``, and a
  manual's ``<span class="guimenuitem">Start menu</span>`` is a word of its sentence
  ("显示有两个可能， 和 。" was what was left).
- A definition list's term (``<dt>``) is a paragraph: trafilatura drops every ``<dt>``,
  and a manual's terms (RAID0, Passphrase, Key size: 256) head what follows them.
- A block that holds only an image is a line break: the text before it and after it are
  two lines ("…789间。" and "资料图" were glued into one).
- Captions go: a ``<figcaption>``; the line just after an image that repeats the image's
  own description (its ``alt``) or credits the photo (``…摄``, ``（…提供）``, ``资料图``,
  ``图为…``, ``▲…``).
- Teasers go: a paragraph that ends in a short bracketed link (``【详细】``, ``[更多]``,
  ``更多>>``) is a card for another page, not this one's text.

After extraction: a control's label left before the text (字号, the font-size button) and,
from the end of the text, site notices (a paragraph naming the site
itself, by the name its title ends with or the domain its links point to: a paywall
notice, the platform's disclaimer, an invitation to write in) and calls to action (scan
the QR code, reply 【…】, tap 【在看】, follow the account), at most half of the text.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from reader.core.importing.reflow import ends_sentence

_INLINE = frozenset(
    {
        "span",
        "font",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "small",
        "big",
        "var",
        "kbd",
        "samp",
        "tt",
        "abbr",
        "acronym",
        "cite",
        "dfn",
        "mark",
        "q",
        "ins",
        "del",
    }
)
_TEXT_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
)
_BLOCKS = _TEXT_BLOCKS | {
    "div",
    "section",
    "article",
    "figure",
    "figcaption",
    "center",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "pre",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "body",
}
_IMAGE_BLOCKS = frozenset({"p", "div", "figure", "center"})
_IMAGES = frozenset({"img", "picture", "svg"})
_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# a photo's credit or label: "▲记者某某摄", "（消防局提供）", "资料图", "图为…", "圖／…"
_CREDIT = re.compile(
    r"^[▲△▼↑]|^(?:图|圖|图片|圖片)\s*(?:[为為：:／/|丨]|来源|來源)|^(?:资料图|資料圖)"
    r"|(?:摄|攝|提供|供图|供圖|资料图|資料圖|截图|截圖)\s*[)）]?$"
)
_CAPTION_MAX_CHARS = 80
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASSES = frozenset({"hide", "hidden"})
_HIDDEN_MAX_SHARE = 0.5  # of the page's text: more is a page a script shows
# a link that only says "more": 【详细】, [更多], 〔全文〕, 更多>>, 阅读全文 »
_MORE_LINK = re.compile(
    r"^(?:[【\[［〔〖]\s*[^\W\d_]{1,6}\s*[】\]］〕〗]|[^\W\d_]{0,6}\s*[>»›]{1,3})$"
)
_TEASER_MAX_CHARS = 400
# asked of the reader, not told: scan, reply 【…】, tap 【在看】, follow, forward
_CALL_TO_ACTION = re.compile(
    r"二维码|二維碼|扫码|掃碼|长按|長按|菜单栏|選單|"
    r"(?:回复|回覆|点击|點擊|点|點|搜索|輸入|输入)\s*【|【在看】|点赞|點讚|"
    r"关注我们|關注我們|(?:关注|關注|订阅|訂閱)[^，。]{0,8}(?:公众号|公眾號|账号|帳號)|欢迎转发|歡迎轉發"
)
_CALL_MAX_CHARS = 60
_DANGLING_MAX_CHARS = 6
_LABEL = re.compile(r"^[^\W\d_]+$")
_LABEL_MAX_CHARS = 4
_HEAD_LINE_MAX_CHARS = 40
_NOTICES_MAX = 3
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "co", "ac"})
# A site suffix: what follows a separator at the end of a title. "-" separates only after
# a Hanzi or a space (so COVID-19 stays whole); _ | and the long dashes always do.
_SUFFIX = re.compile(r"(?:\s*(?:[_|｜]|--|——|–|—)\s*|(?<=[\u4e00-\u9fff)）])-|\s+-\s+)([^_|｜]*)$")
_SUFFIX_MAX_CHARS = 16


@dataclass(frozen=True)
class PreparedPage:
    html: str  # the page mended for the extractors
    site: tuple[str, ...]  # how the page names its site: title suffixes, its own domain


def _compact(text: str) -> str:
    return _SPACES.sub("", text)


def _walk(root: Any) -> Iterator[tuple[Any, Any]]:
    """(element, nearest enclosing block) for every element, without recursion."""
    stack: list[tuple[Any, Any]] = [(root, None)]
    while stack:
        element, block = stack.pop()
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        yield element, block
        inner = element if element.tag in _BLOCKS else block
        stack.extend((child, inner) for child in reversed(element))


@dataclass
class _Census:
    """Per element, counted once from the leaves up (so no check re-reads a subtree):
    whether it holds text, an image, a block. Keyed by ``id``: ``elements`` keeps lxml's
    element objects alive, so an id stays that element's."""

    elements: list[Any]
    text: set[int]
    image: set[int]
    block: set[int]

    def only_image(self, element: Any) -> bool:
        key = id(element)
        return element.tag in _IMAGE_BLOCKS and key in self.image and key not in self.text

    def leaf_block(self, element: Any) -> bool:
        return id(element) not in self.block


def _census(root: Any) -> _Census:
    census = _Census(list(root.iter()), set(), set(), set())
    for element in reversed(census.elements):  # children before their parents
        key = id(element)
        if (element.text or "").strip() and isinstance(element.tag, str):
            census.text.add(key)
        if element.tag in _IMAGES:
            census.image.add(key)
        for child in element:
            child_key = id(child)
            if child_key in census.text or (child.tail or "").strip():
                census.text.add(key)
            if child_key in census.image:
                census.image.add(key)
            if child_key in census.block or child.tag in _BLOCKS:
                census.block.add(key)
    return census


def _hidden(element: Any) -> bool:
    """An element the page never shows (by its own attributes, not a style sheet's)."""
    classes = (element.get("class") or "").split()
    return (
        element.get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
        or any(name.lower() in _HIDDEN_CLASSES for name in classes)
    )


def _drop_hidden(root: Any) -> None:
    """Remove what the page hides, unless that is most of its text."""
    outermost: list[Any] = []
    stack = list(root)
    while stack:  # (a hidden element's descendants are not visited: linear)
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _hidden(element):
            outermost.append(element)
        else:
            stack.extend(element)
    if not outermost:
        return
    total = len(_compact(root.text_content()))
    if sum(len(_compact(e.text_content())) for e in outermost) > total * _HIDDEN_MAX_SHARE:
        return
    for element in outermost:
        _remove(element)


def _alt_texts(element: Any) -> set[str]:
    return {
        _compact(image.get("alt") or image.get("title") or "")
        for image in element.iter("img")
        if (image.get("alt") or image.get("title"))
    }


def _is_caption(text: str, alts: set[str]) -> bool:
    compact = _compact(text)
    if not compact or len(compact) > _CAPTION_MAX_CHARS:
        return False
    return compact in alts or bool(_CREDIT.search(compact))


def _drop_caption_after(image_block: Any, alts: set[str]) -> None:
    """The line after an image: its tail up to the next break or block, else the next
    small block; dropped if it is a caption."""
    following = image_block.getnext()
    tail = image_block.tail or ""
    if tail.strip():
        if (following is None or following.tag == "br" or following.tag in _BLOCKS) and (
            _is_caption(tail, alts)
        ):
            image_block.tail = None
        return
    if (
        following is not None
        and following.tag in _BLOCKS | {"span"}
        and len(following) <= 3
        and _is_caption(following.text_content(), alts)
    ):
        _remove(following)


def _remove(element: Any) -> None:
    element.drop_tree()  # (lxml keeps the element's tail in its place)


def _to_line_break(element: Any) -> Any:
    import lxml.html

    line_break = lxml.html.Element("br")
    line_break.tail = element.tail
    parent = element.getparent()
    if parent is not None:
        parent.replace(element, line_break)
    return line_break


def _is_teaser(block: Any) -> bool:
    """A small paragraph (no block inside) whose last words are a "more" link."""
    text = _compact(block.text_content())
    if not text or len(text) > _TEASER_MAX_CHARS:
        return False
    links = [_compact(a.text_content()) for a in block.iter("a")]
    return bool(links) and bool(_MORE_LINK.match(links[-1])) and text.endswith(links[-1])


def _domain(url: str) -> str:
    """``http://image.thepaper.cn/x.jpg`` → ``thepaper.cn``; "" for a relative address."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    labels = host.split(".")
    if len(labels) < 2:
        return ""
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _own_domain(root: Any) -> str:
    """The domain most of the page's own links and pictures point to."""
    counts = collections.Counter(
        _domain(value)
        for element in root.iter("a", "img", "link", "script")
        for value in (element.get("href"), element.get("src"))
        if value
    )
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else ""


def strip_site_suffix(title: str) -> str:
    """``法国全国大罢工再次严重影响交通-新华网`` → ``法国全国大罢工再次严重影响交通``."""
    return _split_site_suffix(title)[0]


def site_suffixes(title: str) -> list[str]:
    """What a page title ends with after its headline: ``["人民网", "文化"]``."""
    return _split_site_suffix(title)[1]


def _split_site_suffix(title: str) -> tuple[str, list[str]]:
    title = " ".join(title.split())
    suffixes: list[str] = []
    while (match := _SUFFIX.search(title)) and match.start() >= 4:
        if len(match.group(1).strip()) > _SUFFIX_MAX_CHARS:
            break
        suffixes.append(match.group(1).strip())
        title = title[: match.start()].rstrip()
    return title, suffixes


def site_names(suffix: str, domain: str) -> tuple[str, ...]:
    """The words that name a site: the title's last suffix when it has three characters
    or more (a two-character one is a section, 社會 or 政务, and the sections stand before
    the site: …_政务_澎湃新闻), its Hanzi alone (中央社 of 中央社 CNA), and its domain."""
    names: list[str] = []
    suffix = suffix.strip()
    if len(suffix) >= 3:
        names.append(suffix)
        names.extend(h for h in re.findall(r"[\u4e00-\u9fff]{3,}", suffix) if h != suffix)
    if domain:
        names.append(domain)
    return tuple(dict.fromkeys(names))


def prepare(html: str) -> PreparedPage:
    """The page mended for the extractors (see the module docstring), and its site's
    names."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html))
    except (ValueError, TypeError, lxml.etree.ParserError):
        return PreparedPage(html, ())
    title = root.findtext(".//title") or ""
    _drop_hidden(root)
    for term in root.iter("dt"):
        term.tag = "p"
    census = _census(root)
    unwrap: list[Any] = []
    images: list[Any] = []
    dropped: list[Any] = []
    for element, block in _walk(root):
        if element.tag == "code" or (
            element.tag in _INLINE and block is not None and block.tag in _TEXT_BLOCKS
        ):
            unwrap.append(element)
        if element.tag == "figcaption" or (
            element.tag in _TEXT_BLOCKS | {"div"}
            and census.leaf_block(element)
            and _is_teaser(element)
        ):
            dropped.append(element)
        elif census.only_image(element):
            parent = element.getparent()
            if parent is None or not census.only_image(parent):
                images.append(element)
    for element in dropped:
        if element.getparent() is not None:
            _remove(element)
    for image in images:
        parent = image.getparent()
        if parent is None:
            continue
        _drop_caption_after(image, _alt_texts(image))
        _to_line_break(image)
    for element in unwrap:
        if element.getparent() is not None:
            element.drop_tag()
    domain = _own_domain(root)
    page = lxml.html.tostring(root, encoding="unicode")
    suffixes = site_suffixes(title)
    return PreparedPage(page, site_names(suffixes[0] if suffixes else "", domain))


def _names_site(paragraph: str, site: tuple[str, ...]) -> bool:
    lowered = paragraph.lower()
    return any(name.lower() in lowered for name in site)


def _dangling(text: str) -> bool:
    """A short label with nothing after it (a heading left at the very end: 特别声明
    whose statement the extractors left out)."""
    return len(text) <= _DANGLING_MAX_CHARS and not ends_sentence(text) and "：" not in text


def drop_leading_labels(blocks: list[tuple[str, bool]]) -> list[str]:
    """The texts of (text, is heading) blocks without the controls' labels standing alone
    among the short lines before the first sentence (字号, the font-size button: a word of
    four letters or fewer, no number, not a heading)."""
    head = 0
    while head < len(blocks) and len(blocks[head][0]) <= _HEAD_LINE_MAX_CHARS:
        if ends_sentence(blocks[head][0]):
            break
        head += 1
    return [
        text
        for i, (text, heading) in enumerate(blocks)
        if i >= head or heading or not (len(text) <= _LABEL_MAX_CHARS and _LABEL.match(text))
    ] or [text for text, _ in blocks]


def _calls_to_action(text: str) -> bool:
    """A short line asking the reader to do something (not a sentence of the story, which
    ends in 。: "该公众号已被封禁。")."""
    return (
        len(text) <= _CALL_MAX_CHARS
        and not text.endswith("。")
        and bool(_CALL_TO_ACTION.search(text))
    )


def trim_tail(paragraphs: list[str], site: tuple[str, ...]) -> list[str]:
    """The text without the site notices, calls to action and dangling labels it ends
    with (at most half of it). A label dangles alone: short lines after short lines are
    verse (红豆生南国 / 春来发几枝 / …), which stays."""
    kept = list(paragraphs)
    floor = max(1, len(kept) - max(1, len(kept) // 2))
    notices = 0
    while len(kept) > floor:
        last = kept[-1]
        alone = _dangling(last) and not (len(kept) > 1 and _dangling(kept[-2]))
        if notices < _NOTICES_MAX and _names_site(last, site):
            notices += 1
        elif not (alone or _calls_to_action(last)):
            break
        kept.pop()
    return kept
