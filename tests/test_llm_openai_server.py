"""OpenAIBackend against the real thing: llama-cpp-python's OpenAI-compatible server
serving the bundled Gemma 3 270M GGUF. The tiny model answers badly; these tests check
the plumbing, not the answers."""

from __future__ import annotations

import pytest

from qa.config import Settings
from qa.llm import build_prompt, complete, get_llm, parse_reply
from qa.llm.openai import OpenAIBackend
from tests.llm_fixtures import (
    llama_server,  # noqa: F401
    sample_passages,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm(llama_server: str) -> OpenAIBackend:
    # The server's "gemma" chat format drops system messages: send them in the user turn.
    return OpenAIBackend(llama_server, "gemma", timeout=120, retries=0, max_tokens=64,
                         system_in_user=True)


def test_models_endpoint_fixture_gives_a_v1_url(llama_server: str):
    assert llama_server.startswith("http://127.0.0.1:") and llama_server.endswith("/v1")


def test_collects_a_whole_reply(llm: OpenAIBackend):
    reply = complete(llm, "中国的首都是哪里？", system="简短回答。", max_tokens=32)
    assert isinstance(reply, str) and reply.strip()


def test_longer_answer_streams_in_many_pieces(llm: OpenAIBackend):
    pieces = list(llm.generate("写一段关于春天的短文。", max_tokens=64))
    assert len(pieces) > 5
    assert all(isinstance(p, str) and p for p in pieces)


def test_max_tokens_bounds_the_reply(llm: OpenAIBackend):
    pieces = list(llm.generate("写一篇很长的文章，介绍中国的历史。", max_tokens=5))
    assert 1 <= len(pieces) <= 5  # about one token per piece


def test_built_prompt_with_real_passages_gives_a_parseable_reply(llm: OpenAIBackend):
    prompt = build_prompt("西宁市政协2023年开展了多少次理论中心组学习？", sample_passages())
    reply = complete(llm, prompt.user, system=prompt.system, max_tokens=96)
    assert reply.strip()
    parsed = parse_reply(reply, n_passages=3)
    assert parsed.raw == reply
    assert parsed.sentences or parsed.abstained or parsed.invalid_refs
    assert all(1 <= n <= 3 for n in parsed.refs)
    assert all(not 1 <= n <= 3 for n in parsed.invalid_refs)


def test_english_question_through_the_registry(llama_server: str):
    settings = Settings(llm="openai", llm_base_url=llama_server, llm_model="gemma",
                        llm_timeout=120, llm_retries=0, llm_max_tokens=48, QA_LLM_API_KEY="")
    llm = get_llm("openai", settings)
    question = "How many theory study sessions did the Xining CPPCC hold?"
    prompt = build_prompt(question, sample_passages())
    reply = complete(llm, prompt.user, system=prompt.system)
    assert reply.strip()
    assert parse_reply(reply, 3).raw == reply
