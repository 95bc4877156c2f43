"""Save and load the reader's trained weights (safetensors, fp16) with their shape metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from qa.errors import ReaderWeightsError

if TYPE_CHECKING:
    from qa.reader.model import SpanReader

FORMAT = "zhqa-reader-1"
WEIGHTS_DIR = Path(__file__).parent / "weights"
SHIPPED = WEIGHTS_DIR / "reader-v3.safetensors"


def save_weights(model: SpanReader, path: Path, info: dict[str, object]) -> None:
    """Write ``model``'s trained tensors as fp16 plus the config and ``info`` as metadata."""
    import torch
    from safetensors.torch import save_file

    tensors = {k: v.detach().to("cpu", torch.float16).contiguous() for k, v in model.state_dict().items()}
    meta = {"format": FORMAT, "config": json.dumps(model.encoder.cfg.to_dict()),
            "info": json.dumps(info, ensure_ascii=False)}  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    save_file(tensors, str(tmp), metadata=meta)
    tmp.replace(path)


def read_info(path: Path = SHIPPED) -> dict[str, object]:
    """The ``info`` saved with the weights, read from the file's header alone (no tensors)."""
    return json.loads(_metadata(path).get("info", "{}"))


def load_weights(path: Path = SHIPPED) -> tuple[SpanReader, dict[str, object]]:
    """A float32 :class:`SpanReader` in eval mode and the ``info`` saved with it."""
    from safetensors import safe_open

    from qa.reader.model import EncoderConfig, SpanReader  # deferred: torch

    meta = _metadata(path)
    with safe_open(str(path), framework="pt") as handle:
        tensors = {k: handle.get_tensor(k).float() for k in handle.keys()}  # noqa: SIM118 (a safetensors handle is not iterable)
    cfg = EncoderConfig(**json.loads(meta["config"]))
    model = SpanReader(cfg)
    try:
        model.load_state_dict(tensors)
    except RuntimeError as exc:
        raise ReaderWeightsError(f"{path} does not fit the reader: {exc}") from exc
    model.eval()
    return model, json.loads(meta.get("info", "{}"))


def _metadata(path: Path) -> dict[str, str]:
    """The safetensors header metadata of a reader weights file, checked to be one."""
    from safetensors import safe_open

    if not path.is_file():
        raise ReaderWeightsError(f"reader weights not found: {path}",
                                 hint="train them with python -m qa.reader.train")  # fmt: skip
    with safe_open(str(path), framework="numpy") as handle:  # the header only; numpy: no torch
        meta = handle.metadata() or {}
    if meta.get("format") != FORMAT:
        raise ReaderWeightsError(f"{path} is not a {FORMAT} file")
    return meta
