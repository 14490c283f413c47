"""The segmenter's word table: derived from CC-CEDICT's headwords and jieba's list, written
as a trie and arrays, and shipped written.

Deriving it (``word_list``: 290,000 words) and writing it (``save_word_table``) is a
second of a first run. It depends only on the bundled dictionary and jieba's list, so the
written table ships too (``SHIPPED``, made by ``python -m reader.core.analysis.word_table``),
under the key of what it was made from (``shipped_key``): the table's inputs (its format,
jieba's version, the dictionary's contents), the byte order and this module's checksum. A
first run whose key is the shipped one unpacks it (``build_word_table``); any other key, or
a shipped file that cannot be read, derives the table anew, as the cache always did. A
test derives it again and compares, so the shipped table cannot go stale unnoticed.
"""

from __future__ import annotations

import math
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Final

import marisa_trie
import numpy as np
import numpy.typing as npt

from reader.core import shipped
from reader.core.analysis.segment import FREQ_SCALE, HAN_RUN, jieba_version
from reader.core.analysis.tables import digest, file_checksum, write_meta
from reader.core.atomic import write_bytes_atomically
from reader.core.cedict.wordinfo import forget_kept_counts, load_word_counts

# Bump when the way the word list is made changes, so old caches are not reused.
FORMAT: Final = 12
# A dictionary word jieba has never seen counts for a fifth of one occurrence, less than
# the rarest word it has. Alone it still beats single characters (不遑多让), but a common
# split around it wins (人参/鸡汤, not 人/参鸡汤; with 5 occurrences the rare word won).
# Benchmarks: CPP and everyday the same from 0.05 to 5 occurrences, seed coverage 99.1 %
# throughout.
UNSEEN_WORD_FREQ: Final = 20
# jieba's other words seen at least 5 times guide the cut (68,000 of 260,000): the rarer
# ones changed no benchmark figure but made the model a third larger to load.
GUIDE_FREQ: Final = 5 * FREQ_SCALE
# The administrative units a place name is listed with (平镇市, 龟山乡) in either script.
_ADMINISTRATIVE: Final = frozenset("市县乡镇縣鄉鎮")

WORDS: Final = "words.marisa"
FREQ: Final = "freq.npy"
LOG_FREQ: Final = "log_freq.npy"  # not shipped: the logs of FREQ, taken on unpacking
GUIDE: Final = "guide.npy"
LONG_STARTS: Final = "long_starts.marisa"
LONGER_STARTS: Final = "longer_starts.marisa"

SHIPPED: Final = Path(__file__).resolve().parent / "data" / "word_table.zip"
TABLE: Final = "words"  # the name of its folder in the cache (``tables.compiled``)


def word_list(headwords: Iterable[tuple[str, str]]) -> tuple[dict[str, int], list[str]]:
    """jieba's word list for the (simplified, traditional) ``headwords`` plus jieba's own
    other words (with their traditional forms): word → frequency, and which of them are
    those guide words. A traditional form jieba does not know gets the frequency of its
    simplified form, so traditional text is cut as well as simplified text."""
    counts = load_word_counts()  # times FREQ_SCALE where used (no scaled copy of 349,000)
    count_of = counts.get
    is_han = HAN_RUN.fullmatch
    chosen: dict[str, int] = {}
    traditional_chars: dict[str, set[str]] = {}
    places: list[tuple[str, str]] = []
    for simplified, traditional in headwords:
        if simplified[-1:] in _ADMINISTRATIVE and len(simplified) > 2:
            places.append((simplified[:-1], traditional[:-1]))
        # each form's count looked up once: a form jieba does not count takes the pair's
        own_count = count_of(simplified)
        other_count = None if traditional == simplified else count_of(traditional)
        found = (own_count or other_count or 0) * FREQ_SCALE or UNSEEN_WORD_FREQ
        for word, count in (
            ((simplified, own_count),)
            if traditional == simplified
            else ((simplified, own_count), (traditional, other_count))
        ):
            if is_han(word):
                own = found if count is None else count * FREQ_SCALE
                before = chosen.get(word)
                chosen[word] = own if before is None or own > before else before
        if len(simplified) == 1:
            traditional_chars.setdefault(simplified, set()).add(traditional)
    # a guide's traditional form, where each character has only one (辦公處 as 办公处)
    several = {char for char, forms in traditional_chars.items() if len(forms) > 1}
    to_traditional = str.maketrans(
        {char: next(iter(forms)) for char, forms in traditional_chars.items() if len(forms) == 1}
    )
    guides: dict[str, int] = {}
    fewest = -(-GUIDE_FREQ // FREQ_SCALE)  # the count of GUIDE_FREQ, rounded up
    for word, count in counts.items():
        if count >= fewest and len(word) > 1 and word not in chosen and is_han(word):
            found = count * FREQ_SCALE
            guides.setdefault(word, found)
            if several.isdisjoint(word):
                converted = word.translate(to_traditional)
                if converted not in chosen and converted not in counts:
                    guides.setdefault(converted, found)
    # a place listed alone and with 市, 县, 乡 or 镇 (平镇, 平镇市) is also a district (区) that
    # the dictionary rarely lists (Taiwan's 2010–2014 reforms, counties made districts): a
    # guide, so that 平镇区 is cut 平镇 + 区, not 平 + 镇区 ("town area" beats the rare 平镇).
    # It counts as a guide seen the fewest times: rarer, it would lose to its characters
    # alone (中 + 和 + 區) and, being a word, keep jieba's HMM from joining them.
    # Such a place that jieba never saw counts as a word seen as often as the rarest guide:
    # at a fifth of one occurrence it loses to its characters alone (平 + 镇 in a headline
    # 平镇轮胎行恶火, where no 区 follows to guide the cut).
    for simplified, traditional in places:
        for district in (simplified + "区", traditional + "區"):
            if simplified in chosen and district not in chosen and district not in counts:
                guides.setdefault(district, GUIDE_FREQ)
        for place in (simplified, traditional):
            if chosen.get(place) == UNSEEN_WORD_FREQ:
                chosen[place] = GUIDE_FREQ
    chosen.update(guides)  # no merged copy of 290,000 words
    return chosen, sorted(guides)


def save_word_table(folder: Path, words: dict[str, int], guides: Iterable[str]) -> None:
    """Write ``words`` (word → jieba frequency, guides included) and which are guides."""
    trie = marisa_trie.Trie(words)
    # filled through iterators, not lists of 290,000 Python ints (the peak of a first run)
    freq = np.zeros(len(trie), dtype=np.int64)
    freq[_ids(trie, words, len(words))] = np.fromiter(words.values(), np.int64, len(words))
    guide = np.zeros(len(trie), dtype=np.bool_)
    guide[_ids(trie, guides)] = True
    trie.save(str(folder / WORDS))
    np.save(folder / FREQ, freq)
    _save_log_freq(folder, freq)
    np.save(folder / GUIDE, guide)
    marisa_trie.Trie({word[:2] for word in words if len(word) > 2}).save(str(folder / LONG_STARTS))
    marisa_trie.Trie({word[:3] for word in words if len(word) > 3}).save(
        str(folder / LONGER_STARTS)
    )
    longest = max(map(len, words), default=1)
    write_meta(folder, {"total": int(freq.sum()), "max_word_length": longest})


def _save_log_freq(folder: Path, freq: npt.NDArray[np.int64]) -> None:
    # math.log, as jieba takes it, so the route's sums are the very same floats
    logs = np.fromiter(map(math.log, freq.tolist()), np.float64, len(freq))
    np.save(folder / LOG_FREQ, logs)


def _ids(trie: marisa_trie.Trie, words: Iterable[str], count: int = -1) -> npt.NDArray[np.int64]:
    """The trie ids of ``words``, ``count`` of them if known."""
    return np.fromiter(map(trie.__getitem__, words), np.int64, count)


def word_table_inputs(version: str, dictionary_key: str) -> list[str]:
    """What names a word table: its format, jieba's ``version`` (its list) and the
    dictionary's contents (``dictionary_key``, its checksum)."""
    return [str(FORMAT), version, dictionary_key]


def shipped_key(inputs: Sequence[str]) -> str:
    """What names the table written from ``inputs``, with the byte order of its files and
    this module's checksum."""
    parts = [file_checksum(Path(__file__)), sys.byteorder, *inputs]
    return digest(parts)


def build_word_table(
    folder: Path, inputs: Sequence[str], headwords: Callable[[], Iterable[tuple[str, str]]]
) -> None:
    """Fill ``folder`` with the table of ``inputs``: the shipped one if it was made from
    the same, else derived from ``headwords`` (called only then)."""
    if _unpacked(folder, shipped_key(inputs)):
        forget_kept_counts()  # jieba's counts, kept for a derivation that did not happen
    else:
        save_word_table(folder, *word_list(headwords()))


def _unpacked(folder: Path, key: str) -> bool:
    """Whether the shipped table was made under ``key`` and could be unpacked into
    ``folder`` and opened; if not, ``folder`` is left empty."""
    from reader.core.analysis.wordfreq import WordFrequencies

    try:
        with zipfile.ZipFile(SHIPPED) as archive:
            if archive.comment != key.encode():
                return False
        shipped.unpack_folder(SHIPPED, folder)
        _save_log_freq(folder, np.load(folder / FREQ))
        WordFrequencies(folder)  # one these libraries cannot read is derived instead
    except Exception:  # missing, damaged, unreadable: the cure is the same
        for path in folder.iterdir():
            path.unlink()
        return False
    return True


def packed(folder: Path, key: str) -> bytes:
    """The shipped form of the table in ``folder``: its files but the logs, ``key`` as the
    archive's comment."""
    files = [path for path in sorted(folder.iterdir()) if path.name != LOG_FREQ]
    return shipped.packed(files, key.encode())


def main() -> int:
    """Derive the table of the bundled dictionary and write ``SHIPPED``: after any change
    to what it is made of."""
    from reader.core.cedict import Dictionary

    dictionary = Dictionary.open()
    inputs = word_table_inputs(jieba_version(), dictionary.index.stem)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        words, guides = word_list(dictionary.headwords())
        save_word_table(folder, words, guides)
        write_bytes_atomically(SHIPPED, packed(folder, shipped_key(inputs)), overwrite=True)
    print(f"{len(words):,} words written to {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
