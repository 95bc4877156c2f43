"""CMRC 2018 answer scores (character F1, exact match): defined in :mod:`qa.reader.metric`,
where the reader's training uses them too."""

from qa.reader.metric import char_f1, exact_match

__all__ = ["char_f1", "exact_match"]
