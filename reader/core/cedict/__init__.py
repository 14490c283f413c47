"""CC-CEDICT: parsing every entry, compiling the index, looking words up, importing releases.

``Dictionary.open()`` is the way in; the model classes describe what a lookup returns.
The names load on first use: the launch reads ``reader.core.cedict.sources`` (which release
is in use) before it needs the parser and the index.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.cedict.dictionary import Dictionary, compile_source
    from reader.core.cedict.importing import ImportRejectedError, ImportReport, import_release
    from reader.core.cedict.model import (
        Classifier,
        Entry,
        HskLevel,
        Reference,
        ReferenceKind,
        Sense,
    )
    from reader.core.cedict.parser import ParseError, ParseResult, SourceError, parse_source

_HOMES = {
    "Dictionary": "dictionary",
    "compile_source": "dictionary",
    "ImportRejectedError": "importing",
    "ImportReport": "importing",
    "import_release": "importing",
    "Classifier": "model",
    "Entry": "model",
    "HskLevel": "model",
    "Reference": "model",
    "ReferenceKind": "model",
    "Sense": "model",
    "ParseError": "parser",
    "ParseResult": "parser",
    "SourceError": "parser",
    "parse_source": "parser",
}

__all__ = [
    "Classifier",
    "Dictionary",
    "Entry",
    "HskLevel",
    "ImportRejectedError",
    "ImportReport",
    "ParseError",
    "ParseResult",
    "Reference",
    "ReferenceKind",
    "Sense",
    "SourceError",
    "compile_source",
    "import_release",
    "parse_source",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
