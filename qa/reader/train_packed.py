"""Train the reader from a pack (:mod:`qa.reader.pack`) on a borrowed GPU.

``python -m qa.reader.train_packed --pack gpu/pack --variant A --epochs 6 --out runs/r1``

The same model, loss, optimiser and schedule as :mod:`qa.reader.train`; the difference is
where the windows come from: pre-drawn and pre-tokenised epochs (a run with more epochs than
the pack holds cycles through them), so the lease is spent on the GPU, not on tokenising.
``--soup DIR ...`` averages the best weights of several runs (a uniform "model soup";
they all start from e5) and keeps whichever of the soup and the single runs scores best
on the held-apart set, with the criterion of :mod:`qa.reader.train` (F1 + 0.25 x no-answer).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from qa.reader.e5file import DTYPE_F32, E5Config, dequantise_q4_0
from qa.reader.evaluate import HeldScores, score_held
from qa.reader.features import Features
from qa.reader.model import SpanReader, set_dropout
from qa.reader.regularise import Ensemble, Regulariser, train_step
from qa.reader.train import Clock, TrainOptions, _jsonable, batches, log, make_optimiser


@dataclass
class Extras:
    """The regularisers of :mod:`qa.reader.regularise` a run uses (defaults: none, as reader-v3)."""

    dropout: float = 0.0
    fgm: float = 0.0
    teachers: list[Path] = field(default_factory=list)
    alpha: float = 0.5
    temperature: float = 2.0

    def record(self) -> dict[str, object]:
        """What goes into the weights' info (paths as their run names)."""
        return {"dropout": self.dropout, "fgm": self.fgm, "teachers": [t.name for t in self.teachers],
                "alpha": self.alpha if self.teachers else None,
                "temperature": self.temperature if self.teachers else None}  # fmt: skip

    def regulariser(self, device: torch.device) -> Regulariser:
        """The training step's settings, with the teachers (if any) loaded on ``device``."""
        teacher = teacher_of(self.teachers, device) if self.teachers else None
        return Regulariser(self.fgm, teacher, self.alpha, self.temperature)


class PackFile:
    """e5's layer tensors from the pack; quacks like :class:`E5File` for ``load_pretrained``."""

    def __init__(self, pack: Path) -> None:
        meta = json.loads((pack / "meta.json").read_text())
        self.config = E5Config(**meta["e5"]["config"])
        self.entries = meta["e5"]["entries"]
        self.raw = np.load(pack / "e5.npz")

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        entry, raw = self.entries[name], self.raw[name]
        if entry["dtype"] == DTYPE_F32:
            values = raw.view(np.float32)[: entry["count"]].copy()
        else:
            values = dequantise_q4_0(raw, entry["count"])
        return values.reshape(shape) if shape is not None else values


class PackWords:
    """The frozen word rows the pack's tokens use, on the device; ids are e5 ids."""

    def __init__(self, pack: Path, device: torch.device) -> None:
        data = np.load(pack / "words.npz")
        ids, blocks = data["ids"], data["blocks"]
        hidden = blocks.shape[1] * 32
        rows = dequantise_q4_0(blocks.reshape(-1), len(ids) * hidden).reshape(len(ids), hidden)
        self.table = torch.from_numpy(rows).to(device)
        self.lookup = torch.zeros(int(ids.max()) + 1, dtype=torch.long, device=device)
        self.lookup[torch.from_numpy(ids).to(device)] = torch.arange(len(ids), device=device)

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        return self.table[self.lookup[ids.to(self.table.device)]]


def load_epoch(pack: Path, variant: str, epoch: int) -> list[tuple]:
    """(features, first, last) items of one packed epoch (offsets are not needed to train)."""
    data = np.load(pack / f"{variant}-epoch{epoch}.npz")
    cuts = np.cumsum(data["lens"])[:-1]
    ids, cand = np.split(data["ids"].astype(np.int64), cuts), np.split(data["cand"], cuts)
    none = np.zeros(0, dtype=np.int64)
    return [(Features(i, c, none, none), int(a), int(b))
            for i, c, a, b in zip(ids, cand, data["first"], data["last"])]  # fmt: skip


def fresh_model(pack: Path, device: torch.device, layers: int = 12) -> SpanReader:
    """e5's lowest ``layers`` layers + a new head, as ``ReaderRuntime.fresh_model`` (same init)."""
    from qa.reader.runtime import fresh_reader

    return fresh_reader(PackFile(pack), layers).to(device)  # type: ignore[arg-type]


def load_held(pack: Path) -> tuple[list, list[Features], int]:
    with open(pack / "held.pkl", "rb") as handle:
        held = pickle.load(handle)
    return held["examples"], held["features"], held["pad"]


def criterion(scores: HeldScores) -> float:
    """What picks the epoch (and the run) to keep, as in :mod:`qa.reader.train`."""
    return scores.f1 + 0.25 * scores.noanswer_acc


def _train_epoch(model, words, plan: list, pad: int, optimiser: tuple, clock: Clock, opts: TrainOptions,
                 reg: Regulariser) -> tuple[int, float]:  # fmt: skip
    """One pass over ``plan``; stops early when ``--max-minutes`` ran out. (batches done, last loss)"""
    optim, sched = optimiser
    device = words.table.device
    model.train()
    done, last = 0, None
    for batch in plan:
        optim.zero_grad(set_to_none=True)
        step = train_step(model, words, batch, pad, device, reg)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        done, last = done + 1, step.detach()  # no .item() per step: it would wait on the GPU
        if opts.max_minutes and clock.fraction() >= 1.0:
            break
    return done, float(last) if last is not None else float("nan")


def teacher_of(runs: list[Path], device: torch.device) -> Ensemble:
    """The best weights of ``runs`` as one frozen :class:`Ensemble` on ``device``."""
    from qa.reader.weights import load_weights

    paths = [r / "reader.safetensors" for r in runs]
    if missing := [str(p) for p in paths if not p.is_file()]:
        raise SystemExit(f"no trained weights at {missing}: train those runs first")
    ensemble = Ensemble([load_weights(p)[0] for p in paths]).to(device).eval()
    ensemble.requires_grad_(False)
    return ensemble


def run(opts: TrainOptions, pack: Path, variant: str, extra: Extras | None = None) -> list[HeldScores]:
    """Train ``opts.epochs`` over the packed epochs; keep the best epoch's fp16 weights."""
    from qa.reader.weights import save_weights

    extra = extra or Extras()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    torch.set_num_threads(opts.threads)
    torch.manual_seed(opts.seed)
    meta = json.loads((pack / "meta.json").read_text())
    drawn = meta["variants"][variant]  # the windows were drawn when packing: record them, not the defaults
    opts.max_len, opts.window_chars, opts.negative_rate = drawn["max_len"], tuple(drawn["window_chars"]), drawn["negative_rate"]
    model, words = fresh_model(pack, device, opts.layers), PackWords(pack, device)
    set_dropout(model, extra.dropout)
    reg = extra.regulariser(device)
    examples, held_feats, pad = load_held(pack)
    packed = meta["epochs"]
    per_epoch = len(load_epoch(pack, variant, 0)) // opts.batch + 1
    clock = Clock(opts.max_minutes)
    optim, sched = make_optimiser(model, opts, per_epoch * opts.epochs, clock)
    history: list[HeldScores] = []
    opts.out.mkdir(parents=True, exist_ok=True)
    for epoch in range(opts.epochs):
        plan = batches(load_epoch(pack, variant, epoch % packed), opts.batch, random.Random(opts.seed * 1000 + epoch))
        number, loss = _train_epoch(model, words, plan, pad, (optim, sched), clock, opts, reg)
        scores = score_held(model, words, device, examples, held_feats, pad, opts.max_answer_tokens, 64)
        history.append(scores)
        log(f"{opts.out.name} epoch {epoch + 1} ({number}/{len(plan)} batches, loss {loss:.3f}, "
            f"{clock.spent() / 60:.1f} min): {scores.line()}")  # fmt: skip
        if max(history, key=criterion) is scores:
            info = {"epoch": epoch + 1, "held": asdict(scores), "options": _jsonable(opts), "variant": variant,
                    "pack": meta["variants"][variant], "regularise": extra.record()}  # fmt: skip
            save_weights(model, opts.out / "reader.safetensors", info)
        if opts.max_minutes and clock.fraction() >= 1.0:
            log(f"{opts.out.name}: stopped after {opts.max_minutes} minutes")
            break
    (opts.out / "history.json").write_text(json.dumps([asdict(h) for h in history], indent=1))
    return history


def _scored_runs(runs: list[Path], held) -> list[tuple]:
    """(criterion, weights path, scores, info) of each run's best weights, best first."""
    from qa.reader.weights import load_weights

    out = []
    for run_dir in runs:
        path = run_dir / "reader.safetensors"
        if path.is_file():
            model, info = load_weights(path)
            scores = held(model)
            out.append((criterion(scores), path, scores, info))
            log(f"{run_dir.name}: {scores.line()} (epoch {info.get('epoch')})")
    return sorted(out, key=lambda s: -s[0])


def _best_soup(paths: list[Path], held, top: int) -> tuple:
    """(model, scores, paths) of the best uniform average of the 2..``top`` first ``paths``."""
    from safetensors.torch import load_file

    from qa.reader.weights import load_weights

    best: tuple = (None, None, [])
    for k in range(2, min(top, len(paths)) + 1):
        names = paths[:k]
        tensors = [load_file(str(p)) for p in names]
        state = {key: sum(t[key].float() for t in tensors) / k for key in tensors[0]}
        candidate, _ = load_weights(names[0])
        candidate.load_state_dict(state)
        scores = held(candidate)
        log(f"soup of {[p.parent.name for p in names]}: {scores.line()}")
        if best[1] is None or criterion(scores) > criterion(best[1]):
            best = (candidate, scores, names)
    return best


def soup(pack: Path, runs: list[Path], out: Path, top: int = 4) -> Path:
    """Average the 2..``top`` best runs' weights; write the best of soups and runs to ``out``."""
    from qa.reader.weights import load_weights, save_weights

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    words = PackWords(pack, device)
    examples, feats, pad = load_held(pack)

    def held(model: SpanReader) -> HeldScores:
        return score_held(model.to(device), words, device, examples, feats, pad, 32, 64)

    scored = _scored_runs(runs, held)
    if not scored:
        raise SystemExit(f"no reader.safetensors in any of {[str(r) for r in runs]}")
    mixed, mixed_scores, chosen = _best_soup([s[1] for s in scored], held, top)
    out.mkdir(parents=True, exist_ok=True)
    if mixed is not None and criterion(mixed_scores) > scored[0][0]:
        info = {"soup": [p.parent.name for p in chosen], "held": asdict(mixed_scores),
                "runs": [s[3] for s in scored[: len(chosen)]]}  # fmt: skip
        save_weights(mixed, out / "reader.safetensors", info)
        log("kept: the soup")
    else:
        model, info = load_weights(scored[0][1])
        save_weights(model, out / "reader.safetensors", info)
        log(f"kept: {scored[0][1].parent.name}")
    return out / "reader.safetensors"


def ensemble_scores(pack: Path, runs: list[Path]) -> HeldScores:
    """Held-apart scores of the runs' mean logits (what distilling from them aims at)."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    examples, feats, pad = load_held(pack)
    return score_held(teacher_of(runs, device), PackWords(pack, device), device, examples, feats, pad, 32, 64)


def main(argv: list[str] | None = None) -> int:
    """CLI: a training run (``--variant``), or ``--soup RUN_DIR ...`` to combine runs."""
    parser = argparse.ArgumentParser(prog="python -m qa.reader.train_packed", description=__doc__)
    parser.add_argument("--pack", type=Path, default=Path("gpu/pack"))
    parser.add_argument("--variant", default="A")
    parser.add_argument("--out", type=Path, default=Path("runs/packed"))
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--layers", type=int, default=12)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-minutes", type=float, default=0.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--soup", type=Path, nargs="+")
    parser.add_argument("--ensemble", type=Path, nargs="+", help="only score the mean logits of these runs")
    parser.add_argument("--dropout", type=float, default=0.0, help="BERT dropout while training (e5's was 0.1)")
    parser.add_argument("--fgm", type=float, default=0.0, help="adversarial step on the word vectors (e.g. 1.0)")
    parser.add_argument("--teachers", type=Path, nargs="+", default=[], help="distil from these runs' mean logits")
    parser.add_argument("--alpha", type=float, default=0.5, help="weight of the teachers' soft targets")
    parser.add_argument("--temperature", type=float, default=2.0)
    args = parser.parse_args(argv)
    if args.soup:
        soup(args.pack, args.soup, args.out)
        return 0
    if args.ensemble:
        log(f"ensemble of {[r.name for r in args.ensemble]}: {ensemble_scores(args.pack, args.ensemble).line()}")
        return 0
    opts = TrainOptions(out=args.out, epochs=args.epochs, layers=args.layers, batch=args.batch, lr=args.lr, seed=args.seed,
                        max_minutes=args.max_minutes, threads=args.threads)  # fmt: skip
    extra = Extras(args.dropout, args.fgm, args.teachers, args.alpha, args.temperature)
    run(opts, args.pack, args.variant, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
