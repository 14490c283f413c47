"""`reader import FILE...`: add articles and word lists to the library, as the app does.

Each file is imported on its own: read, rebuilt and split into articles first, then its
articles added in one transaction. A word list (``.csv``/``.tsv`` with a header, a Pleco
export, an Anki "notes in plain text" export, a known-words file of one word per line) is
added as a new list named after the file (a known-words file marks its words known); a
``.csv`` or ``.tsv`` that is not a word list is refused, never stored as an article. A
lesson pack (``.readerpack``) adds its article, corrections and word list as File ▸ Open
does, or nothing when it was opened before. A text that does not look Chinese (Japanese,
English, …) is refused unless ``--force``. ``--dry-run`` prints what would be added (and,
for a word list, updated or skipped) and changes nothing.

A file that cannot be imported is reported on stderr and adds nothing; the others are
still imported, and the exit code is 1 if any file failed. Each article added is printed as
"ID<TAB>TITLE", each list as "LIST<TAB>NAME<TAB>…".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.lessons import PackImportResult
    from reader.core.store import Store
    from reader.core.vocab_import import ImportedWord, ImportPreview, VocabFormat

NAME = "import"
HELP = (
    "add the articles in FILE... to the library (.txt, .md, .html, .epub, .docx, .pdf, "
    ".srt/.ass/.ssa/.vtt), word lists (.csv, .tsv, Pleco, Anki, known words) and lesson "
    "packs (.readerpack)"
)
_WORD_LIST_SUFFIXES = (".csv", ".tsv")
_KNOWN_WORDS_MIN_LINES = 5
_KNOWN_WORD_MAX_CHARS = 8
_NO_LIST = -1  # a dry run previews against a list that does not exist yet (so holds nothing)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+", help="files to import")
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text files' encoding (e.g. gb18030, big5, utf-16); default: detect it",
    )
    parser.add_argument(
        "--force", action="store_true", help="import a text that does not look Chinese all the same"
    )
    parser.add_argument(
        "--pack-rules-for-library",
        action="store_true",
        help="a lesson pack's segmentation corrections and reading fixes apply to every "
        "article, not only to the pack's own",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be added, updated or skipped; change nothing",
    )


def run(args: argparse.Namespace) -> int:
    from reader.cli.common import db_path
    from reader.core.export.pack import PACK_SUFFIX
    from reader.core.store import Store, StoreError

    try:
        store = Store.open(db_path(args), auto_backup=not args.dry_run)
    except StoreError as error:
        print(f"reader import: {error}", file=sys.stderr)
        return 1
    failed = 0
    with store:
        for name in args.files:
            path = Path(name)
            if path.suffix.lower() == PACK_SUFFIX:
                rules_for_library = args.pack_rules_for_library
                ok = args.dry_run or _open_pack(store, path, rules_for_library) is not None
                if args.dry_run:
                    print(f"would open\t{path}\t(a lesson pack)")
            else:
                ok = _import_one(store, path, args)
            failed += not ok
    return 1 if failed else 0


def _import_one(store: Store, path: Path, args: argparse.Namespace) -> bool:
    """One file in (or printed, with ``--dry-run``); False after a message on stderr."""
    from reader.core.importing import ImportFailed, NotChinese
    from reader.core.store import StoreError

    try:
        words = _word_list(path, args.encoding)
        if words is not None:
            _add_word_list(store, path, *words, dry_run=args.dry_run)
        else:
            _add_articles(store, path, args)
    except NotChinese as error:
        print(f"reader import: {path}: {error} Use --force to import it anyway.", file=sys.stderr)
        return False
    except (ImportFailed, StoreError) as error:
        print(f"reader import: {path}: {error}", file=sys.stderr)
        return False
    except Exception as error:  # a reader's library failing on a file must not stop the rest
        print(f"reader import: {path}: cannot be imported ({error}).", file=sys.stderr)
        return False
    return True


def _add_articles(store: Store, path: Path, args: argparse.Namespace) -> None:
    from reader.core.imported import new_article
    from reader.core.importing import import_file

    articles = import_file(path, encoding=args.encoding, force=args.force)
    for article in articles:
        for note in article.notes:
            print(f"reader import: {path}: {note}", file=sys.stderr)
    if args.dry_run:
        for article in articles:
            print(f"would add\t{article.title}\t{len(article.paragraphs)} paragraphs")
        return
    ids = store.articles.add_many([new_article(a) for a in articles])
    for article_id, article in zip(ids, articles, strict=True):
        print(f"{article_id}\t{article.title}")


def _word_list(path: Path, encoding: str | None) -> tuple[VocabFormat, list[ImportedWord]] | None:
    """The file's words when it is a word list; None for an article. A .csv/.tsv that is
    not a word list is refused (``VocabImportError``)."""
    from reader.core.importing import ImportFailed
    from reader.core.importing.decode import decode_bytes
    from reader.core.vocab_import import VocabFormat, VocabImportError, detect_format, parse_vocab

    suffix = path.suffix.lower()
    if suffix not in (*_WORD_LIST_SUFFIXES, ".txt"):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None  # the article importer says why the file cannot be read
    text = decode_bytes(data, encoding)
    fmt = detect_format(text, path.name)
    if suffix == ".txt" and fmt not in (VocabFormat.PLECO, VocabFormat.ANKI):
        if not _known_words_file(text):
            return None
        fmt = VocabFormat.KNOWN_WORDS
    try:
        return fmt, parse_vocab(text, fmt, path.name)
    except VocabImportError as error:
        if suffix in _WORD_LIST_SUFFIXES:
            raise ImportFailed(
                f"This {suffix} file is not a word list ({error}); "
                "it was not imported as an article either."
            ) from None
        return None


def _known_words_file(text: str) -> bool:
    """One short word of Hanzi per line and nothing else (a poem has punctuation)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words = [line for line in lines if not line.startswith("#")]
    return len(words) >= _KNOWN_WORDS_MIN_LINES and all(
        len(word) <= _KNOWN_WORD_MAX_CHARS and all("\u3400" <= c <= "\u9fff" for c in word)
        for word in words
    )


def _add_word_list(
    store: Store, path: Path, fmt: VocabFormat, words: list[ImportedWord], dry_run: bool
) -> None:
    from reader.core.vocab_import import (
        VocabFormat,
        commit_import,
        preview_known_words,
        preview_list_import,
    )

    with store.db.transaction():  # the new list and its words, or nothing
        if fmt is VocabFormat.KNOWN_WORDS:
            target = "known words"
            preview = preview_known_words(store, words)
        else:
            target = store.vocab.free_list_name(path.stem or "Imported")
            list_id = _NO_LIST if dry_run else store.vocab.create_list(target)
            preview = preview_list_import(store, list_id, words)
        if not dry_run:
            commit_import(store, preview)
    _print_preview(target, preview, dry_run)


def _print_preview(target: str, preview: ImportPreview, dry_run: bool) -> None:
    verb = "would " if dry_run else ""
    for action, words in (("add", preview.added), ("update", preview.updated)):
        for word in words:
            print(f"{verb}{action}\t{word.simplified}\t{word.pinyin}\t{word.meaning}")
    print(
        f"LIST\t{target}\t{verb}add {len(preview.added)}, {verb}update {len(preview.updated)}, "
        f"skip {len(preview.skipped)}"
    )


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
