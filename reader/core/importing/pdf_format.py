"""PDF → its text layer, rebuilt and split like a plain-text page.

pypdf extracts the text of each page (nothing is rendered or run). A PDF whose pages
hold no text (a scan) gets a clear message: reading it would need OCR, which we do not do.
"""

from __future__ import annotations

import io
import logging

from reader.core.importing.article import ImportedArticle
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAX_PDF_PAGES
from reader.core.importing.text_format import articles_from_text
from reader.core.progress import Cancelled, Progress


def pdf_text(data: bytes, progress: Progress | None = None) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailed("This PDF is protected by a password; it cannot be read.")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise ImportFailed(
                f"This PDF is too long ({count} pages; the limit is {MAX_PDF_PAGES})."
            )
        pages: list[str] = []
        for number, page in enumerate(reader.pages):
            if progress is not None:
                progress.step(number, count, "Reading pages")
            pages.append(page.extract_text() or "")
    except (ImportFailed, Cancelled):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise ImportFailed("This PDF is damaged; its text cannot be read.") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ImportFailed(
            "This PDF has no text layer (it is probably a scan, made of images); "
            "there is no text to import."
        )
    return text


def articles_from_pdf(
    data: bytes, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    return articles_from_text(pdf_text(data, progress), source, progress)
