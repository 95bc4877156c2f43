"""Document formats: one reader per file type behind one seam (:mod:`qa.formats.registry`)."""

from qa.formats.base import Extracted, Line, ReadOptions
from qa.formats.registry import is_supported, probe, read, reader_for, register, suffixes

__all__ = ["Extracted", "Line", "ReadOptions", "is_supported", "probe", "read", "reader_for", "register", "suffixes"]
