"""Simplified ⇄ traditional conversion with OpenCC, length-preserving.

OpenCC is phrase-aware (头发 → 頭髮, 发展 → 發展, 干部 → 幹部) and never picks archaic
variants (和 stays 和, not 咊). Every offset in the app (tokens, hit-testing, selection,
readings) indexes the text character by character, so a conversion that would change the
length is redone piece by piece and, at worst, a character is kept as it is.
"""

from __future__ import annotations

import threading
from enum import StrEnum
from functools import cache
from typing import Final, Protocol

from reader.core.script_conversion_dicts import made, make
from reader.core.settings import Script


class TraditionalStandard(StrEnum):
    """Which traditional orthography to write: OpenCC's own, Taiwan's or Hong Kong's."""

    OPENCC = "t"
    TAIWAN = "tw"
    HONG_KONG = "hk"


_STANDARDS = {
    Script.TRADITIONAL: TraditionalStandard.TAIWAN,
    Script.TRADITIONAL_HK: TraditionalStandard.HONG_KONG,
    Script.TRADITIONAL_OPENCC: TraditionalStandard.OPENCC,
}


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_built: dict[str, _Converter] = {}
_building = threading.Lock()


def _converter(config: str) -> _Converter:
    """OpenCC's converter for ``config``, built once, from its faster form if made
    (`script_conversion_dicts`): the build holds Python's lock, the window stalled,
    whichever thread runs it (s2tw 100-280 ms, its faster form 35 ms); one that finds
    another thread building waits for it (the lock's wait lets go of Python's)."""
    converter = _built.get(config)
    if converter is None:
        with _building:
            converter = _built.get(config)
            if converter is None:
                converter = _built[config] = _built_converter(config)
    return converter


def _built_converter(config: str) -> _Converter:
    """From the faster form if made and it opens (a damaged file, or a path OpenCC cannot
    open: a Windows user's name in Chinese), else from the standard config."""
    import opencc  # a C++ extension: loaded on first use, not at import

    faster = made(config)
    if faster is not None:
        try:
            converter: _Converter = opencc.OpenCC(str(faster))
            return converter
        except RuntimeError:  # OpenCC's error for a file it cannot read
            pass
    standard: _Converter = opencc.OpenCC(config)
    return standard


def _config(script: Script) -> str:
    return f"s2{_STANDARDS.get(script, TraditionalStandard.TAIWAN).value}"


def built(script: Script) -> bool:
    """Whether the converter showing ``script`` (Taiwan's if simplified) is built."""
    return _config(script) in _built


def build_ahead(script: Script) -> threading.Thread:
    """Build, on a thread of its own, the converter showing ``script`` needs (Taiwan's if
    it is simplified: the first traditional one offered), the faster forms made first if
    they are not yet, so that the first switch does neither (to another standard, it
    builds the faster form): called once the window is idle.
    (t2s, which reads traditional text, builds in 3 ms: not worth its memory.)"""
    config = _config(script)

    def build() -> None:
        for standard in _STANDARDS:  # each one's form (the dictionaries are shared), made
            if made(_config(standard)) is None:  # even if built: the next launch uses it
                make(_config(standard))
        _converter(config)

    thread = threading.Thread(target=build, name="opencc-build-ahead", daemon=True)
    thread.start()
    return thread


def to_traditional(text: str, standard: TraditionalStandard = TraditionalStandard.TAIWAN) -> str:
    """`text` in traditional characters, exactly as long as `text`."""
    return _same_length(_converter(f"s2{standard.value}"), text)


def in_script(text: str, script: Script) -> str:
    """``text`` (simplified) as shown in ``script``, exactly as long as ``text``."""
    standard = _STANDARDS.get(script)
    return text if standard is None else to_traditional(text, standard)


# Every code point OpenCC's dictionaries map (CJK ideographs, their extensions and the
# compatibility ideographs), checked on its own: 25 ms, once.
_IDEOGRAPHS: Final = (
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xF900, 0xFB00),
    (0x20000, 0x2A6E0),
    (0x2A700, 0x2EBF0),
    (0x2F800, 0x2FA20),
    (0x30000, 0x323B0),
)


def to_simplified(text: str) -> str:
    """`text` in simplified characters, exactly as long as `text`. A text with no
    traditional character (none that OpenCC changes on its own) is simplified already and
    stays as it is: OpenCC's phrases, made for traditional text, would turn simplified
    words into others (打坏 "break" into 打坯, 土坏 into 土坯)."""
    if is_simplified(text):
        return text
    return _same_length(_converter("t2s"), text)


def is_simplified(text: str) -> bool:
    """Whether ``text`` has no traditional character (none OpenCC changes on its own):
    ``to_simplified`` keeps it, and so keeps each of its parts."""
    return _traditional_chars().isdisjoint(text)


@cache
def _traditional_chars() -> frozenset[str]:
    """The characters OpenCC's t2s changes on their own (5,119 with the OpenCC of uv.lock)."""
    chars = [chr(code) for start, end in _IDEOGRAPHS for code in range(start, end)]
    converted = _converter("t2s").convert("\n".join(chars)).split("\n")
    return frozenset(a for a, b in zip(chars, converted, strict=True) if a != b)


def _same_length(converter: _Converter, text: str) -> str:
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    pieces = []
    for char in text:
        one = converter.convert(char)
        pieces.append(one if len(one) == 1 else char)
    return "".join(pieces)
