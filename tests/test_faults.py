"""Faults, injected for real: files cut to nothing, a second process holding the database
locked, a read-only folder (a read-only mount: root ignores permission bits), a full disk
(a tmpfs of a few hundred kB), SIGKILL at random points. Every promise is: a clear
message, nothing the user had is lost, no traceback, no temporary file left behind.

The mounts need root (CI runs as root); without it those tests are skipped.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from export_samples import bank_word, stock_lesson_article

from reader.cli import main
from reader.core import atomic
from reader.core.store import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseReadOnly,
    DiskFull,
    NewArticle,
    Store,
    list_backups,
    restore_backup,
)
from reader.core.store import database as database_module
from reader.core.store.database import DB_FILENAME

REPO = Path(__file__).resolve().parents[1]


# --- real file systems ------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(where: Path, kilobytes: int) -> Iterator[Path]:
    """A fresh tmpfs of ``kilobytes`` mounted at ``where`` (skips the test without root)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    where.mkdir(exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def make_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


def fill(mount: Path, leave: int = 0) -> None:
    """Fill the file system at ``mount`` up, then give back ``leave`` bytes."""
    filler = mount / "filler"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 4096)
    with contextlib.suppress(OSError):
        os.truncate(filler, max(0, filler.stat().st_size - leave))


def leftovers(folder: Path) -> list[str]:
    """Temporary files anywhere under ``folder``."""
    return sorted(
        p.name
        for p in folder.rglob("*")
        if p.suffix in (".tmp", ".building", ".creating", ".restoring")
    )


def run_reader(
    *args: str, data_dir: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real ``reader`` command in its own process."""
    env = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
        check=False,
    )


def stocked_database(data_dir: Path, articles: int = 3) -> Path:
    path = data_dir / DB_FILENAME
    with Store.open(path) as store:
        for i in range(articles):
            store.articles.add(NewArticle(f"第{i}篇", "大足石刻的国际朋友圈越来越大。" * 200))
    return path


# --- the database -----------------------------------------------------------------------


def test_a_database_cut_to_zero_bytes_is_damage_not_a_new_library(data_dir: Path) -> None:
    path = stocked_database(data_dir)
    Store.open(path).close()  # the daily backup
    [backup] = list_backups(path)
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseDamaged, match="0 bytes") as caught:
        Store.open(path)
    assert caught.value.backups == [backup.path]
    assert path.stat().st_size == 0  # kept as it was, for the user to decide
    assert list_backups(path) == [backup]  # no empty library backed up over the good one
    result = run_reader("lists", data_dir=data_dir)
    assert result.returncode == 1 and "0 bytes" in result.stderr
    assert backup.path.name in result.stderr and "Traceback" not in result.stderr
    restore_backup(backup.path, path)
    with Store.open(path) as store:
        assert len(store.articles.all()) == 3


def test_a_killed_first_start_leaves_no_empty_database(data_dir: Path) -> None:
    """SIGKILL while the new database is being created: the next start finds either no
    file or a whole one, never a 0-byte file it would have to call damaged."""
    rng = random.Random(19)
    for _ in range(4):
        path = data_dir / DB_FILENAME
        for stale in data_dir.iterdir():
            if stale.is_file():
                stale.unlink()
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from reader.core.store import Store; Store.open({str(path)!r})",
            ],
            cwd=REPO,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert not path.exists() or path.stat().st_size > 0
        Store.open(path).close()  # opens (or creates) cleanly
        assert leftovers(data_dir) == []  # the killed process's temp file is cleaned up


_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
    if sys.argv[2] == "exclusive":  # no one else may even read
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE articles SET title = title")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    """
)


@contextlib.contextmanager
def locked_by_another_process(path: Path, mode: str = "exclusive") -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_locked_database_is_in_use_not_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = stocked_database(data_dir)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_S", 0.3)
    before = path.read_bytes()
    with (
        locked_by_another_process(path),
        pytest.raises(DatabaseLocked, match="in use by another program"),
    ):
        Store.open(path)
    assert path.read_bytes() == before and list_backups(path) == []
    with Store.open(path) as store:  # once the other program lets go, it opens as ever
        assert len(store.articles.all()) == 3


def test_a_write_that_stays_locked_says_so(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = stocked_database(data_dir)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_S", 0.3)
    with Store.open(path) as store:
        store.db.conn.execute("PRAGMA busy_timeout = 300")
        with locked_by_another_process(path, "write"), pytest.raises(DatabaseLocked):
            store.articles.add(NewArticle("later", "文"))
        assert "later" not in [a.title for a in store.articles.all()]


def test_a_read_only_folder_is_read_only_not_damage(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", 2048) as mount:
        path = stocked_database(mount)
        Store.open(path).close()
        [backup] = list_backups(path)
        before = path.read_bytes()
        make_read_only(mount)
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            Store.open(path)
        with pytest.raises(DatabaseReadOnly):  # the restore the GUI used to crash in
            restore_backup(backup.path, path)
        result = run_reader("lists", data_dir=mount)
        assert result.returncode == 1 and "read-only" in result.stderr
        assert "Traceback" not in result.stderr and "damaged" not in result.stderr
        assert path.read_bytes() == before
        result = run_reader("lists", data_dir=mount / "not yet made")  # cannot be created
        assert result.returncode == 1 and "Read-only file system" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_backup_that_does_not_fit_is_skipped_not_fatal(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", 8192) as mount:
        path = stocked_database(mount, articles=60)
        assert path.stat().st_size > 300_000
        fill(mount, leave=160 * 1024)  # room to open it (WAL, index) but not to copy it
        result = run_reader("lists", data_dir=mount)
        assert result.returncode == 0, result.stderr
        assert "backup" in result.stderr and "skipped" in result.stderr
        assert "Traceback" not in result.stderr
        assert list_backups(path) == [] and leftovers(mount) == []
        (mount / "filler").unlink()
        assert run_reader("lists", data_dir=mount).returncode == 0
        assert len(list_backups(path)) == 1  # the next start with room takes it


def test_a_restore_onto_a_full_disk_changes_nothing(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", 4096) as mount:
        path = stocked_database(mount, articles=20)
        Store.open(path).close()
        [backup] = list_backups(path)
        path.write_bytes(b"damaged " * 4096)
        before = path.read_bytes()
        fill(mount, leave=16 * 1024)
        with pytest.raises(DiskFull):
            restore_backup(backup.path, path)
        assert path.read_bytes() == before and backup.path.exists()
        assert leftovers(mount) == [] and not list(mount.glob("*.replaced-*"))


# --- exports to a full disk -------------------------------------------------------------


@pytest.fixture
def lesson_list(data_dir: Path) -> int:
    with Store.open(data_dir / DB_FILENAME) as store:
        article, list_id = stock_lesson_article(store)
        store.vocab.add_words([bank_word(article)], list_id)
        lesson: int = list_id
        return lesson


@pytest.mark.parametrize("suffix", [".pdf", ".csv", ".apkg", ".xlsx", ".readerpack"])
def test_an_export_to_a_full_disk_keeps_the_old_file_and_says_so(
    suffix: str,
    lesson_list: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    with tmpfs(tmp_path / "full", 1536) as mount:
        out = mount / f"lesson{suffix}"
        assert (
            main(["export", str(lesson_list), "-o", str(out), "--no-sentence", "--no-article"]) == 0
        )
        old = out.read_bytes()
        capsys.readouterr()
        fill(mount, leave=len(old) // 3)
        code = main(
            ["export", str(lesson_list), "-o", str(out), "--no-sentence", "--no-article", "--force"]
        )
        error = capsys.readouterr().err
        assert code == 1 and "the disk is full" in error, error
        assert "28" not in error.replace(str(mount), "")  # words, not an errno
        assert out.read_bytes() == old
        assert leftovers(mount) == []


def test_a_cut_short_file_is_never_given_the_real_name(tmp_path: Path) -> None:
    """A writer that reports success but leaves a truncated file (Qt's PDF writer on a
    full disk does): the check refuses it before the rename."""
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"%PDF-1.4 the old handout\nstartxref\n0\n%%EOF\n")
    old = out.read_bytes()

    def truncated(temp: Path) -> None:
        temp.write_bytes(b"%PDF-1.4\n1 0 obj <<")

    with pytest.raises(atomic.WriteFailed, match="damaged"):
        atomic.write_atomically(out, truncated, overwrite=True, verify=atomic.verify_pdf)
    assert out.read_bytes() == old and leftovers(tmp_path) == []


# --- what a killed process leaves -------------------------------------------------------


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_what_a_killed_process_left_is_removed_at_the_next_start(
    data_dir: Path, tmp_path: Path
) -> None:
    from reader.core import paths
    from reader.core.settings import Settings, save_settings

    exports = tmp_path / "exports"
    exports.mkdir()
    save_settings(data_dir, Settings(export_folder=str(exports)))
    pid = _dead_pid()
    stale = [
        exports / f".words.csv.{pid}-abc123_x.tmp",
        data_dir / f".reader.sqlite3.{pid}-k2j3h4.creating",
        data_dir / "backups" / f".reader-20261201T000000Z-auto.sqlite3.{pid}-zz9.tmp",
        data_dir / "dictionary" / f".cedict-imported.{pid}-q1.tmp",
        paths.cache_dir() / f".cedict-0123-0.1-s1.{pid}-b7.building",
    ]
    for path in stale:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half written")
    live = exports / f".words.csv.{os.getpid()}-def456_y.tmp"  # a process still writing
    live.write_bytes(b"being written")
    users = exports / ".notes.tmp"  # not one of ours: never touched
    users.write_bytes(b"the user's")
    result = run_reader("lists", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert [p for p in stale if p.exists()] == []
    assert live.exists() and users.exists()


_EXPORTER = textwrap.dedent(
    """
    import sys
    from reader.core.atomic import csv_verifier, write_bytes_atomically
    rows = int(sys.argv[2])
    data = "".join(f"词{i},ci2,word {i}\\r\\n" for i in range(rows)).encode("utf-8-sig")
    print("writing", flush=True)
    while True:
        write_bytes_atomically(sys.argv[1], data, overwrite=True, verify=csv_verifier(rows))
    """
)


def test_sigkill_during_exports_never_leaves_half_a_file(tmp_path: Path) -> None:
    """Killed at random points while replacing an export again and again: the file is
    always whole (the old or a new one), and the temporary file left is removed later."""
    out = tmp_path / "words.csv"
    rng = random.Random(1919)
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", _EXPORTER, str(out), "60000"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0.05, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if out.exists():
            atomic.csv_verifier(60000)(out)  # whole, or it would not have its name
    atomic.remove_stale_temps(tmp_path)
    assert leftovers(tmp_path) == []


def test_sigkill_while_compiling_the_dictionary_leaves_nothing_after_the_next_start(
    data_dir: Path, tmp_path: Path
) -> None:
    """The index being compiled (13 MB, ``.building``) of a killed first start is removed
    by the next one, whatever it runs."""
    cache = tmp_path / "cache"
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "READER_DATA_DIR": str(data_dir)}
    child = subprocess.Popen(
        [sys.executable, "-c", "from reader.core.cedict import Dictionary; Dictionary.open()"],
        cwd=REPO,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not list(cache.glob("*.building")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(random.Random(7).uniform(0.1, 0.5))
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert list(cache.glob("*.building")), "killed before it began: nothing was tested"
    subprocess.run(
        [sys.executable, "-m", "reader", "lists"], cwd=REPO, env=env, check=True, timeout=120
    )
    assert leftovers(cache) == []


# --- the dictionary ---------------------------------------------------------------------


def _release(path: Path, header_date: str, share: float) -> Path:
    """The bundled release's first ``share`` of entries under a header of ``header_date``."""
    import gzip

    from reader.core import paths

    with gzip.open(paths.bundled_cedict(), "rt", encoding="utf-8") as stream:
        entries = [line for line in stream if not line.startswith("#")]
    kept = entries[: int(len(entries) * share)]
    path.write_text(f"#! version=1\n#! date={header_date}\n" + "".join(kept), encoding="utf-8")
    return path


def test_a_release_cut_short_is_refused_unless_forced(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.core.cedict import Dictionary
    from reader.core.cedict.sources import imported_source_path

    cut = _release(tmp_path / "cedict_ts.u8", "2025-06-01T00:00:00Z", 0.1)
    assert main(["dictionary", "import", str(cut)]) == 1
    error = capsys.readouterr().err
    assert "12,214 entries, 90 % fewer than the 122,143" in error and "--force" in error
    assert not imported_source_path(data_dir).exists()
    assert main(["lookup", "银行"]) == 0  # the full dictionary is still the one in use
    capsys.readouterr()
    assert Dictionary.open(data_dir=data_dir).entry_count == 122_143


def test_a_release_dated_in_the_future_is_refused_even_forced(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.core.cedict.sources import imported_source_path

    future = _release(tmp_path / "cedict_ts.u8", "2099-01-01T00:00:00Z", 0.03)
    assert main(["dictionary", "import", str(future), "--force"]) == 1
    assert "2099-01-01, which is in the future" in capsys.readouterr().err
    assert not imported_source_path(data_dir).exists()


# --- a lesson pack's segmentation rules -------------------------------------------------


def test_a_packs_rules_stay_with_its_article(
    data_dir: Path, tmp_path: Path, analyzer: object
) -> None:
    """A pack with thousands of rules, one of them 银行 → 银 + 行: the pack's article is cut
    that way, an unrelated article is not (unless the user chose so in the preview)."""
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.export.model import ExportList
    from reader.core.export.pack import (
        LessonPack,
        PackArticle,
        PackCorrection,
        read_pack,
        write_pack,
    )
    from reader.core.lessons import import_pack

    assert isinstance(analyzer, Analyzer)
    junk = [
        PackCorrection(
            "merge", f"{chr(0x4E00 + i)}{chr(0x5E00 + i)}", (f"{chr(0x4E00 + i)}{chr(0x5E00 + i)}",)
        )
        for i in range(3000)
    ]
    rules = (PackCorrection("split", "银行", ("银", "行")), *junk)
    lesson = LessonPack(
        PackArticle("Lesson", "我去银行。", "我去银行。", rules), ExportList("L", ())
    )
    pack_file = write_pack(tmp_path / "hostile.readerpack", lesson)

    def words(store: Store, article_id: int) -> list[str]:
        return [t.text for t in analyzer.load_or_analyse(store, article_id) if t.is_chinese]

    with Store.open() as store:
        mine = store.articles.add(NewArticle("Mine", "他在银行工作。"))
        result = import_pack(store, read_pack(pack_file))
        assert result.corrections_added == 3001
        assert store.corrections.all() == []  # nothing for the whole library
        assert "银行" in words(store, mine)
        assert words(store, result.article_id)[:4] == ["我", "去", "银", "行"]

    with Store.open(tmp_path / "other.sqlite3") as store:  # the explicit choice
        mine = store.articles.add(NewArticle("Mine", "他在银行工作。"))
        import_pack(store, read_pack(pack_file), rules_for_library=True)
        assert "银行" not in words(store, mine) and "银" in words(store, mine)


# --- the smoke test on a database it cannot use -----------------------------------------


def _too_new(data_dir: Path) -> None:
    path = stocked_database(data_dir, articles=1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (lambda folder: (folder / DB_FILENAME).write_bytes(b""), "is damaged (the file is empty"),
        (_too_new, "written by a newer version"),
    ],
    ids=["empty", "too-new"],
)
def test_the_smoke_test_says_what_is_wrong_with_the_database(
    data_dir: Path, spoil: Callable[[Path], object], expected: str
) -> None:
    spoil(data_dir)
    before = (data_dir / DB_FILENAME).read_bytes()
    result = run_reader("--smoke-test", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("smoke test failed: ") and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert (data_dir / DB_FILENAME).read_bytes() == before


def test_the_smoke_test_on_a_read_only_folder(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", 2048) as mount:
        stocked_database(mount, articles=1)
        make_read_only(mount)
        result = run_reader("--smoke-test", data_dir=mount)
        assert result.returncode == 1 and "read-only" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_future_dated_release_imported_before_no_longer_outranks_the_bundled_one(
    tmp_path: Path, data_dir: Path
) -> None:
    """An older version accepted it: it is in the data folder, and is passed over."""
    from reader.core import paths
    from reader.core.cedict import Dictionary
    from reader.core.cedict.sources import imported_source_path

    target = imported_source_path(data_dir)
    target.parent.mkdir(parents=True)
    _release(target, "2099-01-01T00:00:00Z", 0.03)
    assert Dictionary.open(data_dir=data_dir).source == paths.bundled_cedict()


def test_a_dictionary_import_onto_a_full_disk_changes_nothing(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.core.cedict.sources import imported_source_path

    release = _release(tmp_path / "cedict_ts.u8", "2025-06-01T00:00:00Z", 0.05)
    with tmpfs(tmp_path / "cache", 1024) as cache:
        monkeypatch.setenv("READER_CACHE_DIR", str(cache))
        fill(cache, leave=64 * 1024)  # the index of 6,000 entries needs more
        assert main(["dictionary", "import", str(release), "--force"]) == 1
        error = capsys.readouterr().err
        assert "the disk is full" in error and "unchanged" in error and "Traceback" not in error
        assert not imported_source_path(data_dir).exists() and leftovers(cache) == []
