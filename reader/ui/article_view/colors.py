"""Tone colour schemes, as learners know them from Pleco, Zhongwen and Hanping.

Each scheme has a variant for light and one for dark backgrounds: the saturated colours
that read well on white are too dark on a dark grey, so the dark variant lifts them.
Index 0 is "no tone known" (digits, Latin); 5 is the neutral tone.
"""

from __future__ import annotations

from reader.core.settings import ToneScheme as ToneScheme  # re-exported for the view

SCHEME_LABELS = {
    ToneScheme.NONE: "No tone colours",
    ToneScheme.PLECO: "Pleco (red, green, blue, purple)",
    ToneScheme.ZHONGWEN: "Zhongwen (red, orange, green, blue)",
    ToneScheme.HANPING: "Hanping (blue, green, orange, red)",
}

# tone 1, 2, 3, 4, 5 (neutral); light background, then dark background
_SCHEMES: dict[ToneScheme, tuple[tuple[str, ...], tuple[str, ...]]] = {
    ToneScheme.PLECO: (
        ("#e30000", "#02a31a", "#1a18e0", "#8900bf", "#707070"),
        ("#ff6b6b", "#4ed964", "#7f9cff", "#d08bff", "#a8a8a8"),
    ),
    ToneScheme.ZHONGWEN: (
        ("#e0201b", "#d97a00", "#2b9b2b", "#1f5fd6", "#707070"),
        ("#ff6e6a", "#ffae42", "#62d262", "#6fa0ff", "#a8a8a8"),
    ),
    ToneScheme.HANPING: (
        ("#1f6fe0", "#1f9d3a", "#d88a00", "#dc1f1f", "#707070"),
        ("#6fb0ff", "#5ad678", "#ffbe4a", "#ff6b6b", "#a8a8a8"),
    ),
}


def tone_color(scheme: ToneScheme, tone: int, dark: bool) -> str | None:
    """The colour of a syllable of ``tone`` (1–5), or None to use the text colour."""
    colors = _SCHEMES.get(scheme)
    if colors is None or not 1 <= tone <= 5:
        return None
    return colors[1 if dark else 0][tone - 1]
