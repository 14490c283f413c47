"""The main window on the real seed page: clicks on real word positions, the popup's
content, keyboard navigation, display settings and their survival across a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reader.core import paths
from reader.core.analysis.tokens import TokenKind
from reader.core.settings import load_settings
from reader.ui.lookup.content import link_for
from reader.ui.main_window import LanguageTools, MainWindow
from reader.ui.window.narrow import MIN_READING_WIDTH

# The offscreen platform says this about every shown QMainWindow with docks.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_window(qtbot: QtBot, data_dir: Path, tools: LanguageTools) -> MainWindow:
    window = MainWindow(data_dir, tools)
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_pinyin(qtbot: QtBot, window: MainWindow) -> None:
    """Until the article shows its pinyin and the parts built after that paint are there
    (vocabulary, corrections: their keys work from then on)."""
    qtbot.waitUntil(
        lambda: any(t.kind is TokenKind.WORD and t.entry_ids for t in window.view.tokens),
        timeout=30000,
    )
    qtbot.waitUntil(lambda: window.vocab_dock.widget() is not None)


def show_article_with(qtbot: QtBot, window: MainWindow, word: str) -> None:
    """Open the seed page (it splits into several articles) and show the one with ``word``."""
    window.open_file(str(paths.seed_article()))
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=30000)
    for info in window.store.articles.all():
        if word in window.store.articles.text(info.id):
            window.show_article(info.id)
            break
    wait_for_pinyin(qtbot, window)


def click_word(qtbot: QtBot, window: MainWindow, word: str, char_offset: int = 0) -> int:
    """Scroll to the first token ``word`` and click the middle of its character."""
    view = window.view
    index = next(i for i, t in enumerate(view.tokens) if t.text == word)
    char = view.tokens[index].start + char_offset
    view.scroll_to_char(char)
    QApplication.processEvents()
    center = view.char_rect(char).center() + QPoint(0, view.char_rect(char).height() // 4)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    return index


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, language_tools: LanguageTools) -> MainWindow:
    return open_window(qtbot, data_dir, language_tools)


def test_click_on_yinhang_shows_yin_hang_first(qtbot: QtBot, window: MainWindow) -> None:
    show_article_with(qtbot, window, "银行")
    index = click_word(qtbot, window, "银行")
    popup = window.popup
    assert popup.isVisible()
    assert popup.token_index == index
    assert popup.lookup is not None and popup.lookup.word == "银行"
    assert popup.lookup.entries[0].pinyin == "yin2 hang2"
    html = popup.browser.toHtml()
    assert "yín" in html and "háng" in html
    assert "bank" in popup.browser.toPlainText()
    assert "Characters" in popup.browser.toPlainText()  # the per-character breakdown
    # the popup sits inside the view, next to the word, entirely visible
    area = window.view.viewport().rect()
    assert area.contains(popup.geometry())
    word_rect = window.view.token_rect(index)
    assert abs(popup.geometry().top() - word_rect.bottom()) < 20 or (
        abs(popup.geometry().bottom() - word_rect.top()) < 20
    )
    qtbot.waitUntil(lambda: window.lookup.word_panel.toPlainText().startswith("银行"))
    window.popup.speak_button.click()  # eSpeak NG speaks; without it a note says how to add it
    assert window.popup.note.isVisible() == (shutil.which("espeak-ng") is None)
    assert area.contains(popup.geometry())


def test_a_click_on_a_character_inside_a_word_lists_longer_and_shorter_matches(
    qtbot: QtBot, window: MainWindow
) -> None:
    show_article_with(qtbot, window, "银行")
    click_word(qtbot, window, "银行", char_offset=1)  # 行: háng / xíng …
    lookup = window.popup.lookup
    # the word clicked is the word looked up; what starts at 行 follows, read as in 银行
    assert lookup is not None and lookup.word == "银行"
    assert "行" not in dict(lookup.other_matches)  # it is in the breakdown, read as here
    assert dict(lookup.breakdown)["行"][0].pinyin == "hang2"


def test_a_cross_reference_opens_its_entry(qtbot: QtBot, window: MainWindow) -> None:
    show_article_with(qtbot, window, "银行")
    dictionary = window.dictionary
    assert dictionary is not None
    word, reference = next(
        (t.text, r)
        for t in window.view.tokens
        if t.entry_ids and t.text in window.view.text[: len(window.view.text)]
        for i in t.entry_ids[:1]
        for r in dictionary.entry(i).references
    )
    click_word(qtbot, window, word)
    href = link_for(reference.simplified, reference.pinyin)
    assert href in window.popup.browser.toHtml()
    window.popup.browser.anchorClicked.emit(QUrl(href))
    shown = window.popup.lookup
    assert shown is not None and shown.word == reference.simplified
    assert window.popup.isVisible()
    if reference.pinyin:
        assert shown.entries[0].pinyin.lower() == reference.pinyin.lower()


def test_keyboard_navigation_moves_word_by_word_and_enter_opens(
    qtbot: QtBot, window: MainWindow
) -> None:
    show_article_with(qtbot, window, "银行")
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    first = view.current()
    assert first is not None and view.tokens[first[0]].is_chinese
    qtbot.keyClick(view, Qt.Key.Key_N)
    second = view.current()
    assert second is not None and second[0] > first[0] and view.tokens[second[0]].is_chinese
    assert all(not view.tokens[i].is_chinese for i in range(first[0] + 1, second[0]))
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert view.current() == first
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.popup.isVisible()
    assert window.popup.token_index == first[0]
    if len(view.tokens[first[0]].text) > 1:
        qtbot.keyClick(view, Qt.Key.Key_M)  # next character, inside the word
        current = view.current()
        assert current is not None and current[1] == first[1] + 1
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.popup.isVisible()


def test_display_settings_and_reading_position_survive_a_restart(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "银行")
    article = window.article_id
    window.display.set("pinyin_style", "zhuyin")
    window.display.set("tone_scheme", "hanping")
    window.view.zoom_in()
    window.view.scroll_to_char(len(window.view.text) // 2)
    position = window.view.reading_position()
    assert position > 0
    zhuyin_rubies = [r for r in window.view.layout_.rubies if r] if window.view.layout_ else []
    assert zhuyin_rubies and all(
        r[0] in "ㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦㄧㄨㄩ˙"
        for r in zhuyin_rubies
    )
    window.close()

    settings = load_settings(data_dir)
    assert (settings.pinyin_style, settings.tone_scheme, settings.font_size) == (
        "zhuyin",
        "hanping",
        24,
    )
    assert settings.last_article_id == article
    again = open_window(qtbot, data_dir, language_tools)
    again.open_last_or_seed()
    assert again.article_id == article
    assert again.view.options.pinyin == "zhuyin" and again.view.options.font_size == 24
    assert again.display.boxes["pinyin_style"].currentData() == "zhuyin"
    wait_for_pinyin(qtbot, again)
    assert again.view.reading_position() == position
    line = again.view.layout_.line_of_char(position) if again.view.layout_ else -1
    assert again.view.layout_ and again.view.top_char() == again.view.layout_.line_starts[line]


def test_first_run_opens_the_seed(qtbot: QtBot, window: MainWindow) -> None:
    window.open_last_or_seed()
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=30000)
    assert "大足石刻" in window.view.title + window.view.text


def test_traditional_display_uses_the_word_s_own_entry(qtbot: QtBot, window: MainWindow) -> None:
    show_article_with(qtbot, window, "银行")
    window.display.set("script", "traditional")
    view = window.view
    index = next(i for i, t in enumerate(view.tokens) if t.text == "银行")
    token = view.tokens[index]
    assert view.display_text[token.start : token.end] == "銀行"
    assert len(view.display_text) == len(view.text)
    window.display.set("script", "simplified")
    assert view.display_text[token.start : token.end] == "银行"


def test_find_and_copy_with_pinyin(qtbot: QtBot, window: MainWindow) -> None:
    show_article_with(qtbot, window, "银行")
    window.find_bar.open()
    view = window.view
    view.verticalScrollBar().setValue(0)
    window.find_bar.field.setText("银行")  # QTest types ASCII only; typing finds at once
    count = view.text.count("银行")
    assert count >= 2 and len(view.find_starts) == count
    assert window.find_bar.status.text() == f"1 of {count}"
    first = view.selection
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.status.text() == f"2 of {count}" and view.selection != first
    # every occurrence is marked: the first one's cell is tinted while it is not selected
    view.ensure_visible(view.find_starts[0])
    cell = view.char_rect(view.find_starts[0])
    spot = cell.topLeft() + QPoint(2, 2)
    marked = view.viewport().grab().toImage().pixelColor(spot)
    window.find_bar.close_bar()
    assert view.find_starts == []
    plain = view.viewport().grab().toImage().pixelColor(spot)
    assert marked != plain
    window.find_bar.open()  # the marks come back with the bar
    assert len(view.find_starts) == count
    window.find_bar.field.setText("银行")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert view.selection is not None
    start, end = view.selection
    assert view.text[start:end] == "银行"
    assert view.selected_text() == "银行"
    assert view.selected_text(with_pinyin=True) == "银行(yínháng)"
    view.copy(with_pinyin=True)
    assert QApplication.clipboard().text() == "银行(yínháng)"


def test_secondary_parts_are_built_after_the_first_paint(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    earlier = MainWindow(data_dir, language_tools)  # a first run builds them at once ...
    qtbot.addWidget(earlier)
    assert earlier.vocab_dock.widget() is not None
    earlier.close()  # ... and saves the docks' widths for the next launch
    window = MainWindow(data_dir, language_tools)
    qtbot.addWidget(window)
    # The vocabulary dock is in its place from the start, empty until the article painted.
    assert window.dockWidgetArea(window.vocab_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.vocab_dock.widget() is None
    window.open_last_or_seed()
    window.show()
    qtbot.waitUntil(lambda: window.vocab_dock.widget() is not None)
    assert window.vocab_dock.widget() is window.vocab.tabs
    assert "&Words" in [a.text() for a in window.menuBar().actions()]
    assert "split_word" in window.actions_by_name
    wait_for_pinyin(qtbot, window)  # the lists follow the article analysed after the build
    assert window.vocab.panel.article_id == window.article_id


def test_a_narrow_window_gives_the_article_the_room(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "银行")
    docks = [window.library_dock, window.side_dock, window.vocab_dock]
    assert all(d.isVisible() for d in docks)
    window.resize(600, 800)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in docks))
    qtbot.waitUntil(lambda: window.view.width() >= 500)
    index = click_word(qtbot, window, "银行")
    assert window.popup.isVisible() and window.popup.token_index == index
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks))


def test_wide_panes_never_squeeze_the_article_below_a_reading_width(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    """A library dock widened by a long import took all but two characters a line."""
    window = open_window(qtbot, data_dir, language_tools)
    window.resize(1200, 800)
    show_article_with(qtbot, window, "银行")
    window.resizeDocks([window.library_dock], [1000], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.library_dock.isVisible()
    reading = window.centralWidget()
    assert reading is not None and reading.width() >= MIN_READING_WIDTH


def test_keyboard_shortcuts_are_listed_as_the_menus_group_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    sections = dict(window.shortcut_sections())
    assert ("Next word", "Right / N") in sections["Go"]
    assert ("Find", "Ctrl+F") in sections["Edit"]
    assert ("Known", "5 / K") in sections["Words"]
    listed = [text for rows in sections.values() for text, _keys in rows]
    with_keys = {
        a.text().replace("&", "").rstrip("…")
        for a in window.actions_by_name.values()
        if a.shortcuts()
    }
    assert len(listed) == len(set(listed)) and with_keys <= set(listed)  # each once, all
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    label = dialog.findChild(QLabel)
    assert label is not None and "Look up the current word" in label.text()
    assert dialog.width() > 500  # two columns, unwrapped (a message box wrapped them)
    dialog.reject()


def test_a_long_article_gets_its_status_marks_while_it_is_typeset(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The analysis of an article typeset on a worker arrives before its layout: the
    statuses, the session and the statistics are of the analysed words, not of the
    characters shown."""
    from reader.core.store import NewArticle
    from reader.ui.article_view.typesetting import BACKGROUND_CHARS

    line = "他们在银行门口见面了。\n"
    text = line * (BACKGROUND_CHARS // len(line) + 100)
    article_id = window.store.articles.add(NewArticle("银行", text))
    window.show_article(article_id)
    view = window.view
    qtbot.waitUntil(lambda: window.session.is_analysed, timeout=60000)
    assert view.statuses.get("银行") == 0  # a new word: marked
    assert any(t.text == "银行" and t.readings for t in window.session.tokens)
    qtbot.waitUntil(lambda: window.vocab_dock.widget() is not None)
    window.vocab.tabs.setCurrentWidget(window.vocab.stats)  # counted when shown
    stats = window.vocab.stats.stats
    assert stats is not None and "银行" in dict(stats.unknown_by_frequency)
    qtbot.waitUntil(lambda: len(view.tokens) == len(window.session.tokens), timeout=60000)
    assert view.tokens == window.session.tokens
