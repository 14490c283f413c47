"""A list of references as LaTeX sets it (``thebibliography``): numbered items ``[1] Leslie
Lamport. LATEX: A Document Preparation System, 2nd edition. Addison-Wesley,`` / ``Reading,
Massachusetts, 1994, ISBN 0-201-52983-1.``, an item's address on a line of its own
(``https://texfaq.org``), groups under a marked heading (``§ CTAN 上的其它网络资源：``).

Read as prose, an item runs on into the next one after its address or its ISBN (no
sentence ends there: ``…/FontCatalogue/[20] Indian TEX users group…``) and is cut where one
of its parts ends with a full stop (``…2nd edition.`` / ``Addison-Wesley…``). A page's run
of items numbered one after another is put back together instead, each item one line,
each item and group heading a paragraph of its own; where the list ends on a page (the
next page's items, if any, do not go on with its numbers), the next page's text is no
part of its last item (``…lnotes2.pdf`` / ``GNU Free Documentation License``).
"""

from __future__ import annotations

import itertools
import re

from reader.core.importing.pdf_formulas import PARAGRAPH_START
from reader.core.importing.reflow import join_lines

_ITEM = re.compile(r"^\[(\d{1,3})\]\s")
# a group's heading in the list: a mark and a space (``§ LATEX 经典书籍：``, ``• Books``)
_GROUP = re.compile(r"^[^\w\s\[(（]\s")
_ITEM_LINES_MAX = 5  # the last item on a page: its author, title, publisher, address…


def _numbers(lines: list[str]) -> list[int | None]:
    """Each line's item number, where it is one of a run numbered one after another."""
    found = [_ITEM.match(line) for line in lines]
    numbers = [int(match.group(1)) if match else None for match in found]
    given = [n for n in numbers if n is not None]
    follows = {n for n, after in itertools.pairwise(given) if after == n + 1}
    listed = follows | {n + 1 for n in follows}
    return [n if n in listed else None for n in numbers]


def reference_lists(pages: list[list[str]]) -> list[list[str]]:
    """The pages with each item of a list of references on one line, each item and group
    heading starting a paragraph, and the text after a list's end starting one."""
    result: list[list[str]] = []
    last: int | None = None  # the number of the previous page's last item
    for lines in pages:
        numbers = _numbers([line.strip() for line in lines])
        first = next((n for n in numbers if n), None)
        if last is not None and first != last + 1:
            lines = _starting_a_paragraph(lines)  # the list ended on the page before
        result.append(_items(lines, numbers) if first else lines)
        last = max((n for n in numbers if n), default=None)
    return result


def _starting_a_paragraph(lines: list[str]) -> list[str]:
    filled = next((i for i, line in enumerate(lines) if line.strip()), None)
    if filled is None:
        return lines
    return [*lines[:filled], PARAGRAPH_START + lines[filled].strip(), *lines[filled + 1 :]]


def _items(lines: list[str], numbers: list[int | None]) -> list[str]:
    stripped = [line.strip() for line in lines]
    first = next(i for i, n in enumerate(numbers) if n)
    last = max(i for i, n in enumerate(numbers) if n)
    result = list(lines[:first])
    i = first
    while i < len(lines):
        if i > last and not _GROUP.match(stripped[i]):
            result.extend(lines[i:])
            break
        end = i + 1
        if numbers[i]:
            limit = len(lines) if i < last else min(len(lines), i + _ITEM_LINES_MAX)
            while end < limit and not numbers[end] and not _GROUP.match(stripped[end]):
                end += 1
            result.append(PARAGRAPH_START + join_lines(stripped[i:end]))
        elif _GROUP.match(stripped[i]):
            result.append(PARAGRAPH_START + stripped[i])
        else:
            result.append(lines[i])
        i = end
    return result
