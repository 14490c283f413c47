"""A book's index, as a PDF gives its pages: entries (``\\addcontentsline, 20``, ``表格,
27–32``) with a group's heading among them (``符号``, ``A``, ``命令 (Commands)``), an entry
often cut into its term and its page numbers (``\\Bigg`` / ``(数学命令), 45``, ``book 文档类``
/ ``,`` / ``5`` / ``, 19``) where the numbers are links, or where a letter of the term is
raised (``LATEX 2`` / ``ε`` / ``,`` / ``1``).

Read as prose, the lines run together into one paragraph a page long with the headings
glued on (``符号\\! (数学命令), 48& (单元格/对齐), 27…``); an index page's entries are put
back together instead and each kept a paragraph of its own, as the contents' entries are,
and so is each heading.
"""

from __future__ import annotations

import re

from reader.core.importing.reflow import join_lines

# an entry ends with its page numbers, ranges or roman ones after a comma (``, 27, 46``,
# ``, 27–32``, ``, ii``)
_ENTRY = re.compile(r",\s*(?:\d{1,4}(?:\s*[–-]\s*\d{1,4})?|[ivxlc]{1,6})$")
_REFS_GO_ON = re.compile(r"^(?:[,，]|[–-]\s*\d)")  # more page numbers of the entry before
_PIECE = re.compile(r"^[,，–(（)）-]")  # a piece of an entry after its term
# a raised letter of a term (Greek, beyond ASCII) on a line of its own, alone or before
# the comma of the page numbers (``LATEX 2`` / ``ε`` / ``,`` / ``1``)
_RAISED = re.compile(r"^[^\W\d_\x00-\x7f](?=[,，]|$)")
# a letter's heading that extraction put at the end of the entry before it (``(amsmath),
# 46 N``, ``(hyperref), 84I``)
_HEADING_AFTER = re.compile(r"^(.*,\s*\d{1,4})\s*([A-Z])$")
_INDEX_MIN = 5  # entries on a page…
_INDEX_SHARE = 0.3  # …and at least this share of its lines: an index page


def is_index(lines: list[str]) -> bool:
    """A page of an index: many of its lines end with page numbers after a comma."""
    filled = [line for line in lines if line.strip()]
    entries = sum(1 for line in filled if _ENTRY.search(line.strip()))
    return entries >= _INDEX_MIN and entries >= _INDEX_SHARE * len(filled)


def index_entries(lines: list[str]) -> list[str]:
    """An index page's entries, one a line, each indented so it stays a paragraph of its
    own, and its headings likewise (a lone number there is a page number, not debris)."""
    filled: list[str] = []
    for line in (line.strip() for line in lines if line.strip()):
        glued = _HEADING_AFTER.match(line)
        filled.extend(glued.groups() if glued else [line])
    result: list[str] = []
    entry = ""
    for i, line in enumerate(filled):
        after = filled[i + 1] if i + 1 < len(filled) else ""
        entry = _joined(entry, line) if entry else line
        unclosed = entry.count("(") + entry.count("（") > entry.count(")") + entry.count("）")
        whole = _ENTRY.search(entry) and not _REFS_GO_ON.match(after)
        cut = (
            unclosed
            or entry.endswith((",", "，"))  # its page numbers follow (``pdfTEX,`` / ``8``)
            or _PIECE.match(after)
            or _RAISED.match(after)
            or (entry != line and not _ENTRY.search(entry))
        )
        if after and not whole and cut:
            continue  # its pieces go on
        result.append("\u3000" + entry)  # an entry, or a heading (``C`` / ``参考文献``)
        entry = ""
    return result


def _joined(entry: str, piece: str) -> str:
    """An entry and its next piece, spaced as the index sets them (``\\Bigg (数学命令), 45``,
    ``book 文档类, 5, 19``)."""
    if _REFS_GO_ON.match(piece) or piece.startswith((")", "）")) or _RAISED.match(piece):
        return entry + piece
    if entry.endswith(",") or piece.startswith("("):
        return entry + " " + piece
    return join_lines([entry, piece])
