"""The pure layout: line-breaking rules, words kept whole, ruby cells, hit-testing."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from reader.ui.article_view.breaking import NO_LINE_END, NO_LINE_START, break_opportunities
from reader.ui.article_view.layout import ArticleLayout, Hit


@dataclass
class GridMetrics:
    """Every character one unit wide, every ruby letter a quarter: easy arithmetic."""

    char_height: float = 1.0
    ruby_height: float = 0.5
    line_gap: float = 0.25
    paragraph_gap: float = 1.0
    ruby_gap: float = 0.0
    word_gap: float = 0.5

    def char_advance(self, char: str) -> float:
        return 1.0

    def ruby_advance(self, ruby: str) -> float:
        return len(ruby) * 0.25


def layout_of(words: list[str], width: float, rubies: list[str] | None = None) -> ArticleLayout:
    text = "".join(words)
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word)
    layout = ArticleLayout(text, starts, rubies or [""] * len(text), GridMetrics())
    layout.relayout(width)
    return layout


def lines(layout: ArticleLayout) -> list[str]:
    return [layout.text[s:e] for s, e in zip(layout.line_starts, layout.line_ends, strict=True)]


def test_no_line_begins_with_closing_punctuation() -> None:
    # 我们去看了 fills a line of 5; 。 may not start the next one, so 看了 goes with it.
    layout = layout_of(["我们", "去", "看了", "。", "好"], 5)
    assert lines(layout) == ["我们去", "看了。好"]
    for closing in "，。、；：？！）」』”…%":
        result = lines(layout_of(["一二三", "四五", closing, "六"], 5))
        assert not any(line[0] in NO_LINE_START for line in result), (closing, result)


def test_no_line_ends_with_opening_punctuation() -> None:
    for opening in "（「『“":
        result = lines(layout_of(["一二三", "四", opening, "五六", "」"], 5))
        assert not any(line[-1] in NO_LINE_END for line in result), (opening, result)
        assert result[1].startswith(opening)


def test_words_are_kept_whole_and_long_words_broken() -> None:
    assert lines(layout_of(["一二", "三四五", "六"], 4)) == ["一二", "三四五六"]
    assert lines(layout_of(["一二三四五六七"], 3)) == ["一二三", "四五六", "七"]


def test_paragraphs_below_the_title() -> None:
    text = "一二\n\n三四"
    layout = ArticleLayout(text, [0, 2, 4], [""] * len(text), GridMetrics())
    body = 4.0  # where the title's own layout ends
    layout.relayout(10, top=body)
    assert lines(layout) == ["一二", "三四"]
    assert layout.line_tops[0] == body
    assert layout.line_tops[1] == body + 1.5 + 0.25 + 1.0  # ruby and characters, gap, paragraph gap


def test_ruby_widens_cells_and_is_centred_over_its_character() -> None:
    layout = layout_of(["银行"], 10, ["yin2", "hang2"])
    cells = layout.cells(0)
    assert [c.width for c in cells] == [1.0, 1.25]  # "hang2" is 1.25 wide
    assert cells[1].x == 1.0


def test_hit_testing_finds_token_and_character() -> None:
    layout = layout_of(["我们", "去", "银行", "。"], 3)
    assert lines(layout) == ["我们去", "银行。"]
    top = layout.line_tops[1]
    assert layout.hit_test(1.5, top + 0.5) == Hit(token_index=2, char_index=4)
    assert layout.hit_test(0.2, 0.9) == Hit(token_index=0, char_index=0)
    assert layout.hit_test(2.5, 0.9) == Hit(token_index=1, char_index=2)
    assert layout.hit_test(5.0, 0.5) is None  # right of the line
    assert layout.hit_test(0.5, 1.6) is None  # in the gap between lines


def test_relayout_of_a_long_text_keeps_every_character_once() -> None:
    words = ["中国", "，", "人民", "银行", "（", "央行", "）", "说", "：", "好", "\n"] * 500
    layout = layout_of(words, 7)
    joined = "".join(
        layout.text[s:e] for s, e in zip(layout.line_starts, layout.line_ends, strict=True)
    )
    assert joined == layout.text.replace("\n", "")
    assert all(
        layout.prefix[e] - layout.prefix[s] <= 7
        for s, e in zip(layout.line_starts, layout.line_ends, strict=True)
    )
    assert not any(line[0] in NO_LINE_START or line[-1] in NO_LINE_END for line in lines(layout))


class UnevenMetrics(GridMetrics):
    """Widths that are not sums of powers of two: the bisection's ``base + width`` rounds
    differently from the greedy test's ``prefix - base`` at some line ends."""

    def char_advance(self, char: str) -> float:
        return 0.7 + (ord(char) % 7) * 0.1


def test_every_line_is_as_full_as_the_greedy_rule_makes_it() -> None:
    """Lines end where the greedy pass word by word ends them (the relayout bisects)."""
    rng = random.Random(20)
    words = ["".join(rng.choice("中国人民银行说好，。（）") for _ in range(rng.randint(1, 4)))]
    for _ in range(3000):
        words.append(
            "\n"
            if rng.random() < 0.02
            else "".join(rng.choice("中国人民银行说好，。（）") for _ in range(rng.randint(1, 4)))
        )
    text = "".join(words)
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word))
    layout = ArticleLayout(text, starts, [""] * len(text), UnevenMetrics())
    # where the word after each break opportunity ends: the next one, or its paragraph's end
    following: dict[int, int] = {}
    for start, end in layout.paragraphs:
        opportunities = break_opportunities(text, start, end, starts)
        following.update(zip(opportunities, [*opportunities[1:], end], strict=True))
    # widths that are distances between two characters: lines that fit all but exactly,
    # where ``base + width`` rounds to the other side (these two were found so)
    widths = [layout.prefix[i + n] - layout.prefix[i] for i, n in ((4599, 12), (751, 7))]
    for width in (3.3, 5.05, 7.1, *widths):
        layout.relayout(width)
        broken = 0
        for line_start, line_end in zip(layout.line_starts, layout.line_ends, strict=True):
            width_used = layout.prefix[line_end] - layout.prefix[line_start]
            if following.get(line_start, line_end) < line_end:  # two words or more
                assert width_used <= width  # the last one fitted
            if line_end in following:  # not a paragraph's end, nor inside a long word
                broken += 1  # the next line's first word would not have fitted
                assert layout.prefix[following[line_end]] - layout.prefix[line_start] > width
        assert broken > layout.line_count / 2


def test_ruby_list_must_match_text() -> None:
    with pytest.raises(ValueError):
        ArticleLayout("一二", [0], [""], GridMetrics())


def word_layout(
    words: list[tuple[str, list[str]]], width: float, joined: bool = True, word_gaps: bool = True
) -> ArticleLayout:
    """Each word with its syllables, typeset as words (as the view does)."""
    text = "".join(word for word, _ in words)
    starts, spans, rubies, offset = [], [], [], 0
    for word, syllables in words:
        starts.append(offset)
        spans.append((offset, offset + len(word)))
        rubies += syllables
        offset += len(word)
    layout = ArticleLayout(
        text,
        starts,
        rubies,
        GridMetrics(),
        word_starts=[start for start, _end in spans],
        word_ends=[end for _start, end in spans],
        joined=joined,
        word_gaps=word_gaps,
    )
    layout.relayout(width)
    return layout


SENTENCE = [
    ("上午", ["shàng", "wǔ"]),
    ("我们", ["wǒ", "men"]),
    ("去", ["qù"]),
    ("宝顶山", ["bǎo", "dǐng", "shān"]),
    ("西安", ["xī", "ān"]),
]


def test_the_characters_of_a_word_stay_at_the_font_advance() -> None:
    # Every syllable here is wider than its character (0.25 a letter against 1.0), which
    # before pushed 上 and 午 apart: now only the edges of a word take the spare room.
    layout = word_layout(SENTENCE, 100)
    for start, end in zip(layout.word_starts, layout.word_ends, strict=True):
        for index in range(start, end - 1):
            assert layout.glyph_x(index + 1) - layout.glyph_x(index) == 1.0, layout.text[index]


def test_a_word_wider_in_pinyin_takes_the_room_at_its_edges_and_words_are_spaced() -> None:
    layout = word_layout(SENTENCE, 100)
    # 上午: "shàngwǔ" is 7 letters = 1.75 wide over 2.0 of characters: no spare room
    assert layout.glyph_x(0) == 0.0
    # 我们 "wǒmen" 1.25 < 2; after 上午 comes the word gap (0.5)
    assert layout.glyph_x(2) == 2.0 + 0.5
    # 去 "qù" 0.5 < 1; 宝顶山 "bǎodǐngshān" 2.75 < 3; 西安 "xī'ān" 1.25 < 2
    assert layout.glyph_x(4) == 2.5 + 2.0 + 0.5
    # a wide syllable over one character: 双 "shuāng" is 1.5 wide, 0.25 either side
    wide = word_layout([("一", ["yī"]), ("双", ["shuāng"]), ("鞋", ["xié"])], 100)
    assert wide.glyph_x(1) == 1.0 + 0.5 + 0.25
    assert wide.glyph_x(2) == wide.glyph_x(1) + 1.0 + 0.25 + 0.5
    assert wide.line_rubies(0)[1] == (1, 1.5, "shuāng")  # centred over 双: 1.75 + 0.5 - 0.75
    # a line that begins with such a word begins at its character: the left edge is
    # straight, the pinyin overhangs the margin
    first = word_layout([("双", ["shuāng"]), ("鞋", ["xié"])], 100)
    assert first.glyph_x(0) == 0.0
    assert first.line_rubies(0)[0] == (0, -0.25, "shuāng")
    assert first.hit_test(0.1, 1.0) == Hit(token_index=0, char_index=0)


def test_pinyin_is_joined_per_word_with_the_apostrophe_or_spaced() -> None:
    joined = word_layout(SENTENCE, 100)
    pieces = {index: piece for index, _x, piece in joined.line_rubies(0)}
    assert "".join(pieces[i] for i in range(5, 8)) == "bǎodǐngshān"
    assert pieces[8] + pieces[9] == "xī'ān"
    spaced = word_layout(SENTENCE, 100, joined=False)
    pieces = {index: piece for index, _x, piece in spaced.line_rubies(0)}
    assert pieces[5] + pieces[6] + pieces[7] == "bǎo dǐng shān"
    # the pieces follow each other, centred as a whole over the word's characters
    rubies = [r for r in spaced.line_rubies(0) if 5 <= r[0] < 8]
    width = sum(len(p) * 0.25 for _i, _x, p in rubies)
    left = rubies[0][1]
    assert left + width / 2 == spaced.glyph_x(5) + 1.5


def test_no_word_gaps_when_switched_off_and_hit_testing_covers_the_spare_room() -> None:
    layout = word_layout(SENTENCE, 100, word_gaps=False)
    assert layout.glyph_x(2) == 2.0
    gapped = word_layout(SENTENCE, 100)
    # a click in the gap after 上午 still hits 上午's last character, never a neighbour
    assert gapped.hit_test(2.25, 1.0) == Hit(token_index=0, char_index=1)
    # a highlight of 上午 ends at its characters, not at the gap
    assert gapped.span_width(0, 2) == 2.0


def test_a_word_cut_by_the_end_of_a_line_keeps_each_syllable_over_its_character() -> None:
    syllables = ["zhōng", "huá", "rén", "mín", "gòng", "hé", "guó"]
    layout = word_layout([("中华人民共和国", syllables)], 4)
    assert lines(layout) == ["中华人民", "共和国"]
    for line in range(2):
        for index, x, piece in layout.line_rubies(line):
            centre = x + len(piece) * 0.25 / 2
            assert centre == layout.glyph_x(index) + 0.5


def test_a_long_text_is_typeset_the_same_whatever_the_chunks_its_passes_take(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The passes over a long text hand Python's lock back a chunk at a time: where the
    chunks end changes nothing (cells, offsets, gaps, lines)."""
    from reader.ui.article_view import layout as layout_module

    words = ([*SENTENCE, ("，", [""]), ("一", ["yī"]), ("\n", [""])]) * 400  # 5,200 characters

    def typeset() -> tuple[list[float], ...]:
        made = word_layout(words, 13)
        return (
            list(made.prefix),
            list(made.glyph_offset),
            list(made.trailing_gap),
            [float(start) for start in made.line_starts],
        )

    whole = typeset()
    monkeypatch.setattr(layout_module, "_CHUNK", 7)
    assert typeset() == whole
    assert len(whole[0]) == 5_201 and len(whole[3]) > 400


def test_an_unspaced_latin_run_is_not_cut_between_its_tokens() -> None:
    """``最新更新：2016/03/19 10:48`` (a CNA page): the segmenter makes ``10``, ``:``,
    ``48`` tokens, and a line that broke after ``10:`` read as two numbers."""
    text = "最新更新：2016/03/19 10:48"
    starts = [0, 2, 4, 5, 9, 10, 12, 13, 15, 16, 18, 19]
    # 更新, the date after the colon, the space and the time: never inside the date or time
    assert break_opportunities(text, 0, len(text), starts) == [0, 2, 5, 15, 16]


def test_a_latin_run_wider_than_the_line_is_still_cut() -> None:
    """An address longer than a line is one unbreakable run, cut where the line ends."""
    address = "https://example.com/" + "a/" * 20
    text = "访问" + address
    starts = [0, 2, *range(7, len(text), 2)]  # the segmenter's many small tokens
    layout = ArticleLayout(text, starts, [""] * len(text), GridMetrics())
    layout.relayout(10)
    assert layout.line_count > 4
    assert all(e - s <= 10 for s, e in zip(layout.line_starts, layout.line_ends, strict=True))
