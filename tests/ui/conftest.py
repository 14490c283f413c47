"""One dictionary and analyser for every UI test (loading them is the slow part)."""

from __future__ import annotations

import pytest

from reader.core.progress import Progress
from reader.ui.main_window import LanguageTools, load_language_tools


@pytest.fixture(scope="session")
def language_tools() -> LanguageTools:
    return load_language_tools([], Progress())
