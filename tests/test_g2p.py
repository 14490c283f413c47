"""The batched polyphone model against a plain LSTM written from its equations.

``PolyphoneModel.predict`` runs all sentences of a call as batches cut by length, in
float32, with the input projections gathered a few steps at a time and the sigmoids taken
through one tanh; the reference here runs one sentence at a time in float64 with
PyTorch's LSTM equations as written. Both must choose the same readings with the same
probabilities (up to float32's precision) on real sentences of every length.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
import pytest

from reader.core import paths
from reader.core.analysis.g2p import PolyphoneModel
from reader.core.analysis.g2p.bilstm import _DATA, _MAX_LEN

F64 = npt.NDArray[np.float64]
_BOS, _EOS, _UNK = 2, 3, 1


def _sigmoid(x: F64) -> F64:
    out: F64 = 1.0 / (1.0 + np.exp(-x))
    return out


class Reference:
    """g2pM's forward pass, one sentence at a time, float64, nothing fused or batched."""

    def __init__(self) -> None:
        with np.load(_DATA, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        self.a = {k: v.astype(np.float64) for k, v in arrays.items() if v.dtype.kind == "f"}
        self.vocab = {str(c): i for i, c in enumerate(arrays["vocab"])}
        self.classes = [str(c) for c in arrays["classes"]]

    def _direction(self, xs: F64, suffix: str) -> list[F64]:
        a = self.a
        w_ih, w_hh = a[f"lstm_weight_ih_l0{suffix}"], a[f"lstm_weight_hh_l0{suffix}"]
        bias = a[f"lstm_bias_ih_l0{suffix}"] + a[f"lstm_bias_hh_l0{suffix}"]
        size = w_hh.shape[1]
        h, c = np.zeros(size), np.zeros(size)
        hs: list[F64] = []
        for x in xs:
            z = w_ih @ x + w_hh @ h + bias
            i, f = _sigmoid(z[:size]), _sigmoid(z[size : 2 * size])
            g, o = np.tanh(z[2 * size : 3 * size]), _sigmoid(z[3 * size :])
            c = f * c + i * g
            h = o * np.tanh(c)
            hs.append(h)
        return hs

    def guess(self, text: str, position: int, candidates: tuple[str, ...]) -> tuple[str, float]:
        ids = [_BOS, *(self.vocab.get(char, _UNK) for char in text), _EOS]
        xs = self.a["embedding_weight"][ids]
        forward = self._direction(xs, "")
        backward = self._direction(xs[::-1], "_reverse")[::-1]
        hidden = np.concatenate([forward[position + 1], backward[position + 1]])
        dense = np.maximum(
            self.a["logit_layer_0_weight"] @ hidden + self.a["logit_layer_0_bias"], 0
        )
        logits = self.a["logit_layer_2_weight"] @ dense + self.a["logit_layer_2_bias"]
        scores = np.array([logits[self.classes.index(r)] for r in candidates])
        exp = np.exp(scores - scores.max())
        best = int(exp.argmax())
        return candidates[best], float(exp[best] / exp.sum())


def test_batched_predict_equals_the_plain_lstm_on_real_sentences() -> None:
    model = PolyphoneModel.load()
    reference = Reference()
    text = paths.seed_article().read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]
    # and the longest text the model reads whole (longer ones are read in pieces)
    sentences = [*sentences[:80], "".join(sentences)[:_MAX_LEN]]
    targets = [[p for p, char in enumerate(s) if model.candidates(char)] for s in sentences]
    assert sum(map(len, targets)) >= 100 and len({len(s) for s in sentences}) >= 15
    guesses = model.predict(sentences, targets)
    for sentence, positions, guessed in zip(sentences, targets, guesses, strict=True):
        for p, guess in zip(positions, guessed, strict=True):
            reading, probability = reference.guess(sentence, p, model.candidates(sentence[p]))
            assert guess.reading == reading, (sentence, p)
            assert guess.probability == pytest.approx(probability, abs=1e-4)
