"""The extractive composer: the default answerer, with no model and deterministic output.

It ranks the candidate answers of the asked type found in the retrieved passages
(see :mod:`qa.answer.extractors`), answers with the best one and cites the sentence it
came from, or abstains when the best candidate's score is below a threshold calibrated
on the gold questions (``eval/results/abstention.md``).
"""

from __future__ import annotations

from qa.answer import (
    absent,
    compare,
    conflict,
    countries,
    english,
    entities,
    extent,
    extractors,
    frequency,
    honesty,
    multipart,
    named,
    overview,
    prior,
    reading,
    roles,
    siblings,
    subject,
)
from qa.answer.draft import Draft, Retrieve, Support
from qa.answer.evidence import PassageView, split_passage
from qa.answer.extractors import Candidate
from qa.answer.fusion import Fusion, Scored, fuse
from qa.answer.question import Question, analyse
from qa.answer.scoring import TermWeights
from qa.answer.spans import spans
from qa.answer.titles import asks_title, title_lead
from qa.index.store import Index
from qa.llm.addressing import addresses_reader
from qa.models import Passage
from qa.reader.types import Reader
from qa.text import bilingual
from qa.text.glossary import speaks
from qa.text.normalize import normalize_for_match

#: Below this score the best candidate is not trusted and the composer abstains.
#: Chosen by `python -m eval.calibrate eval/gold/answers.jsonl eval/gold/heldout.jsonl`: a wrong answer
#: costs twice a needless "not found" (see eval/results/abstention.md for the whole trade-off).
THRESHOLD = 0.50

NOT_FOUND_ZH = "文档中没有找到相关信息。"
NOT_FOUND_EN = "The documents do not contain this information."


class ExtractiveComposer:
    """Answers from passages by extraction; needs the index for organisations and term statistics."""

    def __init__(self, index: Index, threshold: float = THRESHOLD, reader: Reader | None = None,
                 fusion: Fusion | None = None) -> None:
        self.index = index
        self.reader = reader  # None: the rules alone (no model)
        self.fusion = fusion or (Fusion.load() if reader is not None else None)
        # with a reader, candidates are scored on the fused scale, with its own fitted threshold
        self.rules_threshold = threshold
        self._orgs = list(index.manifest.orgs)
        self._facts: dict[str, absent.DocumentFacts] = {}  # per document, for the absent-entity check

    def analyse(self, question: str) -> Question:
        return analyse(question, self._orgs, self.index.tokenizer.words, self.index.lexicon)

    def compose(self, q: Question, passages: list[Passage], retrieve: Retrieve | None = None) -> Draft:
        """The best-supported answer to ``q`` from ``passages`` (or an abstention)."""
        if q.kind == "comparison" and retrieve is not None:
            return self._compare(q, retrieve)
        if q.kind == "overview":
            return overview.compose(self, q, passages, retrieve)
        if q.kind == "multipart":
            return multipart.compose(self, q, retrieve or (lambda _: passages))
        about, lacking = self.admissible(q, passages)
        if lacking:
            return self.abstain(q, None, lacking)
        if frequency.asks_frequency(q.text):  # 多久一次: a period and a count, or nothing (not a year, not a figure)
            return self._often(q, about)
        if roles.asks_role(q.text) and (post := roles.compose(q, self._views(about))):  # 汤瑞担任什么职务
            return post
        rules = (lambda: self.ranked(q, about)) if self.reader is not None else None
        ranked, threshold = honesty.honest(q, *self.judged(q, about), lambda c: self._facts_of(c).norm, rules,
                                           self.rules_threshold)
        ranked = named.named_first(q, ranked, threshold, lambda c: self._facts_of(c).norm)  # 高合, not 极氪
        ranked = named.titled_first(q, ranked, threshold)  # 《满江红》's 22.8亿元, not the holiday's total
        ranked = subject.said_here(q, ranked, threshold)  # 参与委员1100余人次,参加群众近万人次: whose figure
        ranked = prior.asked_year_first(q, ranked)  # 2023年受理多少人 of "1263人，同比增长7.5%（2023年为1175人）"
        best = ranked[0] if ranked else None
        if best is None or best.score < threshold:
            return self.abstain(q, best, threshold=threshold)
        best = extent.listed_again(q, extent.whole(q, best), lambda p: [
            s for v in self._views([p, *(x for x in about if x.chunk_id != p.chunk_id)]) for s in v.sentences])
        draft = Draft(self._format(q, best), False, [Support(best.sentence, best.start, best.end)], best.score, q.kind)
        others = conflict.rivals(best, ranked, threshold)
        if self.reader is not None and not q.written_by_us:
            others = conflict.one_per_document(best, [*others, *self._rule_rivals(q, about, best)])
        others = named.named_alike(q, best, others, lambda c: self._facts_of(c).norm)
        if not q.written_by_us:  # a part's best, asked in fewer words, is surer with its rivals shown (RGB-zh: 1 lost)
            others = conflict.agreeing(best, others)
        others = siblings.other_periods(q, best, others)  # a quarter's figure is no rival of the year's
        if others:
            terms = [normalize_for_match(t) for t in q.terms]
            others = conflict.same_subject(terms, self.index.lexical.doc_freq, best, others)
        if others:  # do not pick silently: every figure, with its source
            draft.conflict = [conflict.Claim.of(c) for c in [best, *others]]
            draft.answer = conflict.disagreement(q.lang, draft.conflict)
            draft.support += [Support(c.sentence, c.start, c.end) for c in others]
        return draft

    def _often(self, q: Question, passages: list[Passage]) -> Draft:
        """How often (每周1次): the period-and-count pair whose clause and sentence say most of what
        is asked, or an abstention."""
        found = frequency.candidates(q, self._views(passages))
        if not found or found[0].coverage < frequency.SAID_ENOUGH:
            return self.abstain(q, found[0] if found else None, threshold=frequency.SAID_ENOUGH)
        best = found[0]
        answer = frequency.in_english(best.answer) if q.lang == "en" else best.answer
        return Draft(answer, False, [Support(best.sentence, best.start, best.end)], best.score, q.kind)

    def _views(self, passages: list[Passage]) -> list[PassageView]:
        return [split_passage(p, i + 1, self.index.lexicon) for i, p in enumerate(passages)]

    def ranked(self, q: Question, passages: list[Passage]) -> list[Candidate]:
        """Every candidate of the asked type, best first."""
        views = self._views(passages)
        tw = TermWeights.build(q, self.index.lexical.doc_freq, len(self.index))
        return sorted(self._candidates(q, views, tw), key=lambda c: (-c.score, c.sentence.start))

    def admissible(self, q: Question, passages: list[Passage]) -> tuple[list[Passage], list[entities.Entity]]:
        """The passages that may be evidence (no instructions to the reader, about what ``q`` names),
        and, when every trusted passage is about something else, what the question names that
        they lack. For an English question, names spelt in pinyin become terms (``q`` is updated)."""
        trusted = [p for p in passages if not self.addresses_reader(p)]
        if q.lang == "en":  # NBA, which a retrieved story writes as is: the answer's must write it too
            q.entities += absent.written_acronyms(q.text, q.entities, [self._document_facts(p.doc_id) for p in trusted])
        about = [p for p in trusted if not self.missing(q, [p])]
        if trusted and not about:
            return [], self.missing(q, trusted[:1])
        if q.lang == "en":  # names spelt in pinyin count as terms in the passages' own Chinese
            texts = [p.text for p in about]
            q.terms += [w for w in english.names_in_chinese(q.entities, texts)
                        if w not in q.terms and not any(w in o for o in self._orgs)]  # organisations are not terms
            if not speaks(q.text, self.index.lexicon):  # no glossary word: a general dictionary reads it
                q.terms += [w for w in bilingual.in_passages(q.text, texts)
                            if w not in q.terms and not any(w in o for o in self._orgs)]
        return about, []

    def judged(self, q: Question, passages: list[Passage], side: bool = False) -> tuple[list[Candidate], float]:
        """Every candidate, best first, and the score the best must reach to be answered: the
        rules' ranking and threshold, or with a reader the fused confidence and the fitted
        threshold for it (a stricter one when the rules found nothing they trust). ``side``: a
        comparison's side, whose figures of one sentence the rules cannot tell apart go to the
        reader (:func:`conflict.undecided`; not a multi-part question's parts: on multipart-fresh the
        reader took 12次 for 5期 and 26次 for 45次 where the rules' lead was small but right)."""
        if self.reader is None or self.fusion is None:
            return self.ranked(q, passages), self.rules_threshold
        if q.written_by_us and (q.kind not in ("entity", "person") or q.lang == "en"):
            # a question the system wrote (a part, a side: 庆阳市政协一共市直委员工作室有多少个) is
            # judged by the rules when they trust an answer: the fusion was fitted on questions as users
            # write them, and on multipart + multipart-fresh the reader's parts scored 0.889 / 0.750
            # against the rules' 0.944 / 0.917. When they trust none, the fused scores decide (a
            # comparison's sides: gold comparisons right 24 -> 39 of 46). Names and people go to the
            # fused scores at once, as a user's question does: the rules cut 梅德韦 out of 梅德韦杰夫 and
            # took 导演 for 最佳影片奖 on RGB-zh's parts (5 of its parts right more, none fewer); not
            # English ones, whose reader reads glossary words (conversations: Tang Rui, not Liu Qiang)
            # nor a figure not asked, another team's, or a count of another thing (中国代表团获得40枚金牌 for 美国's part)
            ranked = [c for c in self.ranked(q, passages) if siblings.asked_of(q, c)]
            if ranked and ranked[0].score >= self.rules_threshold and not (side and conflict.undecided(ranked)) \
                    and named.names_its(q, ranked[0]):
                return ranked, self.rules_threshold
        if asks_title(q):  # only then: ranking the rules' candidates again costs every other question
            tw = TermWeights.build(q, self.index.lexical.doc_freq, len(self.index))
            if title_lead(q, ranked := self.ranked(q, passages), tw) and ranked[0].score >= self.rules_threshold:
                return ranked, self.rules_threshold  # a title told apart by what it says (qa/answer/titles.py)
        rules, spans = self._read(q, passages)
        pooled = reading.pool(q, rules, spans, {p.chunk_id: i for i, p in enumerate(passages)})
        rules_trust = any(e.rules >= self.rules_threshold for e in pooled)
        if rules_trust and reading.voided(spans, pooled, rules[0], q):  # its vote went to a sibling of the rules' best
            return self.ranked(q, passages), self.rules_threshold  # that is no answer (本次's, 上届 asked): they decide
        return fuse(pooled, self.fusion), self.fusion.threshold_for(rules_trust)

    def pooled(self, q: Question, passages: list[Passage]) -> list[Scored]:
        """The rules' candidates and the reader's spans, each answer once with both scores."""
        rules, spans = self._read(q, passages)
        return reading.pool(q, rules, spans, {p.chunk_id: i for i, p in enumerate(passages)})

    def _read(self, q: Question, passages: list[Passage]) -> tuple[list[Candidate], list[Candidate]]:
        """The rules' candidates, best first, and the reader's spans over the best windows."""
        assert self.reader is not None and self.fusion is not None
        views = self._views(passages)
        tw = TermWeights.build(q, self.index.lexical.doc_freq, len(self.index))
        rules = sorted(self._candidates(q, views, tw), key=lambda c: (-c.score, c.sentence.start))
        # the reader reads the rules' best figure too, when it reads the question as asked (an English one
        # it reads as its Chinese words: it vouched for 120个 where 市直 asked for 11个)
        trusted = rules[0].sentence if rules and rules[0].score >= self.rules_threshold and q.lang != "en" else None
        return rules, reading.read(self.reader, q, views, self.fusion.windows, self.fusion.per_window, trusted)

    def _rule_rivals(self, q: Question, passages: list[Passage], best: Candidate) -> list[Candidate]:
        """With the reader, figures of other documents that the rules trust as much as the answer
        contradict it too: the reader reads 3 windows, all of which may come from documents stuffed
        with the question's words (three uploads saying 999件 hid the report's 190件)."""
        if best.value is None:
            return []
        rules = [c for c in self.ranked(q, passages) if siblings.asked_of(q, c)]  # not 1342万人, the level, for 增加多少
        at = (best.sentence.passage.chunk_id, best.sentence.start, best.start, best.end)
        own = next((c for c in rules if (c.sentence.passage.chunk_id, c.sentence.start, c.start, c.end) == at), None)
        if own is None or own.score < self.rules_threshold:
            return []
        return conflict.rivals(own, rules, self.rules_threshold)

    def addresses_reader(self, p: Passage) -> bool:
        """The passage, or its document, gives instructions to its reader: it is no evidence."""
        return addresses_reader(p.text) or self._document_facts(p.doc_id).addresses_reader

    def missing(self, q: Question, passages: list[Passage]) -> list[entities.Entity]:
        """The question's named entities that none of ``passages`` (with their documents) is about."""
        left = list(q.entities)
        for p in passages:
            if not left:
                break
            norm = absent.matchable(" ".join([p.text, p.org or "", *p.headings, p.title]))
            left = absent.missing(left, norm, self._document_facts(p.doc_id))
        return left

    def _facts_of(self, c: Candidate) -> absent.DocumentFacts:
        return self._document_facts(c.sentence.passage.doc_id)

    def _document_facts(self, doc_id: str) -> absent.DocumentFacts:
        if doc_id not in self._facts:
            if len(self._facts) >= 512:  # bounded: a large index has many documents
                self._facts.clear()
            doc = self.index.document(doc_id)
            self._facts[doc_id] = absent.document_facts(doc.title, doc.text)
        return self._facts[doc_id]

    def _candidates(self, q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
        if q.kind in ("number", "comparison"):
            return extractors.numbers(q, views, tw)
        if q.kind == "date":
            return extractors.dates(q, views, tw)
        if q.kind == "person":
            return extractors.people(q, views, tw)
        if q.kind == "entity" and countries.asks_country(q.text):  # 哪国: the countries named
            found = [*spans(q, views, tw, self.index.tokenizer.words), *countries.named(q, views, tw)]
            return countries.only_countries(q.text, q.terms, found)
        if q.kind == "entity":
            return spans(q, views, tw, self.index.tokenizer.words)
        return extractors.sentences(q, views, tw)

    def _format(self, q: Question, c: Candidate) -> str:
        """The answer as found (as the document writes it); for an English question with English around it."""
        answer = c.answer
        if c.sentence.text[c.start:c.end] == answer:
            answer = c.sentence.written[c.start:c.end] or answer  # 150餘篇 stays 150餘篇
        return answer if q.lang != "en" else english.in_english(q.kind, q.text, answer, c.answer)

    def abstain(self, q: Question, best: Candidate | None, lacking: list[entities.Entity] = (),
                threshold: float | None = None) -> Draft:
        """"Not found", with notes saying why (``best`` fell short of ``threshold``)."""
        notes = []
        if lacking:
            notes.append(f"the question names {absent.describe(lacking)}, which the passages are not about")
        if best is not None:
            limit = self.rules_threshold if threshold is None else threshold
            notes.append(f"best candidate {best.answer!r} scored {best.score:.2f} < {limit:.2f}")
        text = NOT_FOUND_EN if q.lang == "en" else NOT_FOUND_ZH
        return Draft(text, True, [], best.score if best else 0.0, q.kind, notes)

    def _compare(self, q: Question, retrieve: Retrieve) -> Draft:
        """Answer each side as a number question, then compare the two numbers."""
        sides = compare.sides(q)
        if len(sides) != 2:
            return self.abstain(q, None)
        found: list[Candidate] = []
        for side in sides:
            best, threshold = self._side(q, side, retrieve)
            if best is None or best.score < threshold:
                draft = self.abstain(q, best, threshold=threshold)
                draft.notes.append(f"no figure found for {side.label}")
                return draft
            found.append(best)
        support = [Support(c.sentence, c.start, c.end) for c in found]
        return Draft(compare.statement(q, sides, found), False, support, min(c.score for c in found), q.kind)

    def _side(self, q: Question, side: compare.Side, retrieve: Retrieve) -> tuple[Candidate | None, float]:
        """A comparison side's figure (judged as any question the system writes) and the score it
        must reach."""
        sub = self.analyse(side.question)
        sub.kind, sub.unit = "number", compare.comparison_unit(q) or sub.unit
        sub.focus = list(sub.terms)  # a synthesized sub-question has no natural wh-clause
        query = side.question
        if side.org:
            if side.org not in sub.orgs:
                query = f"{side.org} {side.question}"  # the side's text may not name it
            sub.orgs = [side.org]  # never take the other side's figure
        passages = [p for p in retrieve(query) if not self.missing(sub, [p]) and not self.addresses_reader(p)]
        sub.written_by_us = True
        ranked, threshold = self.judged(sub, passages, side=True)
        best = next((f for c in ranked[:1] if (f := compare.with_figure(c))), None)  # a reader's span: 5个 -> 5
        return best, threshold
