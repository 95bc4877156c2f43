"""`qa serve` as a user runs it: a fresh directory without an index is indexed first, then
served with uvicorn; the flags reach the settings."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

START_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(process: subprocess.Popen, url: str, log: Path) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"qa serve exited with {process.returncode}:\n{log.read_text('utf-8', 'replace')}")
        try:
            return httpx.get(f"{url}/healthz", timeout=5).raise_for_status().json()
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail(f"qa serve did not answer within {START_TIMEOUT:g}s:\n{log.read_text('utf-8', 'replace')}")


def test_serve_builds_a_missing_index_then_serves(small_corpus: Path, tmp_path: Path):
    index, port, log = tmp_path / "fresh-index", free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "zhqa.cli", "serve", "--index", str(index), "--corpus", str(small_corpus),
               "--port", str(port), "--top-k", "3", "--api-key", "k3y",
               "--cors-origin", "https://a.example", "--cors-origin", "https://b.example"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        health = wait_healthy(process, url, log)
        assert health["status"] == "ok" and health["documents"] == 2
        assert (index / "manifest.json").exists()
        assert "indexing" in log.read_text("utf-8")

        body = httpx.post(f"{url}/api/search", json={"query": "提案"}, timeout=120).json()
        assert len(body["passages"]) == 3  # --top-k
        r = httpx.post(f"{url}/api/search", json={"query": "提案"}, headers={"Origin": "https://b.example"},
                       timeout=120)
        assert r.headers["access-control-allow-origin"] == "https://b.example"  # --cors-origin, twice
        r = httpx.delete(f"{url}/api/documents/dawukou", timeout=120)
        assert r.status_code == 401  # --api-key
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
