"""Importing vocabulary: known-word files, CSV/TSV lists, Pleco and Anki plain-text exports.

Two steps, so nothing changes until the user confirms: ``read_vocab_file`` (or
``parse_vocab``) reads the whole file and fails with ``VocabImportError`` naming the first
malformed line; ``preview_*`` says what would be added, updated or skipped; ``commit_import``
applies a preview in one transaction.

Formats (``detect_format`` guesses from the name and the first lines):
- known words: one word per line (blank lines and ``#`` comments skipped) → status KNOWN;
- CSV / TSV: a header row is recognised when no cell of the first row has Hanzi (column
  names such as simplified / traditional / pinyin / meaning / notes pick the columns);
  without one, the first Hanzi column is the word, a second Hanzi column the traditional
  form, a pinyin-looking column the reading, the first other Latin column the meaning;
- Pleco's text export: ``简体[繁體]<TAB>pinyin<TAB>definition``, ``//`` category lines;
- Anki "Notes in plain text": tab-separated fields, ``#key:value`` header lines (a
  ``#columns:`` line names the fields), HTML removed from fields.

Text is decoded with the article importer's detection (BOM, UTF-8, GB18030 vs Big5).
Readings are stored as CC-CEDICT-style numbered pinyin (``yin2 hang2``).

Limits, checked before any line is parsed: files up to ``MAX_FILE_BYTES`` (the article
importer's 50 MB) and ``MAX_LINES`` lines (100,000: ten times the whole HSK 3.0 list).
Reading reports progress every ``PROGRESS_EVERY`` lines and stops there when cancelled,
so the app runs it on a worker (a million-row file used to freeze the window).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reader.core.importing.decode import decode_bytes
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAX_FILE_BYTES
from reader.core.pinyin import marks_to_numbered
from reader.core.progress import Progress
from reader.core.store import NewWord, Store, WordStatus

MAX_LINES = 100_000
PROGRESS_EVERY = 2_000
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ"
_PINYIN = re.compile(rf"^[A-Za-züÜv:{_TONE_MARKED}1-5\s'·-]+$")
_NUMBERED_SYLLABLE = re.compile(r"[A-Za-züÜv:]+[1-5]")
_TAG = re.compile(r"<[^>]*>")
_PLECO_HEADWORD = re.compile(r"^([^\[\]]+)(?:\[([^\[\]]+)\])?$")
_HEADER_NAMES = {
    "simplified": ("simplified", "simp", "hanzi", "chinese", "word", "简体", "词", "词语", "汉字"),
    "traditional": ("traditional", "trad", "繁體", "繁体"),
    "pinyin": ("pinyin", "reading", "拼音"),
    "meaning": ("meaning", "definition", "english", "translation", "gloss", "释义", "意思"),
    "notes": ("notes", "note", "备注"),
}


class VocabImportError(ImportFailed):
    """The file cannot be imported; ``line`` is the 1-based line at fault (if one is)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"Line {line}: {message}" if line is not None else message)
        self.line = line


class VocabFormat(StrEnum):
    KNOWN_WORDS = "known"
    CSV = "csv"
    TSV = "tsv"
    PLECO = "pleco"
    ANKI = "anki"


@dataclass(frozen=True, slots=True)
class ImportedWord:
    line: int
    simplified: str
    traditional: str = ""
    pinyin: str = ""  # numbered, space-separated
    meaning: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What committing would do. ``list_id`` None means known words (statuses)."""

    list_id: int | None
    added: tuple[ImportedWord, ...]
    updated: tuple[ImportedWord, ...]
    skipped: tuple[ImportedWord, ...]


def read_vocab_file(
    path: Path,
    fmt: VocabFormat | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> list[ImportedWord]:
    return parse_vocab(read_vocab_text(path, encoding), fmt, path.name, progress)


def read_vocab_text(path: Path, encoding: str | None = None) -> str:
    """The file's text, decoded; refused past the size and line limits before parsing."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise VocabImportError(
                f"{path.name} is too large ({size // (1024 * 1024)} MB; a word list may have "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB and {MAX_LINES:,} lines)."
            )
        data = path.read_bytes()
    except OSError as error:
        raise VocabImportError(f"Cannot read {path}: {error.strerror or error}.") from error
    text = decode_bytes(data, encoding)
    check_line_limit(text)
    return text


def check_line_limit(text: str) -> None:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise VocabImportError(
            f"The file has {lines:,} lines; a word list import takes at most {MAX_LINES:,}. "
            "Split it into smaller files."
        )


def detect_format(text: str, filename: str = "") -> VocabFormat:
    suffix = Path(filename).suffix.lower()
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if any(line.startswith(("#separator:", "#html:", "#columns:", "#notetype")) for line in lines):
        return VocabFormat.ANKI
    data = [line for line in lines if not line.startswith(("#", "//"))]
    if any(line.startswith("//") for line in lines) or any(
        "\t" in line and _PLECO_HEADWORD.match(line.split("\t")[0]) and "[" in line.split("\t")[0]
        for line in data
    ):
        return VocabFormat.PLECO
    if suffix == ".csv":
        return VocabFormat.CSV
    if suffix == ".tsv" or any("\t" in line for line in data):
        return VocabFormat.TSV
    if any("," in line for line in data):
        return VocabFormat.CSV
    return VocabFormat.KNOWN_WORDS


def parse_vocab(
    text: str,
    fmt: VocabFormat | None = None,
    filename: str = "",
    progress: Progress | None = None,
) -> list[ImportedWord]:
    """Every word of the file, or ``VocabImportError`` for the first malformed line (or a
    file past ``MAX_LINES``); ``progress`` hears every ``PROGRESS_EVERY`` lines."""
    check_line_limit(text)
    fmt = fmt or detect_format(text, filename)
    lines = _numbered_lines(text, progress)
    if fmt is VocabFormat.KNOWN_WORDS:
        words = _known_words(lines)
    elif fmt is VocabFormat.PLECO:
        words = _pleco(lines)
    elif fmt is VocabFormat.ANKI:
        words = _anki(lines)
    else:
        words = _table(lines, "," if fmt is VocabFormat.CSV else "\t")
    if not words:
        raise VocabImportError("The file holds no Chinese words.")
    return words


def normalise_pinyin(text: str) -> str:
    """``yin2hang2``, ``yin2 hang2`` or ``yínháng`` → ``yin2 hang2``."""
    text = text.strip()
    if any(c.isdigit() for c in text):
        return " ".join(_NUMBERED_SYLLABLE.findall(text.replace("ü", "u:")))
    return marks_to_numbered(text)


def _word(line: int, text: str, what: str = "word") -> str:
    word = text.strip()
    if not _HAN.search(word):
        raise VocabImportError(f"no Chinese {what} in {text.strip()[:40]!r}.", line)
    return word


def _numbered_lines(text: str, progress: Progress | None) -> Iterator[tuple[int, str]]:
    """Each line with its 1-based number, read lazily, reporting progress as it goes."""
    total = text.count("\n") + 1
    for number, raw in enumerate(io.StringIO(text.lstrip("\ufeff"), newline=None), 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress.step(number, total, "Reading the word list")
        yield number, raw.rstrip("\n")


def _content_lines(lines: Iterator[tuple[int, str]], comment: str) -> Iterator[tuple[int, str]]:
    """Each line that is not blank or a ``comment`` line, stripped, with its number."""
    for number, raw in lines:
        line = raw.strip().lstrip("\ufeff")
        if line and not line.startswith(comment):
            yield number, line


def _known_words(lines: Iterator[tuple[int, str]]) -> list[ImportedWord]:
    words = []
    for number, line in _content_lines(lines, "#"):
        if any(c.isspace() for c in line):
            raise VocabImportError(f"one word per line expected, found {line[:40]!r}.", number)
        words.append(ImportedWord(number, _word(number, line)))
    return words


def _pleco(lines: Iterator[tuple[int, str]]) -> list[ImportedWord]:
    words = []
    for number, line in _content_lines(lines, "//"):
        fields = line.split("\t")
        match = _PLECO_HEADWORD.match(fields[0].strip())
        if match is None:
            raise VocabImportError(f"not a Pleco headword: {fields[0][:40]!r}.", number)
        simplified = _word(number, match.group(1))
        pinyin = normalise_pinyin(fields[1]) if len(fields) > 1 else ""
        meaning = fields[2].strip() if len(fields) > 2 else ""
        words.append(ImportedWord(number, simplified, match.group(2) or "", pinyin, meaning))
    return words


def _anki(lines: Iterator[tuple[int, str]]) -> list[ImportedWord]:
    separator, names, rows = "\t", None, []
    for number, raw in lines:
        line = raw.lstrip("\ufeff")
        if line.startswith("#") and ":" in line:
            key, value = line[1:].split(":", 1)
            if key == "separator":
                separator = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " "}.get(
                    value.strip().lower(), value.strip()[:1] or "\t"
                )
            elif key == "columns":
                names = value
            continue
        if line.strip():
            rows.append(
                (number, [_plain(f) for f in next(csv.reader([line], delimiter=separator))])
            )
    header = [_plain(n) for n in names.split(separator)] if names is not None else None
    return _rows_to_words(rows, header)


def _plain(field: str) -> str:
    return html.unescape(_TAG.sub(" ", field.replace("<br>", "; "))).strip()


def _table(lines: Iterator[tuple[int, str]], delimiter: str) -> list[ImportedWord]:
    # csv reads lines (a quoted cell may span several), so it gets them with their ends back
    reader = csv.reader((raw + "\n" for _, raw in lines), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as error:
        raise VocabImportError(f"broken quoting ({error}).", reader.line_num) from error
    header = None
    if rows and not any(_HAN.search(cell) for cell in rows[0][1]):
        header = rows.pop(0)[1]
    return _rows_to_words(rows, header)


def _columns(rows: Sequence[tuple[int, list[str]]], header: list[str] | None) -> dict[str, int]:
    """Which column holds what: from the header's names, else from the cells."""
    found: dict[str, int] = {}
    if header is not None:
        for index, name in enumerate(header):
            for field, names in _HEADER_NAMES.items():
                if name.strip().lower() in names and field not in found:
                    found[field] = index
        if "simplified" in found:
            return found
        found = {}
    sample = [cells for _, cells in rows[:50]]
    width = max((len(cells) for cells in sample), default=0)

    def share(index: int, test: re.Pattern[str]) -> float:
        cells = [c[index] for c in sample if len(c) > index and c[index]]
        return sum(1 for c in cells if test.search(c)) / len(cells) if cells else 0.0

    han = [i for i in range(width) if share(i, _HAN) > 0.5]
    if han:
        found["simplified"] = han[0]
    if len(han) > 1:
        found["traditional"] = han[1]
    rest = [i for i in range(width) if i not in han]
    pinyin = [i for i in rest if share(i, _PINYIN) > 0.8 and _looks_toned(sample, i)]
    if pinyin:
        found["pinyin"] = pinyin[0]
    latin = [i for i in rest if i not in pinyin and share(i, re.compile("[A-Za-z]")) > 0.5]
    if latin:
        found["meaning"] = latin[0]
    return found


def _looks_toned(sample: Sequence[list[str]], index: int) -> bool:
    cells = [c[index] for c in sample if len(c) > index]
    return any(any(ch.isdigit() or ch in _TONE_MARKED for ch in cell) for cell in cells)


def _rows_to_words(
    rows: Sequence[tuple[int, list[str]]], header: list[str] | None
) -> list[ImportedWord]:
    columns = _columns(rows, header)
    if "simplified" not in columns:
        raise VocabImportError("No column of Chinese words found.")

    def cell(cells: list[str], field: str) -> str:
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    words = []
    for number, cells in rows:
        simplified = _word(number, cell(cells, "simplified"))
        words.append(
            ImportedWord(
                number,
                simplified,
                cell(cells, "traditional"),
                normalise_pinyin(cell(cells, "pinyin")),
                cell(cells, "meaning"),
                cell(cells, "notes"),
            )
        )
    return words


# --- preview and commit ------------------------------------------------------------------


def preview_known_words(store: Store, words: Sequence[ImportedWord]) -> ImportPreview:
    """Words with no status are added as known, other statuses updated, known ones skipped."""
    statuses = store.vocab.statuses_for(w.simplified for w in words)
    added, updated, skipped = [], [], []
    seen: set[str] = set()
    for word in words:
        status = statuses[word.simplified]
        if word.simplified in seen or status is WordStatus.KNOWN:
            skipped.append(word)
        elif status is WordStatus.NEW:
            added.append(word)
        else:
            updated.append(word)
        seen.add(word.simplified)
    return ImportPreview(None, tuple(added), tuple(updated), tuple(skipped))


def preview_list_import(store: Store, list_id: int, words: Sequence[ImportedWord]) -> ImportPreview:
    """New words are added; words in the list already (same word and reading) are updated
    where the file brings a traditional form, meaning or notes they lack or differ in, and
    skipped otherwise (as are repeats within the file)."""
    existing = {(w.simplified, w.pinyin): w for w in store.vocab.words(list_id)}
    added, updated, skipped = [], [], []
    seen: set[tuple[str, str]] = set()
    for word in words:
        key = (word.simplified, word.pinyin)
        old = existing.get(key)
        if key in seen:
            skipped.append(word)
        elif old is None:
            added.append(word)
        elif _changes(old.traditional, old.senses, old.notes, word):
            updated.append(word)
        else:
            skipped.append(word)
        seen.add(key)
    return ImportPreview(list_id, tuple(added), tuple(updated), tuple(skipped))


def _changes(traditional: str, senses: tuple[str, ...], notes: str, word: ImportedWord) -> bool:
    return (
        (bool(word.traditional) and word.traditional != traditional)
        or (bool(word.meaning) and (word.meaning,) != senses)
        or (bool(word.notes) and word.notes != notes)
    )


def commit_import(store: Store, preview: ImportPreview) -> None:
    """Apply ``preview`` in one transaction."""
    with store.db.transaction():
        if preview.list_id is None:
            store.vocab.set_statuses(
                {w.simplified: WordStatus.KNOWN for w in preview.added + preview.updated}
            )
            return
        store.vocab.add_words([_new_word(w) for w in preview.added], preview.list_id)
        for word in preview.updated:
            [word_id] = store.vocab.add_words([_new_word(word)], preview.list_id)
            store.vocab.update_word(
                word_id,
                traditional=word.traditional or None,
                notes=word.notes or None,
                senses=(word.meaning,) if word.meaning else None,
            )


def _new_word(word: ImportedWord) -> NewWord:
    return NewWord(
        simplified=word.simplified,
        traditional=word.traditional,
        pinyin=word.pinyin,
        senses=(word.meaning,) if word.meaning else (),
        notes=word.notes,
    )
