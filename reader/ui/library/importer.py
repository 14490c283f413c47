"""The import work a task runs off the UI thread: read every file, then add them all.

Nothing is written until every file has been read, and the articles go in with one
transaction, so a cancelled import leaves no trace. A file that cannot be imported is
reported and adds nothing; the others still go in. A text that looks Japanese is set
aside (``ImportResult.japanese``) for the user to confirm, then imported with ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.progress import Progress
from reader.core.store import ArticleInfo, NewArticle, Store

if TYPE_CHECKING:
    from reader.core.importing import ImportedArticle

_STEPS_PER_FILE = 1000
PASTED = "pasted text"


@dataclass
class ImportResult:
    ids: list[int] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what was decided)
    japanese: list[tuple[str, str]] = field(default_factory=list)  # (file, message): ask first
    listing: list[ArticleInfo] | None = None  # the library list afterwards, read here


def _part(progress: Progress, index: int, count: int, name: str) -> Progress:
    """A progress for file ``index`` of ``count`` that reports into the whole import."""

    def report(done: int, total: int, message: str) -> None:
        fraction = done / total if total else 0.0
        progress.step(
            index * _STEPS_PER_FILE + int(fraction * _STEPS_PER_FILE),
            count * _STEPS_PER_FILE + 1,
            f"{name}: {message}" if message else name,
        )

    return Progress(report)


def import_into(
    db_path: Path,
    files: list[str],
    progress: Progress,
    encoding: str | None = None,
    query: str = "",
    force: bool = False,
) -> ImportResult:
    """Each file on its own: one that fails (even by an error of a reader's library) is
    reported and the others go in; one that looks Japanese waits for the user (``force``
    imports it)."""
    # The file readers (and their HTML, XML, zip and PDF libraries) load with the first
    # import, on the worker: the app's launch does not wait for them.
    from reader.core.importing import ImportFailed, LooksJapanese, import_file
    from reader.core.progress import Cancelled

    result = ImportResult()
    found: list[ImportedArticle] = []
    for index, name in enumerate(files):
        part = _part(progress, index, len(files), Path(name).name)
        part.step(0, 1, "reading")
        try:
            articles = import_file(Path(name), encoding=encoding, progress=part, force=force)
        except LooksJapanese as error:
            result.japanese.append((name, str(error)))
            continue
        except ImportFailed as error:
            result.failures.append((name, str(error)))
            continue
        except Cancelled:
            raise
        except Exception as error:  # never lose the batch to one file
            result.failures.append((name, f"This file cannot be imported ({error})."))
            continue
        found.extend(articles)
        result.notes.extend((name, note) for article in articles for note in article.notes)
    progress.step(len(files) * _STEPS_PER_FILE, len(files) * _STEPS_PER_FILE + 1, "Saving")
    if found:
        _add(db_path, found, None, progress, query, result)
    return result


def _add(
    db_path: Path,
    articles: list[ImportedArticle],
    source: str | None,
    progress: Progress,
    query: str,
    result: ImportResult,
) -> None:
    """Add the articles in one transaction, then read the list the pane will show (a
    library of thousands takes tens of milliseconds to list: not on the UI thread)."""
    with Store.open(db_path, auto_backup=False) as store:
        result.ids = store.articles.add_many(
            [
                NewArticle(a.title, a.text, a.source if source is None else source, a.original_text)
                for a in articles
            ],
            progress,
        )
        result.listing = store.articles.search(query)


def import_pasted(
    db_path: Path, text: str, progress: Progress, query: str = "", force: bool = False
) -> ImportResult:
    from reader.core.importing import ImportFailed, LooksJapanese, import_text

    result = ImportResult()
    try:
        articles = import_text(text, force=force)
    except LooksJapanese as error:
        result.japanese.append((PASTED, str(error)))
        return result
    except ImportFailed as error:
        result.failures.append((PASTED, str(error)))
        return result
    _add(db_path, articles, "", progress, query, result)
    return result
