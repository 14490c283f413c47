"""The off-list report dialog on a real analysis: the coverage line, the words by count,
making a list of the chosen words (through the core, into a real store)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from reader.core.class_lists import OffListWord, off_list_report, words_to_teach
from reader.core.store import Store
from reader.core.words import word_keys
from reader.ui.class_report import ClassReportDialog

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.analysis.pipeline import Analyzer


def test_report_dialog_makes_a_list(qtbot: QtBot, store: Store, analyzer: Analyzer) -> None:
    tokens = analyzer.analyse("我去银行取钱。我去银行。")
    report = off_list_report(tokens, {"我", "银行"}, word_keys(tokens, analyzer.dictionary))

    def make(name: str, words: Sequence[OffListWord]) -> None:
        list_id = store.vocab.create_list(name)
        store.vocab.add_words(words_to_teach(tokens, words, analyzer.dictionary), list_id)

    dialog = ClassReportDialog(report, ["Lesson 1"], make, "在银行")
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("Lesson 1 cover 57% of the article's 7 words")
    shown = [(cell_text(dialog, r, 0), cell_text(dialog, r, 1)) for r in range(2)]
    assert shown == [("去", "2"), ("取钱", "1")]
    dialog.table.selectRow(1)
    assert dialog.make_list("Pre-teach")
    [made] = [w for w in store.vocab.lists() if w.name == "Pre-teach"]
    assert [(w.simplified, w.sentence) for w in store.vocab.words(made.id)] == [
        ("取钱", "我去银行取钱。")
    ]


def cell_text(dialog: ClassReportDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()
