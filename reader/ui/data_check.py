"""A start-up check that the data shipped with the app is there and readable.

A broken install (a half-finished copy, an antivirus quarantining a file, a hand-edited app
folder) otherwise shows up later as a confusing error deep in the dictionary or analysis
code. The check is cheap (no full decompression) so it can run on every start.
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
import zlib
from pathlib import Path

from reader.core import paths

CEDICT_MARK = b"CC-CEDICT"
_HEAD_BYTES = 4096


def _jieba_dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "dict.txt"


def _cedict_problem(path: Path) -> str | None:
    if not path.is_file():
        return f"The dictionary file is missing:\n{path}"
    try:
        with gzip.open(path, "rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        return f"The dictionary file is damaged ({error}):\n{path}"
    if CEDICT_MARK not in head:
        return f"The dictionary file is not a CC-CEDICT release:\n{path}"
    return None


def bundled_data_problem() -> str | None:
    """What is wrong with the bundled data, in words for the user; None when all is well."""
    problem = _cedict_problem(paths.bundled_cedict())
    if problem:
        return problem
    if not any(paths.seeds_dir().glob("*.txt")):
        return f"The sample article is missing from:\n{paths.seeds_dir()}"
    jieba_dict = _jieba_dictionary()
    if jieba_dict is None or not jieba_dict.is_file() or jieba_dict.stat().st_size == 0:
        return f"The word-segmentation dictionary is missing:\n{jieba_dict}"
    return None


def check_bundled_data(*, dialog: bool) -> bool:
    """True when the data is usable; otherwise tell the user (stderr, and a dialog for the GUI).

    Needs a QApplication when ``dialog`` is true.
    """
    problem = bundled_data_problem()
    if problem is None:
        return True
    text = f"{problem}\n\nThe installation of Reader is incomplete. Please reinstall it."
    print(text, file=sys.stderr)
    if dialog:
        from reader.ui.messages import MessageSink  # only for a broken install: launch speed

        MessageSink().error("Reader cannot start", text)
    return False
