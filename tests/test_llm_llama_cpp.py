"""LlamaCppBackend: the bundled Gemma 3 270M GGUF loaded in-process."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from qa.config import Settings
from qa.errors import ConfigError, LLMUnavailableError
from qa.llm import build_prompt, complete, get_llm, parse_reply
from qa.llm.llama_cpp import LlamaCppBackend, bundled_model_path
from tests.llm_fixtures import bundled_gguf, require_llama_cpp, sample_passages


@pytest.fixture(scope="module")
def backend() -> LlamaCppBackend:
    require_llama_cpp()
    llm = LlamaCppBackend.from_settings(Settings(llm_gguf_path=None, llm_max_tokens=48))
    llm.load()
    return llm


def test_from_settings_falls_back_to_the_bundled_model():
    require_llama_cpp()
    llm = LlamaCppBackend.from_settings(Settings(llm_gguf_path=None, llm_max_tokens=33))
    assert llm.model_path == bundled_gguf() == bundled_model_path()
    assert (llm.name, llm.generative, llm.max_tokens, llm.n_ctx) == ("llama-cpp", True, 33, 4096)
    assert llm._llama is None  # nothing loaded before first use


def test_explicit_gguf_path_is_used(tmp_path: Path):
    require_llama_cpp()
    model = tmp_path / "m.gguf"
    model.symlink_to(bundled_gguf())
    assert LlamaCppBackend.from_settings(Settings(llm_gguf_path=model)).model_path == model


def test_missing_gguf_file_is_a_config_error(tmp_path: Path):
    require_llama_cpp()
    with pytest.raises(ConfigError, match="GGUF model file not found") as info:
        LlamaCppBackend.from_settings(Settings(llm_gguf_path=tmp_path / "nope.gguf"))
    assert "QA_LLM_GGUF_PATH" in info.value.hint


def test_without_llama_cpp_installed_the_hint_says_how(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # makes `import llama_cpp` fail
    with pytest.raises(ConfigError, match="llama-cpp-python is not installed") as info:
        get_llm("llama-cpp", Settings(llm_gguf_path=None))
    assert info.value.hint == "pip install 'zhqa[llama]'"


def test_a_file_that_is_not_gguf_fails_on_load_as_an_llm_error(tmp_path: Path):
    require_llama_cpp()
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"this is not a model" * 100)
    llm = LlamaCppBackend(junk)
    with pytest.raises(LLMUnavailableError, match="cannot load GGUF model"):
        complete(llm, "hi")


@pytest.mark.slow
def test_streams_a_reply_from_the_bundled_model(backend: LlamaCppBackend):
    pieces = list(backend.generate("写一段关于春天的短文。", system="简短回答。", max_tokens=24))
    assert len(pieces) > 1
    assert "".join(pieces).strip()
    assert backend._llama.chat_format == "gemma"  # not the Llama 2 fallback


@pytest.mark.slow
def test_built_prompt_reply_is_parseable(backend: LlamaCppBackend):
    prompt = build_prompt("西宁市政协2023年开展了多少次理论中心组学习？", sample_passages())
    reply = complete(backend, prompt.user, system=prompt.system, max_tokens=64)
    assert reply.strip()
    parsed = parse_reply(reply, 3)
    assert parsed.raw == reply and all(1 <= n <= 3 for n in parsed.refs)


@pytest.mark.slow
def test_prompt_longer_than_the_context_is_an_llm_error(backend: LlamaCppBackend):
    with pytest.raises(LLMUnavailableError, match="llama.cpp failed"):
        complete(backend, "政协" * 5000, max_tokens=8)


@pytest.mark.slow
def test_calls_from_two_threads_are_serialised(backend: LlamaCppBackend):
    replies: list[str] = []

    def ask() -> None:
        replies.append(complete(backend, "你好", max_tokens=8))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(replies) == 2 and replies[0] == replies[1]  # temperature 0, same prompt
