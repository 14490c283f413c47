"""jieba imported without compiling its HMM tables from source, and its pickled tables.

jieba keeps the probabilities of its HMMs (``finalseg`` for new words, ``posseg`` for
parts of speech) twice: as modules of dict literals, which ``import jieba`` imports
(``finalseg/prob_emit.py`` is 1.7 MB of source: 0.3–0.4 s to compile wherever no bytecode is
cached, as on a first run and on machines that set PYTHONDONTWRITEBYTECODE), and as pickles
of the same dicts, which its own ``load_model`` reads on Jython (unpickled in 0.05 s). Here
the pickles stand in for the modules before jieba imports them; where they are not there
(a frozen build ships the modules), jieba imports its modules as usual.
"""

from __future__ import annotations

import importlib.util
import pickle
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Final

_FINALSEG_TABLES: Final = ("prob_start", "prob_trans", "prob_emit")


def jieba_folder() -> Path | None:
    """jieba's package folder, found without importing it."""
    spec = importlib.util.find_spec("jieba")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def pickled_tables(package: str, names: tuple[str, ...]) -> list[Any] | None:
    """The dicts jieba ships pickled as ``<package>/<name>.p`` (``package`` "finalseg" or
    "posseg"), in the order of ``names``; None unless every one is there."""
    folder = jieba_folder()
    if folder is None:
        return None
    paths = [folder / package / f"{name}.p" for name in names]
    if not all(path.is_file() for path in paths):
        return None
    tables = []
    for path in paths:  # jieba's own package data, as its load_model reads it
        with path.open("rb") as stream:
            tables.append(pickle.load(stream))
    return tables


def imported_jieba() -> ModuleType:
    """``import jieba``, with ``jieba.finalseg``'s tables from its pickles when first
    imported: each ``prob_*`` module it imports is already in ``sys.modules``, its ``P``
    the unpickled dict (the same keys and values in the same order)."""
    if "jieba" not in sys.modules:
        tables = pickled_tables("finalseg", _FINALSEG_TABLES)
        for name, table in zip(_FINALSEG_TABLES, tables or (), strict=False):
            stand_in = ModuleType(f"jieba.finalseg.{name}")
            stand_in.__dict__["P"] = table
            sys.modules.setdefault(stand_in.__name__, stand_in)
    import jieba

    module: ModuleType = jieba
    return module
