"""Corrections from the reader: split the current word, merge it with the next one, fix
its reading, list the rules and reading fixes and remove them.

A rule applies wherever its text occurs, in this and later articles
(``reader.core.analysis.corrections``). It is written through the window's writer
(`reader.ui.operations`), and the open article is then analysed again (the loader hears
of ``Changes.corrections``): the corrections version is part of the analysis key, so the
stored analysis no longer matches and ``load_or_analyse`` computes a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.analysis.reading_fixes import ReadingFixError, check_fix, parse_readings, shown
from reader.core.analysis.tokens import Token
from reader.core.history import Action, AddCorrection
from reader.core.operations import Changes, Done
from reader.core.pinyin import to_marks
from reader.core.store import Correction, CorrectionKind, Store, StoredReadingFix
from reader.ui.article_view.widget import ArticleView
from reader.ui.window.context import WindowContext

if TYPE_CHECKING:  # the rules (and the segmenter's patterns) load when first used
    from reader.core.analysis.corrections import RuleKind

    Rule = tuple[RuleKind, str, tuple[str, ...]]  # what split_rule and merge_rule give


class _FieldDialog(QDialog):
    """A prompt, one field checked as it is typed (the verdict below it), a note on where
    the fix applies, OK / Cancel; ``_check`` says whether OK may be pressed."""

    def _build(self, title: str, prompt: str, text: str, note: str) -> None:
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        self.field = QLineEdit(text, self)
        self.field.textChanged.connect(self._check)
        layout.addWidget(self.field)
        self.verdict = QLabel(self)
        layout.addWidget(self.verdict)
        applies = QLabel(note, self)
        applies.setWordWrap(True)
        layout.addWidget(applies)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        raise NotImplementedError

    def _allow(self, ok: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class SplitDialog(_FieldDialog):
    """The learner types spaces into the word where it should be cut (东盟国家 → 东盟 国家);
    OK is enabled only when ``split_rule`` accepts the cut."""

    def __init__(self, token: Token, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.token = token
        self.rule: Rule | None = None
        self._build(
            "Split word",
            f"Type a space wherever <b>{token.text}</b> should be cut:",
            token.text,
            "The correction applies wherever this text occurs, in every article.",
        )
        self.field.setCursorPosition(1)

    def _check(self) -> None:
        from reader.core.analysis.corrections import CorrectionError, split_rule

        try:
            self.rule = split_rule(self.token, self.field.text().split())
        except CorrectionError as error:
            self.rule = None
            self.verdict.setText(str(error) if " " in self.field.text().strip() else "")
        else:
            self.verdict.setText(" + ".join(self.rule[2]))
        self._allow(self.rule is not None)


class ReadingDialog(_FieldDialog):
    """The learner types the right reading of the current word, one syllable per character
    (tone marks or numbers; ``-`` keeps a character as read); OK only when it fits."""

    def __init__(self, token: Token, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.token = token
        self.readings: list[str] = []
        self._build(
            "Fix reading",
            f"How <b>{token.text}</b> reads, one syllable a character:",
            to_marks(" ".join(token.readings)),
            "The reading applies wherever this text occurs, in every article.",
        )

    def _check(self) -> None:
        readings = parse_readings(self.field.text())
        try:
            check_fix(self.token.text, readings)
        except ReadingFixError as error:
            self.readings, message = [], str(error)
        else:
            self.readings, message = readings, to_marks(shown(readings))
        self.verdict.setText(message)
        self._allow(bool(self.readings) and tuple(self.readings) != self.token.readings)


class CorrectionsDialog(QDialog):
    """Every rule as "text → parts" and every reading fix as "text → pinyin"; the selected
    ones can be removed."""

    remove_requested = Signal(object)  # list[int]: the ids of the rules to remove
    remove_fixes_requested = Signal(object)  # list[int]: the ids of the reading fixes

    def __init__(
        self,
        rules: Callable[[], Sequence[Correction]],
        parent: QWidget,
        fixes: Callable[[], Sequence[StoredReadingFix]] = tuple,
    ) -> None:
        super().__init__(parent)
        self._rules = rules
        self._fixes = fixes
        self.setWindowTitle("Segmentation corrections")
        self.resize(420, 360)
        layout = QVBoxLayout(self)
        self.empty = QLabel(
            "No corrections yet: use Edit ▸ Split word…, Merge or Fix reading….", self
        )
        layout.addWidget(self.empty)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.list, 1)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for rule in self._rules():
            kind = "merge" if rule.kind is CorrectionKind.MERGE else "split"
            item = QListWidgetItem(f"{rule.text} → {' + '.join(rule.parts)}   ({kind})")
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            self.list.addItem(item)
        for stored in self._fixes():
            item = QListWidgetItem(
                f"{stored.fix.text} → {to_marks(shown(stored.fix.readings))}   (reading)"
            )
            item.setData(Qt.ItemDataRole.UserRole, -stored.id)  # negative: a reading fix
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self.remove_button.setEnabled(False)

    def _remove_selected(self) -> None:
        items = self.list.selectedItems()
        keys = [int(item.data(Qt.ItemDataRole.UserRole)) for item in items]
        for item in items:
            self.list.takeItem(self.list.row(item))
        self.empty.setVisible(self.list.count() == 0)
        if ids := [key for key in keys if key > 0]:
            self.remove_requested.emit(ids)
        if fixes := [-key for key in keys if key < 0]:
            self.remove_fixes_requested.emit(fixes)


class SegmentationCorrections(QObject):
    """The window's Edit ▸ Split word… / Merge with next word / Fix reading… /
    Segmentation corrections…"""

    changing = Signal()  # a rule is being stored or removed: the words may be cut anew

    def __init__(
        self,
        context: WindowContext,
        view: ArticleView,
        menu: QMenu,
        do_action: Callable[[Action], object] | None = None,
    ) -> None:
        """``do_action``: the window's undoable word actions (`UndoActions.do`): a split or
        merge goes through it, so Ctrl+Z takes it back."""
        super().__init__(view)
        self._do_action = do_action
        self._context = context
        self._messages = context.messages
        self.view = view
        self.split_dialog: SplitDialog | None = None
        self.reading_dialog: ReadingDialog | None = None
        self.rules_dialog: CorrectionsDialog | None = None
        menu.addSeparator()
        for action in self._build_actions():
            menu.addAction(action)

    def _build_actions(self) -> list[QAction]:
        def action(name: str, text: str, slot: Callable[[], object], key: str = "") -> QAction:
            # a single key acts where the reading happens (as N, A, K do)
            actions = self._context.actions
            return actions.add(name, text, slot, key or None, reading_key=bool(key))

        return [
            action("split_word", "&Split word…", self.split_current, "S"),
            action("merge_next", "&Merge with next word", self.merge_with_next, "J"),
            action("fix_reading", "Fix &reading…", self.fix_reading),
            action("corrections", "Segmentation &corrections…", self.show_rules),
        ]

    # The current word ------------------------------------------------------------------

    def _current_token(self) -> int | None:
        """The index of the current word, if the analysis is shown (not the provisional
        one-character tokens); otherwise says why in the status bar."""
        current = self.view.current()
        if current is None:
            self._messages.show("Choose a word first (click it, or press N).")
            return None
        index = current[0]
        if not self.view.tokens[index].readings:
            self._messages.show("Wait for the pinyin: the words are not known yet.")
            return None
        return index

    def split_current(self) -> None:
        index = self._current_token()
        if index is None:
            return
        token = self.view.tokens[index]
        if len(token.text) < 2 or not token.is_chinese:
            self._messages.show(f"{token.text} cannot be split.")
            return
        dialog = SplitDialog(token, self._context.dialog_parent)
        dialog.accepted.connect(lambda: self._store_split(dialog))
        self.split_dialog = dialog
        dialog.open()

    def fix_reading(self) -> None:
        index = self._current_token()
        if index is None:
            return
        token = self.view.tokens[index]
        if not token.is_chinese:
            self._messages.show(f"{token.text} has no reading to fix.")
            return
        dialog = ReadingDialog(token, self._context.dialog_parent)
        dialog.accepted.connect(lambda: self._store_reading(dialog))
        self.reading_dialog = dialog
        dialog.open()

    def _store_reading(self, dialog: ReadingDialog) -> None:
        text, readings = dialog.token.text, dialog.readings
        self._messages.show(f"{text} → {to_marks(shown(readings))}: analysing again…")
        self._write(lambda store: store.corrections.add_reading_fix(text, readings))

    def remove_reading_fixes(self, ids: Sequence[int]) -> None:
        def remove(store: Store) -> None:
            for fix_id in ids:
                store.corrections.remove_reading_fix(fix_id)

        self._write(remove)

    def _store_split(self, dialog: SplitDialog) -> None:
        if dialog.rule is not None:
            self.add_rule(dialog.rule)

    def merge_with_next(self) -> None:
        from reader.core.analysis.corrections import CorrectionError, merge_rule

        index = self._current_token()
        if index is None:
            return
        tokens = self.view.tokens[index : index + 2]
        try:
            rule = merge_rule(tokens)
        except CorrectionError as error:
            self._messages.show(f"Cannot merge: {error}.")
            return
        self.add_rule(rule)

    # Storing, removing, re-analysing -----------------------------------------------------

    def add_rule(self, rule: Rule) -> None:
        kind, text, parts = rule
        self._messages.show(f"{text} → {' + '.join(parts)}: analysing again…")
        if self._do_action is not None:
            self.changing.emit()
            self._do_action(AddCorrection(CorrectionKind(kind), text, tuple(parts)))
            return
        self._write(lambda store: store.corrections.add(CorrectionKind(kind), text, parts))

    def remove_rules(self, ids: Sequence[int]) -> None:
        def remove(store: Store) -> None:
            for correction_id in ids:
                store.corrections.remove(correction_id)

        self._write(remove)

    def _write(self, write: Callable[[Store], object]) -> None:
        """``write`` through the writer; the parts that show words hear of it (`Changes`)."""
        self.changing.emit()
        self._context.writer.run(
            lambda store, _progress: Done(write(store), Changes(corrections=True)),
            on_error=lambda error: self._messages.fail(f"The correction failed: {error}"),
        )

    def op_executed(self, changes: Changes) -> None:
        if changes.corrections and self.rules_dialog is not None and self.rules_dialog.isVisible():
            self.rules_dialog.refresh()

    def show_rules(self) -> None:
        if self.rules_dialog is None:
            corrections = self._context.store.corrections
            self.rules_dialog = CorrectionsDialog(
                corrections.all, self._context.dialog_parent, corrections.reading_fixes
            )
            self.rules_dialog.remove_requested.connect(self.remove_rules)
            self.rules_dialog.remove_fixes_requested.connect(self.remove_reading_fixes)
        self.rules_dialog.refresh()
        self.rules_dialog.show()
        self.rules_dialog.activateWindow()
