"""Control characters, the same way in every format and anywhere in a file.

Whitespace of every kind is text: the full-width space U+3000 that indents Chinese
paragraphs, the no-break space U+00A0, tabs and line breaks. What is not text: terminal
colour codes (``ESC[1;31m`` in fortune files), which are removed with their parameters,
and the C0/C1 control characters, which are removed too. Only when they are a real share
of the whole text (``MAX_CONTROL_SHARE``), or it holds more than ``MAX_NULS`` NULs (no
text has them; nearly all binary data does), is the file binary data, and refused.
"""

from __future__ import annotations

import re

from reader.core.importing.errors import ImportFailed

MAX_CONTROL_SHARE = 0.01  # 1 in 100 characters: a text file has none; binary data has many
MAX_NULS = 2
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# C0 and C1 controls and DEL, except the whitespace ones (tab, line feed, vertical tab,
# form feed, carriage return) and the next-line control U+0085 (read as a line break).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape codes and control characters (whitespace stays)."""
    return check_text(text, refuse=False)


def check_text(text: str, refuse: bool = True) -> str:
    """``text`` cleaned of escape codes and control characters; refused (when ``refuse``)
    if the controls are a real share of it: then it is binary data, not text."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    cleaned, removed = _CONTROLS.subn("", text)
    too_many = removed > max(2, int(len(text) * MAX_CONTROL_SHARE))
    if refuse and (too_many or text.count("\x00") > MAX_NULS):
        raise ImportFailed("This is not a text file (it contains binary data).")
    return cleaned
