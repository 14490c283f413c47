"""Accuracy of readings in context on short everyday learner sentences.

``data/everyday_sentences.tsv`` holds textbook-style sentences written for this benchmark,
each with one polyphone (了 得 地 着 还 行 长 重 …) wrapped in ``▁`` and its reading after a
tab. ``data/everyday_sentences_2.tsv`` (``--data``) is a second set in the same format, written
later and before the changes it measured, as an independent check;
``data/everyday_sentences_3.tsv`` (377 sentences covering each common polyphone in its
everyday senses) was written before the changes of issue #14 and is held out: nothing is
tuned on it; ``data/everyday_sentences_4.tsv`` (96 sentences) was written in #14's second
round before measuring its changes, on the categories they touch (common words the model
used to override, 为 应 倒 教 差 塞 谁 …), and is held out too. Prints pypinyin alone,
g2pM alone, each miss of ``ReadingModel`` with ``--misses``, the accuracy on the sentences
in traditional characters (OpenCC, Taiwan standard) and, as the last line,
``accuracy: 0.xxxx``: sentences segmented by the app's ``Segmenter``, as the reader does
(``--segmenter jieba`` prints the figure with plain ``jieba.lcut`` before it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pinyin_scoring import (
    MARK,
    accuracy,
    add_segmenter_option,
    app_segmenter,
    marked_readings,
    neutral_lenient,
    print_g2pm_alone,
    print_jieba_accuracy,
    pypinyin_guesses,
)

from reader.core.analysis.readings import ReadingModel, simplified_units
from reader.core.script_conversion import to_traditional

SENTENCES = Path(__file__).resolve().parent / "data" / "everyday_sentences.tsv"


def load(path: Path) -> tuple[list[str], list[int], list[str]]:
    texts: list[str] = []
    positions: list[int] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        marked, label = line.split("\t")
        positions.append(marked.index(MARK))
        texts.append(marked.replace(MARK, ""))
        labels.append(label)
    return texts, positions, labels


def marked_words(words: list[str], position: int) -> str:
    """The words joined by ``/`` with the character at ``position`` in brackets."""
    text = "".join(words)
    cuts = {sum(map(len, words[: i + 1])) for i in range(len(words) - 1)}
    shown = [
        ("/" if i in cuts else "") + (f"[{c}]" if i == position else c) for i, c in enumerate(text)
    ]
    return "".join(shown)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SENTENCES)
    parser.add_argument("--misses", action="store_true", help="print each wrong reading")
    add_segmenter_option(parser)
    args = parser.parse_args()
    texts, positions, labels = load(args.data)
    print(f"sentences: {len(texts)}")
    print(f"pypinyin alone: {accuracy(pypinyin_guesses(texts, positions), labels):.4f}")
    print_g2pm_alone(texts, positions, labels)
    model = ReadingModel.load()
    if args.segmenter == "jieba":
        print_jieba_accuracy(model, texts, positions, labels)
    segmenter = app_segmenter()
    sentences = [segmenter.reading_units(t) for t in texts]
    ours = marked_readings(model, sentences, positions)
    if args.misses:
        for words, p, label, guess in zip(sentences, positions, labels, ours, strict=True):
            if guess != label:
                print(f"  {marked_words(words, p)}  {guess} (want {label})")
    traditional = [simplified_units(segmenter.reading_units, to_traditional(t)) for t in texts]
    in_traditional = marked_readings(model, traditional, positions)
    print(f"neutral-tone-lenient: {neutral_lenient(ours, labels):.4f}")
    print(f"accuracy in traditional characters: {accuracy(in_traditional, labels):.4f}")
    print(f"accuracy: {accuracy(ours, labels):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
