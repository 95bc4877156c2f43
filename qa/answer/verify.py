"""Citation verification for generated answers: keep only what the cited passages support.

A sentence of an LLM reply survives when it cites at least one passage it was given,
most of its wording is found in the cited passages (character bigrams: a model that
echoes its instructions or invents a paraphrase is not supported), every number in it
appears in a cited passage (after normalising Chinese numerals, full-width digits, 万),
every organisation it names is one its cited passages are about (or mention), and no
plenary session is mixed up (九届四次会议 asked or named, only 九届三次会议 cited). The
reply as a whole must also be of the asked type: a question about a quantity needs a
number, one about a date needs a date. Each surviving sentence is pinned to the sentence of the cited
passage that best matches it, which becomes the citation span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.answer.evidence import Sentence, split_passage
from qa.answer.extractive import Draft, Support
from qa.lexicon import Lexicon
from qa.llm.addressing import addresses_reader
from qa.llm.prompt import ParsedReply, ParsedSentence
from qa.models import Passage
from qa.text.normalize import extract_dates, normalize_for_match, numbers_in
from qa.text.orgs import detect_orgs


@dataclass(slots=True)
class Verification:
    """What survived verification and why the rest did not."""

    kept: list[tuple[str, list[Support]]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # "sentence -- reason"


def verify(reply: ParsedReply, passages: list[Passage], orgs: list[str], question: str,
           lexicon: Lexicon, suspect: frozenset[str] = frozenset()) -> Verification:
    """Check every sentence of ``reply`` against the passages it cites.

    Numbers may also come from the question itself (restating its year is not a claim)
    and from the cited passages' titles and headings (大武口区政协2023年…回眸). A sentence
    citing only passages that address the reader (their text, or documents in ``suspect``,
    see :mod:`qa.llm.addressing`) is dropped: such text is no evidence.
    """
    out = Verification()
    for ps in reply.sentences:
        reason, support = _check(ps, passages, orgs, question, lexicon, suspect)
        if reason:
            out.dropped.append(f"{ps.text} -- {reason}")
        else:
            out.kept.append((ps.text, support))
    for ref in reply.invalid_refs:
        out.dropped.append(f"[{ref}] -- cites a passage that was not given")
    return out


def _check(ps: ParsedSentence, passages: list[Passage], orgs: list[str],
           question: str, lexicon: Lexicon, suspect: frozenset[str]) -> tuple[str | None, list[Support]]:
    refs = [r for r in ps.refs if 1 <= r <= len(passages)]
    if not refs:
        return "no valid citation", []
    cited = [passages[r - 1] for r in refs if not (passages[r - 1].doc_id in suspect
                                                   or addresses_reader(passages[r - 1].text))]
    if not cited:
        return "cites only passages that address the reader instead of stating facts", []
    cited_text = " ".join(p.text for p in cited)
    context = " ".join([question, *(p.title for p in cited), *(h for p in cited for h in p.headings)])
    share = _bigram_support(ps.text, cited_text)
    if share < MIN_SUPPORT:
        return f"only {share:.0%} of its wording is in the cited passages", []
    missing = numbers_in(ps.text) - numbers_in(cited_text) - numbers_in(context)
    if missing:
        return f"numbers not in the cited passages: {', '.join(sorted(missing))}", []
    named = detect_orgs(ps.text, orgs)
    about = {p.org for p in cited} | set(detect_orgs(cited_text, orgs))
    wrong = [o for o in named if o not in about]
    if wrong:
        return f"names {', '.join(wrong)} but the cited passages are about {', '.join(sorted(filter(None, about)))}", []
    other = _other_session(ps.text, cited_text, question, lexicon)
    if other:
        return other, []
    return None, [_pin(ps.text, p, lexicon) for p in cited]


def _other_session(sentence: str, cited_text: str, question: str, lexicon: Lexicon) -> str | None:
    """Why the sentence mixes up plenary sessions (届, 次), or None."""
    cited = lexicon.sessions_in(normalize_for_match(cited_text))
    named = lexicon.sessions_in(normalize_for_match(sentence)) - cited
    if named:
        return "names a session the cited passages do not: " + ", ".join(f"{a}届{b}次" for a, b in sorted(named))
    asked = lexicon.sessions_in(normalize_for_match(question))
    if asked and cited and not asked & cited:
        return "the cited passages are about another session: " + ", ".join(f"{a}届{b}次" for a, b in sorted(cited))
    return None


#: share of a sentence's character bigrams that must occur in the passages it cites
MIN_SUPPORT = 0.5
_WORDY = re.compile(r"[\u4e00-\u9fff\w]")


def _bigrams(text: str) -> set[str]:
    norm = "".join(_WORDY.findall(normalize_for_match(text)))
    return {norm[i : i + 2] for i in range(len(norm) - 1)}


def _bigram_support(sentence: str, cited: str) -> float:
    grams = _bigrams(sentence)
    if not grams:
        return 0.0
    return len(grams & _bigrams(cited)) / len(grams)


def _pin(text: str, passage: Passage, lexicon: Lexicon) -> Support:
    """The sentence of ``passage`` sharing the most numbers and characters with ``text``."""
    view = split_passage(passage, 1, lexicon)
    norm = normalize_for_match(text)
    nums = numbers_in(text)

    def score(s: Sentence) -> tuple[int, int]:
        shared = len(nums & numbers_in(s.text))
        chars = len(set(norm) & set(s.norm))
        return shared, chars

    best = max(view.sentences, key=score)
    return Support(best, 0, len(best.text))


def to_draft(v: Verification, abstained_reply: bool, kind: str) -> Draft | None:
    """A draft from the verified sentences; None when nothing verifiable remains or when
    what remains is not of the asked type (no number for 多少, no date for 哪天)."""
    if abstained_reply or not v.kept:
        return None
    answer = "".join(text for text, _ in v.kept)
    if kind in ("number", "comparison") and not numbers_in(answer):
        v.dropped.append(f"{answer} -- the question asks for a figure and the reply gives none")
        return None
    if kind == "date" and not extract_dates(answer):
        v.dropped.append(f"{answer} -- the question asks for a date and the reply gives none")
        return None
    support = [s for _, sup in v.kept for s in sup]
    notes = [f"dropped unsupported sentence: {d}" for d in v.dropped]
    return Draft(answer, False, support, 1.0, kind, notes)
