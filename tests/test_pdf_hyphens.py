"""Words PDFium marked hyphenated at a line's end (U+FFFE), decided by the document
(``pdf_hyphens``): the cases are the corpus's (lshort-zh-cn and the CTEX FAQ)."""

from __future__ import annotations

from reader.core.importing.pdf_hyphens import MARK, rejoined


def one(text: str, *elsewhere: str) -> str:
    """The text with its break resolved, the other pages of the document beside it."""
    return rejoined([text, *elsewhere])[0]


def test_a_lower_case_break_is_one_word() -> None:
    assert one(f"请访问“Compre{MARK}hensive TEX Archive Network”") == (
        "请访问“Comprehensive TEX Archive Network”"
    )
    assert one(f"Free Documenta{MARK}tion License") == "Free Documentation License"


def test_the_whole_word_found_elsewhere_is_the_word() -> None:
    assert one(f"The LATEX compan{MARK}ion[2]", "see The LATEX companion") == (
        "The LATEX companion[2]"
    )


def test_the_hyphenated_form_found_elsewhere_keeps_its_hyphen() -> None:
    text = f"words, including double{MARK}emphasized words"
    assert one(text, "\\emph{double-emphasized}") == "words, including double-emphasized words"


def test_a_capital_after_the_break_keeps_the_hyphen() -> None:
    assert (
        one(f"日本的 Shift{MARK}JIS、中国大陆的 GB 2312") == "日本的 Shift-JIS、中国大陆的 GB 2312"
    )
    assert one(f"CTEX-Fonts、CTEX-CS 和 CTEX{MARK}Ext。") == "CTEX-Fonts、CTEX-CS 和 CTEX-Ext。"


def test_two_words_of_the_text_keep_the_hyphen() -> None:
    # the typeset result of ``top-\\ aligned`` in a table's cell: both parts are words
    text = f"center-aligned, top{MARK}aligned, bottom{MARK}aligned tabulars."
    source = "[t]{|c|} top-\\\\ aligned \\\\ … [b]{|c|} bottom-\\\\ aligned \\\\"
    assert one(text, source) == "center-aligned, top-aligned, bottom-aligned tabulars."


def test_a_tex_command_s_name_is_one_word() -> None:
    # ``⟨page-style⟩`` elsewhere is a placeholder's name, not the command's
    text = f"通常先用 \\page{MARK}style{{fancy}} 调用这个样式。"
    assert one(text, "\\pagestyle{⟨page-style⟩}") == "通常先用 \\pagestyle{fancy} 调用这个样式。"


def test_a_part_of_a_broken_word_is_no_word_of_the_text() -> None:
    # ``top`` occurs only as the broken word's part: no evidence for a compound
    assert one(f"a top{MARK}aligned box", "it is aligned") == "a topaligned box"


def test_pages_without_a_mark_are_the_same_pages() -> None:
    pages = ["第一页", "第二页"]
    assert rejoined(pages) is pages
