"""The database file itself: migrations, backups, refusal, damage, crashes, two processes."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.store import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    NewArticle,
    NewWord,
    Store,
    WordStatus,
    list_backups,
    restore_backup,
    schema,
)
from reader.core.store.database import DB_FILENAME, KEEP_BACKUPS, open_database

FIXTURES = Path(__file__).parent / "fixtures" / "databases"
REPO = Path(__file__).resolve().parents[1]


def _schema_of(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_earlier_version() -> None:
    assert sorted(p.name for p in FIXTURES.glob("v*.sqlite3")) == sorted(
        f"v{v}.sqlite3" for v in range(1, schema.SCHEMA_VERSION)
    )


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("v*.sqlite3")), ids=lambda p: p.stem)
def test_migration_keeps_the_data_and_backs_up_first(fixture: Path, data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    shutil.copy(fixture, path)
    old_version = int(fixture.stem[1:])
    with Store.open() as store:
        assert store.db.version == schema.SCHEMA_VERSION
        article = store.articles.get(1)
        assert article.text == "外国游客走进并推介大足石刻。"
        assert article.original_text == "外国游客走进\n并推介大足石刻。"
        assert article.info.reading_position == 4
        assert [a.id for a in store.articles.search("推介大足")] == [1]  # FTS built from old rows
        assert store.analyses.load(1, "k1") == b"\x00tokens"
        assert store.articles.info(1).percent_known == pytest.approx(100 / 3)
        assert [c.parts for c in store.corrections.all()] == [("东盟", "国家")]
        assert store.corrections.version() == 3
        if old_version >= 5:
            assert [f.fix.readings for f in store.corrections.reading_fixes()] == [
                ("hang2", "zhang3")
            ]
        own = [(c.text, c.parts) for c in store.corrections.all(1) if c.article_id == 1]
        assert own == ([("大足石刻", ("大足", "石刻"))] if old_version >= 7 else [])
        own_fixes = [f.fix.readings for f in store.corrections.reading_fixes(1) if f.article_id]
        assert own_fixes == ([("da4", "zu2")] if old_version >= 8 else [])
        assert store.scans.pages(1) == [] and store.scans.uncertain(1) == []  # not read by OCR
        assert [w.word for w in store.corrections.user_words()] == ["金联体"]
        [word] = store.vocab.words(store.vocab.list_for_article(1))
        assert (word.traditional, word.pinyin, word.senses, word.entry_ids, word.notes) == (
            "遊客",
            "you2 ke4",
            ("tourist",),
            (42,),
            "note",
        )
        assert word.status is WordStatus.LEARNING_2
        assert word.full_sentence == word.sentence == "外国游客走进并推介大足石刻。"
        assert store.vocab.known_words() == {"外国"}
        stamps = store.db.conn.execute("SELECT updated_at FROM word_status").fetchall()
        assert all(datetime.fromisoformat(s) for (s,) in stamps)
    backups = [b for b in list_backups(path) if b.reason.startswith("before-")]
    assert len(backups) == 1
    assert sqlite3.connect(backups[0].path).execute("PRAGMA user_version").fetchone()[0] == (
        old_version
    )
    fresh = data_dir / "fresh.sqlite3"
    open_database(fresh).close()
    assert _schema_of(path) == _schema_of(fresh)


def test_a_failed_migration_changes_nothing(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    with Store.open(path) as store:
        store.articles.add(NewArticle("t", "文"))

    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("DROP TABLE list_words")
        raise RuntimeError("step failed")

    steps = (*schema.STEPS, broken_step)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "STEPS", steps)
        patch.setattr(schema, "SCHEMA_VERSION", len(steps))
        with pytest.raises(RuntimeError, match="step failed"):
            Store.open(path)
    with Store.open(path) as store:
        assert store.db.version == schema.SCHEMA_VERSION
        assert [a.title for a in store.articles.all()] == ["t"]
        assert store.db.conn.execute("SELECT count(*) FROM list_words").fetchone() == (0,)
    assert len([b for b in list_backups(path) if b.reason.startswith("before-")]) == 1


def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    with Store.open() as store:
        store.articles.add(NewArticle("t", "文"))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Store.open()
    assert path.read_bytes() == before
    assert not list((data_dir / "backups").glob("*before*"))


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[2 * page : 6 * page] = b"\xa5" * (4 * page)
    path.write_bytes(bytes(data))


def test_a_damaged_database_names_its_backups_and_can_be_restored(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    with Store.open() as store:
        for i in range(40):
            store.articles.add(NewArticle(f"第{i}篇", "大足石刻的国际朋友圈越来越大。" * 60))
    Store.open().close()  # the next start takes the daily backup
    [backup] = list_backups(path)
    _corrupt(path)
    with pytest.raises(DatabaseDamaged) as caught:
        Store.open()
    assert caught.value.backups == [backup.path]
    assert str(backup.path) in str(caught.value)
    kept = restore_backup(backup.path)
    assert kept.exists()  # the damaged file is kept aside, not deleted
    with Store.open() as store:
        assert len(store.articles.all()) == 40


def test_a_damaged_backup_is_not_restored(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    with Store.open() as store:
        store.articles.add(NewArticle("t", "文"))
    bad = data_dir / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 500)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        restore_backup(bad)
    assert path.read_bytes() == before


def test_backups_at_most_daily_and_only_the_last_few_kept(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    db = open_database(path)
    try:
        start = datetime(2026, 1, 1, tzinfo=UTC)
        assert db.backup_if_due(start) is not None
        assert db.backup_if_due(start + timedelta(hours=23)) is None
        for day in range(1, KEEP_BACKUPS + 3):
            assert db.backup_if_due(start + timedelta(days=day, minutes=1)) is not None
        backups = list_backups(path)
        assert len(backups) == KEEP_BACKUPS
        assert backups[0].taken_at == start + timedelta(days=KEEP_BACKUPS + 2, minutes=1)
        assert sqlite3.connect(backups[0].path).execute("PRAGMA quick_check").fetchone() == ("ok",)
    finally:
        db.close()


_ADDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.core.store import NewWord, Store

    store = Store.open(Path(sys.argv[1]))
    list_id = store.vocab.create_list(sys.argv[2])
    for i in range(int(sys.argv[3])):
        word_id = store.vocab.add_word(NewWord(f"词{i}", sentence="句" * 50), list_id)
        print(word_id, flush=True)
    store.close()
    """
)


def _adder(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _ADDER, str(path), name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def test_sigkill_in_a_burst_of_adds_loses_nothing_confirmed(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    Store.open(path).close()
    child = _adder(path, "burst", 1_000_000)
    assert child.stdout is not None
    confirmed = [int(child.stdout.readline()) for _ in range(300)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Store.open(path) as store:
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {w.id for w in store.vocab.words(store.vocab.lists()[0].id)}
    assert set(confirmed) <= stored


def test_two_processes_writing_at_once(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    Store.open(path).close()
    children = [_adder(path, f"list {n}", 300) for n in range(2)]
    with Store.open(path) as store:
        for i in range(100):  # this process writes too, meanwhile
            store.vocab.set_status(f"词{i}", WordStatus.KNOWN)
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]
    with Store.open(path) as store:
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert sorted(lst.word_count for lst in store.vocab.lists()) == [300, 300]
        assert len(store.vocab.known_words()) == 100
    assert sum(len(out.split()) for out in outputs) == 600


def test_nested_writes_are_savepoints(data_dir: Path) -> None:
    with Store.open() as store:
        with store.db.transaction():
            kept = store.articles.add(NewArticle("kept", "文"))
            with pytest.raises(ValueError), store.db.transaction():
                store.articles.add(NewArticle("undone", "文"))
                raise ValueError("inner block fails")
        assert [a.id for a in store.articles.all()] == [kept]


def test_a_full_disk_saves_nothing_and_says_so(data_dir: Path) -> None:
    with Store.open() as store:
        store.articles.add(NewArticle("before", "文"))
        conn = store.db.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(DiskFull, match="not saved"):
            store.articles.add_many([NewArticle(f"big {i}", "大" * 50_000) for i in range(5)])
        assert [a.title for a in store.articles.all()] == ["before"]
        store.vocab.set_status("我们", WordStatus.KNOWN)  # the connection still works
    with Store.open() as store:
        assert [a.title for a in store.articles.all()] == ["before"]


def test_two_connections_in_two_threads(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    Store.open(path).close()

    def write(name: str) -> None:
        with Store.open(path, auto_backup=False) as store:
            list_id = store.vocab.create_list(name)
            for i in range(150):
                store.vocab.add_word(NewWord(f"{name}{i}"), list_id)

    threads = [threading.Thread(target=write, args=(f"t{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Store.open(path) as store:
        assert sorted(lst.word_count for lst in store.vocab.lists()) == [150, 150]


def test_a_read_only_connection_reads_the_writes_and_refuses_its_own(data_dir: Path) -> None:
    """The window's analyses thread reads through one (the writer alone writes)."""
    with Store.open(data_dir / DB_FILENAME) as store, store.reader(read_only=True) as reader:
        first = store.articles.add(NewArticle("一", "第一篇。"))
        assert reader.articles.text(first) == "第一篇。"  # what the writer committed
        with pytest.raises(DatabaseReadOnly):
            reader.articles.add(NewArticle("二", "第二篇。"))
        with pytest.raises(DatabaseReadOnly):
            reader.vocab.set_statuses({"第一": WordStatus.KNOWN})
        assert [info.id for info in store.articles.all()] == [first]
        assert store.vocab.status("第一") is WordStatus.NEW
