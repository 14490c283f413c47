"""Accuracy of readings in context on the CPP polyphone benchmark (dev split by default).

Each line of the ``--sent`` file holds one sentence with one polyphonic character wrapped in
``▁``; the same line of ``--lb`` holds its reading. Sentences are segmented by the app's
``Segmenter`` (the dictionary-aware jieba the reader uses), so the figure is what ships;
``--segmenter jieba`` adds the figure with plain ``jieba.lcut`` beside it for comparison.
Prints the baselines (pypinyin alone, g2pM alone), the speed of ``ReadingModel.read_many``,
the accuracy on the even and on the odd lines (thresholds in ``readings`` are chosen on the
even half, the odd half checks that they generalise), on the sentences converted to
traditional characters (OpenCC, Taiwan standard) and, as the last line,
``accuracy: 0.xxxx`` (with the app's segmenter).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from pinyin_scoring import (
    MARK,
    accuracy,
    add_segmenter_option,
    app_segmenter,
    neutral_lenient,
    print_g2pm_alone,
    print_jieba_accuracy,
    pypinyin_guesses,
    readings_at,
)

from reader.core.analysis.readings import ReadingModel, simplified_units
from reader.core.script_conversion import to_traditional

CPP = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "pinyin-cpp"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sent", type=Path, default=CPP / "dev.sent")
    parser.add_argument("--lb", type=Path, default=CPP / "dev.lb")
    parser.add_argument("--no-baselines", action="store_true", help="skip pypinyin and g2pM")
    add_segmenter_option(parser)
    args = parser.parse_args()
    texts, positions, labels = load(args.sent, args.lb)
    print(f"sentences: {len(texts)}")

    chars = sum(len(t) for t in texts)
    baseline_speed = 0.0
    if not args.no_baselines:
        started = time.perf_counter()
        guesses = pypinyin_guesses(texts, positions)
        baseline_speed = chars / (time.perf_counter() - started)
        print(f"pypinyin alone: {accuracy(guesses, labels):.4f} ({baseline_speed:,.0f} chars/s)")
        # never tuned on this set: how far apart the halves are by chance and content alone
        even, odd = accuracy(guesses[::2], labels[::2]), accuracy(guesses[1::2], labels[1::2])
        print(f"pypinyin alone on the even / odd lines: {even:.4f} / {odd:.4f}")
        print_g2pm_alone(texts, positions, labels)

    started = time.perf_counter()
    model = ReadingModel.load()
    print(f"ReadingModel.load: {time.perf_counter() - started:.3f} s")
    if args.segmenter == "jieba":
        print_jieba_accuracy(model, texts, positions, labels)
    segmenter = app_segmenter()
    sentences = [segmenter.reading_units(t) for t in texts]
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

    guesses = readings_at(read, positions)
    # thresholds are chosen on the even lines; the odd lines show whether a change generalises
    for name, half in (("even", 0), ("odd", 1)):
        print(f"accuracy on the {name} lines: {accuracy(guesses[half::2], labels[half::2]):.4f}")
    traditional = [simplified_units(segmenter.reading_units, to_traditional(t)) for t in texts]
    in_traditional = readings_at(model.read_many(traditional), positions)
    print(f"neutral-tone-lenient: {neutral_lenient(guesses, labels):.4f}")
    print(f"accuracy in traditional characters: {accuracy(in_traditional, labels):.4f}")
    print(f"accuracy: {accuracy(guesses, labels):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
