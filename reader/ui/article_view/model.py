"""What the view shows, apart from the pixels: display options and the ruby of each character.

Pure functions over tokens (no Qt), so the choice of which words get pinyin is tested
directly and the layout receives ready strings.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from typing import overload

from reader.core.analysis.display import with_sandhi
from reader.core.analysis.tokens import Token, TokenKind
from reader.core.class_lists import is_off_list
from reader.core.pinyin import PinyinStyle, render

# The display enums are the settings' (reader.core.settings); re-exported for the view.
from reader.core.settings import PinyinForm as PinyinForm
from reader.core.settings import RubyWords as RubyWords
from reader.core.settings import Script as Script
from reader.core.settings import StatusMarks as StatusMarks
from reader.core.store.vocab import WordStatus
from reader.ui.article_view.colors import ToneScheme

# The statuses that mean "the learner needs no help with this word".
KNOWN_STATUSES = frozenset({int(WordStatus.KNOWN), int(WordStatus.IGNORED)})


STATUS_MARK_LABELS = {
    StatusMarks.BACKGROUND: "Status as a background (LWT, LingQ)",
    StatusMarks.UNDERLINE: "Status as an underline",
    StatusMarks.NONE: "No status marks",
}

PINYIN_LABELS = {
    PinyinForm.MARKS: "Tone marks (nǐ hǎo)",
    PinyinForm.NUMBERS: "Tone numbers (ni3 hao3)",
    PinyinForm.ZHUYIN: "Zhuyin (ㄋㄧˇ ㄏㄠˇ)",
    PinyinForm.HIDDEN: "No pinyin",
}
RUBY_WORD_LABELS = {
    RubyWords.ALL: "Pinyin over every word",
    RubyWords.UNKNOWN: "Pinyin over words not known",
    RubyWords.ABOVE_HSK: "Pinyin over words above HSK level",
    RubyWords.OFF_LIST: "Pinyin over words outside the class lists",
}
SCRIPT_LABELS = {
    Script.SIMPLIFIED: "Simplified",
    Script.TRADITIONAL: "Traditional (Taiwan)",
    Script.TRADITIONAL_HK: "Traditional (Hong Kong)",
    Script.TRADITIONAL_OPENCC: "Traditional (OpenCC standard)",
}

_STYLES = {
    PinyinForm.MARKS: PinyinStyle.MARKS,
    PinyinForm.NUMBERS: PinyinStyle.NUMBERS,
    PinyinForm.ZHUYIN: PinyinStyle.ZHUYIN,
}


@dataclass(frozen=True)
class DisplayOptions:
    pinyin: PinyinForm = PinyinForm.MARKS
    ruby_words: RubyWords = RubyWords.ALL
    min_hsk: int = 3
    tone_scheme: ToneScheme = ToneScheme.PLECO
    color_characters: bool = False
    tone_sandhi: bool = False  # 一 and 不 shown with their spoken tones (display only)
    script: Script = Script.SIMPLIFIED
    font_family: str = ""
    font_size: int = 22
    joined_pinyin: bool = True  # a word's syllables written together (shàngwǔ), else spaced
    word_gaps: bool = True  # a small space between words
    status_marks: StatusMarks = StatusMarks.BACKGROUND
    glosses: bool = False  # a short gloss under the words that get pinyin (``ruby_words``)


@cache
def render_reading(reading: str, form: PinyinForm) -> str:
    """One numbered syllable in the chosen form (marks when pinyin is hidden: for copying).
    Cached: a few thousand distinct syllables, rendered again on every change of options."""
    return render(reading, _STYLES.get(form, PinyinStyle.MARKS))


def sandhi_changes(tokens: Sequence[Token]) -> dict[int, str]:
    """Character index → the numbered syllable shown with the tone sandhi of 一 and 不,
    only where it differs from the stored (citation) reading: a handful per page."""
    changes: dict[int, str] = {}
    for token, shown in zip(tokens, with_sandhi(tokens), strict=True):
        if shown != token.readings:
            for offset, (stored, spoken) in enumerate(zip(token.readings, shown, strict=True)):
                if stored != spoken:
                    changes[token.start + offset] = spoken
    return changes


def rubies_for(
    tokens: Sequence[Token],
    length: int,
    options: DisplayOptions,
    statuses: Mapping[str, int],
    hsk_level: Callable[[str], int | None],
    sandhi: Mapping[int, str] | None = None,
    taught: AbstractSet[str] = frozenset(),
) -> list[str]:
    """The ruby over each of ``length`` characters ("" for none) under ``options``.

    ``sandhi``: the caller's ``sandhi_changes(tokens)`` if it has them already; by default
    they are computed here when ``options.tone_sandhi`` is on. ``taught``: the token texts
    of the class's words (either script), left without pinyin under ``OFF_LIST``."""
    rubies = [""] * length
    if options.pinyin is PinyinForm.HIDDEN:
        return rubies
    if sandhi is None:
        sandhi = sandhi_changes(tokens) if options.tone_sandhi else {}
    form = options.pinyin
    # Words repeat: each distinct reading tuple is rendered once (a long article: ~3x faster)
    shown_for: dict[tuple[str, ...], list[str]] = {}
    for token in shown_words(tokens, options, statuses, hsk_level, taught):
        readings = token.readings
        shown = shown_for.get(readings)
        if shown is None:
            shown = shown_for[readings] = [
                render_reading(reading, form) if reading else "" for reading in readings
            ]
        start = token.start
        rubies[start : start + len(shown)] = shown
    for index, spoken in sandhi.items():  # only over the characters that show a ruby
        if rubies[index]:
            rubies[index] = render_reading(spoken, form)
    return rubies


def shown_words(
    tokens: Sequence[Token],
    options: DisplayOptions,
    statuses: Mapping[str, int],
    hsk_level: Callable[[str], int | None],
    taught: AbstractSet[str] = frozenset(),
) -> Iterator[Token]:
    """The Chinese words that get pinyin (and glosses) under ``options.ruby_words``: every
    word, those not known, those above the HSK level chosen, or those outside the class's
    lists (``taught``: the token texts of the class's words)."""
    words = options.ruby_words
    for token in tokens:
        if not token.readings or not token.is_chinese:
            continue
        if words is RubyWords.UNKNOWN and statuses.get(token.text) in KNOWN_STATUSES:
            continue
        if words is RubyWords.OFF_LIST and not is_off_list(token.text, taught):
            continue
        if words is RubyWords.ABOVE_HSK:
            level = hsk_level(token.text)
            if level is not None and level <= options.min_hsk:
                continue
        yield token


def glosses_for(
    tokens: Sequence[Token],
    options: DisplayOptions,
    statuses: Mapping[str, int],
    hsk_level: Callable[[str], int | None],
    gloss: Callable[[Token], str],
    taught: AbstractSet[str] = frozenset(),
) -> dict[int, str]:
    """Where each word that gets pinyin starts → its short gloss (`reader.core.glosses`),
    when ``options.glosses`` is on; the same words as the pinyin's, whatever its form."""
    if not options.glosses:
        return {}
    found = {}
    for token in shown_words(tokens, options, statuses, hsk_level, taught):
        text = gloss(token)
        if text:
            found[token.start] = text
    return found


def word_spans(tokens: Sequence[Token]) -> tuple[array[int], array[int]]:
    """Starts and ends of the words the view typesets as words: the Chinese tokens with
    readings (not the one-character stand-ins shown before the analysis). Arrays: one
    object each for Python's collector, which goes through every item of a list at each
    collection that sees it (a long article's: tens of milliseconds holding its lock)."""
    starts = array("q")
    ends = array("q")
    for token in tokens:
        if token.readings and token.is_chinese:
            starts.append(token.start)
            ends.append(token.start + len(token.text))
    return starts, ends


def with_title(tokens: list[Token], length: int, title: Sequence[Token]) -> list[Token]:
    """The view's tokens: the text's (``length`` characters), then a line break and the
    title's, moved to follow them (the text keeps its offsets); the text's alone if the
    title has no tokens."""
    if not title:
        return tokens
    base = length + 1
    moved = (token._replace(start=token.start + base) for token in title)
    return [*tokens, Token(length, "\n", TokenKind.SPACE), *moved]


def one_line(title: str) -> str:
    """A title as the view shows it: on one line (a line break would end it)."""
    return " ".join(title.split())


def provisional_tokens(text: str) -> list[Token]:
    """One token per character, shown while the analysis runs (no readings, no entries)."""
    return list(ProvisionalTokens(text))


class ProvisionalTokens(Sequence[Token]):
    """``provisional_tokens(text)``, each made when it is read: a long article's are then
    made by the worker that typesets it (`reader.ui.article_view.typesetting`), not on the
    UI thread as it opens (a million characters: 1-2.4 s)."""

    def __init__(self, text: str) -> None:
        self._text = text

    def __len__(self) -> int:
        return len(self._text)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [_provisional(i, self._text[i]) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._text)
        if not 0 <= index < len(self._text):
            raise IndexError(index)
        return _provisional(index, self._text[index])

    def __iter__(self) -> Iterator[Token]:
        return map(_provisional, range(len(self._text)), self._text)


def _provisional(index: int, char: str) -> Token:
    if char.isspace():
        kind = TokenKind.SPACE
    elif "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f":
        kind = TokenKind.UNKNOWN
    elif char.isalnum():
        kind = TokenKind.LATIN
    else:
        kind = TokenKind.PUNCT
    return Token(index, char, kind)
