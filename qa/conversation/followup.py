"""The follow-up step of answering: the question to answer, given the earlier turns.

Rules (:mod:`qa.conversation.rewrite`) always run. With a generative LLM backend, the LLM is
asked to rewrite too; its rewrite is used only when it keeps every organisation, place,
person and year the new turn names (:func:`keeps_entities`) and
is one short line; otherwise, or when the LLM fails, the rules' rewrite stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.conversation.rewrite import Analyse, resolve, standalone
from qa.conversation.turns import Turn
from qa.errors import LLMError
from qa.llm.base import LLM
from qa.text.normalize import normalize_for_match

MAX_CONTEXT_TURNS = 3  # the LLM sees the last few turns (the rules, the last one, rewritten)
_SYSTEM = ("You rewrite the user's last question so that it can be understood without the conversation: "
           "fill in the organisation, place, year, person or measure it leaves out from the earlier turns, "
           "keep every name, place and year it states itself, keep its language. "
           "Reply with the rewritten question only, on one line. If it already stands alone, repeat it.")


def follow_up(question: str, history: Sequence[Turn], analyse: Analyse, llm: LLM | None = None) -> str | None:
    """The standalone question to answer for ``question`` after ``history`` (oldest first);
    None when ``question`` stands alone as asked."""
    history = [t for t in history if t.question.strip()]  # a blank earlier question says nothing
    if not history:
        return None
    turns = resolve(history, analyse)  # the whole chain: the fifth turn may build on the second's rewrite
    rules = standalone(question, turns, analyse)
    if llm is None:
        return rules
    rewritten = _ask_llm(llm, question, turns[-MAX_CONTEXT_TURNS:])
    if rewritten is None or rewritten == question or not keeps_entities(question, rewritten, analyse):
        return rules
    return rewritten


# a question with its own follow-up: 京东第二季度收入是多少？净利润呢？
_INLINE = re.compile(r"^(?P<first>[^？?]+[？?])\s*(?P<then>[^？?]{1,16}呢[？?]?)\s*$")


def inline_follow_up(question: str, analyse: Analyse) -> str | None:
    """A question that asks its own follow-up (京东第二季度收入是多少？净利润呢？) as two whole questions
    (…收入是多少？京东第二季度净利润是多少？), which are then answered as parts; None for any other question."""
    m = _INLINE.match(question.strip())
    if m is None:
        return None
    second = standalone(m.group("then"), [Turn(question=m.group("first"))], analyse)
    return m.group("first") + second if second else None


def _ask_llm(llm: LLM, question: str, turns: Sequence[Turn]) -> str | None:
    lines = []
    for t in turns:
        lines.append(f"Q: {t.asked}")
        if t.answer:
            lines.append(f"A: {t.answer[:200]}")
    prompt = "Conversation:\n" + "\n".join(lines) + f"\n\nLast question: {question}\nRewritten question:"
    try:
        reply = "".join(llm.generate(prompt, system=_SYSTEM, max_tokens=96))
    except LLMError:
        return None
    line = next((x.strip() for x in reply.strip().splitlines() if x.strip()), "")
    line = line.removeprefix("Rewritten question:").strip().strip('"“”')
    return line if 0 < len(line) <= 4 * max(len(question), 60) else None


def keeps_entities(question: str, rewritten: str, analyse: Analyse) -> bool:
    """Whether ``rewritten`` still names every organisation, place, person and year ``question``
    names (the check an LLM's rewrite must pass)."""
    q, r = analyse(question), analyse(rewritten)
    if not set(q.orgs) <= set(r.orgs) or not set(q.years) <= set(r.years):
        return False
    names = {e.text for e in r.entities} | {e.text for e in q.entities if e.text in rewritten}
    return all(e.text in names or e.text in normalize_for_match(rewritten) for e in q.entities)
