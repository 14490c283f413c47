"""Tone colour schemes, as learners know them from Pleco, Zhongwen and Hanping.

Each scheme has a variant for light and one for dark backgrounds: the saturated colours
that read well on white are too dark on a dark grey, so the dark variant lifts them. Every
colour keeps a contrast of at least 4.5:1 (WCAG AA for text) with the backgrounds it is drawn
on (the light theme's paper and card, the dark theme's base and card): the light greens
and oranges are darker than the anchors' (Pleco's #02a31a was 3.3:1, Hanping's orange 2.7:1).
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
        ("#e30000", "#028515", "#1a18e0", "#8900bf", "#707070"),
        ("#ff6b6b", "#4ed964", "#7f9cff", "#d08bff", "#a8a8a8"),
    ),
    ToneScheme.ZHONGWEN: (
        ("#e0201b", "#a65d00", "#248324", "#1f5fd6", "#707070"),
        ("#ff6e6a", "#ffae42", "#62d262", "#6fa0ff", "#a8a8a8"),
    ),
    ToneScheme.HANPING: (
        ("#1e6ddc", "#1a8331", "#9b6300", "#dc1f1f", "#707070"),
        ("#6fb0ff", "#5ad678", "#ffbe4a", "#ff6b6b", "#a8a8a8"),
    ),
}


def tone_color(scheme: ToneScheme, tone: int, dark: bool) -> str | None:
    """The colour of a syllable of ``tone`` (1–5), or None to use the text colour."""
    colors = _SCHEMES.get(scheme)
    if colors is None or not 1 <= tone <= 5:
        return None
    return colors[1 if dark else 0][tone - 1]


# Behind the characters of a word by its status (0 new, 1–4 learning), light then dark:
# LWT's and LingQ's blue for new words, a yellow for learning ones that fades toward the
# page as the level rises. The text keeps >= 4.5:1 on each (tests/ui/test_theme_contrast).
_STATUS_BACKGROUNDS = (
    ("#e0ecff", "#fbd776", "#fce29e", "#fdecc2", "#fef5e0"),
    ("#1d3152", "#5e4a10", "#4d3f17", "#3c331b", "#2d291f"),
)


def status_background(status: int, dark: bool) -> str:
    """The background of a word of ``status`` (0–4)."""
    return _STATUS_BACKGROUNDS[1 if dark else 0][status]
