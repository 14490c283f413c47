"""CC-CEDICT: parsing every entry, compiling the index, looking words up, importing releases.

``Dictionary.open()`` is the way in; the model classes describe what a lookup returns.
"""

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
