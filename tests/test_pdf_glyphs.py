"""TeX fonts' symbols PDFium reads as control codes (``pdf_glyphs``), as the CTEX FAQ
has them: the dangerous bend in manfnt, the per mille sign and bullet in its unnamed TS1
font; the same code in another font (CMMI10's 127, a tie accent in lshort) stays."""

from __future__ import annotations

from reader.core.importing.pdf_glyphs import DANGEROUS_BEND, readable_glyphs


def test_manfnt_s_127_is_the_dangerous_bend() -> None:
    text = "\x7f\n符号表示后面的内容需要比较深的 LATEX 知识。"
    assert readable_glyphs(text, lambda index: "manfnt") == (
        DANGEROUS_BEND + "\n符号表示后面的内容需要比较深的 LATEX 知识。"
    )


def test_ts1_s_per_mille_and_bullet() -> None:
    assert (
        readable_glyphs("78 如何显示千分号 \x87 ？", lambda index: "") == "78 如何显示千分号 ‰ ？"
    )
    assert readable_glyphs("\x88 http://www.ctex.org", lambda index: "tcrm1000") == (
        "• http://www.ctex.org"
    )


def test_the_same_codes_in_other_fonts_stay() -> None:
    text = "oo\x7f \\t{oo}"
    names = {2: "CMMI10"}
    assert readable_glyphs(text, lambda index: names.get(index, "CMR10")) == text
    assert readable_glyphs("\x88", lambda index: "Helvetica") == "\x88"


def test_a_text_without_those_codes_asks_no_font() -> None:
    def never(index: int) -> str:
        raise AssertionError(index)

    assert readable_glyphs("普通的文字。", never) == "普通的文字。"
