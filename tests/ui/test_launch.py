"""The launch path of `reader`: an analysed article's stored pinyin is on screen in the
window's first paint, before the dictionary has opened; the dictionary opens after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.analysis.pipeline import Analyzer
from reader.core.progress import Progress
from reader.core.settings import Script, load_settings, save_settings
from reader.core.store import Store
from reader.core.store.articles import NewArticle
from reader.ui.main_window import DB_FILENAME, MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "我们明天去银行。行长说银行很大。\n"


def analysed_article(data_dir: Path, analyzer: Analyzer) -> int:
    """An article analysed and stored as an earlier session left it, and last opened."""
    with Store.open(data_dir / DB_FILENAME) as store:
        article = store.articles.add(NewArticle("银行", TEXT))
        analyzer.load_or_analyse(store, article, Progress())
    settings = load_settings(data_dir)
    settings.last_article_id = article
    save_settings(data_dir, settings)
    return article


def launched(qtbot: QtBot, data_dir: Path) -> MainWindow:
    """The window as `run_gui` builds it: the dictionary waits for the first paint."""
    window = MainWindow(data_dir, open_tools=False)
    qtbot.addWidget(window)
    window.open_last_or_seed()
    return window


def test_stored_pinyin_is_there_before_the_dictionary(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    article = analysed_article(data_dir, analyzer)
    window = launched(qtbot, data_dir)
    assert window.article_id == article
    assert window.dictionary is None  # nothing has been loaded, no event has run
    bank = next(t for t in window.view.tokens if t.text == "银行")
    assert bank.readings == ("yin2", "hang2")
    assert any(window.view.layout_.rubies) if window.view.layout_ else False

    window.show()
    window.open_tools_after_paint()
    qtbot.waitUntil(lambda: window.dictionary is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.word_keys != {}, timeout=30000)  # confirmed, with keys
    assert [t.readings for t in window.view.tokens if t.text == "行长"] == [("hang2", "zhang3")]


def test_traditional_characters_and_their_pinyin_are_there_at_the_first_paint(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    """Traditional characters come from OpenCC, not from the dictionary: the stored pinyin
    and the traditional text are both in the first paint, before the dictionary opens."""
    analysed_article(data_dir, analyzer)
    settings = load_settings(data_dir)
    settings.script = Script.TRADITIONAL
    save_settings(data_dir, settings)
    window = launched(qtbot, data_dir)
    assert window.dictionary is None
    assert any(t.text == "银行" and t.readings == ("yin2", "hang2") for t in window.view.tokens)
    assert "銀行" in window.view.display_text
    window.show()
    window.open_tools_after_paint()
    qtbot.waitUntil(lambda: any(t.text == "银行" and t.entry_ids for t in window.view.tokens))
    assert "銀行" in window.view.display_text


def test_the_dictionary_opens_even_if_the_window_never_paints(qtbot: QtBot, data_dir: Path) -> None:
    window = MainWindow(data_dir, open_tools=False)
    qtbot.addWidget(window)
    window.open_tools_after_paint()  # never shown
    qtbot.waitUntil(lambda: window.dictionary is not None, timeout=30000)


@pytest.mark.parametrize("earlier_session", [False, True])
def test_the_article_keeps_its_place_when_the_panes_fill_in(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer, earlier_session: bool
) -> None:
    """The docks have their contents in the first paint (the vocabulary dock its place), so
    what is built after it moves nothing."""
    analysed_article(data_dir, analyzer)
    if earlier_session:  # a window state saved by an earlier session
        first = launched(qtbot, data_dir)
        first.show()
        first.open_tools_after_paint()
        qtbot.waitUntil(lambda: first.dictionary is not None, timeout=30000)
        first.resize(1300, 700)
        first.close()
    window = launched(qtbot, data_dir)
    window.show()
    qtbot.waitExposed(window)
    before = window.view.geometry()
    window.open_tools_after_paint()
    qtbot.waitUntil(lambda: window.vocab_dock.widget() is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.popup is not None and window.dictionary is not None)
    assert window.view.geometry() == before


def test_what_lives_for_the_session_is_kept_out_of_full_collections(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    import gc

    from reader.core.collector import unfreeze
    from reader.ui.app import spare_the_collector

    analysed_article(data_dir, analyzer)
    window = launched(qtbot, data_dir)
    spare_the_collector(window)
    unfreeze()
    try:
        with qtbot.waitSignal(window.settled, timeout=30000):
            window.show()
            window.open_tools_after_paint()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert all(o is not window.view.tokens for o in gc.get_objects())  # out of its scans
    finally:
        unfreeze()  # the rest of the test session collects as usual


def test_enter_before_the_popup_is_built_asks_to_wait(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    """Keys work from the first paint on, before the popup has been built."""
    analysed_article(data_dir, analyzer)
    window = launched(qtbot, data_dir)
    window.lookup.look_up_current()
    assert window.popup is not None and not window.popup.isVisible()
    assert "opens when it is ready" in window.activity.text()


def test_esc_closes_the_find_bar_before_the_popup_is_built(
    qtbot: QtBot, data_dir: Path, analyzer: Analyzer
) -> None:
    analysed_article(data_dir, analyzer)
    launched(qtbot, data_dir).close()  # a first run builds everything; the next launch waits
    window = launched(qtbot, data_dir)
    window.show()
    qtbot.waitExposed(window)
    window.find_bar.open()
    qtbot.waitUntil(window.find_bar.field.hasFocus)
    assert not window.lookup.popup_built  # the launch: still to come
    window.close_popup()  # what Esc in the find bar does
    assert not window.find_bar.isVisible()


def test_a_window_larger_than_its_screen_is_brought_onto_it(qtbot: QtBot, data_dir: Path) -> None:
    """A size remembered on a larger screen (or the first run's 1200×800 on a small one)
    left the article's right edge off the screen; the docks step aside once it fits."""
    window = launched(qtbot, data_dir)
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    window.resize(free.width() + 600, free.height() + 400)
    window.move(free.left() + 300, free.top() + 200)
    window.keep_on_screen()
    assert free.contains(window.frameGeometry())
    assert window.library_dock.isHidden() == (window.width() < 1000)
