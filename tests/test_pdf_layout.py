"""A PDF page's layout read from PDFium's character boxes (``pdf_layout``), on pages made
here with lines set where a book sets them: 10-point Helvetica (an em is 10 points), the
column's left edge at 72 points and its right edge where a full line ends (466)."""

from __future__ import annotations

import io

import pypdfium2
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from reader.core.importing.pdf_formulas import PARAGRAPH_START
from reader.core.importing.pdf_layout import CELL, CodeLine, LaidOutPage, laid_out_page

LEFT = 72.0
# a full line of the column: in Helvetica 10 pt it reaches 466 (checked below)
FULL = "The quick brown fox jumps over the lazy dog and runs off into the woods and back home."
Piece = tuple[float, str, str]  # x, font (F1 Helvetica, F2 Courier), text


def page_pdf(lines: list[list[Piece]]) -> bytes:
    """A one-page PDF, each line's pieces set at their x, lines 14 points apart."""
    writer = PdfWriter()
    page = writer.add_blank_page(560, 800)
    fonts = DictionaryObject()
    for key, base in (("/F1", "/Helvetica"), ("/F2", "/Courier")):
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
            }
        )
        fonts[NameObject(key)] = writer._add_object(font)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    commands = []
    for row, pieces in enumerate(lines):
        y = 760 - 14 * row
        for x, name, text in pieces:
            commands.append(f"BT /{name} 10 Tf {x} {y} Td ({text}) Tj ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(commands).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def laid_out_page_of(lines: list[list[Piece]]) -> LaidOutPage:
    document = pypdfium2.PdfDocument(page_pdf(lines))
    try:
        return laid_out_page(document[0].get_textpage())
    finally:
        document.close()


def laid_out(lines: list[list[Piece]]) -> list[str]:
    return laid_out_page_of(lines).text.split("\n")


def prose(text: str, x: float = LEFT) -> list[Piece]:
    return [(x, "F1", text)]


BODY = [prose(FULL), prose(FULL), prose(FULL)]


def test_the_full_line_reaches_the_column_s_right_edge() -> None:
    document = pypdfium2.PdfDocument(page_pdf([prose(FULL)]))
    textpage = document[0].get_textpage()
    right = textpage.get_charbox(len(FULL) - 1)[2]
    document.close()
    assert 460 < right < 470


def test_a_table_s_rows_are_paragraphs_with_their_cells_tab_joined() -> None:
    # a column starting at x = 160 on every row, 4 em and more after the first cell
    table = [
        [(LEFT, "F1", "Name"), (160, "F1", "Meaning")],
        [(LEFT, "F1", "width"), (160, "F1", "scale to a width")],
        [(LEFT, "F1", "height"), (160, "F1", "scale to a height")],
    ]
    lines = laid_out([*BODY, *table, prose("Under the table the text goes on.")])
    assert lines[3:6] == [
        PARAGRAPH_START + "Name" + CELL + "Meaning",
        PARAGRAPH_START + "width" + CELL + "scale to a width",
        PARAGRAPH_START + "height" + CELL + "scale to a height",
    ]
    assert lines[6] == PARAGRAPH_START + "Under the table the text goes on."


def test_a_narrow_gap_is_a_cell_only_where_a_column_starts() -> None:
    # 1.4 em after "size=big": a column's gap where the row under starts a cell at x =
    # 130 too; on a line of its own (nothing to align with) it is a space, however wide
    aligned = [
        [(LEFT, "F1", "size=big"), (130, "F1", "a big one")],
        [(LEFT, "F1", "s"), (130, "F1", "a small one")],
    ]
    assert laid_out([*BODY, *aligned])[3] == PARAGRAPH_START + "size=big" + CELL + "a big one"
    alone = [(LEFT, "F1", "size=big"), (130, "F1", "a big one")]
    assert laid_out([*BODY, alone, *BODY])[3] == "size=big a big one"


def test_no_cell_beside_a_framing_bar_nor_after_a_heading_s_number() -> None:
    framed = [(LEFT, "F1", "|Test some words."), (250, "F1", "|")]
    numbered = [(LEFT, "F1", "1.1.1"), (110, "F1", "TEX")]
    lines = laid_out([*BODY, framed, numbered, *BODY])
    assert lines[3] == "|Test some words. |"
    assert CELL not in lines[4]


def test_a_margin_s_note_beyond_the_column_is_no_cell() -> None:
    question = [(LEFT, "F1", "12 How do I get it?"), (500, "F1", "New")]
    assert CELL not in laid_out([*BODY, question, *BODY])[3]


def test_an_indented_first_line_starts_a_paragraph() -> None:
    # 2 em in, over a line at the column's edge; the paragraph's next lines go on
    first = prose("A new paragraph starts here and it goes on for a while.", LEFT + 20)
    lines = laid_out([*BODY, first, prose(FULL), prose(FULL)])
    assert lines[3].startswith(PARAGRAPH_START + "A new paragraph")
    assert not lines[4].startswith(PARAGRAPH_START)
    assert not lines[0].startswith(PARAGRAPH_START)


def test_a_list_item_s_last_line_does_not_start_a_paragraph() -> None:
    # an item's lines hang 2.6 em in, under its bullet: not a first line's indent
    item = [
        prose("- An item whose text runs over a few lines of the list and", LEFT + 14),
        prose("goes on here at the item's own indent, past the bullet and", LEFT + 26),
        prose("ends here.", LEFT + 26),
    ]
    lines = laid_out([*BODY, *item, *BODY])
    assert not any(line.startswith(PARAGRAPH_START) for line in lines[4:6])


def test_code_displayed_after_a_colon_keeps_its_lines() -> None:
    # Courier 3 em in, after a line ending with a colon: each line of the listing is one
    # of its own, and so is the text under it
    code = [
        prose("The commands for a new page are these two:"),
        [(LEFT + 30, "F2", "\\\\newpage")],
        [(LEFT + 30, "F2", "\\\\clearpage")],
        prose("which both end the page, but the second also flushes the floats."),
    ]
    lines = laid_out([*BODY, *code, *BODY])
    assert lines[4:7] == [
        PARAGRAPH_START + "\\newpage",
        PARAGRAPH_START + "\\clearpage",
        PARAGRAPH_START + "which both end the page, but the second also flushes the floats.",
    ]


def test_a_listing_s_lines_have_their_indents_in_typewriter_characters() -> None:
    # Courier 10 pt advances 6 points a character: set in 12 and 24 points from the
    # listing's leftmost line, its items are 2 and 4 characters in (the text's lines
    # carry no spaces before them)
    code = [
        prose("The list is written so:"),
        [(LEFT + 30, "F2", "\\\\begin{itemize}")],
        [(LEFT + 42, "F2", "\\\\item One")],
        [(LEFT + 54, "F2", "\\\\item Deeper")],
        [(LEFT + 30, "F2", "\\\\end{itemize}")],
        prose("and it makes a list."),
    ]
    page = laid_out_page_of([*BODY, *code, *BODY])
    assert page.code == (
        CodeLine("\\begin{itemize}", 0),
        CodeLine("\\item One", 2),
        CodeLine("\\item Deeper", 4),
        CodeLine("\\end{itemize}", 0),
    )
    assert page.text.split("\n")[5] == PARAGRAPH_START + "\\item One"


def test_a_line_in_another_font_is_not_the_listing_s() -> None:
    # a caption set in, in Helvetica, over one line of Courier set further in: the
    # listing is that line alone, with nothing to be indented from
    lines = [
        *BODY,
        [(LEFT + 30, "F1", "A caption set in, in Helvetica")],
        [(LEFT + 42, "F2", "\\\\item One")],
        *BODY,
    ]
    assert laid_out_page_of(lines).code == ()


def test_code_the_words_before_lead_into_stays_in_their_sentence() -> None:
    code = [prose("Set the spacing with the command"), [(LEFT + 30, "F2", "\\\\linespread{2}")]]
    lines = laid_out([*BODY, *code, *BODY])
    assert lines[4] == "\\linespread{2}"
    assert not lines[5].startswith(PARAGRAPH_START)
