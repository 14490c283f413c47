"""Loading the dictionary and the analyser (on a worker: both are slow to load)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.progress import Progress


@dataclass
class LanguageTools:
    """The dictionary and the analyser (tests and benchmarks load them once and share)."""

    dictionary: Any
    analyzer: Any


def open_dictionary(progress: Progress | None, data_dir: Path | None = None) -> Any:
    """The release in use: the one imported into ``data_dir`` if any, else the bundled one."""
    from reader.core.cedict import Dictionary

    return Dictionary.open(data_dir=data_dir, progress=progress)


def create_analyzer(dictionary: Any, user_words: list[str]) -> Any:
    """The analyser (it opens a dictionary of its own when given None: it loads on its own
    thread, beside the worker that opens articles)."""
    from reader.core.analysis.pipeline import Analyzer

    return Analyzer.create(user_words, dictionary=dictionary)


def load_language_tools(user_words: list[str], progress: Progress) -> LanguageTools:
    dictionary = open_dictionary(progress)
    return LanguageTools(dictionary, create_analyzer(dictionary, user_words))
