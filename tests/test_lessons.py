"""Opening lesson packs: a round trip between two data dirs, no duplicates, and bad packs
that change nothing (through the core function and `reader import`)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.export import pack as pack_module
from reader.core.export.pack import PackError, read_pack
from reader.core.lessons import import_pack
from reader.core.store import CorrectionKind, NewArticle, NewWord, Store, WordStatus
from reader.core.store.database import DB_FILENAME
from tests.export_samples import ARTICLE_TEXT, bank_word, stock_lesson_article


def stock(data_dir: Path) -> int:
    """A teacher's database: one article, a correction it uses, one it does not, its list."""
    with Store.open(data_dir / DB_FILENAME) as store:
        article, list_id = stock_lesson_article(store)
        store.corrections.add(CorrectionKind.MERGE, "金联体", ["金联体"])  # not in the text
        store.vocab.add_words(
            [
                bank_word(article, notes="=1+1"),
                NewWord("行长", "行長", "hang2 zhang3", (), source_article_id=article),
            ],
            list_id,
        )
        store.vocab.set_status("银行", WordStatus.KNOWN)
        return list_id


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "corrections", "lists", "list_words", "packs", "word_status")
        }
    finally:
        conn.close()


@pytest.fixture
def teacher(tmp_path: Path) -> Path:
    folder = tmp_path / "teacher"
    stock(folder)
    return folder


@pytest.fixture
def pack_file(teacher: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The teacher's list exported with `reader export` (dictionary facts and all)."""
    out = tmp_path / "lesson.readerpack"
    argv = ["export", "--data-dir", str(teacher), "Words from 在银行", "-o", str(out)]
    assert main(argv) == 0
    capsys.readouterr()
    return out


def test_round_trip_into_a_fresh_data_dir(pack_file: Path, tmp_path: Path) -> None:
    student = tmp_path / "student"
    with Store.open(student / DB_FILENAME) as store:
        store.corrections.add(CorrectionKind.SPLIT, "银行", ["银", "行"])  # the student's own
        store.vocab.create_list("Words from 在银行")  # a name the pack's list will clash with
        pack = read_pack(pack_file)
        result = import_pack(store, pack, source=pack_file.name)
        assert not result.already_present
        article = store.articles.get(result.article_id)
        assert (article.info.title, article.text, article.original_text) == (
            "在银行",
            ARTICLE_TEXT,
            "原文",
        )
        assert article.info.source == "lesson.readerpack"
        rules = {c.text: c.parts for c in store.corrections.all()}
        assert rules == {"银行": ("银", "行"), "说了算": ("说", "了算")}  # not 金联体
        assert (result.corrections_added, result.corrections_kept) == (1, 0)
        assert result.list_name == "Words from 在银行 (2)" and result.words == 2
        assert store.vocab.list_for_article(result.article_id) == result.list_id
        assert result.list_id is not None
        words = store.vocab.words(result.list_id)
        assert [(w.simplified, w.traditional, w.pinyin) for w in words] == [
            ("银行", "銀行", "yin2 hang2"),
            ("行长", "行長", "hang2 zhang3"),
        ]
        assert words[0].senses == ("bank",) and words[0].notes == "=1+1"
        assert words[0].sentence == "我去银行取钱。"
        assert "president" in " ".join(words[1].senses)  # the teacher's dictionary's senses
        assert all(w.source_article_id == result.article_id for w in words)
        assert store.vocab.status("银行") is WordStatus.NEW  # statuses stay the learner's
        before = counts(store.path)

        again = import_pack(store, read_pack(pack_file))
        assert again.already_present and again.article_id == result.article_id
        assert again.list_id == result.list_id and again.words == 2
        assert "already in your library" in again.describe()
        assert counts(store.path) == before

        # deleted since: opening the pack again brings the lesson back
        store.articles.delete(result.article_id)
        store.articles.purge_deleted()
        third = import_pack(store, read_pack(pack_file))
        assert not third.already_present  # though SQLite gave the new article the old id
        assert store.articles.text(third.article_id) == ARTICLE_TEXT
        assert third.list_name == "Words from 在银行 (3)"  # the old list stays, unlinked


def test_a_re_export_of_the_same_lesson_is_the_same_pack(
    pack_file: Path, teacher: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fingerprint is of the content: the lesson exported again later adds nothing."""
    again = tmp_path / "again.readerpack"
    assert main(["export", "--data-dir", str(teacher), "1", "-o", str(again)]) == 0
    with Store.open(tmp_path / "student" / DB_FILENAME) as store:
        assert not import_pack(store, read_pack(pack_file)).already_present
        assert import_pack(store, read_pack(again)).already_present
        assert len(store.articles.all()) == 1


def test_a_failure_half_way_leaves_nothing(
    pack_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "student" / DB_FILENAME) as store:
        before = counts(store.path)

        def broken(*_args: object, **_kwargs: object) -> list[int]:
            raise RuntimeError("disk trouble")

        monkeypatch.setattr(store.vocab, "add_words", broken)
        with pytest.raises(RuntimeError):
            import_pack(store, read_pack(pack_file))
        assert counts(store.path) == before
        assert store.corrections.version() == 0


def test_an_empty_article_is_refused(pack_file: Path, tmp_path: Path) -> None:
    pack = read_pack(pack_file)
    empty = pack.__class__(pack.article.__class__("空", " \n", ""), pack.word_list)
    with Store.open(tmp_path / "student" / DB_FILENAME) as store:
        before = counts(store.path)
        with pytest.raises(PackError, match="no text"):
            import_pack(store, empty)
        assert counts(store.path) == before


# --- the command line ---------------------------------------------------------------------


def test_cli_imports_a_pack_once(
    pack_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    student = str(tmp_path / "student")
    assert main(["import", "--data-dir", student, str(pack_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1\t在银行\t") and "2 words, 1 corrections" in out
    assert main(["import", "--data-dir", student, str(pack_file)]) == 0
    assert capsys.readouterr().out == "1\t在银行\talready in your library\n"
    assert main(["lists", "--data-dir", student]) == 0
    assert capsys.readouterr().out == "1\t2\tWords from 在银行\n"


def rewrite(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename not in change:
                copy.writestr(info, original.read(info))
        for name, content in change.items():
            copy.writestr(name, content)
    return target


def newer(source: Path) -> bytes:
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["version"] = 99
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("traversal", {"../../evil.txt": b"x"}, "outside"),
        ("absolute", {"/tmp/evil.txt": b"x"}, "outside"),
        ("bomb", {"article.json": json.dumps({"text": "行" * 50_000}).encode()}, "too large"),
        ("newer", {}, "newer version of reader"),
        ("damaged", {"list.json": b"{not json"}, "damaged"),
    ],
)
def test_cli_hostile_packs_change_nothing(
    pack_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    change: dict[str, bytes],
    message: str,
) -> None:
    student = tmp_path / "student"
    assert main(["import", "--data-dir", str(student), str(pack_file)]) == 0  # a library
    with Store.open(student / DB_FILENAME) as store:
        store.articles.add(NewArticle("别的", "别的文章。"))
    before = counts(student / DB_FILENAME)
    monkeypatch.setattr(pack_module, "MAX_MEMBER_BYTES", 10_000)
    if name == "newer":
        change = {"manifest.json": newer(pack_file)}
    bad = rewrite(pack_file, tmp_path / f"{name}.readerpack", change)
    capsys.readouterr()
    assert main(["import", "--data-dir", str(student), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader import: {bad}: ") and message in err
    assert counts(student / DB_FILENAME) == before
    assert not (tmp_path / "evil.txt").exists()


def test_cli_a_bad_pack_does_not_stop_the_others(
    pack_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.readerpack"
    bad.write_text("not a zip")
    text = tmp_path / "note.txt"
    text.write_text("今天天气很好。", encoding="utf-8")
    student = str(tmp_path / "student")
    assert main(["import", "--data-dir", student, str(bad), str(pack_file), str(text)]) == 1
    captured = capsys.readouterr()
    assert "not a lesson pack" in captured.err
    lines = captured.out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("1\t在银行\tlist")


def test_huge_names_are_cut(pack_file: Path, tmp_path: Path) -> None:
    pack = read_pack(pack_file)
    article = pack.article.__class__("长" * 100_000, pack.article.text, "")
    word_list = pack.word_list.__class__("名" * 100_000, pack.word_list.words)
    with Store.open(tmp_path / "student" / DB_FILENAME) as store:
        result = import_pack(store, pack.__class__(article, word_list))
        assert store.articles.info(result.article_id).title == "长" * 200
        assert [w.name for w in store.vocab.lists()] == ["名" * 200]
        assert store.articles.get(result.article_id).original_text == pack.article.text
