"""The printable handout: title, date, the vocabulary table, and the article with pinyin.

Qt's PDF writer does the work because it embeds the subset of the CJK font actually used
(with a ToUnicode map, so the Hanzi can be searched and copied), finds a CJK font on
every desktop we ship to (the same fallback list as the reader view), and lets the
article reuse the reader view's own layout (`ArticleLayout` with Qt font metrics): the
handout wraps and places pinyin exactly as the screen does. A pure-Python engine would
have meant shipping a CJK font of several MB. The CLI creates a headless
`QGuiApplication` for it (`gui_application`, on the platform `reader.ui.headless` picks).

For a class: the article's pinyin is printed at ``RUBY_PT`` (at least 7 pt, readable on
paper; the screen's ratio gave 6), words the learner ignored are left out unless asked
(``include_ignored``), and each word is bold in its example, with the example's pinyin
under it when that column is chosen.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from reader import __version__
from reader.core.atomic import verify_pdf, write_atomically
from reader.core.export.model import (
    Column,
    ExportList,
    ExportOptions,
    ExportWord,
    PageSize,
    cell_text,
    handout_words,
    marked_html,
)
from reader.core.progress import Progress
from reader.ui.article_view.layout import ArticleLayout, GlossBand
from reader.ui.article_view.model import (
    DisplayOptions,
    PinyinForm,
    RubyWords,
    glosses_for,
    provisional_tokens,
    rubies_for,
    word_spans,
)
from reader.ui.article_view.widget import CJK_FAMILIES, RUBY_FAMILIES, QtMetrics
from reader.ui.headless import use_headless_platform

DPI = 300
MARGIN_MM = 15.0
BODY_PT = 10.5
ARTICLE_PT = 15.5  # with RUBY_PT, the reader view's proportions
RUBY_PT = 7.5  # the article's pinyin: at least 7 pt on paper (it was 6.2)
EXAMPLE_PINYIN_PT = 8.5
_PAGE_SIZES = {PageSize.A4: QPageSize.PageSizeId.A4, PageSize.LETTER: QPageSize.PageSizeId.Letter}
_COLUMN_SHARES = (0.18, 0.18, 0.56, 0.08)  # Hanzi, pinyin, meaning, HSK
_GREY = QColor("#555555")
_RULE = QColor("#bbbbbb")
_HEADER_FILL = QColor("#eeeeee")


def gui_application() -> QGuiApplication:
    """The running Qt application, or a headless one for the command line."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    use_headless_platform()
    return QGuiApplication([])


def _px(points: float) -> float:
    return points * DPI / 72


def _font(points: float, *, bold: bool = False, families: Sequence[str] = RUBY_FAMILIES) -> QFont:
    """Latin families first, then the CJK ones: CJK fonts draw digits and spaces with glyphs
    that Qt's PDF text map gets wrong (see `_repair_text_map`)."""
    font = QFont()
    font.setFamilies([*families, *CJK_FAMILIES])
    font.setPixelSize(round(_px(points)))
    font.setBold(bold)
    return font


class _Pages:
    """A painter on the PDF and a cursor that moves to a new page when one is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, footer: str) -> None:
        self.writer = writer
        self.painter = painter
        rect = writer.pageLayout().paintRectPixels(DPI)
        self.width = float(rect.width())
        self.footer_font = _font(8)
        self.footer_height = QFontMetricsF(self.footer_font).height() * 2
        self.bottom = float(rect.height()) - self.footer_height
        self.footer = footer
        self.page = 1
        self.y = 0.0

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def ensure(self, height: float) -> bool:
        """Start a new page unless ``height`` fits; True when a page was started."""
        if self.fits(height) or self.y == 0.0:
            return False
        self.new_page()
        return True

    def new_page(self) -> None:
        self.finish_page()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def finish_page(self) -> None:
        self.painter.setFont(self.footer_font)
        self.painter.setPen(_GREY)
        box = QRectF(0, self.bottom + self.footer_height / 2, self.width, self.footer_height / 2)
        self.painter.drawText(box, Qt.AlignmentFlag.AlignRight, f"{self.footer} · {self.page}")


def write_pdf_handout(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    on_date: date | None = None,
) -> Path:
    """Write the handout; needs a `QGuiApplication` (see `gui_application`)."""
    return write_atomically(
        path,
        lambda temp: _render(temp, word_list, options, progress, on_date or date.today()),
        overwrite=overwrite,
        verify=verify_pdf,
    )


def _render(
    target: Path,
    word_list: ExportList,
    options: ExportOptions,
    progress: Progress | None,
    on_date: date,
) -> None:
    title = options.title or word_list.name
    writer = QPdfWriter(str(target))
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator(f"reader {__version__}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(_PAGE_SIZES[options.page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write a PDF to {target}")
    words = handout_words(word_list, options)
    try:
        pages = _Pages(writer, painter, title)
        _heading(pages, title, word_list, len(words), on_date)
        _vocabulary(pages, words, options, progress)
        if options.include_article and word_list.article_text:
            _article(pages, word_list, options)
        pages.finish_page()
    finally:
        painter.end()
    drawn = "".join(
        [title, word_list.article_title or "", word_list.article_text or ""]
        + [cell for word in words for cell in _word_cells(word, options)]
    )
    _repair_text_map(target, _text_map_fixes(drawn))


def _heading(
    pages: _Pages, title: str, word_list: ExportList, word_count: int, on_date: date
) -> None:
    painter = pages.painter
    title_font = _font(20, bold=True)
    painter.setFont(title_font)
    painter.setPen(Qt.GlobalColor.black)
    box = painter.boundingRect(
        QRectF(0, pages.y, pages.width, 1e6), Qt.TextFlag.TextWordWrap, title
    )
    painter.drawText(box, Qt.TextFlag.TextWordWrap, title)
    pages.y += box.height() + _px(4)
    info_font = _font(10)
    painter.setFont(info_font)
    painter.setPen(_GREY)
    info = f"{on_date.isoformat()} · {word_count} words"
    if word_list.article_title and word_list.article_title != title:
        info += f" · {word_list.article_title}"
    painter.drawText(QPointF(0, pages.y + QFontMetricsF(info_font).ascent()), info)
    pages.y += QFontMetricsF(info_font).height() + _px(12)


def _word_cells(word: ExportWord, options: ExportOptions) -> list[str]:
    """The plain text of a row's cells (what is drawn, for the text map)."""
    hanzi = word.simplified
    if options.include_traditional and word.traditional and word.traditional != hanzi:
        hanzi += f"\n{word.traditional}"
    lines = [word.meaning + (f" (CL: {word.classifiers})" if word.classifiers else "")]
    if options.include_sentence and word.sentence:
        lines.append(word.sentence)
        if Column.SENTENCE_PINYIN in options.columns and word.sentence_pinyin:
            lines.append(cell_text(word, Column.SENTENCE_PINYIN))
    if options.include_notes and word.notes:
        lines.append(word.notes)
    return [hanzi, cell_text(word, Column.PINYIN), "\n".join(lines), word.hsk]


def _meaning_html(word: ExportWord, options: ExportOptions) -> str:
    """The meaning cell: the senses, the example with the word in bold, its pinyin (smaller,
    grey) and the notes, each on a line of its own."""
    lines = [escape(word.meaning + (f" (CL: {word.classifiers})" if word.classifiers else ""))]
    if options.include_sentence and word.sentence:
        lines.append(marked_html(word.sentence, (word.simplified, word.traditional)))
        if Column.SENTENCE_PINYIN in options.columns and word.sentence_pinyin:
            pinyin = escape(cell_text(word, Column.SENTENCE_PINYIN))
            size = round(_px(EXAMPLE_PINYIN_PT))
            lines.append(f'<span style="color:{_GREY.name()}; font-size:{size}px">{pinyin}</span>')
    if options.include_notes and word.notes:
        lines.append("<br>".join(escape(line) for line in word.notes.splitlines()))
    return "<br>".join(lines)


def _document(content: str, font: QFont, width: float, *, rich: bool) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    if rich:
        document.setHtml(content)
    else:
        document.setPlainText(content)
    return document


def _vocabulary(
    pages: _Pages,
    words: Sequence[ExportWord],
    options: ExportOptions,
    progress: Progress | None,
) -> None:
    if not words:
        return
    painter = pages.painter
    widths = [pages.width * share for share in _COLUMN_SHARES]
    pad = _px(3)
    header_font = _font(BODY_PT, bold=True)
    fonts = [
        _font(BODY_PT + 3),
        _font(BODY_PT, families=RUBY_FAMILIES),
        _font(BODY_PT),
        _font(BODY_PT),
    ]

    def row(documents: Sequence[QTextDocument], fill: QColor | None) -> None:
        height = max(d.size().height() for d in documents) + 2 * pad
        if pages.ensure(height):
            header()
        if fill is not None:
            painter.fillRect(QRectF(0, pages.y, pages.width, height), fill)
        x = 0.0
        for document, width in zip(documents, widths, strict=True):
            painter.save()
            painter.translate(x + pad, pages.y + pad)
            document.drawContents(painter)
            painter.restore()
            x += width
        pages.y += height
        painter.setPen(_RULE)
        painter.drawLine(QPointF(0, pages.y), QPointF(pages.width, pages.y))

    def header() -> None:
        titles = ["Hanzi", "Pinyin", "Meaning", "HSK"]
        row(
            [
                _document(t, header_font, w - 2 * pad, rich=False)
                for t, w in zip(titles, widths, strict=True)
            ],
            _HEADER_FILL,
        )

    header()
    for index, word in enumerate(words):
        if progress is not None and index % 200 == 0:
            progress.step(index, len(words), "Writing the vocabulary table")
        cells = _word_cells(word, options)
        cells[2] = _meaning_html(word, options)
        row(
            [
                _document(text, font, width - 2 * pad, rich=column == 2)
                for column, (text, font, width) in enumerate(zip(cells, fonts, widths, strict=True))
            ],
            None,
        )
    pages.y += _px(18)


def _article(pages: _Pages, word_list: ExportList, options: ExportOptions) -> None:
    """The article laid out by the reader view's `ArticleLayout`, line by line."""
    text = word_list.article_text or ""
    tokens = word_list.article_tokens or provisional_tokens(text)
    display = DisplayOptions(
        pinyin=PinyinForm.MARKS if options.article_with_pinyin else PinyinForm.HIDDEN,
        ruby_words=RubyWords.OFF_LIST if options.article_off_list else RubyWords.ALL,
        glosses=options.article_glosses,
    )
    taught = word_list.article_taught
    rubies = rubies_for(tokens, len(text), display, {}, lambda _word: None, None, taught)
    metrics = _HandoutMetrics(_first_installed(RUBY_FAMILIES), round(_px(ARTICLE_PT)))
    known = word_list.article_glosses or {}
    texts = glosses_for(
        tokens, display, {}, lambda _word: None, lambda t: known.get(t.start, ""), taught
    )
    band = GlossBand(texts, metrics.gloss_advance, metrics.gloss_height) if texts else None
    starts, ends = word_spans(tokens)
    layout = ArticleLayout(
        text,
        [token.start for token in tokens],
        rubies,
        metrics,
        title=word_list.article_title or "",
        show_ruby=options.article_with_pinyin,
        word_starts=starts,
        word_ends=ends,
        glosses=band,
    )
    layout.relayout(pages.width)
    painter = pages.painter
    pages.ensure(layout.line_height * 3)
    origin = pages.y
    painter.setPen(Qt.GlobalColor.black)
    painter.setFont(metrics.title_font)
    for line_text, top in layout.title_lines:
        painter.drawText(QPointF(0, origin + top + metrics.title_ascent), line_text)
    previous = 0.0
    pages.y = origin
    for line in range(layout.line_count):
        pages.y += layout.line_tops[line] - previous
        previous = layout.line_tops[line]
        pages.ensure(layout.line_height)  # a line that does not fit starts the next page
        _paint_line(painter, layout, metrics, line, pages.y)
    pages.y += layout.line_height


class _HandoutMetrics(QtMetrics):
    """The reader view's metrics with the pinyin at ``RUBY_PT``."""

    def __init__(self, family: str, size: int) -> None:
        super().__init__(family, size)
        self.ruby_font.setPixelSize(round(_px(RUBY_PT)))
        self._ruby = QFontMetricsF(self.ruby_font)
        self.ruby_ascent = self._ruby.ascent()
        self.ruby_height = self._ruby.height() + size * 0.08


def _paint_line(
    painter: QPainter, layout: ArticleLayout, metrics: QtMetrics, line: int, top: float
) -> None:
    """One line as the reader view sets it: the characters of a word together, its pinyin
    joined and centred over it (`ArticleLayout.line_rubies`)."""
    text = layout.text
    baseline = top + layout.ruby_band + metrics.char_ascent
    painter.setFont(metrics.char_font)
    painter.setPen(Qt.GlobalColor.black)
    for index in range(layout.line_starts[line], layout.line_ends[line]):
        char = text[index]
        if not char.isspace():
            painter.drawText(QPointF(layout.glyph_x(index, line), baseline), char)
    painter.setPen(_GREY)
    painter.setFont(metrics.gloss_font)
    gloss_baseline = baseline - metrics.char_ascent + metrics.char_height + metrics.gloss_ascent
    for x, gloss in layout.line_glosses(line):
        painter.drawText(QPointF(x, gloss_baseline), gloss)
    if not layout.show_ruby:
        return
    painter.setFont(metrics.ruby_font)
    painter.setPen(_GREY)
    ruby_baseline = top + metrics.ruby_ascent
    for _index, x, piece in layout.line_rubies(line):
        painter.drawText(QPointF(x, ruby_baseline), piece)


# --- the text map -----------------------------------------------------------------------
# Qt writes each embedded font's ToUnicode map (which tells a PDF reader what text a glyph
# stands for) by taking, for every glyph, the *lowest* code point that the font maps to it.
# CJK fonts share glyphs between an ideograph and a radical or stroke that sorts before it
# (行 U+884C and the Kangxi radical ⾏ U+2F8F, 长 and ⻓ U+2ED3), and a space with the tab, so
# text copied or searched in the PDF would be wrong. We know the text that was drawn, so each
# such "lowest code point" is put back to the character actually drawn. Qt writes these
# maps uncompressed, with four hex digits per BMP code point: the repair swaps equal-length
# tokens and leaves every byte offset of the file unchanged.

_RANGE_LINE = re.compile(rb"^(<[0-9A-Fa-f]+> <[0-9A-Fa-f]+> \[)([^\]\n]*)(\])$", re.M)
_CHAR_LINE = re.compile(rb"^(<[0-9A-Fa-f]+> )<([0-9A-Fa-f]{4})>$", re.M)
_MAP_BLOCK = re.compile(rb"beginbfrange\n.*?endbfrange|beginbfchar\n.*?endbfchar", re.S)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _first_installed(families: Iterable[str]) -> str:
    installed = set(QFontDatabase.families())
    return next((f for f in families if f in installed), "")


def _raw_fonts() -> list[QRawFont]:
    """The fonts Qt draws the handout with: the Latin one and, through fallback, the
    simplified and traditional Chinese ones, regular and bold (wherever they come from)."""
    found: dict[tuple[str, str], QRawFont] = {}
    systems = (
        QFontDatabase.WritingSystem.Latin,
        QFontDatabase.WritingSystem.SimplifiedChinese,
        QFontDatabase.WritingSystem.TraditionalChinese,
    )
    for bold in (False, True):
        font = _font(BODY_PT, bold=bold)
        for system in systems:
            raw = QRawFont.fromFont(font, system)
            if raw.isValid():
                found.setdefault((raw.familyName(), raw.styleName()), raw)
    return list(found.values())


def _text_map_fixes(drawn: str) -> dict[int, int]:
    """For every drawn BMP character whose glyph is also that of a lower code point that
    was not drawn: lower code point → the drawn character."""
    drawn_set = {ord(c) for c in drawn if ord(c) < 0x10000}
    code_points = [cp for cp in range(0x10000) if not 0xD800 <= cp < 0xE000]
    every_char = "".join(map(chr, code_points))
    fixes: dict[int, int] = {}
    for raw in _raw_fonts():
        glyphs = raw.glyphIndexesForString(every_char)
        lowest: dict[int, int] = {}
        glyph_of: dict[int, int] = {}
        for cp, glyph in zip(code_points, glyphs, strict=True):
            if glyph:
                lowest.setdefault(glyph, cp)
                if cp in drawn_set:
                    glyph_of[cp] = glyph
        for cp, glyph in glyph_of.items():
            first = lowest[glyph]
            if first != cp and first not in drawn_set:
                fixes.setdefault(first, cp)
    return fixes


def _repair_text_map(path: Path, fixes: dict[int, int]) -> None:
    if not fixes:
        return

    def swap(hex_digits: bytes) -> bytes:
        code = int(hex_digits, 16)
        return b"<%04X>" % fixes[code] if code in fixes else b"<" + hex_digits + b">"

    def fix_block(block: re.Match[bytes]) -> bytes:
        text = _RANGE_LINE.sub(
            lambda m: m.group(1) + _HEX4.sub(lambda h: swap(h.group(1)), m.group(2)) + m.group(3),
            block.group(0),
        )
        return _CHAR_LINE.sub(lambda m: m.group(1) + swap(m.group(2)), text)

    data = path.read_bytes()
    repaired = _MAP_BLOCK.sub(fix_block, data)
    if len(repaired) != len(data):  # never: every swap keeps the length
        raise AssertionError("the PDF text map repair changed the file's length")
    path.write_bytes(repaired)
