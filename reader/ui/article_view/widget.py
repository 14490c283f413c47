"""The article view: paints the layout's visible lines and turns input into reading actions.

Only the lines that intersect the viewport are painted, each character and each ruby
syllable from a cache of `QStaticText` (laid out once per string and font), so a frame
costs the visible characters and nothing else. Clicks, hover and keyboard navigation go
through `ArticleLayout.hit_test` and the token offsets; nothing scans the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QStaticText,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.pinyin import tone_of
from reader.core.settings import Script
from reader.ui.article_view import releasing
from reader.ui.article_view.colors import ToneScheme, status_background, tone_color
from reader.ui.article_view.finding import next_occurrence, occurrences, visible_occurrences
from reader.ui.article_view.layout import ArticleLayout
from reader.ui.article_view.model import (
    DisplayOptions,
    RubyWords,
    StatusMarks,
    one_line,
    provisional_tokens,
    render_reading,
    with_title,
)
from reader.ui.article_view.resizing import SlicedRelayout
from reader.ui.article_view.typesetting import (
    BACKGROUND_CHARS,
    BackgroundTypesetter,
    Request,
    Typeset,
    combine,
    first_pages,
    relayout,
    typeset,
    typeset_part,
)
from reader.ui.theme import is_dark

CJK_FAMILIES = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC"]
RUBY_FAMILIES = ["Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans"]
MIN_FONT, MAX_FONT, DEFAULT_FONT = 12, 64, 22
MARGIN = 28
MAX_COLUMN_EMS = 42  # lines longer than this are hard to read: the column is centred
CLICK_SLOP = 4
TOP_PAD = 8  # room above the reading line when the view scrolls to it
TITLE_SCALE = 1.35  # the title's font size, in text font sizes
FIRST_PAINT_WAIT_MS = 300  # a long article's worker starts at the latest after this
# Strings never drawn before that one paint of a long article's first pages draws (each
# laid out and its glyphs rendered: some 60 µs); the lines below wait for the next paint.
NEW_STRINGS_PER_PAINT = 120
# The boxes of ``text[start:end]`` on one layout's lines (``ArticleView._span_rects`` bound)
_Rects = Callable[[int, int], list[QRectF]]


class QtMetrics:
    """`FontMetrics` for the layout, from a pair of fonts: the characters' and their ruby's
    (the text's, or the title's: larger and bold)."""

    def __init__(self, family: str, size: int, bold: bool = False) -> None:
        self.char_font = QFont()
        self.char_font.setFamilies([family, *CJK_FAMILIES] if family else CJK_FAMILIES)
        self.char_font.setPixelSize(size)
        self.char_font.setBold(bold)
        self.ruby_font = QFont()
        self.ruby_font.setFamilies(RUBY_FAMILIES + CJK_FAMILIES)
        self.ruby_font.setPixelSize(max(9, round(size * 0.48)))
        self.gloss_font = QFont()
        self.gloss_font.setFamilies(RUBY_FAMILIES + CJK_FAMILIES)
        self.gloss_font.setPixelSize(max(9, round(size * 0.45)))
        self.gloss_font.setItalic(True)
        self._char = QFontMetricsF(self.char_font)
        self._ruby = QFontMetricsF(self.ruby_font)
        self._gloss = QFontMetricsF(self.gloss_font)
        self.gloss_ascent = self._gloss.ascent()
        self.gloss_height = self._gloss.height() + size * 0.1
        self.char_ascent = self._char.ascent()
        self.ruby_ascent = self._ruby.ascent()
        self.char_height = self._char.height()
        self.ruby_height = self._ruby.height() + size * 0.08
        self.line_gap = size * 0.35
        self.paragraph_gap = size * 0.7
        self.ruby_gap = size * 0.2
        self.word_gap = size * 0.25
        self._advances: dict[str, float] = {}

    def char_advance(self, char: str) -> float:
        advance = self._advances.get(char)
        if advance is None:
            advance = self._advances[char] = self._char.horizontalAdvance(char)
        return advance

    def ruby_advance(self, ruby: str) -> float:
        return self._ruby.horizontalAdvance(ruby)

    def gloss_advance(self, gloss: str) -> float:
        return self._gloss.horizontalAdvance(gloss)


def title_metrics(family: str, size: int) -> QtMetrics:
    """The title's fonts: a heading, a third larger than the text and bold."""
    return QtMetrics(family, round(size * TITLE_SCALE), bold=True)


class ArticleView(QAbstractScrollArea):
    """Characters with pinyin above them; click, hover, select, find and navigate.

    The title is typeset as the text is (its own layout, in the title's fonts, above the
    text's) and its words are words of the view: ``text`` and ``tokens`` are the article's
    followed by a line break and the title's, so the text's offsets are the article's own
    (reading positions, find, read aloud) and a title word is looked up, added and given a
    status through the same token indexes (its sentence: the title)."""

    word_activated = Signal(int, int)  # token index, char index: a click or Enter
    current_changed = Signal(int, int)  # the keyboard cursor moved to a word / character
    dismissed = Signal()  # Esc, or a click on nothing
    zoom_changed = Signal(int)
    # a long article's typeset came from its worker and is shown: objects that live on
    # (`reader.ui.app.spare_the_collector` keeps such out of the collector's scans)
    typeset_arrived = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here is already known to Python: asking for Qt's own would make
        # PySide6 work out its type by creating the enums of every widget class (~15 ms).
        self.setViewport(QWidget(self))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(False)
        # paintEvent fills its own background: lets Qt scroll pixels instead of repainting
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.text = ""  # the article's text, then "\n" and the title (if it has one)
        self.display_text = ""
        self.title = ""
        self.body_length = 0  # where the article's text ends in ``text``
        # those shown (the layouts'): ``tokens`` is the text's, then the title's (see
        # ``with_title``); those being typeset are ``_wanted`` (the same when done)
        self.tokens: list[Token] = []
        self._body_tokens: list[Token] = []
        self._wanted: tuple[Sequence[Token], list[Token]] = ([], [])
        self._token_starts: Sequence[int] = []
        self._word_starts: Sequence[int] = []
        self._word_ends: Sequence[int] = []
        self.options = DisplayOptions()
        self.statuses: Mapping[str, int] = {}
        self.class_words: frozenset[str] = frozenset()  # token texts of the class's words
        self.gloss_of: Callable[[Token], str] = lambda _token: ""  # `reader.core.glosses`
        self.hsk_level: Callable[[str], int | None] = lambda _word: None
        self.metrics = QtMetrics(self.options.font_family, self.options.font_size)
        self.title_metrics = title_metrics(self.options.font_family, self.options.font_size)
        # the fonts the layouts shown were typeset in: a long article's old layout is
        # painted in them until its worker brings the layout at a new size
        self._shown_metrics = (self.metrics, self.title_metrics)
        self.layout_: ArticleLayout | None = None
        self.title_layout: ArticleLayout | None = None  # None: the article has no title
        self._shown: Typeset | None = None  # what the layouts were typeset from
        self.hover_token: int | None = None
        self.current_char: int | None = None
        self.selection: tuple[int, int] | None = None
        self.find_needle = ""  # the find bar's text: every occurrence of it is marked
        self.find_starts: list[int] = []  # where it occurs in the displayed text
        self.uncertain: list[tuple[int, int]] = []  # characters OCR was unsure of
        self._anchor: int | None = None
        self._anchor_in_title = False  # a selection stays in the title or in the text
        self._press: QPoint | None = None
        self._statics: dict[tuple[int, str], QStaticText] = {}
        self._tones: dict[str, int] = {}
        self._sandhi: dict[int, str] = {}  # char index → syllable shown (tone sandhi on)
        self._reading_char = 0  # the character kept at the top through relayouts
        self._converted: tuple[tuple[str, Script], str] = (("", Script.SIMPLIFIED), "")
        self._scrolling_to = False
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._typesetter = BackgroundTypesetter(self)
        self._typesetter.ready.connect(self._arrived)
        self._slices = SlicedRelayout(self)  # a long article's relayout after a resize
        self._slices.settled.connect(self._settled)

    # Content ---------------------------------------------------------------------------

    def set_article(
        self,
        text: str,
        tokens: Sequence[Token],
        title: str = "",
        title_tokens: Sequence[Token] | None = None,
    ) -> None:
        """Show ``text`` under ``title``; ``tokens`` and ``title_tokens`` (by default one
        per character) may be provisional until the analysis arrives."""
        self.body_length = len(text)
        self._put_title(text, title)
        self.uncertain = []
        self.current_char = None
        self.selection = None
        self.hover_token = None
        if title_tokens is None:
            title_tokens = provisional_tokens(self.title)
        self._set_tokens(tokens, title_tokens)
        self._rebuild(keep_position=False)
        self.verticalScrollBar().setValue(0)

    def set_tokens(
        self, tokens: Sequence[Token], title_tokens: Sequence[Token] | None = None
    ) -> None:
        """Replace the tokens of the same text (the analysis arrived) and, if given, of the
        title; keeps the position. The tokens it shows already (the stored ones, shown at
        launch, confirmed when the dictionary has opened) cost no new layout."""
        body_wanted, title_wanted = self._wanted
        if title_tokens is None:
            title_tokens = title_wanted
        if self.layout_ is not None and tokens == body_wanted:
            if title_tokens != title_wanted:  # the title's came: only the title anew
                self._want_title(title_tokens)
            return
        self._set_tokens(tokens, title_tokens)
        self._rebuild(new_tokens=True)

    def set_title(self, title: str, title_tokens: Sequence[Token] | None = None) -> None:
        """A new title over the same text (the article was renamed), with its tokens (by
        default one per character until the analysis arrives): only the title is typeset
        anew, the text keeps its layout and the reading position."""
        self._put_title(self.article_text, title)
        if self.selection is not None and self.selection[1] > self.body_length:
            self.selection = None
        if self.current_char is not None and self.current_char > self.body_length:
            self.current_char = None
        if self.hover_token is not None and self.hover_token >= len(self._body_tokens):
            self.hover_token = None
        if title_tokens is None:
            title_tokens = provisional_tokens(self.title)
        self._want_title(title_tokens)

    def _put_title(self, article: str, title: str) -> None:
        """``title`` on one line, after ``article`` in ``text``."""
        self.title = one_line(title)
        self.text = f"{article}\n{self.title}" if self.title else article

    def _want_title(self, title_tokens: Sequence[Token]) -> None:
        """Show the same text under ``title_tokens``: the title alone typeset anew."""
        self._wanted = (self._wanted[0], list(title_tokens) if self.title else [])
        self._retitle()

    @property
    def article_text(self) -> str:
        """The article's text, without the title that follows it in ``text``."""
        return self.text[: self.body_length]

    @property
    def tokens_wanted(self) -> list[Token]:
        """The tokens shown once what is being typeset is (``tokens`` then): the text's,
        then the title's; a long article's ``tokens`` are the old ones until its worker
        is done."""
        body, title = self._wanted
        return with_title(body if isinstance(body, list) else list(body), self.body_length, title)

    @property
    def title_tokens_wanted(self) -> list[Token]:
        """The title's tokens shown once what is being typeset is, in the title's offsets."""
        return self._wanted[1]

    @property
    def body_tokens(self) -> list[Token]:
        """The tokens of the article's text shown, without the title's."""
        return self._body_tokens

    def _set_tokens(self, tokens: Sequence[Token], title_tokens: Sequence[Token]) -> None:
        """The tokens the next ``_rebuild`` typesets (``tokens`` is what is shown), taken as
        they are (the caller's: copying a long article's list took 7-20 ms; `ProvisionalTokens`
        are made by the typesetting)."""
        self._wanted = (tokens, list(title_tokens) if self.title else [])

    def set_uncertain(self, spans: Sequence[tuple[int, int]]) -> None:
        """Mark the characters OCR was unsure of (a red wavy line under them, as a spelling
        checker marks a word), for the learner to check against the page."""
        self.uncertain = sorted(spans)
        self.viewport().update()

    def set_options(self, options: DisplayOptions) -> None:
        if options.font_family != self.options.font_family or (
            options.font_size != self.options.font_size
        ):
            self.metrics = QtMetrics(options.font_family, options.font_size)
            self.title_metrics = title_metrics(options.font_family, options.font_size)
        same_layout = options == replace(
            self.options,
            tone_scheme=options.tone_scheme,
            color_characters=options.color_characters,
            status_marks=options.status_marks,
        )
        self.options = options
        if same_layout and self.layout_ is not None:
            self.viewport().update()  # colours are applied when painting: no new layout
            return
        self._rebuild()

    def set_word_statuses(self, statuses: Mapping[str, int]) -> None:
        """Word → the store's status; marks words and feeds "pinyin over unknown words"."""
        self.statuses = statuses
        if self.options.ruby_words is RubyWords.UNKNOWN or self.layout_ is None:
            self._rebuild()  # the pinyin shown depends on the statuses
        else:
            self.viewport().update()  # only the marks change: no relayout

    def set_class_words(self, taught: AbstractSet[str]) -> None:
        """The token texts of the class's words: "pinyin over words outside the class
        lists" leaves them bare."""
        self.class_words = frozenset(taught)
        if self.options.ruby_words is RubyWords.OFF_LIST:  # else nothing shown changes
            self._rebuild()

    def set_glosser(self, gloss_of: Callable[[Token], str]) -> None:
        """A word's short gloss (the dictionary's), for "glosses under the words"."""
        self.gloss_of = gloss_of
        if self.options.glosses:  # else nothing shown changes
            self._rebuild()

    def set_hsk_level(self, hsk_level: Callable[[str], int | None]) -> None:
        self.hsk_level = hsk_level
        if self.options.ruby_words is RubyWords.ABOVE_HSK:  # else nothing shown changes
            self._rebuild()

    def _retitle(self) -> None:
        """Typeset the title alone with its tokens wanted, beside the text's part shown (a
        whole typeset on its way has the old title: typeset anew instead)."""
        shown = self._shown
        if shown is None or self._typesetter.busy or shown.body_tokens is not self._wanted[0]:
            self._rebuild()
            return
        title = None
        if self.title:
            request = self._request()
            title = typeset_part(self.title, self._wanted[1], request, self.title_metrics)
            title.layout.relayout(request.width)
        self._show(combine(shown.body, title, self.body_length, shown.whole))

    def _rebuild(self, keep_position: bool = True, new_tokens: bool = False) -> None:
        """Typeset the text and the title with the tokens wanted under the options; a long
        article on a worker thread, meanwhile showing its first pages (a new text, or its
        analysis come while the reader is still in them: the pinyin at once) or what it
        showed."""
        request = self._request()
        if len(self.text) <= BACKGROUND_CHARS:
            self._typesetter.cancel()
            self._show(typeset(request), keep_position)
            return
        held = False
        screen = self._screen_chars()
        early = new_tokens and self._reading_char <= screen
        if not keep_position or self.layout_ is None or early:
            chars = self._reading_char + screen if keep_position else screen
            self._show(typeset(first_pages(request, chars)), keep_position)
            # the worker waits for the first pages' paint (or a moment, if none comes)
            held = self.isVisible()
            if held:
                QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._typesetter.release)
        # the worker's metrics are its own: Qt's font metrics are reentrant, not shared
        family, size = self.options.font_family, self.options.font_size
        metrics = QtMetrics(family, size)
        self._typesetter.start(
            replace(request, metrics=metrics, title_metrics=title_metrics(family, size)), held
        )

    def _screen_chars(self) -> int:
        """About how many characters a screen and a half holds (lines of a column's full
        width, each at least twice the font size high): a new long article's first pages."""
        size = self.options.font_size
        lines = self.viewport().height() / (2 * size) + 1
        return round(1.5 * lines * min(MAX_COLUMN_EMS, self.column()[1] / size))

    def _request(self) -> Request:
        """What typesetting the text and the title with the tokens wanted needs."""
        script = self.options.script
        cached = self._converted[0] == (self.text, script)
        body_wanted, title_wanted = self._wanted
        return Request(
            self.text,
            self.body_length,
            body_wanted,
            title_wanted,
            self.options,
            self.statuses,
            self.hsk_level,
            self.class_words,
            self.metrics,
            self.title_metrics,
            self.column()[1],
            self.text if script is Script.SIMPLIFIED else self._converted[1] if cached else None,
            self.gloss_of,
            shown=self._shown,
        )

    def _show(self, done: Typeset, keep_position: bool = True) -> None:
        """Show what ``typeset`` made (at once, or when the worker delivers it)."""
        top = self._reading_char if keep_position else 0
        retitled = done.layout is self.layout_  # the text's layout kept: a new title only
        title_height = self._title_height()
        if not retitled:
            self._slices.cancel()  # new layouts: the old ones' relayout is moot
        if self._shown is not None:  # what only the old typeset holds: freed off this thread
            kept = {id(items) for items in done.lists()}
            releasing.release(items for items in self._shown.lists() if id(items) not in kept)
        self._shown = done
        if self._shown_metrics[0] is not self.metrics:  # typeset at another size
            self._shown_metrics = (self.metrics, self.title_metrics)
            self._statics.clear()
        self.tokens = done.tokens
        self._body_tokens = done.body_tokens
        self._token_starts = done.token_starts
        self._word_starts, self._word_ends = done.word_starts, done.word_ends
        self._sandhi = done.sandhi
        self.display_text = done.display_text
        if done.whole and self.options.script is not Script.SIMPLIFIED:
            self._converted = ((self.text, self.options.script), done.display_text)
        self.find_starts = self._occurrences(self.find_needle)  # the text may have changed
        self.layout_, self.title_layout = done.layout, done.title_layout
        if done.layout.width != self.column()[1]:
            self._relayout()  # the view was resized while the worker typeset
        elif retitled and self._title_height() != title_height:
            self._relayout(self._title_height() - title_height)  # the text moves down or up
        else:
            self._update_scroll_range()
        if keep_position:
            self.scroll_to_char(top)
        self.viewport().update()

    def _arrived(self, done: Typeset) -> None:
        """A worker's typeset: shown, then said (its lists live as long as it is shown)."""
        self._show(done)
        self.typeset_arrived.emit()

    # Geometry --------------------------------------------------------------------------

    def column(self) -> tuple[float, float]:
        """Left edge and width of the text column in viewport coordinates."""
        available = max(80.0, self.viewport().width() - 2 * MARGIN)
        width = min(available, MAX_COLUMN_EMS * self.options.font_size)
        return (self.viewport().width() - width) / 2, width

    def _title_height(self) -> float:
        return 0.0 if self.title_layout is None else self.title_layout.height

    def _relayout(self, moved: float = 0.0) -> None:
        """Break the lines at the column's width (or at the same width, ``moved`` down
        below a title of another height): a long article's in view at once and the whole
        in slices (`SlicedRelayout`), the reading position's line where it was."""
        layout = self.layout_
        if layout is None:
            return
        _left, width = self.column()
        if width == layout.width and not self._slices.pending and not moved:
            self._update_scroll_range()  # only the height changed
            return
        self._slices.cancel()
        if len(self.text) <= BACKGROUND_CHARS or not layout.line_count:
            relayout(layout, self.title_layout, width)
            self._update_scroll_range()
            return
        title_height = self._title_height()
        if self.title_layout is not None:
            self.title_layout.relayout(width)
        top = self._title_height()
        moved += top - title_height  # the title of more lines or fewer at this width
        char = self._reading_char
        anchor = (char, layout.line_tops[layout.line_of_char(char)] + moved)
        height = self.viewport().height()
        self._slices.start(layout, width, top, anchor, (height, 2 * height))

    @property
    def relaying_out(self) -> bool:
        """Whether a long article's lines are being broken anew in slices (those in view
        are already)."""
        return self._slices.pending

    @property
    def settling(self) -> bool:
        """Whether work for what is shown is still to come between the window's events: a
        long article typeset on its worker, its lines broken in slices, or what it showed
        before being freed."""
        return self._typesetter.busy or self._slices.pending or releasing.pending()

    def _settled(self) -> None:
        """The whole article is laid out at the new width: the scroll range follows, the
        reading position's line stays at the top."""
        self._update_scroll_range()
        self.scroll_to_char(self._reading_char)
        self.viewport().update()

    def _whole_for(self, char_index: int) -> None:
        """Finish a relayout in slices if ``char_index`` (of the text) is not laid out."""
        layout = self.layout_
        if self._slices.pending and layout is not None and not layout.lays_out(char_index):
            self._slices.finish()

    def _update_scroll_range(self) -> None:
        assert self.layout_ is not None
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, round(self.layout_.height + 2 * MARGIN) - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(round(self.layout_.line_height + self._shown_metrics[0].line_gap))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._relayout()
        self.scroll_to_char(self._reading_char)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt's name)
        """Move the pixels already painted; only the uncovered strip is painted anew."""
        self.viewport().scroll(dx, dy)

    def _scrolled(self) -> None:
        if not self._scrolling_to:
            self._reading_char = self.top_char()
            self._slices.finish()  # the lines around the old position may not cover it

    def _to_layout(self, point: QPoint | QPointF) -> tuple[float, float]:
        left, _width = self.column()
        return point.x() - left, point.y() + self.verticalScrollBar().value() - MARGIN

    def top_char(self) -> int:
        """The first character of the first line in view: the reading position."""
        layout = self.layout_
        if layout is None or layout.line_count == 0:
            return 0
        line = layout.line_at_y(self.verticalScrollBar().value() - MARGIN + TOP_PAD + 1)
        return int(layout.line_starts[line])

    def scroll_to_char(self, char_index: int) -> None:
        self._whole_for(char_index)
        layout = self.layout_
        if layout is None or layout.line_count == 0:
            return
        self._reading_char = min(max(0, char_index), self.body_length)
        line = layout.line_of_char(self._reading_char)
        self._scrolling_to = True
        top = round(layout.line_tops[line]) + MARGIN - TOP_PAD if line else 0
        self.verticalScrollBar().setValue(top)
        self._scrolling_to = False

    def reading_position(self) -> int:
        """The character the reader is at (kept exact through relayouts and restarts)."""
        return self._reading_char

    def _part(self, char_index: int) -> tuple[ArticleLayout, int]:
        """The layout a character of ``text`` is in (the title's or the text's) and where
        that layout's offsets begin in ``text``."""
        assert self.layout_ is not None
        if self.title_layout is not None and char_index > self.body_length:
            return self.title_layout, self.body_length + 1
        self._whole_for(char_index)
        return self.layout_, 0

    def ensure_visible(self, char_index: int) -> None:
        if self.layout_ is None:
            return
        layout, base = self._part(char_index)
        _x, y, _w, h = layout.char_rect(char_index - base)
        top = self.verticalScrollBar().value() - MARGIN  # the viewport in layout coordinates
        if y < top or y + h > top + self.viewport().height():
            self.verticalScrollBar().setValue(round(y - self.viewport().height() / 3))

    def char_rect(self, char_index: int) -> QRect:
        """A character's cell (ruby included) in viewport coordinates."""
        layout, base = self._part(char_index)
        x, y, w, h = layout.char_rect(char_index - base)
        left, _width = self.column()
        top = y + MARGIN - self.verticalScrollBar().value()
        return QRectF(left + x, top, w, h).toAlignedRect()

    def token_rect(self, token_index: int) -> QRect:
        """The bounding box of a token's characters on screen (the popup's anchor)."""
        token = self.tokens[token_index]
        rect = self.char_rect(token.start)
        for index in range(token.start + 1, token.end):
            rect = rect.united(self.char_rect(index))
        return rect

    def token_at_char(self, char_index: int) -> int:
        return bisect_right(self._token_starts, char_index) - 1

    # Painting --------------------------------------------------------------------------

    def _static(self, font_key: int, text: str) -> QStaticText:
        key = (font_key, text)
        static = self._statics.get(key)
        if static is None:
            static = self._statics[key] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
        return static

    def _tone(self, reading: str) -> int:
        tone = self._tones.get(reading)
        if tone is None:
            tone = self._tones[reading] = tone_of(reading) if reading else 0
        return tone

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        if self.layout_ is None:
            return
        clip, rest = event.rect(), None
        if self._typesetter.holding:  # a long article's first paint: in bands, if need be
            rest = self._cold_cut(clip)
            if rest is not None:
                clip = QRect(clip.left(), clip.top(), clip.width(), rest - clip.top())
        metrics, title_metrics = self._shown_metrics
        parts = [(self.layout_, 0, metrics, 0)]
        if self.title_layout is not None:
            parts.append((self.title_layout, self.body_length + 1, title_metrics, 3))
        for layout, base, metrics, font_key in parts:
            self._paint_part(painter, clip, palette, layout, base, metrics, font_key)
        painter.end()
        if rest is not None:
            below = QRect(0, rest, self.viewport().width(), event.rect().bottom() + 1 - rest)
            QTimer.singleShot(0, partial(self.viewport().update, below))
        elif self._typesetter.holding:  # the first pages are painted: now the rest
            QTimer.singleShot(0, self._typesetter.release)

    def _cold_cut(self, clip: QRect) -> int | None:
        """The viewport y of the first line in ``clip`` whose strings, with those of the
        lines above it, would be more than ``NEW_STRINGS_PER_PAINT`` never drawn before
        (None: all fit): a first paint laying out and rendering every glyph of a screen
        took 20-30 ms; in bands it is a few short turns, each a frame."""
        layout = self.layout_
        assert layout is not None
        offset = MARGIN - self.verticalScrollBar().value()
        statics, text = self._statics, layout.text
        new: set[tuple[int, str]] = set()
        lines = layout.lines_between(clip.top() - offset, clip.bottom() - offset)
        for line in lines:
            chars = text[layout.line_starts[line] : layout.line_ends[line]]
            new.update((0, char) for char in chars if (0, char) not in statics)
            rubies = ((1, piece) for _index, _x, piece in layout.line_rubies(line))
            new.update(key for key in rubies if key not in statics)
            if len(new) > NEW_STRINGS_PER_PAINT and line > lines.start:
                return round(layout.line_tops[line] + offset)
        return None

    def _paint_part(
        self,
        painter: QPainter,
        clip: QRect,
        palette: QPalette,
        layout: ArticleLayout,
        base: int,
        metrics: QtMetrics,
        font_key: int,
    ) -> None:
        """The visible lines of one layout (the text, or the title): ``base`` is where its
        offsets begin in ``text``; ``font_key`` and the next two key its static texts."""
        dark = is_dark(palette)
        text_color = palette.color(QPalette.ColorRole.Text)
        left, _width = self.column()
        offset = MARGIN - self.verticalScrollBar().value()
        lines = layout.lines_between(clip.top() - offset, clip.bottom() - offset)
        if not lines:
            return
        self._paint_backgrounds(painter, layout, base, lines, left, offset, palette)
        scheme = self.options.tone_scheme
        colors = {tone: tone_color(scheme, tone, dark) for tone in range(6)}
        qcolors = {tone: QColor(c) if c else text_color for tone, c in colors.items()}
        color_chars = self.options.color_characters and scheme is not ToneScheme.NONE
        tokens = self.tokens
        starts = self._token_starts
        prefix = layout.prefix
        text = layout.text
        sandhi = self._sandhi
        offsets = layout.glyph_offset
        ruby_top = metrics.ruby_height * 0.04
        rubies_to_draw: list[tuple[int, QPointF, str]] = []
        chars_to_draw: list[tuple[int, QPointF, str]] = []
        glosses_to_draw: list[tuple[QPointF, str]] = []
        for line in lines:
            top = layout.line_tops[line] + offset
            char_top = top + layout.ruby_band
            start, end = layout.line_starts[line], layout.line_ends[line]
            line_base = layout.line_base(line)
            token_index = bisect_right(starts, start + base) - 1
            token = tokens[token_index] if token_index >= 0 else None
            line_tones = []
            for index in range(start + base, end + base):
                while token is not None and index >= token.end:
                    token_index += 1
                    token = tokens[token_index] if token_index < len(tokens) else None
                reading = ""
                if token is not None and token.readings:
                    reading = token.readings[index - token.start]
                    if sandhi:
                        reading = sandhi.get(index, reading)
                tone = self._tone(reading)
                line_tones.append(tone)
                local = index - base
                char = text[local]
                if not char.isspace():
                    x = left + prefix[local] - line_base + offsets[local]
                    chars_to_draw.append((tone if color_chars else -1, QPointF(x, char_top), char))
            for index, x, piece in layout.line_rubies(line):
                point = QPointF(left + x, top + ruby_top)
                rubies_to_draw.append((line_tones[index - start], point, piece))
            gloss_top = char_top + metrics.char_height
            glosses_to_draw += [
                (QPointF(left + x, gloss_top), g) for x, g in layout.line_glosses(line)
            ]
        # One font switch per pass and a pen change only when the colour changes.
        qcolors[-1] = text_color
        for key, font, items in (
            (font_key + 1, metrics.ruby_font, rubies_to_draw),
            (font_key, metrics.char_font, chars_to_draw),
        ):
            painter.setFont(font)
            pen_tone: int | None = None
            for tone, point, string in items:
                if tone != pen_tone:
                    painter.setPen(qcolors[tone])
                    pen_tone = tone
                painter.drawStaticText(point, self._static(key, string))
        painter.setFont(metrics.gloss_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for point, gloss in glosses_to_draw:
            painter.drawStaticText(point, self._static(font_key + 2, gloss))

    def _paint_backgrounds(
        self,
        painter: QPainter,
        layout: ArticleLayout,
        base: int,
        lines: range,
        left: float,
        offset: float,
        palette: QPalette,
    ) -> None:
        """Selection, the current word, the hovered word and status underlines."""
        highlight = palette.color(QPalette.ColorRole.Highlight)
        spans: list[tuple[int, int, QColor, bool]] = []  # start, end, colour, outline
        selection = self.selection
        first = layout.line_starts[lines.start] + base
        last = layout.line_ends[lines.stop - 1] + base
        if self.find_starts:
            # every occurrence in amber, the selected one in orange (as browsers mark them)
            found, chosen = QColor(255, 196, 0, 110), QColor(255, 128, 0, 150)
            length = len(self.find_needle)
            shown = visible_occurrences(self.find_starts, length, first, last)
            for index in shown:
                start = self.find_starts[index]
                is_selected = selection == (start, start + length)
                spans.append((start, start + length, chosen if is_selected else found, False))
            if self.find_position()[0]:
                selection = None  # it is the orange occurrence
        if selection is not None:
            sel = QColor(highlight)
            sel.setAlpha(95)
            spans.append((*selection, sel, False))
        if self.hover_token is not None:
            hover = QColor(highlight)
            hover.setAlpha(40)
            token = self.tokens[self.hover_token]
            spans.append((token.start, token.end, hover, False))
        if self.current_char is not None:
            current = QColor(highlight)
            current.setAlpha(70)
            token = self.tokens[self.token_at_char(self.current_char)]
            spans.append((token.start, token.end, current, False))
            spans.append((self.current_char, self.current_char + 1, highlight, True))
        # the boxes of ``text[start:end]`` on this layout's lines
        rects = partial(self._span_rects, layout, base, left=left, offset=offset)
        marks = self.options.status_marks
        if self.statuses and marks is StatusMarks.BACKGROUND:  # under the highlights
            self._paint_status_backgrounds(painter, layout, first, last, rects)
        for start, end, color, outline in spans:
            if end <= first or start >= last:
                continue
            self._paint_span(painter, rects(max(start, first), min(end, last)), color, outline)
        if self.statuses and marks is StatusMarks.UNDERLINE:
            self._paint_status_marks(painter, layout, first, last, rects)
        if self.uncertain:
            self._paint_uncertain(painter, first, last, rects)

    def _paint_uncertain(self, painter: QPainter, first: int, last: int, rects: _Rects) -> None:
        painter.setPen(QPen(QColor(220, 40, 40), 1.4))
        for start, end in self.uncertain[bisect_left(self.uncertain, (first - 64, 0)) :]:
            if start >= last:
                break
            for rect in rects(max(start, first), min(end, last)):
                y, x, step = rect.bottom() + 3, rect.left() + 1, 3.0
                points: list[QPointF] = []
                while x <= rect.right() - 1:  # a zigzag: up, down, up…
                    points.append(QPointF(x, y - (1.5 if len(points) % 2 else 0)))
                    x += step
                painter.drawPolyline(points)

    def _marked_words(self, first: int, last: int) -> Iterator[tuple[Token, int]]:
        """The words of ``first..last`` that get a status mark, with their status: new
        dictionary words (0) and words being learnt (1–4); known and ignored ones stay plain."""
        index = max(0, self.token_at_char(first))
        tokens, statuses = self.tokens, self.statuses
        while index < len(tokens) and tokens[index].start < last:
            token = tokens[index]
            index += 1
            status = statuses.get(token.text) if token.is_chinese else None
            if status is None or status > 4 or (status == 0 and token.kind is not TokenKind.WORD):
                continue
            yield token, status

    def _paint_status_backgrounds(
        self, painter: QPainter, layout: ArticleLayout, first: int, last: int, rects: _Rects
    ) -> None:
        """As LWT and LingQ mark them: a soft blue behind new words, a yellow behind words
        being learnt that fades level by level; behind the characters, not their pinyin."""
        band, glosses = layout.ruby_band, layout.gloss_band  # behind the characters only
        dark = is_dark(self.palette())
        colors = {status: QColor(status_background(status, dark)) for status in range(5)}
        for token, status in self._marked_words(first, last):
            for rect in rects(token.start, token.end):
                painter.fillRect(rect.adjusted(-1, band - 1, 1, 2 - glosses), colors[status])

    def _span_rects(
        self, layout: ArticleLayout, base: int, start: int, end: int, left: float, offset: float
    ) -> list[QRectF]:
        """The boxes of ``text[start:end]`` (offsets of ``text``, within ``layout``), one per
        line it is on."""
        start, end = start - base, end - base
        rects = []
        line = layout.line_of_char(start)
        while start < end and line < layout.line_count:
            line_end = min(end, layout.line_ends[line])
            if line_end > start:
                x = layout.char_x(start, line)
                w = layout.span_width(start, line_end)
                top = layout.line_tops[line] + offset
                rects.append(QRectF(left + x, top, w, layout.line_height))
            line += 1
            if line < layout.line_count:
                start = max(start, layout.line_starts[line])
        return rects

    def _paint_span(
        self, painter: QPainter, rects: list[QRectF], color: QColor, outline: bool
    ) -> None:
        for rect in rects:
            rect = rect.adjusted(-1, -2, 1, 2)
            if outline:
                painter.setPen(QPen(color, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            else:
                painter.fillRect(rect, color)

    def _paint_status_marks(
        self, painter: QPainter, layout: ArticleLayout, first: int, last: int, rects: _Rects
    ) -> None:
        """The underline scheme: a dashed line under words being learnt, a faint dotted one
        under new dictionary words."""
        learning = QPen(QColor("#d08a00"), 1.3)
        learning.setStyle(Qt.PenStyle.DashLine)
        new = QPen(QColor(110, 130, 170, 120), 1.0)
        new.setStyle(Qt.PenStyle.DotLine)
        under = 2 - layout.gloss_band  # under the characters, above their glosses
        for token, status in self._marked_words(first, last):
            painter.setPen(learning if status else new)
            for rect in rects(token.start, token.end):
                y = rect.bottom() + under
                painter.drawLine(QPointF(rect.left() + 2, y), QPointF(rect.right() - 2, y))

    # Mouse -----------------------------------------------------------------------------

    def _hit_char(self, point: QPoint | QPointF) -> int | None:
        if self.layout_ is None:
            return None
        x, y = self._to_layout(point)
        title = self.title_layout
        if title is not None and y < title.height:
            hit = title.hit_test(x, y)
            return None if hit is None else hit.char_index + self.body_length + 1
        hit = self.layout_.hit_test(x, y)
        return None if hit is None else hit.char_index

    def _char_near(self, point: QPoint, in_title: bool) -> int:
        """The offset in ``text`` nearest to a point, in the title or in the text."""
        layout, base = self.layout_, 0
        if in_title and self.title_layout is not None:
            layout, base = self.title_layout, self.body_length + 1
        assert layout is not None
        x, y = self._to_layout(point)
        return layout.char_at_line_x(layout.line_at_y(y), x) + base

    def _word_at(self, point: QPoint | QPointF) -> int | None:
        char = self._hit_char(point)
        if char is None:
            return None
        index = self.token_at_char(char)
        return index if self._clickable(index) else None

    def _clickable(self, index: int) -> bool:
        """A word, or a number (looked up with its measure word: 6月, 52个)."""
        token = self.tokens[index]
        return token.is_chinese or token.kind is TokenKind.NUMBER

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        point = event.position().toPoint()
        if event.buttons() & Qt.MouseButton.LeftButton and self._press is not None:
            anchor = self._anchor
            dragged = (point - self._press).manhattanLength() >= CLICK_SLOP
            if dragged and anchor is not None:
                char = self._char_near(point, self._anchor_in_title)
                self.selection = (min(anchor, char), max(anchor, char)) if anchor != char else None
                self.viewport().update()
            return
        hover = self._word_at(point)
        if hover != self.hover_token:
            self._update_token(self.hover_token)
            self._update_token(hover)
            self.hover_token = hover
            cursor = (
                Qt.CursorShape.PointingHandCursor
                if hover is not None
                else Qt.CursorShape.IBeamCursor
            )
            self.viewport().setCursor(cursor)

    def leaveEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if self.hover_token is not None:
            self.hover_token = None
            self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self.layout_ is None:
            return
        point = event.position().toPoint()
        self._press = point
        title = self.title_layout
        self._anchor_in_title = title is not None and self._to_layout(point)[1] < title.height
        self._anchor = self._char_near(point, self._anchor_in_title)
        if self.selection is not None:
            self.selection = None
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        point = event.position().toPoint()
        was_click = (point - self._press).manhattanLength() < CLICK_SLOP
        self._press = None
        if not was_click:
            return
        char = self._hit_char(point)
        if char is None or not self._clickable(self.token_at_char(char)):
            self.dismissed.emit()
            return
        # a word clicked is in view: the article does not move under the pointer
        self.set_current(char, notify=False, scroll=False)  # activation notifies instead
        self.activate_current()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1 if event.angleDelta().y() > 0 else -1
            self.set_font_size(self.options.font_size + step)
            return
        super().wheelEvent(event)

    # Keyboard and navigation -------------------------------------------------------------

    def _update_token(self, token_index: int | None) -> None:
        """Repaint only the lines a token is on (hover and cursor changes)."""
        if token_index is None or self.layout_ is None or token_index >= len(self.tokens):
            return
        rect = self.token_rect(token_index)
        self.viewport().update(0, rect.top() - 4, self.viewport().width(), rect.height() + 8)

    def set_current(self, char_index: int, notify: bool = True, scroll: bool = True) -> None:
        """Move the reading cursor to a character; the word containing it is current
        (``scroll``: brought into view if it is not, as keyboard navigation needs)."""
        if self.current_char is not None:
            self._update_token(self.token_at_char(self.current_char))
        self.current_char = char_index
        if scroll:
            self.ensure_visible(char_index)
        self._update_token(self.token_at_char(char_index))
        if notify:
            self.current_changed.emit(self.token_at_char(char_index), char_index)

    def current(self) -> tuple[int, int] | None:
        if self.current_char is None:
            return None
        return self.token_at_char(self.current_char), self.current_char

    def activate_current(self) -> None:
        if self.current_char is not None:
            self.word_activated.emit(self.token_at_char(self.current_char), self.current_char)

    def _first_visible_word(self) -> int | None:
        if self.title_layout is not None and self.verticalScrollBar().value() == 0:
            return self._chinese_from(len(self._body_tokens), 1, len(self._body_tokens))
        start = self.top_char()
        return self._chinese_from(max(0, self.token_at_char(start)) - 1, 1, len(self._body_tokens))

    @staticmethod
    def _step(index: int, step: int, separator: int, end: int) -> int | None:
        """The index after (``step`` 1) or before (-1) ``index`` in the order shown: the
        title's (after ``separator``, up to ``end``) before the text's (up to it); None
        past either end. ``separator == end``: there is no title."""
        index += step
        if separator < end:
            if index == end:  # the title's end: on to the text
                index = 0
            elif index < 0:  # the text's start: back to the title
                index = end - 1
            elif index == separator:
                return None
        return index if 0 <= index < end else None

    def _chinese_from(self, index: int, step: int, separator: int) -> int | None:
        """The next Chinese token from token ``index`` in the order shown."""
        tokens = self.tokens
        found = self._step(index, step, separator, len(tokens))
        while found is not None and not tokens[found].is_chinese:
            found = self._step(found, step, separator, len(tokens))
        return found

    def _word_step(self, step: int) -> None:
        if self.current_char is None:
            index = self._first_visible_word()
        else:
            current = self.token_at_char(self.current_char)
            index = self._chinese_from(current, step, len(self._body_tokens))
        if index is not None:
            self.set_current(self.tokens[index].start)

    def next_word(self) -> None:
        self._word_step(1)

    def previous_word(self) -> None:
        self._word_step(-1)

    def _char_step(self, step: int) -> None:
        """Step one character: the popup then shows the words that start there."""
        if self.current_char is None:
            self.next_word()
            return
        separator, end = self.body_length, len(self.text)
        char = self._step(self.current_char, step, separator, end)
        while char is not None and not self.tokens[self.token_at_char(char)].is_chinese:
            char = self._step(char, step, separator, end)
        if char is not None:
            self.set_current(char)

    def next_char(self) -> None:
        self._char_step(1)

    def previous_char(self) -> None:
        self._char_step(-1)

    def scroll_pages(self, pages: int) -> None:
        bar = self.verticalScrollBar()
        step = bar.pageStep() - (self.layout_.line_height if self.layout_ else 0)
        bar.setValue(round(bar.value() + pages * step))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif plain and key in (Qt.Key.Key_Right, Qt.Key.Key_N):
            self.next_word()
        elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_B):
            self.previous_word()
        elif plain and key == Qt.Key.Key_M:
            self.previous_char() if shift else self.next_char()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.current_char is None:
                self.next_word()
            self.activate_current()
        elif key == Qt.Key.Key_Escape:
            self.selection = None
            self.viewport().update()
            self.dismissed.emit()
        elif key == Qt.Key.Key_Space:
            self.scroll_pages(-1 if shift else 1)
        elif key == Qt.Key.Key_PageDown:
            self.scroll_pages(1)
        elif key == Qt.Key.Key_PageUp:
            self.scroll_pages(-1)
        elif key == Qt.Key.Key_Home:
            self.verticalScrollBar().setValue(0)
        elif key == Qt.Key.Key_End:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        else:
            super().keyPressEvent(event)

    # Zoom, find, copy --------------------------------------------------------------------

    def set_font_size(self, size: int) -> None:
        size = min(MAX_FONT, max(MIN_FONT, size))
        if size != self.options.font_size:
            self.set_options(replace(self.options, font_size=size))
            self.zoom_changed.emit(size)

    def zoom_in(self) -> None:
        self.set_font_size(self.options.font_size + 2)

    def zoom_out(self) -> None:
        self.set_font_size(self.options.font_size - 2)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_FONT)

    def set_find(self, needle: str) -> int:
        """Mark every occurrence of ``needle`` ("" clears the marks); how many there are."""
        self.find_needle = needle
        self.find_starts = self._occurrences(needle)
        self.viewport().update()
        return len(self.find_starts)

    def _occurrences(self, needle: str) -> list[int]:
        """Where ``needle`` occurs in the text (not in the title: find goes through what is
        read, from the reading position on)."""
        shown = self.display_text[: self.body_length]
        starts = occurrences(shown, needle)
        if not starts and self.options.script is not Script.SIMPLIFIED:
            starts = occurrences(self.article_text, needle)  # a simplified query
        return starts

    def find_text(self, needle: str, backwards: bool = False, again: bool = True) -> bool:
        """Select the next (or previous) occurrence of ``needle``, wrapping around; with
        ``again`` False (typing in the find bar) the selected one stays if it still fits."""
        if needle != self.find_needle:
            self.set_find(needle)
        if self.selection is not None:
            origin = self.selection[0] + (1 if again and not backwards else 0)
        else:
            origin = len(self.display_text) if backwards else self.top_char()
        index = next_occurrence(self.find_starts, origin, backwards)
        if index is None:
            return False
        found = self.find_starts[index]
        self.selection = (found, found + len(needle))
        self.ensure_visible(found)
        self.viewport().update()
        return True

    def find_position(self) -> tuple[int, int]:
        """(which occurrence is selected, counting from 1 — 0 if none; how many there are)."""
        starts, selection = self.find_starts, self.selection
        if selection is None or selection[1] - selection[0] != len(self.find_needle):
            return 0, len(starts)
        index = bisect_left(starts, selection[0])
        if index == len(starts) or starts[index] != selection[0]:
            return 0, len(starts)
        return index + 1, len(starts)

    def select_range(self, start: int, end: int) -> None:
        """Select characters ``start``…``end - 1`` and bring them into view (the sentence
        being read aloud); an empty range clears the selection."""
        self.selection = (start, end) if end > start else None
        if end > start:
            self.ensure_visible(end - 1)
            self.ensure_visible(start)
        self.viewport().update()

    def selected_text(self, with_pinyin: bool = False) -> str:
        if self.selection is None:
            return ""
        start, end = self.selection
        if not with_pinyin:
            return self.display_text[start:end]
        form = self.options.pinyin
        pieces = []
        index = max(0, self.token_at_char(start))
        while index < len(self.tokens) and self.tokens[index].start < end:
            token = self.tokens[index]
            index += 1
            lo, hi = max(start, token.start), min(end, token.end)
            piece = self.display_text[lo:hi]
            readings = [r for r in token.readings[lo - token.start : hi - token.start] if r]
            if token.is_chinese and readings:
                piece += "(" + "".join(render_reading(r, form) for r in readings) + ")"
            pieces.append(piece)
        return "".join(pieces)

    def copy(self, with_pinyin: bool = False) -> None:
        text = self.selected_text(with_pinyin)
        if not text and self.current_char is not None:
            token = self.tokens[self.token_at_char(self.current_char)]
            text = self.display_text[token.start : token.end]
        if text:
            QGuiApplication.clipboard().setText(text)
