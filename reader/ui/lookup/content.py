"""What a lookup shows, as HTML for a QTextBrowser: the popup and the side panel share it.

The entries of the tapped word come first in the token's own order (the entry that agrees
with the pinyin printed above the word leads), then the other dictionary words that start
at the tapped character, longest first (Zhongwen's behaviour), then a per-character
breakdown. Cross-references become ``lookup:`` links that open their entry.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote, unquote

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.cedict.learner_order import learner_order
from reader.core.pinyin import PinyinStyle, render, takes_apostrophe, tone_of
from reader.ui.article_view.colors import ToneScheme, tone_color

if TYPE_CHECKING:  # the dictionary package loads on the worker, not at launch
    from reader.core.cedict.model import Entry
    from reader.core.numbers import NumberUnit

LINK_SCHEME = "lookup"
ADD_SCHEME = "add"  # "add:银行": add that word (an "also starting here" match) to the list
# 上聲|上声[shang3 sheng1], 上声[shang3 sheng1], or a bare [dou3] (pinyin alone)
_NOTATION = re.compile(
    r"(?:([^\s\[\]|,;()]+)\|)?([^\s\[\]|,;()]+)\[([^\]]+)\]"
    r"|\[((?:[A-Za-z:]+[1-5] ?)+)\]"
)


class LookupDictionary(Protocol):
    def entries(self, word: str) -> Sequence[Entry]: ...

    def entry(self, entry_id: int) -> Entry: ...

    def matches_at(self, text: str, index: int) -> Sequence[Entry]: ...

    def hsk_level(self, word: str) -> Any: ...

    def frequency_band(self, word: str) -> Any: ...


@dataclass(frozen=True)
class Lookup:
    """Everything shown for one tap: the word, its entries, and what else starts there."""

    word: str
    entries: tuple[Entry, ...]
    is_name: bool = False
    parts: tuple[str, ...] = ()
    other_matches: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    hsk: Any = None
    frequency: Any = None
    breakdown: tuple[tuple[str, tuple[Entry, ...]], ...] = field(default=())
    # a number with its measure word (三百五十个): shown first, with ``unit_gloss``; the
    # word and entries are the measure word's, the part of the unit a learner adds
    unit: NumberUnit | None = None
    unit_gloss: str = ""


@dataclass(frozen=True)
class Style:
    pinyin: PinyinStyle = PinyinStyle.MARKS
    scheme: ToneScheme = ToneScheme.PLECO
    dark: bool = False
    traditional_first: bool = False
    scale: float = 1.0  # the view's zoom, applied to the card's type sizes


def lookup_token(dictionary: LookupDictionary, text: str, token: Token, char_index: int) -> Lookup:
    """The lookup for a tap on ``char_index`` inside ``token``: always the token's own word
    (the one highlighted, added and given a status), its entries in a learner's order; the
    other dictionary words that start at the tapped character follow it. Before the
    analysis has arrived (one stand-in token per character, no readings) it is the longest
    dictionary word starting at the tapped character, as Zhongwen does."""
    matches = _matches(dictionary, text, char_index)
    if token.entry_ids:
        entries: Sequence[Entry] = [dictionary.entry(i) for i in token.entry_ids]
    else:
        entries = dictionary.entries(token.text)
    word = token.text
    if not token.readings and matches:  # before the analysis: the longest word found there
        word, entries = matches[0]
    reading = " ".join(token.readings)
    is_name = token.kind is TokenKind.NAME
    # the clicked character itself is in the breakdown, its reading here first
    others = [(m, learner_order(found, "")) for m, found in matches if m != word and found]
    return lookup_word(
        dictionary,
        word,
        learner_order(entries, reading, names_first=is_name),
        is_name=is_name,
        parts=token.parts,
        other_matches=tuple(others),
        readings=token.readings,
    )


def lookup_word(
    dictionary: LookupDictionary,
    word: str,
    entries: Iterable[Entry] | None = None,
    *,
    is_name: bool = False,
    parts: tuple[str, ...] = (),
    other_matches: tuple[tuple[str, tuple[Entry, ...]], ...] = (),
    readings: Sequence[str] = (),
) -> Lookup:
    """``readings`` (one numbered syllable per character, from the analysis) put each
    character's entry for the reading it has in this word first in the breakdown."""
    found = tuple(dictionary.entries(word) if entries is None else entries)
    breakdown: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    if len(word) > 1:  # each character once (谢谢, 妈妈), with its reading where it first is
        first_at: dict[str, int] = {}
        for i, char in enumerate(word):
            first_at.setdefault(char, i)
        breakdown = tuple(
            (char, _char_order(dictionary.entries(char), _at(readings, i)))
            for char, i in first_at.items()
        )
        # a character of the word is in the breakdown, not "also starting here" too
        other_matches = tuple((m, e) for m, e in other_matches if m not in first_at)
    return Lookup(
        word=word,
        entries=found,
        is_name=is_name or (bool(found) and all(e.is_name for e in found)),
        parts=parts,
        other_matches=other_matches,
        hsk=dictionary.hsk_level(word),
        frequency=dictionary.frequency_band(word),
        breakdown=breakdown,
    )


def lookup_number(dictionary: LookupDictionary, unit: NumberUnit) -> Lookup:
    """A number with its measure word: the unit, glossed from CC-CEDICT (六月 "June" where
    the dictionary has the unit in Chinese numerals, else the value and the measure word's
    measure sense: 350 × 个 (classifier …)), and the measure word's own entries."""
    from reader.core.numbers import measure_sense, ordinal, spoken

    reading = unit.readings[-len(unit.measure) :]
    entries = learner_order(dictionary.entries(unit.measure), " ".join(reading))
    whole = dictionary.entries(spoken(unit))
    if whole:
        gloss = "; ".join(s.gloss for s in whole[0].senses[:2])
    else:
        whole_part, dot, fraction = unit.value.partition(".")
        value = f"{int(whole_part):,}{dot}{fraction}"  # 1,000,000
        shown = (
            f"the {ordinal(value)} {unit.measure}" if unit.ordinal else f"{value} × {unit.measure}"
        )
        gloss = f"{shown}: {measure_sense(entries) or ''}"
    found = lookup_word(dictionary, unit.measure, entries)
    return replace(found, unit=unit, unit_gloss=gloss)


def _matches(
    dictionary: LookupDictionary, text: str, index: int
) -> list[tuple[str, tuple[Entry, ...]]]:
    """``matches_at`` grouped by the word of the text they match, longest first."""
    grouped: dict[str, list[Entry]] = {}
    for entry in dictionary.matches_at(text, index):
        grouped.setdefault(text[index : index + len(entry.simplified)], []).append(entry)
    return [(word, tuple(entries)) for word, entries in grouped.items()]


def link_for(word: str, pinyin: str = "") -> str:
    return f"{LINK_SCHEME}:{quote(word)}" + (f"?{quote(pinyin)}" if pinyin else "")


def add_link_for(word: str) -> str:
    return f"{ADD_SCHEME}:{quote(word)}"


def parse_add_link(url: str) -> str | None:
    """``add:银行`` → ``"银行"``; None for other links."""
    if not url.startswith(ADD_SCHEME + ":"):
        return None
    return unquote(url[len(ADD_SCHEME) + 1 :])


def parse_link(url: str) -> tuple[str, str] | None:
    """``lookup:银行?yin2 hang2`` → ``("银行", "yin2 hang2")``; None for other links."""
    if not url.startswith(LINK_SCHEME + ":"):
        return None
    body = url[len(LINK_SCHEME) + 1 :]
    word, _, pinyin = body.partition("?")
    return unquote(word), unquote(pinyin)


def colored_pinyin(pinyin: str, style: Style, joined: bool = False) -> str:
    """Numbered pinyin in the style's form and tone colours; ``joined``: one word written
    together as in running text (shàngshēng, Xī'ān) rather than syllable by syllable."""
    pieces: list[str] = []
    for syllable in pinyin.split():
        shown = render(syllable, style.pinyin)
        if joined and pieces and takes_apostrophe(shown):
            shown = "'" + shown
        color = tone_color(style.scheme, tone_of(syllable), style.dark)
        shown = html.escape(shown)
        pieces.append(f'<span style="color:{color}">{shown}</span>' if color else shown)
    return ("" if joined else " ").join(pieces)


def _gloss_html(gloss: str, style: Style) -> str:
    """A sense with CC-CEDICT's notation rendered: ``上聲|上声[shang3 sheng1]`` becomes a link
    上声 with its pinyin, a bare ``[dou3]`` (in "Taiwan pr. [dou3]") becomes dǒu."""
    out = []
    last = 0
    for match in _NOTATION.finditer(gloss):
        out.append(html.escape(gloss[last : match.start()]))
        traditional, simplified, pinyin, bare = match.groups()
        if bare is not None:
            out.append(colored_pinyin(bare, style, joined=True))
        else:
            shown = traditional if style.traditional_first and traditional else simplified
            out.append(
                f'<a href="{link_for(simplified, pinyin)}">{html.escape(shown)}</a>'
                f" {colored_pinyin(pinyin, style, joined=True)}"
            )
        last = match.end()
    out.append(html.escape(gloss[last:]))
    return "".join(out)


def entry_html(entry: Entry, style: Style, heading: bool = True, senses: int | None = None) -> str:
    """One entry; ``senses``: only that many of them (the compact card)."""
    first, second = entry.simplified, entry.traditional
    if style.traditional_first:
        first, second = second, first
    parts = []
    if heading:
        head = f'<span class="hw">{html.escape(first)}</span>'
        if second != first:
            head += f' <span class="alt">{html.escape(second)}</span>'
        head += f' <span class="py">{colored_pinyin(entry.pinyin, style)}</span>'
        if entry.is_name:
            head += ' <span class="tag">name</span>'
        parts.append(f"<p class='head'>{head}</p>")
    shown = entry.senses[:senses] if senses is not None else entry.senses
    items = "".join(f"<li>{_gloss_html(s.gloss, style)}</li>" for s in shown)
    parts.append(f"<ol>{items}</ol>")
    if entry.classifiers:
        cls = ", ".join(
            f'<a href="{link_for(c.simplified, c.pinyin)}">'
            f"{html.escape(c.traditional if style.traditional_first else c.simplified)}</a> "
            f"{colored_pinyin(c.pinyin, style)}"
            for c in entry.classifiers
        )
        parts.append(f"<p class='cl'>Measure word: {cls}</p>")
    return "".join(parts)


def _char_order(entries: Sequence[Entry], reading: str) -> tuple[Entry, ...]:
    """A character's entries in the breakdown ordered as the word row's are: the analysis's
    ``order_entries`` (the entry agreeing with the reading printed, up to a neutral tone,
    first: 识 shí for 认识 rèn shi, 儿 r for 一点儿), then ``learner_order``."""
    from reader.core.analysis.pipeline import order_entries  # loaded with the analysis

    by_id = {entry.id: entry for entry in entries}
    ordered = [by_id[i] for i in order_entries(entries, (reading,) if reading else ())]
    return learner_order(ordered, reading)


def _at(readings: Sequence[str], index: int) -> str:
    return readings[index].lower() if 0 <= index < len(readings) else ""


def _shown(word: str, entries: Sequence[Entry], style: Style) -> str:
    """A word as the article shows it: its traditional form when traditional is shown."""
    if style.traditional_first and entries and entries[0].simplified == word:
        return entries[0].traditional
    return word


def _short_gloss(entries: Sequence[Entry], style: Style) -> str:
    """One line: the first entry's reading and the leading senses of every entry with
    that same reading (游 yóu: to swim; to walk; to tour), variants last."""
    if not entries:
        return "<i>not in the dictionary</i>"
    entry = entries[0]
    senses = [s.gloss for e in entries if e.pinyin == entry.pinyin for s in e.senses]
    plain = [g for g in senses if "variant of" not in g]
    gloss = "; ".join(_gloss_html(g, style) for g in dict.fromkeys(plain or senses))
    return f"{colored_pinyin(entry.pinyin, style)} {gloss}"


FREQUENCY_LABELS = {
    1: "among the 1,000 commonest words",
    2: "among the 3,000 commonest words",
    3: "among the 10,000 commonest words",
    4: "among the 30,000 commonest words",
    5: "rare",
}


def _hsk_text(level: Any) -> str:
    if level is None:
        return ""
    bits = []
    if getattr(level, "new", None):
        bits.append(f"HSK 3.0 level {'7–9' if level.new == 7 else level.new}")
    if getattr(level, "old", None):
        bits.append(f"HSK 2.0 level {level.old}")
    return " · ".join(bits)


def _frequency_text(band: Any) -> str:
    return f"Frequency: {FREQUENCY_LABELS.get(band, band)}" if band else ""


# Secondary text, links and the "name" tag per theme: each at least 4.5:1 on the card and
# the panels (the greys were #888, 3.2:1; the tag white on orange, 2.6:1).
_CHROME = {
    False: {"secondary": "#5c5c5c", "link": "#1a5fd0", "tag": "#9a5a00", "tag_text": "#ffffff"},
    True: {"secondary": "#b0b0b0", "link": "#7fb2ff", "tag": "#d08a00", "tag_text": "#1e1f22"},
}


def css(style: Style) -> str:
    chrome = _CHROME[style.dark]
    grey = chrome["secondary"]

    def px(size: int) -> str:
        return f"{round(size * style.scale)}px"

    return f"""
p {{ margin: 0 0 4px 0; }}
a {{ color: {chrome["link"]}; }}
.hw {{ font-size: {px(26)}; }}
.alt {{ font-size: {px(20)}; color: {grey}; }}
.py {{ font-size: {px(16)}; }}
.tag {{ font-size: {px(12)}; background: {chrome["tag"]}; color: {chrome["tag_text"]};
  padding: 1px 4px; }}
ol {{ margin: 0 0 6px 0; -qt-list-indent: 1; }}
.cl {{ color: {grey}; }}
.meta {{ color: {grey}; font-size: {px(12)}; }}
h4 {{ margin: 8px 0 2px 0; font-size: {px(13)}; color: {grey}; }}
"""


COMPACT_SENSES = 3


def _unit_html(lookup: Lookup, style: Style) -> list[str]:
    """The number with its measure word, its reading and gloss, and what Add adds."""
    unit = lookup.unit
    if unit is None:
        return []
    head = f'<span class="hw">{html.escape(unit.text)}</span>'
    head += f' <span class="py">{colored_pinyin(" ".join(unit.readings), style)}</span>'
    return [
        f"<p class='head'>{head}</p>",
        f"<p>{_gloss_html(lookup.unit_gloss, style)}</p>",
        f"<p class='meta'>A number with its measure word: Add adds the measure word"
        f" {html.escape(unit.measure)}, with this sentence.</p>",
        "<h4>Measure word</h4>",
    ]


def compact_html(lookup: Lookup, style: Style) -> str:
    """A small card: the word, its pinyin, its first senses and its HSK level; the full
    entry is in the side panel."""
    body = _unit_html(lookup, style)
    entry = lookup.entries[0] if lookup.entries else None
    if entry is None:
        body.append(f"<p class='head'><span class='hw'>{html.escape(lookup.word)}</span></p>")
        body.append("<p class='meta'>Not in the dictionary.</p>")
    else:
        body.append(entry_html(entry, style, senses=COMPACT_SENSES))
    meta = [m for m in (_hsk_text(lookup.hsk),) if m]
    if meta:
        body.append(f"<p class='meta'>{html.escape(meta[0])}</p>")
    return f"<html><head><style>{css(style)}</style></head><body>{''.join(body)}</body></html>"


def lookup_html(
    lookup: Lookup, style: Style, *, add_links: bool = False, compact: bool = False
) -> str:
    """``add_links``: each "also starting here" word gets an add link (the popup);
    ``compact``: the small card of `compact_html`."""
    if compact:
        return compact_html(lookup, style)
    body = _unit_html(lookup, style)
    if lookup.entries:
        for entry in lookup.entries:
            body.append(entry_html(entry, style))
    else:
        label = " <span class='tag'>name</span>" if lookup.is_name else ""
        body.append(
            f"<p class='head'><span class='hw'>{html.escape(lookup.word)}</span>{label}</p>"
        )
        body.append("<p class='meta'>Not in the dictionary.</p>")
    if any(len(p) > 1 for p in lookup.parts):  # single characters: listed under Characters
        links = " + ".join(f'<a href="{link_for(p)}">{html.escape(p)}</a>' for p in lookup.parts)
        body.append(f"<p>Parts: {links}</p>")
    meta = [m for m in (_hsk_text(lookup.hsk), _frequency_text(lookup.frequency)) if m]
    if meta:
        body.append(f"<p class='meta'>{' · '.join(html.escape(m) for m in meta)}</p>")
    if lookup.other_matches:
        body.append("<h4>Also starting here</h4>")
        for word, entries in lookup.other_matches:
            add = f' <a href="{add_link_for(word)}">+&nbsp;Add</a>' if add_links else ""
            body.append(
                f'<p><a href="{link_for(word)}">{html.escape(_shown(word, entries, style))}</a> '
                f"{_short_gloss(entries, style)}{add}</p>"
            )
    if lookup.breakdown:
        body.append("<h4>Characters</h4>")
        for char, entries in lookup.breakdown:
            add = f' <a href="{add_link_for(char)}">+&nbsp;Add</a>' if add_links else ""
            body.append(
                f'<p><a href="{link_for(char)}">{html.escape(_shown(char, entries, style))}</a> '
                f"{_short_gloss(entries, style)}{add}</p>"
            )
    return f"<html><head><style>{css(style)}</style></head><body>{''.join(body)}</body></html>"
