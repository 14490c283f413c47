"""`reader export LIST --format FORMAT -o FILE`: a word list as study material, for batches.

The same exporters as the app's export dialog. An existing FILE is replaced only with
--force; the file is written under a temporary name and renamed, so a failed export leaves
what was there. Exit codes: 0 written, 1 failed (message on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.analysis.tokens import Token
    from reader.core.cedict import Dictionary
    from reader.core.export.formats import ExportFormat
    from reader.core.export.model import ExportOptions
    from reader.core.store import Store

NAME = "export"
HELP = "export a word list: Anki deck, CSV, TSV, Pleco, XLSX, PDF handout or lesson pack"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from reader.core.export.formats import SUFFIXES, ExportFormat
    from reader.core.export.model import DEFAULT_COLUMNS, Column, PageSize

    parser.add_argument("list", metavar="LIST", help="the list's name or id (see `reader lists`)")
    parser.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="what to write (default: from FILE's extension: "
        + ", ".join(f"{s} → {f}" for f, s in SUFFIXES.items())
        + ")",
    )
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--columns",
        metavar="C,C,…",
        help="table columns in order (CSV, TSV, XLSX; also what Anki, Pleco and PDF include): "
        + ",".join(c.value for c in Column)
        + f" (default: {','.join(c.value for c in DEFAULT_COLUMNS)})",
    )
    parser.add_argument("--no-sentence", action="store_true", help="leave out example sentences")
    parser.add_argument("--no-traditional", action="store_true", help="leave out traditional")
    parser.add_argument("--no-notes", action="store_true", help="leave out the notes")
    parser.add_argument(
        "--page-size", choices=[p.value for p in PageSize], default="A4", help="PDF page size"
    )
    parser.add_argument("--no-article", action="store_true", help="PDF: leave out the article")
    parser.add_argument("--no-pinyin", action="store_true", help="PDF: no pinyin over the article")
    parser.add_argument(
        "--off-list",
        action="store_true",
        help="PDF: pinyin (and glosses) only over the article's words outside the class lists",
    )
    parser.add_argument(
        "--glosses", action="store_true", help="PDF: a short gloss under the words with pinyin"
    )
    parser.add_argument(
        "--include-ignored", action="store_true", help="PDF: list the ignored words too"
    )
    parser.add_argument(
        "--cloze", action="store_true", help="Anki: a cloze note per example sentence too"
    )
    parser.add_argument(
        "--audio", action="store_true", help="Anki: each word spoken by the system's voice"
    )
    parser.add_argument(
        "--sentence-audio", action="store_true", help="Anki: each example sentence spoken too"
    )
    parser.add_argument("--title", default="", help="PDF: the handout's title (default: list name)")


def _options(args: argparse.Namespace) -> ExportOptions:
    """Raises ValueError with a message for the user."""
    from reader.core.export.model import DEFAULT_COLUMNS, Column, ExportOptions, PageSize

    columns = list(DEFAULT_COLUMNS)
    if args.columns:
        names = [name.strip() for name in args.columns.split(",") if name.strip()]
        unknown = [n for n in names if n not in {c.value for c in Column}]
        if unknown:
            raise ValueError(f"unknown column(s): {', '.join(unknown)}")
        columns = [Column(n) for n in names]
    dropped = set()
    if args.no_sentence:
        dropped |= {Column.SENTENCE, Column.SENTENCE_PINYIN}
    if args.no_traditional:
        dropped.add(Column.TRADITIONAL)
    if args.no_notes:
        dropped.add(Column.NOTES)
    return ExportOptions(
        columns=tuple(c for c in columns if c not in dropped),
        page_size=PageSize(args.page_size),
        include_article=not args.no_article,
        article_with_pinyin=not args.no_pinyin,
        article_off_list=args.off_list,
        article_glosses=args.glosses,
        title=args.title,
        anki_cloze=args.cloze,
        anki_audio=args.audio,
        anki_sentence_audio=args.sentence_audio,
        include_ignored=args.include_ignored,
    )


def _format(args: argparse.Namespace) -> ExportFormat | None:
    from reader.core.export.formats import ExportFormat, format_for_path

    return ExportFormat(args.format) if args.format else format_for_path(args.output)


def _fail(message: str) -> int:
    print(f"reader export: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    from reader.core.atomic import TargetExistsError
    from reader.core.export.formats import SUFFIXES, misnamed
    from reader.core.speech import SpeechError
    from reader.core.store import StoreError

    fmt = _format(args)
    if fmt is None:
        print("reader export: say --format (FILE's extension does not tell)", file=sys.stderr)
        return 2
    named = misnamed(args.output, fmt)
    if named is not None:
        print(
            f"reader export: {args.output} is named as {named} but --format {fmt} writes "
            f"{SUFFIXES[fmt]}; give the file that extension",
            file=sys.stderr,
        )
        return 2
    try:
        options = _options(args)
    except ValueError as error:
        print(f"reader export: {error}", file=sys.stderr)
        return 2
    try:
        written = _export(args, fmt, options)
    except TargetExistsError as error:
        return _fail(f"{error.path} exists; add --force to replace it")
    except OSError as error:
        return _fail(_os_error_text(error, Path(args.output)))
    except (ValueError, KeyError, StoreError, SpeechError) as error:
        return _fail(str(error.args[0]) if error.args else str(error))
    print(written)
    return 0


def _os_error_text(error: OSError, output: Path) -> str:
    """An OSError in words: ``OSError(28, ...)``'s first argument is the errno."""
    from reader.core.atomic import FULL_DISK_ERRNOS, DiskFullError, WriteFailed

    if isinstance(error, WriteFailed):
        return str(error)
    if error.errno in FULL_DISK_ERRNOS:
        return str(DiskFullError(output))
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def _export(args: argparse.Namespace, fmt: ExportFormat, options: ExportOptions) -> Path:
    from reader.cli.common import db_path
    from reader.core.cedict import Dictionary
    from reader.core.export import from_store
    from reader.core.store import Store

    database = db_path(args)
    facts = Dictionary.open(data_dir=database.parent)
    with Store.open(database) as store:
        word_list = from_store.find_list(store, args.list)
        return from_store.export_from_store(
            store,
            word_list,
            fmt,
            Path(args.output),
            options,
            facts=facts,
            make_analyser=lambda: _analyser(store, facts, word_list.article_id),
            pdf_writer=_pdf_writer,
            overwrite=args.force,
        )


def _pdf_writer(*args: object, **kwargs: object) -> Path:
    """The handout needs a Qt application: the CLI makes an offscreen one when asked."""
    from reader.ui.export_pdf import gui_application, write_pdf_handout

    gui_application()
    return write_pdf_handout(*args, **kwargs)  # type: ignore[arg-type]


def _analyser(
    store: Store, dictionary: Dictionary, article_id: int | None
) -> Callable[[str], Sequence[Token]]:
    """The app's analysis with the user's words, corrections (the list's article's own
    included) and reading fixes (for ruby and sentences)."""
    from reader.cli.common import reading_fixes, user_rules
    from reader.core.analysis.pipeline import Analyzer

    rules, user_words = user_rules(store, article_id)
    analyzer = Analyzer.create(user_words, dictionary=dictionary)
    fixes = reading_fixes(store, article_id)
    return lambda text: analyzer.analyse(text, rules, fixes=fixes)
