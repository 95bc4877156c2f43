"""Does the reader rerank retrieval? Recall@1 of the retrieval order against the order of the
reader's answer confidence over the top passages (issue 10, item 4).

    python -m eval.rerank_reader --benchmark rgb-zh [--depth 10] [--limit N]

For each question: retrieve ``depth`` passages (hybrid), read each passage whole (the reader cuts a
long one into overlapping chunks) and order the passages by their best span's score, ties kept in
retrieval order. Prints recall@1 and recall@5 of both orders (a hit is a passage of a positive
document, the benchmark's own rule) and the reading time per question (median, p95).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from eval.external import cache_dir, load_benchmark
from qa.factory import make_retriever
from qa.index.store import Index
from qa.reader import get_reader


def _recall(orders: list[list[bool]], k: int) -> float:
    return sum(any(o[:k]) for o in orders) / max(1, len(orders))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--benchmark", default="rgb-zh")
    ap.add_argument("--depth", type=int, default=10)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    bench = load_benchmark(args.benchmark)
    retriever = make_retriever(Index.load(cache_dir(args.benchmark) / "index"))
    reader = get_reader("trained")
    items = [i for i in bench.gold if i.positive_doc_ids][: args.limit]
    before, after, ms = [], [], []
    for n, item in enumerate(items):
        passages = retriever.search(item.question, k=args.depth)
        hits = [p.doc_id in item.positive_doc_ids for p in passages]
        t = time.perf_counter()
        spans = reader.read(item.question, [p.text for p in passages])
        ms.append((time.perf_counter() - t) * 1000)
        best: dict[int, float] = {}
        for s in spans:  # best first: the first span of a passage is its best
            best.setdefault(s.window, s.score)
        order = sorted(range(len(passages)), key=lambda i: (-best.get(i, float("-inf")), i))
        before.append(hits)
        after.append([hits[i] for i in order])
        if n % 50 == 49:
            print(f"  {n + 1}/{len(items)}", file=sys.stderr)
    print(f"{args.benchmark}: {len(items)} questions, depth {args.depth}")
    print(f"  retrieval order: recall@1 {_recall(before, 1):.3f}, recall@5 {_recall(before, 5):.3f}")
    print(f"  reader order:    recall@1 {_recall(after, 1):.3f}, recall@5 {_recall(after, 5):.3f}")
    print(f"  reading: median {statistics.median(ms):.0f} ms, p95 {sorted(ms)[int(0.95 * (len(ms) - 1))]:.0f} ms")


if __name__ == "__main__":
    main()
