"""The conversation gold set (eval/gold/conversations.jsonl) through the real pipeline: per-turn
metrics stay above eval/floors.json ("conversations"), and `qa eval` reports them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import GOLD, ROOT

pytestmark = pytest.mark.slow
CONVERSATIONS = GOLD / "conversations.jsonl"


def test_conversation_gold_set_stays_above_its_floors(retriever):
    from eval.compare import check_floors, load_floors
    from eval.conversations import load_conversations, run_conversations, summarise_conversations
    from eval.runner import RunConfig
    from qa.answer.pipeline import Answerer
    from qa.config import load_settings

    convs = load_conversations(CONVERSATIONS)
    assert len(convs) >= 40 and all(len(c.turns) >= 2 for c in convs)
    answerer = Answerer(retriever, load_settings(llm="extractive", top_k=5))
    records, results = run_conversations(convs, answerer, RunConfig(llm="extractive", warmup=False))
    m = summarise_conversations(convs, records, results)
    checks = check_floors(m.headline(), load_floors(ROOT / "eval" / "floors.json", "conversations"))
    lines = [f"{c.metric}: measured {c.measured}, floor {c.limit} {'ok' if c.ok else 'FAILED'}" for c in checks]
    print("\n" + "\n".join(lines) + f"\nfollow-ups asked alone: {m.follow_up_accuracy_without_history}")
    assert m.follow_up_accuracy >= 0.85  # the bar, whatever the floors file says
    wrong = [f"{r.conversation}-t{r.turn}: {r.question} -> {r.standalone}" for r in results if r.ok is False]
    assert all(c.ok for c in checks), "\n".join(lines + wrong)


def test_qa_eval_reports_conversations(tmp_path, corpus_index_dir):
    out = tmp_path / "report"
    run = subprocess.run([sys.executable, "-m", "zhqa.cli", "eval", str(CONVERSATIONS), "--limit", "2",
                          "--index", str(corpus_index_dir), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert run.returncode == 0, run.stderr
    assert "follow_up_accuracy" in run.stdout
    report = json.loads((out / "conversations.json").read_text(encoding="utf-8"))
    assert report["metrics"]["conversations"] == 2 and len(report["turns"]) == 4
    assert report["turns"][1]["standalone"] == "城北区政协2023年收到多少件提案？"
    assert "## Conversations" in (out / "summary.md").read_text(encoding="utf-8")


def test_qa_eval_json_of_conversations_is_json_alone(tmp_path, corpus_index_dir):
    """With --json stdout is report.json and nothing else (the summary lines used to come first)."""
    run = subprocess.run([sys.executable, "-m", "zhqa.cli", "eval", str(CONVERSATIONS), "--limit", "1", "--json",
                          "--index", str(corpus_index_dir), "--out", str(tmp_path / "report")],
                         capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["source"].endswith("conversations.jsonl")


def test_a_malformed_conversation_file_is_one_clear_error(tmp_path):
    from eval.conversations import load_conversations
    from qa.errors import InputError

    bad = tmp_path / "c.jsonl"
    bad.write_text(json.dumps({"id": "x", "turns": [{"question": "q", "answers": []}]}) + "\n"
                   + json.dumps({"id": "y", "turns": [{"question": "q"}, {"question": "r", "answers": []}]}) + "\n")
    with pytest.raises(InputError) as err:
        load_conversations(bad)
    assert "two or more" in err.value.message and "'answers' is missing" in err.value.message


def test_the_gold_conversations_quote_their_documents():
    """Every evidence string is in its document; half the follow-ups change the organisation, year or
    measure; some are in English and some cannot be answered from the reports."""
    from eval.conversations import load_conversations
    from tests.conftest import CORPUS

    texts = {p.stem: "".join(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt")}
    follow_ups = [t for c in load_conversations(CONVERSATIONS) for t in c.turns[1:]]
    for c in load_conversations(CONVERSATIONS):
        for t in c.turns:
            if t.evidence and t.doc_id:
                assert "".join(t.evidence.split()) in texts[t.doc_id], t.id
    changes = [t for t in follow_ups if t.extra.get("follow") in ("org", "year", "measure")]
    assert len(changes) * 2 >= len(follow_ups)
    assert sum(t.lang == "en" for t in follow_ups) >= 5 and sum(not t.answers for t in follow_ups) >= 5
