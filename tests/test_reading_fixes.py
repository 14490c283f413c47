"""The learner's reading fixes: the rule itself, the store, the analysis, `reader annotate`,
`reader readings` and lesson packs (real database, real analysis, real CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import ARTICLE_TEXT, stock_lesson_article

from reader.cli import main
from reader.core.analysis.pipeline import Analyzer
from reader.core.analysis.reading_fixes import ReadingFix, ReadingFixError, apply_fixes
from reader.core.analysis.tokens import Token
from reader.core.export.from_store import lesson_pack
from reader.core.export.pack import pack_bytes, preview, read_pack
from reader.core.lessons import import_pack
from reader.core.store import NewArticle, Store
from reader.core.store.database import DB_FILENAME

SENTENCE = "她为时装秀设计衣服，也为时装秀拍照。"


def readings_of(tokens: list[Token], word: str) -> list[tuple[str, ...]]:
    return [t.readings for t in tokens if t.text == word]


def test_longest_fix_wins_and_blank_keeps_the_analysis() -> None:
    text = "银行行长"
    read = ["yin2", "hang2", "hang2", "zhang3"]
    fixes = [ReadingFix("行", ("xing2",)), ReadingFix("银行", ("", "hang4"))]
    assert apply_fixes(text, read, fixes) == ["yin2", "hang4", "xing2", "zhang3"]
    assert apply_fixes(text, read, []) == read


@pytest.mark.parametrize(
    ("text", "readings"),
    [("为", ()), ("为人", ("wei2",)), ("为", ("",)), ("为", ("wei9",)), ("为", ("xyz4",))],
)
def test_a_fix_that_does_not_fit_is_refused(text: str, readings: tuple[str, ...]) -> None:
    with pytest.raises(ReadingFixError):
        ReadingFix(text, readings)


def test_store_keeps_one_fix_per_text_across_a_restart(data_dir: Path) -> None:
    with Store.open() as store:
        version = store.corrections.version()
        store.corrections.add_reading_fix("为时装秀", ["wei2", "", "", ""])
        fix_id = store.corrections.add_reading_fix("为时装秀", ["wei4", "", "", ""])  # replaces
        store.corrections.add_reading_fix("绿", ["lv4"])
        assert store.corrections.version() > version
        with pytest.raises(ValueError, match="3 readings"):
            store.corrections.add_reading_fix("长城", ["chang2", "cheng2", "x"])
    with Store.open() as store:
        fixes = store.corrections.reading_fixes()
        assert [(s.fix.text, s.fix.readings) for s in fixes] == [
            ("为时装秀", ("wei4", "", "", "")),
            ("绿", ("lu:4",)),  # spelled as the readings are
        ]
        assert fixes[0].id == fix_id
        before = store.corrections.version()
        store.corrections.remove_reading_fix(fix_id)
        assert [s.fix.text for s in store.corrections.reading_fixes()] == ["绿"]
        assert store.corrections.version() > before


def test_the_analysis_applies_the_stores_fixes(analyzer: Analyzer, store: Store) -> None:
    article = store.articles.add(NewArticle("时装", SENTENCE))
    tokens = analyzer.load_or_analyse(store, article)
    assert readings_of(tokens, "为") == [("wei4",), ("wei4",)]
    store.corrections.add_reading_fix("为时装秀", ["wei2", "", "", ""])
    fixed = analyzer.load_or_analyse(store, article)  # the stored analysis is out of date
    assert readings_of(fixed, "为") == [("wei2",), ("wei2",)]
    assert [t.text for t in fixed] == [t.text for t in tokens]  # only the reading changed
    # the entry shown first follows the fixed reading (为 wéi "as", not wèi "for")
    [first] = {t.entry_ids[0] for t in fixed if t.text == "为"}
    assert analyzer.dictionary.entry(first).pinyin == "wei2"


def test_annotate_and_readings_commands(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("他去银行。", encoding="utf-8")
    assert main(["readings", "add", "银行", "yín", "hàng"]) == 0
    assert main(["readings", "add", "银行", "yin2", "nope"]) == 1  # nothing stored
    capsys.readouterr()
    assert main(["readings"]) == 0
    assert capsys.readouterr().out.splitlines() == ["1\t银行\tyin2 hang4"]
    assert main(["annotate", "--json", str(article)]) == 0
    tokens = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"text": "银行", "reading": ["yín", "hàng"]}.items() <= next(
        t for t in tokens if t["text"] == "银行"
    ).items()
    assert main(["readings", "remove", "1"]) == 0
    assert main(["readings", "remove", "1"]) == 1
    capsys.readouterr()
    assert main(["annotate", str(article)]) == 0
    assert "银行[yín háng]" in capsys.readouterr().out


def test_lesson_packs_carry_the_fixes_for_their_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "teacher" / DB_FILENAME) as teacher:
        _, list_id = stock_lesson_article(teacher)
        teacher.corrections.add_reading_fix("银行", ["yin2", "hang4"])
        teacher.corrections.add_reading_fix("长城", ["chang2", "cheng2"])  # not in the text
        assert "银行" in ARTICLE_TEXT and "长城" not in ARTICLE_TEXT
        [word_list] = [w for w in teacher.vocab.lists() if w.id == list_id]
        pack = lesson_pack(teacher, word_list)
    out = tmp_path / "lesson.readerpack"
    out.write_bytes(pack_bytes(pack))
    opened = read_pack(out)
    assert opened.article.reading_fixes == (ReadingFix("银行", ("yin2", "hang4")),)
    assert "1 segmentation corrections and 1 reading fix)" in preview(opened).describe()
    with Store.open(tmp_path / "student" / DB_FILENAME) as student:
        student.corrections.add_reading_fix("行", ["xing2"])  # the student's own stays
        result = import_pack(student, opened)
        assert result.corrections_added >= 1
        in_article = student.corrections.reading_fixes(result.article_id)
        assert {s.fix.text: s.fix.readings for s in in_article} == {
            "行": ("xing2",),
            "银行": ("yin2", "hang4"),
        }
        assert [s.fix.text for s in student.corrections.reading_fixes()] == ["行"]


@pytest.mark.parametrize("for_library", [False, True], ids=["article only", "whole library"])
def test_a_packs_fix_reads_its_article_unless_chosen_for_the_library(
    for_library: bool, analyzer: Analyzer, data_dir: Path, tmp_path: Path
) -> None:
    """A pack's reading fix re-reads 银行 in the pack's article only; the learner's other
    article keeps the analysis' yín háng, unless the pack was opened for the whole library
    (``reader import --pack-rules-for-library``, the preview's box)."""
    with Store.open(tmp_path / "teacher" / DB_FILENAME) as teacher:
        _, list_id = stock_lesson_article(teacher)
        teacher.corrections.add_reading_fix("银行", ["yin2", "hang4"])
        [word_list] = [w for w in teacher.vocab.lists() if w.id == list_id]
        pack_path = tmp_path / "lesson.readerpack"
        pack_path.write_bytes(pack_bytes(lesson_pack(teacher, word_list)))
    with Store.open() as student:
        other = student.articles.add(NewArticle("别的", "他去银行。"))
        assert readings_of(analyzer.load_or_analyse(student, other), "银行") == [("yin2", "hang2")]
    flags = ["--pack-rules-for-library"] if for_library else []
    assert main(["import", *flags, str(pack_path)]) == 0
    with Store.open() as student:
        [lesson] = [a.id for a in student.articles.all() if a.id != other]
        in_lesson = readings_of(analyzer.load_or_analyse(student, lesson), "银行")
        in_other = readings_of(analyzer.load_or_analyse(student, other), "银行")
    assert in_lesson == [("yin2", "hang4")]
    assert in_other == [("yin2", "hang4") if for_library else ("yin2", "hang2")]
