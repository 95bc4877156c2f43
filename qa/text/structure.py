"""Document structure: the title, the heading path of each block, and the organisation it is about.

One file can cover several organisations (a newspaper series with a section per
county CPPCC). A heading that names an organisation (海东市政协, ——政协庆阳市委员会...)
opens that organisation's section; a document without such headings is about the
organisation it mentions most.

Names are found in the text with simplified characters (:func:`qa.text.script.simplify_chars`), so
政協張掖市委員會 is 张掖市政协 like 政协张掖市委员会; the text itself stays as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.text.clean import Block, CleanDoc, outline_depth
from qa.text.script import simplify_chars

_CJK = r"\u3400-\u9fff"
_ADMIN = "市州县区旗盟"
_COMMITTEE = re.compile(rf"政协([{_CJK}]{{2,12}}?[{_ADMIN}])委员会")
_RUN_BEFORE = re.compile(rf"([{_CJK}]{{1,10}})(?=政协)")
_ETHNIC = re.compile(r"(?:蒙古族|藏族|回族|土族|撒拉族|哈萨克族|维吾尔族|壮族|苗族|彝族|满族)+")


@dataclass(frozen=True, slots=True)
class Section:
    """Where a block sits: the headings above it and the organisation it is about."""

    headings: tuple[str, ...]
    org: str | None


def org_key(org: str) -> str:
    """The bare place name used to match questions: 大武口区政协 -> 大武口, 海西蒙古族藏族自治州 -> 海西."""
    place = org.removesuffix("政协").removesuffix("委员会")
    place = re.sub(r"自治[州县旗]$", "", place)
    place = _ETHNIC.sub("", place)
    if len(place) > 2 and place[-1] in _ADMIN:
        place = place[:-1]
    return place


def canonical_org(place: str) -> str:
    """海西蒙古族藏族自治州 -> 海西州政协; 大武口区 -> 大武口区政协."""
    if place.endswith("自治州"):
        place = org_key(place) + "州"
    return place + "政协"


def _place_candidates(text: str) -> list[str]:
    """Possible place names right before 政协 (every admin-suffixed tail of the run)."""
    cands = [m.group(1) for m in _COMMITTEE.finditer(text)]
    for m in _RUN_BEFORE.finditer(text):
        run = m.group(1)
        for i in range(len(run) - 2, -1, -1):
            tail = run[i:]
            if tail[-1] in _ADMIN and len(tail) >= 3:
                cands.append(tail)
    return cands


def _best_place(cands: list[str], doc_text: str) -> str | None:
    """Pick the place name: the longest candidate nearly as frequent in the document as the best.

    A run before 政协 can carry junk on its left (年大武口区政协); the true name
    (大武口区) recurs throughout the document while the junk variants do not.
    """
    if not cands:
        return None
    freq = {c: doc_text.count(c) for c in set(cands)}
    top = max(freq.values())
    good = [c for c, n in freq.items() if n >= 0.5 * top]
    return max(good, key=lambda c: (len(c), freq[c]))


def heading_org(heading: str, doc_text: str) -> str | None:
    """The organisation a heading names, if any (海东市政协, ——政协张掖市委员会...)."""
    place = _best_place(_place_candidates(heading), doc_text)
    return canonical_org(place) if place else None


def document_org(doc_text: str) -> str | None:
    """The organisation a document mentions most, for documents without org headings.

    None when two different places are mentioned equally often (a table listing several
    organisations, a comparison): the document is about none of them in particular.
    """
    cands = _place_candidates(doc_text)
    place = _best_place(cands, doc_text)
    if place is None:
        return None
    freq = {c: doc_text.count(c) for c in set(cands)}
    top = max(freq.values())
    rivals = [c for c, n in freq.items() if n == top and c not in place and place not in c]
    return None if rivals else canonical_org(place)


def document_title(doc: CleanDoc, fallback: str) -> tuple[str, set[int]]:
    """The document title and the indexes of the blocks that make it up.

    Newspaper layout first (a headline with a ——subtitle, wherever it is), then the
    first Markdown level-1 heading, then the first heading near the top.
    """
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.text.startswith("——"):
            continue
        if "——" in b.text:
            return b.text, {i}
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and nxt.kind == "heading" and nxt.text.startswith("——"):
            return b.text + nxt.text, {i, i + 1}
    for i, b in enumerate(blocks):
        if b.kind == "heading" and b.level == 1:
            return b.text, {i}
    for i, b in enumerate(blocks[:3]):
        if b.kind == "heading":
            return b.text, {i}
    return fallback, set()


def sections(doc: CleanDoc, title_blocks: set[int]) -> list[Section]:
    """The section of every block (headings included), in block order."""
    text = simplify_chars(doc.text)  # organisation names are matched in simplified characters
    heading_orgs = {
        i: heading_org(simplify_chars(b.text), text) for i, b in enumerate(doc.blocks) if b.kind == "heading"
    }
    has_org_headings = any(heading_orgs.values())
    fallback = None if has_org_headings else document_org(text)
    stack: list[tuple[int, int, str | None]] = []  # (level, block index, org)
    out: list[Section] = []
    for i, block in enumerate(doc.blocks):
        if block.kind == "heading":
            _push(stack, block, i, heading_orgs[i])
        orgs = [org for _, _, org in stack if org]
        org = orgs[-1] if orgs else fallback
        path = tuple(doc.blocks[j].text for _, j, _ in stack if j not in title_blocks)
        if block.kind == "body" and block.lead:
            path = path + (block.lead,)
        out.append(Section(headings=path, org=org))
    return out


_PLAIN = 100  # level of plain-text headings: below any Markdown heading
# a heading that names a document's kind (…中标结果公告, …工作报告): the title of one of several in a file, above
# their outlines; a heading that does not (综述, 董事长致辞) is a section beside 一、…
_TITLED = re.compile(r"(?:公告|通知|通报|报告|纪要|决定|意见|方案|办法|公报|总结|规划|请示|批复|函)(?:[（(][^）)]{1,8}[）)])?$")


def _push(stack: list[tuple[int, int, str | None]], block: Block, i: int, org: str | None) -> None:
    """Maintain the heading stack; a plain heading naming an organisation opens a new root."""
    if block.level:
        level = block.level
    elif org:
        level = _PLAIN - 1  # an organisation's own section heading
        while stack and stack[-1][0] >= _PLAIN - 1:
            stack.pop()
    else:  # （一） sits under 一、2024年工作回顾, and that under the title of one of a file's notices or reports
        depth = outline_depth(block.text)
        level = _PLAIN + (depth or (0 if _TITLED.search(block.text) else 1))
    while stack and stack[-1][0] >= level:
        stack.pop()
    stack.append((level, i, org))
