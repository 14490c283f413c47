"""Bytes of a text file → text, in the encodings Chinese files come in.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then GB18030
(a superset of GBK and GB2312) and Big5 are both tried strictly and the one whose Hanzi are
more often *common* characters wins. "Common" means GB2312 level 1 (the 3,755 most frequent
simplified characters) or Big5 level 1 (the 5,401 most frequent traditional ones): text
read in the wrong one of the two decodes into rare characters, kana, Cyrillic or private
use code points, so the right reading scores near 1 and the wrong one far lower (accented
Latin letters and punctuation count as common: a French text read as cp1252 is fine). We do not
use charset-normalizer here: on short Chinese snippets it guesses Korean (cp949).

Two shapes real files come in are read too, and the user is told: UTF-16 without a
byte-order mark (NULs beside every ASCII character; or, in a text of Hanzi with hardly any
ASCII, one byte of nearly every pair a Hanzi's or a full-width mark's high byte, 0x4E-0x9F,
0x30, 0xFF: then it competes with the GB18030 and Big5 readings), and a file with a few
damaged bytes (a download cut short and resumed, a cp1252 quote pasted into UTF-8): when
no encoding reads it strictly, the one that reads it with the fewest bad places (at most
``MAX_DAMAGED_SHARE`` of its bytes) is used, the bad places are left out, and a note says
how many. A GBK file with curly quotes typed on Windows in cp1252 (bytes 0x91-0x94, which
GBK reads as the first byte of a rare character, garbling the next one too: “我们” →
撐颐敲) has them read as the quotes they are.

An explicit encoding overrides the detection but is still checked: if it cannot decode
the bytes, or decodes them into mostly uncommon characters, the import fails with a
message instead of showing garbage.
"""

from __future__ import annotations

import codecs
import re

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
MAX_DAMAGED_SHARE = 0.001  # 1 byte in 1,000 that no encoding reads: a damaged text file
_MIN_DAMAGED_ALLOWED = 2  # (a short file: a stray byte or two)
_UTF16 = ("utf-16-le", "utf-16-be")
# cp1252's ‘ ’ “ ” and the same marks in GBK; a GBK character, byte by byte (an ASCII run, a
# four-byte GB18030 one, a pair, or a byte that starts nothing)
_CP1252_QUOTES = {0x91: "‘".encode("gbk"), 0x92: "’".encode("gbk")}
_CP1252_QUOTES |= {0x93: "“".encode("gbk"), 0x94: "”".encode("gbk")}
_QUOTE_WINDOW = 9  # bytes: the quote and the four characters after it
_SIMPLIFIED_SHARE = 0.97  # of a GBK text's characters in GB2312 (the misread quotes are not)
_GBK_CHARACTER = re.compile(
    rb"[\x00-\x7f]+|[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\xfe]|.",
    re.S,
)
# the high bytes of UTF-16 Chinese: ASCII, general punctuation (“”), CJK marks, Hanzi, full-width
_UTF16_HIGH_BYTES = frozenset({0x00, 0x20, 0x30, 0xFF, *range(0x4E, 0xA0)})
_UTF16_SHAPED_SHARE = 0.9
_REPLACEMENT = "\ufffd"


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
    return decode_text(data, encoding)[0]


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """The text of ``data``, the encoding it was read in, and what the user is to be told
    (the damaged places left out)."""
    if not data.strip():
        raise ImportFailed("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed(
            f"The file is too large ({len(data) // (1024 * 1024)} MB; "
            f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    notes: tuple[str, ...] = ()
    if encoding:
        text, found = _decode_explicit(data, encoding), encoding
    else:
        text, found, damaged = _detect(data)
        if damaged:
            places = "place" if damaged == 1 else "places"
            notes = (
                f"The file is damaged: {damaged} {places} could not be read as {found} "
                "and were left out.",
            )
    text = check_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ImportFailed("The file is empty.")
    return text, found, notes


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
    text, found, _ = _detect(data)
    return text, found


def _detect(data: bytes) -> tuple[str, str, int]:
    """The text, its encoding's name and how many damaged places were left out of it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name.replace("-sig", "").upper(), 0
            except UnicodeDecodeError:
                label = name.replace("-sig", "").upper()
                raise ImportFailed(
                    f"The file says it is {label} (it starts with a {label} mark) "
                    "but its contents are not."
                ) from None
    if data.count(b"\x00") > MAX_NULS:
        utf16 = _utf16_without_mark(data)
        if utf16 is not None:
            return utf16
    _check_not_binary(data)
    try:
        return data.decode("utf-8"), "UTF-8", 0
    except UnicodeDecodeError:
        pass
    readings: list[tuple[float, str, str]] = []
    for name in _UTF16:
        if _utf16_shaped(data, name):
            reading = _utf16_without_mark(data, (name,))
            if reading is not None:
                readings.append((plausibility(reading[0]), reading[0], reading[1]))
    quoted = _with_gbk_quotes(data) if _may_hold_cp1252_quotes(data) else data
    for name in _CJK_CANDIDATES:
        try:
            text = (quoted if name == "gb18030" else data).decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), text, name.upper()))
    if not readings:
        damaged = _damaged_reading(data)
        if damaged is not None:
            return damaged
        raise ImportFailed(
            "The file's encoding is not recognised (it is not UTF-8, UTF-16, GB18030/GBK "
            "or Big5); choose the encoding by hand."
        )
    score, text, found = max(readings, key=lambda reading: reading[0])
    if score < MIN_PLAUSIBILITY:
        damaged = _damaged_reading(data)
        if damaged is not None:
            return damaged
        raise ImportFailed(
            "The file's encoding is not recognised (no encoding gives readable text); "
            "choose the encoding by hand, or it may not be a text file."
        )
    return text, found, 0


def _may_hold_cp1252_quotes(data: bytes) -> bool:
    """Quote bytes in a text whose GBK reading is simplified Chinese, nearly all of it in
    GB2312: a traditional text in GBK has characters that start with those bytes, a
    simplified one hardly ever (what GBK adds to GB2312 is traditional and rare)."""
    if not any(bytes([byte]) in data for byte in _CP1252_QUOTES):
        return False
    sample = [c for c in data.decode("gb18030", errors="replace")[:_SAMPLE_CHARS] if ord(c) > 0xFF]
    return bool(sample) and _everyday("".join(sample)) >= _SIMPLIFIED_SHARE * len(sample)


def _with_gbk_quotes(data: bytes) -> bytes:
    """``data`` (GBK) with each cp1252 curly quote byte that starts a character made GBK's
    quote where that reads better (or GBK reads no character there): the text ``“我们”``
    typed on Windows, which GBK reads as a rare character of the quote and the next byte,
    and the next characters out of step."""
    out: list[bytes] = []
    pos = 0
    while pos < len(data):
        match = _GBK_CHARACTER.match(data, pos)
        assert match is not None  # (its last alternative matches any byte)
        quote = _CP1252_QUOTES.get(data[pos])
        if quote is not None and (len(match.group()) == 1 or _reads_better(quote, data, pos)):
            out.append(quote)
            pos += 1
        else:
            out.append(match.group())
            pos = match.end()
    return b"".join(out)


def _reads_better(quote: bytes, data: bytes, pos: int) -> bool:
    """More of the next few characters are everyday ones (GB2312's, or ASCII) with the byte
    at ``pos`` read as ``quote`` than as GBK reads it."""
    window = data[pos : pos + _QUOTE_WINDOW]
    as_is = window.decode("gb18030", errors="replace")
    as_quote = (quote + window[1:]).decode("gb18030", errors="replace")
    return _everyday(as_quote) >= _everyday(as_is) + 2  # (the quote itself and one more)


def _everyday(text: str) -> int:
    """How many of ``text``'s characters are ASCII or GB2312's."""
    return sum(1 for char in text if char.isascii() or _in_gb2312(char))


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _utf16_shaped(data: bytes, name: str) -> bool:
    """Bytes shaped like Chinese in UTF-16 of that byte order: an even count, and nearly
    every pair's high byte one that Chinese text has (see ``_UTF16_HIGH_BYTES``)."""
    if len(data) % 2:
        return False
    sample = data[: 2 * _SAMPLE_CHARS]
    high = sample[1::2] if name == "utf-16-le" else sample[0::2]
    shaped = sum(1 for byte in high if byte in _UTF16_HIGH_BYTES)
    return bool(high) and shaped >= _UTF16_SHAPED_SHARE * len(high)


def _utf16_without_mark(
    data: bytes, orders: tuple[str, ...] = _UTF16
) -> tuple[str, str, int] | None:
    """UTF-16 saved without its byte-order mark, read in the byte order that gives text
    (binary data decodes into rare characters and controls: None)."""
    for name in orders:
        try:
            text = data.decode(name)
            check_text(text)
        except (UnicodeDecodeError, ImportFailed):
            continue
        if plausibility(text) >= MIN_PLAUSIBILITY:
            return text, name.replace("-", "").upper().replace("UTF16", "UTF-16"), 0
    return None


def _damaged_reading(data: bytes) -> tuple[str, str, int] | None:
    """The reading of a text with a few damaged bytes that loses the fewest (its bad places
    left out), if one loses few enough and the rest is readable."""
    allowed = max(_MIN_DAMAGED_ALLOWED, int(len(data) * MAX_DAMAGED_SHARE))
    best: tuple[int, str, str] | None = None
    for name in ("utf-8", *_CJK_CANDIDATES):
        text = data.decode(name, errors="replace")
        damaged = text.count(_REPLACEMENT)
        if name == "utf-8":
            damaged -= data.count(_REPLACEMENT.encode())  # the file's own marks
        if damaged > allowed or (best is not None and damaged >= best[0]):
            continue
        if plausibility(text) >= MIN_PLAUSIBILITY:
            best = (damaged, text, name.upper())
    if best is None:
        return None
    damaged, text, found = best
    return text.replace(_REPLACEMENT, ""), found, damaged
