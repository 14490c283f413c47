"""`reader annotate FILE`: the article with each word and its reading, for scripts and checks.

A file is imported as the app imports it (rebuilt, split into articles, printed one after
the other). Plain output writes each Chinese word followed by its reading
(``银行[yín háng]``) and everything else as it is; ``--json`` writes one token per line with
its text, kind, reading per character, entry ids and parts. The user's corrections, reading
fixes and words (from the data dir's database, if there is one) apply, as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.analysis.display import show
from reader.core.analysis.tokens import Token
from reader.core.pinyin import PinyinStyle
from reader.core.script_conversion import in_script
from reader.core.settings import Script

NAME = "annotate"
HELP = "print an article with the reading of each word (or its tokens as JSON)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the article (any format the app opens)")
    parser.add_argument(
        "--format",
        choices=[style.value for style in PinyinStyle],
        default=PinyinStyle.MARKS.value,
        help="readings with tone marks (default), tone numbers, or zhuyin",
    )
    parser.add_argument("--json", action="store_true", help="print the tokens as JSON lines")
    parser.add_argument(
        "--script",
        choices=[script.value for script in Script],
        default=Script.SIMPLIFIED.value,
        help="the characters printed, as the view would show them (traditional: Taiwan's "
        "standard; traditional_hk, traditional_opencc: the others); offsets are unchanged",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's encoding (e.g. gb18030, big5, utf-16); default: detect it",
    )


def plain(tokens: Sequence[Token], style: PinyinStyle, shown_text: str) -> str:
    """``shown_text``: the analysed text in the script printed (as long as the text)."""
    out: list[str] = []
    for token in tokens:
        shown = " ".join(s for s in show(token.readings, style) if s)
        word = shown_text[token.start : token.start + len(token.text)]
        out.append(f"{word}[{shown}]" if token.is_chinese and shown else word)
    return "".join(out)


def as_json(tokens: Sequence[Token], style: PinyinStyle, shown_text: str) -> str:
    lines = [
        json.dumps(
            {
                "text": shown_text[token.start : token.start + len(token.text)],
                "kind": str(token.kind),
                "reading": list(show(token.readings, style)),
                "entry_ids": list(token.entry_ids),
                "parts": list(token.parts),
            },
            ensure_ascii=False,
        )
        for token in tokens
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path, reading_fixes, user_rules
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.reading_fixes import ReadingFix
    from reader.core.importing import ImportFailed, import_file
    from reader.core.store import Correction, Store, StoreError

    try:
        articles = import_file(Path(args.file), encoding=args.encoding, force=True)
    except ImportFailed as e:
        print(f"reader annotate: {args.file}: {e}", file=sys.stderr)
        return 1
    text = "\n\n".join(article.text for article in articles)
    rules: list[Correction] = []
    user_words: list[str] = []
    fixes: tuple[ReadingFix, ...] = ()
    database = db_path(args)
    if database.is_file():
        try:
            with Store.open(database, auto_backup=False) as store:
                rules, user_words = user_rules(store)
                fixes = reading_fixes(store)
        except StoreError as e:
            print(f"reader annotate: {e}", file=sys.stderr)
            return 1
    analyzer = Analyzer.create(user_words)
    style = PinyinStyle(args.format)
    shown = in_script(text, Script(args.script))  # as long as the text: offsets hold
    separator = ""
    for tokens in analyzer.analyse_blocks(
        text, rules, fixes=fixes
    ):  # written as analysed: small memory
        if args.json and tokens:
            sys.stdout.write(separator + as_json(tokens, style, shown))
            separator = "\n"
        elif not args.json:
            sys.stdout.write(plain(tokens, style, shown))
    sys.stdout.write("\n")
    return 0
