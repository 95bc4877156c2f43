"""The benchmark's report and load generator, on made-up figures and a stub server (no model)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eval.bench.build import BuildFigures
from eval.bench.loadtest import check_loopback, load_test
from eval.bench.machine import collect, cpu_model
from eval.bench.peers import LibraryPair
from eval.bench.probe import ServingFigures, _cycle
from eval.bench.report import markdown, write_all
from eval.bench.results import BenchResults, LoadFigures, SizeResult
from eval.bench.stage import stage
from eval.metrics import latency_summary
from tests.conftest import ROOT


def lat(*ms: float):
    return latency_summary(list(ms))


def results() -> BenchResults:
    serving = ServingFigures(n_chunks=155, dense_kind="flat", start_s=1.5, index_load_s=0.01, embedder_load_s=0.02,
                             queries=200, search_cold=lat(12, 14, 30), search_warm=lat(1, 1.2, 2),
                             embed_query=lat(10, 12, 25), ask_cold=lat(20, 25, 40), peak_rss_mib=300,
                             rss_anon_mib=250, rss_file_mib=50)
    build = BuildFigures(chunks=155, chars=26000, chunking=stage(0.5, 155, 66000), embed=stage(10, 155, 26000),
                         embed_full_estimate_s=10, bm25_tokenize=stage(0.3, 155, 26000),
                         bm25_index=stage(0.01, 155, 26000), faiss=stage(0.001, 155, 26000), faiss_kind="flat",
                         disk_mib=1.2, disk_breakdown_mib={"vectors.npy": 0.2}, reindex_unchanged_s=0.05)
    pair = LibraryPair("bm25s", "rank_bm25", 155, 0.01, 0.02, lat(0.3, 0.4), lat(3, 4), 0.9)
    r = BenchResults(collect(ROOT), "small", 2, 0.3)
    r.sizes = [SizeResult("bundled", 155, "bundled corpus", "", build, serving, pair),
               SizeResult("synth", 1000, "synthetic", "vectors are random", error="boom")]
    r.loadtest = [LoadFigures("/api/search", 8, 100, 0, 2.0, 50.0, 20.0, 60.0)]
    return r


def test_markdown_has_every_section_and_the_ratio():
    md = markdown(results())
    for heading in ("## Serving", "## Index build", "## Peers", "## Load test", "## What is synthetic"):
        assert heading in md
    assert "| bundled | 155 | flat |" in md and "10.0x" in md  # rank_bm25 median 3.5 / bm25s 0.35
    assert "vectors are random" in md and "boom" in md
    assert cpu_model() in md


def test_write_all_writes_json_markdown_and_png(tmp_path):
    write_all(results(), tmp_path)
    data = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert data["machine"]["nproc"] >= 1 and data["machine"]["cpu_model"] and data["machine"]["versions"]
    assert data["sizes"][0]["serving"]["search_cold"]["median"] == 14
    assert (tmp_path / "latency.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "bench.md").read_text(encoding="utf-8").startswith("# zhqa benchmark")


def test_questions_are_cycled_up_to_the_minimum():
    assert _cycle(["a", "b", "c"], 7) == ["a", "b", "c", "a", "b", "c", "a"]
    assert _cycle(["a", "b"], 1) == ["a", "b"]


class _Stub(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ok = self.path in ("/api/search", "/api/ask") and ("query" in body or "question" in body)
        payload = b"{}"
        self.send_response(200 if ok else 422)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture()
def stub_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/api/search", "/api/ask"])
def test_load_test_sends_exactly_the_requests_asked_for(stub_url, path):
    fig = load_test(stub_url, path, concurrency=4, total=30, questions=["甲", "乙"], timeout_s=30)
    assert fig.requests == 30 and fig.errors == 0 and fig.requests_per_s > 0 and fig.p99_ms >= fig.p50_ms


def test_load_test_targets_only_this_machine():
    for url in ("http://10.0.0.1:8000", "http://example.com", "http://192.168.1.2"):
        with pytest.raises(ValueError):
            check_loopback(url)
    check_loopback("http://127.0.0.1:8000")
    check_loopback("http://localhost:8000")


def test_results_round_trip_through_json_and_merge(tmp_path):
    from eval.bench.results import load_json, merge

    first = results()
    first.write_json(tmp_path / "a.json")
    back = load_json(tmp_path / "a.json")
    assert back.sizes[0].serving.search_cold == first.sizes[0].serving.search_cold
    assert markdown(back) == markdown(first)
    other = results()
    other.sizes = [SizeResult("big", 10**6, "a million", "vectors are synthetic")]
    other.sizes_arg = "all"
    merged = merge(back, other)
    assert [s.corpus for s in merged.sizes] == ["bundled", "synth", "big"] and merged.sizes_arg == "all"
    assert any("measured in a separate run" in n for n in merged.notes)
