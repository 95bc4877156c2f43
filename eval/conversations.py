"""Conversation gold sets: follow-up questions asked after earlier turns, scored per turn.

One JSON object per line: ``{"id": str, "turns": [turn, ...]}`` with two or more turns. A
turn is a gold question as in :mod:`eval.gold` (``question``, ``answers`` — ``[]`` when the
documents do not answer it —, ``type``, ``org``, ``doc_id``, ``evidence``, ``lang``; no
``id``: it is ``<conversation id>-t<n>``) plus, on follow-ups:

``follow`` (str)
    What the follow-up changes or leans on: ``org``, ``year``, ``measure``, ``pronoun``,
    ``context`` (a whole question without its organisation). Reported per kind.
``subject`` (list[str])
    What the standalone question must name (place names, years, a person); each counts when
    the rewritten text contains it or its analysis finds it (an organisation, a year).

Every turn is asked with the system's own earlier answers as history (as a client of
``/api/ask`` would send them), so a wrong rewrite or answer carries on into the next turn.
Per-turn metrics: first-turn accuracy, follow-up accuracy (a correct answer, or an
abstention where the documents do not answer), the same follow-ups asked alone (without
history: the system before conversations), the rewrite's correctness against ``subject``
and, for a changed organisation, that the previous one is gone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.gold import GoldItem, _build_item, _check_optional, _check_required, _read_text
from eval.runner import QuestionRecord, RunConfig, new_record, score_answer
from qa.answer.pipeline import Answerer
from qa.conversation.turns import Turn
from qa.errors import InputError


@dataclass(slots=True)
class GoldConversation:
    id: str
    turns: list[GoldItem]


@dataclass(slots=True)
class TurnResult:
    """One turn: its record (answer metrics) and the conversation-specific checks."""

    conversation: str
    turn: int  # 1-based
    follow: str | None
    question: str
    standalone: str | None
    rewrite_ok: bool | None  # None: no ``subject`` to check
    ok: bool | None
    ok_alone: bool | None = None  # follow-ups only: asked without history
    got_alone: str = ""


@dataclass(slots=True)
class ConversationMetrics:
    conversations: int
    turns: int
    first_turn_accuracy: float | None
    follow_up_accuracy: float | None
    follow_up_accuracy_without_history: float | None
    follow_up_answerable_accuracy: float | None
    follow_up_abstention_recall: float | None  # unanswerable follow-ups declined
    rewrite_accuracy: float | None
    by_follow: dict[str, dict[str, float | int | None]] = field(default_factory=dict)

    def headline(self) -> dict[str, float | None]:
        """The numbers eval/floors.json bounds (set ``conversations``)."""
        return {"first_turn_accuracy": self.first_turn_accuracy, "follow_up_accuracy": self.follow_up_accuracy,
                "follow_up_abstention_recall": self.follow_up_abstention_recall,
                "rewrite_accuracy": self.rewrite_accuracy}


def is_conversation_file(path: str | Path) -> bool:
    """Whether ``path`` holds conversations (its first object has ``turns``)."""
    first = next((line for line in _read_text(Path(path)).split("\n") if line.strip()), "")
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and "turns" in obj


def load_conversations(path: str | Path) -> list[GoldConversation]:
    """Load and validate a conversation gold file; every problem is listed at once."""
    path = Path(path)
    problems: list[str] = []
    out: list[GoldConversation] = []
    for number, raw in enumerate(_read_text(path).split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: invalid JSON: {exc.msg}")
            continue
        turns = obj.get("turns") if isinstance(obj, dict) else None
        if not isinstance(obj.get("id"), str) or not isinstance(turns, list) or len(turns) < 2:
            problems.append(f"{path}:{number}: needs an 'id' and a list of two or more 'turns'")
            continue
        items = []
        for n, t in enumerate(turns, start=1):
            t = {"id": f"{obj['id']}-t{n}", **{k: v for k, v in t.items() if v is not None}}
            bad = _check_required(t) + _check_optional(t)
            problems += [f"{path}:{number}: turn {n}: {p}" for p in bad]
            if not bad:
                items.append(_build_item(t, number))
        out.append(GoldConversation(obj["id"], items))
    if problems:
        raise InputError(f"{path}: {len(problems)} problem(s):\n" + "\n".join(problems[:10]),
                         hint="the format is described in eval/conversations.py")
    if not out:
        raise InputError(f"{path}: no conversations", hint="one JSON object per line")
    return out


Progress = Callable[[int, int], None]


def run_conversations(convs: Sequence[GoldConversation], answerer: Answerer, config: RunConfig,
                      progress: Progress | None = None) -> tuple[list[QuestionRecord], list[TurnResult]]:
    """Ask every conversation turn by turn (the system's answers as history)."""
    records: list[QuestionRecord] = []
    results: list[TurnResult] = []
    analyse = answerer.composer.analyse
    for i, conv in enumerate(convs):
        history: list[Turn] = []
        for n, item in enumerate(conv.turns, start=1):
            rec = new_record(item)
            answer = answerer.ask(item.question, top_k=config.top_k, llm=config.llm, history=history)
            score_answer(item, answer, rec)
            records.append(rec)
            res = TurnResult(conv.id, n, item.extra.get("follow"), item.question, answer.standalone_question,
                             _rewrite_ok(item, conv.turns[n - 2] if n > 1 else None, answer.standalone_question,
                                         analyse), rec.ok)
            if n > 1:
                alone = new_record(item)
                score_answer(item, answerer.ask(item.question, top_k=config.top_k, llm=config.llm), alone)
                res.ok_alone, res.got_alone = alone.ok, alone.got
            results.append(res)
            history.append(Turn(item.question, answer.answer, answer.standalone_question, answer.answer_type,
                                answer.abstained))
        if progress:
            progress(i + 1, len(convs))
    return records, results


def _rewrite_ok(item: GoldItem, before: GoldItem | None, standalone: str | None, analyse) -> bool | None:
    subject = item.extra.get("subject")
    if before is None or not isinstance(subject, list):
        return None
    text = standalone or item.question
    q = analyse(text)
    named = " ".join(q.orgs) + " " + " ".join(str(y) for y in q.years)
    if not all(s in text or s in named for s in subject):
        return False
    changed_org = item.extra.get("follow") == "org" and before.org and before.org != item.org
    return not (changed_org and before.org in q.orgs)


def summarise_conversations(convs: Sequence[GoldConversation], records: Sequence[QuestionRecord],
                            results: Sequence[TurnResult]) -> ConversationMetrics:
    follows = [(r, rec) for r, rec in zip(results, records, strict=True) if r.turn > 1]
    first = [rec for r, rec in zip(results, records, strict=True) if r.turn == 1]
    m = ConversationMetrics(
        len(convs), len(results), _rate(rec.ok for rec in first), _rate(rec.ok for _, rec in follows),
        _rate(r.ok_alone for r, _ in follows), _rate(rec.ok for _, rec in follows if rec.answerable),
        _rate(rec.abstained for _, rec in follows if not rec.answerable), _rate(r.rewrite_ok for r, _ in follows))
    for kind in sorted({r.follow or "-" for r, _ in follows}):
        group = [(r, rec) for r, rec in follows if (r.follow or "-") == kind]
        m.by_follow[kind] = {"n": len(group), "accuracy": _rate(rec.ok for _, rec in group),
                             "without_history": _rate(r.ok_alone for r, _ in group),
                             "rewrite_accuracy": _rate(r.rewrite_ok for r, _ in group)}
    return m


def _rate(values) -> float | None:
    present = [bool(v) for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def write_conversation_report(out_dir: Path, metrics: ConversationMetrics, results: Sequence[TurnResult],
                              records: Sequence[QuestionRecord]) -> None:
    """``conversations.json`` (metrics and every turn) and a section appended to ``summary.md``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    turns = [asdict(r) | {"got": rec.got, "expected": rec.expected, "answerable": rec.answerable}
             for r, rec in zip(results, records, strict=True)]
    body = json.dumps({"metrics": asdict(metrics), "turns": turns}, ensure_ascii=False, indent=1)
    tmp = out_dir / "conversations.json.tmp"
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(out_dir / "conversations.json")
    summary = out_dir / "summary.md"
    old = summary.read_text(encoding="utf-8") if summary.exists() else ""
    tmp = out_dir / "summary.md.tmp"
    tmp.write_text(old + "\n" + conversation_markdown(metrics, results, records), encoding="utf-8")
    tmp.replace(summary)


def conversation_markdown(m: ConversationMetrics, results: Sequence[TurnResult],
                          records: Sequence[QuestionRecord]) -> str:
    f = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    lines = ["## Conversations", "", f"{m.conversations} conversations, {m.turns} turns "
             f"({m.turns - m.conversations} follow-ups).", "",
             "| metric | value |", "|---|---|",
             f"| first-turn accuracy | {f(m.first_turn_accuracy)} |",
             f"| follow-up accuracy | {f(m.follow_up_accuracy)} |",
             f"| follow-up accuracy asked alone (no history) | {f(m.follow_up_accuracy_without_history)} |",
             f"| follow-up accuracy, answerable | {f(m.follow_up_answerable_accuracy)} |",
             f"| follow-up abstention recall, unanswerable | {f(m.follow_up_abstention_recall)} |",
             f"| rewrite accuracy | {f(m.rewrite_accuracy)} |", "",
             "| follow-up kind | n | accuracy | asked alone | rewrite accuracy |", "|---|---|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {f(v['accuracy'])} | {f(v['without_history'])} | {f(v['rewrite_accuracy'])} |"
              for k, v in m.by_follow.items()]
    wrong = [(r, rec) for r, rec in zip(results, records, strict=True) if r.ok is False or r.rewrite_ok is False]
    if wrong:
        lines += ["", "### Wrong turns", "", "| turn | question | standalone | got | expected | rewrite ok |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {r.conversation}-t{r.turn} | {r.question} | {r.standalone or '(as asked)'} | "
                  f"{rec.got[:60]} | {', '.join(rec.expected) or '(abstain)'} | {r.rewrite_ok} |" for r, rec in wrong]
    return "\n".join(lines) + "\n"
