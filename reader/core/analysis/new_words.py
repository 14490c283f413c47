"""jieba's HMM for the runs of single characters its route leaves (``jieba.finalseg``),
decoded for many runs at once.

jieba decodes each run with a general Viterbi that builds dicts, tuples and copied path
lists at every character; a new text asks it about thousands of runs. Here the same
model (jieba's own tables) is decoded for a whole batch of runs, one numpy step per
character position over its four states: the same sums in the same order, and ties
resolved as jieba's ``max`` over ``(probability, state)`` resolves them (the greater state
letter wins), so every cut is jieba's own (``tests/test_engine_tables.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt

from reader.core.analysis.jieba_data import imported_jieba

finalseg = imported_jieba().finalseg  # its tables unpickled where they would be compiled
_MIN: Final = finalseg.MIN_FLOAT  # jieba's score of an emission it never saw
_START: Final = finalseg.start_P
_TRANS: Final = finalseg.trans_P
_EMIT: Final = finalseg.emit_P
_FIRST, _LAST = 0x4E00, 0x9FD5  # finalseg.re_han's range
_B, _M, _E, _S = range(4)
Floats = npt.NDArray[np.float64]


def hmm_cut(run: str) -> tuple[str, ...]:
    """``tuple(jieba.finalseg.cut(run))``."""
    if not run or not finalseg.re_han.fullmatch(run):
        return tuple(finalseg.cut(run))  # other characters: jieba's own splitting
    return hmm_cuts([run])[0]


def hmm_cuts(runs: Sequence[str]) -> list[tuple[str, ...]]:
    """``hmm_cut`` of each of ``runs``, runs of the Hanzi jieba's HMM reads
    (``finalseg.re_han``), decoded together: one numpy step a character position for all
    of them, instead of a loop of Python arithmetic per character of each."""
    if not runs:
        return []
    return [_words(run, states) for run, states in zip(runs, _paths(runs), strict=True)]


def _words(run: str, states: str) -> tuple[str, ...]:
    """The words of ``run`` whose characters' states are ``states``, as jieba's ``__cut``
    makes them (an unfinished B … at the end is a word too)."""
    words: list[str] = []
    begin = after = 0
    for i, state in enumerate(states):
        if state == "B":
            begin = i
        elif state == "E":
            words.append(run[begin : i + 1])
            after = i + 1
        elif state == "S":
            words.append(run[i])
            after = i + 1
    if after < len(run):
        words.append(run[after:])
    split = finalseg.Force_Split_Words
    if split:
        return tuple(piece for word in words for piece in (word if word in split else (word,)))
    return tuple(words)


@cache
def _emissions() -> Floats:
    """[4, characters]: each state's (B M E S) emission score of each character of
    ``finalseg.re_han``'s range, jieba's ``_MIN`` where it has none."""
    table = np.full((4, _LAST + 1 - _FIRST), _MIN, dtype=np.float64)
    for row, state in enumerate("BMES"):
        emit = _EMIT[state]
        codes = np.fromiter(map(ord, emit), dtype=np.intp, count=len(emit))
        scores = np.fromiter(emit.values(), dtype=np.float64, count=len(emit))
        inside = (codes >= _FIRST) & (codes <= _LAST)
        table[row, codes[inside] - _FIRST] = scores[inside]
    return table


def _paths(runs: Sequence[str]) -> list[str]:
    """jieba's ``viterbi(run, "BMES", ...)`` path of each run, as a string of state
    letters: the same sums in the same order (numpy's float64 adds as Python's), and ties
    resolved as jieba's ``max`` over ``(probability, state)`` (the greater letter wins)."""
    lengths = np.fromiter(map(len, runs), dtype=np.intp, count=len(runs))
    longest = int(lengths.max())
    codes = np.zeros((len(runs), longest), dtype=np.intp)
    flat = np.frombuffer("".join(runs).encode("utf-32-le"), dtype="<u4").astype(np.intp) - _FIRST
    codes[np.repeat(np.arange(len(runs)), lengths), _columns(lengths)] = flat
    emit = _emissions()[:, codes]  # [4, runs, characters]
    b_e, b_m = _TRANS["B"]["E"], _TRANS["B"]["M"]
    e_b, e_s = _TRANS["E"]["B"], _TRANS["E"]["S"]
    m_e, m_m = _TRANS["M"]["E"], _TRANS["M"]["M"]
    s_b, s_s = _TRANS["S"]["B"], _TRANS["S"]["S"]
    vb, vm, ve, vs = (_START[s] + emit[k, :, 0] for k, s in enumerate("BMES"))
    last_e, last_s = ve, vs  # each run's E and S scores at its last character
    # per character after the first: the state (0-3: B M E S) each state came from
    came_from = np.empty((max(longest - 1, 0), 4, len(runs)), dtype=np.intp)
    for t in range(1, longest):
        em_b, em_m, em_e, em_s = emit[:, :, t]
        # B from E or S, M from M or B, S from S or E, E from B or M (jieba's PrevStatus)
        nb, came_from[t - 1, 0] = _better(ve + e_b + em_b, _E, vs + s_b + em_b, _S)
        nm, came_from[t - 1, 1] = _better(vb + b_m + em_m, _B, vm + m_m + em_m, _M)
        ne, came_from[t - 1, 2] = _better(vb + b_e + em_e, _B, vm + m_e + em_e, _M)
        ns, came_from[t - 1, 3] = _better(ve + e_s + em_s, _E, vs + s_s + em_s, _S)
        vb, vm, ve, vs = nb, nm, ne, ns
        ending = lengths == t + 1
        last_e, last_s = np.where(ending, ve, last_e), np.where(ending, vs, last_s)
    every = np.arange(len(runs))
    state = np.where(last_e > last_s, _E, _S)
    path = np.zeros((len(runs), longest), dtype=np.intp)
    path[every, lengths - 1] = state
    for t in range(longest - 1, 0, -1):  # runs shorter than t + 1 keep their last state
        state = np.where(lengths > t, came_from[t - 1][state, every], state)
        path[:, t - 1] = state
    letters = np.frombuffer(b"BMES", dtype=np.uint8)[path].tobytes().decode("ascii")
    return [letters[i * longest : i * longest + size] for i, size in enumerate(lengths.tolist())]


def _better(
    first: Floats, first_state: int, second: Floats, second_state: int
) -> tuple[Floats, npt.NDArray[np.intp]]:
    """Per run, the greater score and its state: ``first`` only where strictly greater
    (jieba's tie goes to the greater letter, passed ``second``)."""
    wins = first > second
    return np.where(wins, first, second), np.where(wins, first_state, second_state)


def _columns(lengths: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """0, 1, … within each run, for runs of ``lengths`` laid end to end."""
    starts = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum())) - np.repeat(starts, lengths)
