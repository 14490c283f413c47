"""Is it Chinese? A Japanese book imported as Chinese is annotated without a single word.

Japanese writes its grammar in kana among the kanji; Chinese has no kana (a stray の in a
shop name at most). A text is taken for Japanese when kana are at least
``JAPANESE_KANA_SHARE`` of its Hanzi and kana together, and there are enough of them to
tell (``MIN_KANA``): the user is asked before it is imported (``LooksJapanese``); the CLI
refuses unless ``--force``.
"""

from __future__ import annotations

import re

from reader.core.importing.errors import ImportFailed

JAPANESE_KANA_SHARE = 0.2  # Japanese prose runs 40-70 % kana; Chinese has none
MIN_KANA = 20
_SAMPLE_CHARS = 200_000
_KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class LooksJapanese(ImportFailed):
    """The text looks Japanese; importing it anyway is the user's call (``force``)."""

    def __init__(self, share: float) -> None:
        super().__init__(
            f"This text looks Japanese, not Chinese ({share:.0%} of its characters are kana): "
            "its words would not be found in the Chinese dictionary."
        )
        self.share = share


def kana_share(text: str) -> float:
    """Kana among the Hanzi and kana of (a sample of) ``text``; 0 when there are too few."""
    sample = text[:_SAMPLE_CHARS]
    kana = len(_KANA.findall(sample))
    if kana < MIN_KANA:
        return 0.0
    return kana / (kana + len(_HAN.findall(sample)))


def check_chinese(text: str) -> None:
    """Raise ``LooksJapanese`` for a text that is Japanese."""
    share = kana_share(text)
    if share >= JAPANESE_KANA_SHARE:
        raise LooksJapanese(share)
