"""`qa index` and `qa search`: build the index and search it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from tqdm import tqdm

from qa.config import load_settings
from qa.errors import InputError
from zhqa.cli import app
from zhqa.cli.output import info, out, print_json, snippet

StoreOpt = Annotated[str | None, typer.Option("--store", help="what answers the searches: local or milvus "
                                                 "[default: the index's own, else local]")]
StoreUriOpt = Annotated[str | None, typer.Option("--store-uri", help="milvus: a Milvus Lite file (*.db) "
                                                    "or http://host:19530")]
IndexOpt = Annotated[Path | None, typer.Option("--index", help="index directory [default: ./.qa-index]")]


def _progress(total: int, label: str):
    # tqdm's bar shows the rate and the time left; drawn on a terminal only (not in logs)
    sized = _terminal_sized()
    bar = tqdm(total=total, desc=f"{label} {total} chunks", unit="chunk", file=sys.stderr, disable=None,
               leave=False, dynamic_ncols=sized, ncols=None if sized else 80, nrows=None if sized else 24)
    return bar.update


def _read_progress(name: str):
    """One stderr line per page of a paged document read: every page read by OCR (seconds each),
    text-layer pages at most once a second and the last one (a long PDF is not a flood)."""
    last = [time.monotonic()]

    def tick(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < 1 or not (stage == "ocr" or done == total or now - last[0] >= 1.0):
            return
        last[0] = now
        print(f"{name}: page {done}/{total}" + (" (OCR)" if stage == "ocr" else ""), file=sys.stderr, flush=True)

    return tick


def _terminal_sized() -> bool:
    """False for a terminal that reports no size (tqdm would hide its bar there: 0 rows)."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return True  # not a terminal: tqdm disables itself
    return size.columns > 0 and size.lines > 0


@app.command("index")
def index_command(
    corpus_dir: Annotated[Path | None, typer.Argument(help="folder of .txt/.md documents [default: ./corpus]")] = None,
    index: IndexOpt = None,
    embedder: Annotated[str | None, typer.Option(help="embedder name (e5-small, sentence-transformers)")] = None,
    embedder_model: Annotated[str | None, typer.Option(help="model directory or hub name for sentence-transformers")] = None,
    chunk_size: Annotated[int | None, typer.Option(help="target chunk size in characters")] = None,
    batch_size: Annotated[int | None, typer.Option(help="passages per embedding batch")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="re-embed everything")] = False,
    rebind: Annotated[bool, typer.Option("--rebind", help="index this folder even though the index was built "
                                         "from another one (documents it lacks are removed)")] = False,
    verify: Annotated[bool, typer.Option("--verify", help="check every index file against its checksum "
                                         "and exit (builds nothing)")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list the ids of added, changed and "
                                          "removed documents")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    use_ray: Annotated[bool, typer.Option("--ray", help="embed as Ray tasks on a local Ray instance (pip install ray)")] = False,
    lexicon: Annotated[Path | None, typer.Option("--lexicon", help="the corpus's vocabulary file, or 'none' [default: CORPUS_DIR/lexicon.json if present]")] = None,
    store: StoreOpt = None,
    store_uri: StoreUriOpt = None,
) -> None:
    """Build or update the index (only new or changed documents are embedded)."""
    s = load_settings(corpus_dir=corpus_dir, index_dir=index, embedder=embedder,
                      embedder_model=embedder_model, chunk_size=chunk_size, embed_batch_size=batch_size,
                      lexicon=lexicon, store=store, store_uri=store_uri)
    if verify:
        _verify(s.index_dir)
        return
    info(f"corpus {s.corpus_dir} -> index {s.index_dir}", to_stderr=json_out)
    report = _build(s, rebuild, rebind, use_ray)
    for problem in report.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    if json_out:
        print_json(report)
    else:
        _print_report(report, s.index_dir, verbose)
    if report.documents == 0 and not report.skipped:
        print(f"warning: {s.corpus_dir} holds no .txt/.md documents: the index is empty "
              "(put documents there and run `qa index` again, or upload them on the page)", file=sys.stderr)
    if report.skipped:
        raise typer.Exit(3)  # indexed what could be indexed, but tell scripts not all went well


def _build(s, rebuild: bool, rebind: bool, use_ray: bool):
    from qa.factory import make_embedder, store_spec
    from qa.index.builder import build_index
    from qa.text.chunk import ChunkParams

    spec = store_spec(s)  # an unknown store or a bad URI fails before any embedding
    model = s.embedder_model
    if model and Path(model).exists():
        model = str(Path(model).resolve())  # the index must find it again from anywhere
    emb = make_embedder(s.embedder, model, cache=False)
    if use_ray:
        from qa.index.ray_embed import RayEmbedder

        emb = RayEmbedder(emb, s.embedder, {"model": model} if model else {})
    return build_index(s.corpus_dir, s.index_dir, emb, ChunkParams(s.chunk_size),
                       embedder_backend=s.embedder, embedder_model=model,
                       batch_size=s.embed_batch_size, rebuild=rebuild, progress=_progress, rebind=rebind,
                       lexicon=s.lexicon, read=s.read_options(), read_progress=_read_progress, store=spec)


def _verify(index_dir: Path) -> None:
    """``qa index --verify``: every file against its size and checksum, then load it."""
    from qa.index.manifest import Manifest
    from qa.index.store import Index

    manifest = Manifest.read(index_dir)
    manifest.check_files(index_dir, full=True)
    Index.load(index_dir).close()
    if not manifest.checksums:
        out.print(f"{index_dir}: sizes ok; this index records no checksums (built before they were "
                  "added: `qa index --rebuild` records them)")
        return
    out.print(f"{index_dir}: ok ({len(manifest.checksums)} files match their checksums, "
              f"{manifest.n_documents} documents, {manifest.n_chunks} chunks)")


def _print_report(r, index_dir: Path, verbose: bool) -> None:
    if r.unchanged:
        out.print(f"index up to date: {r.documents} documents, {r.chunks} chunks ({r.seconds:.2f} s) -> {index_dir}")
        return
    if r.rebuilt_because:
        out.print(f"reading every document again: {escape(r.rebuilt_because)}")
    out.print(f"indexed {r.documents} documents, {r.chunks} chunks in {r.seconds:.1f} s "
              f"(embedded {r.embedded}, reused {r.reused}) -> {index_dir}")
    if r.store:
        out.print("  searched with " + escape(r.store))
    counts = [f"{len(ids)} {label}" for label, ids in (("added", r.added), ("changed", r.changed),
                                                        ("removed", r.removed)) if ids]
    if counts:
        out.print("  documents: " + ", ".join(counts) + ("" if verbose else " (--verbose lists them)"))
    if verbose:
        for label, ids in (("added", r.added), ("changed", r.changed), ("removed", r.removed)):
            for doc_id in ids:
                out.print(f"  {label}: {escape(doc_id)}")


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="question or keywords")],
    k: Annotated[int, typer.Option("-k", "--top-k", help="number of passages")] = 5,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="only search this document id (repeatable)")] = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or bm25")] = "hybrid",
    index: IndexOpt = None,
    embedder: Annotated[str | None, typer.Option(help="fail unless the index was built with this embedder")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print passages as JSON")] = False,
) -> None:
    """Search the index and print the best passages."""
    from qa.factory import load_index, make_retriever
    from qa.retrieve import RetrievalParams
    from qa.text.glossary import expand_query

    if mode not in ("hybrid", "dense", "bm25"):
        raise InputError(f"unknown mode {mode!r}", hint="use hybrid, dense or bm25")
    if not query.strip():
        raise InputError("the query is empty", hint="type a question or some keywords")
    s = load_settings(index_dir=index, embedder=embedder)
    idx = load_index(s, explicit_embedder=embedder is not None)
    retriever = make_retriever(idx)
    retriever.params = RetrievalParams(mode=mode)
    passages = retriever.search(query, k=k, doc_ids=doc)
    if json_out:
        print_json({"query": query, "passages": passages})
        return
    if not passages:
        out.print("no passages found")
        return
    terms = idx.tokenizer.tokens(expand_query(query, idx.manifest.words, idx.lexicon))
    for p in passages:
        where = " › ".join(p.headings[-2:]) if p.headings else ""
        out.print(f"[bold]{p.rank:>2}[/]  {p.score:.4f}  [cyan]{escape(p.doc_id)}[/]  "
                  f"[green]{escape(p.org or '-')}[/]  [dim]{escape(where)}[/]  [{p.start}:{p.end}]")
        out.print("    " + snippet(p.text, terms))
