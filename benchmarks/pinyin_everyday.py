"""Accuracy of readings in context on short everyday learner sentences.

``data/everyday_sentences.tsv`` holds textbook-style sentences written for this benchmark,
each with one polyphone (了 得 地 着 还 行 长 重 …) wrapped in ``▁`` and its reading after a
tab. ``data/everyday_sentences_2.tsv`` (``--data``) is a second set in the same format, written
later and before the changes it measured, as an independent check. Prints pypinyin alone,
g2pM alone, each miss of ``ReadingModel`` with ``--misses``, and, as the last line,
``accuracy: 0.xxxx``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jieba
from pinyin_cpp import MARK, accuracy, pypinyin_alone

from reader.core.analysis.g2p import PolyphoneModel
from reader.core.analysis.readings import ReadingModel

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SENTENCES)
    parser.add_argument("--misses", action="store_true", help="print each wrong reading")
    args = parser.parse_args()
    texts, positions, labels = load(args.data)
    print(f"sentences: {len(texts)}")
    guesses = [pypinyin_alone(t)[p] for t, p in zip(texts, positions, strict=True)]
    print(f"pypinyin alone: {accuracy(guesses, labels):.4f}")
    found = PolyphoneModel.load().predict(texts, [[p] for p in positions], restrict=False)
    print(f"g2pM alone: {accuracy([g[0].reading for g in found], labels):.4f}")
    model = ReadingModel.load()
    read = model.read_many([jieba.lcut(t) for t in texts])
    ours = [[r for word in s for r in word][p] for s, p in zip(read, positions, strict=True)]
    if args.misses:
        for text, p, label, guess in zip(texts, positions, labels, ours, strict=True):
            if guess != label:
                print(f"  {text[:p]}[{text[p]}]{text[p + 1 :]}  {guess} (want {label})")
    print(f"accuracy: {accuracy(ours, labels):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
