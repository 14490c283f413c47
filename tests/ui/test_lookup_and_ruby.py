"""The dictionary search box and the choice of which words get pinyin, on real data."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.pinyin import PinyinStyle
from reader.core.store import WordStatus
from reader.ui.article_view.model import DisplayOptions, PinyinForm, RubyWords, rubies_for
from reader.ui.lookup.content import Style, lookup_html, lookup_token
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
    view.set_traditional_converter(lambda text, _tokens: text.replace("银行", "銀行"))
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
    view.set_traditional_converter(lambda text, _tokens: text.replace("银行", "銀行"))
    assert view.display_text == "我们去銀行。"


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
