"""Rebuild paragraphs from hard-wrapped text (text extracted from print or a PDF).

A line ends its paragraph when it ends a sentence (。！？… or ?! ., possibly followed by
closing quotes or brackets: 。” ！」 …）), or at a clear structural break:

- a *short* line (clearly narrower than the column it sits in) followed by a blank line:
  the writer ended it on purpose (a headline, a section marker, an unpunctuated ending);
- a line that is a structure of its own: a jump line ``（上接1版）``, a photo credit
  ``新渝报记者 谢凤 摄``, a lone section numeral ``一`` or ``三、``, a row of numbers under a
  label (``新增 17 18 35 68``), a FAQ's numbered question (``28 在 CJK 中如何…？``);
- the next line starts a report (``新渝报讯（记者 …）``, ``新华社北京6月5日电（…）``), a list
  item (``• …``, ``– …``, ``1. …``, ``1) …``) or a copyright notice, or is indented;
- in a text of fewer than five lines (a pasted note), any blank line.

A short line that opens a paragraph is a heading (its next lines are full), unless it holds
a clause, or leads into a line of code (``用法是`` / ``\\renewcommand…``), or the next line
goes on with a gloss and a comma (``积分号 ∫`` / ``(\\int)、求和号…``).

A blank line after a full-width line that does not end a sentence does *not* end the
paragraph: print extraction puts blank lines in mid-sentence (平仓 / blank / 后成功).
Lines are joined without a space (Chinese has none), except between two Latin words.

Widths count a Hanzi as 1 and an ASCII character as 1/2 (digits and Latin letters are
half-width in print); the column width is estimated from the lines around each line, so
a page with columns of different widths is handled.

The short lines that open hard-wrapped text (a title page: title, version, author, date)
are paragraphs of their own.

Text whose lines mostly end sentences (a file with one paragraph per line), or whose lines
are all short (verse: no line 8 Hanzi wide), is not hard-wrapped: there every line is a
paragraph, except where the line was cut: at a clause comma, at the text's widest column (a
glossary cut at 33 Hanzi; not a verse's), in a speech that the next line closes (also one
opened lines before, the line stopping on a bare Hanzi), or across a line of an indent
alone (　　), which an editor left behind.

Spaces that extraction put between Hanzi and digits are removed (``2022年 9月`` →
``2022年9月``), unless the document spaces its numbers off the Hanzi (``共有 89 个问题``:
then ``版本 6.03，`` is the writer's too); a space between Hanzi and a Latin word is removed
when it is one-sided (``文化 IP创新`` → ``文化IP创新``) and kept when the Latin word is
spaced on both sides (``用 IP 创新``, a deliberate style), and spaces inside Latin runs
(``Hello world``) stay. Spaces beside full-width punctuation go where the text has them as a
habit (extraction's); one a book left where it lost a character (``脚上一 ，``) stays.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import math
import re
import string
from dataclasses import dataclass
from enum import Enum

from reader.core.progress import Progress

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SENTENCE_END = frozenset("。！？…!?.")
_CLOSERS = "”’」』）)》〉】\"'"
CLAUSE_PUNCT = frozenset("，、；：,;:")
SHORT_RATIO = 0.8
_WINDOW = 10
HEADING_MAX_WIDTH = 40
_WRAPPED_MIN_SHARE = 0.3
_WRAPPED_MIN_WIDTH = 8  # a text wrapped at a column has some line this wide (verse has not)
_FEW_LINES = 5  # a text this short (a pasted note): a blank line in it is always a break
_COMMON_INDENT_SHARE = 0.6  # the commonest indent, which 60 % of the lines have at least
_BLOCK_OPEN_SHARE = 0.2  # blank-separated blocks: at most 1 in 5 may end mid-sentence
_ITEM_HEAD = re.compile(
    r"^ *[\x21-\x7e]{1,24} {2,}(?=\S)"
)  # ``     -n      ``: an item, spaced off
_TAIL_MAX_WIDTH = 2  # 也。: the end of a sentence wrapped onto a line of its own
_WRAP_MIN_LINES = 5  # a wrap column: at least 5 lines, and 2 % of them, stop at it
_WRAP_MIN_SHARE = 0.02
_COUNTED_MIN_WIDTH = 5
_COLUMN_QUANTILE = 0.98
_CUT_MIN_WIDTH = 20  # a re-wrap column is a screen's line, not a verse's
_DOUBLE_SPACED_SHARE = 0.9  # of the lines followed by a blank one: blanks are line spacing
_CLAUSE_MARKS = "，、；。"
_CUT_CLAUSE_MARKS = "，、；,;"  # not a colon: 诗曰： ends a line before its verse
_SPACE_RUN = re.compile(r" {2,}")
_LATIN_START = frozenset("/$~\\") | frozenset(string.ascii_letters)  # \ opens a TeX command
_LATIN_END = frozenset(")/") | frozenset(string.ascii_letters)
_LATIN_SPACED_MIN = 10
_LATIN_SPACED_RATIO = 3  # spaced this many times as often as glued: the habit, not a mix
_HYPHEN = "\u2010"  # the hyphen typesetters break words with (ASCII's may be the word's)
_LATIN_PUNCTUATION = frozenset(",.;:!?)")
_LATIN_CLOSERS = frozenset(")]}>\"'")
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"))
_QUOTE_MARKS = frozenset("“”「」『』")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_CONTINUATION = re.compile(r"^[，。、；：！？）」』”’,;:!?)]")

# A report's dateline: a paper's or site's 讯 (新渝报讯, 本报讯) or an agency's 电 after a date
# or its name (新华社北京6月5日电, 据新华社电), then the reporter in brackets. Not any word
# ending in 讯 or 电 before a bracket: 通讯（IPC）, 充电（快充）.
BYLINE = re.compile(
    r"^(?:[^\s，。！？]{0,22}(?:报|報|网|網|台|社|刊|站)(?:讯|訊)|[^\s，。！？]{0,22}(?:日|社)(?:电|電))"
    r"\s*[（(][^）)\n]{0,40}[）)]"
)
JUMP_LINE = re.compile(r"^[（(](?:上接|下转|下轉|接上|紧接|緊接|转|轉)[^）)]{0,12}[）)]$")
CREDIT = re.compile(r"^[^，。！？\n]{0,30}\s(?:摄|摄影|攝|攝影)$")
SECTION = re.compile(r"^(?:[一二三四五六七八九十〇]{1,3}|\d{1,2})[、.．]?$")
BULLET = re.compile(r"^[•◦▪●■□◆◇►▶–]\s")  # a list item starts a line of its own (– a nested one)
NUMBERED_ITEM = re.compile(r"^\d{1,3}(?:\.\s|[)）])")  # 1. … or 1) …: so does a numbered one
# a numbered question, as a FAQ sets it on a line of its own (``28 在 CJK 中如何调整汉字的间距？``),
# maybe with a word of a margin's note that extraction put after it (``…软件？Revised``)
NUMBERED_QUESTION = re.compile(r"^\d{1,3}\s+[^\s\d].{0,60}[？?](?:\s*[A-Za-z]{1,10})?$")
# a line that goes on with a gloss and a comma (积分号 ∫ / (\int)、求和号…): a heading's
# next line never does
_GLOSS_GOES_ON = re.compile(r"^[（(][^）)]{0,30}[）)][，、；,;]")
# a line that is an address, which the sentence before it goes on with (CTAN 提供了一个搜索
# 引擎 / http://www.ctan.org/search.html): a heading is over text, not over a link
_URL = r"(?:(?:https?|ftp)://|www\.)[!-~]+"
_URL_LINE = re.compile(rf"^{_URL}$", re.IGNORECASE)
_URL_START = re.compile(rf"^{_URL}(?:\s|$)", re.IGNORECASE)
_URL_END = re.compile(rf"(?<![A-Za-z0-9.]){_URL}$", re.IGNORECASE)
_CODE_MARKS = "\\{}$^_&%=;<>"
_CODE_MIN = 2
# a copyright notice starts a paragraph (a page's legend above it is not its start)
COPYRIGHT = re.compile(r"^(?:Copyright\b|©\s*\d{4}|\(C\)\s*\d{4}|版权所有|版權所有)", re.IGNORECASE)
# a row of a table or a legend: a label, then numbers alone (``新增 17 18 35 68``)
NUMBER_ROW = re.compile(r"^\S{1,12}(?:\s+\d{1,4}(?:[.,]\d+)?%?){3,}$")
# A numbered section heading as print sets it on a line of its own (``1.2 第一次使用 LATEX``,
# ``§3.1 数学公式``), or a contents line with its page number (``7.1 绘图语言简介 87``):
# numbers with a dot, then words (not a lower-case one: ``2.09 written in German by``)
# without a clause or sentence mark
NUMBERED_HEADING = re.compile(
    r"^§?\s*\d{1,2}(?:\.\d{1,2}){1,3}\s+[^\s\da-z，。、；：！？,;:!?][^，。、；：！？,;:!?]{0,40}$"
)
# A chapter heading, also behind the prefixes download sites and Markdown give it
# (正文 第一章 …, ## 第一章：…, 《》目录 第一回 …); ``chapter_title`` drops the prefix. A
# textbook's lessons are its chapters (第一课 问候, Lesson 1: 你好，朋友).
CHAPTER = re.compile(
    r"^(?:(?:#{1,6}\s*|正文\s*|目录\s*)?(第[一二三四五六七八九十百千〇零两\d]+[章节回卷部篇课課].*"
    r"|(?:[Ll]esson|LESSON|[Uu]nit|UNIT) ?\d{1,3}\b.*)"
    r"|《[^》]{0,20}》\s*目录\s*(\S.*))$"
)
# a classical book's chapter, its name and its number (释诂第一, 学而第一, 逍遥游第一): a
# line of its own; ``split`` makes it a chapter where the text has a first and a second
NAMED_CHAPTER = re.compile(r"^[\u4e00-\u9fff]{1,4}第([一二三四五六七八九十百]{1,4})$")
ATTRIBUTION = re.compile(
    r"[。！？”」』]\s*[（(]?(?:据|據|来源[:：]|來源[:：]|摘自|转自|轉自)[^，。\s]{1,20}[）)]?$"
)
_INDENT = re.compile(r"^(?:\u3000|\t| {2,})")

# a space extraction put on one side of a number (年 9月, 达 95.32万, 为 77.77%，): one on
# both sides is the writer's (1999 文鼎科技, 共 3 个), and so is one before an address or a
# date that runs to a space or a mark (为 10.0.0.0/8 网络, 发布于 2013-03-03。)
_SPACE_HAN_DIGIT = re.compile(rf"(?<=[{_HAN}]) +(?=\d[\d.,%]*(?:[^!-~ ]|$)|\d[!-~]*[{_HAN}])")
_SPACE_DIGIT_HAN = re.compile(rf"(?<=[{_HAN}])(\d[\d.,%]*) +(?=[{_HAN}])")
# a number between two Hanzi, spaced off both (共有 89 个: the writer's) or off one only
# (达 95.32万, 1000 亿: extraction's)
_NUMBER_SPACED = re.compile(rf"[{_HAN}] +\d[\d.,%]* +[{_HAN}]")
_NUMBER_ONE_SIDED = re.compile(rf"[{_HAN}] +\d[\d.,%]*[{_HAN}]|[{_HAN}]\d[\d.,%]* +[{_HAN}]")
# a space inside full-width punctuation, which holds its own space (更多版本 （可能 ） ：):
# after a clause mark or an opening one, before a clause mark, a closing one or （; not
# after a closing one or before 《「 (《四字鉴略》 清 王仕云: fields of a title line)
_SPACE_BY_FULL_WIDTH = re.compile(
    r"(?<=[，。、；：！？（「『【《〈]) +(?=\S)|(?<=\S) +(?=[，。、；：！？）」』】》〉（])"
)
_FULL_WIDTH_MARK = re.compile(r"[，。、；：！？（）「」『』【】《》〈〉]")
_SPACED_MARKS_SHARE = 0.01
_SPACED_MARKS_MIN = 3
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.&'+\-]*(?: [A-Za-z0-9][A-Za-z0-9.&'+\-]*)*")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_LATIN_SPACED = re.compile(rf"[{_HAN}] +[A-Za-z/$~\\]|[A-Za-z)/] +[{_HAN}]")
_LATIN_GLUED = re.compile(rf"[{_HAN}][A-Za-z/$~\\]|[A-Za-z)/][{_HAN}]")
_SPACED_HAN = re.compile(rf"[{_HAN}] +[{_HAN}]")


class ParagraphKind(Enum):
    BODY = "body"
    HEADING = "heading"  # short, unpunctuated: a headline or subheading candidate
    BYLINE = "byline"  # starts a report: 新渝报讯（记者 …）
    JUMP = "jump"  # （上接1版）: a continued article starts here
    CREDIT = "credit"  # photo credit: ends a caption
    SECTION = "section"  # a lone numeral marking a section
    CHAPTER = "chapter"  # 第一章 …: a chapter of a book starts here, with its title


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: ParagraphKind
    first_line: int  # index of its first raw line
    last_line: int  # index of its last raw line (inclusive)

    @property
    def closes_article(self) -> bool:
        """A photo credit or a source line (…。 据新重庆客户端) ends an article."""
        return self.kind is ParagraphKind.CREDIT or bool(ATTRIBUTION.search(self.text))


def chapter_title(text: str) -> str:
    """A chapter heading without the prefix a site or Markdown put before it."""
    match = CHAPTER.match(text)
    return (match.group(1) or match.group(2)).strip() if match else text


def width(text: str) -> float:
    """Printed width in Hanzi: ASCII counts 1/2, spaces nothing."""
    compact = "".join(text.split())
    return len(compact) - 0.5 * len(compact.encode("ascii", "ignore"))


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and is_sentence_end(stripped, len(stripped) - 1)


def is_sentence_end(text: str, i: int) -> bool:
    """Whether ``text[i]`` ends a sentence; a full stop inside a number (``2.`` / ``4亿``,
    ``95.32``) or a name (``example.com``) does not."""
    char = text[i]
    if char not in SENTENCE_END:
        return False
    if char != ".":
        return True
    after = text[i + 1 : i + 2]
    return not (i > 0 and text[i - 1].isdigit()) and (not after or after.isspace())


def _standalone(line: str) -> bool:
    """A line that is a paragraph of its own whatever surrounds it."""
    return bool(
        JUMP_LINE.match(line)
        or CREDIT.match(line)
        or SECTION.match(line)
        or NUMBER_ROW.match(line)
        or (NUMBERED_QUESTION.match(line) and width(line) <= HEADING_MAX_WIDTH)
        or (NUMBERED_HEADING.match(line) and width(line) <= HEADING_MAX_WIDTH)
        or NAMED_CHAPTER.match(line)
    ) or _chapter_heading(line)


def looks_like_code(line: str) -> bool:
    """A line of code (``\\NewDocumentEnvironment{⟨name⟩}{⟨arg spec⟩}``): no Hanzi, and
    markup that prose does not have."""
    return not _HAN_CHAR.search(line) and sum(line.count(c) for c in _CODE_MARKS) >= _CODE_MIN


def _leads_into_code(line: str, next_line: str) -> bool:
    """Words that lead into a line of code, which the sentence goes on with (用法是 /
    ``\\renewcommand{…}``); not a row of a table's headings (命令 默认值 含义), nor code
    with a comment in Chinese (``\\include{…} % 相对路径``)."""
    code = next_line.startswith("\\") or looks_like_code(next_line)
    words = bool(_HAN_CHAR.search(line)) and not line.startswith(("\\", "%", "#"))
    return code and words and not _SPACED_HAN.search(line)


def _chapter_heading(line: str) -> bool:
    """``第三章 文档元素``, not a sentence that starts with the words (``第三章讲述…，``)."""
    return (
        bool(CHAPTER.match(line))
        and width(line) <= HEADING_MAX_WIDTH
        and not ends_sentence(line)
        and line[-1] not in CLAUSE_PUNCT
    )


def numbers_spaced(text: str) -> bool:
    """Whether a document spaces its numbers off the Hanzi (``共有 89 个``, as LaTeX's
    Chinese typesetting does): more numbers between Hanzi spaced on both sides than on one."""
    spaced = sum(1 for _ in _NUMBER_SPACED.finditer(text))
    return spaced > sum(1 for _ in _NUMBER_ONE_SIDED.finditer(text))


def latin_spaced(text: str) -> bool:
    """Whether a document spaces Latin words off the Hanzi (``列在远程主机的 /etc/hosts.equiv
    或``, ``运行 ssh-keygen(1) 创建``, as LaTeX's Chinese typesetting does): at least ten such
    meetings spaced and three times as many as glued, a habit rather than a mix. In one
    that does, a line break between a Hanzi and a Latin word stood for that space."""
    spaced = sum(1 for _ in _LATIN_SPACED.finditer(text))
    glued = sum(1 for _ in _LATIN_GLUED.finditer(text))
    return spaced >= max(_LATIN_SPACED_MIN, _LATIN_SPACED_RATIO * glued)


def punctuation_spaced(text: str) -> bool:
    """Whether spaces beside full-width punctuation are a habit of the text (what
    extraction leaves: ``更多版本 （可能 ） ：``), not a writer's one-off: a space a book
    left where it lost a character (脚上一 ，腿上揸一揸) is text and stays. At least 3 marks
    spaced, and 1 in 100."""
    marks = len(_FULL_WIDTH_MARK.findall(text))
    spaced = sum(1 for _ in _SPACE_BY_FULL_WIDTH.finditer(text))
    return spaced >= max(_SPACED_MARKS_MIN, marks * _SPACED_MARKS_SHARE)


def unspace_punctuation(text: str) -> str:
    """``text`` without spaces beside full-width punctuation (which holds its own space)."""
    return _SPACE_BY_FULL_WIDTH.sub("", text)


def fix_spacing(
    text: str, keep_number_spaces: bool | None = None, keep_punctuation_spaces: bool = False
) -> str:
    """Remove the spaces extraction put between Hanzi and digits / one-sided Latin words,
    and beside full-width punctuation unless ``keep_punctuation_spaces``.

    The spaces around numbers stay where the document spaces its numbers (its own
    ``numbers_spaced``, judged by the caller on the whole document; else on ``text``)."""
    if keep_number_spaces is None:
        keep_number_spaces = numbers_spaced(text)
    if not keep_number_spaces:
        text = _SPACE_HAN_DIGIT.sub("", text)
        text = _SPACE_DIGIT_HAN.sub(r"\1", text)
    if not keep_punctuation_spaces:
        text = unspace_punctuation(text)
    return _fix_latin_gaps(text)


def _fix_latin_gaps(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for match in _LATIN_RUN.finditer(text):
        start, end = match.span()
        left_gap = _han_gap(text, start, -1)
        right_gap = _han_gap(text, end, 1)
        # one side spaced off a Hanzi, the other glued to a Hanzi: an extraction artefact
        if left_gap == "spaced" and right_gap == "glued":
            pieces.append(text[last:start].rstrip(" "))  # (a short piece: between two runs)
            last = start
        elif left_gap == "glued" and right_gap == "spaced":
            pieces.append(text[last:end])
            last = end
            while last < len(text) and text[last] == " ":
                last += 1
            continue
        pieces.append(text[last:end])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _han_gap(text: str, index: int, direction: int) -> str:
    """How a Latin run meets the text on one side: glued to a Hanzi, spaced off one, other.

    Scans from ``index`` outwards (never copies the text: a line of 100,000 runs stays
    linear)."""
    i = index - 1 if direction < 0 else index
    spaced = False
    while 0 <= i < len(text) and text[i] == " ":
        spaced = True
        i += direction
    if not 0 <= i < len(text) or not _HAN_CHAR.match(text[i]):
        return "other"
    return "spaced" if spaced else "glued"


def join_lines(lines: list[str], spaced_latin: bool = False) -> str:
    """Join the pieces of one paragraph: no space, except between two Latin words (and,
    in a document that spaces its Latin words off the Hanzi, between a Latin word and a
    Hanzi: ``详见⏎ssh-agent(1)``, ``TCP/IP⏎端口``)."""
    out = ""
    for line in lines:
        if out.endswith(_HYPHEN) and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1]  # a word hyphenated at the line's end (groff's Ar‐ / cfour)
        elif (
            out
            and line
            and (
                _needs_space(out[-1], line[0])
                or _beside_address(out, line)
                or (spaced_latin and _meets_latin(out[-1], line[0]))
            )
        ):
            out += " "
        out += line
    return out


def _meets_latin(left: str, right: str) -> bool:
    """A Hanzi then a Latin word's start, or a Latin word's end then a Hanzi."""
    if _HAN_CHAR.match(left):
        return right in _LATIN_START
    return left in _LATIN_END and bool(_HAN_CHAR.match(right))


def _beside_address(before: str, line: str) -> bool:
    """An address at a line's start or end, beside Hanzi: the line break is the space that
    keeps the address apart from the words (访问 / http://www.ctan.org / 来得到); an address
    cut across two lines is not spaced (its next line goes on in Latin)."""
    starts = bool(_URL_START.match(line)) and bool(_HAN_CHAR.match(before[-1]))
    return starts or (bool(_URL_END.search(before)) and bool(_HAN_CHAR.match(line[0])))


def _needs_space(left: str, right: str) -> bool:
    """Between two Latin words, and after Latin punctuation (``命令.`` / ``它的目的``): the
    line break stood for the space such text puts there."""
    if left in _LATIN_PUNCTUATION and not right.isspace():
        return not (left in ".," and right.isdigit())  # 2. / 4亿: a number cut in two
    if left in _LATIN_CLOSERS and right.isascii() and not right.isspace():
        return True  # [-c cipher_spec] / [-e escape_char]
    return (left.isascii() and right.isascii() and left.isalnum() and right.isalnum()) and not (
        left.isdigit() and right.isdigit()
    )


def _column_widths(widths: list[float]) -> list[float]:
    """Per line, the width of a full line around it (the median of its neighbours).

    The median, not a maximum: the window may reach into a wider column next door.
    """
    result: list[float] = []
    nonblank = [(i, w) for i, w in enumerate(widths) if w > 0]
    positions = [i for i, _ in nonblank]
    for i in range(len(widths)):
        at = bisect.bisect_left(positions, i)
        around = [w for _, w in nonblank[max(0, at - _WINDOW) : at + _WINDOW + 1]]
        around.sort()
        result.append(around[len(around) // 2] if around else 0.0)
    return result


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Many lines stop short of a sentence's end, and some line is as wide as a column: a
    text of short lines (verse, 床前明月光 / 疑是地上霜) is no wrapped prose."""
    counted = [line for line in lines if width(line) >= _COUNTED_MIN_WIDTH]
    if not counted or max(width(line) for line in counted) < _WRAPPED_MIN_WIDTH:
        return False
    open_ended = sum(1 for line in counted if not ends_sentence(line))
    return open_ended / len(counted) >= _WRAPPED_MIN_SHARE


def _kind(text: str) -> ParagraphKind:
    if JUMP_LINE.match(text):
        return ParagraphKind.JUMP
    if BYLINE.match(text):
        return ParagraphKind.BYLINE
    if CREDIT.match(text):
        return ParagraphKind.CREDIT
    if SECTION.match(text):
        return ParagraphKind.SECTION
    if _chapter_heading(text):
        return ParagraphKind.CHAPTER
    if (
        not ends_sentence(text)
        and text[-1] not in CLAUSE_PUNCT
        and width(text) <= HEADING_MAX_WIDTH
        and not ATTRIBUTION.search(text)
    ):
        return ParagraphKind.HEADING
    return ParagraphKind.BODY


def _item_text_column(raw_line: str) -> float | None:
    """Where the text of a man page's item starts on its first line, after the item and
    a run of spaces (``     -n      把 stdin…``), in the units of ``_indent``; else None."""
    match = _ITEM_HEAD.match(raw_line)
    return len(match.group(0)) / 2 if match else None


def _indent(raw_line: str) -> float:
    """How far a line is indented, in Hanzi widths (a tab counts 4 spaces)."""
    lead = raw_line[: len(raw_line) - len(raw_line.lstrip())]
    return sum(1.0 if c == "\u3000" else 2.0 if c == "\t" else 0.5 for c in lead)


def _common_indent(raw_lines: list[str]) -> float:
    """The indent of spaces nearly every line has (a man page's 5): layout, so only a line
    indented further starts a paragraph. 0 when indents vary. Full-width spaces are never
    layout: 　　 is how a Chinese paragraph starts."""
    if any(line.startswith("\u3000") for line in raw_lines):
        return 0.0
    indents = [_indent(line) for line in raw_lines if line.strip()]
    if not indents:
        return 0.0
    common = collections.Counter(indents).most_common(1)[0][0]
    at_least = sum(1 for indent in indents if indent >= common)
    return common if common > 0 and at_least >= len(indents) * _COMMON_INDENT_SHARE else 0.0


def _blank_separated(lines: list[str]) -> bool:
    """Paragraphs are blocks of lines separated by blank lines, each block a whole one.

    The blocks must nearly all end a sentence or a heading: print extraction also puts
    blank lines in mid-sentence, and there they are not paragraph breaks.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    multi = [block for block in blocks if len(block) > 1]
    if len(multi) < max(2, len(blocks) // 5):
        return False
    open_ended = sum(
        1 for block in multi if not ends_sentence(block[-1]) and block[-1][-1] not in "：:"
    )
    return open_ended <= len(multi) * _BLOCK_OPEN_SHARE


def _wrap_width(widths: list[float]) -> float:
    """The width at which a text with one paragraph per line still wraps its longest ones
    (an old glossary cut at 36 columns): many lines stop at exactly the widest width.
    Infinite when there is no such column, or it is a verse's (all lines short)."""
    filled = [w for w in widths if w > 0]
    if not filled or max(filled) < _WRAPPED_MIN_WIDTH:
        return math.inf
    widest = max(filled)
    at_widest = sum(1 for w in filled if w >= widest - 0.5)
    if at_widest < max(_WRAP_MIN_LINES, len(filled) * _WRAP_MIN_SHARE):
        return math.inf
    return widest - 0.5


def _quote_runs_on(line: str, next_line: str) -> bool:
    """A quotation left open at the line's end that the next line closes before it opens
    one (…完成了我的工作。 / 以后的日程…你。”): one speech cut in two. A speech that runs
    over paragraphs opens each of them again (“…), so that is not this; nor is a mark named
    in brackets closed on the line (``(前双引号 “), 14``: an index entry)."""
    line = _BRACKETED.sub("", line)
    if line.count("“") <= line.count("”"):
        return False
    closing, opening = next_line.find("”"), next_line.find("“")
    return closing >= 0 and (opening < 0 or closing < opening)


def _speech_runs_through(line: str, next_line: str) -> bool:
    """A line inside a speech that stops on a bare Hanzi, and the next line closes the
    speech without having opened it (…要相信法律 / 是公正的，…清楚的。”): the speech was
    cut at that line's end, where no sentence can stop. A verse line that ends on a Hanzi
    (而泪，却从不流落) has no such closing mark after it."""
    if not _HAN_CHAR.match(line[-1]) or any(mark in line for mark in _QUOTE_MARKS):
        return False
    if _standalone(line) or _standalone(next_line):
        return False  # a chapter's heading over its text
    for opening, closing in _QUOTE_PAIRS:
        closes, opens = next_line.find(closing), next_line.find(opening)
        if closes >= 0 and (opens < 0 or closes < opens):
            return True
    return False


def _wraps_at_column(line: str, next_line: str, column: float, cut: float) -> bool:
    """A line cut where the text's widest lines are cut (an old glossary at 33 Hanzi), or
    at the column where its cuts cluster (``cut``): it is at least nearly as wide as the
    widest, or as wide as the cuts, stops on a Hanzi or a comma-like mark with no sentence
    ended, and the next line goes on in Hanzi."""
    return (
        (width(line) >= SHORT_RATIO * column or abs(math.floor(width(line)) - cut) <= 1)
        and (bool(_HAN_CHAR.match(line[-1])) or line[-1] in _CUT_CLAUSE_MARKS)
        and bool(_HAN_CHAR.match(next_line[0]) or next_line[0] == "<")
        and not _standalone(line)
        and not _standalone(next_line)
    )


def _wrap_column(widths: list[float]) -> float:
    """The width of a text's widest lines (the 98th percentile of its lines' widths,
    short lines left out): where a text with one paragraph per line was cut, if it was.
    Infinite for a text of short lines (verse is not cut at its lines' width)."""
    counted = sorted(w for w in widths if w >= _COUNTED_MIN_WIDTH)
    column = counted[int(len(counted) * _COLUMN_QUANTILE)] if counted else math.inf
    return column if column >= _WRAPPED_MIN_WIDTH else math.inf


def _cut_column(lines: list[str], following: list[str]) -> float:
    """The width at which a text with one paragraph per line was wrapped once and then
    re-indented (a web novel cut at 26 Hanzi: …到一 / 间挂有…): the lines that stop between
    two Hanzi, where no paragraph can end, are mostly that wide (within one Hanzi), at
    least 5 of them. Infinite when they are not (headings and list items end on a Hanzi
    at any width)."""
    counts: collections.Counter[int] = collections.Counter()
    for line, next_line in zip(lines, following, strict=True):
        if not (line and next_line and _HAN_CHAR.match(line[-1]) and _HAN_CHAR.match(next_line[0])):
            continue
        cut = math.floor(width(line))
        if _CUT_MIN_WIDTH <= cut <= HEADING_MAX_WIDTH and not _standalone(line):
            counts[cut] += 1
    if not counts:
        return math.inf
    peak = counts.most_common(1)[0][0]
    near = counts[peak - 1] + counts[peak] + counts[peak + 1]
    return peak if near >= _WRAP_MIN_LINES and 2 * near >= counts.total() else math.inf


def _double_spaced(raw_lines: list[str]) -> bool:
    """A blank line after nearly every line: the file's line spacing, not a break."""
    filled = [i for i, line in enumerate(raw_lines[:-1]) if line.strip()]
    blank_after = sum(1 for i in filled if not raw_lines[i + 1].strip())
    return len(filled) >= _WRAP_MIN_LINES and blank_after >= _DOUBLE_SPACED_SHARE * len(filled)


def _continues_line(
    line: str,
    next_line: str,
    full: float,
    paragraph: float,
    column: float = math.inf,
    cut: float = math.inf,
) -> bool:
    """In text with one paragraph per line, a line that cannot end one: it ends on an
    enumeration or clause comma, or stops on a bare Hanzi where the column ends, right
    before the one Hanzi and full stop that end its sentence (…访，谋 / 也。), or in the
    middle of a word with the next line going on in Hanzi, the line too wide for a heading
    (``open_width``): a web novel re-indented after it was wrapped (…请一定来找我，再 /
    见。”)."""
    if not next_line:
        return False
    last = line[-1]
    if (
        last in "、，,"
        or _quote_runs_on(line, next_line)
        or _speech_runs_through(line, next_line)
        or _wraps_at_column(line, next_line, column, cut)
    ):
        return True
    if not _HAN_CHAR.match(last) or _standalone(line):
        return False
    if width(next_line) <= _TAIL_MAX_WIDTH and ends_sentence(next_line):
        return True
    if paragraph > HEADING_MAX_WIDTH and _HAN_CHAR.match(next_line[0]):
        return not _standalone(next_line) and not BYLINE.match(next_line)
    return width(line) >= full


def paragraphs(raw: str, progress: Progress | None = None) -> list[Paragraph]:
    """The paragraphs of ``raw``, each with its kind and the raw lines it came from."""
    raw_lines = raw.split("\n")
    lines = [line.strip() for line in raw_lines]
    spaced_numbers = numbers_spaced(raw)
    spaced_latin = latin_spaced(raw)
    kept_spaces = not punctuation_spaced(raw)
    wrapped = _is_hard_wrapped(lines)
    layout_indent = _common_indent(raw_lines)
    # fixed-width text indented as a whole (a man page) keeps its paragraphs apart with
    # blank lines; a page from print has no such indent and blank lines in mid-sentence
    blocks = wrapped and layout_indent > 0 and _blank_separated(lines)
    widths = [width(line) for line in lines]
    columns = _column_widths(widths) if wrapped else []
    short = [w < SHORT_RATIO * c for w, c in zip(widths, columns, strict=True)] if wrapped else []
    # per line: whether the short lines from it on run into a blank line (or the end)
    short_to_blank = [True] * (len(short) + 1)
    for i in range(len(short) - 1, -1, -1):
        short_to_blank[i] = not lines[i] or (short[i] and short_to_blank[i + 1])
    full = _wrap_width(widths)
    column = _wrap_column(widths)  # a title page's lines are clearly narrower
    # a line cut at that column goes on (in hard-wrapped text every full line does anyway)
    cut_at = math.inf if wrapped else column
    # the next line, past lines of an indent alone (　　): such a line between two halves of
    # a sentence in a text with one paragraph per line is an editor's leftover, where an
    # empty line is a deliberate break (unless one follows every line)
    double_spaced = _double_spaced(raw_lines)
    following_text = [""] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        leftover = not lines[i + 1] and (double_spaced or raw_lines[i + 1] != "")
        following_text[i] = following_text[i + 1] if leftover else lines[i + 1]
    cut = math.inf if wrapped else _cut_column(lines, following_text)
    before = list(itertools.accumulate(widths, initial=0.0))  # widths of the lines before i
    result: list[Paragraph] = []
    current: list[int] = []

    def so_far() -> float:
        """The width of the paragraph being built (its lines are consecutive)."""
        return before[current[-1] + 1] - before[current[0]]

    def flush() -> None:
        if current:
            # runs of spaces inside a line are layout (a man page's columns, ".  " after a
            # sentence): one space reads the same
            joined = _SPACE_RUN.sub(" ", join_lines([lines[i] for i in current], spaced_latin))
            text = fix_spacing(joined, spaced_numbers, kept_spaces)
            result.append(Paragraph(text, _kind(text), current[0], current[-1]))
            current.clear()

    def starts(i: int) -> bool:
        indent = _indent(raw_lines[i])
        if layout_indent and indent < layout_indent:
            return True  # less indented than the body: a section heading
        if layout_indent and indent > layout_indent:
            # a hanging indent (an option's description) goes on at the same depth, and
            # under an item whose own text begins at that depth (``-n      把 stdin … ssh``
            # / ``在后台运行时…``: the item's text, wrapped)
            previous = raw_lines[current[-1]]
            return indent > _indent(previous) and _item_text_column(previous) != indent
        if _INDENT.match(raw_lines[i]) and indent > layout_indent:
            return True
        starter = (
            BYLINE.match(lines[i])
            or BULLET.match(lines[i])
            or NUMBERED_ITEM.match(lines[i])
            or COPYRIGHT.match(lines[i])
        )
        return bool(starter) or _standalone(lines[i])

    # a title holds no clause (a column's first line does: 6月5日上午，前来…)
    title = next((line for line in lines if line), "")
    opening = not any(mark in title for mark in _CLAUSE_MARKS)
    few = sum(1 for line in lines if line) < _FEW_LINES
    for i, line in enumerate(lines):
        if progress is not None and i % 2000 == 0:
            progress.step(i, len(lines), "Rebuilding paragraphs")
        if not line:
            if (blocks or few) or (
                wrapped and current and widths[current[-1]] < SHORT_RATIO * columns[current[-1]]
            ):
                flush()  # a blank line between whole blocks, or after a short line
            continue
        if not current and result and _CONTINUATION.match(line):
            last = result.pop()  # a lone 。 or ，… belongs to the paragraph before it
            current.extend(range(last.first_line, last.last_line + 1))
        elif (
            current
            and starts(i)
            and not _continues_line(lines[current[-1]], line, full, so_far(), cut_at, cut)
        ):
            flush()  # (an indented line after a line that cannot end a paragraph goes on)
        current.append(i)
        less_indented = layout_indent and _indent(raw_lines[i]) < layout_indent
        if wrapped:
            # a title page: the short lines that open a text before its first full one (a
            # title, its version, author and date) are each a paragraph of their own (not
            # an English sentence going on in lower case: hello / world)
            goes_on = _needs_space(line[-1], following_text[i][:1]) and (
                following_text[i][:1].islower()
            )
            opening = opening and widths[i] < SHORT_RATIO * column and not goes_on
            # a short line that opens a paragraph cannot be the first of its lines (they
            # are full): a heading at a page's top (前言 / LATEX [1] 是…), a section's over
            # its first question, a line of code; not a headline set on short lines that a
            # blank line ends (大足石刻“国际朋友圈” / 不断扩大 / blank), nor a clause cut short
            # where extraction broke the line (…转换，使用 / \CJKnospace), nor the words that
            # lead into a line of code (用法是 / \renewcommand…, 可以使用 / \textvisiblespace,
            # 和 / \fi), nor a sentence going on with an address (…搜索引擎 / http://…):
            # a heading is over text
            heading = (
                not blocks
                and len(current) == 1
                and short[i]
                and not short_to_blank[i + 1]
                and line[-1] not in CLAUSE_PUNCT
                and not any(mark in line for mark in _CLAUSE_MARKS)
                and not goes_on
                and not _leads_into_code(line, following_text[i])
                and not _GLOSS_GOES_ON.match(following_text[i])
                and not _URL_LINE.match(following_text[i])
            )
            # a short line without a clause mark and the address under it (a signature and
            # its site, 提供了一个搜索引擎 / http://…) are a paragraph of their own; after a
            # colon (下载中心： / http://… / 或者…) the sentence goes on
            addressed = (
                len(current) == 2
                and short[current[0]]
                and _URL_LINE.match(line)
                and not any(mark in lines[current[0]] for mark in (*_CLAUSE_MARKS, *CLAUSE_PUNCT))
            )
            ends = (
                opening
                or heading
                or bool(addressed)
                or _standalone(line)
                or less_indented
                or (not blocks and ends_sentence(line))
            )
        else:
            ends = not _continues_line(line, following_text[i], full, so_far(), cut_at, cut)
        if ends:
            flush()
    flush()
    return result


def rebuild(raw: str) -> str:
    """The rebuilt text of ``raw``: one paragraph per line."""
    return "\n".join(p.text for p in paragraphs(raw))
