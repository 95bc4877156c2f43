"""Answering a question end to end: retrieve, compose (extractive or LLM), verify, cite.

``Answerer.ask`` returns an :class:`~qa.models.Answer`; ``Answerer.stream`` yields
:class:`StreamEvent` objects (answer text pieces, then the final answer with its
citations, then done) for the SSE and OpenAI-compatible endpoints.

Whatever the LLM backend does (down, slow, garbage, unsupported claims), a question
gets an answer: the extractive one, flagged with ``fallback`` and a note saying why.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from qa.answer import conflict
from qa.answer.draft import Draft, Support, citations, cited_span
from qa.answer.extractive import ExtractiveComposer
from qa.answer.verify import to_draft, verify
from qa.config import Settings
from qa.conversation.followup import follow_up, inline_follow_up
from qa.conversation.turns import Turn
from qa.errors import InputError, LLMError, QAError
from qa.llm.base import LLM
from qa.llm.prompt import build_prompt, parse_reply
from qa.models import Answer, Citation, Conflict, Passage, Timings
from qa.reader.base import get_reader
from qa.reader.types import Reader
from qa.retrieve import Retriever

LLMFactory = Callable[[str], LLM]

#: asked (extractive, no LLM) by :func:`warm_up`: a Chinese "who" question (it also loads jieba's
#: part-of-speech tagger, used for person names) and an English one (pinyin, the glossary)
WARMUP_QUESTIONS = ("谁在会上作了工作报告？", "How many proposals did the committee receive?")


@dataclass(slots=True)
class StreamEvent:
    """``token`` (a piece of answer text), ``answer`` (the final, verified Answer), ``done``."""

    kind: Literal["token", "answer", "done"]
    text: str = ""
    answer: Answer | None = None


class Answerer:
    """Retrieval plus composition, with the LLM backend chosen per question."""

    def __init__(self, retriever: Retriever, settings: Settings, llm_factory: LLMFactory | None = None,
                 composer: ExtractiveComposer | None = None) -> None:
        self.retriever = retriever
        self.settings = settings
        self.composer = composer or ExtractiveComposer(retriever.index, reader=make_reader(settings.reader))
        self._llm_factory = llm_factory

    def ask(self, question: str, *, top_k: int | None = None, llm: str | None = None,
            doc_ids: list[str] | None = None, history: Sequence[Turn] = ()) -> Answer:
        """Answer ``question`` with citations (see the module docstring); ``history`` holds the
        earlier turns of a conversation, oldest first, from which a follow-up is rewritten."""
        events = list(self.stream(question, top_k=top_k, llm=llm, doc_ids=doc_ids, history=history))
        return next(e.answer for e in events if e.kind == "answer")

    def stream(self, question: str, *, top_k: int | None = None, llm: str | None = None,
               doc_ids: list[str] | None = None, history: Sequence[Turn] = ()) -> Iterator[StreamEvent]:
        """Like :meth:`ask`, yielding answer text as it is produced."""
        asked = self._check(question)
        k = top_k or self.settings.top_k
        name = llm or self.settings.llm
        backend = self._backend(name)  # unknown names fail before any work
        t0 = time.perf_counter()
        rewritten = follow_up(asked, history, self.composer.analyse, backend) or inline_follow_up(
            asked, self.composer.analyse)  # …收入是多少？净利润呢？ asks the same of 净利润
        question = rewritten or asked  # what is answered: the follow-up made standalone
        passages = self.retriever.search(question, k=k, doc_ids=doc_ids)
        seen = _Collector(passages)
        t1 = time.perf_counter()
        q = self.composer.analyse(question)
        # a follow-up made standalone is our wording (大武口区政协2023年收到提案，其中立案了多少件？):
        # judged like the parts we write (ExtractiveComposer.judged); the reader scored 0.857 on the
        # conversation set's follow-ups, the rules 0.959
        q.written_by_us = rewritten is not None
        draft = self.composer.compose(q, passages, retrieve=lambda s: seen.add(
            self.retriever.search(s, k=k, doc_ids=doc_ids)))
        final, notes, fallback = draft, [], False
        if backend is not None:
            # an overview or a multi-part answer gives the LLM the passages it drew on, not the retrieved ones
            final, notes, fallback = yield from self._generate(backend, question, draft.evidence or passages,
                                                               draft, q.kind)
        else:
            yield StreamEvent("token", text=draft.answer)
        if not (q.kind == "multipart" and final is draft):  # each part was checked against its own passages
            final = self._about_what_was_asked(q, final)
        t2 = time.perf_counter()
        cited = self._paged(citations(final.support))
        answer = Answer(
            question=asked, answer=final.answer, abstained=final.abstained,
            citations=cited, passages=seen.passages, backend=name,
            answer_type=q.kind, confidence=round(final.confidence, 3), fallback=fallback,
            notes=notes + final.notes,
            timings=Timings(round((t1 - t0) * 1000, 2), round((t2 - t1) * 1000, 2), round((t2 - t0) * 1000, 2)),
            conflict=conflicts(final.conflict, cited), standalone_question=rewritten,
        )
        yield StreamEvent("answer", answer=answer)
        yield StreamEvent("done")

    def _paged(self, cites: list[Citation]) -> list[Citation]:
        """Set the page of each citation whose document has pages (PDF, scans, images)."""
        docs = self.retriever.index.doc_by_id
        for c in cites:
            meta = docs.get(c.doc_id)
            c.page = meta.page_of(c.start) if meta is not None else None
        return cites

    def _generate(self, backend: LLM, question: str, passages: list[Passage], extractive: Draft, kind: str):
        """Stream the LLM's reply, then verify it; fall back to ``extractive`` when it fails."""
        suspect = frozenset(p.doc_id for p in passages if self.composer.addresses_reader(p))
        prompt = build_prompt(question, passages, suspect)
        pieces: list[str] = []
        try:
            for piece in backend.generate(prompt.user, system=prompt.system,
                                          max_tokens=self.settings.llm_max_tokens):
                pieces.append(piece)
                yield StreamEvent("token", text=piece)
        except LLMError as exc:
            return extractive, [f"LLM backend {backend.name!r} failed ({exc.message}); extractive answer used"], True
        reply = parse_reply("".join(pieces), len(passages))
        checked = verify(reply, passages, list(self.composer.index.manifest.orgs), question,
                         self.composer.index.lexicon, suspect)
        draft = to_draft(checked, reply.abstained, kind)
        if reply.abstained and extractive.abstained:
            return extractive, ["the LLM also found no answer in the passages"], False
        if draft is None:
            why = ("the LLM said the answer is not in the passages, but the extractive answer found it"
                   if reply.abstained else "no sentence of the LLM reply was supported by its citations")
            notes = [why + "; extractive answer used"] + [f"dropped: {d}" for d in checked.dropped]
            return extractive, notes, True
        if kind in ("number", "comparison") and not extractive.abstained and conflict.contradicts(
                draft.answer, extractive.answer):
            return _flag_contradiction(extractive, draft)
        return draft, [], False

    def _about_what_was_asked(self, q, final: Draft) -> Draft:
        """An answer whose cited passages are not about a place, person or year the question
        names is withdrawn, whoever composed it and whatever it scored."""
        if final.abstained:
            return final
        lacking = self.composer.missing(q, [s.sentence.passage for s in final.support])
        if not lacking:
            return final
        withdrawn = self.composer.abstain(q, None, lacking)
        withdrawn.notes.append(f"withdrawn: {final.answer}")
        return withdrawn

    def _backend(self, name: str) -> LLM | None:
        if name == "extractive":
            return None
        if self._llm_factory is None:
            from qa.llm.registry import get_llm

            return _generative(get_llm(name, self.settings))
        return _generative(self._llm_factory(name))

    def _check(self, question: str) -> str:
        if not isinstance(question, str) or not question.strip():
            raise InputError("the question is empty", hint="ask something, e.g. 大武口区政协2023年收到多少件提案？")
        if len(question) > self.settings.max_question_chars:
            raise InputError(f"the question is {len(question)} characters long; the limit is "
                             f"{self.settings.max_question_chars}", hint="ask a shorter question")
        return question.strip()


def make_reader(name: str) -> Reader | None:
    """The reader called ``name`` (nothing loads until it first reads); None for ``"none"``."""
    return None if name == "none" else get_reader(name)


def warm_up(answerer: Answerer) -> None:
    """Ask :data:`WARMUP_QUESTIONS` so that real questions do not pay for one-time set-up.

    The first questions of a process and index load dictionaries: jieba's for the index's
    tokenizer and its part-of-speech tagger (the first Chinese "who" question on the bundled
    corpus took 1.8 s, the next 11 ms), the English glossary and the pinyin of every place
    name (first English question ~240 ms, then 4 ms).
    """
    for question in WARMUP_QUESTIONS:
        answerer.ask(question, llm="extractive")


def _generative(llm: LLM) -> LLM | None:
    return llm if getattr(llm, "generative", True) else None


class _Collector:
    """Passages shown to the reader: the retrieved ones plus any fetched for comparison sides."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = list(passages)
        self._ids = {p.chunk_id for p in passages}

    def add(self, more: list[Passage]) -> list[Passage]:
        for p in more:
            if p.chunk_id not in self._ids:
                self._ids.add(p.chunk_id)
                self.passages.append(p)
        return more


def _flag_contradiction(extractive: Draft, llm: Draft) -> tuple[Draft, list[str], bool]:
    """The LLM's figure is not the passages' figure: flagged, not trusted. The extractive
    answer stays and the LLM's is listed beside it in ``conflict``."""
    if not extractive.conflict:
        s = extractive.support[0] if extractive.support else None
        extractive.conflict = [conflict.Claim(extractive.answer, s.sentence, s.start, s.end, "extractive") if s
                               else conflict.Claim(extractive.answer, source="extractive")]
    extractive.conflict.append(conflict.Claim(llm.answer, source="llm"))
    note = (f"the LLM's answer ({llm.answer}) contradicts the figure in the passages ({extractive.answer}); "
            "extractive answer used")
    return extractive, [note], True


def conflicts(claims: list[conflict.Claim], cited: list[Citation]) -> list[Conflict]:
    """``Answer.conflict``: each disputed figure with the citation that quotes it."""
    out = []
    for c in claims:
        n, p = None, c.sentence.passage if c.sentence else None
        if c.sentence is not None:
            start, end = cited_span(Support(c.sentence, c.start, c.end))
            n = next((x.n for x in cited if (x.doc_id, x.start, x.end) == (p.doc_id, start, end)), None)
        out.append(Conflict(c.answer, p.doc_id if p else None, p.title if p else None, n, c.source))
    return out


__all__ = ["Answerer", "QAError", "StreamEvent", "citations"]
