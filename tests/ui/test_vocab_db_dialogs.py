"""Start-up with a database that cannot be opened: a clear dialog and a way out."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from reader.core.store import NewWord, Store
from reader.ui.db_dialogs import open_store_or_ask


def _store_with_word_and_backup(path: Path) -> None:
    with Store.open(path) as store:
        list_id = store.vocab.create_list("Mine")
        store.vocab.add_word(NewWord("银行", pinyin="yin2 hang2"), list_id)
        assert store.db.backup_if_due() is not None


def test_too_new_is_refused_untouched(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert open_store_or_ask(path) is None
    assert "newer version" in shown[0]
    assert path.read_bytes() == before


def test_damaged_restores_the_chosen_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    _store_with_word_and_backup(path)
    path.write_bytes(b"this is not a database" * 500)
    offered: list[list[str]] = []

    def choose(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any) -> Any:
        offered.append(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    store = open_store_or_ask(path)
    assert store is not None and offered and offered[0][0].endswith("-auto.sqlite3")
    with store:
        [mine] = store.vocab.lists()
        assert [w.simplified for w in store.vocab.words(mine.id)] == ["银行"]
    assert list(data_dir.glob("reader.sqlite3.replaced-*"))  # the damaged file is kept


def test_damaged_without_backup_quits(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    path = data_dir / "reader.sqlite3"
    path.write_bytes(b"this is not a database" * 500)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert open_store_or_ask(path) is None
    assert "damaged" in shown[0] and path.read_bytes().startswith(b"this is not")
