"""What the reading benchmarks share: the marked-character format, the baselines, the app's
segmentation and the score, so `pinyin_cpp.py` and `pinyin_everyday.py` count alike."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import jieba
from pypinyin import Style, lazy_pinyin

from reader.core.analysis.g2p import PolyphoneModel
from reader.core.analysis.readings import ReadingModel
from reader.core.analysis.segment import Segmenter

MARK = "\u2581"  # wraps the polyphone to score in a sentence of the data files


def pypinyin_alone(text: str) -> list[str]:
    return [
        s.replace("ü", "u:")
        for s in lazy_pinyin(
            text,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            v_to_u=True,
            errors=lambda chunk: [""] * len(chunk),
        )
    ]


def pypinyin_guesses(texts: Sequence[str], positions: Sequence[int]) -> list[str]:
    """pypinyin's reading of the marked character of each sentence."""
    return [pypinyin_alone(t)[p] for t, p in zip(texts, positions, strict=True)]


def print_g2pm_alone(texts: list[str], positions: list[int], labels: list[str]) -> None:
    found = PolyphoneModel.load().predict(texts, [[p] for p in positions], restrict=False)
    print(f"g2pM alone: {accuracy([g[0].reading for g in found], labels):.4f}")


def g2pm_alone(texts: Sequence[str]) -> list[list[str]]:
    """Whole sentences read as g2pM reads them: its model for the characters it knows as
    polyphones, pypinyin's single reading for the others."""
    model = PolyphoneModel.load()
    targets = [[i for i, c in enumerate(t) if model.candidates(c)] for t in texts]
    found = model.predict(texts, targets, restrict=False)
    out = []
    for text, positions, guesses in zip(texts, targets, found, strict=True):
        readings = pypinyin_alone(text)
        for p, guess in zip(positions, guesses, strict=True):
            readings[p] = guess.reading
        out.append(readings)
    return out


def app_segmenter() -> Segmenter:
    """The segmenter the app's ``Analyzer`` uses, on the bundled dictionary."""
    from reader.core.cedict import Dictionary

    dictionary = Dictionary.open()
    return Segmenter.load(dictionary.index.stem, dictionary.headwords)


def readings_at(read: Sequence[Sequence[Sequence[str]]], positions: Sequence[int]) -> list[str]:
    """The reading of the marked character in each sentence's readings, word by word."""
    return [[r for word in s for r in word][p] for s, p in zip(read, positions, strict=True)]


def marked_readings(
    model: ReadingModel, sentences: list[list[str]], positions: list[int]
) -> list[str]:
    """The reading ``model`` gives the marked character of each segmented sentence."""
    return readings_at(model.read_many(sentences), positions)


def accuracy(guesses: Sequence[str], labels: Sequence[str]) -> float:
    return sum(g == lb for g, lb in zip(guesses, labels, strict=True)) / len(labels)


def neutral_lenient(guesses: Sequence[str], labels: Sequence[str]) -> float:
    """``accuracy`` that also accepts a neutral tone on either side of the same syllable
    (认识 rèn shi for CPP's lexical shí): the readings follow CC-CEDICT's neutral tones."""
    hits = sum(
        g == lb or (g[:-1] == lb[:-1] and "5" in (g[-1:], lb[-1:]))
        for g, lb in zip(guesses, labels, strict=True)
    )
    return hits / len(labels)


def add_segmenter_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--segmenter",
        choices=["jieba"],
        help="also print the accuracy with plain jieba.lcut segmentation, for comparison",
    )


def print_jieba_accuracy(
    model: ReadingModel, texts: list[str], positions: list[int], labels: list[str]
) -> None:
    """The figure with plain ``jieba.lcut`` cuts instead of the app's segmenter."""
    jieba.initialize()
    plain = marked_readings(model, [jieba.lcut(t) for t in texts], positions)
    print(f"accuracy with plain jieba segmentation: {accuracy(plain, labels):.4f}")
