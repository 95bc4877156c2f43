"""Pluggable LLM backends: a registry of named backends with one narrow method.

Modelled on simonw/llm: every backend has a ``name``, a ``generative`` flag and one
method, :meth:`LLM.generate`, that streams text pieces. Backends are looked up by name
with :func:`get_llm`; built-ins are imported only when asked for, third-party ones are
found through the ``qa.llm`` entry-point group.

This package imports nothing heavy: ``httpx`` and ``llama_cpp`` are loaded by the
backend modules only when a backend is requested.
"""

from __future__ import annotations

from qa.llm.base import LLM, LLMFactory, complete
from qa.llm.prompt import ABSTAIN_REPLY, ParsedReply, ParsedSentence, Prompt, build_prompt, parse_reply
from qa.llm.registry import available, get_llm, register, unregister

__all__ = [
    "ABSTAIN_REPLY",
    "LLM",
    "LLMFactory",
    "ParsedReply",
    "ParsedSentence",
    "Prompt",
    "available",
    "build_prompt",
    "complete",
    "get_llm",
    "parse_reply",
    "register",
    "unregister",
]
