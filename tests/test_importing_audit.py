"""What an audit of the corpus found a learner would notice, each on a text written here:
a classical book's named chapters, a book's title in 《》 with its author, the numbers of
an ordered list."""

from __future__ import annotations

from reader.core.importing import import_text

_CLASSICAL = (
    "尔雅\n"
    "\u3000\u3000释诂第一\n\u3000\u3000释言第二\n\u3000\u3000\n"
    "\u3000\u3000释诂第一\n\u3000\u3000\n"
    "\u3000\u3000初、哉、首、基、肇、祖、元、胎、俶、落、权舆，始也。\n"
    "\u3000\u3000林、烝、天、帝、皇、王、后、辟、公、侯，君也。\n"
    "\u3000\u3000\n\u3000\u3000释言第二\n\u3000\u3000\n"
    "\u3000\u3000鲤。\n"
    "\u3000\u3000殷、齐，中也。\n"
)


def test_a_classical_book_is_one_article_per_named_chapter() -> None:
    articles = import_text(_CLASSICAL)
    assert [a.title for a in articles] == ["释诂第一", "释言第二"]
    # the book's name opens the first; its list of chapters leaves the text, not the original
    assert articles[0].paragraphs[0] == "尔雅"
    assert articles[0].paragraphs[1].startswith("初、哉、首")
    assert "释言第二" not in articles[0].text
    assert articles[0].original_text.count("释言第二") == 1
    # a chapter whose first entry is one Hanzi (鲤。) keeps its heading apart
    assert articles[1].paragraphs[0] == "鲤。"


def test_a_motto_named_first_is_no_chapter() -> None:
    text = "质量月\n\n安全第一\n\n工厂今天召开大会，强调安全生产。\n\n大家都表示赞同。\n"
    (article,) = import_text(text)
    assert "安全第一" in article.paragraphs
