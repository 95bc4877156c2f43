"""Reader-only measurements: CMRC 2018 dev on gold paragraphs, and read latency.

``python -m qa.reader.measure cmrc [--sample 300]`` reads each question against its own
paragraph (cut into sentence windows, all read in one batch) and scores the best span with
the project's CMRC F1/EM (:mod:`qa.reader.metric`). ``python -m qa.reader.measure latency`` times
``read`` for questions over 5-10 windows of ~96 tokens. Measurement only: nothing here
feeds back into training or decoding choices.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from qa.reader.base import Reader, get_reader
from qa.reader.metric import char_f1, exact_match
from qa.reader.windows import sentence_windows

CMRC_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "cmrc2018" / "cmrc2018_dev.json"


@dataclass(frozen=True)
class ReadScores:
    """Mean CMRC F1/EM over ``n`` questions and the reading time per question."""

    f1: float
    em: float
    n: int
    seconds_per_question: float


def cmrc_questions(path: Path, sample: int = 0) -> list[tuple[str, str, list[str]]]:
    """(question, paragraph, gold answers); ``sample`` > 0 takes an even stride (fixed)."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    rows = [(qa["question"], p["context"], [a["text"] for a in qa["answers"]])
            for art in data for p in art["paragraphs"] for qa in p["qas"]]  # fmt: skip
    if sample and sample < len(rows):
        stride = len(rows) / sample
        rows = [rows[int(i * stride)] for i in range(sample)]
    return rows


@dataclass(frozen=True)
class Read:
    """One question read alone against its own paragraph: the best span and its CMRC F1/EM."""

    question: str
    answer: str
    f1: float
    em: float


def read_each(reader: Reader, rows: list[tuple[str, str, list[str]]], max_chars: int = 150) -> list[Read]:
    """Each question over its own paragraph's windows; the best-scoring span is the answer."""
    out: list[Read] = []
    for number, (question, context, golds) in enumerate(rows, 1):
        spans = reader.read(question, [w.text for w in sentence_windows(context, max_chars)])
        answer = spans[0].text if spans else ""
        out.append(Read(question, answer, char_f1(answer, golds), exact_match(answer, golds)))
        if number % 100 == 0:
            f1, em = (sum(getattr(r, k) for r in out) / number for k in ("f1", "em"))
            print(f"{number}/{len(rows)} F1 {f1:.3f} EM {em:.3f}", file=sys.stderr, flush=True)
    return out


def read_gold(reader: Reader, rows: list[tuple[str, str, list[str]]], max_chars: int = 150) -> ReadScores:
    """The mean CMRC F1/EM of :func:`read_each` and the time per question."""
    started = time.perf_counter()
    reads = read_each(reader, rows, max_chars)
    n = max(len(rows), 1)
    return ReadScores(sum(r.f1 for r in reads) / n, sum(r.em for r in reads) / n, len(rows),
                      (time.perf_counter() - started) / n)


@dataclass(frozen=True)
class Latency:
    """Wall-clock median/p95 of ``read``, and the median CPU time it used (all threads):
    on a machine shared with other jobs the wall figure mostly measures the queue, the CPU
    figure what one read costs."""

    median_ms: float
    p95_ms: float
    cpu_median_ms: float
    runs: int
    windows: int


def latency(reader: Reader, rows: list[tuple[str, str, list[str]]], windows: int = 8,
            max_chars: int = 130) -> Latency:  # fmt: skip
    """Time ``read`` for each question over ``windows`` windows (its own, padded with others')."""
    pool = [w.text for _, c, _ in rows for w in sentence_windows(c, max_chars)]
    reader.read(rows[0][0], pool[:windows])  # warm-up: loads the model
    times, cpu = [], []
    for number, (question, _, _) in enumerate(rows):
        chosen = [pool[(number * windows + k) % len(pool)] for k in range(windows)]
        started, cpu_started = time.perf_counter(), time.process_time()
        reader.read(question, chosen)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return Latency(statistics.median(times), p95, statistics.median(cpu), len(times), windows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.reader.measure", description=__doc__)
    parser.add_argument("what", choices=["cmrc", "latency"])
    parser.add_argument("--data", type=Path, default=CMRC_DEV)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--reader", default="trained")
    parser.add_argument("--fp32", action="store_true", help="full precision (default: dynamic int8, as shipped)")
    parser.add_argument("--engine", choices=["onnx", "torch"], default="onnx", help="what runs the int8 reader")
    parser.add_argument("--weights", type=Path, default=None)
    parser.add_argument("--windows", type=int, default=8)
    parser.add_argument("--shard", default="0/1", help="I/N: read every N-th question from the I-th")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    kwargs = {"quantise": not args.fp32, "engine": args.engine, "weights": args.weights} if args.reader == "trained" else {}
    reader = get_reader(args.reader, **kwargs)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    if args.what == "cmrc":
        index, count = (int(x) for x in args.shard.split("/"))
        rows = cmrc_questions(args.data, args.sample)[index::count]
        print(read_gold(reader, rows))
    else:
        rows = cmrc_questions(args.data, args.sample or 60)
        print(latency(reader, rows, args.windows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
