"""Open anything a learner has: files and pasted text → rebuilt, split articles.

``import_file`` picks the reader by the file's extension (.txt and unknown extensions are
read as text; .md/.markdown, .html/.htm/.xhtml, .epub, .docx, .pdf, subtitles .srt/.ass/
.ssa/.vtt; an image, whatever its name, is read by OCR, as is a PDF without a text layer);
``import_image`` takes an image's bytes (a pasted screenshot); ``import_text`` takes
pasted text. Both return ``ImportedArticle`` objects (title, rebuilt text, original text,
source) and raise ``ImportFailed`` with a message for the user on bad input. Limits are in
``reader.core.importing.limits``.

A file is someone else's: whatever a parsing library raises on a malformed one (zlib,
XML, PDF errors, a recursion limit, an unknown charset it declares) becomes an
``ImportFailed`` naming the file, here, so no importer can let a traceback through.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from reader.core.importing.article import ImportedArticle, merge_articles, split_article
from reader.core.importing.decode import check_encoding, decode_text
from reader.core.importing.docx_format import articles_from_docx
from reader.core.importing.epub_format import articles_from_epub
from reader.core.importing.errors import ImportFailed
from reader.core.importing.html_format import articles_from_html
from reader.core.importing.language import (
    LooksJapanese,
    LooksNotChinese,
    NotChinese,
    check_chinese,
)
from reader.core.importing.limits import MAX_FILE_BYTES
from reader.core.importing.markdown_format import articles_from_markdown
from reader.core.importing.pdf_format import articles_from_pdf
from reader.core.importing.subtitle_format import (
    SUBTITLE_SUFFIXES,
    NoCues,
    articles_from_subtitles,
)
from reader.core.importing.text_format import articles_from_text
from reader.core.progress import Cancelled, Progress

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ImportFailed",
    "ImportedArticle",
    "LooksJapanese",
    "LooksNotChinese",
    "NotChinese",
    "import_file",
    "import_image",
    "import_text",
    "merge_articles",
    "split_article",
]

_IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"})
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel .xls
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"II*\x00", b"MM\x00*")


SUPPORTED_EXTENSIONS = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".epub",
    ".docx",
    ".pdf",
    *SUBTITLE_SUFFIXES,
    *sorted(_IMAGE_SUFFIXES),
)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(
                f"The file is too large ({size // (1024 * 1024)} MB; "
                f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise ImportFailed(f"{path.name} is a folder, not a file.") from None
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist.") from None
    except OSError as error:
        raise ImportFailed(f"{path.name} cannot be read: {error.strerror or error}.") from None


def _is_image(data: bytes) -> bool:
    """An image by its signature, whatever the file is called (read by OCR)."""
    webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    bmp = data[:2] == b"BM" and data[6:10] == bytes(4)  # its reserved fields are zero
    return webp or bmp or data.startswith(_IMAGE_SIGNATURES)


def import_file(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> list[ImportedArticle]:
    """The articles in the file at ``path``; ``encoding`` overrides detection for text.

    A text that does not look Chinese (Japanese, English, …) raises ``NotChinese`` unless
    ``force`` (the user said to import it anyway).
    """
    path = Path(path)
    if encoding is not None:
        check_encoding(encoding)
    data = _read(path)
    if not data.strip():
        raise ImportFailed("The file is empty.")
    try:
        articles = _articles(path, data, encoding, progress)
    except (ImportFailed, Cancelled):
        raise
    except Exception as error:  # a library failing on a malformed file
        kind = path.suffix.lstrip(".").upper() or "text"
        raise ImportFailed(
            f"{path.name} cannot be read: it is damaged or not a valid {kind} file "
            f"({type(error).__name__})."
        ) from error
    if not force:
        check_chinese("".join(article.text for article in articles))
    return articles


def _articles(
    path: Path, data: bytes, encoding: str | None, progress: Progress | None
) -> list[ImportedArticle]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in _IMAGE_SUFFIXES or _is_image(data):
        from reader.core.importing.ocr import articles_from_image  # (see import_image)

        return articles_from_image(data, source, progress)
    if suffix == ".epub":
        return articles_from_epub(data, source, progress)
    if suffix == ".docx":
        return articles_from_docx(data, source)
    if suffix == ".pdf":
        return articles_from_pdf(data, source, progress)
    if suffix in (".html", ".htm", ".xhtml"):
        return articles_from_html(data, source, encoding)
    _refuse_other_documents(path, data)
    text, _, notes = decode_text(data, encoding)
    if suffix in SUBTITLE_SUFFIXES:
        try:
            articles = articles_from_subtitles(text, source)
        except NoCues as no_cues:  # a text under a subtitle's name: read it as one
            articles = articles_from_text(text, source, progress, path.stem)
            notes = (*notes, str(no_cues))
    elif suffix in (".md", ".markdown"):
        articles = articles_from_markdown(text, source)
    else:
        articles = articles_from_text(text, source, progress, path.stem)
    if notes:  # said once, with the file's first article (the CLI and GUI list every note)
        articles[0] = replace(articles[0], notes=articles[0].notes + notes)
    return articles


def _refuse_other_documents(path: Path, data: bytes) -> None:
    """A zip archive or an old Word file, read as text, would be refused as binary data:
    say what it is and what to do instead."""
    if data.startswith(_ZIP_SIGNATURE):
        raise ImportFailed(
            f"{path.name} is a zip archive: unpack it and import the files inside "
            "(an .epub or .docx must keep its own extension)."
        )
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFailed(
            f"{path.name} is an old Word (.doc) or Office file: save it as .docx and import that."
        )


def import_image(
    data: bytes, source: str = "clipboard", progress: Progress | None = None
) -> list[ImportedArticle]:
    """The article in an image's bytes (a screenshot pasted from the clipboard), by OCR."""
    # imported here: the OCR's NumPy and Pillow cost a text's import 0.2 s it does not need
    from reader.core.importing.ocr import articles_from_image

    try:
        return articles_from_image(data, source, progress)
    except (ImportFailed, Cancelled):
        raise
    except Exception as error:  # the engine or Pillow failing on a damaged image
        raise ImportFailed(f"This image cannot be read ({type(error).__name__}).") from error


def import_text(text: str, source: str = "clipboard", force: bool = False) -> list[ImportedArticle]:
    """The articles in pasted text (rebuilt and split like a .txt file)."""
    articles = articles_from_text(text, source)
    if not force:
        check_chinese(text)
    return articles
