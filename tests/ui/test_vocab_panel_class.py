"""The vocabulary panel's teacher pieces on a real store: the example with the word in
bold and the whole sentence on hover, the Export button, marking a list as the class's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.store import NewArticle, NewWord, Store
from reader.ui.vocab.panel import VocabularyPanel


def test_panel_example_export_and_class_mark(qtbot: QtBot, store: Store) -> None:
    article = store.articles.add(NewArticle("在银行", "我去銀行取錢，銀行很近。"))
    list_id = store.vocab.list_for_article(article)
    store.vocab.add_word(
        NewWord(
            "银行",
            "銀行",
            "yin2 hang2",
            sentence="我去銀行取錢",
            full_sentence="我去銀行取錢，銀行很近。",
            source_article_id=article,
        ),
        list_id,
    )
    panel = VocabularyPanel(store, lambda _word: None, lambda _entry: [])
    qtbot.addWidget(panel)
    panel.refresh(show_list=list_id)
    panel.table.selectRow(0)
    assert panel.sentence.text() == "我去<b>銀行</b>取錢"  # traditional text, bold word
    assert panel.sentence.toolTip() == "我去銀行取錢，銀行很近。"

    with qtbot.waitSignal(panel.export_requested) as exported:
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [list_id]

    assert not panel.class_action.isChecked()
    with qtbot.waitSignal(panel.class_lists_changed):
        panel.class_action.trigger()
    assert store.vocab.class_list_ids() == {list_id}
    panel.refresh()
    assert panel.class_action.isChecked()  # shown again from the store
    panel.class_action.trigger()
    assert store.vocab.class_list_ids() == set()
