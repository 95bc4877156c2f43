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
from qa.conversation.store import ConversationStore
from qa.errors import IndexNotFoundError, IndexStoreError, QAError
from qa.factory import embedder_for, make_embedder, store_spec
from qa.index.binding import bind_at_start
from qa.index.builder import BuildReport, build_index
from qa.index.manifest import MANIFEST
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

    def __init__(self, settings: Settings, query_embedder: Callable[[Index], Embedder] | None = None) -> None:
        """``query_embedder(index)`` builds the embedder questions use (default: the index's
        own embedder in this process, serialised); ``qa serve --ray`` passes a remote one."""
        self.settings = settings
        self._make_query_embedder = query_embedder or (lambda index: LockedEmbedder(embedder_for(index)))
        self.llms = LLMCache(settings)
        self.internal = InternalErrors()
        # several processes serving one index folder (`qa serve --ray`) share their upload jobs
        shared = settings.index_dir.with_name(settings.index_dir.name + ".jobs") if settings.follow_index_s else None
        self.jobs = JobQueue(shared)
        self._snapshot: Snapshot | None = None
        self._load_error: QAError | None = None
        self._writer = threading.Lock()
        self._query_embedder: Embedder | None = None
        self._build_embedder: Embedder | None = None
        self._build_embedder_key: tuple[str, str | None] | None = None
        self._generation = 0
        self._conversations: ConversationStore | None = None
        self._conversations_lock = threading.Lock()
        self._loaded_stamp: tuple[int, int] | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Load the index if there is one; without it the service runs and says so."""
        try:
            # an index built from another folder is refused (an upload would drop its documents)
            bind_at_start(self.settings.index_dir, self.settings.corpus_dir)
            self._swap(self._load_index())
        except IndexStoreError as exc:
            self._load_error = exc
            log.warning("no usable index: %s", exc)

    def conversations(self) -> ConversationStore:
        """The conversation store, opened on first use (a failure is a 503 on the requests that need it)."""
        with self._conversations_lock:
            if self._conversations is None:
                s = self.settings
                self._conversations = ConversationStore(s.conversations_path(), max_conversations=s.max_conversations,
                                                        max_turns=s.max_conversation_turns)
            return self._conversations

    def close(self) -> None:
        """Close what the state opened (the conversation store)."""
        with self._conversations_lock:
            if self._conversations is not None:
                self._conversations.close()
                self._conversations = None

    def follow(self, interval_s: float) -> None:
        """Reload whenever another process published a new index in the same folder (checked every
        ``interval_s``): the replicas of ``qa serve --ray`` each hold a snapshot, and an upload
        through one of them must reach the others."""
        def loop() -> None:
            while not self._stop.wait(interval_s):
                self._reload_if_changed()

        threading.Thread(target=loop, name="index-follow", daemon=True).start()

    def stop(self) -> None:
        """Stop following the index folder."""
        self._stop.set()

    def _reload_if_changed(self) -> None:
        if _stamp(self.settings.index_dir) in (None, self._loaded_stamp):
            return
        if not self._writer.acquire(blocking=False):
            return  # this process is writing: it publishes and swaps in its own index
        try:
            if _stamp(self.settings.index_dir) != self._loaded_stamp:
                self._swap(self._load_index())
                log.info("loaded the index another process published (generation %d)", self._generation)
        except QAError as exc:
            log.warning("could not load the new index: %s", exc)
        finally:
            self._writer.release()

    def _load_index(self) -> Index:
        # the stamp before the load: a publish during the load is seen (and loaded) at the next check
        self._loaded_stamp = _stamp(self.settings.index_dir)
        return Index.load(self.settings.index_dir, store_uri=self.settings.store_uri)

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
            return self._swap(self._load_index()), report

    def rebuild(self) -> BuildReport:
        """Re-index the corpus as it is (used to restore after a rejected change)."""
        with self._writer:
            report = self._build()
            self._swap(self._load_index())
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
        except Exception:
            log.exception("warm-up failed")

    def _swap(self, index: Index) -> Snapshot:
        embedder = self._query_embedder
        if embedder is None or embedder.name != index.manifest.embedder:
            embedder = self._make_query_embedder(index)
            self._query_embedder = embedder
        retriever = Retriever(index, embedder)
        self._generation += 1
        snap = Snapshot(index, retriever, Answerer(retriever, self.settings, llm_factory=self.llms),
                        self._generation)
        self._warm_up(snap)  # before publishing it: no reader pays for the snapshot's lazy set-up
        self._snapshot = snap  # one reference assignment: readers see the old or the new, never half
        self._load_error = None
        return snap


def _stamp(index_dir) -> tuple[int, int] | None:
    """Identifies the published index: a publish renames a new folder into place, so the
    manifest is a new file (inode, modification time)."""
    try:
        st = (index_dir / MANIFEST).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


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
