"""A PDF's listings keep their indents (``pdf_listings``): the paragraphs that are a
listing's lines get the indent ``pdf_layout`` measured, and nothing else changes."""

from __future__ import annotations

import re

import pytest

from reader.core.importing import ImportedArticle, import_file
from reader.core.importing.article import make_article
from reader.core.importing.pdf_layout import CodeLine
from reader.core.importing.pdf_listings import with_indents
from tests.conftest import SHARED

LSHORT = SHARED / "corpus" / "pdf_lshort_zh_cn_139pages.pdf"
_HAN = re.compile("[\u4e00-\u9fff]")


def _article(paras: list[str]) -> ImportedArticle:
    return make_article("Lists", paras, "\n".join(paras), "a.pdf")


def test_a_listing_s_paragraphs_get_their_indents_and_the_prose_stays() -> None:
    paras = ["A list is written so:", "\\begin{itemize}", "\\item A", "\\end{itemize}", "Done."]
    code = [CodeLine("\\begin{itemize}", 0), CodeLine("\\item A", 2), CodeLine("\\end{itemize}", 0)]
    (article,) = with_indents([_article(paras)], code)
    assert article.paragraphs == [
        "A list is written so:",
        "\\begin{itemize}",
        "  \\item A",
        "\\end{itemize}",
        "Done.",
    ]
    assert article.title == "Lists"


def test_a_line_that_recurs_is_indented_where_it_stands() -> None:
    # the first \item X ran into a sentence: the one left is the second listing's
    paras = ["\\begin{itemize}", "Use \\item X here.", "\\end{itemize}", "\\begin{a}", "\\item X"]
    code = [
        CodeLine("\\begin{itemize}", 0),
        CodeLine("\\item X", 2),
        CodeLine("\\end{itemize}", 0),
        CodeLine("\\begin{a}", 0),
        CodeLine("\\item X", 4),
    ]
    (article,) = with_indents([_article(paras)], code)
    assert article.paragraphs[1] == "Use \\item X here."
    assert article.paragraphs[4] == "    \\item X"


def test_a_line_whose_spacing_the_text_fixed_is_still_the_listing_s() -> None:
    # (the spaces beside full-width punctuation went on the way: ``% 注释 ，`` → ``% 注释，``)
    paras = ["\\foo{x}", "\\usepackage{x} % 注释，宏包"]
    code = [CodeLine("\\foo{x}", 0), CodeLine("\\usepackage{x}  % 注释 ，宏包", 3)]
    (article,) = with_indents([_article(paras)], code)
    assert article.paragraphs[1] == "   \\usepackage{x} % 注释，宏包"


def test_without_an_indent_to_keep_the_articles_are_as_they_were() -> None:
    articles = [_article(["\\begin{x}", "\\end{x}"])]
    assert with_indents(articles, [CodeLine("\\begin{x}", 0), CodeLine("\\end{x}", 0)]) is articles


@pytest.fixture(scope="module")
def lshort() -> list[str]:
    if not LSHORT.is_file():
        pytest.skip("needs ../shared/corpus")
    return [p for article in import_file(LSHORT) for p in article.paragraphs]


def _run(paras: list[str], run: list[str]) -> bool:
    return any(paras[i : i + len(run)] == run for i in range(len(paras) - len(run) + 1))


def test_lshort_s_nested_lists_keep_their_indents(lshort: list[str]) -> None:
    # read off p. 24 (the PDF's 36th page): the items two characters in, the nested
    # list's four, as the grey box sets them
    assert _run(
        lshort,
        [
            "\\begin{itemize}",
            "  \\item An item.",
            "  \\begin{itemize}",
            "    \\item A nested item.",
            "    \\item[+] A `plus' item.",
            "    \\item Another item.",
            "  \\end{itemize}",
            "  \\item Go back to upper level.",
            "\\end{itemize}",
        ],
    )
    # p. 24: a command's argument on the next line, two in
    assert _run(lshort, ["\\renewcommand{\\labelenumi}%", "  {\\Alph{enumi}>}"])


def test_lshort_s_verbatim_and_definitions_keep_their_indents(lshort: list[str]) -> None:
    # p. 26: C++ in a verbatim, its continued line aligned under the string (12 in)
    assert _run(
        lshort,
        [
            "{",
            '  std::cout << "Hello, world!"',
            "            << std::endl;",
            "  return 0;",
        ],
    )
    # p. 96: an environment's definition, its \hspace lines five in
    assert _run(
        lshort,
        [
            "\\newenvironment{king}",
            "{\\rule{1ex}{1ex}%",
            "     \\hspace{\\stretch{1}}}",
            "{\\hspace{\\stretch{1}}%",
            "     \\rule{1ex}{1ex}}",
        ],
    )


def test_lshort_s_prose_is_never_indented(lshort: list[str]) -> None:
    indented = [p for p in lshort if p.startswith(" ")]
    assert len(indented) > 100
    # a Hanzi in an indented line is in a comment or an argument, never prose's
    assert not [p for p in indented if _HAN.search(re.split(r"[%{]", p)[0])]


def test_lshort_s_columns_aligned_with_spaces_stay_aligned(lshort: list[str]) -> None:
    # p. 28 (the PDF's 40th page): the tabular's source lines its cells up under the
    # header row's (L under left, C under center, R under right), as the grey box sets it
    assert _run(
        lshort,
        [
            "  left & center & right",
            "       & par box with fixed width\\\\",
            "  L    & C      & R     & P \\\\",
        ],
    )
    # p. 21 (the PDF's 33rd): source 3.1's comments in one column right of its commands
    assert _run(
        lshort,
        [
            "\\usepackage{makeidx}        % 调用 makeidx 宏包，用来处理索引",
            "\\makeindex                  % 开启索引的收集",
            "\\bibliographystyle{plain}   % 指定参考文献样式为 plain",
        ],
    )
    assert _run(lshort, ["\\frontmatter         % 前言部分", "\\maketitle           % 标题页"])


def test_lshort_s_typeset_results_beside_a_listing_keep_single_spaces(lshort: list[str]) -> None:
    # p. 49 (the PDF's 61st): the spacing commands' table shows each one's result in the
    # text font beside it; those gaps are the result's, not the listing's columns
    assert "\\quad a a \\: a a" in lshort
    # p. 61 (the PDF's 73rd): the example's result set beside its last line
    assert any(p.endswith("letters}. He likes large and small letters.") for p in lshort)
