"""Word tokens for keyword search: jieba in search mode over NFKC-normalised text.

Search mode emits sub-words as well as words (大武口区 -> 大武 武口 口区 大武口区), so a
question that says 海西 matches a passage that says 海西州 or 海西蒙古族藏族自治州.
Each index owns its own jieba dictionary, extended with the organisation names it found,
so tokenisation never depends on global state.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from threading import Lock

from qa.text.script import to_simplified

#: recorded in the manifest; bump when tokens change for the same text.
TOKENIZER_VERSION = "jieba-search-1"

_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
_STOP_ZH = set(
    "的 了 和 与 及 是 在 有 对 把 被 将 为 等 中 上 下 也 都 而 并 其 这 那 之 以 于 从 向 到 吗 呢 啊 吧 "
    "多少 什么 哪些 哪个 哪里 哪 几 谁 何时 何 怎么 怎样 如何 是否 请问 一共 共 总共 分别 呀 么 哪年 哪天".split()
)
_STOP_EN = set(
    "a an the of in on at to for by with from and or is are was were be been did do does how many "
    "much what which who whom when where why whose its it this that these those their his her "
    "has have had as into about than more most please tell me".split()
)
STOPWORDS = frozenset(_STOP_ZH | _STOP_EN)


def normalise(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, traditional to simplified, lower case."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


class Tokenizer:
    """Tokenises documents and queries identically (one instance per index)."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._words = sorted(set(extra_words))
        self._jieba = None
        self._lock = Lock()

    def _ensure(self):
        # jieba loads a 5 MB dictionary: do it on first use, once, under a lock
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    import jieba

                    logging.getLogger("jieba").setLevel(logging.WARNING)
                    tok = jieba.Tokenizer()
                    tok.initialize()
                    for word in self._words:
                        tok.add_word(word, freq=100000)
                    self._jieba = tok
        return self._jieba

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens without punctuation, whitespace and stopwords."""
        out = []
        for tok in self._ensure().cut_for_search(normalise(text)):
            tok = tok.strip()
            if tok and tok not in STOPWORDS and not _PUNCT.match(tok):
                out.append(tok)
        return out

    def words(self, text: str) -> list[str]:
        """Whole words (precise mode, no sub-words) under the same filters, for term matching."""
        out = []
        for tok in self._ensure().lcut(normalise(text)):
            tok = tok.strip()
            if tok and tok not in STOPWORDS and not _PUNCT.match(tok):
                out.append(tok)
        return out

    def tokens_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Tokens of many texts (same rules as :meth:`tokens`)."""
        return [self.tokens(t) for t in texts]
