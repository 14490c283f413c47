"""The import dialog for each format: the preview shows what would change, nothing changes
until Import is pressed; a malformed file names its line and opens no dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reader.core.store import NewWord, Store, WordStatus
from reader.core.vocab_import import VocabFormat
from reader.ui.vocab.import_dialog import KNOWN_TARGET, VocabImportDialog

# The offscreen platform says this about every shown top-level dialog.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FILES = {
    "known.txt": ("# mine\n银行\n我们\n我们\n", VocabFormat.KNOWN_WORDS),
    "words.csv": (
        "Simplified,Traditional,Pinyin,Meaning\n银行,銀行,yín háng,bank\n工作,,gōng zuò,work\n",
        VocabFormat.CSV,
    ),
    "words.tsv": ("银行\tyin2 hang2\tbank\n工作\tgong1 zuo4\twork\n", VocabFormat.TSV),
    "pleco.txt": (
        "// HSK\n银行[銀行]\tyin2hang2\tbank\n工作\tgong1zuo4\twork\n",
        VocabFormat.PLECO,
    ),
    "anki.txt": (
        "#separator:tab\n#html:true\n#columns:Simplified\tPinyin\tMeaning\n"
        "银行\tyín háng\t<b>bank</b>\n工作\tgōng zuò\twork\n",
        VocabFormat.ANKI,
    ),
}


def _state(store: Store) -> tuple[Any, ...]:
    words = tuple(
        (w.simplified, w.pinyin, w.senses)
        for wl in store.vocab.lists()
        for w in store.vocab.words(wl.id)
    )
    return (
        tuple((wl.name, wl.word_count) for wl in store.vocab.lists()),
        words,
        store.vocab.known_words(),
    )


@pytest.mark.parametrize("name", list(FILES))
def test_preview_changes_nothing_until_confirmed(
    qtbot: QtBot, store: Store, tmp_path: Path, name: str
) -> None:
    text, fmt = FILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    list_id = store.vocab.create_list("Class")
    store.vocab.add_word(NewWord("银行", pinyin="yin2 hang2", senses=("bank",)), list_id)
    before = _state(store)
    dialog = VocabImportDialog(store, path, list_id)
    qtbot.addWidget(dialog)
    assert dialog.failed is None
    assert dialog.selected_format() is fmt
    dialog.show()
    preview = dialog.preview
    assert preview is not None
    if fmt is VocabFormat.KNOWN_WORDS:
        assert dialog.target_box.currentData() == KNOWN_TARGET
        assert [w.simplified for w in preview.added] == ["银行", "我们"]
        assert [w.simplified for w in preview.skipped] == ["我们"]
    else:
        assert dialog.target_box.currentData() == list_id
        assert [w.simplified for w in preview.added] == ["工作"]
        assert "银行" not in [w.simplified for w in preview.added]
    assert dialog.table.rowCount() == len(preview.added + preview.updated + preview.skipped)
    assert _state(store) == before  # the preview wrote nothing
    dialog.reject()
    assert _state(store) == before  # nor did Cancel
    dialog = VocabImportDialog(store, path, list_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.import_button.click()
    if fmt is VocabFormat.KNOWN_WORDS:
        assert store.vocab.known_words() == {"银行", "我们"}
        assert dialog.committed_statuses == {"银行": WordStatus.KNOWN, "我们": WordStatus.KNOWN}
    else:
        words = {w.simplified: w for w in store.vocab.words(list_id)}
        assert set(words) == {"银行", "工作"}
        assert words["工作"].pinyin == "gong1 zuo4"


def test_malformed_file_names_the_line_and_adds_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path, warnings: list[str]
) -> None:
    path = tmp_path / "known.txt"
    path.write_text("银行\n我们\nhello\n", encoding="utf-8")
    dialog = VocabImportDialog(store, path, None)
    qtbot.addWidget(dialog)
    assert dialog.failed is not None and "Line 3" in dialog.failed
    assert warnings == [dialog.failed]
    assert store.vocab.known_words() == set() and store.vocab.lists() == []


def test_new_list_named_after_the_file(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "lesson 3.tsv"
    path.write_text(FILES["words.tsv"][0], encoding="utf-8")
    dialog = VocabImportDialog(store, path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target_box.currentData() is None
    dialog.import_button.click()
    [made] = store.vocab.lists()
    assert made.name == "lesson 3" and made.word_count == 2
    assert dialog.committed_list == made.id


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Simplified,Pinyin,Meaning\n")
        for i in range(rows):
            out.write(f"词{chr(0x4E00 + i % 20000)},ci2,word {i}\n")
    return path


def test_a_long_list_is_read_on_the_worker_and_previewed_in_part(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    from reader.ui.vocab.import_dialog import MAX_TABLE_ROWS, VocabFileReader

    parent = QWidget()
    qtbot.addWidget(parent)
    reader = VocabFileReader(parent)
    read: list[Any] = []
    reader.read(_big_csv(tmp_path / "long.csv", 30_000), read.append)
    qtbot.waitUntil(lambda: bool(read), timeout=60_000)
    assert reader.progress is None  # closed once the file was read
    dialog = VocabImportDialog(store, read[0].path, None, read=read[0])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == MAX_TABLE_ROWS
    assert "20,000 added" in dialog.summary.text() and "first 2,000" in dialog.summary.text()
    assert store.vocab.lists() == []  # nothing until Import

    cancelled: list[Any] = []
    reader.read(tmp_path / "long.csv", cancelled.append)
    assert reader.progress is not None
    reader.progress.canceled.emit()  # the user presses Cancel at once
    qtbot.waitUntil(lambda: not reader.runner.busy, timeout=60_000)
    assert cancelled == [] and reader.progress is None


def test_a_million_rows_are_refused_at_once_with_the_limit(
    qtbot: QtBot, tmp_path: Path, warnings: list[str]
) -> None:
    from PySide6.QtWidgets import QWidget

    from reader.ui.vocab.import_dialog import VocabFileReader

    parent = QWidget()
    qtbot.addWidget(parent)
    reader = VocabFileReader(parent)
    read: list[Any] = []
    reader.read(_big_csv(tmp_path / "huge.csv", 1_000_000), read.append)
    qtbot.waitUntil(lambda: bool(warnings), timeout=60_000)
    assert read == []
    assert "1,000,002 lines" in warnings[0] and "at most 100,000" in warnings[0]
