"""`reader import FILE...`: add articles to the library from files, as the app does.

Each file is read, rebuilt and split into articles first; only then are its articles
added, in one transaction. A lesson pack (``.readerpack``) adds its article, corrections
and word list as the app's File ▸ Open does, or nothing when it was opened before. A file
that cannot be imported is reported on stderr and adds nothing; the others are still
imported, and the exit code is 1 if any file failed. Each article added is printed as
"ID<TAB>TITLE" (a pack's line adds what came with it, or "already in your library").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.lessons import PackImportResult
    from reader.core.store import Store

NAME = "import"
HELP = (
    "add the articles in FILE... to the library (.txt, .md, .html, .epub, .docx, .pdf), "
    "and lesson packs (.readerpack) with their word lists"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+", help="files to import")
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text files' encoding (e.g. gb18030, big5, utf-16); default: detect it",
    )
    parser.add_argument(
        "--pack-rules-for-library",
        action="store_true",
        help="a lesson pack's segmentation corrections apply to every article, not only "
        "to the pack's own",
    )


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.export.pack import PACK_SUFFIX
    from reader.core.importing import ImportFailed, import_file
    from reader.core.store import NewArticle, Store, StoreError

    try:
        store = Store.open(db_path(args))
    except StoreError as error:
        print(f"reader import: {error}", file=sys.stderr)
        return 1
    failed = 0
    with store:
        for name in args.files:
            if Path(name).suffix.lower() == PACK_SUFFIX:
                result = _open_pack(store, Path(name), args.pack_rules_for_library)
                if result is None:
                    failed += 1
                continue
            try:
                articles = import_file(Path(name), encoding=args.encoding)
            except ImportFailed as error:
                print(f"reader import: {name}: {error}", file=sys.stderr)
                failed += 1
                continue
            try:
                ids = store.articles.add_many(
                    [NewArticle(a.title, a.text, a.source, a.original_text) for a in articles]
                )
            except StoreError as error:
                print(f"reader import: {name}: {error}", file=sys.stderr)
                return 1
            for article_id, article in zip(ids, articles, strict=True):
                print(f"{article_id}\t{article.title}")
    return 1 if failed else 0


def _open_pack(store: Store, path: Path, rules_for_library: bool) -> PackImportResult | None:
    """Add a lesson pack; None (after a message on stderr) when it cannot be."""
    from reader.core.export.pack import PackError, read_pack
    from reader.core.lessons import import_pack
    from reader.core.store import StoreError

    try:
        pack = read_pack(path)
        result = import_pack(store, pack, source=path.name, rules_for_library=rules_for_library)
    except (PackError, StoreError) as error:
        print(f"reader import: {path}: {error}", file=sys.stderr)
        return None
    if result.already_present:
        print(f"{result.article_id}\t{result.article_title}\talready in your library")
    else:
        print(
            f"{result.article_id}\t{result.article_title}\tlist “{result.list_name}”: "
            f"{result.words} words, {result.corrections_added} corrections"
        )
    return result
