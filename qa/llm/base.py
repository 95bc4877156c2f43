"""The one narrow interface every LLM backend implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from qa.config import Settings


@runtime_checkable
class LLM(Protocol):
    """A named text generator.

    ``generative`` is true for real generators (an LLM writes the answer) and false for
    stand-ins such as the extractive backend, whose "reply" is assembled from passages.

    Implementations raise only :class:`qa.errors.LLMError` subclasses from
    :meth:`generate` (``LLMUnavailableError``, ``LLMTimeoutError``, ``LLMReplyError``);
    no transport or library exception leaks out. Problems found while *constructing* a
    backend (missing package, missing model file, bad URL) are ``ConfigError``.
    """

    name: str
    generative: bool

    def generate(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]:
        """Stream the reply to ``prompt`` as text pieces, in order.

        The iterator is lazy: nothing is sent before the first ``next()``, so errors
        surface while iterating. ``max_tokens`` defaults to the backend's setting.
        """
        ...


@runtime_checkable
class LLMFactory(Protocol):
    """What the registry needs from a backend class: build an instance from settings."""

    def from_settings(self, settings: Settings) -> LLM:
        """Build a backend from :class:`qa.config.Settings`."""
        ...


def complete(
    llm: LLM,
    prompt: str,
    *,
    system: str | None = None,
    max_tokens: int | None = None,
    temperature: float = 0.0,
) -> str:
    """Run :meth:`LLM.generate` to the end and return the whole reply."""
    pieces = llm.generate(prompt, system=system, max_tokens=max_tokens, temperature=temperature)
    return "".join(pieces)


def chat_messages(prompt: str, system: str | None, *, merge_system: bool = False) -> list[dict[str, str]]:
    """OpenAI-style chat messages for a prompt and optional system text.

    ``merge_system`` puts the system text at the top of the user message, for chat
    formats that silently drop system messages (Gemma's, as llama-cpp-python has it).
    """
    if system and merge_system:
        return [{"role": "user", "content": f"{system}\n\n{prompt}"}]
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt})
    return messages
