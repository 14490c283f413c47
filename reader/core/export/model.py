"""What every exporter takes: a list of words in plain values, and the user's choices.

The exporters never read the database: `from_store` (or a test) builds these values, so a
format can be checked on its own and the same list goes to every format unchanged.
Pinyin is CC-CEDICT's numbered form ("yin2 hang2"); each format renders it as it needs,
word by word ("yínháng", as the vocabulary list shows it). An example's pinyin is numbered
with each word's syllables together and the sentence's punctuation ("wo3 qu4 yin2hang2,").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from reader.core.analysis.tokens import Token
from reader.core.pinyin import word_marks, written_marks
from reader.core.progress import Progress


@dataclass(frozen=True, slots=True)
class ExportWord:
    simplified: str
    traditional: str = ""
    pinyin: str = ""  # numbered, one syllable per character: "yin2 hang2"
    meanings: tuple[str, ...] = ()
    classifiers: str = ""  # as CC-CEDICT writes them: "个[ge4]"
    sentence: str = ""  # the example: the clause the word was met in
    sentence_pinyin: str = ""  # numbered, word by word: "wo3 qu4 yin2hang2 qu3 qian2."
    source: str = ""  # the title of the article it came from
    hsk: str = ""  # "3", "7-9", or "" when the word is in no HSK list
    notes: str = ""
    status: str = ""  # "new", "learning 2", "known"…, as the app names it
    full_sentence: str = ""  # the whole sentence the example was cut from

    @property
    def meaning(self) -> str:
        """The senses on one line, the way every format shows them."""
        return "; ".join(m.strip() for m in self.meanings if m.strip())

    def sentence_pieces(self) -> list[tuple[str, bool]]:
        """The example in pieces, True for each occurrence of the word (in either script:
        an example from a traditional article holds the traditional form), so every
        format marks the word its own way (bold, ``<b>``, a cloze)."""
        return marked_pieces(self.sentence, (self.simplified, self.traditional))


def marked_html(text: str, forms: Sequence[str]) -> str:
    """``text`` escaped for HTML, each occurrence of any of ``forms`` in ``<b>``."""
    return "".join(
        f"<b>{escape(piece)}</b>" if is_word else escape(piece)
        for piece, is_word in marked_pieces(text, forms)
    )


def marked_pieces(text: str, forms: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` cut at each occurrence of any of ``forms`` (the longest first)."""
    wanted = sorted({f for f in forms if f}, key=len, reverse=True)
    pieces: list[tuple[str, bool]] = []
    plain_from = position = 0
    while position < len(text) and wanted:
        form = next((f for f in wanted if text.startswith(f, position)), None)
        if form is None:
            position += 1
            continue
        if plain_from < position:
            pieces.append((text[plain_from:position], False))
        pieces.append((form, True))
        position += len(form)
        plain_from = position
    if plain_from < len(text):
        pieces.append((text[plain_from:], False))
    return pieces


@dataclass(frozen=True, slots=True)
class ExportList:
    name: str
    words: tuple[ExportWord, ...]
    article_title: str | None = None
    article_text: str | None = None
    article_tokens: Sequence[Token] | None = None  # the analysis of article_text, for ruby
    article_taught: frozenset[str] = frozenset()  # its token texts in the class's lists
    article_glosses: Mapping[int, str] | None = None  # token start → its short gloss


IGNORED = "ignored"  # ``ExportWord.status`` of a word the learner ignored


def handout_words(word_list: ExportList, options: ExportOptions) -> tuple[ExportWord, ...]:
    """The words a handout lists: without the ignored ones unless the user asks for them
    (a teacher's handout is the words to learn, not 的 marked as noise)."""
    if options.include_ignored:
        return word_list.words
    return tuple(w for w in word_list.words if w.status != IGNORED)


def each_word(
    word_list: ExportList, progress: Progress | None, message: str
) -> Iterator[ExportWord]:
    """The list's words, telling ``progress`` every 500 (where it may raise `Cancelled`)."""
    total = len(word_list.words)
    for index, word in enumerate(word_list.words):
        if progress is not None and index % 500 == 0:
            progress.step(index, total, message)
        yield word


class Column(StrEnum):
    """A column of the table formats (CSV, TSV, XLSX), in the order they are written."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    PINYIN = "pinyin"
    MEANING = "meaning"
    CLASSIFIER = "classifier"
    SENTENCE = "sentence"
    SENTENCE_PINYIN = "sentence_pinyin"
    FULL_SENTENCE = "full_sentence"
    SOURCE = "source"
    HSK = "hsk"
    NOTES = "notes"
    STATUS = "status"


COLUMN_TITLES: dict[Column, str] = {
    Column.SIMPLIFIED: "Simplified",
    Column.TRADITIONAL: "Traditional",
    Column.PINYIN: "Pinyin",
    Column.MEANING: "Meaning",
    Column.CLASSIFIER: "Classifier",
    Column.SENTENCE: "Example",
    Column.SENTENCE_PINYIN: "Example pinyin",
    Column.FULL_SENTENCE: "Full sentence",
    Column.SOURCE: "Source",
    Column.HSK: "HSK",
    Column.NOTES: "Notes",
    Column.STATUS: "Status",
}

DEFAULT_COLUMNS: tuple[Column, ...] = (
    Column.SIMPLIFIED,
    Column.TRADITIONAL,
    Column.PINYIN,
    Column.MEANING,
    Column.CLASSIFIER,
    Column.SENTENCE,
    Column.SENTENCE_PINYIN,
    Column.SOURCE,
    Column.HSK,
    Column.NOTES,
)


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The user's choices. ``columns`` is the one source of truth for what is included:
    the sentence, traditional and notes switches of the dialog add or drop their columns,
    and the formats with fixed fields (Anki, Pleco, PDF) leave out what is not chosen."""

    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    page_size: PageSize = PageSize.A4
    include_article: bool = True  # PDF: print the list's article after the table
    article_with_pinyin: bool = True  # PDF: pinyin over the article's words
    article_off_list: bool = False  # PDF: pinyin only over words outside the class lists
    article_glosses: bool = False  # PDF: a short gloss under the words with pinyin
    title: str = ""  # PDF: the handout's title; the list's name when empty
    anki_cloze: bool = False  # Anki: a cloze note per example sentence too
    anki_audio: bool = False  # Anki: each word spoken, as a [sound:…] field
    anki_sentence_audio: bool = False  # Anki: its example sentence spoken too
    include_ignored: bool = False  # PDF: the words the learner ignored are left out

    def __post_init__(self) -> None:
        if len(set(self.columns)) != len(self.columns):
            raise ValueError("a column is chosen twice")

    @property
    def include_sentence(self) -> bool:
        return Column.SENTENCE in self.columns

    @property
    def include_traditional(self) -> bool:
        return Column.TRADITIONAL in self.columns

    @property
    def include_notes(self) -> bool:
        return Column.NOTES in self.columns


def cell_text(word: ExportWord, column: Column) -> str:
    """The plain text of one cell; pinyin with tone marks, as people read it."""
    match column:
        case Column.SIMPLIFIED:
            return word.simplified
        case Column.TRADITIONAL:
            return word.traditional
        case Column.PINYIN:
            return word_marks(word.pinyin)
        case Column.MEANING:
            return word.meaning
        case Column.CLASSIFIER:
            return word.classifiers
        case Column.SENTENCE:
            return word.sentence
        case Column.SENTENCE_PINYIN:
            return written_marks(word.sentence_pinyin)
        case Column.FULL_SENTENCE:
            return word.full_sentence or word.sentence
        case Column.SOURCE:
            return word.source
        case Column.HSK:
            return word.hsk
        case Column.NOTES:
            return word.notes
        case Column.STATUS:
            return word.status
