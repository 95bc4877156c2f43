"""The extractive composer's entry in the LLM registry: it composes, it does not generate."""

from __future__ import annotations


class ExtractiveBackend:
    """The extractive composer as an entry of the LLM registry (``--llm extractive``).

    It is not generative: the answer pipeline composes from passages itself when this
    backend is selected, so ``generate`` is never called.
    """

    name = "extractive"
    generative = False

    @classmethod
    def from_settings(cls, settings: object) -> ExtractiveBackend:
        return cls()

    def generate(self, prompt: str, **_: object):
        raise TypeError("the extractive backend composes answers from passages; it does not generate text")
