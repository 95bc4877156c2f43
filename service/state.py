"""The service's view of the index: one immutable snapshot, replaced as a whole.

Readers take the current :class:`Snapshot` once per request and use only it, so a
question is answered from one consistent index even while a document is being
indexed. Writers (upload, delete) run one at a time under a lock: change the corpus,
build the new index with :func:`qa.index.builder.build_index` (which publishes it
atomically), load it, and swap the reference. An old snapshot is never closed or
mutated: requests still using it finish with it, and it is freed when the last one
lets go (its files stay readable through open handles after the directory swap).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from embeddings import Embedder
from qa.answer.pipeline import Answerer, warm_up
from qa.config import Settings
from qa.errors import IndexNotFoundError, IndexStoreError, QAError
from qa.factory import embedder_for, make_embedder, store_spec
from qa.index.binding import bind_at_start
from qa.index.builder import BuildReport, build_index
from qa.index.store import Index
from qa.llm.base import LLM
from qa.llm.registry import get_llm
from qa.retrieve import Retriever
from qa.text.chunk import ChunkParams
from service.errors import InternalErrors
from service.jobs import Job, JobQueue

log = logging.getLogger("service")

Undo = Callable[[], None]

@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a request needs to read, built together from one index."""

    index: Index
    retriever: Retriever
    answerer: Answerer
    generation: int


class LockedEmbedder(Embedder):
    """Serialises calls: the native engine parallelises each call itself, and concurrent
    calls from many request threads would only oversubscribe the cores."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._lock = threading.Lock()
        self.queued = 0  # queries waiting for or in the engine (the /metrics embedding queue)
        self._count_lock = threading.Lock()

    def embed_query(self, text: str) -> np.ndarray:
        self._count(1)
        try:
            with self._lock:
                return self.inner.embed_query(text)
        finally:
            self._count(-1)

    def _count(self, change: int) -> None:
        with self._count_lock:
            self.queued += change

    def embed_passages(self, texts: Sequence[str], *, batch_size: int = 16, progress=None) -> np.ndarray:
        with self._lock:
            return self.inner.embed_passages(texts, batch_size=batch_size, progress=progress)


class LLMCache:
    """Builds each named LLM backend once (a local model is loaded once, not per question)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._built: dict[str, LLM] = {}
        self._lock = threading.Lock()

    def __call__(self, name: str) -> LLM:
        with self._lock:
            if name not in self._built:
                self._built[name] = get_llm(name, self.settings)
            return self._built[name]


class ServiceState:
    """Holds the current snapshot and serialises index writers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.llms = LLMCache(settings)
        self.internal = InternalErrors()
        self.jobs = JobQueue()
        self._snapshot: Snapshot | None = None
        self._load_error: QAError | None = None
        self._writer = threading.Lock()
        self._query_embedder: Embedder | None = None
        self._build_embedder: Embedder | None = None
        self._build_embedder_key: tuple[str, str | None] | None = None
        self._generation = 0

    def start(self) -> None:
        """Load the index if there is one; without it the service runs and says so."""
        try:
            # an index built from another folder is refused (an upload would drop its documents)
            bind_at_start(self.settings.index_dir, self.settings.corpus_dir)
            self._swap(Index.load(self.settings.index_dir, store_uri=self.settings.store_uri))
        except IndexStoreError as exc:
            self._load_error = exc
            log.warning("no usable index: %s", exc)

    @property
    def load_error(self) -> QAError | None:
        return self._load_error if self._snapshot is None else None

    @property
    def embedding_queue(self) -> int:
        """Queries waiting for (or in) the query embedder."""
        embedder = self._query_embedder
        return embedder.queued if isinstance(embedder, LockedEmbedder) else 0

    def current(self) -> Snapshot | None:
        """The current snapshot, or None before an index exists."""
        return self._snapshot

    def snapshot(self) -> Snapshot:
        """The current snapshot (a plain reference read: readers never wait for writers)."""
        snap = self._snapshot
        if snap is None:
            raise self._load_error or IndexNotFoundError(
                f"no index at {self.settings.index_dir.name}", hint="build one with `qa index` or upload a document")
        return snap

    def change_corpus(self, change: Callable[[], Undo], job: Job | None = None) -> tuple[Snapshot, BuildReport]:
        """Apply ``change`` to the corpus, re-index and publish; undo the change if indexing fails.

        ``change`` returns a function that reverts it. Writers run one at a time. ``job``,
        when given, is told how far reading and embedding got.
        """
        with self._writer:
            undo = change()
            try:
                report = self._build(job)
            except BaseException:
                undo()
                raise
            return self._swap(Index.load(self.settings.index_dir, store_uri=self.settings.store_uri)), report

    def rebuild(self) -> BuildReport:
        """Re-index the corpus as it is (used to restore after a rejected change)."""
        with self._writer:
            report = self._build()
            self._swap(Index.load(self.settings.index_dir, store_uri=self.settings.store_uri))
            return report

    def _build(self, job: Job | None = None) -> BuildReport:
        backend, model, size = self._build_params()
        if self._build_embedder is None or self._build_embedder_key != (backend, model):
            # a separate instance from the query embedder: building never blocks questions
            self._build_embedder = make_embedder(backend, model, cache=False)
            self._build_embedder_key = (backend, model)
        return build_index(self.settings.corpus_dir, self.settings.index_dir, self._build_embedder,
                           ChunkParams(size), embedder_backend=backend, embedder_model=model,
                           batch_size=self.settings.embed_batch_size, progress=_embedding_progress(job),
                           lexicon=self.settings.lexicon, store=store_spec(self.settings),
                           read=self.settings.read_options(job.progress if job else None))

    def _build_params(self) -> tuple[str, str | None, int]:
        """Keep the current index's embedder and chunking so updates stay incremental."""
        snap = self._snapshot
        if snap is not None:
            m = snap.index.manifest
            return m.embedder_backend, m.embedder_model, m.chunk_size
        s = self.settings
        return s.embedder, s.embedder_model, s.chunk_size

    @staticmethod
    def _warm_up(snap: Snapshot) -> None:
        """One-time set-up of a new snapshot (see :func:`qa.answer.pipeline.warm_up`); a failure
        is logged, never fatal: the question that hits it later reports it properly."""
        try:
            warm_up(snap.answerer)
        except Exception:  # noqa: BLE001 - warming up must not stop the service from starting
            log.exception("warm-up failed")

    def _swap(self, index: Index) -> Snapshot:
        embedder = self._query_embedder
        if embedder is None or embedder.name != index.manifest.embedder:
            embedder = LockedEmbedder(embedder_for(index))
            self._query_embedder = embedder
        retriever = Retriever(index, embedder)
        self._generation += 1
        snap = Snapshot(index, retriever, Answerer(retriever, self.settings, llm_factory=self.llms),
                        self._generation)
        self._warm_up(snap)  # before publishing it: no reader pays for the snapshot's lazy set-up
        self._snapshot = snap  # one reference assignment: readers see the old or the new, never half
        self._load_error = None
        return snap


def _embedding_progress(job: Job | None):
    """A build progress factory that reports embedding to ``job``."""
    if job is None:
        return None

    def factory(total: int, label: str):
        done = [0]
        job.progress(label, 0, total)

        def tick(n: int) -> None:
            done[0] += n
            job.progress(label, min(done[0], total), total)

        return tick

    return factory
