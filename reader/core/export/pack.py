"""Lesson packs: an article, its segmentation corrections and a word list in one file.

A ``.readerpack`` is a zip of three JSON documents: ``manifest.json`` (format name and
version, the app version that wrote it, when), ``article.json`` and ``list.json``. A pack
comes from someone else, so reading one is data only: nothing is extracted to disk, only
those three names are read (a member with any other name, an absolute path or ``..`` is
refused), the number of members and the size of each are bounded (counted while reading,
not trusted from the zip's header), the article is held to the text limit of every
import (``MAX_TEXT_CHARS``, its original text too), every value is type-checked, and a
pack from a newer format is refused with a message that says to update the app.

`LessonPack.fingerprint` is a hash of the content (not of the zip, not of when it was
written), so the store can see that a pack was opened before and add nothing twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core.analysis.reading_fixes import ReadingFix, ReadingFixError
from reader.core.atomic import verify_zip, write_bytes_atomically
from reader.core.export.model import ExportList, ExportWord
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import check_length

PACK_SUFFIX = ".readerpack"
FORMAT_NAME = "reader-lesson-pack"
FORMAT_VERSION = 1
MANIFEST, ARTICLE, LIST = "manifest.json", "article.json", "list.json"
MAX_MEMBERS = 16
MAX_MEMBER_BYTES = 32 * 1024 * 1024  # an article of millions of characters still fits
MAX_PACK_BYTES = 64 * 1024 * 1024
MAX_WORDS = 100_000
CORRECTION_KINDS = ("split", "merge")
_WORD_TEXT_FIELDS = (
    "simplified",
    "traditional",
    "pinyin",
    "classifiers",
    "sentence",
    "sentence_pinyin",
    "source",
    "hsk",
    "notes",
    "status",
)


class PackError(ValueError):
    """Not a lesson pack, or a damaged one; the message says what is wrong."""


class PackVersionError(PackError):
    """A pack written by a newer version of the app, in a format this one cannot read."""


@dataclass(frozen=True, slots=True)
class PackCorrection:
    """A segmentation rule, as the store keeps it: ``text`` becomes ``parts``."""

    kind: str  # "split" or "merge"
    text: str
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PackArticle:
    title: str
    text: str  # the text as the reader shows it (reflowed)
    original_text: str  # as it was imported, before any reflow
    corrections: tuple[PackCorrection, ...] = ()
    reading_fixes: tuple[ReadingFix, ...] = ()  # the learner's readings for its words


@dataclass(frozen=True, slots=True)
class LessonPack:
    article: PackArticle
    word_list: ExportList  # name and words; article fields unused
    app_version: str = __version__
    created_at: str = ""  # ISO 8601, UTC

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the content, independent of who wrote the pack and when."""
        content = json.dumps(
            [_article_json(self.article), _list_json(self.word_list)],
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PackPreview:
    """What opening the pack would add, for the confirmation before anything changes."""

    article_title: str
    article_characters: int
    corrections: int
    reading_fixes: int
    list_name: str
    words: int
    sample: tuple[str, ...]  # the first few words
    fingerprint: str

    def rules(self) -> str:
        """The pack's rules, said in a few words: "3 segmentation corrections and 1 reading
        fix" (the reading fixes only when there are some)."""
        segmentation = f"{self.corrections:,} segmentation corrections"
        if not self.reading_fixes:
            return segmentation
        fixes = f"{self.reading_fixes:,} reading fix" + ("es" if self.reading_fixes > 1 else "")
        return f"{segmentation} and {fixes}" if self.corrections else fixes

    def describe(self) -> str:
        sample = "、".join(self.sample) + ("…" if self.words > len(self.sample) else "")
        return (
            f"Article “{self.article_title}” ({self.article_characters:,} characters, "
            f"{self.rules()})\n"
            f"Word list “{self.list_name}”: {self.words} words" + (f" ({sample})" if sample else "")
        )


def preview(pack: LessonPack) -> PackPreview:
    words = pack.word_list.words
    return PackPreview(
        article_title=pack.article.title,
        article_characters=len(pack.article.text),
        corrections=len(pack.article.corrections),
        reading_fixes=len(pack.article.reading_fixes),
        list_name=pack.word_list.name,
        words=len(words),
        sample=tuple(w.simplified for w in words[:8]),
        fingerprint=pack.fingerprint,
    )


# --- writing ----------------------------------------------------------------------------


def _article_json(article: PackArticle) -> dict[str, Any]:
    return {
        "title": article.title,
        "text": article.text,
        "original_text": article.original_text,
        "corrections": [
            {"kind": c.kind, "text": c.text, "parts": list(c.parts)} for c in article.corrections
        ],
    } | (  # only when there are some: a pack without them keeps its fingerprint
        {"reading_fixes": [{"text": f.text, "readings": list(f.readings)} for f in fixes]}
        if (fixes := article.reading_fixes)
        else {}
    )


def _list_json(word_list: ExportList) -> dict[str, Any]:
    words = []
    for word in word_list.words:
        item: dict[str, Any] = {name: getattr(word, name) for name in _WORD_TEXT_FIELDS}
        item["meanings"] = list(word.meanings)
        if word.full_sentence:  # only then: a pack without it keeps its fingerprint
            item["full_sentence"] = word.full_sentence
        words.append(item)
    return {"name": word_list.name, "words": words}


def pack_bytes(pack: LessonPack) -> bytes:
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": pack.app_version,
        "created_at": pack.created_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": pack.fingerprint,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, document in (
            (MANIFEST, manifest),
            (ARTICLE, _article_json(pack.article)),
            (LIST, _list_json(pack.word_list)),
        ):
            archive.writestr(name, json.dumps(document, ensure_ascii=False, indent=1))
    return buffer.getvalue()


def write_pack(path: str | os.PathLike[str], pack: LessonPack, *, overwrite: bool = False) -> Path:
    return write_bytes_atomically(path, pack_bytes(pack), overwrite=overwrite, verify=verify_zip)


# --- reading ----------------------------------------------------------------------------


def read_pack(path: str | os.PathLike[str]) -> LessonPack:
    """Read and check a pack; raises `PackError` (or `PackVersionError`) with a clear
    message for anything that is not a sound pack of a format this app knows."""
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as error:
        raise PackError(f"cannot read {source}: {error.strerror or error}") from error
    if size > MAX_PACK_BYTES:
        raise PackError(f"{source.name} is too large for a lesson pack ({size:,} bytes)")
    try:
        with zipfile.ZipFile(source) as archive:
            documents = _read_members(archive)
    except zipfile.BadZipFile as error:
        raise PackError(f"{source.name} is not a lesson pack (not a zip file)") from error
    except PackError:
        raise  # (a ValueError too: not to be wrapped below)
    except (zlib.error, EOFError, ValueError, RuntimeError, NotImplementedError) as error:
        # a bad deflate stream, a cut or encrypted member, an unknown compression method
        raise PackError(f"{source.name} is a damaged lesson pack ({error})") from error
    except OSError as error:
        raise PackError(f"cannot read {source.name}: {error}") from error
    manifest = _object(documents[MANIFEST], MANIFEST)
    _check_manifest(manifest)
    pack = LessonPack(
        article=_article(_object(documents[ARTICLE], ARTICLE)),
        word_list=_word_list(_object(documents[LIST], LIST)),
        app_version=_text(manifest, "app_version", MANIFEST),
        created_at=_text(manifest, "created_at", MANIFEST),
    )
    return pack


def _read_members(archive: zipfile.ZipFile) -> dict[str, Any]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackError(f"a lesson pack has a few files, this one {len(members)}")
    documents: dict[str, Any] = {}
    for info in members:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
            raise PackError(f"the pack holds a path outside itself: {name!r}")
        if name not in (MANIFEST, ARTICLE, LIST) or info.is_dir():
            continue  # never read, never extracted
        if name in documents:
            raise PackError(f"the pack holds {name} twice")
        if info.file_size > MAX_MEMBER_BYTES:
            raise PackError(f"{name} in the pack is too large ({info.file_size:,} bytes)")
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
        if len(data) > MAX_MEMBER_BYTES:
            raise PackError(f"{name} in the pack is too large")
        try:
            documents[name] = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise PackError(f"{name} in the pack is damaged: {error}") from error
        except RecursionError:
            raise PackError(f"{name} in the pack is nested too deeply to be read") from None
    missing = [n for n in (MANIFEST, ARTICLE, LIST) if n not in documents]
    if MANIFEST in missing:
        raise PackError("not a lesson pack: it has no manifest.json")
    if missing:
        raise PackError(f"the pack is incomplete: {', '.join(missing)} missing")
    return documents


def _check_manifest(manifest: Mapping[str, Any]) -> None:
    if manifest.get("format") != FORMAT_NAME:
        raise PackError(f"not a lesson pack (format {manifest.get('format')!r})")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackError(f"the pack's format version {version!r} is not valid")
    if version > FORMAT_VERSION:
        raise PackVersionError(
            f"this lesson pack was made by a newer version of reader "
            f"(pack format {version}, app {manifest.get('app_version', '?')}); this version "
            f"reads format {FORMAT_VERSION} at most — update reader to open it"
        )


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise PackError(f"{where} in the pack is not a JSON object")
    return value


def _text(document: Mapping[str, Any], key: str, where: str, default: str | None = "") -> str:
    value = document.get(key, default)
    if not isinstance(value, str):
        raise PackError(f"{where}: {key!r} must be text")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where} must be a list of texts")
    return tuple(value)


def _article(document: Mapping[str, Any]) -> PackArticle:
    text = _text(document, "text", ARTICLE, default=None)
    original = _text(document, "original_text", ARTICLE)
    for what, value in (("article", text), ("article's original text", original)):
        try:  # the limit every import is held to: a pack is an import too
            check_length(len(value), what)
        except ImportFailed as error:
            raise PackError(str(error)) from None
    corrections = []
    for where, item in _objects(document.get("corrections", []), "corrections", "correction"):
        kind = _text(item, "kind", where)
        rule_text = _text(item, "text", where)
        parts = _texts(item.get("parts"), f"{where} parts")
        if kind not in CORRECTION_KINDS or not all(parts) or "".join(parts) != rule_text:
            raise PackError(f"{where} is not a valid split or merge rule")
        corrections.append(PackCorrection(kind, rule_text, parts))
    return PackArticle(
        title=_text(document, "title", ARTICLE),
        text=text,
        original_text=original,
        corrections=tuple(corrections),
        reading_fixes=_reading_fixes(document.get("reading_fixes", [])),
    )


def _objects(value: Any, key: str, label: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each object of the article's list ``key``, with where it stands (for a refusal)."""
    if not isinstance(value, list):
        raise PackError(f"{ARTICLE}: '{key}' must be a list")
    for index, raw in enumerate(value):
        where = f"{ARTICLE}: {label} {index + 1}"
        yield where, _object(raw, where)


def _reading_fixes(raw_fixes: Any) -> tuple[ReadingFix, ...]:
    fixes = []
    for where, item in _objects(raw_fixes, "reading_fixes", "reading fix"):
        try:
            fixes.append(
                ReadingFix(_text(item, "text", where), _texts(item.get("readings"), where))
            )
        except ReadingFixError as error:
            raise PackError(f"{where}: {error}") from None
    return tuple(fixes)


def _word_list(document: Mapping[str, Any]) -> ExportList:
    raw_words = document.get("words")
    if not isinstance(raw_words, list):
        raise PackError(f"{LIST}: 'words' must be a list")
    if len(raw_words) > MAX_WORDS:
        raise PackError(f"{LIST}: more than {MAX_WORDS:,} words")
    words = []
    for index, raw in enumerate(raw_words):
        where = f"{LIST}: word {index + 1}"
        item = _object(raw, where)
        values = {name: _text(item, name, where) for name in _WORD_TEXT_FIELDS}
        if not values["simplified"]:
            raise PackError(f"{where} has no simplified form")
        words.append(
            ExportWord(
                **values,
                meanings=_texts(item.get("meanings", []), where),
                full_sentence=_text(item, "full_sentence", where),
            )
        )
    return ExportList(name=_text(document, "name", LIST), words=tuple(words))
