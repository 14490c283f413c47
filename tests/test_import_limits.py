"""The README's text limit holds for every way text comes in: each format's whole text
(a book's chapters added up), and lesson packs. The format paths are checked against a
small limit (the same check, the module's limit lowered, so each case is quick); two run
at full size: a lesson pack of 11 million characters, and a text of one character too many."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.core.export.model import ExportList
from reader.core.export.pack import (
    MAX_MEMBER_BYTES,
    LessonPack,
    PackArticle,
    PackError,
    read_pack,
    write_pack,
)
from reader.core.importing import ImportFailed, import_file, import_text, limits
from tests.test_importing_formats import make_docx, make_epub, make_pdf, write

LIMIT = 2_000
SENTENCE = "这是一段很长的文字。"  # 10 characters
LONG = SENTENCE * (LIMIT // 10 + 20)  # over the limit by 200 characters


def srt(text: str) -> str:
    return "".join(
        f"{i + 1}\n00:00:{i % 60:02d},000 --> 00:00:{i % 60:02d},900\n{SENTENCE}\n\n"
        for i in range(len(text) // 10)
    )


def docx_zip(paragraphs: int) -> bytes:
    return make_docx([("", SENTENCE * 10)] * paragraphs)


FORMATS = {
    "a.txt": LONG.encode("utf-8"),
    "a.md": f"# 标题\n\n{LONG}\n".encode(),
    "a.html": f"<html><body><h1>标题</h1><p>{LONG}</p></body></html>".encode(),
    "a.srt": srt(LONG).encode("utf-8"),
    "a.docx": docx_zip(LIMIT // 100 + 2),
    # ten chapters of 300 characters: each is under the limit, the book is not
    "a.epub": make_epub([(f"第{i}章", SENTENCE * 30) for i in range(10)]),
    "a.pdf": make_pdf("This is a sentence of a PDF. " * 80),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_held_to_the_text_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = write(tmp_path, name, FORMATS[name])
    assert import_file(path, force=True)  # under the real limit it imports
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", LIMIT)
    with pytest.raises(ImportFailed, match=f"too long .*the limit is {LIMIT:,}"):
        import_file(path, force=True)


def test_pasted_text_is_held_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", LIMIT)
    with pytest.raises(ImportFailed, match="too long"):
        import_text(LONG)


def test_one_character_too_many_is_refused(tmp_path: Path) -> None:
    text = "文" * limits.MAX_TEXT_CHARS + "。"
    with pytest.raises(ImportFailed, match="too long"):
        import_file(write(tmp_path, "long.txt", text.encode("utf-8")))


def pack(tmp_path: Path, text: str, original: str = "") -> Path:
    article = PackArticle(title="长文", text=text, original_text=original)
    return write_pack(tmp_path / "long.readerpack", LessonPack(article, ExportList("词", ())))


def test_a_lesson_pack_of_eleven_million_characters_is_refused(tmp_path: Path) -> None:
    path = pack(tmp_path, "文" * 11_000_000)
    with zipfile.ZipFile(path) as archive:  # it fits the pack's own size bounds
        assert archive.getinfo("article.json").file_size <= MAX_MEMBER_BYTES
    with pytest.raises(PackError, match=f"too long .*the limit is {limits.MAX_TEXT_CHARS:,}"):
        read_pack(path)


def test_a_lesson_pack_s_original_text_is_held_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pack(tmp_path, SENTENCE, original=LONG)
    assert read_pack(path).article.original_text == LONG
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", LIMIT)
    with pytest.raises(PackError, match="original text is too long"):
        read_pack(path)
