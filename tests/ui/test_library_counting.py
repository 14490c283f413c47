"""The library's % known for articles not opened yet, counted in the background on the
window's queries thread (stored by its writer), after the open article and never in the
way of one the learner opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.progress import Progress
from reader.core.store import NewArticle, Store, WordStatus
from reader.ui.library.importer import ImportResult, add_found, read_files
from reader.ui.main_window import DB_FILENAME, LanguageTools, MainWindow
from reader.ui.window.counting import IDLE_S, MAX_BACKGROUND_CHARS
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def import_into(db_path: Path, files: list[str]) -> ImportResult:
    """The library pane's two steps (read the files, add them) on a connection of their
    own, as another program would before the window opens."""
    with Store.open(db_path, auto_backup=False) as store:
        return add_found(store, read_files(files, Progress()), Progress()).value


class Clock:
    """The counting's clock, moved on by the test: the learner is idle when it says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def counted_window(qtbot: QtBot, data_dir: Path, tools: LanguageTools) -> tuple[MainWindow, Clock]:
    """A window whose counting reads ``Clock``; the learner has just done something."""
    window = open_window(qtbot, data_dir, tools)
    clock = Clock()
    window.counting.clock = clock
    window.counting.note_activity()
    return window, clock


def _known(window: MainWindow) -> dict[int, float | None]:
    """What the library's rows say (not the database): article id → % known."""
    model = window.library.model
    infos = {info.id: info for info in window.store.articles.all()}
    shown: dict[int, float | None] = {}
    for row in range(model.rowCount()):
        article_id = model.id_at(row)
        text = model.index(row, 3).data()
        known = infos[article_id].percent_known
        assert text == ("" if known is None else f"{known:.0f}")  # the row is current
        shown[article_id] = known
    return shown


def test_every_article_gets_its_percent_known_without_being_opened(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    # in the library before the window opens (an import in the window would start the
    # counting too): what the window does once the article it shows has its pinyin
    imported = import_into(data_dir / DB_FILENAME, [str(paths.seed_article())])
    window, clock = counted_window(qtbot, data_dir, language_tools)
    long_id = window.store.articles.add(
        NewArticle("长文章", "银行行长。" * (MAX_BACKGROUND_CHARS // 5 + 1))
    )
    window.library.refresh()
    opened = imported.ids[0]
    window.show_article(opened)
    window.library.select(opened)
    assert set(_known(window).values()) == {None}
    wait_for_pinyin(qtbot, window)
    seed_ids = [i.id for i in window.store.articles.all() if i.id != long_id]
    assert len(seed_ids) == 8
    clock.now += IDLE_S  # the learner leaves the article alone
    qtbot.waitUntil(lambda: all(_known(window)[i] is not None for i in seed_ids), timeout=30000)
    assert _known(window)[long_id] is None  # too long for the background: counted when opened
    model = window.library.model
    long_row = model.row_of(long_id)
    assert long_row is not None
    tip = model.index(long_row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "when you open them" in tip
    assert window.library.selected_ids() == [opened]  # rows updated in place, not reset
    # a status set now shows in the counts of the articles that were never opened
    other = next(i for i in seed_ids if i != opened and "的" in window.store.articles.text(i))
    assert _known(window)[other] == 0
    window.vocab.set_status(WordStatus.KNOWN, "的")
    window.writer.wait()  # the library redraws its counts when it hears of the change
    assert (_known(window)[other] or 0) > 0


def test_an_article_opened_while_counting_gets_its_pinyin(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window, clock = counted_window(qtbot, data_dir, language_tools)
    window.open_file(str(paths.seed_article()))
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=30000)
    wait_for_pinyin(qtbot, window)
    clock.now += IDLE_S
    opened = window.article_id
    qtbot.waitUntil(  # the background counting has begun
        lambda: any(k is not None for i, k in _known(window).items() if i != opened),
        timeout=30000,
    )
    last = window.store.articles.all()[-1].id
    window.show_article(last)
    qtbot.waitUntil(
        lambda: (
            window.article_id == last
            and any(t.entry_ids for t in window.view.tokens if t.is_chinese)
        ),
        timeout=30000,
    )
    qtbot.waitUntil(lambda: None not in _known(window).values(), timeout=30000)


def test_counting_waits_while_the_learner_reads(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    imported = import_into(data_dir / DB_FILENAME, [str(paths.seed_article())])
    window, clock = counted_window(qtbot, data_dir, language_tools)
    window.show_article(imported.ids[0])
    wait_for_pinyin(qtbot, window)
    others = imported.ids[1:]
    for _step in range(15):  # moving word by word, each step a little before IDLE_S is over
        clock.now += IDLE_S * 0.9
        window.view.next_word()
        qtbot.wait(100)  # the counting looks again every 0.3 s: it has looked, and waited
        assert all(_known(window)[i] is None for i in others)
    clock.now += IDLE_S
    qtbot.waitUntil(lambda: all(_known(window)[i] is not None for i in others), timeout=30000)
