"""Limits on what an import may cost, checked before the work is done.

- ``MAX_FILE_BYTES`` (50 MB): a larger file is refused before it is read. A whole novel in
  GB18030 is about 2 MB, so 50 MB leaves room for anything a learner reads.
- ``MAX_TEXT_CHARS`` (10,000,000): pasted or extracted text longer than this is refused.
- Zip containers (``.epub``, ``.docx``): at most ``MAX_ZIP_MEMBERS`` (5,000) members, at
  most ``MAX_UNZIPPED_BYTES`` (200 MB) declared uncompressed in total, no member with a
  compression ratio above ``MAX_COMPRESSION_RATIO`` (100:1) once it is larger than
  ``RATIO_EXEMPT_BYTES``; all checked from the zip directory before anything is
  decompressed, and the decompressed size is counted again while reading (a lying
  directory is caught too).
- ``MAX_CHAPTERS`` (2,000): an ``.epub`` with more spine items is refused.
- ``MAX_PDF_PAGES`` (2,000): a longer ``.pdf`` is refused.
- ``MAX_HTML_TAGS`` (100,000): a page (or book chapter) with more tags is refused before
  it is parsed; past ``MAIN_TEXT_MAX_TAGS`` (30,000) a page is read whole, without the
  main-text extractors, whose cost grows faster than the page.
- Every format's text, a book's chapters added up, is held to ``MAX_TEXT_CHARS``; so is
  a page's or an EPUB chapter's markup before it is parsed, and a lesson pack's article.
"""

from __future__ import annotations

from reader.core.importing.errors import ImportFailed

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 10_000_000
MAX_ZIP_MEMBERS = 5_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_EXEMPT_BYTES = 1024 * 1024
MAX_CHAPTERS = 2_000
MAX_PDF_PAGES = 2_000
MAX_HTML_TAGS = 100_000
MAIN_TEXT_MAX_TAGS = 30_000


def check_length(chars: int, what: str = "text") -> None:
    """Refuse a text (or a book's chapters added up) longer than ``MAX_TEXT_CHARS``."""
    if chars > MAX_TEXT_CHARS:
        raise ImportFailed(
            f"The {what} is too long ({chars:,} characters; the limit is {MAX_TEXT_CHARS:,})."
        )


def check_tags(html: str) -> int:
    """The number of tags of a page (counted, not parsed); refused past ``MAX_HTML_TAGS``."""
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise ImportFailed(
            f"This page has too many tags ({tags:,}; the limit is {MAX_HTML_TAGS:,}): "
            "it is not a page anyone reads."
        )
    return tags
