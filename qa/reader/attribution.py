"""Where end to end loses to its own reader on CMRC 2018 dev, counted, never read question by question.

    python -m qa.reader.attribution REPORT.json [--sample N]

``REPORT.json`` is a ``qa eval --benchmark cmrc2018 --out DIR`` run (``DIR/report.json``). Every
question is also read alone against its own paragraph (:func:`qa.reader.measure.read_each`), and
sorted by how the end-to-end answer relates to that one: the same, narrower (inside it), wider
(holding it), something else, or abstained. For each relation the table gives the count and mean
CMRC F1/EM both ways, and what the relation costs end to end against the reader alone (share of
the whole set). Measurement only: nothing here feeds back into any choice of the pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.reader.measure import CMRC_DEV, Read, cmrc_questions, read_each

RELATIONS = ("same", "narrower", "wider", "different", "abstained")


@dataclass(frozen=True)
class Share:
    """The questions of one relation: how many, their mean F1/EM end to end and alone, and the
    F1/EM they cost end to end against the reader alone over the whole set (negative: a loss)."""

    relation: str
    questions: int
    f1_end: float
    f1_alone: float
    em_end: float
    em_alone: float
    f1_cost: float
    em_cost: float


def relation(got: str, abstained: bool, alone: str) -> str:
    """How an end-to-end answer relates to the reader-alone one."""
    got = got.strip()
    if abstained:
        return "abstained"
    if got == alone:
        return "same"
    if alone and alone in got:
        return "wider"
    if got and got in alone:
        return "narrower"
    return "different"


def attribute(records: Sequence[dict], reads: Sequence[Read]) -> list[Share]:
    """One :class:`Share` per relation present, in :data:`RELATIONS` order. ``records`` are a CMRC
    report's, in the order of ``reads``."""
    if len(records) != len(reads) or any(r["question"] != a.question for r, a in zip(records, reads)):
        raise ValueError("the report's questions are not CMRC 2018 dev's in order: run qa eval --benchmark cmrc2018")
    groups: dict[str, list[tuple[dict, Read]]] = {}
    for r, a in zip(records, reads):
        groups.setdefault(relation(r["got"] or "", r["abstained"], a.answer), []).append((r, a))
    total = max(len(reads), 1)
    out = []
    for name in RELATIONS:
        if not (pairs := groups.get(name)):
            continue
        f1e, f1a = sum(r["f1"] for r, _ in pairs), sum(a.f1 for _, a in pairs)
        eme, ema = sum(r["em"] for r, _ in pairs), sum(a.em for _, a in pairs)
        n = len(pairs)
        out.append(Share(name, n, f1e / n, f1a / n, eme / n, ema / n, (f1e - f1a) / total, (eme - ema) / total))
    return out


def table(shares: Sequence[Share]) -> str:
    """The shares as a Markdown table."""
    lines = ["| relation | questions | F1 end to end / alone | EM end to end / alone | F1 cost | EM cost |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {s.relation} | {s.questions} | {s.f1_end:.3f} / {s.f1_alone:.3f} | {s.em_end:.3f} / "
              f"{s.em_alone:.3f} | {s.f1_cost:+.3f} | {s.em_cost:+.3f} |" for s in shares]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.reader.attribution", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="report.json of qa eval --benchmark cmrc2018")
    parser.add_argument("--data", type=Path, default=CMRC_DEV)
    args = parser.parse_args(argv)
    try:
        records = json.loads(args.report.read_text(encoding="utf-8"))["records"]
    except (OSError, ValueError, KeyError) as err:
        print(f"cannot read {args.report} as a qa eval report ({err}): pass DIR/report.json", file=sys.stderr)
        return 2
    from qa.reader.base import get_reader  # deferred: loads the reader

    reads = read_each(get_reader("trained"), cmrc_questions(args.data))
    try:
        shares = attribute(records, reads)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(table(shares))
    n = max(len(reads), 1)
    print(f"\nreader alone: F1 {sum(r.f1 for r in reads) / n:.3f} EM {sum(r.em for r in reads) / n:.3f}; "
          f"end to end: F1 {sum(r['f1'] for r in records) / n:.3f} EM {sum(r['em'] for r in records) / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
