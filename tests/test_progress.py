from __future__ import annotations

import pytest

from reader.core.progress import Cancelled, Progress


def test_reports_reach_the_callback_until_cancelled() -> None:
    seen: list[tuple[int, int, str]] = []
    progress = Progress(lambda done, total, message: seen.append((done, total, message)))
    progress.step(1, 3, "one")
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.step(2, 3, "two")
    assert seen == [(1, 3, "one")]
    assert progress.cancelled
