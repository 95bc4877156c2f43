"""Words news writes that jieba's dictionary lacks, added to jieba's default dictionary once, before the answer rules
cut any text (every question is analysed first): 营收 (revenue) is cut 营|收为 in 其中iPhone营收为438.05亿美元, so that
figure's measure was never read as 营收 and 苹果服务营收是多少 took iPhone's."""

from __future__ import annotations

from functools import lru_cache

#: (word, jieba part-of-speech tag)
WORDS = (("营收", "n"),)


@lru_cache(maxsize=1)
def ready() -> None:
    """Add :data:`WORDS` to jieba's default dictionary (once; loads it)."""
    import jieba  # deferred: loads jieba's dictionary

    for word, tag in WORDS:
        jieba.add_word(word, tag=tag)


__all__ = ["WORDS", "ready"]
