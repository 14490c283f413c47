"""Loading the dictionary and the analyser (on a worker: both are slow to load)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.progress import Progress

if TYPE_CHECKING:  # they load on a worker, after the first paint
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.readings import ReadingModel
    from reader.core.cedict import Dictionary


@dataclass
class LanguageTools:
    """The dictionary and the analyser (tests and benchmarks load them once and share)."""

    dictionary: Dictionary
    analyzer: Analyzer


def open_dictionary(progress: Progress | None, data_dir: Path | None = None) -> Dictionary:
    """The release in use: the one imported into ``data_dir`` if any, else the bundled one."""
    from reader.core.cedict import Dictionary

    return Dictionary.open(data_dir=data_dir, progress=progress)


def create_analyzer(
    dictionary: Dictionary | None,
    user_words: list[str],
    readings: ReadingModel | None = None,
) -> Analyzer:
    """The analyser (it opens a dictionary of its own when given None: it loads on its own
    thread, beside the worker that opens articles); ``readings``: an analyser's reading
    model to share (a new dictionary keeps the model already loaded)."""
    from reader.core.analysis.pipeline import Analyzer

    return Analyzer.create(user_words, dictionary=dictionary, readings=readings)


def load_language_tools(user_words: list[str], progress: Progress) -> LanguageTools:
    dictionary = open_dictionary(progress)
    return LanguageTools(dictionary, create_analyzer(dictionary, user_words))
