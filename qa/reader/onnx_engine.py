"""The reader run by onnxruntime with int8 weights: the shipped way to read.

On 2 cores onnxruntime's int8 kernels read 3 windows in about half the time torch's dynamic int8
takes for the same graph (docs/reader.md has the figures). The graph is exported from the shipped
fp16 weights on first use and quantised (dynamic int8, per channel; the FFN output layers and the
span head stay fp32, as with torch, because quantising them moved the logits most; 7-bit weight
range, see :func:`_export_int8`) into a cache
directory, keyed by the weights file's hash and the library versions. Later processes load it from
there; writes are atomic (temp file, then rename), so two processes exporting at once are safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa.errors import ReaderWeightsError

if TYPE_CHECKING:
    from qa.reader.model import SpanReader


def default_cache_dir() -> Path:
    """Where exported readers are kept unless the caller says: ``~/.cache/zhqa/reader``."""
    return Path.home() / ".cache" / "zhqa" / "reader"

_KEEP_FP32 = ("/fo/", "/head/")  # node-name parts of the MatMuls left unquantised
# how the graph is quantised; part of the cache key, so a change re-exports
RECIPE = "dynamic-int8/per-channel/reduce-range/fo+head-fp32"
_SAMPLE = (2, 24)  # batch, tokens of the example input the export traces (both axes stay dynamic)


class OnnxSpanReader:
    """(words [B, L, H] float32, attention [B, L]) -> (start, end) logits [B, L], numpy in and out."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import onnxruntime as ort  # deferred: only reading needs it

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: onnxruntime's default (the physical cores)
        options.log_severity_level = 3
        # like torch's OMP_WAIT_POLICY=PASSIVE (qa/reader/__init__.py): idle threads must not spin on a
        # 2-core machine where retrieval and the server share the cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.path = path
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, words: np.ndarray, attention: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.session.run(None, {"words": words.astype(np.float32, copy=False),
                                             "attention": attention.astype(np.int64, copy=False)})
        return start, end


def onnx_int8(weights: Path, load: Callable[[], SpanReader], *, cache_dir: Path | None = None,
              threads: int | None = None) -> OnnxSpanReader:  # fmt: skip
    """The int8 onnxruntime reader for the model in ``weights``, exported once per weights file.

    ``load`` builds the fp32 torch model; it is called only when no export is cached yet: a later
    process reads the cached graph and never holds the torch model (about 160 MiB less memory)."""
    folder = cache_dir or default_cache_dir()
    path = folder / f"{weights.stem}-{_key(weights)}-int8.onnx"
    if not path.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _export_int8(load(), path)
        except OSError:  # a read-only home: export into a throwaway folder instead
            path = Path(tempfile.mkdtemp(prefix="zhqa-reader-")) / path.name
            _export_int8(load(), path)
    return OnnxSpanReader(path, threads)


def _key(weights: Path) -> str:
    """The weights' content hash plus the versions that shape the exported graph."""
    import onnxruntime

    with weights.open("rb") as handle:  # streamed: reading the 43 MB whole cost every start 41 MiB of peak memory
        digest = hashlib.file_digest(handle, "sha256")
    # torch's version from its metadata: reading a cached export must not import torch
    digest.update(f"{version('torch')}|{onnxruntime.__version__}|{RECIPE}".encode())
    return digest.hexdigest()[:16]


def _export_int8(model: SpanReader, path: Path) -> None:
    """Export ``model`` to ONNX, quantise it to int8 and move it to ``path`` atomically."""
    import torch

    try:
        import onnx  # torch's exporter and the quantiser need it too
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ReaderWeightsError("the int8 reader needs the onnx package",
                                 hint="pip install onnx, or read in fp32: --reader trained-fp32") from exc  # fmt: skip
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        fp32, int8 = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        words = torch.zeros(_SAMPLE[0], _SAMPLE[1], model.encoder.cfg.hidden)
        attention = torch.ones(_SAMPLE, dtype=torch.int64)
        axes = {"words": {0: "batch", 1: "tokens"}, "attention": {0: "batch", 1: "tokens"},
                "start": {0: "batch", 1: "tokens"}, "end": {0: "batch", 1: "tokens"}}  # fmt: skip
        with warnings.catch_warnings():  # the exporter's tracer and deprecation notes are not the user's concern
            warnings.simplefilter("ignore")
            torch.onnx.export(model.eval(), (words, attention), str(fp32), input_names=["words", "attention"],
                              output_names=["start", "end"], dynamic_axes=axes, opset_version=17, dynamo=False)
        graph = onnx.load(str(fp32)).graph
        keep = [n.name for n in graph.node if n.op_type == "MatMul" and any(k in n.name for k in _KEEP_FP32)]
        # reduce_range: 7-bit weights. Full-range int8 x uint8 products saturate in the AVX2 kernels of
        # CPUs without VNNI: on the CMRC 2018 dev sample that cost 0.03 F1 (0.703 vs 0.730 with it).
        with _quiet_root_logger():
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                             reduce_range=True, nodes_to_exclude=keep)
        os.replace(int8, path)


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """The quantiser advises pre-processing through ``logging.warning`` (measured: no faster here);
    a handler on the root logger for the duration keeps that call from configuring logging for
    the whole process, the level keeps it out of the user's output."""
    root = logging.getLogger()
    handler, level = logging.NullHandler(), root.level
    root.addHandler(handler)
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


__all__ = ["RECIPE", "OnnxSpanReader", "default_cache_dir", "onnx_int8"]
