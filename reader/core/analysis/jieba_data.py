"""jieba imported without compiling its HMM tables from source, and its pickled tables.

jieba keeps the probabilities of its HMMs (``finalseg`` for new words, ``posseg`` for
parts of speech) twice: as modules of dict literals, which ``import jieba`` imports
(``finalseg/prob_emit.py`` is 1.7 MB of source: 0.25–0.4 s to compile), and as pickles of the
same dicts, which its own ``load_model`` reads on Jython (0.05–0.08 s). Cached bytecode of the
modules loads faster still (0.03–0.05 s), so the pickles stand in for the modules only where
every process would compile them: no bytecode cached and none to be written (as on machines
that set PYTHONDONTWRITEBYTECODE). Where the pickles are not there (a frozen build ships the
modules' bytecode), jieba imports its modules as usual.
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


def _compiled_each_time(folder: Path) -> bool:
    """Whether importing jieba.finalseg's tables compiles their source in this process
    and will in the next: no bytecode is cached for them and none is being written."""
    source = folder / "finalseg" / "prob_emit.py"
    return (
        sys.dont_write_bytecode
        and not Path(importlib.util.cache_from_source(str(source))).is_file()
    )


def imported_jieba() -> ModuleType:
    """``import jieba``, with ``jieba.finalseg``'s tables from its pickles where they would
    be compiled from source: each ``prob_*`` module it imports is then already in
    ``sys.modules``, its ``P`` the unpickled dict (the same keys and values in the same
    order)."""
    folder = jieba_folder()
    if "jieba" not in sys.modules and folder is not None and _compiled_each_time(folder):
        tables = pickled_tables("finalseg", _FINALSEG_TABLES)
        for name, table in zip(_FINALSEG_TABLES, tables or (), strict=False):
            stand_in = ModuleType(f"jieba.finalseg.{name}")
            stand_in.__dict__["P"] = table
            sys.modules.setdefault(stand_in.__name__, stand_in)
    import jieba

    module: ModuleType = jieba
    return module
