"""The large sizes: the CRUD-RAG news corpus (~150k chunks) and a million chunks.

Embedding 280k chunks takes hours on 2 cores, so these indexes are assembled:

* **crud-news** — real documents, really cleaned and chunked; BM25 over the real text. A
  seeded sample of ``EMBED_SAMPLE`` chunks is embedded (that is the embedding throughput,
  and those rows keep their real vectors); every other vector is synthetic: a real e5
  passage vector plus small Gaussian noise (:mod:`eval.bench.realistic`).
* **synth-1m** — the CRUD chunks repeated to a million rows; copies after the first have a
  seeded 10% of their BM25 tokens dropped so they are not exact duplicates; all vectors
  synthetic as above.

Stage timings are recorded when an index is assembled (``stages.json`` beside it) and
reused, so a second run neither re-assembles nor re-times it. A cached index made with an
older vector recipe or other FAISS parameters gets new vectors or a new FAISS index only
(:mod:`eval.bench.large_vectors`); one of an older format is upgraded in place.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from embeddings import Embedder
from eval.bench.corpora import BenchCorpus, rgb_questions
from eval.bench.large_vectors import RECORD, ensure_current, sample_rows, synthetic
from eval.bench.reuse import upgrade_cached
from eval.bench.stage import Stage, stage
from eval.external import BENCH_ROOT, _source, cache_dir
from qa.corpus import build_document
from qa.index.builder import _manifest, build_lock
from qa.index.dense import DenseIndex, DenseParams, build_faiss
from qa.index.fields import indexed_text
from qa.index.lexical import LexicalIndex
from qa.index.manifest import MANIFEST, Manifest, describe_files
from qa.index.store import new_tmp_dir, publish
from qa.index.writer import Assembled, write_index
from qa.models import Chunk, Document
from qa.text.chunk import ChunkParams
from qa.text.tokenize import Tokenizer

EMBED_SAMPLE = 1024
MILLION = 1_000_000
STAGES = "stages.json"
REAL_SAMPLE = "real_sample.npy"  # the really embedded CRUD-RAG chunks (their rows keep these vectors)


def crud_sources(limit: int | None = None):
    """CRUD-RAG news documents as sources (``limit``: the first N, for tests)."""
    path = BENCH_ROOT / "crud-news" / "documents.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            out.append(_source(row["doc_id"], row["text"]))
    return out


def synthetic_vectors(real: np.ndarray, n: int, seed: int = 0, block: int = 100_000) -> np.ndarray:
    """``n`` unit vectors from a Gaussian with ``real``'s mean and covariance (float32).

    The first recipe of the large sizes, kept as the documented worst case for approximate
    search (no neighbourhood structure at all); the sizes now use :mod:`eval.bench.realistic`.
    """
    mean = real.mean(axis=0)
    _, s, vt = np.linalg.svd(real - mean, full_matrices=False)
    basis = ((s[:, None] / np.sqrt(max(1, len(real) - 1))) * vt).astype(np.float32)  # rows span the covariance
    rng = np.random.default_rng(seed)
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for lo in range(0, n, block):
        z = rng.standard_normal((min(block, n - lo), len(basis))).astype(np.float32)
        v = mean + z @ basis
        out[lo : lo + len(v)] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def _chunk_all(sources) -> tuple[list[Document], list[list[Chunk]], Stage]:
    t = time.perf_counter()
    built = [build_document(s, ChunkParams()) for s in sources]
    secs = time.perf_counter() - t
    chars = sum(len(d.text) for d, _ in built)
    return [d for d, _ in built], [c for _, c in built], stage(secs, sum(len(c) for _, c in built), chars)


def _write(index_dir: Path, assembled: Assembled, tokens: list[list[str]], embedder: Embedder,
           stages: dict[str, Stage], note: str) -> None:
    """Write the index (BM25 and FAISS timed on their own), then publish it atomically."""
    chars = sum(len(indexed_text(c)) for c in assembled.chunks)
    t = time.perf_counter()
    LexicalIndex.build(tokens)
    stages["bm25_index"] = stage(time.perf_counter() - t, len(tokens), chars)
    params = DenseParams.for_size(len(assembled.chunks))
    t = time.perf_counter()
    dense = DenseIndex(build_faiss(assembled.vectors, params), params)
    stages["faiss"] = stage(time.perf_counter() - t, len(assembled.chunks), chars)
    manifest = _manifest(assembled, embedder, ChunkParams(), f"assembled:{note}", "e5-small", None)
    manifest.dense = DenseParams("flat")  # the writer's own build stays cheap; replaced below
    with build_lock(index_dir):
        tmp = new_tmp_dir(index_dir)
        write_index(tmp, assembled, manifest)
        dense.save(tmp / "index.faiss")
        m = Manifest.read(tmp)
        m.dense = params
        m.files, m.checksums = describe_files(tmp)
        (tmp / MANIFEST).write_text(m.to_json(), encoding="utf-8")
        publish(tmp, index_dir)
    (index_dir.parent / STAGES).write_text(json.dumps({k: asdict(v) for k, v in stages.items()}), encoding="utf-8")


def _embed_sample(chunks: list[Chunk], embedder: Embedder, sample: int) -> tuple[list[int], np.ndarray, Stage]:
    rows = sample_rows(len(chunks), sample)
    texts = [indexed_text(chunks[i]) for i in rows]
    t = time.perf_counter()
    vecs = embedder.embed_passages(texts, batch_size=16)
    return rows, vecs, stage(time.perf_counter() - t, len(texts), sum(map(len, texts)))


def _cached(name: str, questions: list[str], note: str, synthetic_note: str, log=print,
            seed: int = 0, keep_sample: bool = False) -> BenchCorpus | None:
    """The assembled corpus ``name`` if cached: upgraded to the current index format, and
    brought up to the current vector recipe and FAISS parameters (``seed``, and whether the
    really embedded sample keeps its rows, as when it was assembled)."""
    index_dir = cache_dir(name) / "index"
    stages_path = cache_dir(name) / STAGES
    if not ((index_dir / MANIFEST).exists() and stages_path.exists()):
        return None
    upgrade_cached(index_dir)
    real = None
    if keep_sample:
        sample = np.load(cache_dir(name) / REAL_SAMPLE)
        real = (sample_rows(Manifest.read(index_dir).n_chunks, len(sample)), sample)
    ensure_current(cache_dir(name), seed, real, log)
    raw = json.loads(stages_path.read_text(encoding="utf-8"))
    stages = {k: Stage(**v) for k, v in raw.items() if isinstance(v, dict)}
    return BenchCorpus(name, index_dir, questions, [], note, synthetic_note, stages)


CRUD_NOTE = "CRUD-RAG news (68,221 documents, 46.6M chars), really cleaned and chunked; RGB-zh questions"
CRUD_SYNTH = (f"vectors: {EMBED_SAMPLE} chunks (seeded sample) really embedded; every other vector is a real e5 "
              "passage vector (RGB-zh, CMRC 2018, bundled, the CRUD sample: 15,092) plus Gaussian noise shaped like "
              "real nearest-neighbour differences, cosine 0.93 to its source, renormalised; each is not the "
              "vector of its chunk's text. Text, chunks and BM25 are real.")
MILLION_NOTE = "the CRUD-RAG chunks repeated to a million rows; RGB-zh questions"
MILLION_SYNTH = ("text: the CRUD chunks repeated (copies after the first have a seeded 10% of their BM25 tokens "
                 "dropped); vectors: all synthetic, each a real e5 passage vector (15,092 of them, ~66 copies each) "
                 "plus Gaussian noise shaped like real nearest-neighbour differences, cosine 0.93 to its source, "
                 "renormalised; queries are real e5 embeddings of RGB-zh questions")


def crud(embedder: Embedder, log, limit: int | None = None, name: str = "crud-news",
         sample: int = EMBED_SAMPLE) -> BenchCorpus:
    """The CRUD-RAG corpus, assembled once (see the module docstring)."""
    found = _cached(name, rgb_questions(), CRUD_NOTE, CRUD_SYNTH, log, keep_sample=True)
    if found is not None:
        return found
    log(f"[{name}] reading and chunking the news documents")
    docs, chunk_lists, chunking = _chunk_all(crud_sources(limit))
    chunks = [c for cs in chunk_lists for c in cs]
    log(f"[{name}] embedding a sample of {sample} of {len(chunks):,} chunks")
    rows, real, embed = _embed_sample(chunks, embedder, sample)
    cache_dir(name).mkdir(parents=True, exist_ok=True)
    np.save(cache_dir(name) / REAL_SAMPLE, real)
    vectors, record = synthetic(len(chunks), seed=0)  # the pool includes the sample just saved
    vectors[rows] = real
    record["real_rows"] = len(rows)
    log(f"[{name}] tokenising for BM25")
    from qa.index.builder import tokenizer_words

    words = tokenizer_words(chunks)
    t = time.perf_counter()
    tokens = Tokenizer(words).tokens_many(indexed_text(c) for c in chunks)
    tok = stage(time.perf_counter() - t, len(chunks), sum(len(indexed_text(c)) for c in chunks))
    assembled = Assembled(docs, [len(c) for c in chunk_lists], chunks, vectors, words,
                          {c.id: tk for c, tk in zip(chunks, tokens)})
    log(f"[{name}] building BM25 and FAISS, writing the index")
    stages = {"chunking": chunking, "embed": embed, "bm25_tokenize": tok}
    _write(cache_dir(name) / "index", assembled, tokens, embedder, stages, name)
    (cache_dir(name) / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return _cached(name, rgb_questions(), CRUD_NOTE, CRUD_SYNTH, log, keep_sample=True)


def _copies(docs, chunk_lists, tokens, target: int):
    """Whole documents repeated until ``target`` chunks; later copies lose 10% of their tokens."""
    out_docs, counts, out_chunks, out_tokens = [], [], [], []
    k, rng = 0, random.Random(1)
    while len(out_chunks) < target:
        for d, cs, ts in zip(docs, chunk_lists, tokens):
            if len(out_chunks) >= target:
                break
            out_docs.append(replace(d, doc_id=f"{d.doc_id}~{k}"))
            counts.append(len(cs))
            for c, tk in zip(cs, ts):
                out_chunks.append(replace(c, id=f"{c.id}~{k}", doc_id=f"{c.doc_id}~{k}"))
                out_tokens.append(tk if k == 0 else [t for t in tk if rng.random() >= 0.1] or tk[:1])
        k += 1
    return out_docs, counts, out_chunks, out_tokens


def million(embedder: Embedder, log, target: int = MILLION, name: str = "synth-1m",
            base: str = "crud-news") -> BenchCorpus:
    """A million chunks from the assembled CRUD index (built first when missing)."""
    from qa.index.store import Index

    found = _cached(name, rgb_questions(), MILLION_NOTE, MILLION_SYNTH, log, seed=1)
    if found is not None:
        return found
    crud_corpus = crud(embedder, log, name=base)
    src = Index.load(crud_corpus.index_dir)
    log(f"[{name}] repeating {len(src):,} chunks to {target:,}")
    docs = [src.document(d.doc_id) for d in src.docs]
    chunk_lists = [src.chunks(d.chunk_lo, d.chunk_hi) for d in src.docs]
    tokens = src.tokens()
    token_lists = [tokens[d.chunk_lo : d.chunk_hi] for d in src.docs]
    out_docs, counts, chunks, out_tokens = _copies(docs, chunk_lists, token_lists, target)
    vectors, record = synthetic(len(chunks), seed=1)
    assembled = Assembled(out_docs, counts, chunks, vectors, src.manifest.words,
                          {c.id: tk for c, tk in zip(chunks, out_tokens)})
    stages = {k: v for k, v in crud_corpus.stages.items() if k in ("embed",)}
    log(f"[{name}] building BM25 and FAISS over {len(chunks):,} chunks, writing the index")
    _write(cache_dir(name) / "index", assembled, out_tokens, embedder, stages, name)
    (cache_dir(name) / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return _cached(name, rgb_questions(), MILLION_NOTE, MILLION_SYNTH, log, seed=1)


def prepare(name: str, embedder: Embedder, log) -> BenchCorpus | None:
    """The large corpus called ``name``, assembled on first use."""
    if name == "crud-news":
        return crud(embedder, log)
    if name == "synth-1m":
        return million(embedder, log)
    return None
