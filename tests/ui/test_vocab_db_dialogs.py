"""Start-up with a database that cannot be opened: a clear dialog and a way out."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QInputDialog

from reader.core.store import NewWord, Store
from reader.ui.db_dialogs import START_AFRESH, open_store_or_ask
from reader.ui.messages import Level, Message, MessageSink

if TYPE_CHECKING:
    from tests.conftest import Told


def _store_with_word_and_backup(path: Path) -> None:
    with Store.open(path) as store:
        list_id = store.vocab.create_list("Mine")
        store.vocab.add_word(NewWord("银行", pinyin="yin2 hang2"), list_id)
        assert store.db.backup_if_due() is not None


def test_too_new_is_refused_untouched(data_dir: Path, told: Told, qapp: Any) -> None:
    path = data_dir / "reader.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    sink = MessageSink()
    failures: list[str] = []
    sink.failed.connect(failures.append)
    assert open_store_or_ask(path, sink) is None
    [message] = told.messages
    assert message.level is Level.ERROR and "newer version" in message.title
    assert failures == [message.text]
    assert path.read_bytes() == before


def test_damaged_restores_the_chosen_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, told: Told, qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    _store_with_word_and_backup(path)
    path.write_bytes(b"this is not a database" * 500)
    offered: list[list[str]] = []

    def choose(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any) -> Any:
        offered.append(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    store = open_store_or_ask(path)
    assert store is not None and offered and offered[0][0].endswith("-auto.sqlite3")
    with store:
        [mine] = store.vocab.lists()
        assert [w.simplified for w in store.vocab.words(mine.id)] == ["银行"]
    assert list(data_dir.glob("reader.sqlite3.replaced-*"))  # the damaged file is kept


def test_damaged_without_backup_quits_or_starts_afresh(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, told: Told, qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    path.write_bytes(b"")  # a 0-byte file is damage too, never taken for a new library
    offered: list[list[str]] = []

    def cancel(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any) -> Any:
        offered.append(items)
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", cancel)
    assert open_store_or_ask(path) is None
    assert offered == [[START_AFRESH]] and path.read_bytes() == b""

    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a: (START_AFRESH, True))
    store = open_store_or_ask(path)
    assert store is not None and told.texts(Level.INFORMATION)[0].count("kept as") == 1
    store.close()
    [kept] = data_dir.glob("reader.sqlite3.replaced-*")
    assert kept.read_bytes() == b""


def test_locked_offers_retry_never_a_restore(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, told: Told, qapp: Any
) -> None:
    from reader.core.store import database

    path = data_dir / "reader.sqlite3"
    _store_with_word_and_backup(path)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM list_words WHERE 0")
    sink = MessageSink()

    def released(_message: Message) -> None:
        holder.execute("ROLLBACK")
        holder.close()  # the other program lets go while the learner reads the question

    sink.said.connect(released)
    told.answers = [True]  # Retry
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a: pytest.fail("offered a restore"))
    store = open_store_or_ask(path, sink)
    [asked] = told.messages
    assert store is not None and "in use by another program" in asked.text
    assert (asked.yes, asked.no, asked.level) == ("Retry", "Close", Level.WARNING)
    with store:
        assert [w.simplified for w in store.vocab.words(store.vocab.lists()[0].id)] == ["银行"]
    assert not list(data_dir.glob("reader.sqlite3.replaced-*"))


def test_a_skipped_backup_is_shown_but_the_app_starts(
    data_dir: Path, warnings: list[str], qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    Store.open(path).close()
    (data_dir / "backups").write_text("a file where the backups folder should be")
    store = open_store_or_ask(path)
    assert store is not None and "backup" in warnings[0] and "skipped" in warnings[0]
    store.close()


def test_a_data_folder_that_cannot_be_made_is_said_not_raised(
    tmp_path: Path, warnings: list[str], qapp: Any
) -> None:
    from reader.ui.db_dialogs import data_folder_or_say

    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert data_folder_or_say(str(blocker / "data")) is None
    assert "cannot use" in warnings[0] and str(blocker / "data") in warnings[0]
    assert data_folder_or_say(str(tmp_path / "fine")) == tmp_path / "fine"
