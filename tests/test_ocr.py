"""OCR: text rendered with Noto CJK and the corpus's images read back, offline; bad images
refused with a message and nothing stored."""

from __future__ import annotations

import io
import socket
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from reader.cli import main
from reader.core.importing import ImportedArticle, ImportFailed, import_file, import_image
from reader.core.importing.ocr import MAX_IMAGE_PIXELS, uncertain_spans
from reader.core.importing.ocr_engine import models_dir
from reader.core.importing.ocr_layout import Paragraph
from reader.core.progress import Cancelled, Progress
from reader.core.store import Store
from reader.core.store.database import DB_FILENAME
from tests.ocr_support import (
    CORPUS,
    SIMPLIFIED,
    TC,
    TRADITIONAL,
    VERTICAL,
    character_accuracy,
    expected_text,
    noto_cjk,
    render,
    render_vertical,
)

needs_font = pytest.mark.skipif(noto_cjk() is None, reason="needs fonts-noto-cjk")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _library(data_dir: Path) -> list[str]:
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as store:
        return [info.title for info in store.articles.all()]


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket can be opened: whatever reads the page must not need the network."""

    def refuse(*_args: object, **_kwargs: object) -> socket.socket:
        raise AssertionError("OCR tried to reach the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_models_ship_with_the_app() -> None:
    folder = models_dir()
    assert (folder / "det.onnx").stat().st_size > 1_000_000
    assert (folder / "rec.onnx").stat().st_size > 1_000_000
    assert len((folder / "dict.txt").read_text(encoding="utf-8").splitlines()) == 18_383


@needs_font
def test_rendered_simplified_and_traditional(tmp_path: Path, offline: None) -> None:
    article = import_file(_write(tmp_path, "page.png", render(SIMPLIFIED + TRADITIONAL)))[0]
    accuracy = character_accuracy(article.text, "".join(SIMPLIFIED + TRADITIONAL))
    assert accuracy >= 0.98, article.text
    # one paragraph per rendered paragraph, in order, titled by the first line
    assert len(article.paragraphs) == len(SIMPLIFIED + TRADITIONAL)
    for got, wanted in zip(article.paragraphs, SIMPLIFIED + TRADITIONAL, strict=True):
        assert character_accuracy(got, wanted) >= 0.95, (got, wanted)
    assert article.title.startswith("春天来了")
    assert article.pages and Image.open(io.BytesIO(article.pages[0])).format == "JPEG"


@needs_font
def test_traditional_face(tmp_path: Path) -> None:
    article = import_file(_write(tmp_path, "page.webp", _as(render(TRADITIONAL, TC), "WEBP")))[0]
    assert character_accuracy(article.text, "".join(TRADITIONAL)) >= 0.98, article.text


@needs_font
def test_vertical_columns_read_right_to_left(tmp_path: Path) -> None:
    article = import_file(_write(tmp_path, "vertical.png", render_vertical(VERTICAL)))[0]
    assert character_accuracy(article.text, "".join(VERTICAL)) >= 0.95, article.text
    assert article.text.index("學習") < article.text.index("每天") < article.text.index("慢慢")


@needs_font
@pytest.mark.parametrize("kind", ["JPEG", "BMP", "TIFF"])
def test_other_formats(tmp_path: Path, kind: str) -> None:
    data = _as(render(SIMPLIFIED[:1]), kind)
    article = import_file(_write(tmp_path, f"page.{kind.lower()}", data))[0]
    assert character_accuracy(article.text, SIMPLIFIED[0]) >= 0.98, article.text


@needs_font
def test_scanned_pdf_is_read(tmp_path: Path) -> None:
    """A PDF made of a page image (no text layer) is read by OCR."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(render(SIMPLIFIED[:2]))).save(buffer, "PDF", resolution=150)
    article = import_file(_write(tmp_path, "scan.pdf", buffer.getvalue()))[0]
    assert character_accuracy(article.text, "".join(SIMPLIFIED[:2])) >= 0.98, article.text
    assert len(article.pages) == 1


@needs_font
def test_pasted_screenshot_with_transparency() -> None:
    """A clipboard PNG with a transparent background reads as dark text on white."""
    page = Image.open(io.BytesIO(render(SIMPLIFIED[:1]))).convert("L")
    clear = Image.new("RGBA", page.size, (0, 0, 0, 0))
    clear.putalpha(Image.eval(page, lambda v: 255 - v))  # black text, nothing behind it
    article = import_image(_as_image(clear, "PNG"))[0]
    assert character_accuracy(article.text, SIMPLIFIED[0]) >= 0.98, article.text
    assert article.source == "clipboard"


@needs_font
def test_progress_and_cancel(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.png", render(SIMPLIFIED))
    reports: list[tuple[int, int, str]] = []
    import_file(path, progress=Progress(lambda d, t, m: reports.append((d, t, m))))
    assert any("Reading the text" in message for _, _, message in reports)
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        import_file(path, progress=cancelled)


@needs_font
def test_cli_imports_a_photo(data_dir: Path, tmp_path: Path) -> None:
    assert main(["import", str(_write(tmp_path, "photo.png", render(SIMPLIFIED[:1])))]) == 0
    assert [title[:4] for title in _library(data_dir)] == ["春天来了"]
    with Store.open(data_dir / DB_FILENAME, auto_backup=False) as store:
        (article_id,) = store.scans.with_pages()  # the page is kept with the article
        assert Image.open(io.BytesIO(store.scans.pages(article_id)[0])).size[0] > 100


def test_uncertain_spans_are_offsets_in_the_text() -> None:
    paras = [Paragraph("一二三", (0.99, 0.3, 0.4)), Paragraph("四五", (0.2, 0.95))]
    spans = uncertain_spans(paras)
    text = "一二三\n四五"
    assert [text[start:end] for start, end in spans] == ["二三", "四"]


# --- bad input: a message, and nothing added to the library ----------------------------


def _refused(path: Path, data_dir: Path, *words: str) -> None:
    before = _library(data_dir)
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    for word in words:
        assert word in str(caught.value), str(caught.value)
    assert main(["import", str(path)]) == 1
    assert _library(data_dir) == before


def test_not_an_image(tmp_path: Path, data_dir: Path) -> None:
    _refused(_write(tmp_path, "photo.png", "这不是图片".encode()), data_dir, "not an image")


def test_image_too_large(tmp_path: Path, data_dir: Path) -> None:
    """20,000 × 20,000 pixels, a 60 KB file: refused from its header, never decoded."""
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000), 1).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 200_000
    _refused(_write(tmp_path, "huge.png", buffer.getvalue()), data_dir, "too large")


def test_image_over_our_limit_below_pillows(tmp_path: Path, data_dir: Path) -> None:
    side = int(MAX_IMAGE_PIXELS**0.5) + 100
    buffer = io.BytesIO()
    Image.new("1", (side, side), 1).save(buffer, "PNG")
    _refused(_write(tmp_path, "big.png", buffer.getvalue()), data_dir, "too large", f"{side:,}")


def test_decompression_bomb_header(tmp_path: Path, data_dir: Path) -> None:
    """A PNG whose header claims 100,000 × 100,000 pixels over a few bytes of data."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
    _refused(_write(tmp_path, "bomb.png", data + chunk(b"IEND", b"")), data_dir, "too large")


def test_damaged_image(tmp_path: Path, data_dir: Path) -> None:
    good = _as(Image.new("RGB", (400, 300), "white"), "JPEG")
    _refused(_write(tmp_path, "cut.jpg", good[: len(good) // 3]), data_dir, "damaged")


def test_image_without_text(tmp_path: Path, data_dir: Path) -> None:
    blank = _as(Image.new("RGB", (800, 600), (250, 250, 245)), "PNG")
    _refused(_write(tmp_path, "blank.png", blank), data_dir, "No text was found")


# --- the corpus: a phone screenshot and a font specimen, read against hand-checked text ---

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")


@pytest.fixture(scope="module")
def screenshot() -> ImportedArticle:
    return import_file(CORPUS / "img_screenshot_wechat_article_zh.jpg")[0]


@corpus
def test_phone_screenshot(screenshot: ImportedArticle) -> None:
    accuracy = character_accuracy(
        screenshot.text, expected_text("img_screenshot_wechat_article_zh.jpg")
    )
    assert accuracy >= 0.97, screenshot.text
    paras = screenshot.paragraphs
    # the status bar (10:20, 13 B/s) and the navigation bar's icons are not text
    assert not any("10:20" in p or "B/s" in p for p in paras)
    assert paras[1].startswith("尤其是进入21世纪以来")
    assert paras[1].endswith("“DNA修复的细胞机制研究”。")  # one paragraph over nine lines
    assert "关于诺贝尔奖" in paras  # the heading stands alone
    assert sum(p.startswith("自1901年以来") for p in paras) == 1
    assert "我们拭目以待。" in screenshot.text  # a paragraph's last character stays with it


@corpus
def test_font_specimen_without_its_background(tmp_path: Path) -> None:
    name = "img_font_specimen_lxgw_wenkai_mixed.png"
    article = import_file(CORPUS / name)[0]
    assert character_accuracy(article.text, expected_text(name)) >= 0.97, article.text
    assert article.title == "包含《通用规范汉字表》汉字"
    assert "玻玲珍" not in article.text  # the faint characters behind the text


def _as(image: Image.Image | bytes, kind: str) -> bytes:
    if isinstance(image, bytes):
        image = Image.open(io.BytesIO(image))
    return _as_image(image, kind)


def _as_image(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()
