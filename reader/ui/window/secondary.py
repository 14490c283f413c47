"""The parts of the window that the first paint does not need, built right after it.

The vocabulary dock (lists, statistics), lesson packs, list export, segmentation
corrections and dictionary import load modules and build widgets that would otherwise
delay the article's first paint. The window shows without them (the vocabulary dock is
already in its place, empty) and `MainWindow.finish_startup` builds them once the article
view has painted its pinyin, or at once when something asks for one of them earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.ui.article_view.widget import ArticleView
from reader.ui.window.context import WindowContext
from reader.ui.window.session import ReadingSession

if TYPE_CHECKING:  # their modules load with them, after the first paint
    from reader.ui.corrections import SegmentationCorrections
    from reader.ui.dictionary_import import DictionaryImport
    from reader.ui.export_action import ListExport
    from reader.ui.lessons import PackOpener
    from reader.ui.vocab.controller import VocabularyController
    from reader.ui.window.lookup import LookupController


@dataclass
class SecondaryParts:
    packs: PackOpener
    list_export: ListExport
    vocab: VocabularyController
    segmentation: SegmentationCorrections
    dictionary_import: DictionaryImport

    @staticmethod
    def build(
        context: WindowContext,
        session: ReadingSession,
        view: ArticleView,
        lookup: LookupController,
        vocab_dock: QDockWidget,
        edit_menu: QMenu,
    ) -> SecondaryParts:
        """``vocab_dock``: filled here; ``edit_menu``: the corrections join it."""
        from reader.ui.corrections import SegmentationCorrections
        from reader.ui.dictionary_import import DictionaryImport
        from reader.ui.export_action import ListExport
        from reader.ui.lessons import PackOpener
        from reader.ui.vocab.controller import VocabularyController

        parent = context.dialog_parent
        vocab = VocabularyController(context, session, view, lookup, vocab_dock)
        first = edit_menu.actions()[0]  # Copy: undo and redo go above it
        edit_menu.insertActions(first, [vocab.history.undo_action, vocab.history.redo_action])
        edit_menu.insertSeparator(first)
        if isinstance(parent, QMainWindow):  # no taller than the line: the view stays put
            bar = parent.statusBar()
            notice = vocab.history.notice
            notice.setMaximumHeight(bar.fontMetrics().height() + 2)
            bar.addPermanentWidget(notice)
            notice.hide()
        return SecondaryParts(
            packs=PackOpener(context.store, context.writer, context.messages, parent),
            list_export=ListExport(
                context.store,
                context.settings,
                context.data_dir,
                context.queries.runner,
                lambda: (session.dictionary, session.analyzer),
                context.messages,
                parent,
            ),
            vocab=vocab,
            segmentation=SegmentationCorrections(context, view, edit_menu, vocab.history.do),
            dictionary_import=DictionaryImport(context),
        )
