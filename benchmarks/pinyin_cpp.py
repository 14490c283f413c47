"""Accuracy of readings in context on the CPP polyphone benchmark (dev split by default).

Each line of the ``--sent`` file holds one sentence with one polyphonic character wrapped in
``▁``; the same line of ``--lb`` holds its reading. Sentences are segmented by the app's
``Segmenter`` (the dictionary-aware jieba the reader uses), so the figure is what ships;
``--segmenter jieba`` adds the figure with plain ``jieba.lcut`` beside it for comparison.
Prints the baselines (pypinyin alone, g2pM alone), the speed of ``ReadingModel.read_many``
and, as the last line, ``accuracy: 0.xxxx`` (with the app's segmenter).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

from reader.core.analysis.g2p import PolyphoneModel
from reader.core.analysis.readings import ReadingModel
from reader.core.analysis.segment import Segmenter

CPP = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "pinyin-cpp"
MARK = "\u2581"


def load(sent: Path, lb: Path) -> tuple[list[str], list[int], list[str]]:
    texts: list[str] = []
    positions: list[int] = []
    for line in sent.read_text(encoding="utf-8").splitlines():
        positions.append(line.index(MARK))
        texts.append(line.replace(MARK, ""))
    labels = lb.read_text(encoding="utf-8").split()
    if len(labels) != len(texts):
        raise SystemExit(f"{sent} has {len(texts)} lines but {lb} has {len(labels)}")
    return texts, positions, labels


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


def app_segmenter() -> Segmenter:
    """The segmenter the app's ``Analyzer`` uses, on the bundled dictionary."""
    from reader.core.cedict import Dictionary

    dictionary = Dictionary.open()
    return Segmenter.load(dictionary.index.stem, dictionary.headwords)


def marked_readings(
    model: ReadingModel, sentences: list[list[str]], positions: list[int]
) -> list[str]:
    """The reading ``model`` gives the marked character of each segmented sentence."""
    read = model.read_many(sentences)
    return [[r for word in s for r in word][p] for s, p in zip(read, positions, strict=True)]


def accuracy(guesses: list[str], labels: list[str]) -> float:
    return sum(g == lb for g, lb in zip(guesses, labels, strict=True)) / len(labels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sent", type=Path, default=CPP / "dev.sent")
    parser.add_argument("--lb", type=Path, default=CPP / "dev.lb")
    parser.add_argument("--no-baselines", action="store_true", help="skip pypinyin and g2pM")
    parser.add_argument(
        "--segmenter",
        choices=["jieba"],
        help="also print the accuracy with plain jieba.lcut segmentation, for comparison",
    )
    args = parser.parse_args()
    texts, positions, labels = load(args.sent, args.lb)
    print(f"sentences: {len(texts)}")

    chars = sum(len(t) for t in texts)
    baseline_speed = 0.0
    if not args.no_baselines:
        started = time.perf_counter()
        guesses = [pypinyin_alone(t)[p] for t, p in zip(texts, positions, strict=True)]
        baseline_speed = chars / (time.perf_counter() - started)
        print(f"pypinyin alone: {accuracy(guesses, labels):.4f} ({baseline_speed:,.0f} chars/s)")
        g2pm = PolyphoneModel.load()
        found = g2pm.predict(texts, [[p] for p in positions], restrict=False)
        print(f"g2pM alone: {accuracy([g[0].reading for g in found], labels):.4f}")

    started = time.perf_counter()
    model = ReadingModel.load()
    print(f"ReadingModel.load: {time.perf_counter() - started:.3f} s")
    if args.segmenter == "jieba":
        jieba.initialize()
        plain = marked_readings(model, [jieba.lcut(t) for t in texts], positions)
        print(f"accuracy with plain jieba segmentation: {accuracy(plain, labels):.4f}")
    segmenter = app_segmenter()
    sentences = [segmenter.words(t) for t in texts]
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        read = model.read_many(sentences)
        runs.append(time.perf_counter() - started)
    speed = chars / statistics.median(runs)
    ratio = f", {speed / baseline_speed:.2f}x pypinyin's speed" if baseline_speed else ""
    print(f"read_many: {speed:,.0f} chars/s (median of 3, {chars} chars{ratio})")
    started = time.perf_counter()
    for words in sentences[:2000]:
        model.read(words)
    one = time.perf_counter() - started
    print(f"read, one sentence per call: {sum(map(len, texts[:2000])) / one:,.0f} chars/s")

    flat = [
        [r for word in sentence for r in word][p]
        for sentence, p in zip(read, positions, strict=True)
    ]
    print(f"accuracy: {accuracy(flat, labels):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
