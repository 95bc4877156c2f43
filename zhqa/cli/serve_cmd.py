"""`qa serve`: build the index if there is none, then serve the HTTP API and the chat page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhqa.cli import app
from zhqa.cli.output import out
from qa.config import Settings, load_settings
from qa.errors import InputError


@app.command("serve")
def serve_command(
    host: Annotated[Optional[str], typer.Option(help="address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[Optional[int], typer.Option(help="port (default 8000)")] = None,
    index: Annotated[Optional[Path], typer.Option("--index", help="index directory")] = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="corpus directory (uploads go here)")] = None,
    llm: Annotated[Optional[str], typer.Option(help="default answer backend (extractive, openai, llama-cpp)")] = None,
    llm_base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server URL, ending in /v1")] = None,
    llm_model: Annotated[Optional[str], typer.Option(help="model name sent to that server")] = None,
    api_key: Annotated[Optional[str], typer.Option(help="bearer token required for upload and delete")] = None,
    cors_origin: Annotated[Optional[list[str]], typer.Option("--cors-origin", help="allowed CORS origin (repeatable)")] = None,
    top_k: Annotated[Optional[int], typer.Option(help="passages retrieved per question")] = None,
) -> None:
    """Serve the API (/api, /v1, /docs) and the chat page (/) with uvicorn."""
    s = load_settings(host=host, port=port, index_dir=index, corpus_dir=corpus, llm=llm,
                      llm_base_url=llm_base_url, llm_model=llm_model, api_key=api_key,
                      cors_origins=cors_origin or None, top_k=top_k)
    ensure_index(s)
    import uvicorn

    from service.app import create_app

    out.print(f"serving on http://{s.host}:{s.port}  (API docs: /docs)")
    uvicorn.run(create_app(s), host=s.host, port=s.port, log_level="info")


def ensure_index(s: Settings) -> None:
    """Build the index from the corpus when none exists, so a fresh clone can serve at once."""
    from qa.factory import make_embedder
    from qa.index.builder import build_index
    from qa.index.manifest import MANIFEST
    from qa.text.chunk import ChunkParams

    if (s.index_dir / MANIFEST).exists():
        return
    out.print(f"no index at {s.index_dir}: indexing {s.corpus_dir} first")
    emb = make_embedder(s.embedder, s.embedder_model, cache=False)
    report = build_index(s.corpus_dir, s.index_dir, emb, ChunkParams(s.chunk_size),
                         embedder_backend=s.embedder, embedder_model=s.embedder_model,
                         batch_size=s.embed_batch_size, read=s.read_options())
    for problem in report.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    if report.documents == 0:
        raise InputError("no readable documents to index", hint=f"put UTF-8 .txt/.md files in {s.corpus_dir}")
    out.print(f"indexed {report.documents} documents, {report.chunks} chunks in {report.seconds:.1f} s")
