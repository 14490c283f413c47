"""A text file's name → its title, when the name says what the text is.

A learner's files are named by hand (``论语.txt``, ``第三课 课文.txt``) or by the program that
made them (``新建文本文档 (2).txt``, ``Untitled.txt``, ``001.txt``, ``Document1``): only the
first kind is a title; for the second, ``None`` (the text's first words title it). The
name is read as a reader would say it: ``_`` and ``.`` are spaces, and the tags a download
or a collection puts in it (the format, the encoding, the line ends, the script: ``txt_``,
``utf8``, ``crlf``, ``trad``) are not part of it.
"""

from __future__ import annotations

import re

_FORMAT_PREFIX = re.compile(r"^(?:txt|text|md|markdown)(?=[._\s-])", re.IGNORECASE)
_TAG = re.compile(
    r"(?<![^._\s\-()\[\]])(?:utf-?8(?:bom)?|utf-?16(?:le|be)?(?:bom)?|bom|gbk|gb2312|gb18030|"
    r"big5|ansi|ascii|crlf|lf|trad|simp|chs|cht)(?=[._\s\-()\[\]]|$)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[._\s]+")
# the names programs give a new or copied file: 新建文本文档 (2), 未命名-1, Untitled 3,
# 新建 Microsoft Word 文档, Document1, 文档 - 副本, 001
_SAYS_NOTHING = re.compile(
    r"^(?:新建\s*(?:microsoft\s*)?(?:word\s*|文本\s*)?文档|新建文本|未命名|无标题|無標題|未标题|"
    r"无题|untitled|new\s*(?:text\s*)?document|document|doc|text|txt|file|note|notes|temp|tmp|"
    r"copy|文档|文件|笔记|副本|新文件)?"
    r"(?:\s*[-_(（]?\s*(?:副本|copy|\d+)\s*[)）]?)*$",
    re.IGNORECASE,
)
_HAS_WORD = re.compile(r"[^\W\d_]")


def file_title(stem: str) -> str | None:
    """The title ``stem`` (a file name without its extension) gives, or None when it says
    nothing about the text."""
    name = _TAG.sub(" ", _FORMAT_PREFIX.sub("", stem.strip()))
    name = _SEPARATORS.sub(" ", name).strip(" -_")
    if not _HAS_WORD.search(name) or _SAYS_NOTHING.match(name):
        return None
    return name
