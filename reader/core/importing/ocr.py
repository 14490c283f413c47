"""A photo, a screenshot or a scan → an article, by OCR (``ocr_engine``, offline).

Images (PNG, JPEG, WebP, BMP, TIFF, GIF; a TIFF's or GIF's every frame is a page) and the
pages of a PDF without a text layer (rendered by PDFium at 200 dpi) are read page by page;
each page's lines are rebuilt into paragraphs in reading order (``ocr_layout``) and the
pages joined into one article titled by its first line. The article keeps every page as a
JPEG (at most ``PAGE_LONG_SIDE`` pixels; the library's thumbnail is made from the first)
and the spans of the characters the recogniser was unsure of (``uncertain``), which the
reading view marks for the learner to check against the page.

Bad input changes nothing and gets a message: not an image, an image larger than
``MAX_IMAGE_PIXELS`` (checked from its header, before it is decoded; Pillow's own
decompression-bomb check is made an error too), more than ``MAX_OCR_PAGES`` pages, a
page with no text on it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from reader.core.importing.article import ImportedArticle
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import check_length
from reader.core.importing.ocr_engine import OcrEngine
from reader.core.importing.ocr_layout import Paragraph, paragraphs
from reader.core.importing.split import title_from_text
from reader.core.progress import Progress

MAX_IMAGE_PIXELS = 50_000_000  # 7,000 × 7,000: a 600-dpi A3 scan; a phone photo is 12–50 M
MAX_OCR_PAGES = 200
PAGE_LONG_SIDE = 2400  # the page kept with the article, for the learner to compare
PDF_DPI = 200
UNCERTAIN_BELOW = 0.7  # a character read with a lower probability is marked
_FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "TIFF", "GIF")
_PAGE_QUALITY = 85


@dataclass(frozen=True)
class OcrPage:
    """One page as read: its paragraphs and the page itself, as kept with the article."""

    paragraphs: tuple[Paragraph, ...]
    jpeg: bytes


def articles_from_image(
    data: bytes, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    """The article an image file holds (every frame of a TIFF or GIF is a page)."""
    frames = list(_frames(data))
    pages = []
    for number, frame in enumerate(frames):
        pages.append(read_page(frame, _sub(progress, number, len(frames))))
    return [article_from_pages(pages, source)]


def articles_from_scanned_pdf(
    document: object, source: str, progress: Progress | None = None
) -> list[ImportedArticle]:
    """The article in a PDF's pages, read by OCR (a ``pypdfium2.PdfDocument``)."""
    import pypdfium2

    assert isinstance(document, pypdfium2.PdfDocument)
    count = len(document)
    if count > MAX_OCR_PAGES:
        raise ImportFailed(
            f"This scanned PDF has {count} pages; at most {MAX_OCR_PAGES} are read by OCR "
            "at once. Split it into shorter files."
        )
    pages = []
    for number in range(count):
        page = document[number]
        width, height = page.get_size()
        scale = min(PDF_DPI / 72, (MAX_IMAGE_PIXELS / max(1.0, width * height)) ** 0.5)
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
        pages.append(read_page(image, _sub(progress, number, count)))
    return [article_from_pages(pages, source)]


def read_page(image: Image.Image, progress: Progress | None = None) -> OcrPage:
    """One page (RGB) read: its paragraphs, and the page as kept with the article."""
    lines = OcrEngine.shared().read(image, progress)
    kept = image.copy()
    kept.thumbnail((PAGE_LONG_SIDE, PAGE_LONG_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    kept.save(buffer, "JPEG", quality=_PAGE_QUALITY, optimize=True)
    return OcrPage(tuple(paragraphs(lines, image.width)), buffer.getvalue())


def article_from_pages(pages: list[OcrPage], source: str) -> ImportedArticle:
    """The pages' paragraphs as one article; refused when no page has any text."""
    paras = [p for page in pages for p in page.paragraphs if p.text.strip()]
    if not paras:
        what = "this image" if len(pages) == 1 else f"these {len(pages)} pages"
        raise ImportFailed(
            f"No text was found in {what}. For a photo, hold the page flat and in focus, "
            "with the text large enough to read; a screenshot works best."
        )
    text = "\n".join(p.text for p in paras)
    check_length(len(text))
    return ImportedArticle(
        title=title_from_text([paras[0].text]),
        text=text,
        original_text=text,
        source=source,
        pages=tuple(page.jpeg for page in pages),
        uncertain=uncertain_spans(paras),
    )


def uncertain_spans(paras: list[Paragraph]) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets in the joined text of the runs of uncertain characters."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for para in paras:
        for index, confidence in enumerate(para.confidences):
            if confidence >= UNCERTAIN_BELOW:
                continue
            at = offset + index
            if spans and spans[-1][1] == at:
                spans[-1] = (spans[-1][0], at + 1)
            else:
                spans.append((at, at + 1))
        offset += len(para.text) + 1  # the paragraph's line break
    return tuple(spans)


def _frames(data: bytes) -> Iterator[Image.Image]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(None) from None
        except (UnidentifiedImageError, OSError, ValueError):
            raise ImportFailed(
                "This file is not an image, or the image is damaged "
                "(PNG, JPEG, WebP, BMP, TIFF and GIF are read)."
            ) from None
        count = getattr(image, "n_frames", 1)
        if count > MAX_OCR_PAGES:
            raise ImportFailed(f"This image has {count} pages; the limit is {MAX_OCR_PAGES}.")
        for frame in ImageSequence.Iterator(image):
            if frame.width * frame.height > MAX_IMAGE_PIXELS:
                raise _too_large(frame)
            try:
                upright = ImageOps.exif_transpose(frame)  # a phone photo taken sideways
                yield _on_white(upright)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
                raise ImportFailed("This image is damaged; it cannot be read.") from None


def _too_large(image: Image.Image | None) -> ImportFailed:
    size = f" ({image.width:,} × {image.height:,} pixels)" if image is not None else ""
    return ImportFailed(
        f"This image is too large to read{size}; the limit is {MAX_IMAGE_PIXELS // 1_000_000} "
        "million pixels. Scale it down, or crop it to the text."
    )


def _on_white(image: Image.Image) -> Image.Image:
    """RGB, a transparent background made white (a screenshot's PNG may have none)."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _sub(progress: Progress | None, number: int, count: int) -> Progress | None:
    """Page ``number``'s progress, reported as that page of ``count``."""
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int, message: str) -> None:
        label = f"Page {number + 1} of {count}: {message}" if count > 1 else message
        outer.step(number * max(1, total) + done, count * max(1, total), label)

    return Progress(report)  # (the outer one's cancel surfaces through its step)
