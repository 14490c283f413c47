"""Class lists: marking lists as taught (real SQLite), the off-list report on real
analyses (both scripts), `reader check` from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader.cli import main
from reader.core.class_lists import hsk_list, is_off_list, off_list_report
from reader.core.store import ListNotFoundError, NewArticle, NewWord, Store
from reader.core.store.database import DB_FILENAME
from reader.core.words import word_keys

if TYPE_CHECKING:
    from reader.core.analysis.pipeline import Analyzer


def test_lists_are_marked_as_the_class_s(store: Store) -> None:
    lesson = store.vocab.create_list("Lesson 1")
    other = store.vocab.create_list("Mine")
    store.vocab.add_words([NewWord("银行"), NewWord("钱")], lesson)
    store.vocab.add_words([NewWord("飞机")], other)
    assert store.vocab.class_words() == set()
    store.vocab.mark_class_list(lesson)
    store.vocab.mark_class_list(lesson)  # twice is once
    assert store.vocab.class_list_ids() == {lesson}
    assert store.vocab.class_words() == {"银行", "钱"}
    assert store.vocab.words_of_lists([lesson, other]) == {"银行", "钱", "飞机"}
    store.vocab.mark_class_list(lesson, marked=False)
    assert store.vocab.class_words() == set()
    with pytest.raises(ListNotFoundError):
        store.vocab.mark_class_list(999)
    store.vocab.mark_class_list(other)
    store.vocab.delete_list(other)
    assert store.vocab.class_list_ids() == set()


def test_the_report_counts_words_by_key_in_either_script(analyzer: Analyzer) -> None:
    tokens = analyzer.analyse("我去银行取钱。銀行行長不在，我在家。")
    keys = word_keys(tokens, analyzer.dictionary)
    report = off_list_report(tokens, {"银行", "我"}, keys)
    # running words: 我 去 银行 取钱 银行 行长 不在 我 在家 (銀行 and 行長 keyed simplified)
    assert report.running_words == 9 and report.covered_words == 4
    assert report.coverage == pytest.approx(4 / 9)
    assert (report.distinct_words, report.distinct_covered) == (7, 2)
    assert [(w.word, w.occurrences) for w in report.words] == [
        ("去", 1), ("取钱", 1), ("行长", 1), ("不在", 1), ("在家", 1)
    ]  # fmt: skip
    assert is_off_list("行长", {"银行"}) and not is_off_list("银行", {"银行"})


def test_hsk_levels_as_lists() -> None:
    up_to_one = hsk_list("hsk1")
    assert up_to_one is not None and {"我", "银行"} & up_to_one == {"我"}
    up_to_three = hsk_list("HSK 3")
    assert up_to_three is not None and up_to_one < up_to_three and "银行" in up_to_three
    assert hsk_list("Lesson 1") is None


@pytest.fixture
def lesson(data_dir: Path) -> Path:
    """A library with a list marked as the class's, and an article file to check."""
    with Store.open(data_dir / DB_FILENAME) as store:
        list_id = store.vocab.create_list("Lesson 1")
        store.vocab.add_words([NewWord("银行"), NewWord("我")], list_id)
        store.vocab.mark_class_list(list_id)
        store.articles.add(NewArticle("旧文", "我去银行。"))
    article = data_dir.parent / "article.txt"
    article.write_text("我去银行取钱。我去银行。", encoding="utf-8")
    return article


def test_reader_check(lesson: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(lesson)]) == 0  # against the class's lists
    out = capsys.readouterr().out
    assert "against: Lesson 1" in out and "cover 57.1% of 7 words" in out
    assert out.splitlines()[-2:] == ["2\t去", "1\t取钱"]
    assert main(["check", str(lesson), "1", "--against", "Lesson 1,hsk1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["against"] == ["Lesson 1", "HSK 1-1"]
    names = [a["article"] for a in report["articles"]]
    assert names == [str(lesson), "1", "all"]  # each article, then the batch
    every = report["articles"][2]
    assert every["running_words"] == 10 and every["covered_words"] == 9  # 去 is HSK 1
    assert every["off_list"] == [{"word": "取钱", "count": 1}]


def test_reader_check_says_what_is_wrong(
    lesson: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(lesson), "--against", "nope"]) == 1
    assert "no word list is called 'nope'" in capsys.readouterr().err
    assert main(["check", "missing.txt", "--against", "Lesson 1"]) == 1
    assert "no such file" in capsys.readouterr().err
    with Store.open(data_dir / DB_FILENAME) as store:
        store.vocab.mark_class_list(1, marked=False)
    assert main(["check", str(lesson)]) == 2
    assert "--against" in capsys.readouterr().err


def test_reader_check_makes_a_list_of_the_words_to_teach(
    lesson: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(lesson), "--make-list", "To teach"]) == 0
    assert "made the list 'To teach' of 2 words" in capsys.readouterr().err
    with Store.open(data_dir / DB_FILENAME) as store:
        [made] = [w for w in store.vocab.lists() if w.name == "To teach"]
        words = store.vocab.words(made.id)
    assert [(w.simplified, w.pinyin, w.sentence) for w in words] == [
        ("去", "qu4", "我去银行取钱。"),  # most frequent first, with its example
        ("取钱", "qu3 qian2", "我去银行取钱。"),
    ]
    assert words[1].senses  # the dictionary's senses, as when collected by hand
    assert main(["check", str(lesson), "--make-list", "To teach"]) == 1  # the name is taken
    assert "already a list named 'To teach'" in capsys.readouterr().err


def test_reader_lists_marks_class_lists(lesson: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "--class"]) == 0
    assert capsys.readouterr().out == "1\t2\tLesson 1\n"
    assert main(["lists", "--unmark-class", "Lesson 1", "--class"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lists", "--mark-class", "nope"]) == 1
    assert "no word list is called 'nope'" in capsys.readouterr().err
