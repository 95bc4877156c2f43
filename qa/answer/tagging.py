"""jieba's tagged words of a question whose joining words inside longer words are masked (和平奖, 参与, 普及): used
by :mod:`qa.answer.intent`, :mod:`qa.answer.coordinated` and :mod:`qa.answer.joined` to find the two things a
question joins."""

from __future__ import annotations

# a 和, 与 or 及 inside a longer word (和平奖, 参与, 普及) is masked by :mod:`qa.answer.intent` with a private-use
# character of the same length, so that no pattern takes it for a join
MASKS = {c: chr(0xE000 + i) for i, c in enumerate("和与及")}
UNMASK = str.maketrans({v: k for k, v in MASKS.items()})


def tagged_words(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their tags; a year (2021年) is one word. Masked characters are tagged as
    the words they stand in (和平奖 is a noun, not a mark and 平奖) and come back masked."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    out: list[tuple[str, str]] = []
    at = 0
    for plain, tag in pseg.cut(text.translate(UNMASK)):
        w, at = text[at : at + len(plain)], at + len(plain)  # the same length: masks are one character each
        if w == "年" and out and out[-1][0].isdigit():
            out[-1] = (out[-1][0] + w, "t")
        else:
            out.append((w, tag))
    return out
