"""Draw the app icon with Qt (offscreen) and write it as PNG, Windows .ico and macOS .icns.

Run once by hand (`uv run python packaging/icons/make_icons.py`); the outputs are committed
so a build needs neither fonts nor this script. Qt writes the PNGs and the .ico; the .icns is
written here directly: its container is a 'icns' header followed by PNG-bearing entries.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

HERE = Path(__file__).resolve().parent
# icns entry types that hold PNG data, by pixel size.
ICNS_TYPES = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """A red rounded square with 读 ("read") in white, as on a book spine."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#b8322a"))
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    font = QFont("Noto Sans CJK SC")
    font.setPixelSize(round(size * 0.62))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(QColor("#fff8ec"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "读")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_icns(path: Path, master: QImage) -> None:
    entries = b""
    for size, kind in ICNS_TYPES.items():
        png = png_bytes(master.scaled(size, size, mode=Qt.TransformationMode.SmoothTransformation))
        entries += kind + struct.pack(">I", len(png) + 8) + png
    path.write_bytes(b"icns" + struct.pack(">I", len(entries) + 8) + entries)


def write_ico(path: Path) -> None:
    """A multi-size .ico (each size drawn, not scaled, so the glyph stays crisp)."""
    images = [png_bytes(draw(size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for size, png in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    path.write_bytes(header + directory + b"".join(images))


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    master = draw(1024)
    draw(256).save(str(HERE / "reader.png"))
    write_ico(HERE / "reader.ico")
    write_icns(HERE / "reader.icns", master)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
