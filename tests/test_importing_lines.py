"""Which lines of a plain text stay lines: verse, numbered items, a short pasted note."""

from __future__ import annotations

from reader.core.importing import import_text
from reader.core.importing.reflow import rebuild


def test_unpunctuated_verse_keeps_its_lines() -> None:
    poem = "静夜思\n\n床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n"
    (article,) = import_text(poem)
    assert article.title == "静夜思"
    assert article.paragraphs == ["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]


def test_seven_character_verse_keeps_its_lines() -> None:
    verse = "朝辞白帝彩云间\n千里江陵一日还\n两岸猿声啼不住\n轻舟已过万重山\n" * 2
    assert rebuild(verse).split("\n") == verse.strip().split("\n")


def test_a_numbered_item_starts_a_paragraph_in_wrapped_text() -> None:
    text = (
        "学习中文的方法有很多种，我们今天介绍其中的\n三种方法，大家可以试一试这些方法\n"
        "1. 每天读一篇短文，坚持下去就会有\n很大的进步\n"
        "2) 每天听写，听写能帮助你记住汉字的写法和\n词语的用法\n"
    )
    assert rebuild(text).split("\n") == [
        "学习中文的方法有很多种，我们今天介绍其中的三种方法，大家可以试一试这些方法",
        "1. 每天读一篇短文，坚持下去就会有很大的进步",
        "2) 每天听写，听写能帮助你记住汉字的写法和词语的用法",
    ]


def test_a_blank_line_in_a_short_note_is_a_break() -> None:
    # (with five lines or more, a blank line after an unfinished line is print's, not a break)
    assert rebuild("今天天气很好，我们\n\n去公园吧。").split("\n") == [
        "今天天气很好，我们",
        "去公园吧。",
    ]
    assert rebuild("今天天气很好\n\n我们去公园吧").split("\n") == ["今天天气很好", "我们去公园吧"]


def test_a_wrapped_text_still_joins() -> None:
    text = (
        "这是一段从书上复制下来的文字，每一行\n都在固定的宽度断开，所以需要把这些行\n"
        "重新连起来，成为一个完整的段落。\n"
    )
    assert rebuild(text) == (
        "这是一段从书上复制下来的文字，每一行都在固定的宽度断开，所以需要把这些行"
        "重新连起来，成为一个完整的段落。"
    )
