"""Test set-up: Qt offscreen, and every test gets its own data dir.

The compiled dictionary index is shared by the whole session through one cache dir, so it
is built once per run instead of once per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.store import Store
    from reader.ui.messages import Level, Message

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """The app's own application class (pytest-qt creates it once for the session)."""
    from reader.ui.app import ReaderApplication

    return ReaderApplication


@pytest.fixture(scope="session", autouse=True)
def session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("READER_CACHE_DIR")
    os.environ["READER_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("READER_CACHE_DIR", None)
    else:
        os.environ["READER_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty user data dir for each test."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("READER_DATA_DIR", str(path))
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """The test's own database (in its empty data dir), open for the test."""
    from reader.core.store import Store

    with Store.open() as opened:
        yield opened


@dataclass
class Told:
    """What the message sink said in dialogs (``reader.ui.messages.ask``, the one place
    that shows a box), instead of modal boxes; ``answers``: what the learner answers to
    the questions, in turn (none left: no)."""

    messages: list[Message] = field(default_factory=list)
    answers: list[bool] = field(default_factory=list)

    def texts(self, *levels: Level) -> list[str]:
        return [m.text for m in self.messages if not levels or m.level in levels]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    from reader.ui import messages

    record = Told()

    def ask(message: Message, _parent: object) -> bool:
        record.messages.append(message)
        if not message.asks:
            return True
        return record.answers.pop(0) if record.answers else False

    monkeypatch.setattr(messages, "ask", ask)
    return record


@pytest.fixture
def warnings(told: Told, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warnings and errors the sink would show, instead of modal boxes."""
    from reader.ui import messages

    shown: list[str] = []
    answer = messages.ask  # told's

    def ask(message: Message, parent: object) -> bool:
        if message.level in (messages.Level.WARNING, messages.Level.ERROR):
            shown.append(message.text)
        return answer(message, None)

    monkeypatch.setattr(messages, "ask", ask)
    return shown


@pytest.fixture(scope="session")
def analyzer(session_cache_dir: Path) -> Analyzer:
    """The real analysis (CC-CEDICT, readings model, segmenter), loaded once per session."""
    from reader.core.analysis.pipeline import Analyzer

    return Analyzer.create()
