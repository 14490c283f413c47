"""`reader check ARTICLE... --against LIST[,LIST…]`: the words of articles outside a class's
lists, for a teacher preparing a lesson.

Each ARTICLE is a file (any format the app opens) or the id of an article in the library.
LIST names lists by name or id (`reader lists`), or HSK levels ("hsk3": HSK 3.0 levels
1-3); without --against, the lists marked as the class's (`reader lists --mark-class`).
For each article, and for all of them together when there are several, it prints the
share of the running words the lists cover and the off-list words with their counts,
most frequent first; ``--json`` prints one object. Exit codes: 0 done, 1 failed (message
on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.analysis.tokens import Token
    from reader.core.class_lists import ListReport
    from reader.core.collect import EntrySource
    from reader.core.store import Store

NAME = "check"
HELP = "list the words of articles that are outside the class's word lists, by frequency"


@dataclass(frozen=True)
class _Checked:
    name: str
    tokens: list[Token]
    keys: dict[str, str]  # token text → word key
    article_id: int | None  # an article of the library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "articles", metavar="ARTICLE", nargs="+", help="a file, or a library article's id"
    )
    parser.add_argument(
        "--against",
        metavar="LIST[,LIST…]",
        help="the taught lists, by name or id, or hsk1…hsk7 for HSK 3.0 levels 1 to N "
        "(default: the lists marked as the class's)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--top", type=int, default=0, metavar="N", help="print only the N most frequent words"
    )
    parser.add_argument(
        "--make-list",
        metavar="NAME",
        help="make a new list NAME of the off-list words (all, or the --top N), each with "
        "its example from the text",
    )


def _fail(message: str, code: int = 1) -> int:
    print(f"reader check: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.importing import ImportFailed
    from reader.core.store import (
        ArticleNotFoundError,
        ListNameTakenError,
        ListNotFoundError,
        Store,
        StoreError,
    )

    database = db_path(args)
    if not database.is_file():
        return _fail("there are no word lists yet (no database in the data folder)")
    try:
        with Store.open(database, auto_backup=False) as store:
            taught, names = _taught(store, args.against)
            if not names:
                return _fail("no lists to check against: name them with --against", 2)
            checked, dictionary = _analysed(store, args.articles)
            reports = _reports(checked, taught)
            if args.make_list:
                made = _make_list(store, args.make_list, checked, reports, dictionary, args.top)
                print(f"made the list {args.make_list!r} of {made} words", file=sys.stderr)
    except ListNameTakenError as error:
        return _fail(str(error))
    except (ListNotFoundError, ArticleNotFoundError) as error:
        return _fail(str(error.args[0]) if error.args else str(error))
    except (ImportFailed, StoreError, OSError) as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(_as_json(names, reports, args.top), ensure_ascii=False, indent=1))
    else:
        print(_as_text(names, reports, args.top))
    return 0


def _taught(store: Store, against: str | None) -> tuple[set[str], list[str]]:
    """The words of the named lists (or of the class's) and the lists' names; "hsk3" and
    the like name HSK levels when no list of the user's has that name."""
    from reader.core.class_lists import hsk_list
    from reader.core.export.from_store import find_list
    from reader.core.store import ListNotFoundError

    if not against:
        marked = store.vocab.class_list_ids()
        chosen = [w for w in store.vocab.lists() if w.id in marked]
        return store.vocab.words_of_lists(w.id for w in chosen), [w.name for w in chosen]
    words: set[str] = set()
    names = []
    for name in filter(None, (n.strip() for n in against.split(","))):
        try:
            word_list = find_list(store, name)
        except ListNotFoundError:
            levels = hsk_list(name)
            if levels is None:
                raise
            words |= levels
            names.append(f"HSK 1-{name.strip()[-1]}")
            continue
        words |= store.vocab.words_of_lists([word_list.id])
        names.append(word_list.name)
    return words, names


def _analysed(store: Store, articles: list[str]) -> tuple[list[_Checked], EntrySource]:
    """Each article's tokens and word keys, and the analyser's dictionary."""
    from reader.cli.common import user_rules
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.importing import import_file
    from reader.core.store import ArticleNotFoundError
    from reader.core.words import word_keys

    texts: list[tuple[str, str]] = []
    for name in articles:
        path = Path(name)
        if path.is_file():
            texts.append((name, "\n\n".join(a.text for a in import_file(path))))
        elif name.isdigit():
            texts.append((name, store.articles.get(int(name)).text))
        else:
            raise ArticleNotFoundError(f"{name}: no such file, nor an article id")
    rules, user_words = user_rules(store)
    analyzer = Analyzer.create(user_words)
    checked = []
    for name, text in texts:
        tokens = list(analyzer.analyse(text, rules))
        article_id = int(name) if name.isdigit() and not Path(name).is_file() else None
        keys = word_keys(tokens, analyzer.dictionary)
        checked.append(_Checked(name, tokens, keys, article_id))
    return checked, analyzer.dictionary


def _reports(checked: list[_Checked], taught: set[str]) -> list[tuple[str, ListReport]]:
    """One report per article, and one for all of them when there are several."""
    from reader.core.class_lists import off_list_report

    reports = [(c.name, off_list_report(c.tokens, taught, c.keys)) for c in checked]
    if len(checked) > 1:
        every = list(chain.from_iterable(c.tokens for c in checked))
        keys = {text: key for c in checked for text, key in c.keys.items()}
        reports.append(("all", off_list_report(every, taught, keys)))
    return reports


def _make_list(
    store: Store,
    name: str,
    checked: list[_Checked],
    reports: list[tuple[str, ListReport]],
    dictionary: EntrySource,
    top: int,
) -> int:
    """The off-list words of the report for all the articles (the last) as a new list."""
    from reader.core.class_lists import words_to_teach

    tokens = list(chain.from_iterable(c.tokens for c in checked))
    article_id = checked[0].article_id if len(checked) == 1 else None
    off_list = reports[-1][1].words
    words = words_to_teach(tokens, off_list[:top] if top else off_list, dictionary, article_id)
    with store.db.transaction():
        list_id = store.vocab.create_list(name)
        store.vocab.add_words(words, list_id)
    return len(words)


def _as_text(names: list[str], reports: list[tuple[str, ListReport]], top: int) -> str:
    lines = [f"against: {', '.join(names)}"]
    for name, report in reports:
        words = report.words[:top] if top else report.words
        lines.append("")
        lines.append(
            f"{name}: the lists cover {report.coverage:.1%} of {report.running_words:,} words"
            f" ({report.distinct_covered:,} of {report.distinct_words:,} different);"
            f" {len(report.words):,} words are off the lists"
        )
        lines += [f"{w.occurrences}\t{w.word}" for w in words]
    return "\n".join(lines)


def _as_json(names: list[str], reports: list[tuple[str, ListReport]], top: int) -> Any:
    return {
        "against": names,
        "articles": [
            {
                "article": name,
                "running_words": report.running_words,
                "covered_words": report.covered_words,
                "coverage": round(report.coverage, 4),
                "distinct_words": report.distinct_words,
                "distinct_covered": report.distinct_covered,
                "off_list": [
                    {"word": w.word, "count": w.occurrences}
                    for w in (report.words[:top] if top else report.words)
                ],
            }
            for name, report in reports
        ],
    }
