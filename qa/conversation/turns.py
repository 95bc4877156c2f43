"""One earlier turn of a conversation, as the follow-up rewriting sees it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_MARKERS = re.compile(r"\[\d+\]")  # the [n] citation markers of a chat reply


@dataclass(frozen=True, slots=True)
class Turn:
    """An earlier question and its answer.

    ``standalone`` is the question that was actually answered when it was itself a rewritten
    follow-up (None: unknown or answered as asked; then it is worked out again from the turns
    before it). ``answer_type`` and ``abstained`` come from the stored answer when known.
    """

    question: str
    answer: str = ""
    standalone: str | None = None
    answer_type: str | None = None
    abstained: bool = False

    @property
    def asked(self) -> str:
        """The question as it was answered."""
        return self.standalone or self.question

    @classmethod
    def from_answer(cls, question: str, answer: dict) -> Turn:
        """A turn from a stored answer (the JSON of :class:`qa.models.Answer`)."""
        return cls(question, str(answer.get("answer") or ""), answer.get("standalone_question") or None,
                   answer.get("answer_type"), bool(answer.get("abstained")))


def turns_from_messages(pairs: Iterable[tuple[str, str]]) -> tuple[list[Turn], str | None]:
    """Chat messages ``(role, text)`` -> (earlier turns, the last user message).

    A user message followed by an assistant message is one turn (the reply's [n] markers
    removed); system messages are ignored; a user message with no reply is a turn without an answer.
    """
    turns: list[Turn] = []
    pending: str | None = None
    for role, text in pairs:
        if role == "user":
            if pending is not None and pending.strip():
                turns.append(Turn(pending))
            pending = text
        elif role == "assistant" and pending is not None:
            turns.append(Turn(pending, _MARKERS.sub("", text).strip()))
            pending = None
    return turns, pending
