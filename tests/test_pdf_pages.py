"""A PDF's pages before they are joined: footnotes out of the paragraph a page break cuts,
and what typesetting left of formulas dropped (page lists as PDFium gives them)."""

from __future__ import annotations

from reader.core.importing import import_text
from reader.core.importing.margin_notes import without_margin_notes
from reader.core.importing.pdf_footnotes import move_footnotes
from reader.core.importing.pdf_format import _cleaned, contents_entries, without_debris
from reader.core.importing.pdf_formulas import FORMULA, without_formulas
from reader.core.importing.pdf_index import index_entries, is_index
from reader.core.importing.pdf_references import reference_lists

PROSE = (
    "在西文排版实践中，断行的位置优先选取在两个单词之间，也就是在源代码中输入的空格。空格本身"
    "通常生成一个间距，它会根据行宽和上下文自动调整，文字密一些的地方，单词间距就略窄，反之略"
    "宽。文字在单词间的空格处断行时，空格生成的间距随之舍去。我们可以使用字符输入一个不会断行"
    "的空格，通常用在英文人名、图表名称等上下文环境。"
)
# print's lines: cut at 36 Hanzi
LINES = [PROSE[i : i + 36] for i in range(0, len(PROSE), 36)]
NOTE = "4中文排版实现汉字间断行，则需要宏包的支持。"


def _paragraphs(pages: list[list[str]]) -> list[str]:
    """The paragraphs of the pages joined as ``pdf_text`` joins them."""
    (article,) = import_text("\n\n".join("\n".join(lines) for lines in pages))
    return article.paragraphs


def test_a_footnote_leaves_the_paragraph_the_page_break_cuts() -> None:
    # the page breaks after 反之略 (a full line); its note 4 is marked in its text (间距4，)
    first = [
        *LINES,
        "在排版实践中，断行的位置优先选取在两个单词之间，也就是在源代码中输入的空格。空格",
        "本身通常生成一个间距4，它会根据行宽和上下文自动调整，文字密一些的地方，单词间",
        "距就略窄，反之略宽。文字在单词间的空格处断行时，空格生成的间距随之就会舍去，反之略",
        NOTE,
    ]
    second = ["宽一些。我们可以使用字符输入一个不会断行的空格。", *LINES]
    moved = move_footnotes([first, second])
    assert moved[0] == first[:-1]
    assert moved[1][1] == "\u3000" + NOTE  # after 宽一些。, where the cut sentence ends
    paragraphs = _paragraphs(moved)
    assert paragraphs[1].endswith(
        "空格生成的间距随之就会舍去，反之略宽一些。我们可以使用字符输入一个不会断行的空格。"
    )
    assert NOTE in paragraphs


def test_a_footnote_under_a_paragraph_that_ended_stays_a_paragraph_of_its_own() -> None:
    # the page ends on a line of code, which ends its paragraph however wide it is
    code = "\\newcounter{⟨counter name⟩}[⟨parent counter name⟩]"
    first = [
        *LINES,
        "定义一个计数器的方法为2：",
        code,
        "2但如果你以不同的选项多次引入宏包，则有",
        "可能会引起错误。",
    ]
    second = ["⟨counter name⟩ 为计数器的名称。", *LINES]
    paragraphs = _paragraphs(move_footnotes([first, second]))
    assert "2但如果你以不同的选项多次引入宏包，则有可能会引起错误。" in paragraphs
    assert "⟨counter name⟩ 为计数器的名称。" in paragraphs


def test_a_number_at_a_lines_start_that_the_page_does_not_mark_is_text() -> None:
    page = [*LINES[:3], "3D 打印机在那一年开始进入家庭，价格也降到了普通人能够接受的范围以内"]
    assert move_footnotes([page, LINES])[0] == page


def test_what_a_formula_left_goes_and_code_stays() -> None:
    lines = [
        "1 + Å1 − xã3∂f∂t",  # a formula's line with words of its own: kept
        "Å",
        "o™)",
        "∑n",
        "\\begin{equation}",
        "A = B",  # a line of the listing
        "\\end{equation}",
        "...",  # elided code
        "1.",  # a section's numeral
        "12",  # a lone number: an exponent, a footnote mark
    ]
    kept = ["1 + Å1 − xã3∂f∂t", "\\begin{equation}", "A = B", "\\end{equation}", "...", "1."]
    assert without_debris(lines) == kept


def test_words_that_lead_into_code_are_not_a_heading() -> None:
    # a FAQ's answer: 用法是 / its code; the questions are lines of their own, also after code
    page = [
        *LINES,
        "27 在 CJK 中如何使段首缩进两个中文字符宽度？",
        "在 CJK 环境中使用命令",
        "\\CJKindent",
        "28 在 CJK 中如何调整汉字的间距？Revised",  # a word of a margin's note after it
        "CJK 会在两个汉字之间插入一个 \\CJKglue，因此我们修改它的定义就可以调整汉字的间距。",
        "用法是",
        "\\renewcommand{\\CJKglue}{\\hskip ⟨b⟩ plus ⟨p⟩ minus ⟨m⟩}",
        "其中 ⟨b⟩、⟨p⟩ 和 ⟨m⟩ 都是 TEX 长度。",
        "表 8.5: LATEX 可定制的标题名称",
        "命令 默认值 含义",  # a table's headings over its rows of code
        "\\partname Part \\part 命令生成的标题前缀",
        *LINES,
    ]
    paragraphs = _paragraphs([page])
    code = "\\renewcommand{\\CJKglue}{\\hskip ⟨b⟩ plus ⟨p⟩ minus ⟨m⟩}"
    # the page spaces its Latin words and commands off the Hanzi: the line break is a space
    assert f"用法是 {code}其中 ⟨b⟩、⟨p⟩ 和 ⟨m⟩ 都是 TEX 长度。" in paragraphs
    assert "28 在 CJK 中如何调整汉字的间距？Revised" in paragraphs
    assert "命令 默认值 含义" in paragraphs


def test_a_contents_entry_wrapped_over_two_lines_is_one() -> None:
    page = [
        "5.1.4 字体编码 . . . . . . . . . 63",
        "5.1.5 使用 fontspec 宏包更改",
        "字体 . . . . . . . . . . . . 63",
        "5.2 文字装饰和强调 . . . . . . . . . . 65",
    ]
    entries = ["5.1.4 字体编码", "5.1.5 使用 fontspec 宏包更改字体", "5.2 文字装饰和强调"]
    assert [line.strip("\u3000") for line in contents_entries(page)] == entries


def test_a_margins_note_cut_across_two_lines_goes_where_it_recurs() -> None:
    # New v0.4 / Revised v0.4 in the margin beside a FAQ's questions
    pages = [
        [f"{n} 哪里可以下载第{n}个版本？{note}", f"v0.4 首页上的下载中心第{n}项。"]
        for n, note in zip(range(1, 7), ("New", "Revised") * 3, strict=True)
    ]
    once = ["本页其余的内容。Note", "2021 年的版本。"]  # once: words of the text
    cleaned = without_margin_notes([[*pages[0], *once], *pages[1:]])
    assert cleaned[0] == ["1 哪里可以下载第1个版本？", "首页上的下载中心第1项。", *once]
    assert cleaned[5] == ["6 哪里可以下载第6个版本？", "首页上的下载中心第6项。"]


def test_a_sentence_that_goes_on_with_an_address_is_not_a_heading() -> None:
    page = [
        *LINES,
        "CTAN 提供了一个搜索引擎",
        "http://www.ctan.org/search.html",
        *LINES[:2],
        "你可以访问",  # an address in a sentence, set on a line of its own
        "http://www.ctan.org",
        "来得到更详细的信息。",
        *LINES,
        "前言",  # a heading over text stays one
        *LINES,
    ]
    paragraphs = _paragraphs([page])
    assert "CTAN 提供了一个搜索引擎 http://www.ctan.org/search.html" in paragraphs
    assert "前言" in paragraphs
    assert any("你可以访问 http://www.ctan.org 来得到更详细的信息。" in p for p in paragraphs)


def test_an_index_keeps_each_entry_and_heading_apart() -> None:
    # PDFium's lines of an index page: whole entries, and entries cut where the page
    # numbers are links, one with the next letter's heading glued on
    page = [
        "索引",
        "符号",
        "\\! (数学命令), 48",
        "& (单元格/对齐), 27, 46, 47",
        "A",
        "abstract 环境, 26",
        "\\Bigg",
        "(数学命令), 45",
        "book 文档类",
        ",",
        "5",
        ", 19",
        "multline* 环境",
        "(amsmath), 46 N",
        "natbib 宏包",
        ", 78",
        "pdfTEX,",
        "8",
    ]
    entries = [
        "索引",
        "符号",
        "\\! (数学命令), 48",
        "& (单元格/对齐), 27, 46, 47",
        "A",
        "abstract 环境, 26",
        "\\Bigg (数学命令), 45",
        "book 文档类, 5, 19",
        "multline* 环境 (amsmath), 46",
        "N",
        "natbib 宏包, 78",
        "pdfTEX, 8",
    ]
    assert is_index(page) and not is_index(LINES)
    assert _paragraphs([[*LINES, *index_entries(page)]])[-len(entries) :] == entries


def test_a_formula_spread_over_lines_is_one_placeholder() -> None:
    # a² + b² = c² as PDFium gives it: each exponent on a line of its own
    inline = ["The Pythagorean theorem is a", "2 + b", "2 = c", "2", "."]
    display = ["The Pythagorean theorem is:", "a", "2 + b", "2 = c", "2", "(4.1)"]
    assert without_formulas(inline) == [f"The Pythagorean theorem is {FORMULA}."]
    assert without_formulas(display) == [f"The Pythagorean theorem is: {FORMULA}", "(4.1)"]
    # a table of single letters or digits, code, and a variable in prose stay
    kept = ["pos a b c", "d e f", "g h i", "4 9 2", "3 5 7", "}", "}", "}", "其中 n 为", "x", "y"]
    assert without_formulas(kept) == kept


def test_a_formulas_tokens_on_the_lines_around_it_go_with_it() -> None:
    # lshort p. 40 and 51 as PDFium gives them: the operator and its limits at the end of
    # the sentence's line, the exponents' lines, the words after it on the next line
    inline = ["In text: limn→∞ Pn", "k=1", "1", "k2 =", "π", "2", "6", "."]
    assert without_formulas(inline) == [f"In text: {FORMULA}."]
    theorem = [
        "relation). The relationship of energy, momentum and mass is",
        "E",
        "2 = m2",
        "0",
        "c",
        "4 + p",
        "2",
        "c",
        "2",
        "where c is the light speed described in theorem 4.8.1.",
    ]
    assert without_formulas(theorem) == [
        f"relation). The relationship of energy, momentum and mass is {FORMULA}",
        "where c is the light speed described in theorem 4.8.1.",
    ]
    # (CTEX FAQ p. 20: ∑ⁿᵢ₌₁ i² = 0 in a sentence; "If" is a word, not a symbol)
    faq = ["If $\\sum_{i=1}^{n} i^2 = 0$ then ...", "∑n", "i=1", "i", "2 = 0", "If ∑n", "i=1 i"]
    faq += ["2 = 0 then ...", "我们可以修改为"]
    assert without_formulas(faq) == [
        f"If $\\sum_{{i=1}}^{{n}} i^2 = 0$ then ... {FORMULA}",
        f"If {FORMULA} then ...",
        "我们可以修改为",
    ]
    # a table of Hanzi cells and a verse on lines of their own are no formula
    cells = ["h 当前位置", "t", "顶部", "b", "底部", "p", "单独成页"]
    assert without_formulas(cells) == cells


def test_the_chinese_after_a_displayed_formula_is_a_paragraph_of_its_own() -> None:
    # lshort p. 40: a sample's last words, its display, then the book's prose goes on
    page = ["Or if you like the long one:", "a", "2 + b", "2 = c", "2"]
    page += ["我们通过一个例子展示行内公式和行间公式的对比。"]
    assert _paragraphs([[*LINES, *without_formulas(page)]])[-2:] == [
        f"Or if you like the long one: {FORMULA}",
        "我们通过一个例子展示行内公式和行间公式的对比。",
    ]
    # in a Chinese sentence a formula is a word of it: the sentence goes on
    prose = ["由勾股定理可知 a", "2 + b", "2 = c", "2", "其中 c 为斜边。"]
    assert _paragraphs([without_formulas(prose)]) == [f"由勾股定理可知 {FORMULA}其中 c 为斜边。"]


def test_an_index_entry_with_a_raised_letter_or_a_quotation_mark_is_whole() -> None:
    # lshort's index (pp. 121, 123) as PDFium gives it
    page = [
        "标点符号",
        "`` (前双引号 “), 14",
        "'' (后双引号”), 14",
        "- (连字号 -), 14",
        "-- (短破折号 –), 14",
        "--- (长破折号 —), 14",
        "LATEX 命令",
        ",",
        "4",
        "LATEX 2",
        "ε",
        ",",
        "1",
        "\\LaTeXe",
        ", 15",
    ]
    entries = [
        "标点符号",
        "`` (前双引号 “), 14",
        "'' (后双引号”), 14",
        "- (连字号 -), 14",
        "-- (短破折号 –), 14",
        "--- (长破折号 —), 14",
        "LATEX 命令, 4",
        "LATEX 2ε, 1",
        "\\LaTeXe, 15",
    ]
    assert is_index(page)
    assert _paragraphs([[*LINES, *index_entries(page)]])[-len(entries) :] == entries


def test_a_list_of_references_keeps_each_item_whole_and_apart() -> None:
    # lshort's bibliography (pp. 113-114) as PDFium gives it, and the appendix after it
    first = [
        *LINES,
        "参考文献",
        "§ LATEX 经典书籍：",
        "[1] Leslie Lamport. LATEX: A Document Preparation System, 2nd edition. Addison-Wesley,",
        "Reading, Massachusetts, 1994, ISBN 0-201-52983-1.",
        "[6] Donald E. Knuth. The TEXbook, Volume A of Computers and Typesetting, 2nd edition.",
        "Addison-Wesley, Reading, Massachusetts, 1984, ISBN 0-201-13448-9.",
    ]
    first[-2] = first[-2].replace("[6]", "[2]")
    second = [
        "[3] The TEX FAQ List. The TEX Frequently Asked Question List.",
        "https://texfaq.org",
        "§ 其它网络渠道可获得的资源：",
        "[4] Palle Jørgensen. The LATEX font catalogue, a font catalogue of LATEX font packages.",
        "https://www.tug.dk/FontCatalogue/",
        "[5] Overleaf. Overleaf Documentation.",
        "https://www.overleaf.com/learn",
    ]
    after = ["GNU Free Documentation License", "Version 1.3, 3 November 2008"]
    assert _paragraphs(reference_lists([first, second, after]))[1:] == [
        "参考文献",
        "§ LATEX 经典书籍：",
        "[1] Leslie Lamport. LATEX: A Document Preparation System, 2nd edition. Addison-Wesley, "
        "Reading, Massachusetts, 1994, ISBN 0-201-52983-1.",
        "[2] Donald E. Knuth. The TEXbook, Volume A of Computers and Typesetting, 2nd edition. "
        "Addison-Wesley, Reading, Massachusetts, 1984, ISBN 0-201-13448-9.",
        "[3] The TEX FAQ List. The TEX Frequently Asked Question List. https://texfaq.org",
        "§ 其它网络渠道可获得的资源：",
        "[4] Palle Jørgensen. The LATEX font catalogue, a font catalogue of LATEX font packages. "
        "https://www.tug.dk/FontCatalogue/",
        "[5] Overleaf. Overleaf Documentation. https://www.overleaf.com/learn",
        "GNU Free Documentation License",
        "Version 1.3, 3 November 2008",
    ]
    # a bracketed number in prose is no list
    prose = ["见文献", "[14] 搜集了所有符号。"]
    assert reference_lists([prose]) == [prose]


def test_a_line_break_between_hanzi_and_latin_is_a_space_where_the_text_spaces_them() -> None:
    # lshort p. 2: the book spaces Latin words off the Hanzi; where a line broke between
    # them the break was that space (…是对 / TEX 的一层封装)
    spaced = "在 Windows 上后缀名为 exe，而在类 Unix 系统上使用 TEX 排版，再用 PDF 阅读器打开，"
    lines = [spaced] * 4 + ["可以粗略地将它理解成是对", "TEX 的一层封装。"]
    assert "是对 TEX 的一层封装。" in _paragraphs([lines])[0]
    # a text that glues them (对TEX的封装) is not spaced where its lines break
    glued = [line.replace(" ", "") for line in lines]
    assert "是对TEX的一层封装。" in _paragraphs([glued])[0]


def test_a_contents_entry_whose_leader_is_one_dot_and_a_dotted_rule() -> None:
    # lshort p. vi and p. i: an entry filling its line keeps one leader dot; a rule of dots
    # between two parts of the acknowledgements
    contents = ["5.1.6 在 ctex 宏包中更改中文字体 . . . . . . . 65", "5.1.7 使用 unicode-math 宏包"]
    contents += ["配置 Unicode 数学字体 . 65", "8.4 LATEX 可定制的一些命令和参数 . 101"]
    assert [line.strip() for line in contents_entries(contents)] == [
        "5.1.6 在 ctex 宏包中更改中文字体",
        "5.1.7 使用 unicode-math 宏包配置 Unicode 数学字体",
        "8.4 LATEX 可定制的一些命令和参数",
    ]
    page = [*LINES, "hello 312439151@qq.com", ". " * 40, "4.20 中文版致谢", *LINES]
    (article,) = import_text("\n".join(_cleaned(page)))
    assert "4.20 中文版致谢" in article.paragraphs


def test_a_listing_keeps_its_lines_and_the_prose_after_it_is_apart() -> None:
    # lshort p. 21 (source 3.1, at the page's top) and p. 18: code after a colon
    listing = [
        "\\documentclass{book}",
        "% 导言区，加载宏包和各项设置",
        "\\usepackage{makeidx} % 调用宏包",
    ]
    listing += [
        "\\makeindex % 开启索引的收集",
        "\\end{document}",
        "以上是 book 文档类的文档结构示例。",
    ]
    prose = [
        "而又想手动生成该章节的目录项，可以在标题命令后面使用：",
        "\\addcontentsline{toc}{⟨level⟩}{⟨title⟩}",
    ]
    prose += ["其中 ⟨level⟩ 为章节层次 chapter 或 section 等。"]
    assert _paragraphs([[*LINES], _cleaned(listing), [*LINES, *_cleaned(prose)]])[1:] == [
        *listing,
        PROSE,
        *prose,
    ]
    # code that the words before it lead into stays in their sentence (CTEX FAQ p. 12)
    led = ["在 CJK* 环境中，可以使用命令", "\\CJKnospace", "则进入 CJK* 模式。"]
    assert _paragraphs([[*LINES, *_cleaned(led)]])[-1] == (
        "在 CJK* 环境中，可以使用命令\\CJKnospace则进入 CJK* 模式。"  # (a text that glues them)
    )
