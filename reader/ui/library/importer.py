"""An import in two steps: read every file (off the UI thread, on the library's runner),
then add them all (an operation for the app's writer, `reader.ui.operations`).

Nothing is written until every file has been read, and the articles go in with one
transaction, so a cancelled import leaves no trace. A file that cannot be imported is
reported and adds nothing; the others still go in, also when a reader's library fails
in a way nobody foresaw. A text that does not look Chinese (Japanese, English, …) is set
aside (``ImportResult.not_chinese``) for the user to confirm, then imported with ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.imported import new_article
from reader.core.operations import Changes, Done
from reader.core.progress import Progress
from reader.core.store import Store

if TYPE_CHECKING:
    from reader.core.importing import ImportedArticle

_STEPS_PER_FILE = 1000
PASTED = "pasted text"
PASTED_IMAGE = "pasted image"


@dataclass
class ImportResult:
    ids: list[int] = field(default_factory=list)  # the articles added, in order
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what was decided)
    not_chinese: list[tuple[str, str]] = field(default_factory=list)  # (file, message): ask first
    found: list[ImportedArticle] = field(default_factory=list)  # read, to be added
    source: str | None = None  # the library's "source" of each (None: the file's)


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


def read_files(
    files: list[str], progress: Progress, encoding: str | None = None, force: bool = False
) -> ImportResult:
    """Each file on its own: one that fails is reported and the others are read."""
    # The file readers (and their HTML, XML, zip and PDF libraries) load with the first
    # import, on the worker: the app's launch does not wait for them.
    from reader.core.importing import ImportFailed, NotChinese, import_file
    from reader.core.progress import Cancelled

    result = ImportResult()
    for index, name in enumerate(files):
        part = _part(progress, index, len(files), Path(name).name)
        part.step(0, 1, "reading")
        try:
            articles = import_file(Path(name), encoding=encoding, progress=part, force=force)
        except NotChinese as error:
            result.not_chinese.append((name, str(error)))
            continue
        except ImportFailed as error:
            result.failures.append((name, str(error)))
            continue
        except Cancelled:
            raise
        except Exception as error:  # never lose the batch to one file
            result.failures.append((name, f"This file cannot be imported ({error})."))
            continue
        result.found.extend(articles)
        result.notes.extend((name, note) for article in articles for note in article.notes)
    progress.step(len(files) * _STEPS_PER_FILE, len(files) * _STEPS_PER_FILE + 1, "Saving")
    return result


def read_pasted(text: str, _progress: Progress, force: bool = False) -> ImportResult:
    from reader.core.importing import ImportFailed, NotChinese, import_text

    result = ImportResult(source="")
    try:
        result.found = import_text(text, force=force)
    except NotChinese as error:
        result.not_chinese.append((PASTED, str(error)))
    except ImportFailed as error:
        result.failures.append((PASTED, str(error)))
    return result


def read_pasted_image(data: bytes, progress: Progress) -> ImportResult:
    """A screenshot from the clipboard, read by OCR (a message if it holds no text)."""
    from reader.core.importing import ImportFailed, import_image

    result = ImportResult(source="")
    try:
        result.found = import_image(data, PASTED_IMAGE, progress)
    except ImportFailed as error:
        result.failures.append((PASTED_IMAGE, str(error)))
    return result


def add_found(store: Store, result: ImportResult, progress: Progress) -> Done[ImportResult]:
    """Add the articles read, in one transaction."""
    if not result.found:
        return Done(result)
    result.ids = store.articles.add_many(
        [new_article(a, result.source) for a in result.found], progress
    )
    result.found = []
    return Done(result, Changes(library=True))
