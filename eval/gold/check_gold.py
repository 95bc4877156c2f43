#!/usr/bin/env python3
"""Sanity checker for the gold question sets (standard library only).

Usage:  python eval/gold/check_gold.py   (from the repo root, or anywhere)

Checks
  * every row has the required fields with sane values;
  * ids are unique within and across the two files;
  * every `evidence` (and every item of `evidence_all`) is a substring of the
    whitespace-stripped text of corpus/<doc_id>.txt (whitespace stripped from
    both sides, so hard-wrapped lines do not matter);
  * for answerable answers-file questions, at least one gold answer string
    occurs in the whitespace-stripped document(s) (also tried: the answer
    without a trailing measure word, and the answer with 《》 / “” removed);
  * answers-file composition (>= 80 answerable, >= 12 unanswerable,
    >= 6 English incl. >= 1 unanswerable English, >= 6 comparisons,
    every organisation >= 3 questions);
  * warns (does not fail) when an evidence string contains a photo-caption
    marker or markdown markup.
Prints counts per type, per org and per lang.  Exit status 1 on any error.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT / "corpus"
FILES = {"retrieval": HERE / "retrieval.jsonl", "answers": HERE / "answers.jsonl"}

ORGS = ["大武口区政协", "城北区政协", "西宁市政协", "张掖市政协", "庆阳市政协",
        "海东市政协", "海西州政协", "果洛州政协", "城东区政协", "祁连县政协"]
ANSWERABLE_TYPES = {"numeric", "date", "person", "entity", "comparison", "description"}
REQUIRED = ["id", "question", "answers", "evidence", "doc_id", "org", "type", "lang"]
WS = re.compile(r"\s+")
UNIT = re.compile(r"(?<=[0-9０-９%])(余|多)?[^\d%]{1,3}$")

errors: list[str] = []
warnings: list[str] = []


def strip(s: str) -> str:
    return WS.sub("", s)


def load_docs() -> dict[str, str]:
    return {p.stem: strip(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))}


def load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"{path.name}:{n}: bad JSON: {e}")
    return rows


def answer_variants(a: str) -> list[str]:
    a = strip(a)
    out = [a, a.strip("《》“”\"")]
    m = UNIT.search(a)
    if m:  # "190件" -> "190" is weaker, but "190" -> must be present anyway
        out.append(a[: m.start()])
    return [x for x in out if x]


def check_row(kind: str, row: dict, docs: dict[str, str]) -> None:
    rid = row.get("id", "?")
    for k in REQUIRED:
        if k not in row:
            errors.append(f"{kind}/{rid}: missing field {k!r}")
    if not isinstance(row.get("answers"), list):
        errors.append(f"{kind}/{rid}: answers must be a list")
        return
    if row.get("lang") not in ("zh", "en"):
        errors.append(f"{kind}/{rid}: bad lang {row.get('lang')!r}")
    typ = row.get("type")
    unans = typ == "unanswerable"
    if kind == "retrieval" and typ not in ANSWERABLE_TYPES:
        errors.append(f"{kind}/{rid}: bad type {typ!r}")
    if kind == "answers" and typ not in ANSWERABLE_TYPES | {"unanswerable"}:
        errors.append(f"{kind}/{rid}: bad type {typ!r}")
    if unans:
        if row["answers"]:
            errors.append(f"{kind}/{rid}: unanswerable question has answers")
        if row.get("evidence"):
            errors.append(f"{kind}/{rid}: unanswerable question has evidence")
        if row.get("doc_id") is not None and row["doc_id"] not in docs:
            errors.append(f"{kind}/{rid}: unknown doc_id {row['doc_id']!r}")
        return
    if row.get("org") not in ORGS:
        errors.append(f"{kind}/{rid}: unknown org {row.get('org')!r}")
    doc_id = row.get("doc_id")
    if doc_id not in docs:
        errors.append(f"{kind}/{rid}: unknown doc_id {doc_id!r}")
        return
    ev = row.get("evidence")
    if not isinstance(ev, str) or not ev.strip():
        errors.append(f"{kind}/{rid}: empty evidence")
        return
    if strip(ev) not in docs[doc_id]:
        errors.append(f"{kind}/{rid}: evidence not in {doc_id}: {ev!r}")
    # evidence_all (comparisons)
    ev_all = row.get("evidence_all")
    search_docs = [doc_id]
    if typ == "comparison":
        if not ev_all or len(ev_all) < 2:
            errors.append(f"{kind}/{rid}: comparison needs evidence_all with 2 items")
            ev_all = ev_all or []
        ev_docs = row.get("evidence_doc_ids") or [doc_id] * len(ev_all)
        if len(ev_docs) != len(ev_all):
            errors.append(f"{kind}/{rid}: evidence_doc_ids length mismatch")
        for e, d in zip(ev_all, ev_docs):
            if d not in docs:
                errors.append(f"{kind}/{rid}: unknown evidence doc {d!r}")
            elif strip(e) not in docs[d]:
                errors.append(f"{kind}/{rid}: evidence_all item not in {d}: {e!r}")
        search_docs = list(dict.fromkeys([doc_id, *ev_docs]))
        if strip(ev) not in [strip(e) for e in ev_all]:
            errors.append(f"{kind}/{rid}: evidence should be one of evidence_all")
    for e in [ev, *(ev_all or [])]:
        if any(m in e for m in ("▲", "**", "#")):
            warnings.append(f"{kind}/{rid}: evidence contains caption/markup marker: {e!r}")
    # answers present in document(s)
    if kind == "answers":
        if not row["answers"]:
            errors.append(f"{kind}/{rid}: answerable question without gold answers")
            return
        text = "".join(docs[d] for d in search_docs if d in docs)
        if not any(v in text for a in row["answers"] for v in answer_variants(a)):
            errors.append(f"{kind}/{rid}: no gold answer found in {search_docs}: {row['answers']}")
        # for a numeric answer, the evidence should contain the number itself
        if typ == "numeric":
            nums = [re.sub(r"[^\d.]", "", a) for a in row["answers"]]
            nums = [n for n in nums if n]
            if nums and not any(n in strip(ev) for n in nums) \
                    and not any(strip(a) in strip(ev) for a in row["answers"]):
                warnings.append(f"{kind}/{rid}: numeric answer not in evidence {ev!r}")


def summary(kind: str, rows: list[dict]) -> None:
    print(f"\n== {kind}: {len(rows)} questions ==")
    for label, key in (("type", "type"), ("lang", "lang")):
        c = Counter(r.get(key) for r in rows)
        print(f"  per {label}: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items(), key=lambda x: -x[1])))
    c = Counter(r.get("org") or "(none)" for r in rows)
    print("  per org:  " + ", ".join(f"{k}={v}" for k, v in sorted(c.items(), key=lambda x: -x[1])))
    # organisations mentioned anywhere (incl. the second side of comparisons)
    c2 = Counter(o for r in rows for o in (r.get("orgs") or [r.get("org")]) if o)
    print("  per org (incl. comparison sides): " + ", ".join(f"{k}={v}" for k, v in sorted(c2.items(), key=lambda x: -x[1])))
    d = Counter(r.get("doc_id") or "(none)" for r in rows)
    print("  per doc:  " + ", ".join(f"{k}={v}" for k, v in sorted(d.items(), key=lambda x: -x[1])))


def main() -> int:
    docs = load_docs()
    data = {k: load(p) for k, p in FILES.items()}
    seen: dict[str, str] = {}
    for kind, rows in data.items():
        for row in rows:
            rid = row.get("id")
            if rid in seen:
                errors.append(f"{kind}/{rid}: duplicate id (also in {seen[rid]})")
            seen[rid] = kind
            check_row(kind, row, docs)
    # duplicated questions across files
    rq = {strip(r.get("question", "")) for r in data["retrieval"]}
    for r in data["answers"]:
        if strip(r.get("question", "")) in rq:
            errors.append(f"answers/{r.get('id')}: question copied verbatim from retrieval set")
    # composition requirements
    A = data["answers"]
    ans = [r for r in A if r.get("type") != "unanswerable"]
    un = [r for r in A if r.get("type") == "unanswerable"]
    en = [r for r in A if r.get("lang") == "en"]
    reqs = [
        (len(data["retrieval"]) >= 65, f"retrieval has {len(data['retrieval'])} < 65 questions"),
        (len(A) >= 95, f"answers has {len(A)} < 95 questions"),
        (len(ans) >= 80, f"answers has {len(ans)} < 80 answerable"),
        (len(un) >= 12, f"answers has {len(un)} < 12 unanswerable"),
        (len(en) >= 6, f"answers has {len(en)} < 6 English"),
        (any(r.get("type") == "unanswerable" for r in en), "no English unanswerable question"),
        (sum(r.get("type") == "comparison" for r in A) >= 6, "fewer than 6 comparison questions"),
        (sum(r.get("type") == "numeric" for r in ans) * 2 > len(ans), "numeric questions are not the majority"),
    ]
    per_org = Counter(o for r in A for o in (r.get("orgs") or [r.get("org")]) if o)
    for o in ORGS:
        reqs.append((per_org[o] >= 3, f"answers: org {o} has only {per_org[o]} questions"))
    for ok, msg in reqs:
        if not ok:
            errors.append(msg)

    for kind, rows in data.items():
        summary(kind, rows)
    print(f"\nanswers: answerable={len(ans)}, unanswerable={len(un)}, english={len(en)}")
    for w in warnings:
        print("WARN ", w)
    for e in errors:
        print("ERROR", e)
    print("\nOK" if not errors else f"\n{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
