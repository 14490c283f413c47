"""Batched numpy inference of g2pM's polyphone model (one-layer BiLSTM + two dense layers).

The weights are those of g2pM 0.1.2.5 (Kakao Brain, Apache-2.0, trained on the CPP corpus),
converted from its pickles to ``data/g2pm.npz`` so that nothing is unpickled at run time.
The original runs one sentence at a time in float64; here all sentences of a call run as
one batch per length bucket in float32, the input projection is precomputed per character
(and gathered for a few steps at once), and both directions share one batched matrix
product per step, which makes it fast enough to read whole articles.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]

_DATA = Path(__file__).resolve().parent.parent / "data" / "g2pm.npz"
_PAD, _UNK, _BOS, _EOS = 0, 1, 2, 3
_MAX_LEN = 160  # longer sentences are read in pieces of this many characters
_BATCH = 512
_THREADED_BATCH = 8  # from this batch size on BLAS would start threads
# floats of input projections gathered at once (256 kB): the steps' adds then read them
# from the core's cache; 4 MB at once made the model up to 1.8 x slower on a busy machine
_GATHERED = 1 << 16
# Readings a character has only as an old variant of another (儿 rén "variant of 人"):
# never the reading of the character in a text.
_VARIANT_READINGS = {"儿": "ren2"}


@dataclass(frozen=True, slots=True)
class Guess:
    """The model's reading for one character and its probability among the candidates."""

    reading: str
    probability: float


class PolyphoneModel:
    """Picks one reading per requested character position; stateless after loading."""

    def __init__(self, arrays: dict[str, npt.NDArray[np.generic]]) -> None:
        vocab = [str(c) for c in arrays["vocab"]]
        # vocabulary id by code point (past the last character: UNK), for looking up
        # whole batches of text at once
        chars = {ord(c): i for i, c in enumerate(vocab) if len(c) == 1}
        self._by_code = np.full(max(chars) + 2, _UNK, dtype=np.int64)
        self._by_code[list(chars)] = list(chars.values())
        self._classes = [str(c) for c in arrays["classes"]]
        offsets = arrays["poly_offsets"]
        poly_classes = arrays["poly_classes"]
        self._candidates: dict[str, I64] = {
            str(c): self._without_variants(
                str(c), poly_classes[offsets[i] : offsets[i + 1]].astype(np.int64)
            )
            for i, c in enumerate(arrays["poly_chars"])
        }
        # each character's candidate classes padded to the same width with the index of a
        # column of -inf that _choose_restricted adds to the logits (at most 5 < 8 wide)
        width = max(map(len, self._candidates.values()))
        self._padded = {
            char: np.pad(classes, (0, width - len(classes)), constant_values=len(self._classes))
            for char, classes in self._candidates.items()
        }
        # asked for every polyphone read, so made once
        self._candidate_readings = {
            char: tuple(self._classes[i] for i in classes)
            for char, classes in self._candidates.items()
        }

        def w(name: str) -> F32:
            return arrays[name].astype(np.float32)

        emb = w("embedding_weight")
        hidden = w("lstm_weight_hh_l0").shape[1]
        # PyTorch's gates are i, f, g, o; halving the i, f, o pre-activations lets one tanh
        # serve all four, since sigmoid(z) = (tanh(z / 2) + 1) / 2.
        scale = np.ones(4 * hidden, dtype=np.float32)
        scale[: 2 * hidden] = scale[3 * hidden :] = 0.5
        # [2 * vocab, 4H]: the forward direction's rows, then the backward one's
        self._proj = np.concatenate(
            [
                (emb @ w("lstm_weight_ih_l0").T + w("lstm_bias_ih_l0") + w("lstm_bias_hh_l0"))
                * scale,
                (
                    emb @ w("lstm_weight_ih_l0_reverse").T
                    + w("lstm_bias_ih_l0_reverse")
                    + w("lstm_bias_hh_l0_reverse")
                )
                * scale,
            ]
        )
        # after the tanh: i, f and o become sigmoids (times 0.5 plus 0.5), g stays
        self._gate_scale = np.where(scale == 1, np.float32(1), np.float32(0.5))
        self._gate_shift = np.where(scale == 1, np.float32(0), np.float32(0.5))
        self._whh = np.stack(
            [w("lstm_weight_hh_l0").T * scale, w("lstm_weight_hh_l0_reverse").T * scale]
        )  # [2, H, 4H]
        self._hidden = hidden
        # The matrices are tiny: BLAS threads cost ten times the work they share out.
        self._blas = ThreadpoolController()
        self._w0, self._b0 = w("logit_layer_0_weight").T, w("logit_layer_0_bias")
        self._w1, self._b1 = w("logit_layer_2_weight").T, w("logit_layer_2_bias")

    def _without_variants(self, char: str, classes: I64) -> I64:
        """``classes`` less the readings ``char`` has only as a graphic variant."""
        dropped = _VARIANT_READINGS.get(char)
        if dropped is None:
            return classes
        kept: I64 = classes[np.array([self._classes[int(k)] != dropped for k in classes])]
        return kept

    @classmethod
    def load(cls, path: Path = _DATA) -> PolyphoneModel:
        with np.load(path, allow_pickle=False) as npz:
            return cls({name: npz[name] for name in npz.files})

    @property
    def polyphones(self) -> frozenset[str]:
        """The characters the model chooses a reading for."""
        return frozenset(self._candidates)

    def candidates(self, char: str) -> tuple[str, ...]:
        """The readings the model chooses between for ``char`` (empty if not polyphonic)."""
        return self._candidate_readings.get(char, ())

    def predict(
        self,
        sentences: Sequence[str],
        targets: Sequence[Sequence[int]],
        *,
        restrict: bool = True,
    ) -> list[list[Guess]]:
        """The reading of ``sentences[i][p]`` for each ``p`` in ``targets[i]``.

        With ``restrict`` the choice is limited to the character's own readings (as the
        published model is not: ``restrict=False`` reproduces g2pM exactly); each target
        must then be a character for which ``candidates`` is not empty.
        """
        pieces: list[tuple[int, int, str, list[int]]] = []  # (sentence, offset, text, targets)
        for i, (sentence, positions) in enumerate(zip(sentences, targets, strict=True)):
            by_piece: dict[int, list[int]] = {}
            for p in positions:
                start = min(max(0, p - _MAX_LEN // 2), max(0, len(sentence) - _MAX_LEN))
                by_piece.setdefault(start if len(sentence) > _MAX_LEN else 0, []).append(p)
            for start, ps in by_piece.items():
                pieces.append((i, start, sentence[start : start + _MAX_LEN], ps))
        results: list[list[Guess]] = [[] for _ in sentences]
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][2]))
        guesses: dict[tuple[int, int], Guess] = {}
        for first, last in _batches([len(pieces[k][2]) for k in order]):
            batch = [pieces[k] for k in order[first:last]]
            with (
                self._blas.limit(limits=1, user_api="blas")
                if len(batch) >= _THREADED_BATCH
                else contextlib.nullcontext()
            ):
                logits = self._logits(
                    [text for _, _, text, _ in batch],
                    [[p - start for p in ps] for _, start, _, ps in batch],
                )
            keys = [(i, p) for i, _, _, ps in batch for p in ps]
            if restrict:
                chosen = self._choose_restricted(logits, [sentences[i][p] for i, p in keys])
            else:
                chosen = [self._choose(row) for row in logits]
            guesses.update(zip(keys, chosen, strict=True))
        for i, positions in enumerate(targets):
            results[i] = [guesses[(i, p)] for p in positions]
        return results

    def _choose(self, logits: F32) -> Guess:
        """The best of all the model's readings (``restrict=False``: g2pM as published)."""
        exp = np.exp(logits - logits.max())
        best = int(exp.argmax())
        return Guess(self._classes[best], float(exp[best] / exp.sum()))

    def _choose_restricted(self, logits: F32, chars: Sequence[str]) -> list[Guess]:
        """Per row of ``logits``, the best of its character's own readings and its softmax
        probability among them, all rows at once. The same floats as a row at a time:
        a row's candidates in the same order, padded at the end with -inf (exp 0), and
        summed left to right as numpy sums fewer than 8 numbers."""
        if not chars:
            return []
        padded = np.concatenate(
            [logits, np.full((len(logits), 1), -np.inf, dtype=logits.dtype)], axis=1
        )
        scores = np.take_along_axis(padded, np.stack([self._padded[c] for c in chars]), axis=1)
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        best = exp.argmax(axis=1)
        picked = np.take_along_axis(exp, best[:, None], axis=1)[:, 0]
        probability = picked / np.cumsum(exp, axis=1)[:, -1]
        columns = [self._candidates[c] for c in chars]
        return [
            Guess(self._classes[int(classes[b])], float(p))
            for classes, b, p in zip(columns, best.tolist(), probability, strict=True)
        ]

    def _ids(self, texts: Sequence[str], steps: int) -> I64:
        """[2, texts, steps]: each text's vocabulary ids between BOS and EOS, padded, and
        the same reversed (for the backward direction), all characters looked up at once."""
        sizes = np.array([len(t) for t in texts], dtype=np.int64)
        codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        chars = self._by_code[np.minimum(codes, len(self._by_code) - 1)]
        rows = np.repeat(np.arange(len(texts)), sizes)
        column = np.arange(len(chars)) - np.repeat(np.cumsum(sizes) - sizes, sizes) + 1
        every = np.arange(len(texts))
        ids = np.zeros((2, len(texts), steps), dtype=np.int64)
        ids[0, every, 0] = ids[1, every, sizes + 1] = _BOS
        ids[0, every, sizes + 1] = ids[1, every, 0] = _EOS
        ids[0, rows, column] = chars
        ids[1, rows, sizes[rows] + 1 - column] = chars
        return ids

    def _logits(self, texts: Sequence[str], targets: Sequence[Sequence[int]]) -> F32:
        """Logits [n_targets, classes] for one batch, targets in batch order."""
        lengths = [len(t) + 2 for t in texts]
        steps = max(lengths)
        ids = self._ids(texts, steps)
        ids[1] += len(self._proj) // 2  # the backward direction's rows of _proj
        step_ids = ids.transpose(2, 0, 1)  # [T, 2, B]
        hs = self._hidden
        out = np.zeros((steps + 1, 2, len(texts), hs), dtype=np.float32)  # out[0]: h before t=0
        c = np.zeros((2, len(texts), hs), dtype=np.float32)
        z = np.empty((2, len(texts), 4 * hs), dtype=np.float32)
        ig = np.empty_like(c)
        i, f, g, o = (z[..., k * hs : (k + 1) * hs] for k in range(4))
        scale, shift = self._gate_scale, self._gate_shift
        # the inputs' projections of a few steps gathered at once (all of them, [T, 2, B,
        # 4H], would be ~170 MB for a full batch of long sentences; a few MB, out of cache)
        chunk = max(1, _GATHERED // (2 * len(texts) * 4 * hs))
        for first in range(0, steps, chunk):
            inputs = self._proj.take(step_ids[first : first + chunk], axis=0)
            for t, x in enumerate(inputs, first):
                np.matmul(out[t], self._whh, out=z)
                z += x
                np.tanh(z, out=z)
                z *= scale
                z += shift
                c *= f
                np.multiply(i, g, out=ig)
                c += ig
                np.tanh(c, out=ig)
                np.multiply(o, ig, out=out[t + 1])
        out = out[1:]
        rows: list[int] = []
        fw: list[int] = []
        bw: list[int] = []
        for b, ps in enumerate(targets):
            for p in ps:
                rows.append(b)
                fw.append(p + 1)
                bw.append(lengths[b] - 2 - p)
        hidden = np.concatenate([out[fw, 0, rows], out[bw, 1, rows]], axis=1)
        dense = np.maximum(hidden @ self._w0 + self._b0, np.float32(0.0))
        return dense @ self._w1 + self._b1  # type: ignore[no-any-return]


# A step of the LSTM costs about as much as this many rows of it (numpy's calls per step):
# the batches trade padding (short rows run as long as the batch's longest) against steps.
_STEP_COST_IN_ROWS = 28


def _batches(lengths: Sequence[int]) -> list[tuple[int, int]]:
    """(first, last) index ranges cutting ``lengths`` (ascending) into the batches of least
    cost, a batch costing its steps (longest + 2) times its rows plus a step's overhead:
    a dynamic programme over the distinct lengths, a batch of more than ``_BATCH`` rows
    cut into chunks."""
    distinct: list[int] = []
    ends: list[int] = []  # index after the last of each distinct length
    for k, length in enumerate(lengths):
        if distinct and distinct[-1] == length:
            ends[-1] = k + 1
        else:
            distinct.append(length)
            ends.append(k + 1)
    best = [0.0] * (len(distinct) + 1)
    cut = [0] * (len(distinct) + 1)
    for j in range(1, len(distinct) + 1):
        steps = distinct[j - 1] + 2
        best[j] = math.inf
        for i in range(j):
            rows = ends[j - 1] - (ends[i - 1] if i else 0)
            chunks = -(-rows // _BATCH)
            cost = best[i] + steps * (rows + chunks * _STEP_COST_IN_ROWS)
            if cost < best[j]:
                best[j], cut[j] = cost, i
    ranges: list[tuple[int, int]] = []
    j = len(distinct)
    while j:
        i = cut[j]
        first, last = (ends[i - 1] if i else 0), ends[j - 1]
        ranges[:0] = [(k, min(k + _BATCH, last)) for k in range(first, last, _BATCH)]
        j = i
    return ranges
