"""Accuracy of readings on whole sentences: THCHS-30's transcripts, every Hanzi labelled.

``../shared/data/pinyin-thchs30/gold.tsv`` holds 999 sentences with one syllable per Hanzi
(its ``SOURCE.md`` says how they were written). The gold writes some sandhi that the
readings here leave to the display, so the score accepts what ``SOURCE.md`` advises:
一 and 不 compared without tone, and a gold second tone where the reading is a third tone
before a third tone, in the reading here or in the gold (third-tone sandhi: 小姐 xiǎo jie,
whose gold is xiao2 jie3). ``strict`` counts every other difference;
``neutral-lenient`` also accepts a neutral tone on either side of the same syllable
(部分 bù fen / bù fèn), and the erhua 儿 as CC-CEDICT writes it (``r5``) for the gold's
``er5``; both scores accept 谁 shéi for the gold's shuí, its standard variant (the 1985
审音表 and 现代汉语词典: shéi, also shuí; the gold writes shuí throughout, the readings here
shéi throughout, as CC-CEDICT and the HSK do). Polyphonic Hanzi are those with more than
one reading in pypinyin's character table. Every figure is printed for the sentences as
they are and for the same sentences converted to traditional characters (OpenCC, Taiwan
standard), beside pypinyin alone and g2pM alone; ``--misses`` prints the app's wrong
readings.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pinyin_scoring import app_segmenter, g2pm_alone, pypinyin_alone
from pypinyin.constants import PINYIN_DICT

from reader.core.analysis.readings import ReadingModel, simplified_units
from reader.core.script_conversion import to_traditional

GOLD = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "pinyin-thchs30" / "gold.tsv"
)
_TONELESS = set("一不")


def load(path: Path) -> tuple[list[str], list[list[str]]]:
    texts: list[str] = []
    labels: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, syllables = line.split("\t")
        texts.append(text)
        labels.append([s.replace("v", "u:") for s in syllables.split()])
    return texts, labels


def polyphonic(char: str) -> bool:
    readings = PINYIN_DICT.get(ord(char))
    return readings is not None and "," in readings


def agrees(
    char: str, guess: str, gold: str, next_guess: str, next_gold: str, lenient: bool
) -> bool:
    """Whether ``guess`` counts as ``gold`` under the rules of the module docstring."""
    if guess == gold or (guess, gold) in (("r5", "er5"), ("shei2", "shui2")):
        return True
    if guess[:-1] != gold[:-1]:
        return False
    if char in _TONELESS:
        return True
    if gold[-1] == "2" and guess[-1] == "3" and "3" in (next_guess[-1:], next_gold[-1:]):
        return True
    return lenient and "5" in (guess[-1], gold[-1])


class Score:
    """Hits and totals for all and polyphonic Hanzi, strict and neutral-lenient."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.misses: Counter[tuple[str, str, str]] = Counter()

    def add(self, text: str, guesses: Sequence[str], golds: Sequence[str]) -> None:
        for i, (char, guess, gold) in enumerate(zip(text, guesses, golds, strict=True)):
            following = guesses[i + 1] if i + 1 < len(guesses) else ""
            gold_following = golds[i + 1] if i + 1 < len(golds) else ""
            poly = polyphonic(char)
            for lenient, name in ((False, "strict"), (True, "lenient")):
                hit = agrees(char, guess, gold, following, gold_following, lenient)
                self.counts[f"all {name}"] += hit
                self.counts[f"poly {name}"] += hit and poly
                if lenient and not hit:
                    self.misses[(char, guess, gold)] += 1
            self.counts["all"] += 1
            self.counts["poly"] += poly

    def line(self) -> str:
        c = self.counts
        return (
            f"all {c['all strict'] / c['all']:.4f} strict, {c['all lenient'] / c['all']:.4f}"
            f" lenient; polyphonic {c['poly strict'] / c['poly']:.4f} strict,"
            f" {c['poly lenient'] / c['poly']:.4f} lenient"
        )


def score(texts: Sequence[str], guesses: Sequence[Sequence[str]], labels: list[list[str]]) -> Score:
    result = Score()
    for text, guessed, gold in zip(texts, guesses, labels, strict=True):
        result.add(text, guessed, gold)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="print the app's wrong readings")
    args = parser.parse_args()
    texts, labels = load(args.gold)
    print(f"sentences: {len(texts)}, Hanzi: {sum(map(len, texts))}")
    model = ReadingModel.load()
    segmenter = app_segmenter()
    for script, sentences in (
        ("simplified", texts),
        ("traditional", list(map(to_traditional, texts))),
    ):
        print(f"{script}:")
        alone = list(map(pypinyin_alone, sentences))
        print(f"  pypinyin alone: {score(sentences, alone, labels).line()}")
        print(f"  g2pM alone:     {score(sentences, g2pm_alone(sentences), labels).line()}")
        read = model.read_many([simplified_units(segmenter.reading_units, t) for t in sentences])
        ours = [[r for word in sentence for r in word] for sentence in read]
        result = score(sentences, ours, labels)
        print(f"  ours:           {result.line()}")
        if args.misses:
            for (char, guess, gold), n in result.misses.most_common():
                print(f"    {char} {guess} (want {gold}) x{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
