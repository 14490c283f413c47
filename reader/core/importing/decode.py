"""Bytes of a text file → text, in the encodings Chinese files come in.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then GB18030
(a superset of GBK and GB2312) and Big5 are both tried strictly and the one whose Hanzi are
more often *common* characters wins. "Common" means GB2312 level 1 (the 3,755 most frequent
simplified characters) or Big5 level 1 (the 5,401 most frequent traditional ones): text
read in the wrong one of the two decodes into rare characters, kana, Cyrillic or private
use code points, so the right reading scores near 1 and the wrong one far lower (accented
Latin letters and punctuation count as common: a French text read as cp1252 is fine). We do not
use charset-normalizer here: on short Chinese snippets it guesses Korean (cp949).

An explicit encoding overrides the detection but is still checked: if it cannot decode
the bytes, or decodes them into mostly uncommon characters, the import fails with a
message instead of showing garbage.
"""

from __future__ import annotations

import codecs

from reader.core.importing.controls import MAX_NULS, check_text
from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import MAX_FILE_BYTES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK_CANDIDATES = ("gb18030", "big5")
_SAMPLE_CHARS = 20_000  # enough to tell the encodings apart; keeps scoring fast
MIN_PLAUSIBILITY = 0.6  # below this share of common characters a reading is garbage


def _is_common(char: str) -> bool:
    """A character a text in that script uses every day (see the module docstring)."""
    if char.isascii() or "\u00a0" <= char <= "\u024f" or "\u2000" <= char <= "\u206f":
        return True  # Latin letters with accents, general punctuation: never a misreading
    try:
        gb = char.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA4 <= big5[0] <= 0xC6 or big5[0] == 0xA1  # level 1 Hanzi, or punctuation


def plausibility(text: str) -> float:
    """Share of the (sampled) non-ASCII, non-space characters that are common."""
    sample = [c for c in text[:_SAMPLE_CHARS] if not c.isascii() and not c.isspace()]
    if not sample:
        return 1.0
    common = sum(1 for c in sample if c in _PUNCTUATION or _is_common(c))
    return common / len(sample)


_PUNCTUATION = frozenset("，。、；：？！…—·“”‘’「」『』（）《》〈〉【】〔〕～％＋－／　")


def _check_not_binary(data: bytes) -> None:
    """NULs in a file without a UTF-16/32 mark, anywhere in it: binary data (a stray NUL
    or two is removed with the other controls)."""
    if data.count(b"\x00") > MAX_NULS:
        raise ImportFailed("This is not a text file (it contains binary data).")


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """The text of ``data``; ``encoding`` (any Python codec name) overrides detection."""
    if not data.strip():
        raise ImportFailed("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed(
            f"The file is too large ({len(data) // (1024 * 1024)} MB; "
            f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    text = _decode_explicit(data, encoding) if encoding else detect(data)[0]
    text = check_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ImportFailed("The file is empty.")
    return text


def text_encoding(encoding: str) -> str | None:
    """The codec's name when ``encoding`` names a text encoding Python has, else None
    (``x-no-such``; ``rot13``, ``base64`` and ``undefined`` are codecs but no text's)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    return info.name


def check_encoding(encoding: str) -> str:
    """The codec's name of an encoding the user chose; refused if it is none."""
    name = text_encoding(encoding)
    if name is not None:
        return name
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFailed(f"Unknown encoding: {encoding}.") from None
    raise ImportFailed(f"{encoding} is not a text encoding; name one such as gb18030.")


def _decode_explicit(data: bytes, encoding: str) -> str:
    name = check_encoding(encoding)
    if name == "utf-8":
        name = "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        raise ImportFailed(f"The file is not in {encoding}: it cannot be read that way.") from None
    if plausibility(text) < MIN_PLAUSIBILITY:
        raise ImportFailed(
            f"The file does not read as {encoding} (that gives garbage); "
            "try another encoding or let the app detect it."
        )
    return text


def detect(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was found to be in."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name.replace("-sig", "").upper()
            except UnicodeDecodeError:
                label = name.replace("-sig", "").upper()
                raise ImportFailed(
                    f"The file says it is {label} (it starts with a {label} mark) "
                    "but its contents are not."
                ) from None
    _check_not_binary(data)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    readings: list[tuple[float, str, str]] = []
    for name in _CJK_CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), text, name.upper()))
    if not readings:
        raise ImportFailed(
            "The file's encoding is not recognised (it is not UTF-8, UTF-16, GB18030/GBK "
            "or Big5); choose the encoding by hand."
        )
    score, text, found = max(readings, key=lambda reading: reading[0])
    if score < MIN_PLAUSIBILITY:
        raise ImportFailed(
            "The file's encoding is not recognised (no encoding gives readable text); "
            "choose the encoding by hand, or it may not be a text file."
        )
    return text, found
