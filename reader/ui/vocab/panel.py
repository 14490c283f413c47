"""The vocabulary panel: pick a list, see its words, edit, move, delete (with undo).

A list is chosen in the box at the top (new, rename and delete beside it); "Collect new
words here" makes it the list that Add fills instead of each article's own list. The
table shows Hanzi, pinyin, meaning, status, HSK level and date added; a click on a header
sorts, the boxes above filter by status, HSK level and date. Below the table: the
sentence the word was met in, its notes and the senses chosen (checkable). Deleting
words or a whole list, moving, copying and statuses are word actions of the window's one
history (`reader.core.history`): Edit ▸ Undo (Ctrl+Z) puts them back exactly, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.history import (
    Action,
    DeleteList,
    RemoveWords,
    SetStatuses,
    TransferWords,
)
from reader.core.operations import Changes, Done
from reader.core.progress import Progress
from reader.core.store import ListWord, Store, WordStatus
from reader.ui.messages import MessageSink
from reader.ui.operations import Writer, edit, writer_or_own
from reader.ui.vocab.labels import STATUS_LABELS, example_html, pinyin_marks
from reader.ui.widgets import add_local_action, size_columns_for, squeezable
from reader.ui.word_history import applied

LISTS = Changes(lists=True)

HskLookup = Callable[[str], int | None]
# `UndoActions.do`: do a word action (then call back with it, if given), kept for undo
DoAction = Callable[[Action, Callable[[Action], object] | None], object]
_Index = QModelIndex | QPersistentModelIndex
Words = tuple[list[ListWord], dict[str, int | None]]  # a list's words and their HSK levels
COLUMNS = ("Word", "Pinyin", "Meaning", "Status", "HSK", "Added")
HANZI, PINYIN, MEANING, STATUS, HSK, ADDED = range(len(COLUMNS))
NARROW_HIDES = (ADDED, HSK)  # the columns a narrow panel leaves out, first to last
MEANING_ROOM = 60  # px the meaning keeps beside the other columns
STATUS_FILTERS: dict[str, frozenset[WordStatus] | None] = {
    "Any status": None,
    "Not known yet": frozenset({WordStatus.NEW, *(s for s in WordStatus if s.is_learning)}),
    "New": frozenset({WordStatus.NEW}),
    "Learning (1–4)": frozenset(s for s in WordStatus if s.is_learning),
    "Known": frozenset({WordStatus.KNOWN}),
    "Ignored": frozenset({WordStatus.IGNORED}),
}
SHORT_STATUS = {s: f"L{int(s)}" if s.is_learning else STATUS_LABELS[s] for s in WordStatus}
DATE_FILTERS: dict[str, int | None] = {
    "Any date": None,
    "Today": 0,
    "Last 7 days": 7,
    "Last 30 days": 30,
}


class WordTableModel(QAbstractTableModel):
    """The words of one list; sorting happens here (the list is small enough: 10,000 rows
    sort in milliseconds)."""

    def __init__(self, hsk_level: HskLookup) -> None:
        super().__init__()
        self.words: list[ListWord] = []
        self.hsk_level = hsk_level
        self._hsk: dict[str, int | None] = {}
        self._sort: tuple[int, Qt.SortOrder] = (ADDED, Qt.SortOrder.AscendingOrder)

    def set_words(self, words: list[ListWord], levels: dict[str, int | None]) -> None:
        """``levels``: the HSK levels of the words, looked up where they were read (an HSK
        sort of 10,969 words looking them up here took 340 ms)."""
        self.beginResetModel()
        self.words = words
        self._hsk = levels
        self._sort_words()
        self.endResetModel()

    def level(self, word: str) -> int | None:
        if word not in self._hsk:
            self._hsk[word] = self.hsk_level(word)
        return self._hsk[word]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.words)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        word = self.words[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == HANZI:
                return word.simplified
            if column == PINYIN:
                return pinyin_marks(word.pinyin)
            if column == MEANING:
                return "; ".join(word.senses)
            if column == STATUS:
                return SHORT_STATUS[word.status]
            if column == HSK:
                level = self.level(word.simplified)
                return "" if level is None else ("7–9" if level == 7 else str(level))
            if column == ADDED:
                return word.added_at.strftime("%d %b")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == MEANING:
                return "\n".join(word.senses)
            if column == HANZI and word.traditional and word.traditional != word.simplified:
                return f"Traditional: {word.traditional}"
            if column == ADDED:
                return word.added_at.strftime("%Y-%m-%d %H:%M")
            if column == STATUS:
                return STATUS_LABELS[word.status]
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_words()
        self.layoutChanged.emit()

    def _sort_words(self) -> None:
        column, order = self._sort
        keys: dict[int, Callable[[ListWord], Any]] = {
            HANZI: lambda w: w.simplified,
            PINYIN: lambda w: (w.pinyin.lower(), w.simplified),
            MEANING: lambda w: "; ".join(w.senses).lower(),
            STATUS: lambda w: (int(w.status), w.position),
            HSK: lambda w: (self.level(w.simplified) or 99, w.position),
            ADDED: lambda w: (w.added_at, w.position),
        }
        self.words.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)


class VocabularyPanel(QWidget):
    target_changed = Signal(object)  # int | None: the list Add fills (None: article's own)
    export_requested = Signal(object)  # int | None: the list shown, to export
    class_lists_changed = Signal()  # a list was marked or unmarked as the class's
    hsk_list_requested = Signal(int)  # a class list of HSK 3.0 levels 1 to N (7: 7-9)

    def __init__(
        self,
        store: Store,
        hsk_level: HskLookup,
        glosses: Callable[[int], list[str]],
        parent: QWidget | None = None,
        *,
        writer: Writer | None = None,
        do_action: DoAction | None = None,
        messages: MessageSink | None = None,
    ) -> None:
        """``glosses(entry_id)``: the senses of a dictionary entry ([] while none is open);
        ``store``: read here; ``writer``: every write (default: at once on ``store``);
        ``do_action``: the window's undoable word actions (`UndoActions.do`): deleting
        words or lists, moving, copying and statuses go through it (default: done through
        the writer, with no undo: a panel on its own)."""
        super().__init__(parent)
        self.store = store
        self.messages = messages or MessageSink(self)
        self.writer = writer_or_own(writer, store, self, self.op_executed)
        self.glosses = glosses
        self.article_id: int | None = None
        self._senses_of: int | None = None  # the word whose senses the checklist shows
        self.vocab_reader: Any = None  # reads an imported word list on a worker (made on use)
        self._reading = False  # the shown list's words are being read (`refresh`)
        self._read_again = False  # and a refresh was asked for meanwhile

        self.lists = QComboBox(self)
        self.lists.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lists.setMinimumContentsLength(12)
        squeezable(self.lists)
        self.lists.currentIndexChanged.connect(lambda _i: self._list_chosen())
        list_menu = QMenu(self)
        for text, slot in (
            ("New list…", self.new_list),
            ("Rename this list…", self.rename_list),
            ("Delete this list (undo: Ctrl+Z)", self.delete_list),
            (None, None),
            ("Import a word list…", self.import_file),
            ("New class list of HSK levels…", self.ask_hsk_list),
        ):
            if text is None:
                list_menu.addSeparator()
            else:
                list_menu.addAction(text).triggered.connect(lambda _c=False, f=slot: f())
        list_menu.addSeparator()
        self.class_action = list_menu.addAction("Taught to the class")
        self.class_action.setCheckable(True)
        self.class_action.setToolTip(
            "A class list: reader check reports the words of an article outside these lists"
        )
        self.class_action.toggled.connect(self._class_toggled)
        # A push button with a menu draws its arrow beside the text (a tool button's sat on
        # the last letter).
        self.list_button = QPushButton("List", self)
        self.list_button.setToolTip("New list, rename, delete, import a word list")
        self.list_button.setMenu(list_menu)
        self.export_button = self._button(
            "Export…", lambda: self.export_requested.emit(self.list_id()), "Export this list"
        )
        self.collect_here = QCheckBox("Collect new words here", self)
        self.collect_here.setToolTip(
            "Add words to this list; when off, each article's words go to its own list"
        )
        self.collect_here.toggled.connect(lambda _on: self._target_toggled())

        self.status_filter = self._filter_box([(label, None) for label in STATUS_FILTERS])
        self.hsk_filter = self._filter_box(
            [("Any HSK", None)]
            + [(f"HSK {'7–9' if level == 7 else level}", level) for level in range(1, 8)]
            + [("Not in HSK", 0)]
        )
        self.date_filter = self._filter_box([(label, None) for label in DATE_FILTERS])

        self.model = WordTableModel(hsk_level)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ADDED, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        size_columns_for(self.table, {HANZI: "银行业务", PINYIN: "yínhángyèwù"})
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        size_columns_for(  # narrow: the meaning gets the room
            self.table,
            {STATUS: "Ignored", HSK: "HSK", ADDED: "28 Nov"},
            QHeaderView.ResizeMode.Fixed,
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(lambda _p: self._context_menu())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_details())
        self.table.doubleClicked.connect(lambda _i: self.speak_word())
        self.count_label = QLabel(self)

        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Notes")
        self.notes.setMaximumHeight(52)
        self.save_notes_button = self._button("Save notes", self.save_notes, "Keep these notes")
        self.senses = QListWidget(self)
        self.senses.setToolTip("The senses kept with the word (tick the ones you mean)")
        self.senses.setMaximumHeight(80)
        self.senses.itemChanged.connect(lambda _item: self._senses_edited())

        self.speak_button = self._button("Speak", self.speak_word, "Hear the word (double-click)")
        self.speak_sentence_button = self._button(
            "Sentence", self.speak_sentence, "Hear the sentence it was met in"
        )
        self.speech_note = QLabel(self)  # why it cannot speak: how to add a Chinese voice
        self.speech_note.setWordWrap(True)
        self.speech_note.hide()
        add_local_action(
            self, "Delete words", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self._do_action: DoAction = do_action or self._apply

        top = QHBoxLayout()
        top.addWidget(self.lists, 1)
        top.addWidget(self.list_button)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        for box in (self.status_filter, self.hsk_filter, self.date_filter):
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        details = self.details = QWidget(self)
        stack = QVBoxLayout(details)
        stack.setContentsMargins(0, 0, 0, 0)
        speak_row = QHBoxLayout()
        speak_row.addWidget(self.sentence, 1)
        speak_row.addWidget(self.speak_button, 0, Qt.AlignmentFlag.AlignTop)
        speak_row.addWidget(self.speak_sentence_button, 0, Qt.AlignmentFlag.AlignTop)
        stack.addLayout(speak_row)
        stack.addWidget(self.speech_note)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes, 1)
        notes_row.addWidget(self.save_notes_button, 0, Qt.AlignmentFlag.AlignTop)
        stack.addLayout(notes_row)
        stack.addWidget(self.senses)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setCollapsible(0, False)
        self.table.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.collect_here)
        self._show_details()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """In a narrow panel the date, then the HSK level step aside (a wider panel shows
        them again), so the word, its pinyin, meaning and status stay in view without a
        horizontal scroll bar."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width() - MEANING_ROOM
        for column in NARROW_HIDES:
            header.setSectionHidden(column, False)
        for column in NARROW_HIDES:
            shown = [c for c in range(header.count()) if c != MEANING]
            if sum(header.sectionSize(c) for c in shown if not header.isSectionHidden(c)) <= room:
                break
            header.setSectionHidden(column, True)

    def _button(self, text: str, slot: Callable[[], Any], tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(lambda _c=False: slot())
        return button

    def _filter_box(self, choices: Sequence[tuple[str, int | None]]) -> QComboBox:
        box = QComboBox(self)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(7)
        for label, data in choices:
            box.addItem(label, data)
        squeezable(box)  # three in a row set the right-hand panels' minimum width
        box.currentIndexChanged.connect(lambda _i: self.refresh())
        return box

    # --- lists -----------------------------------------------------------------------------

    def list_id(self) -> int | None:
        data = self.lists.currentData()
        return None if data is None else int(data)

    def set_article(self, article_id: int | None) -> None:
        """Show the article's own list (when it has one and Add fills it)."""
        self.article_id = article_id
        if article_id is None or self.collect_here.isChecked():
            return
        own = next((wl.id for wl in self.store.vocab.lists() if wl.article_id == article_id), None)
        if own is not None:
            self.refresh(show_list=own)

    def _fill_lists(self, show_list: int | None) -> None:
        wanted = show_list if show_list is not None else self.list_id()
        self.lists.blockSignals(True)
        self.lists.clear()
        for word_list in self.store.vocab.lists():
            self.lists.addItem(f"{word_list.name} ({word_list.word_count})", word_list.id)
        if self.lists.count() == 0:
            self.lists.addItem("No lists yet: add a word from an article", None)
        index = self.lists.findData(wanted) if wanted is not None else -1
        self.lists.setCurrentIndex(max(0, index))
        self.lists.blockSignals(False)
        self._show_class_mark()

    def _list_chosen(self) -> None:
        if self.collect_here.isChecked():
            self.target_changed.emit(self.list_id())
        self.refresh()

    def _show_class_mark(self) -> None:
        list_id = self.list_id()
        self.class_action.blockSignals(True)
        self.class_action.setEnabled(list_id is not None)
        self.class_action.setChecked(list_id in self.store.vocab.class_list_ids())
        self.class_action.blockSignals(False)

    def _class_toggled(self, marked: bool) -> None:
        list_id = self.list_id()
        if list_id is None:
            return
        self.writer.run(
            edit(lambda store: store.vocab.mark_class_list(list_id, marked), LISTS),
            lambda _none: self.class_lists_changed.emit(),
            lambda error: self.messages.error("Class list", str(error), parent=self),
        )

    def _target_toggled(self) -> None:
        self.target_changed.emit(self.list_id() if self.collect_here.isChecked() else None)

    def new_list(self) -> None:
        name, ok = QInputDialog.getText(self, "New list", "Name of the new list:")
        if ok and name.strip():
            self.writer.run(
                edit(lambda store: store.vocab.create_list(name), LISTS),
                lambda list_id: self.refresh(show_list=list_id),
                lambda error: self.messages.error("New list", str(error), parent=self),
            )

    def ask_hsk_list(self) -> None:
        """The levels a class has been taught: a list of their words, marked as the class's."""
        choices = [f"HSK 1–{'7-9' if n == 7 else n}" if n > 1 else "HSK 1" for n in range(1, 8)]
        choice, ok = QInputDialog.getItem(
            self, "Class list of HSK levels", "The class has been taught:", choices, 2, False
        )
        if ok:
            self.hsk_list_requested.emit(choices.index(choice) + 1)

    def rename_list(self) -> None:
        list_id = self.list_id()
        if list_id is None:
            return
        current = next(wl.name for wl in self.store.vocab.lists() if wl.id == list_id)
        name, ok = QInputDialog.getText(self, "Rename list", "New name:", text=current)
        if ok and name.strip() and name.strip() != current:
            self.writer.run(
                edit(lambda store: store.vocab.rename_list(list_id, name), LISTS),
                on_error=lambda error: self.messages.error("Rename list", str(error), parent=self),
            )

    def delete_list(self) -> None:
        """Delete the list shown with its words (a word action: Ctrl+Z puts it back)."""
        list_id = self.list_id()
        if list_id is None:
            return
        name = self._list_name(list_id)

        def deleted(_action: Action) -> None:
            if self.collect_here.isChecked():
                self._target_toggled()

        self._do_action(DeleteList(list_id, name), deleted)

    def _list_name(self, list_id: int) -> str:
        """The name of a list, for an action's label ("" if it is gone)."""
        return next((wl.name for wl in self.store.vocab.lists() if wl.id == list_id), "")

    def _apply(self, action: Action, on_done: Callable[[Action], object] | None = None) -> None:
        """A word action of a panel on its own: done through the writer, not kept."""
        self.writer.run(lambda store, _p: applied(action, store, revert=False), on_done)

    # --- words -----------------------------------------------------------------------------

    def refresh(self, show_list: int | None = None) -> None:
        """Reload the lists (at once: the list shown and Add's target follow the box), then
        the shown list's words, read through the writer: on its thread in the window (a
        10,000-word list took 100-150 ms to read), after the writes before it. A refresh
        asked for while a read is under way reads once more when it is back, and only the
        last read is shown (keeps filters, sort and selection)."""
        self._fill_lists(show_list)
        if self._reading:
            self._read_again = True
        else:
            self._read_words()

    def _read_words(self) -> None:
        list_id = self.list_id()
        if list_id is None:
            self._show_words([], {})
            return
        statuses = STATUS_FILTERS[self.status_filter.currentText()]
        days = DATE_FILTERS[self.date_filter.currentText()]
        since = None
        if days is not None:
            today = datetime.now().astimezone().replace(hour=0, minute=0, second=0)
            since = today.replace(microsecond=0) - timedelta(days=days)
        level = self.hsk_filter.currentData()
        hsk_level = self.model.hsk_level  # not the model's cache: that is the UI thread's

        def read(store: Store, _progress: Progress) -> Done[Words]:
            words = store.vocab.words(
                list_id,
                statuses=statuses,
                added_from=since,
                hsk_levels=None if level is None else [level or None],
                hsk_level=hsk_level,
            )
            return Done((words, {w.simplified: hsk_level(w.simplified) for w in words}))

        self._reading = True
        self.writer.run(read, self._words_read, self._words_not_read)

    def _words_read(self, words: Words) -> None:
        self._reading = False
        if self._read_again:  # the filters or the list changed meanwhile
            self._read_again = False
            self._read_words()
        else:
            self._show_words(*words)

    def _words_not_read(self, error: Exception) -> None:
        self._reading = self._read_again = False
        self.messages.fail(f"The list could not be read: {error}")

    def _show_words(self, words: list[ListWord], levels: dict[str, int | None]) -> None:
        selected = {w.id for w in self.selected_words()}
        self.model.set_words(words, levels)
        total = self.lists.currentText()
        self.count_label.setText(f"{self.model.rowCount()} shown" if total else "")
        selection = self.table.selectionModel()
        for row, word in enumerate(self.model.words):
            if word.id in selected:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self._show_details()

    def selected_words(self) -> list[ListWord]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.words[r] for r in rows if r < len(self.model.words)]

    def select_word(self, simplified: str) -> None:
        for row, word in enumerate(self.model.words):
            if word.simplified == simplified:
                flags = QItemSelectionModel.SelectionFlag
                self.table.selectionModel().select(
                    self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
                )
                self.table.scrollTo(self.model.index(row, 0))
                return

    def delete_selected(self) -> None:
        words = self.selected_words()
        if words:
            ids = tuple(w.id for w in words)
            self._do_action(RemoveWords(ids, tuple(w.simplified for w in words)), None)

    def set_status(self, status: WordStatus) -> None:
        changed = {w.simplified: status for w in self.selected_words()}
        if changed:
            self._do_action(SetStatuses(changed), None)

    def transfer(self, list_id: int, move: bool) -> None:
        words = self.selected_words()
        if not words:
            return
        name = self._list_name(list_id)
        ids, names = tuple(w.id for w in words), tuple(w.simplified for w in words)
        self._do_action(TransferWords(ids, list_id, move, names, name), None)

    def op_executed(self, changes: Changes) -> None:
        """The lists, their words or their statuses changed: shown anew."""
        if changes.lists or changes.statuses:
            self.refresh()

    def _context_menu(self) -> None:
        if not self.selected_words():
            return
        menu = QMenu(self)
        status_menu = menu.addMenu("Set status")
        for status, label in STATUS_LABELS.items():
            status_menu.addAction(label).triggered.connect(
                lambda _c=False, s=status: self.set_status(s)
            )
        others = [wl for wl in self.store.vocab.lists() if wl.id != self.list_id()]
        for title, move in (("Move to", True), ("Copy to", False)):
            sub = menu.addMenu(title)
            sub.setEnabled(bool(others))
            for word_list in others:
                sub.addAction(word_list.name).triggered.connect(
                    lambda _c=False, i=word_list.id, m=move: self.transfer(i, m)
                )
        if self._current_word() is not None:
            menu.addAction("Speak").triggered.connect(lambda _c=False: self.speak_word())
            menu.addAction("Speak the sentence").triggered.connect(
                lambda _c=False: self.speak_sentence()
            )
        menu.addSeparator()
        menu.addAction("Delete (undo: Ctrl+Z)").triggered.connect(
            lambda _c=False: self.delete_selected()
        )
        menu.exec(self.cursor().pos())

    # --- speech ----------------------------------------------------------------------------

    def speak_word(self) -> None:
        from reader.ui.lookup.speech import shared_speaker

        word = self._current_word()
        if word is not None:
            self._speech_problem(shared_speaker().speak(word.simplified, word.pinyin))

    def speak_sentence(self) -> None:
        from reader.core.speech import sentence_utterance
        from reader.ui.lookup.speech import shared_speaker

        word = self._current_word()
        if word is not None and word.sentence:
            said = sentence_utterance(word.sentence, word.simplified, word.pinyin)
            self._speech_problem(shared_speaker().speak_utterance(said))

    def _speech_problem(self, problem: str | None) -> None:
        self.speech_note.setText(problem or "")
        self.speech_note.setVisible(bool(problem))

    # --- details ---------------------------------------------------------------------------

    def _current_word(self) -> ListWord | None:
        words = self.selected_words()
        return words[0] if len(words) == 1 else None

    def _show_details(self) -> None:
        word = self._current_word()
        self.details.setVisible(word is not None)  # room for the table until a word is picked
        self.senses.blockSignals(True)
        self.senses.clear()
        self._senses_of = None
        if word is None:
            self.sentence.setText("")
            self.notes.setPlainText("")
            self.senses.blockSignals(False)
            return
        self.sentence.setText(example_html(word) or "(no sentence)")
        whole = word.full_sentence if word.full_sentence != word.sentence else ""
        self.sentence.setToolTip(whole)
        self.speak_sentence_button.setEnabled(bool(word.sentence))
        self.notes.setPlainText(word.notes)
        for gloss in self._all_senses(word):
            item = QListWidgetItem(gloss, self.senses)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if gloss in word.senses else Qt.CheckState.Unchecked
            )
        self._senses_of = word.id
        self.senses.blockSignals(False)

    def _all_senses(self, word: ListWord) -> list[str]:
        """The chosen senses first, then every other sense of the word's entries."""
        glosses = list(word.senses)
        for entry_id in word.entry_ids:
            glosses += [g for g in self.glosses(entry_id) if g not in glosses]
        return glosses

    def _senses_edited(self) -> None:
        if self._senses_of is None:
            return
        chosen = [
            self.senses.item(i).text()
            for i in range(self.senses.count())
            if self.senses.item(i).checkState() == Qt.CheckState.Checked
        ]
        word_id = self._senses_of
        self.writer.run(edit(lambda store: store.vocab.update_word(word_id, senses=chosen), LISTS))

    def save_notes(self) -> None:
        word = self._current_word()
        if word is not None:
            word_id, notes = word.id, self.notes.toPlainText()
            self.writer.run(
                edit(lambda store: store.vocab.update_word(word_id, notes=notes), LISTS)
            )

    def import_file(self) -> None:
        from reader.ui.vocab.import_dialog import VocabFile, VocabImportDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import a word list",
            "",
            "Word lists (*.txt *.csv *.tsv);;All files (*)",
        )
        if not path:
            return
        from reader.ui.vocab.import_dialog import VocabFileReader

        list_id = self.list_id()

        def review(file: VocabFile) -> None:
            dialog = VocabImportDialog(
                self.store,
                file.path,
                list_id,
                self,
                read=file,
                writer=self.writer,
                messages=self.messages,
            )
            if dialog.exec():  # written through the writer: every part has heard of it
                self.refresh(show_list=dialog.committed_list)

        self.vocab_reader = self.vocab_reader or VocabFileReader(self, self.messages)
        self.vocab_reader.read(Path(path), review)
