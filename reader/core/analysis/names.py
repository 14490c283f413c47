"""jieba's part-of-speech HMM as numpy arrays, to tell whether an unknown word is a name.

``jieba.posseg`` holds its model as Python dicts in modules that take a second or more to
import and ~50 MB, and its Viterbi loops in Python over 256 states (a few milliseconds a
word, the largest cost of analysing a novel full of names). The same model is compiled
once into arrays (states in sorted order, transitions as a matrix, emissions a row per
character) and decoded with numpy: the same sums in the same order, and ties resolved as
jieba resolves them (the greatest state wins), so every path is jieba's own.

Most words asked about are not names, and most of those are told without decoding
(``one_word_tags``, a block's new words at once): no tag of a name is possible for all
their characters, or a path of single characters scores above every path of one name.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from reader.core.analysis.jieba_data import imported_jieba, pickled_tables
from reader.core.analysis.tables import read_meta, write_meta

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Indices = npt.NDArray[np.intp]
State = tuple[str, str]  # (B/M/E/S, part-of-speech tag)

_NOT_KNOWN: Final = -2  # a row's single state not worked out yet
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
        self._is_single = np.array([p == "S" for p, _ in self._states])
        self._single_of_row = np.full(len(self._allowed), _NOT_KNOWN, dtype=np.intp)

    def one_word_tag(self, word: str, tags: frozenset[str]) -> str | None:
        """The tag among ``tags`` of ``word`` when the most likely path reads it as one
        word of that tag (every character's state that tag's, B M … E, or S alone), else
        None (``one_word_tags`` of one word)."""
        return self.one_word_tags([word], tags)[0]

    def one_word_tags(self, words: Sequence[str], tags: frozenset[str]) -> list[str | None]:
        """``one_word_tag`` of each of ``words``, found without decoding where a word cannot
        be one of ``tags``, all such words told at once.

        Any path scores at most the best one, with the same sums in the same order (float
        addition keeps order, and numpy's adds these floats as Python would), so a word no
        tag's states are all allowed for, or whose path of single characters (each its
        likeliest S state) scores above every one-word path of ``tags``, is not one."""
        found: list[str | None] = [None] * len(words)
        longer = [k for k, word in enumerate(words) if len(word) > 1]
        decode = [k for k, word in enumerate(words) if len(word) == 1]
        if longer:
            unseen = len(self._rows)
            width = max(len(words[k]) for k in longer)
            rows = np.full((len(longer), width), unseen, dtype=np.intp)
            for n, k in enumerate(longer):
                rows[n, : len(words[k])] = [self._rows.get(char, unseen) for char in words[k]]
            lengths = np.array([len(words[k]) for k in longer])
            kept = self._may_be_one_word(rows, lengths, sorted(tags))
            decode.extend(longer[n] for n in np.flatnonzero(kept).tolist())
        for k in sorted(decode):
            states = self.states(words[k])
            tag = states[0][1]
            found[k] = tag if tag in tags and states == _one_word(tag, len(words[k])) else None
        return found

    def _may_be_one_word(self, rows: Indices, lengths: Indices, tags: list[str]) -> Mask:
        """Per word (characters ``rows``, ``lengths`` long, two or more): whether its best
        path may be one word of a tag of ``tags``, i.e. some tag's B M … E states are all
        allowed for its characters, and its characters' likeliest single (S) states do not
        score above every such path (or some character may not be a word alone)."""
        words, width = rows.shape
        at = np.arange(width)
        last = at[None, :] == (lengths - 1)[:, None]
        inside = at[None, :] < lengths[:, None]
        best = np.full(words, -np.inf)  # the best one-word path's score among the tags
        possible_any = np.zeros(words, dtype=np.bool_)
        for tag in tags:
            path = [self._index.get((position, tag), -1) for position in "BME"]  # -1: none
            wanted = np.where(last, path[2], np.where(at == 0, path[0], path[1]))
            states = np.maximum(wanted, 0)
            allowed = (self._allowed[rows, states] & (wanted >= 0)) | ~inside
            possible = allowed.all(axis=1)
            possible_any |= possible
            scores = self._path_scores(rows, states, lengths)
            best = np.where(possible, np.maximum(best, scores), best)
        singles = self._single_states(rows)
        alone = ((singles >= 0) | ~inside).all(axis=1)
        single_score = self._path_scores(rows, np.maximum(singles, 0), lengths)
        return possible_any & ~(alone & (single_score > best))

    def _path_scores(self, rows: Indices, states: Indices, lengths: Indices) -> Array:
        """Per word, the score ``states`` sums for its path of ``states`` through its
        characters ``rows`` (``lengths`` long): the same additions in the same order."""
        score = self._start[states[:, 0]] + self._emit[rows[:, 0], states[:, 0]]
        for i in range(1, rows.shape[1]):
            step = (score + self._trans[states[:, i - 1], states[:, i]]) + self._emit[
                rows[:, i], states[:, i]
            ]
            score = np.where(lengths > i, step, score)
        return score

    def _single_states(self, rows: Indices) -> Indices:
        """Each character's likeliest S state (the first of equals, as ``states``' order),
        or -1 where it may not be a word alone (remembered per character row)."""
        known = self._single_of_row
        new = np.unique(rows[known[rows] == _NOT_KNOWN])
        if len(new):
            usable = self._allowed[new] & self._is_single
            best = np.where(usable, self._emit[new], -np.inf).argmax(axis=1)
            known[new] = np.where(usable.any(axis=1), best, -1)
        return known[rows]

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


def _last_argmax(values: Array) -> npt.NDArray[np.intp]:
    """Per column, the row of the greatest value, the last of equals: the states are in
    sorted order, so that is the greatest state, as Python's ``max`` of (score, state)."""
    flipped = values[::-1]
    return np.asarray(len(values) - 1 - flipped.argmax(axis=0), dtype=np.intp)
