"""Lesson packs: a round trip, and every kind of bad pack refused with a clear message."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from reader.core.atomic import TargetExistsError
from reader.core.export import pack as pack_module
from reader.core.export.pack import (
    LessonPack,
    PackArticle,
    PackCorrection,
    PackError,
    PackVersionError,
    pack_bytes,
    preview,
    read_pack,
    write_pack,
)
from tests.export_samples import ARTICLE_TEXT, sample_list


def lesson() -> LessonPack:
    words = sample_list()
    return LessonPack(
        article=PackArticle(
            title="在银行",
            text=ARTICLE_TEXT,
            original_text="我去银\n行取钱。\n行长说了算。",
            corrections=(PackCorrection("split", "说了算", ("说", "了算")),),
        ),
        word_list=words.__class__(words.name, words.words),
    )


def rewrite(source: Path, target: Path, change: Mapping[str, object]) -> Path:
    """A copy of a pack with some members replaced (bytes, or JSON documents)."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            if info.filename not in change:
                copy.writestr(info, original.read(info))
        for name, content in change.items():
            if content is not None:
                data = content if isinstance(content, bytes) else json.dumps(content)
                copy.writestr(name, data)
    return target


@pytest.fixture
def packed(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "lesson.readerpack", lesson())


def test_round_trip(packed: Path) -> None:
    back = read_pack(packed)
    assert back.article == lesson().article
    assert back.word_list.name == lesson().word_list.name
    assert back.word_list.words == lesson().word_list.words
    assert back.created_at and back.fingerprint == lesson().fingerprint
    with zipfile.ZipFile(packed) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "reader-lesson-pack" and manifest["version"] == 1
    assert {"app_version", "created_at", "fingerprint"} <= set(manifest)


def test_fingerprint_depends_on_content_only(tmp_path: Path) -> None:
    one = lesson()
    later = LessonPack(one.article, one.word_list, app_version="9.9", created_at="2030-01-01")
    assert later.fingerprint == one.fingerprint
    edited = LessonPack(
        PackArticle("另一篇", one.article.text, one.article.original_text), one.word_list
    )
    assert edited.fingerprint != one.fingerprint
    a = read_pack(write_pack(tmp_path / "a.readerpack", one))
    b = read_pack(write_pack(tmp_path / "b.readerpack", one))
    assert a.fingerprint == b.fingerprint


def test_preview_says_what_would_be_added(packed: Path) -> None:
    shown = preview(read_pack(packed))
    assert (shown.article_title, shown.words, shown.corrections) == ("在银行", 4, 1)
    assert shown.sample[:2] == ("银行", "行长")
    text = shown.describe()
    assert "在银行" in text and "4 words" in text and "1 segmentation corrections" in text


def test_existing_pack_is_kept(packed: Path) -> None:
    before = packed.read_bytes()
    with pytest.raises(TargetExistsError):
        write_pack(packed, lesson())
    assert packed.read_bytes() == before


def test_newer_format_is_refused_clearly(packed: Path, tmp_path: Path) -> None:
    newer = {"format": "reader-lesson-pack", "version": 2, "app_version": "3.0"}
    bad = rewrite(packed, tmp_path / "new.readerpack", {"manifest.json": newer})
    with pytest.raises(PackVersionError, match=r"newer version of reader.*update reader"):
        read_pack(bad)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"manifest.json": None}, "no manifest"),
        ({"list.json": None}, "list.json missing"),
        ({"manifest.json": {"format": "other", "version": 1}}, "not a lesson pack"),
        ({"manifest.json": {"format": "reader-lesson-pack", "version": "1"}}, "not valid"),
        ({"article.json": b"{not json"}, "article.json in the pack is damaged"),
        ({"article.json": [1, 2]}, "not a JSON object"),
        ({"article.json": {"title": "t"}}, "'text' must be text"),
        ({"list.json": {"name": "x", "words": [{"simplified": 3}]}}, "must be text"),
        ({"list.json": {"name": "x", "words": [{"pinyin": "a1"}]}}, "no simplified"),
        (
            {
                "article.json": {
                    "text": "ab",
                    "corrections": [{"kind": "split", "text": "ab", "parts": ["a", "c"]}],
                }
            },
            "not a valid split or merge rule",
        ),
        ({"../evil.txt": b"x"}, "outside"),
        ({"/etc/passwd": b"x"}, "outside"),
    ],
)
def test_bad_packs_are_refused(
    packed: Path, tmp_path: Path, change: dict[str, object], message: str
) -> None:
    bad = rewrite(packed, tmp_path / "bad.readerpack", change)
    with pytest.raises(PackError, match=message):
        read_pack(bad)


def test_not_a_zip_and_missing_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.readerpack"
    text.write_text("hello")
    with pytest.raises(PackError, match="not a zip"):
        read_pack(text)
    with pytest.raises(PackError, match="cannot read"):
        read_pack(tmp_path / "missing.readerpack")


def test_sizes_and_counts_are_bounded(
    packed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {f"extra{i}.txt": b"x" for i in range(20)}
    with pytest.raises(PackError, match="a few files"):
        read_pack(rewrite(packed, tmp_path / "many.readerpack", many))
    # a bomb: a small zip whose article inflates past the limit
    monkeypatch.setattr(pack_module, "MAX_MEMBER_BYTES", 1000)
    bomb = {"article.json": json.dumps({"text": "行" * 100_000}).encode()}
    path = rewrite(packed, tmp_path / "bomb.readerpack", bomb)
    assert path.stat().st_size < 5000
    with pytest.raises(PackError, match="too large"):
        read_pack(path)


def test_pack_bytes_is_a_plain_zip() -> None:
    data = pack_bytes(lesson())
    assert data[:2] == b"PK"
