"""jieba's HMM for the runs of single characters its route leaves (``jieba.finalseg``), in
one loop written out for its four states.

jieba decodes each run with a general Viterbi that builds dicts, tuples and copied path
lists at every character; a new text asks it about thousands of runs. Here the same
model (jieba's own tables) is decoded with its four states as local variables and back
pointers: the same sums in the same order, and ties resolved as jieba's ``max`` over
``(probability, state)`` resolves them (the greater state letter wins), so every cut is
jieba's own (``tests/test_engine_tables.py`` compares them).
"""

from __future__ import annotations

from typing import Final

from reader.core.analysis.jieba_data import imported_jieba

finalseg = imported_jieba().finalseg  # its tables unpickled where they would be compiled
_MIN: Final = finalseg.MIN_FLOAT  # jieba's score of an emission it never saw
_START: Final = finalseg.start_P
_TRANS: Final = finalseg.trans_P
_EMIT: Final = finalseg.emit_P


def hmm_cut(run: str) -> tuple[str, ...]:
    """``tuple(jieba.finalseg.cut(run))``."""
    if not run or not finalseg.re_han.fullmatch(run):
        return tuple(finalseg.cut(run))  # other characters: jieba's own splitting
    states = _states(run)
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


def _states(run: str) -> str:
    """jieba's ``viterbi(run, "BMES", ...)`` path, as a string of state letters."""
    emit_b, emit_m, emit_e, emit_s = (_EMIT[s].get for s in "BMES")
    b_e, b_m = _TRANS["B"]["E"], _TRANS["B"]["M"]
    e_b, e_s = _TRANS["E"]["B"], _TRANS["E"]["S"]
    m_e, m_m = _TRANS["M"]["E"], _TRANS["M"]["M"]
    s_b, s_s = _TRANS["S"]["B"], _TRANS["S"]["S"]
    char = run[0]
    vb = _START["B"] + emit_b(char, _MIN)
    vm = _START["M"] + emit_m(char, _MIN)
    ve = _START["E"] + emit_e(char, _MIN)
    vs = _START["S"] + emit_s(char, _MIN)
    # per character after the first, the state each state came from
    came_from: list[tuple[str, str, str, str]] = []
    for char in run[1:]:
        # B from E or S, M from M or B, S from S or E, E from B or M (jieba's PrevStatus)
        em = emit_b(char, _MIN)
        from_e, from_s = ve + e_b + em, vs + s_b + em
        nb, pb = (from_e, "E") if from_e > from_s else (from_s, "S")
        em = emit_m(char, _MIN)
        from_m, from_b = vm + m_m + em, vb + b_m + em
        nm, pm = (from_b, "B") if from_b > from_m else (from_m, "M")
        em = emit_s(char, _MIN)
        from_s, from_e = vs + s_s + em, ve + e_s + em
        ns, ps = (from_e, "E") if from_e > from_s else (from_s, "S")
        em = emit_e(char, _MIN)
        from_b, from_m = vb + b_e + em, vm + m_e + em
        ne, pe = (from_b, "B") if from_b > from_m else (from_m, "M")
        vb, vm, vs, ve = nb, nm, ns, ne
        came_from.append((pb, pm, pe, ps))
    state = "E" if ve > vs else "S"
    path = [state]
    column = "BMES"
    for back in reversed(came_from):
        state = back[column.index(state)]
        path.append(state)
    return "".join(reversed(path))
