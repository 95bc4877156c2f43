"""`qa serve`: build the index if there is none, then serve the HTTP API and the chat page."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from qa.config import Settings, load_settings
from zhqa.cli import app
from zhqa.cli.index_cmd import StoreOpt, StoreUriOpt
from zhqa.cli.output import out


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000)")] = None,
    index: Annotated[Path | None, typer.Option("--index", help="index directory")] = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="corpus directory (uploads go here)")] = None,
    llm: Annotated[str | None, typer.Option(help="default answer backend (extractive, openai, llama-cpp)")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL, ending in /v1")] = None,
    llm_model: Annotated[str | None, typer.Option(help="model name sent to that server")] = None,
    api_key: Annotated[str | None, typer.Option(help="bearer token required for upload and delete")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="allowed CORS origin (repeatable)")] = None,
    top_k: Annotated[int | None, typer.Option(help="passages retrieved per question")] = None,
    rebind: Annotated[bool, typer.Option("--rebind", help="serve the index with this corpus folder although it "
                                         "was built from another: re-indexes the folder first")] = False,
    open_uploads: Annotated[bool, typer.Option(
        "--open-uploads", help="without --api-key, accept uploads and deletes from any client "
                               "(by default only from this machine)")] = False,
    ray: Annotated[bool, typer.Option("--ray", help="serve on Ray Serve: N app replicas and a batched "
                                      "query embedder (pip install 'zhqa\\[ray]')")] = False,
    ray_address: Annotated[str | None, typer.Option(help="with --ray: the cluster to join (ray://host:10001, "
                                                       "auto); default: a local Ray on this machine")] = None,
    replicas: Annotated[int | None, typer.Option(help="with --ray: app replicas (default 2; the minimum "
                                                    "with --max-replicas)")] = None,
    max_replicas: Annotated[int | None, typer.Option(help="with --ray: autoscale up to this many replicas")] = None,
    embedder_replicas: Annotated[int | None, typer.Option(help="with --ray: query-embedder replicas (default 1)")] = None,
    query_batch_size: Annotated[int | None, typer.Option(help="with --ray: most questions per embedding call "
                                                           "(default 16)")] = None,
    query_batch_wait_ms: Annotated[float | None, typer.Option(help="with --ray: how long a batch waits "
                                                                "for more questions (default 2 ms)")] = None,
    store: StoreOpt = None,
    store_uri: StoreUriOpt = None,
) -> None:
    """Serve the API (/api, /v1, /docs, /metrics) and the chat page (/) with uvicorn."""
    ray_flags = {"--ray-address": ray_address, "--replicas": replicas, "--max-replicas": max_replicas,
                 "--embedder-replicas": embedder_replicas, "--query-batch-size": query_batch_size,
                 "--query-batch-wait-ms": query_batch_wait_ms}
    given = [flag for flag, value in ray_flags.items() if value is not None]
    if given and not ray:
        from qa.errors import ConfigError

        raise ConfigError(f"{', '.join(given)} only apply with --ray", hint="add --ray, or leave them out")
    s = load_settings(host=host, port=port, index_dir=index, corpus_dir=corpus, llm=llm,
                      llm_base_url=llm_base_url, llm_model=llm_model, api_key=api_key,
                      cors_origins=cors_origin or None, top_k=top_k, open_uploads=open_uploads or None,
                      ray_address=ray_address, ray_replicas=replicas, ray_max_replicas=max_replicas,
                      ray_embedder_replicas=embedder_replicas, query_batch_size=query_batch_size,
                      query_batch_wait_ms=query_batch_wait_ms,
                      store=store, store_uri=store_uri)
    out.print(f"corpus {escape(str(s.corpus_dir))}, index {escape(str(s.index_dir))}")
    ensure_index(s, rebind)
    if ray:
        serve_on_ray(s)
        return
    import uvicorn

    from service.app import UVICORN_HTTP, create_app

    app = create_app(s)  # before printing: a bad setting (a rate limit) fails here, with its one line
    out.print(f"serving on http://{s.host}:{s.port}  (API docs: /docs)")
    if not s.api_key:
        who = "any client (--open-uploads)" if s.open_uploads else "this machine only"
        out.print(f"no API key: uploads and deletes accepted from {who}")
    uvicorn.run(app, host=s.host, port=s.port, http=UVICORN_HTTP, log_level="info", log_config=log_config(),
                access_log=False)


def serve_on_ray(s: Settings) -> None:
    """``--ray``: the app on Ray Serve (service/ray_serve.py) until Ctrl-C."""
    from qa.errors import ConfigError
    from qa.index.manifest import Manifest

    try:
        from service import ray_serve
    except ImportError as exc:
        raise ConfigError(f"--ray needs Ray Serve: {exc}", hint="pip install 'zhqa[ray]'") from exc
    if not s.follow_index_s:
        s.follow_index_s = 1.0  # every replica picks up an index another one published
    manifest = Manifest.read(s.index_dir)  # the embedder deployment loads the index's own embedder
    where = s.ray_address or "a local Ray"
    scale = (f"{s.ray_replicas}-{s.ray_max_replicas} replicas (autoscaling)" if s.ray_max_replicas
             else f"{s.ray_replicas} replicas")
    out.print(escape(f"starting Ray Serve on {where}: {scale}, {s.ray_embedder_replicas} query embedder(s), "
                     f"batches of up to {s.query_batch_size} within {s.query_batch_wait_ms:g} ms"))
    ray_serve.serve_forever(s, manifest.embedder_backend, manifest.embedder_model,
                            ready=lambda address: (
                                out.print(f"serving on http://{s.host}:{s.port}  (API docs: /docs)"),
                                print(f"Ray cluster at {address}", flush=True)))


def log_config() -> dict:
    """uvicorn's logging plus the service's loggers; every line carries the request id (the
    service's access line, ``service.access``, replaces uvicorn's, which has none)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"request_id": {"()": "service.observe.RequestIdFilter"}}
    config["formatters"]["service"] = {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    config["handlers"]["service"] = {"class": "logging.StreamHandler", "formatter": "service",
                                     "filters": ["request_id"], "stream": "ext://sys.stderr"}
    config["loggers"]["service"] = {"handlers": ["service"], "level": "INFO", "propagate": False}
    return config


def ensure_index(s: Settings, rebind: bool = False) -> None:
    """Build the index from the corpus when none exists, so a fresh clone can serve at once;
    refuse an index built from another folder (unless ``rebind``: then re-index this one).
    An index searched with another store than ``--store`` asks for is re-indexed into it
    (the vectors are reused: nothing is embedded again)."""
    from qa.factory import make_embedder, store_spec
    from qa.index.binding import bind_at_start
    from qa.index.builder import build_index
    from qa.index.manifest import MANIFEST, Manifest
    from qa.text.chunk import ChunkParams

    spec = store_spec(s)
    exists = (s.index_dir / MANIFEST).exists()
    moved = exists and _store_of(Manifest, s.index_dir) != (spec.name, spec.uri)
    if exists and not rebind and not moved:
        bind_at_start(s.index_dir, s.corpus_dir)
        return
    what = ("re-indexing" if rebind else f"moving the index's search to {spec.name} {spec.uri or ''}: re-indexing"
            if moved else f"no index at {s.index_dir}: indexing")
    out.print(escape(f"{what} {s.corpus_dir} first"))
    emb = make_embedder(s.embedder, s.embedder_model, cache=False)
    report = build_index(s.corpus_dir, s.index_dir, emb, ChunkParams(s.chunk_size),
                         embedder_backend=s.embedder, embedder_model=s.embedder_model,
                         batch_size=s.embed_batch_size, rebind=rebind,
                         lexicon=s.lexicon, read=s.read_options(), store=spec)
    for problem in report.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    if report.documents == 0:
        print(f"warning: no documents in {s.corpus_dir}: serving an empty index (upload documents on the page)",
              file=sys.stderr)
    out.print(f"indexed {report.documents} documents, {report.chunks} chunks in {report.seconds:.1f} s"
              + (f" (removed {len(report.removed)})" if report.removed else ""))


def _store_of(manifest_cls, index_dir: Path) -> tuple[str, str | None]:
    store = manifest_cls.read(index_dir).store
    return store.get("name", "local"), store.get("uri")
