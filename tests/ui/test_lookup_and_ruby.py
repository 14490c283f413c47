"""The dictionary search box and the choice of which words get pinyin, on real data."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.pinyin import PinyinStyle
from reader.core.store import WordStatus
from reader.ui.article_view.colors import ToneScheme
from reader.ui.article_view.model import DisplayOptions, PinyinForm, RubyWords, rubies_for
from reader.ui.lookup.content import (
    LookupDictionary,
    Style,
    add_link_for,
    link_for,
    lookup_html,
    lookup_token,
)
from reader.ui.lookup.search import DictionarySearch, search
from reader.ui.main_window import LanguageTools


def test_search_by_hanzi_pinyin_and_english(language_tools: LanguageTools) -> None:
    dictionary = language_tools.dictionary
    assert search(dictionary, "银行")[0].simplified == "银行"
    for query in ("yin2 hang2", "yínháng", "yinhang"):
        assert "银行" in [e.simplified for e in search(dictionary, query)[:20]], query
    assert "银行" in [e.simplified for e in search(dictionary, "bank")]
    assert search(dictionary, "   ") == []


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on show()
def test_search_box_shows_the_chosen_entry(qtbot: QtBot, language_tools: LanguageTools) -> None:
    box = DictionarySearch(Style)
    qtbot.addWidget(box)
    box.set_dictionary(language_tools.dictionary)
    box.query.setText("yinhang")
    box.run_search()
    assert box.results.count() > 0
    assert "银行" in box.details.toPlainText()
    rows = [box.results.item(r).text() for r in range(box.results.count())]
    bank = next(row for row in rows if row.startswith("银行 "))
    assert "yín háng" in bank  # the pinyin as the popup shows it, not "yin2 hang2"
    box.resize(300, 400)
    box.show()
    qtbot.waitExposed(box)
    assert not box.results.horizontalScrollBar().isVisible()  # long glosses are elided


def test_search_results_follow_the_pinyin_form(qtbot: QtBot, language_tools: LanguageTools) -> None:
    box = DictionarySearch(lambda: Style(pinyin=PinyinStyle.NUMBERS))
    qtbot.addWidget(box)
    box.set_dictionary(language_tools.dictionary)
    box.query.setText("银行")
    box.run_search()
    first = box.results.item(0)
    assert first.text().startswith("银行  yin2 hang2  ")
    assert "bank" in first.toolTip()


def tokens() -> list[Token]:
    return [
        Token(0, "我们", TokenKind.WORD, ("wo3", "men5")),
        Token(2, "去", TokenKind.WORD, ("qu4",)),
        Token(3, "银行", TokenKind.WORD, ("yin2", "hang2")),
        Token(5, "。", TokenKind.PUNCT, ("",)),
    ]


def test_pinyin_over_all_unknown_or_hard_words() -> None:
    levels = {"我们": 1, "去": 1, "银行": 3}
    every = rubies_for(tokens(), 6, DisplayOptions(), {}, levels.get)
    assert every == ["wǒ", "men", "qù", "yín", "háng", ""]
    known = {"我们": int(WordStatus.KNOWN), "去": int(WordStatus.LEARNING_2)}
    unknown = rubies_for(
        tokens(), 6, DisplayOptions(ruby_words=RubyWords.UNKNOWN), known, levels.get
    )
    assert unknown == ["", "", "qù", "yín", "háng", ""]
    hard = rubies_for(
        tokens(), 6, DisplayOptions(ruby_words=RubyWords.ABOVE_HSK, min_hsk=2), {}, levels.get
    )
    assert hard == ["", "", "", "yín", "háng", ""]
    numbers = rubies_for(tokens(), 6, DisplayOptions(pinyin=PinyinForm.NUMBERS), {}, levels.get)
    assert numbers[3:5] == ["yin2", "hang2"]
    zhuyin = rubies_for(tokens(), 6, DisplayOptions(pinyin=PinyinForm.ZHUYIN), {}, levels.get)
    assert zhuyin[3:5] == ["ㄧㄣˊ", "ㄏㄤˊ"]
    hidden = rubies_for(tokens(), 6, DisplayOptions(pinyin=PinyinForm.HIDDEN), {}, levels.get)
    assert hidden == [""] * 6


def test_dictionary_data_relays_the_article_out_only_where_it_shows(qtbot: QtBot) -> None:
    """HSK levels and traditional forms arrive with the dictionary; an article shown with
    pinyin over every word in simplified characters is not laid out again for them, nor for
    a new choice of colours (on a long article each layout is ~0.1 s of the UI thread)."""
    from reader.ui.article_view.colors import ToneScheme
    from reader.ui.article_view.model import Script
    from reader.ui.article_view.widget import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article("我们去银行。", tokens())
    laid_out = view.layout_
    view.set_hsk_level({"我们": 1, "去": 1, "银行": 3}.get)
    assert view.layout_ is laid_out
    view.set_options(DisplayOptions(tone_scheme=ToneScheme.HANPING, color_characters=True))
    assert view.layout_ is laid_out  # colours only: painted anew, not laid out
    view.set_options(DisplayOptions(pinyin=PinyinForm.NUMBERS))
    assert view.layout_ is not laid_out and view.layout_ is not None
    assert view.layout_.rubies[3:5] == ["yin2", "hang2"]
    view.set_options(DisplayOptions(ruby_words=RubyWords.ABOVE_HSK, min_hsk=2))
    view.set_hsk_level({"我们": 1, "去": 1, "银行": 1}.get)
    assert view.layout_ is not None and not any(view.layout_.rubies)
    view.set_options(DisplayOptions(script=Script.TRADITIONAL))
    assert view.display_text == "我們去銀行。"


ARCHAIC = "咊㕥㝡㴱㨿槼俲擧"  # what the CC-CEDICT-based conversion showed for 和以最深据规效举


def test_traditional_display_of_the_seed_page_has_no_archaic_variants(qtbot: QtBot) -> None:
    from reader.core import paths
    from reader.core.importing import import_file
    from reader.core.script_conversion import TraditionalStandard, to_traditional
    from reader.ui.article_view.model import Script, provisional_tokens
    from reader.ui.article_view.widget import ArticleView

    text = "\n".join(a.text for a in import_file(paths.seed_article()))
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(text, provisional_tokens(text), "大足石刻“国际朋友圈”不断扩大")
    view.set_options(DisplayOptions(script=Script.TRADITIONAL))
    assert view.layout_ is not None
    assert "".join(line for line, _y in view.layout_.title_lines) == "大足石刻“國際朋友圈”不斷擴大"
    shown = view.display_text
    assert len(shown) == len(text)
    assert not set(ARCHAIC) & set(shown)
    assert shown.count("和") == text.count("和") >= 20  # 和 is 和 in traditional too
    for simplified, traditional in [("举", "舉"), ("据", "據"), ("规", "規"), ("发展", "發展")]:
        assert simplified in text and traditional in shown
    assert shown == to_traditional(text, TraditionalStandard.TAIWAN)
    view.set_options(DisplayOptions(script=Script.TRADITIONAL_HK))
    assert view.display_text == to_traditional(text, TraditionalStandard.HONG_KONG)


def test_character_breakdown_leads_with_the_reading_used_in_the_word(
    language_tools: LanguageTools,
) -> None:
    """行 in 银行 is háng (row, line), not xíng; 游 in 游客 is the verb, not the surname."""
    dictionary = language_tools.dictionary
    text = "银行的游客"
    bank = Token(
        0,
        "银行",
        TokenKind.WORD,
        ("yin2", "hang2"),
        tuple(e.id for e in dictionary.entries("银行")),
    )
    tourist = Token(
        3, "游客", TokenKind.WORD, ("you2", "ke4"), tuple(e.id for e in dictionary.entries("游客"))
    )
    bank_breakdown = dict(lookup_token(dictionary, text, bank, 0).breakdown)
    assert bank_breakdown["行"][0].pinyin == "hang2"
    tourist_lookup = lookup_token(dictionary, text, tourist, 3)
    first = dict(tourist_lookup.breakdown)["游"][0]
    assert not first.is_name
    assert first.pinyin == "you2"
    page = lookup_html(tourist_lookup, Style())
    characters = page[page.index("Characters") :]
    assert "to swim" in characters
    assert "surname" not in characters


def test_character_breakdown_orders_a_neutral_tone_as_the_word_row_does(
    language_tools: LanguageTools,
) -> None:
    """收拾 prints shōu shi: the character row leads with 拾 shí (the same syllable), not
    the file's first entry shè; 一点儿 leads with 儿 r, never rén."""
    dictionary = language_tools.dictionary
    assert dictionary.entries("拾")[0].pinyin != "shi2"  # the file's order puts shè first
    text = "收拾一点儿"
    tidy = _word(dictionary, 0, "收拾", "shou1 shi5")
    little = _word(dictionary, 2, "一点儿", "yi1 dian3 r5")
    assert dict(lookup_token(dictionary, text, tidy, 0).breakdown)["拾"][0].pinyin == "shi2"
    assert dict(lookup_token(dictionary, text, little, 2).breakdown)["儿"][0].pinyin == "r5"


def test_pinyin_over_words_outside_the_class_lists(qtbot: QtBot) -> None:
    from reader.ui.article_view.widget import ArticleView

    options = DisplayOptions(ruby_words=RubyWords.OFF_LIST)
    taught = frozenset({"我们", "去"})
    off_list = rubies_for(tokens(), 6, options, {}, lambda _w: None, None, taught)
    assert off_list == ["", "", "", "yín", "háng", ""]
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article("我们去银行。", tokens())
    view.set_options(options)
    assert view.layout_ is not None and view.layout_.rubies[:3] == ["wǒ", "men", "qù"]
    view.set_class_words(taught)  # the class's lists arrive: their words go bare
    assert view.layout_.rubies == off_list


def _word(dictionary: LookupDictionary, start: int, text: str, readings: str) -> Token:
    """A token as the analysis gives it: the word's entries, its reading per character."""
    entries = tuple(e.id for e in dictionary.entries(text))
    return Token(start, text, TokenKind.WORD, tuple(readings.split()), entries)


def test_the_word_clicked_is_the_word_looked_up(language_tools: LanguageTools) -> None:
    """A click on 客 in 游客 looks up 游客 (the highlighted word, the one A adds); the other
    words starting at 客 follow under "also starting here", 客 itself under the characters
    (once: it was in both)."""
    dictionary = language_tools.dictionary
    text = "外国游客的身影"
    tourist = _word(dictionary, 2, "游客", "you2 ke4")
    lookup = lookup_token(dictionary, text, tourist, 3)
    assert lookup.word == "游客"
    assert lookup.entries[0].simplified == "游客"
    assert "客" not in dict(lookup.other_matches)
    assert [char for char, _e in lookup.breakdown] == ["游", "客"]
    assert lookup_token(dictionary, text, tourist, 2).word == "游客"


def test_entries_are_in_a_learners_order(language_tools: LanguageTools) -> None:
    """以 and 和 opened with "old variant of" (㕥, 咊), 石 with the surname."""
    dictionary = language_tools.dictionary
    text = "以和石"
    first = {
        word: lookup_token(dictionary, text, _word(dictionary, i, word, reading), i).entries
        for i, (word, reading) in enumerate([("以", "yi3"), ("和", "he2"), ("石", "shi2")])
    }
    assert first["以"][0].senses[0].gloss == "to use"
    assert first["和"][0].senses[0].gloss.startswith("(joining two nouns) and")
    assert first["石"][0].pinyin == "shi2"
    assert first["石"][0].senses[0].gloss == "rock"
    for entries in first.values():
        variants = [i for i, e in enumerate(entries) if "variant of" in e.senses[0].gloss]
        assert variants == list(range(len(entries) - len(variants), len(entries)))
    # the reading here, the other ordinary readings, then the surname He, then 咊 and 龢
    expected = ["he2", "he4", "hu2", "huo2", "huo4", "He2", "he2", "he2"]
    assert [e.pinyin for e in first["和"]] == expected


def test_the_clicked_character_is_listed_once_with_its_reading_here(
    language_tools: LanguageTools,
) -> None:
    """上 of 上午 was under "also starting here" and under the characters; 谢 of 谢谢 twice
    under the characters. Each is listed once, with the reading of the word (no 上 shǎng,
    石 dàn) and its own add link."""
    dictionary = language_tools.dictionary
    text = "上午石刻谢谢"
    tokens = [("上午", "shang4 wu3", 0), ("石刻", "shi2 ke4", 2), ("谢谢", "xie4 xie5", 4)]
    for word, reading, start in tokens:
        token = _word(dictionary, start, word, reading)
        for clicked in range(start, start + len(word)):
            lookup = lookup_token(dictionary, text, token, clicked)
            page = lookup_html(lookup, Style(), add_links=True)
            for char in set(word):
                assert page.count(f'href="{link_for(char)}"') == 1, (word, char)
                assert page.count(f'href="{add_link_for(char)}"') == 1, (word, char)
            assert "shǎng" not in page and "dàn" not in page
    # a name explained by its characters: they are not listed as its parts too (宝顶山)
    name = Token(0, "宝顶山", TokenKind.NAME, ("bao3", "ding3", "shan1"), (), ("宝", "顶", "山"))
    page = lookup_html(lookup_token(dictionary, "宝顶山", name, 0), Style(), add_links=True)
    assert page.count(f'href="{link_for("宝")}"') == 1 and "Parts" not in page
    # a character with no other reading left is still shown (nothing else would start there)
    alone = lookup_token(dictionary, "上", _word(dictionary, 0, "上", "shang3"), 0)
    assert alone.entries[0].pinyin == "shang3"


def test_dictionary_notation_is_rendered_never_shown_raw(language_tools: LanguageTools) -> None:
    dictionary = language_tools.dictionary
    shang = lookup_token(dictionary, "上", _word(dictionary, 0, "上", "shang3"), 0)
    page = lookup_html(shang, Style(scheme=ToneScheme.NONE))
    assert "上聲|上声" not in page and "[shang3" not in page
    assert ">上声</a> shǎngshēng" in page
    he = lookup_html(
        lookup_token(dictionary, "和", _word(dictionary, 0, "和", "he2"), 0),
        Style(scheme=ToneScheme.NONE),
    )
    assert "Taiwan pr. hàn" in he and "[han4]" not in he
    dou = lookup_html(
        lookup_token(dictionary, "斗", _word(dictionary, 0, "斗", "dou3"), 0),
        Style(scheme=ToneScheme.NONE),
    )
    assert "[" not in dou.split("<body>")[1]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_click_on_the_second_character_adds_the_whole_word(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    """Click 客 of 游客 on the seed page: the popup shows 游客, A stores 游客 (not 客), and
    the "+ Add" of an "also starting here" word stores that word."""
    from tests.ui.test_reader_window import click_word, open_window, show_article_with

    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "游客")
    index = click_word(qtbot, window, "游客", char_offset=1)
    assert window.popup.lookup is not None and window.popup.lookup.word == "游客"
    assert window.popup.token_index == index
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    window.writer.wait()
    article_id = window.article_id
    [own] = [wl for wl in window.store.vocab.lists() if wl.article_id == article_id]
    assert [w.simplified for w in window.store.vocab.words(own.id)] == ["游客"]
    assert "add:" + quote("客") in window.popup.browser.toHtml()
    window.popup.add_word_requested.emit("客")
    window.writer.wait()
    assert {w.simplified for w in window.store.vocab.words(own.id)} == {"游客", "客"}


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_popup_never_scrolls_the_article_nor_covers_the_line(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    """Clicking a word on the last line in view scrolled the article by ~325 px and the card
    covered 3–7 lines under the word; now the article stays, the card goes above the line."""
    from tests.ui.test_reader_window import open_window, show_article_with

    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "游客")
    view = window.view
    bar = view.verticalScrollBar()
    while bar.maximum() < view.viewport().height():  # lines above and below the view
        view.zoom_in()
        QApplication.processEvents()
    height = view.viewport().height()
    middle = len(view.tokens) // 2
    index = next(i for i in range(middle, len(view.tokens)) if view.tokens[i].is_chinese)
    char = view.tokens[index].start
    # the word scrolled to just above the bottom edge, just under the top, the middle
    for place, where in (("bottom", height - 10), ("top", 20), ("middle", height // 2)):
        rect = view.char_rect(char)
        edge = {"bottom": rect.bottom(), "top": rect.top(), "middle": rect.center().y()}[place]
        bar.setValue(bar.value() + edge - where)
        QApplication.processEvents()
        rect = view.char_rect(char)
        assert rect.top() >= 0 and rect.bottom() <= height, place
        before = bar.value()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.popup.isVisible() and window.popup.token_index == index
        assert bar.value() == before, place
        line = view.token_rect(index)
        card = window.popup.geometry()
        assert card.bottom() < line.top() or card.top() > line.bottom(), (place, card, line)
        assert view.viewport().rect().contains(card), place
        if place == "bottom":
            assert card.bottom() < line.top()
        window.popup.close_popup()
    window.popup.compact = True
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.popup.browser.toPlainText()
    assert "Characters" not in page and "Also starting here" not in page
    assert window.popup.lookup is not None and window.popup.lookup.word in page


def test_a_click_before_the_analysis_looks_up_the_longest_word_there(
    language_tools: LanguageTools,
) -> None:
    from reader.ui.article_view.model import provisional_tokens

    text = "外国游客的身影"
    stand_in = provisional_tokens(text)[2]  # 游, alone, no readings yet
    lookup = lookup_token(language_tools.dictionary, text, stand_in, 2)
    assert lookup.word == "游客" and lookup.entries
    assert [char for char, _e in lookup.breakdown] == ["游", "客"]


def test_no_vertical_jump_when_the_pinyin_arrives(
    qtbot: QtBot, language_tools: LanguageTools
) -> None:
    """The stand-in text shown before the analysis keeps the pinyin band: the lines keep
    their height when the readings arrive, and the reading position stays where it was."""
    from reader.core import paths
    from reader.core.importing import import_file
    from reader.ui.article_view.model import provisional_tokens
    from reader.ui.article_view.widget import ArticleView

    text = "\n".join(a.text for a in import_file(paths.seed_article()))
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_article(text, provisional_tokens(text))
    assert view.layout_ is not None
    before = view.layout_.line_height
    view.scroll_to_char(600)
    view.set_tokens(language_tools.analyzer.analyse(text))
    assert view.layout_.line_height == before
    assert any(view.layout_.rubies)
    # the words rewrap (spaced as words now) but the line read stays at the top
    assert view.reading_position() == 600
    assert view.layout_.line_of_char(view.top_char()) == view.layout_.line_of_char(600)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_view_menu_sets_typesetting_marks_and_popup_and_zoom_scales_the_popup(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    from reader.core.settings import StatusMarks
    from tests.ui.test_reader_window import click_word, open_window, show_article_with

    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "游客")
    display = window.display
    display.toggles["pinyin_joined"].trigger()
    display.toggles["word_gaps"].trigger()
    assert not window.view.options.joined_pinyin and not window.view.options.word_gaps
    [underline] = [a for a in display.menus["status_marks"].actions() if "underline" in a.text()]
    underline.trigger()
    assert window.view.options.status_marks is StatusMarks.UNDERLINE
    display.toggles["compact_popup"].trigger()
    click_word(qtbot, window, "游客")
    assert window.popup.compact and "Characters" not in window.popup.browser.toPlainText()
    window.view.zoom_in()
    window.view.zoom_in()  # 22 → 26 px: the card's headword 26 → 31 px
    assert window.popup.browser.scale > 1 and window.lookup.word_panel.scale > 1
    assert "font-size:31px" in window.popup.browser.toHtml().replace(" ", "")
    saved = window.settings
    assert saved.compact_popup and not saved.pinyin_joined and not saved.word_gaps


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_word_added_without_the_popup_takes_the_learners_first_entry(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    """A on 和 stored 咊 ("old variant of 和", first in CC-CEDICT and in the analysis)."""
    from tests.ui.test_reader_window import open_window, show_article_with

    window = open_window(qtbot, data_dir, language_tools)
    show_article_with(qtbot, window, "和")
    view = window.view
    token = next(t for t in view.tokens if t.text == "和")
    assert window.dictionary is not None
    assert window.dictionary.entry(token.entry_ids[0]).traditional == "咊"  # the file's order
    view.setFocus()
    view.set_current(token.start)
    assert not window.popup.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_A)
    window.writer.wait()
    [own] = [wl for wl in window.store.vocab.lists() if wl.article_id == window.article_id]
    [word] = window.store.vocab.words(own.id)
    assert word.traditional == "和" and word.senses[0].startswith("(joining two nouns) and")


def test_traditional_display_shows_the_characters_and_other_words_in_traditional(
    language_tools: LanguageTools,
) -> None:
    dictionary = language_tools.dictionary
    text = "国际"
    lookup = lookup_token(dictionary, text, _word(dictionary, 0, "国际", "guo2 ji4"), 0)
    page = lookup_html(lookup, Style(scheme=ToneScheme.NONE, traditional_first=True))
    characters = page[page.index("Characters") :]
    assert ">國</a>" in characters and ">際</a>" in characters
    assert ">国</a>" not in characters
