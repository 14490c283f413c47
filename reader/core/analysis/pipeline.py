"""Text → tokens: segmentation, readings in context, dictionary links, names, corrections.

``Analyzer`` owns the three expensive things (the segmenter, the readings model, the
dictionary); ``Analyzer.create`` loads them and may run on a worker thread while the UI
already shows the article's text. ``analyse`` works paragraph by paragraph, reporting
progress and honouring cancellation between paragraphs. ``load_or_analyse`` is the way the
app opens an article: the stored analysis when its key still matches (no analysis at all),
else a fresh one, stored for next time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Protocol

from reader.core.analysis.corrections import Corrector, Rule
from reader.core.analysis.reading_fixes import ReadingFix, apply_fixes
from reader.core.analysis.segment import (
    NAME_TAGS,
    PERSON_TAGS,
    Run,
    Segmenter,
    longest_parts,
    split_runs,
)
from reader.core.analysis.stored import NewAnalysis, analysis_key, stored_analysis
from reader.core.analysis.tokens import (
    Token,
    TokenKind,
    serialise_tokens,
)
from reader.core.collector import paused
from reader.core.progress import Progress
from reader.core.script_conversion import is_simplified, to_simplified
from reader.core.stats import coverage_counts
from reader.core.words import word_keys

if TYPE_CHECKING:
    from reader.core.analysis.readings import ReadingModel
    from reader.core.cedict import Dictionary as CedictDictionary
    from reader.core.cedict.model import Entry, Listing
    from reader.core.store import Store

# Characters analysed per batch: big enough for the readings model to batch well, small
# enough that progress moves and a cancel is honoured within a fraction of a second.
BLOCK_CHARS = 20_000
# Chinese runs whose units and pieces are remembered (runs repeat: 说, 他说, 当然)
_RUN_MEMO = 1 << 16
# The readings model reads sentence by sentence; a sentence ends after these or a newline.
_SENTENCE_ENDS = frozenset("。！？；!?;…")
_AFTER_SENTENCE = re.compile("(?<=[。！？!?])")
# After digits, 日 / 月 / 号 close a date (19日, 5月), so a word the segmenter glued onto
# one is cut apart and the rest cut again: a dateline's 19日電 is 19日 + 電 (not 日電, NEC),
# 19日报道 is 19日 + 报道. These go on a date as one word: 5月份, 5月底, 100日元.
_DATE_MEASURES = frozenset("日月号")
_ON_A_DATE = frozenset(
    ("份", "底", "初", "中", "末", "内", "中旬", "上旬", "下旬", "元", "圆", "币")
)


def date_apart(words: list[str], cut: Callable[[str], list[str]]) -> list[str]:
    """``words``, a Chinese run's words after digits, with a date's measure word on its
    own when the segmenter glued it to the next word; ``cut`` cuts the rest again."""
    first = words[0] if words else ""
    if len(first) < 2 or first[0] not in _DATE_MEASURES or first[1:] in _ON_A_DATE:
        return words
    return [first[0], *cut("".join(words)[1:])]


# a token's fields after its start: text, kind, readings, entry ids, parts
_TokenFields = tuple[str, TokenKind, tuple[str, ...], tuple[int, ...], tuple[str, ...]]
# a Chinese run's units as the readings model reads them, and the pieces each is shown in
_RunCut = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]
_NOT_CUT: _RunCut = ((), ())  # a run of another script


class Dictionary(Protocol):
    """What the analysis needs of ``reader.core.cedict.Dictionary``."""

    def entries(self, word: str) -> Sequence[Entry]: ...

    def listings_of(self, words: Iterable[str]) -> Mapping[str, Sequence[Listing]]: ...

    def entry(self, entry_id: int) -> Entry: ...


class Readings(Protocol):
    """What the analysis needs of ``reader.core.analysis.readings.ReadingModel``."""

    def read_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, ...]]]: ...


def _syllables(pinyin: str) -> tuple[str, ...]:
    return tuple(pinyin.lower().replace("ü", "u:").replace("v", "u:").split())


def _agreement(entry_pinyin: str, readings: tuple[str, ...]) -> int:
    """0: the entry's pinyin is the reading; 1: the same up to neutral tones; 2: it is not."""
    entry = _syllables(entry_pinyin)
    if entry == readings:
        return 0
    if len(entry) == len(readings) and all(
        a == b or (a[:-1] == b[:-1] and "5" in (a[-1], b[-1]))
        for a, b in zip(entry, readings, strict=True)
    ):
        return 1
    return 2


class Listed(Protocol):
    """An entry or its ``Listing``: what ordering a word's entries reads of each."""

    @property
    def id(self) -> int: ...

    @property
    def pinyin(self) -> str: ...


def order_entries(entries: Sequence[Listed], readings: Sequence[str]) -> tuple[int, ...]:
    """Entry ids, the ones whose pinyin agrees with ``readings`` first, and among equals the
    common word before the name (还 huan2 "to return" before the surname Huan2)."""
    if len(entries) < 2:
        return tuple(entry.id for entry in entries)
    wanted = _syllables(" ".join(readings))
    ranked = sorted(
        entries, key=lambda entry: (_agreement(entry.pinyin, wanted), entry.pinyin[:1].isupper())
    )
    return tuple(entry.id for entry in ranked)


def _paragraphs(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks; overlong ones cut after each sentence."""
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        if len(line) > BLOCK_CHARS:
            pieces.extend(piece for piece in _AFTER_SENTENCE.split(line) if piece)
        else:
            pieces.append(line)
    return pieces


class Analyzer:
    """Segmenter + readings model + dictionary: turns an article into tokens."""

    def __init__(
        self,
        dictionary: Dictionary,
        readings: Readings,
        segmenter: Segmenter,
        dictionary_key: str,
        user_words: Iterable[str] = (),
    ) -> None:
        self.dictionary = dictionary
        self.readings = readings
        self.segmenter = segmenter
        self.dictionary_key = dictionary_key
        self._user_words = set(user_words)
        self._entries: dict[str, Sequence[Listed]] = {}  # a word's entries or listings
        self._surnames: dict[str, bool] = {}
        self._explained: dict[tuple[str, tuple[str, ...]], _TokenFields] = {}
        # a Chinese run without rules → each unit the model reads with its pieces shown
        self._runs: dict[str, _RunCut] = {}

    @classmethod
    def create(
        cls,
        user_words: Iterable[str] = (),
        dictionary: CedictDictionary | None = None,
        readings: ReadingModel | None = None,
    ) -> Analyzer:
        """Open the dictionary, load the readings model and the segmenter (a few tenths of
        a second once their tables are compiled, seconds the very first time: call it on
        a worker thread)."""
        from reader.core.analysis.readings import ReadingModel
        from reader.core.cedict import Dictionary as CedictDictionary

        dictionary = dictionary or CedictDictionary.open()
        words = list(user_words)
        key = dictionary.index.stem  # names the release's checksum and the index format
        segmenter = Segmenter.load(key, dictionary.headwords, words)  # takes what the index kept
        readings = readings or ReadingModel.load()
        segmenter.name_tag("张三")  # loads jieba's POS tables here, not in the first analysis
        return cls(dictionary, readings, segmenter, key, words)

    def add_user_word(self, word: str) -> None:
        """A word the user added (``store.corrections.add_user_word``) is a unit from now on."""
        self._user_words.add(word)
        self._forget()
        self.segmenter.add_word(word)

    def remove_user_word(self, word: str) -> None:
        self._user_words.discard(word)
        self._forget()
        self.segmenter.remove_word(word)

    def _forget(self) -> None:
        """A user's word changes what is a unit, so the remembered cuts and tokens go."""
        self._explained.clear()
        self._runs.clear()

    def _prepare(
        self, runs: Sequence[Run], corrector: Corrector, simplified: bool
    ) -> dict[str, str]:
        """Hand the segmenter every text of Chinese ``runs`` that the block will cut, to
        find their routes in one batch: each run not remembered (each run's stretches
        between the rules' texts, with rules), as simplified text; returns the runs'
        simplified twins (each run its own where the block is ``simplified``)."""
        from reader.core.analysis.readings import simplified_cuts  # loaded by create()

        remembered = {} if corrector else self._runs
        twins = {run: run for _, run, kind in runs if kind is None and run not in remembered}
        if simplified and not corrector:
            self.segmenter.prepare(twins)
            return twins
        cuts: dict[str, None] = {}
        for run in twins:
            twins[run] = to_simplified(run)
            for rest in corrector.rest(run) if corrector else (run,):
                twin = twins[run] if rest == run else to_simplified(rest)
                cuts.update(dict.fromkeys(simplified_cuts(rest, twin)))
        self.segmenter.prepare(cuts)
        return twins

    def _run_units(self, run: str, shown: set[str], twins: Mapping[str, str]) -> _RunCut:
        """The units of a Chinese ``run`` no rule touches and the pieces each is shown in
        (remembered: runs repeat); the pieces of a run not remembered go into ``shown``,
        to be looked up (a remembered run's were looked up when it was first seen).
        ``twins``: the simplified twins of the runs not remembered."""
        found = self._runs.get(run)
        if found is None:
            segmenter = self.segmenter
            if (twins.get(run) or to_simplified(run)) == run:
                cut_units, shown_as = segmenter.shown_units(run)
                units, pieces = tuple(cut_units), tuple(shown_as)
            else:  # traditional, cut as its simplified twin
                from reader.core.analysis.readings import simplified_units  # loaded by create()

                units = tuple(simplified_units(segmenter.units, run))
                pieces = tuple(map(segmenter.pieces, units))
            found = (units, pieces)
            shown.update(chain.from_iterable(pieces))
            if len(self._runs) >= _RUN_MEMO:
                self._runs.clear()
            self._runs[run] = found
        return found

    def _lookup(self, word: str) -> Sequence[Listed]:
        found = self._entries.get(word)
        if found is None:
            found = self._entries[word] = self.dictionary.entries(word)
        return found

    def _look_up_new(self, words: set[str]) -> None:
        """The entries of the block's words not looked up before, in one batch."""
        entries = self._entries
        entries.update(self.dictionary.listings_of(words.difference(entries)))

    def _is_word(self, word: str) -> bool:
        return word in self._user_words or bool(self._lookup(word))

    def _is_surname(self, char: str) -> bool:
        found = self._surnames.get(char)
        if found is None:  # the glosses say it: the entries themselves, for a name's first
            entries = self.dictionary.entries(char)
            found = self._surnames[char] = any(entry.is_surname for entry in entries)
        return found

    def _token_fields(self, word: str, readings: tuple[str, ...]) -> _TokenFields:
        """The fields after ``start`` of the token of ``word`` read as ``readings``,
        remembered: words repeat, and their tokens then share one readings tuple."""
        kind, ids, parts = self._explain(word, readings)
        fields = self._explained[(word, readings)] = (word, kind, readings, ids, parts)
        return fields

    def _explain(
        self, word: str, readings: tuple[str, ...]
    ) -> tuple[TokenKind, tuple[int, ...], tuple[str, ...]]:
        """Kind, entry ids and parts of a word read as ``readings`` (remembered: words repeat)."""
        entries = self._lookup(word)
        if entries or word in self._user_words:
            return TokenKind.WORD, order_entries(entries, readings), ()
        tag = self.segmenter.name_tag(word) if len(word) > 1 else None
        if tag in PERSON_TAGS and (tag == "nrt" or self._is_surname(word[0])):
            return TokenKind.NAME, (), tuple(word)
        parts = longest_parts(word, self._is_word)
        kind = TokenKind.NAME if tag in NAME_TAGS - PERSON_TAGS else TokenKind.UNKNOWN
        return kind, (), parts if len(parts) > 1 else ()

    def _block(
        self,
        text: str,
        offset: int,
        corrector: Corrector,
        kept: frozenset[str],
        fixes: Sequence[ReadingFix],
    ) -> list[Token]:
        """Tokens of some whole paragraphs; the readings model reads them in one batch.

        It reads the segmenter's units (a guide word whole: 没入), and each piece shown
        takes the readings of its characters; the rules' parts (``kept``) stay as made."""
        from reader.core.analysis.readings import simplified_units  # loaded by create()

        units = partial(simplified_units, self.segmenter.units)  # traditional as simplified
        pieces_of = self.segmenter.pieces
        # per run: its start, text, kind (None: Chinese) and, for a Chinese run, its units
        # the model reads and the pieces each is shown in
        plan: list[tuple[int, str, TokenKind | None, _RunCut]] = []
        add = plan.append
        shown: set[str] = set()  # the pieces to look up
        sentence: list[str] = []
        sentences = [sentence]
        previous: TokenKind | None = None
        runs = split_runs(text)
        twins = self._prepare(runs, corrector, is_simplified(text))
        run_units = self._run_units
        for run_start, run, run_kind in runs:
            after, previous = previous, run_kind
            if run_kind is not None:
                add((offset + run_start, run, run_kind, _NOT_CUT))
                sentence.append(run)
                if (run_kind is TokenKind.SPACE and "\n" in run) or run[-1] in _SENTENCE_ENDS:
                    sentence = []
                    sentences.append(sentence)
                continue
            if not corrector and after is not TokenKind.NUMBER:
                cut_run = run_units(run, shown, twins)
            else:  # rules apply, or a date may follow digits: cut anew, not remembered
                cut = corrector.cut(run, units)
                if after is TokenKind.NUMBER and cut[0] not in kept:
                    cut = date_apart(cut, partial(corrector.cut, cut_rest=units))
                cut_pieces = tuple((u,) if u in kept else pieces_of(u) for u in cut)
                shown.update(chain.from_iterable(cut_pieces))
                cut_run = (tuple(cut), cut_pieces)
            sentence.extend(cut_run[0])
            add((offset + run_start, run, None, cut_run))
        readings = [read for sentence in self.readings.read_many(sentences) for read in sentence]
        if fixes:
            chars = apply_fixes(text, [char for read in readings for char in read], fixes)
            at = 0
            for i, read in enumerate(readings):
                readings[i] = tuple(chars[at : at + len(read)])
                at += len(read)
        self._look_up_new(shown)
        tokens: list[Token] = []
        append = tokens.append
        known = self._explained.get
        fields = self._token_fields
        # Token(start, *fields) as its own __new__ makes it (defaults included), at half
        # the cost (one a word)
        token = tuple.__new__
        next_reading = iter(readings).__next__
        for start, run, kind, (units_read, shown_as) in plan:
            if kind is not None:
                next_reading()  # the run's readings, all ""
                append(token(Token, (start, run, kind, (), (), ())))
                continue
            for unit, pieces in zip(units_read, shown_as, strict=True):
                reading = next_reading()
                if len(pieces) == 1:
                    rest = known((unit, reading)) or fields(unit, reading)
                    append(token(Token, (start,) + rest))  # noqa: RUF005 (faster than *rest)
                else:
                    at = 0
                    for word in pieces:
                        part = reading[at : at + len(word)]
                        rest = known((word, part)) or fields(word, part)
                        append(token(Token, (start + at,) + rest))  # noqa: RUF005
                        at += len(word)
                start += len(unit)
        return tokens

    def analyse(
        self,
        text: str,
        rules: Iterable[Rule] = (),
        progress: Progress | None = None,
        fixes: Sequence[ReadingFix] = (),
    ) -> list[Token]:
        """The tokens of ``text`` (they concatenate to it).

        Paragraphs are analysed in blocks of about ``BLOCK_CHARS`` characters (the readings
        model is much faster on batches); progress counts paragraphs, and cancellation is
        checked between blocks. A paragraph longer than a block (text without line breaks)
        counts as its sentences."""
        with paused():  # the whole analysis: no cycles, and no collection scanning it
            blocks = self.analyse_blocks(text, rules, progress, fixes)
            return [token for block in blocks for token in block]

    def analyse_blocks(
        self,
        text: str,
        rules: Iterable[Rule] = (),
        progress: Progress | None = None,
        fixes: Sequence[ReadingFix] = (),
    ) -> Iterator[list[Token]]:
        """``analyse`` block by block, for a caller that writes tokens out as they come
        (``reader annotate``: its memory stays that of one block, not of the article).
        ``fixes``: the learner's reading fixes that hold for this text."""
        rules = list(rules)
        corrector = Corrector(rules)
        kept = frozenset(part for rule in rules for part in rule.parts)
        paragraphs = _paragraphs(text)
        offset = done = 0
        while done < len(paragraphs):
            if progress is not None:
                progress.step(done, len(paragraphs), "Analysing")
            first, size = done, 0
            while done < len(paragraphs) and (size < BLOCK_CHARS or done == first):
                size += len(paragraphs[done])
                done += 1
            with paused():  # tens of thousands of tokens, tuples and lists, no cycles
                block = self._block("".join(paragraphs[first:done]), offset, corrector, kept, fixes)
            yield block
            offset += size
        if progress is not None:
            progress.step(len(paragraphs), len(paragraphs), "Analysing")

    def load_or_analyse(
        self, store: Store, article_id: int, progress: Progress | None = None
    ) -> list[Token]:
        """The article's stored tokens when still valid, else a new analysis (then stored)."""
        tokens, new = self.read_or_analyse(store, article_id, progress)
        if new is not None:
            new.save(store)
        return tokens

    def read_or_analyse(
        self, store: Store, article_id: int, progress: Progress | None = None
    ) -> tuple[list[Token], NewAnalysis | None]:
        """``load_or_analyse`` without its write: the stored tokens (and None), else a new
        analysis and what to store of it, for a caller that reads on one thread and writes
        on another (the window: a long analysis never holds the learner's writes back)."""
        stored = stored_analysis(store, article_id, self.dictionary_key)
        if stored is not None:
            return stored, None
        text = store.articles.text(article_id)
        key = analysis_key(text, store.corrections.version(), self.dictionary_key)
        tokens = self._analyse_corrected(store, article_id, text, progress)
        counts = coverage_counts(tokens, word_keys(tokens, self.dictionary))
        return tokens, NewAnalysis(article_id, key, serialise_tokens(tokens), counts)

    def analyse_title(self, store: Store, article_id: int) -> list[Token]:
        """The tokens of the article's title, cut and read as its text is (the same
        segmentation rules and reading fixes). Not stored: one line takes a few milliseconds,
        and the stored analysis keeps its format (the text's tokens only)."""
        return self._analyse_corrected(store, article_id, store.articles.info(article_id).title)

    def _analyse_corrected(
        self, store: Store, article_id: int, text: str, progress: Progress | None = None
    ) -> list[Token]:
        """``text`` analysed with the article's segmentation rules and reading fixes."""
        fixes = [row.fix for row in store.corrections.reading_fixes(article_id)]
        return self.analyse(text, store.corrections.all(article_id), progress, fixes)
