"""Shared by the OCR tests and ``benchmarks/ocr_bench.py``: the hand-checked text of the
corpus images, text rendered with Noto CJK, and character accuracy.

The expected texts (``tests/ocr_expected/<image>.txt``) were written by reading each image
before the engine was tuned: what a learner sees on the page, without the phone's status
and navigation bars and without the specimen's faint background characters; the
screenshot's last, half-hidden line is left out.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

EXPECTED_DIR = Path(__file__).resolve().parent / "ocr_expected"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SIMPLIFIED = (
    "春天来了，公园里的花都开了。小明和妈妈一起去散步，他们看见湖边有很多人在拍照。",
    "妈妈说：“我们明天再来吧，今天的人太多了。”小明点点头，心里想着明天要带上爷爷。",
    "图书馆星期六上午九点开门，下午五点关门。借书的时候请带上学生证。",
)
TRADITIONAL = (
    "學習中文需要耐心。每天讀一篇短文，查一查不認識的字，慢慢地就會越來越熟練。",
    "這家餐廳的點心很有名，週末總是坐滿了客人，最好先打電話訂位。",
)
VERTICAL = ("學習中文需要耐心", "每天讀一篇短文", "慢慢地就會熟練")  # columns, right to left


def expected_text(image_name: str) -> str:
    return (EXPECTED_DIR / f"{Path(image_name).stem}.txt").read_text(encoding="utf-8")


def noto_cjk() -> Path | None:
    """The Noto Sans CJK collection (fonts-noto-cjk), found by fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True
    ).stdout.strip()
    return Path(found) if found.endswith(".ttc") and Path(found).is_file() else None


def _font(index: int, size: int) -> ImageFont.FreeTypeFont:
    path = noto_cjk()
    assert path is not None
    return ImageFont.truetype(str(path), size, index=index)


SC, TC = 2, 3  # the collection's Simplified and Traditional Chinese faces


def render(
    paragraphs: tuple[str, ...], face: int = SC, size: int = 32, per_line: int = 22
) -> bytes:
    """A PNG of ``paragraphs`` set in lines of ``per_line`` characters, a blank line between."""
    font = _font(face, size)
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [paragraph[i : i + per_line] for i in range(0, len(paragraph), per_line)]
        lines.append("")
    step = size * 3 // 2
    image = Image.new("RGB", (per_line * size + 2 * size, len(lines) * step + 2 * size), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((size, size + number * step), line, font=font, fill="black")
    return _png(image)


def render_vertical(columns: tuple[str, ...], face: int = TC, size: int = 36) -> bytes:
    """A PNG of ``columns`` set top to bottom, the first column on the right."""
    font = _font(face, size)
    step = size * 2
    height = max(len(c) for c in columns) * size + 2 * size
    image = Image.new("RGB", (len(columns) * step + 2 * size, height), "white")
    draw = ImageDraw.Draw(image)
    for number, column in enumerate(columns):
        x = image.width - size - (number + 1) * step + size // 2
        for row, char in enumerate(column):
            draw.text((x, size + row * size), char, font=font, fill="black")
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _normal(text: str) -> str:
    """Compared as read: full-width forms folded (NFKC), whitespace ignored."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def character_accuracy(got: str, expected: str) -> float:
    """1 − edit distance / expected length (a character too many counts as an error too)."""
    wanted = _normal(expected)
    return 1 - edit_distance(_normal(got), wanted) / len(wanted)
