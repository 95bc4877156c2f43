"""What of a chunk is embedded and keyword-indexed: its section context, then its text.

A paragraph that says only 全州已挂牌运行“微协商”平台107个 must be found by a
question about 海西州, so the organisation and heading path travel with the text.
"""

from __future__ import annotations

from qa.models import Chunk

#: bump when these texts change, so indexes built with the old rule are rebuilt.
FIELDS_VERSION = 1


def indexed_text(chunk: Chunk) -> str:
    """The text that is embedded and tokenised for BM25."""
    context = chunk.context()
    return f"{context}\n{chunk.text}" if context else chunk.text
