"""What several sub-commands need alike: the user's database and what the analysis applies
from it, so the commands agree with each other and with the app."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.analysis.reading_fixes import ReadingFix
    from reader.core.store import Correction, Store


def db_path(args: argparse.Namespace) -> Path:
    """The user's database in the data dir that --data-dir (or READER_DATA_DIR) names."""
    from reader.core import paths
    from reader.core.store.database import DB_FILENAME

    return paths.data_dir(args.data_dir) / DB_FILENAME


def user_rules(store: Store, article_id: int | None = None) -> tuple[list[Correction], list[str]]:
    """The user's corrections (with ``article_id``'s own) and own words: the analysis
    applies both, as in the app."""
    words = [w.word for w in store.corrections.user_words()]
    return store.corrections.all(article_id), words


def reading_fixes(store: Store, article_id: int | None = None) -> tuple[ReadingFix, ...]:
    """The learner's reading fixes (with ``article_id``'s own), for ``Analyzer.analyse``,
    as in the app."""
    return tuple(stored.fix for stored in store.corrections.reading_fixes(article_id))
