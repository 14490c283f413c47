"""jieba's part-of-speech HMM as numpy arrays, to tell whether an unknown word is a name.

``jieba.posseg`` holds its model as Python dicts in modules that take a second or more to
import and ~50 MB, and its Viterbi loops in Python over 256 states (a few milliseconds a
word, the largest cost of analysing a novel full of names). The same model is compiled
once into arrays (states in sorted order, transitions as a matrix, emissions a row per
character) and decoded with numpy: the same sums in the same order, and ties resolved as
jieba resolves them (the greatest state wins), so every path is jieba's own.

Most words asked about are not names, and most of those are told without decoding
(``one_word_tag``): no tag of a name is possible for all their characters, or a path of
single characters scores above every path of one name.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from reader.core.analysis.jieba_data import imported_jieba, pickled_tables
from reader.core.analysis.tables import read_meta, write_meta

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
State = tuple[str, str]  # (B/M/E/S, part-of-speech tag)

_MIN_FLOAT: Final = -3.14e100  # jieba's score of an emission it never saw
_ARRAYS: Final = ("start", "trans", "emit", "allowed", "has_next", "next_mask")
# start, transition and emission probabilities, and each character's possible states
PossegTables = tuple[
    dict[State, float],
    dict[State, dict[State, float]],
    dict[State, dict[str, float]],
    dict[str, tuple[State, ...]],
]


def _posseg_tables() -> PossegTables:
    """jieba.posseg's model. jieba ships it twice: as modules (2.6 MB of source, which its
    import compiles where no bytecode is cached: 1.5 s) and as pickles of the same dicts
    (unpickled in 0.13 s), which are read when there (a frozen build ships the modules)."""
    names = ("prob_start", "prob_trans", "prob_emit", "char_state_tab")
    tables = pickled_tables("posseg", names)
    if tables is not None:
        return tables[0], tables[1], tables[2], tables[3]
    imported_jieba()
    with warnings.catch_warnings():  # its regexes have invalid escapes (compile-time warnings)
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba.posseg as posseg
    return posseg.start_P, posseg.trans_P, posseg.emit_P, posseg.char_state_tab_P


def save_name_model(folder: Path) -> None:
    """Compile jieba.posseg's model into ``folder`` (reading it is the slow part: once)."""
    start_p, trans_p, emit_p, char_states = _posseg_tables()
    states: list[State] = sorted(trans_p)
    index = {state: i for i, state in enumerate(states)}
    chars = sorted(set(char_states) | {c for emit in emit_p.values() for c in emit})
    row = {c: i for i, c in enumerate(chars)}
    size = len(states)
    trans = np.full((size, size), -np.inf)
    next_mask = np.zeros((size, size), dtype=np.bool_)
    for state, targets in trans_p.items():
        for target, p in targets.items():
            trans[index[state], index[target]] = p
            next_mask[index[state], index[target]] = True
    # one row per character, and a last row for characters the model never saw
    emit = np.full((len(chars) + 1, size), _MIN_FLOAT)
    for state, emissions in emit_p.items():  # a column at a time
        emit[[row[char] for char in emissions], index[state]] = list(emissions.values())
    allowed = np.ones((len(chars) + 1, size), dtype=np.bool_)  # no entry: any state
    for char, possible in char_states.items():
        allowed[row[char]] = False
        allowed[row[char], [index[s] for s in possible]] = True
    arrays = {
        "start": np.array([start_p[s] for s in states]),
        "trans": trans,
        "emit": emit,
        "allowed": allowed,
        "has_next": next_mask.any(axis=1),
        "next_mask": next_mask,
    }
    for name in _ARRAYS:
        np.save(folder / f"{name}.npy", arrays[name])
    write_meta(
        folder,
        {"states": " ".join(f"{p}/{t}" for p, t in states), "chars": "".join(chars)},
    )


class NameModel:
    """jieba.posseg's Viterbi decoding over the compiled arrays."""

    def __init__(self, folder: Path) -> None:
        meta = read_meta(folder)
        self._states: list[State] = [
            (p, t) for p, t in (s.split("/") for s in str(meta["states"]).split())
        ]
        self._rows = {c: i for i, c in enumerate(str(meta["chars"]))}
        # mapped, seen as plain arrays: numpy's memmap class indexes through Python code
        loaded = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray)
            for name in _ARRAYS
        }
        self._start: Array = loaded["start"]
        self._trans: Array = loaded["trans"]
        self._emit: Array = loaded["emit"]
        self._allowed: Mask = loaded["allowed"]
        self._has_next: Mask = loaded["has_next"]
        self._next_mask: Mask = loaded["next_mask"]
        self._index = {state: i for i, state in enumerate(self._states)}
        self._row_facts: dict[int, _RowFacts] = {}

    def one_word_tag(self, word: str, tags: frozenset[str]) -> str | None:
        """The tag among ``tags`` of ``word`` when the most likely path reads it as one
        word of that tag (every character's state that tag's, B M … E, or S alone), else
        None: ``states``' answer, found without decoding where it cannot be such a tag.

        Any path scores at most the best one, with the same sums in the same order (float
        addition keeps order), so a word whose path of single characters (each its likeliest
        S state) scores above every one-word path of ``tags`` is not one."""
        if len(word) > 1:
            facts = [self._facts(self._rows.get(char, len(self._rows))) for char in word]
            possible = facts[0].begins & facts[-1].ends & tags
            for middle in facts[1:-1]:
                possible &= middle.middles
            if not possible:
                return None
            rows = [fact.row for fact in facts]
            singles = [fact.single for fact in facts if fact.single is not None]
            if len(singles) == len(word):
                index = self._index
                scores = (
                    self._path_score(rows, [index[state] for state in _one_word(tag, len(word))])
                    for tag in possible
                )
                if self._path_score(rows, singles) > max(scores):
                    return None
        states = self.states(word)
        tag = states[0][1]
        return tag if tag in tags and states == _one_word(tag, len(word)) else None

    def _path_score(self, rows: Sequence[int], path: Sequence[int]) -> float:
        """The score ``states`` sums for ``path`` (states) through characters ``rows``."""
        score = self._start[path[0]] + self._emit[rows[0], path[0]]
        for row, before, state in zip(rows[1:], path, path[1:], strict=False):
            score = (score + self._trans[before, state]) + self._emit[row, state]
        return float(score)

    def _facts(self, row: int) -> _RowFacts:
        """What ``one_word_tag`` needs of a character's row (remembered: a few thousand)."""
        found = self._row_facts.get(row)
        if found is None:
            allowed = [(i, *self._states[i]) for i in np.flatnonzero(self._allowed[row]).tolist()]
            begins, middles, ends = (
                frozenset(tag for _, p, tag in allowed if p == position) for position in "BME"
            )
            singles = [i for i, p, _ in allowed if p == "S"]  # in order: the first best wins
            single = singles[int(self._emit[row, singles].argmax())] if singles else None
            found = self._row_facts[row] = _RowFacts(row, begins, middles, ends, single)
        return found

    def states(self, word: str) -> list[State]:
        """The most likely state of each character, as ``jieba.posseg.viterbi``'s route."""
        unseen = len(self._rows)
        rows = [self._rows.get(c, unseen) for c in word]
        active = np.array(self._allowed[rows[0]])
        score = self._start + self._emit[rows[0]]
        back: list[npt.NDArray[np.intp]] = []
        for row in rows[1:]:
            previous = np.flatnonzero(active & self._has_next)
            expected: Mask = np.asarray(self._next_mask[previous].any(axis=0))
            active = self._allowed[row] & expected
            if not active.any():
                active = expected if expected.any() else np.ones_like(expected)
            targets = np.flatnonzero(active)
            # jieba: max over (V[t-1][y0] + trans[y0][y] + emit[y], y0), in that order
            moves = self._trans[previous[:, None], targets]
            sums = (score[previous][:, None] + moves) + self._emit[row, targets]
            best = _last_argmax(sums)
            score = np.full(len(self._states), -np.inf)
            score[targets] = sums[best, np.arange(len(targets))]
            came_from = np.zeros(len(self._states), dtype=np.intp)
            came_from[targets] = previous[best]
            back.append(came_from)
        finals = np.flatnonzero(active)
        state = int(finals[_last_argmax(score[finals][:, None])[0]])
        path = [state]
        for came_from in reversed(back):
            state = int(came_from[state])
            path.append(state)
        return [self._states[s] for s in reversed(path)]


def _one_word(tag: str, length: int) -> list[State]:
    """The states of a word of ``length`` characters tagged ``tag``: S, or B M … E."""
    return [("S", tag)] if length == 1 else [("B", tag), *[("M", tag)] * (length - 2), ("E", tag)]


class _RowFacts(NamedTuple):
    """A character's row, the tags it may begin, continue and end a word with, and its
    likeliest state as a word alone (None if it may not be one)."""

    row: int
    begins: frozenset[str]
    middles: frozenset[str]
    ends: frozenset[str]
    single: int | None


def _last_argmax(values: Array) -> npt.NDArray[np.intp]:
    """Per column, the row of the greatest value, the last of equals: the states are in
    sorted order, so that is the greatest state, as Python's ``max`` of (score, state)."""
    flipped = values[::-1]
    return np.asarray(len(values) - 1 - flipped.argmax(axis=0), dtype=np.intp)
