"""Is it Chinese? A Japanese book or an English page imported as Chinese is annotated
without a single word.

Two checks on (a sample of) the text, both raising a ``NotChinese`` the user is asked
about before the text is imported (the CLI refuses it unless ``--force``):

- **Japanese** writes its grammar in kana among the kanji; Chinese has no kana (a stray の
  in a shop name at most). A text is taken for Japanese when kana are at least
  ``JAPANESE_KANA_SHARE`` of its Hanzi and kana together, and there are enough of them to
  tell (``MIN_KANA``): ``LooksJapanese``.
- **Any other language** (English, Korean, Russian, …) has next to no Hanzi among its
  letters: under ``MIN_HANZI_SHARE`` of them, with at least ``MIN_LETTERS`` letters to
  tell: ``LooksNotChinese``. Chinese technical text full of English (a man page, a manual)
  still has a fifth of its letters Hanzi or more.
"""

from __future__ import annotations

import re

from reader.core.importing.errors import ImportFailed

JAPANESE_KANA_SHARE = 0.2  # Japanese prose runs 40-70 % kana; Chinese has none
MIN_KANA = 20
MIN_HANZI_SHARE = 0.05  # the corpus's most English document (a Debian manual) has 24 %
MIN_LETTERS = 20
_SAMPLE_CHARS = 200_000
_KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


class NotChinese(ImportFailed):
    """The text does not look Chinese; importing it anyway is the user's call (``force``)."""


class LooksJapanese(NotChinese):
    def __init__(self, share: float) -> None:
        super().__init__(
            f"This text looks Japanese, not Chinese ({share:.0%} of its characters are kana): "
            "its words would not be found in the Chinese dictionary."
        )
        self.share = share


class LooksNotChinese(NotChinese):
    def __init__(self, share: float) -> None:
        super().__init__(
            f"This text does not look Chinese (only {share:.0%} of its letters are Chinese "
            "characters): its words would not be found in the Chinese dictionary."
        )
        self.share = share


def kana_share(text: str) -> float:
    """Kana among the Hanzi and kana of (a sample of) ``text``; 0 when there are too few."""
    sample = text[:_SAMPLE_CHARS]
    kana = len(_KANA.findall(sample))
    if kana < MIN_KANA:
        return 0.0
    return kana / (kana + len(_HAN.findall(sample)))


def hanzi_share(text: str) -> float:
    """Hanzi among the letters of (a sample of) ``text``; 1 when there are too few letters."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(char.isalpha() for char in sample)
    if letters < MIN_LETTERS:
        return 1.0
    return len(_HAN.findall(sample)) / letters


def check_chinese(text: str) -> None:
    """Raise ``LooksJapanese`` for a text that is Japanese, ``LooksNotChinese`` for one in
    another language."""
    share = kana_share(text)
    if share >= JAPANESE_KANA_SHARE:
        raise LooksJapanese(share)
    share = hanzi_share(text)
    if share < MIN_HANZI_SHARE:
        raise LooksNotChinese(share)
