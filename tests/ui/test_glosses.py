"""Glosses under words: the short gloss of real CC-CEDICT senses, chosen for the same
words as the pinyin (all, unknown, above an HSK level, outside the class lists), laid
out in a band under the characters and drawn by the real view on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.glosses import entry_gloss, short_gloss, token_glosser
from reader.core.store import WordStatus
from reader.ui.article_view.model import DisplayOptions, RubyWords, glosses_for, shown_words
from reader.ui.main_window import LanguageTools

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xinyubao-2025-06-05.txt"
SENTENCE = "前来大足石刻宝顶山景区的游客络绎不绝，其中不乏外国游客的身影。"


def test_a_short_gloss_is_the_first_alternative_that_fits() -> None:
    assert short_gloss("traveler; tourist") == "traveler"
    assert short_gloss("to accelerate; to speed up") == "accelerate"
    assert short_gloss("(bound form) ocean") == "ocean"
    # the first alternative too long: the next that fits
    assert (
        short_gloss("to bring forth new ideas; to blaze new trails; innovation")
        == "blaze new trails"
    )
    # none fits: cut after a whole word
    cut = short_gloss("as far as ... is concerned")
    assert cut.endswith("…") and len(cut) <= 19 and "as far as" in cut


def test_the_gloss_is_the_meaning_not_a_surname_or_a_variant(
    language_tools: LanguageTools,
) -> None:
    dictionary = language_tools.dictionary
    tokens = language_tools.analyzer.analyse(SENTENCE)
    gloss = token_glosser(dictionary.entry)
    glossed = {t.text: gloss(t) for t in tokens if t.entry_ids}
    assert glossed["游客"] == "traveler"
    assert glossed["景区"] == "scenic area"
    assert "surname" not in " ".join(glossed.values())
    # 王: "Wang2" is a surname only; its gloss is the next entry's "king"
    surname_first = sorted(dictionary.entries("王"), key=lambda e: not e.pinyin[0].isupper())
    assert surname_first[0].senses[0].gloss.startswith("surname")
    assert entry_gloss(surname_first).startswith("king")


def test_glosses_follow_the_pinyin_choice_of_words(language_tools: LanguageTools) -> None:
    tokens = language_tools.analyzer.analyse(SENTENCE)
    gloss = token_glosser(language_tools.dictionary.entry)
    words = [t for t in tokens if t.entry_ids]
    taught = frozenset({"游客", "景区", "的"})
    off_list = DisplayOptions(ruby_words=RubyWords.OFF_LIST, glosses=True)
    found = glosses_for(tokens, off_list, {}, lambda _w: None, gloss, taught)
    shown = {t.start for t in shown_words(tokens, off_list, {}, lambda _w: None, taught)}
    assert set(found) <= shown and found  # the words with pinyin, and only those
    assert not any(t.start in found for t in words if t.text in taught)
    assert any(t.start in found for t in words if t.text == "络绎不绝")
    # unknown words: a known word loses its gloss with its pinyin
    unknown = DisplayOptions(ruby_words=RubyWords.UNKNOWN, glosses=True)
    known = {"游客": int(WordStatus.KNOWN)}
    found = glosses_for(tokens, unknown, known, lambda _w: None, gloss)
    assert not any(t.start in found for t in words if t.text == "游客") and found
    # the setting off: none
    assert glosses_for(tokens, DisplayOptions(), {}, lambda _w: None, gloss) == {}


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not here")
def test_the_view_prints_glosses_under_off_list_words(
    qtbot: QtBot, language_tools: LanguageTools
) -> None:
    from reader.ui.article_view.widget import ArticleView

    text = SEED.read_text(encoding="utf-8")[:600]
    tokens = language_tools.analyzer.analyse(text)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.set_article(text, tokens)
    view.set_glosser(token_glosser(language_tools.dictionary.entry))
    view.set_options(DisplayOptions(ruby_words=RubyWords.OFF_LIST))
    layout = view.layout_
    assert layout is not None and layout.glosses is None
    plain_height = layout.line_height
    taught = {t.text for t in tokens if t.text in ("游客", "景区", "大足")}
    view.set_class_words(taught)
    view.set_options(DisplayOptions(ruby_words=RubyWords.OFF_LIST, glosses=True))
    layout = view.layout_
    assert layout is not None and layout.glosses is not None
    assert layout.line_height > plain_height  # a band under the characters
    texts = layout.glosses.texts
    assert not any(t.start in texts for t in tokens if t.text in taught)
    assert any(t.start in texts for t in tokens if t.text == "络绎不绝")
    # each gloss is under its word, inside the line (hanging into the margin no more than
    # a wide pinyin does), and never overlaps the next
    assert layout.hang is not None
    for line in range(layout.line_count):
        placed = layout.line_glosses(line)
        hang = layout.hang[layout.line_starts[line]]
        for (x, gloss), following in zip(placed, [*placed[1:], None], strict=True):
            width = layout.glosses.advance(gloss)
            assert -hang - 0.5 <= x and x + width <= layout.width + 1
            if following is not None:
                assert x + width <= following[0] + 0.5
    view.grab()  # painted without error
