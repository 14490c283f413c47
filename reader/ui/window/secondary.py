"""The parts of the window that the first paint does not need, built right after it.

The vocabulary dock (lists, statistics), lesson packs, list export, segmentation
corrections and dictionary import load modules and build widgets that would otherwise
delay the article's first paint. The window shows without them (the vocabulary dock is
already in its place, empty) and `finish_startup` builds them once the article view has
painted its stored pinyin, or at once when something asks for one of them earlier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.widgets import after_next_paint
from reader.ui.window.part import WindowPart

if TYPE_CHECKING:
    from reader.ui.corrections import SegmentationCorrections
    from reader.ui.dictionary_import import DictionaryImport
    from reader.ui.export_action import ListExport
    from reader.ui.lessons import PackOpener
    from reader.ui.vocab.controller import VocabularyController


class SecondaryParts(WindowPart):  # type: ignore[misc]  # see part.py
    """Builds the secondary parts after the pinyin's paint, or on first use of one."""

    _secondary_built: bool
    _finish_armed: bool
    _vocab: VocabularyController | None
    _packs: PackOpener
    _list_export: ListExport
    _segmentation: SegmentationCorrections
    _dictionary_import: DictionaryImport | None

    def _secondary_parts_pending(self) -> None:
        self._secondary_built = False
        self._finish_armed = False
        self._vocab = None
        self._dictionary_import = None

    def _finish_after_paint(self) -> None:
        """Build the secondary parts after the view's next paint: called when the article's
        stored pinyin has come (or there is none, or the dictionary failed), so that paint
        shows the pinyin and nothing delays it."""
        if self._finish_armed or self._secondary_built:
            return
        self._finish_armed = True
        after_next_paint(
            self.view.viewport(), lambda: None if self._closed else self.finish_startup()
        )

    def finish_startup(self) -> None:
        """Build the secondary parts (once; later calls do nothing)."""
        if self._secondary_built:
            return
        self._build_popup()
        self._secondary_built = True
        from reader.ui.corrections import SegmentationCorrections
        from reader.ui.dictionary_import import DictionaryImport
        from reader.ui.export_action import ListExport
        from reader.ui.lessons import PackDropFilter, PackOpener
        from reader.ui.vocab.controller import VocabularyController

        self._packs = PackOpener(self.store, self)
        self._packs.opened.connect(self._lesson_opened)
        self._list_export = ListExport(
            self.store,
            self.settings,
            self.data_dir,
            self.worker,
            lambda: (self.dictionary, self.analyzer),
            self,
        )
        self._list_export.written.connect(lambda p: self.activity.setText(f"Exported {p}"))
        # Files dropped on the window (or packs on the library) go where File ▸ Open goes.
        self.setAcceptDrops(True)
        self.installEventFilter(PackDropFilter(self.open_files, self, packs_only=False))
        self.library.installEventFilter(PackDropFilter(self.open_files, self, packs_only=True))
        self._vocab = VocabularyController(self, self.vocab_dock)  # lists, statuses, statistics
        self._segmentation = SegmentationCorrections(self, self.edit_menu)  # split, merge
        self._dictionary_import = DictionaryImport(self)
        if self._analysed_article is not None and self._analysed_article == self.article_id:
            self._vocab.article_ready()

    @property
    def vocab(self) -> VocabularyController:
        self.finish_startup()
        assert self._vocab is not None
        return self._vocab

    @property
    def packs(self) -> PackOpener:
        self.finish_startup()
        return self._packs

    @property
    def list_export(self) -> ListExport:
        self.finish_startup()
        return self._list_export

    @property
    def segmentation(self) -> SegmentationCorrections:
        self.finish_startup()
        return self._segmentation

    @property
    def dictionary_import(self) -> DictionaryImport:
        self.finish_startup()
        assert self._dictionary_import is not None
        return self._dictionary_import
