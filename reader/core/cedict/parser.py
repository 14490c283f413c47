"""Reading a CC-CEDICT release: every line, every reading, structured senses.

Malformed lines never stop a parse: each becomes a ``ParseError`` with its line number and
is skipped, so an import can report them all at once.
"""

from __future__ import annotations

import gzip
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from reader.core.cedict.model import Classifier, Entry, Reference, ReferenceKind, Sense
from reader.core.progress import Progress

MAX_SOURCE_BYTES = 200 * 1024 * 1024  # the real file is ~40 MB unpacked; refuse zip bombs
_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.+)/")
_HEADWORD = r"[^\s\[\]|,;:()/\"]+"
_LINKED = re.compile(rf"({_HEADWORD})(?:\|({_HEADWORD}))?(?:\[([^\]]*)\])?")
_CLASSIFIERS = re.compile(r"\(?CL:([^)/]*)\)?")
_KIND_BEFORE = re.compile(
    r"(erhua variant of|old variant of|(?:\w+ )?variant of|see also|see|abbr\. for|abbr\. to"
    r"|same as|also written|used in)\s*$",
    re.IGNORECASE,
)
_JOINERS = re.compile(r"\s*(,|and|or)?\s*")
_KINDS = {kind.value: kind for kind in ReferenceKind}


class SourceError(Exception):
    """The file is not a CC-CEDICT release we can read (wrong archive, too big, empty)."""


@dataclass(frozen=True, slots=True)
class ParseError:
    line_number: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.reason}: {self.text[:80]!r}"


class Record(NamedTuple):
    """A well-formed line before its senses are structured (what the index stores): a
    tuple, made several times faster than a frozen dataclass (a release has 120,000)."""

    id: int
    traditional: str
    simplified: str
    pinyin: str
    body: str

    def to_entry(self) -> Entry:
        return Entry(self.id, self.traditional, self.simplified, self.pinyin, self.body)


@dataclass
class ParseResult:
    records: list[Record] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)

    @cached_property
    def entries(self) -> list[Entry]:
        """The records with structured senses (built on first use: the index needs none)."""
        return [record.to_entry() for record in self.records]


def read_source(path: Path) -> bytes:
    """The raw text of a release in plain text (``.u8``/``.txt``), gzip or zip.

    The format is told by the file's first bytes, not its name, so a stored copy needs no
    suffix and a mislabelled download still opens.
    """
    data = _read_start(path, MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{path.name} unpacks to more than {MAX_SOURCE_BYTES} bytes")
    return data


def release_date(path: Path) -> str:
    """The ``#! date=`` of a release's header ("" if it has none or cannot be read)."""
    try:
        start = _read_start(path, 8192)
    except SourceError:
        return ""
    for line in start.split(b"\n"):
        if line.startswith(b"#! date="):
            return line[len(b"#! date=") :].decode("utf-8", "replace").strip()
    return ""


def _read_start(path: Path, size: int) -> bytes:
    """Up to ``size`` bytes of the unpacked text."""
    try:
        with path.open("rb") as stream:
            magic = stream.read(4)
        if magic.startswith(b"\x1f\x8b"):
            with gzip.open(path, "rb") as packed:
                return packed.read(size)
        if magic == b"PK\x03\x04":
            return _read_zip(path, size)
        with path.open("rb") as stream:
            return stream.read(size)
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile) as error:
        raise SourceError(f"cannot read {path.name}: {error}") from error


def _read_zip(path: Path, size: int) -> bytes:
    with zipfile.ZipFile(path) as archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith((".u8", ".txt"))
        ]
        if len(members) != 1:
            raise SourceError(f"{path.name} must hold exactly one .u8 or .txt file")
        with archive.open(members[0]) as member:
            return member.read(size)


def parse_source(path: Path, progress: Progress | None = None) -> ParseResult:
    return parse_text(read_source(path), progress)


def parse_text(data: bytes, progress: Progress | None = None) -> ParseResult:
    """Parse a whole release; entries get their line number (1-based) as id."""
    result = ParseResult()
    records, errors, header = result.records, result.errors, result.header
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    total = len(lines)
    for number, raw in enumerate(lines, start=1):
        if progress is not None and number % 10_000 == 0:
            progress.step(number, total, "Reading the dictionary")
        try:
            line = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            errors.append(ParseError(number, raw.decode("utf-8", "replace"), "not UTF-8"))
            continue
        if line.startswith("#!"):
            key, _, value = line[2:].strip().partition("=")
            header[key.strip()] = value.strip()
        elif line.startswith("#") or not line.strip():
            continue
        else:
            record_or_error = parse_line(line, number)
            if isinstance(record_or_error, Record):
                records.append(record_or_error)
            else:
                errors.append(record_or_error)
    return result


def parse_line(line: str, number: int) -> Record | ParseError:
    match = _LINE.fullmatch(line.rstrip())
    if match is None:
        return ParseError(number, line, "not 'Traditional Simplified [pin1 yin1] /gloss/'")
    traditional, simplified, pinyin, body = match.groups()
    if len(traditional) != len(simplified):
        return ParseError(number, line, "traditional and simplified differ in length")
    if not pinyin.strip():
        return ParseError(number, line, "empty pinyin")
    if not body.replace("/", "").strip():
        return ParseError(number, line, "no gloss")
    # tuple.__new__: a named tuple's own __new__ is a Python function (120,000 records)
    return _new_record(Record, (number, traditional, simplified, pinyin, body))


_new_record = tuple.__new__


def parse_senses(body: str) -> tuple[Sense, ...]:
    """Split ``gloss/gloss/CL:…`` into senses; a ``CL:`` field joins the sense before it."""
    senses: list[Sense] = []
    for field_text in body.split("/"):
        text = field_text.strip()
        if not text:
            continue
        classifiers = tuple(_classifiers_in(text)) if "CL:" in text else ()
        gloss = _CLASSIFIERS.sub("", text).strip().rstrip(";,").strip() if classifiers else text
        if not gloss and senses:
            last = senses[-1]
            senses[-1] = Sense(last.gloss, last.classifiers + classifiers, last.references)
            continue
        linked = "[" in gloss or _has_hanzi(gloss)
        senses.append(Sense(gloss, classifiers, tuple(_references_in(gloss)) if linked else ()))
    return tuple(senses)


def _classifiers_in(text: str) -> Iterator[Classifier]:
    for match in _CLASSIFIERS.finditer(text):
        for item in _LINKED.finditer(match.group(1)):
            traditional, simplified, pinyin = item.groups()
            yield Classifier(traditional, simplified or traditional, pinyin or "")


def _references_in(gloss: str) -> Iterator[Reference]:
    """Headwords written ``繁|简[pin1 yin1]`` (or with a kind phrase before them)."""
    previous_end = 0
    previous_kind: ReferenceKind | None = None
    for match in _LINKED.finditer(gloss):
        traditional, simplified, pinyin = match.groups()
        if pinyin is None and not _has_hanzi(traditional):
            continue
        before = gloss[previous_end : match.start()]
        kind_match = _KIND_BEFORE.search(before)
        if kind_match is not None:
            phrase = kind_match.group(1).lower()
            kind = _KINDS.get(phrase, ReferenceKind.VARIANT)
        elif previous_kind is not None and _JOINERS.fullmatch(before):
            kind = previous_kind
        elif pinyin is not None and _has_hanzi(traditional):
            kind = ReferenceKind.MENTION
        else:
            continue
        if pinyin is None and kind is ReferenceKind.MENTION:
            continue
        yield Reference(kind, traditional, simplified or traditional, pinyin or "")
        previous_end, previous_kind = match.end(), kind


_HANZI = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _has_hanzi(text: str) -> bool:
    return _HANZI.search(text) is not None
