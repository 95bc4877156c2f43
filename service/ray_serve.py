"""``qa serve --ray``: the same FastAPI app served by Ray Serve, with a batched query embedder.

Two deployments in one Serve application (``zhqa``):

* ``QueryEmbedder`` holds the embedding model. Questions arriving at about the same time from
  any ingress replica are embedded in one engine call (``@serve.batch``): while the engine is
  busy, the next questions queue and go in together, so throughput grows with load instead of
  every question waiting for the one before it. It counts the batch sizes it reached.
* ``Ingress`` is :func:`service.app.create_app` unchanged (the same routes, page and errors),
  N replicas (or autoscaled), each loading the index itself; only its query embedding goes to
  ``QueryEmbedder`` through a deployment handle.

On one machine a local Ray is started (``num_cpus`` = the cores); with ``--ray-address`` the
app joins an existing cluster, whose nodes need this package installed and the index and
corpus folders at the same paths (a shared file system). Ray is optional: ``pip install
'zhqa[ray]'``. Importing this module imports Ray; nothing is started until :func:`serve_forever`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections import Counter
from collections.abc import Sequence

import numpy as np
from ray import serve

from embeddings import CachedEmbedder, Embedder
from qa.config import Settings
from qa.errors import EmbedderError, ServeStartError
from qa.factory import make_embedder
from qa.index.store import Index
from qa.ray_cluster import APP_NAME, EMBEDDER, INGRESS, token_auth_if_available

CALL_TIMEOUT_S = 120.0  # a question waiting for the embedder longer than this fails with 503
# Serve's controller reads these when it starts; a cluster joined by address keeps its own
PROXY_CHECK_TIMEOUTS = ("RAY_SERVE_PROXY_READY_CHECK_TIMEOUT_S", "RAY_SERVE_PROXY_HEALTH_CHECK_TIMEOUT_S")


class QueryEmbedderDeployment:
    """One embedding model; concurrent questions are embedded together (``@serve.batch``)."""

    def __init__(self, backend: str, model: str | None, batch_size: int, wait_s: float) -> None:
        self._embedder = make_embedder(backend, model, cache=False)
        self._info = {"name": self._embedder.name, "dim": int(self._embedder.dim),
                      "backend": backend, "model": model}
        self._batches: Counter[int] = Counter()  # batch size -> engine calls of that size
        self.embed.set_max_batch_size(batch_size)
        self.embed.set_batch_wait_timeout_s(wait_s)

    def info(self) -> dict:
        """The embedder's name and dimension (an index records the name and refuses another)."""
        return dict(self._info)

    def stats(self) -> dict:
        """Batch sizes reached so far: ``{"batches": {size: calls}, "questions": n, "pid": pid}``."""
        return {"batches": dict(sorted(self._batches.items())),
                "questions": sum(size * n for size, n in self._batches.items()), "pid": os.getpid()}

    @serve.batch(max_batch_size=16, batch_wait_timeout_s=0.002)  # both reset from Settings in __init__
    async def embed(self, texts: list[str]) -> list[np.ndarray]:
        # in a thread: the event loop keeps accepting the next questions, which form the next batch
        vectors = await asyncio.to_thread(self._embedder.embed_queries, texts)
        self._batches[len(texts)] += 1
        return list(vectors)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embedder.embed_passages(texts)


class RemoteQueryEmbedder(Embedder):
    """An :class:`Embedder` whose queries go to the ``QueryEmbedder`` deployment (called from the
    request threads of an ingress replica, never from its event loop)."""

    def __init__(self, handle, timeout_s: float = CALL_TIMEOUT_S) -> None:
        self._handle, self._timeout = handle, timeout_s
        info = self._call(handle.info)
        self.name, self.dim = info["name"], info["dim"]

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._call(self._handle.embed, text), dtype=np.float32)

    def embed_passages(self, texts: Sequence[str], *, batch_size: int = 16, progress=None) -> np.ndarray:
        vectors = self._call(self._handle.passages, list(texts))
        if progress is not None:
            progress(len(texts))
        return vectors

    def _call(self, method, *args):
        try:
            return method.remote(*args).result(timeout_s=self._timeout)
        except Exception as exc:
            raise EmbedderError(f"the query embedder did not answer: {type(exc).__name__}",
                                hint="retry in a moment; Ray Serve restarts a failed replica") from exc


def remote_query_embedder(handle):
    """A ``query_embedder`` factory for :func:`service.app.create_app`: the remote embedder, with
    the usual query cache in front, checked against the index it serves."""

    def build(index: Index) -> Embedder:
        remote = RemoteQueryEmbedder(handle)
        if remote.name != index.manifest.embedder:
            raise EmbedderError(f"the Ray query embedder is {remote.name!r}; the index was built with "
                                f"{index.manifest.embedder!r}", hint="restart `qa serve --ray`")
        return CachedEmbedder(remote)

    return build


class IngressDeployment:
    """The FastAPI app of :func:`service.app.create_app`, built in each replica."""

    def __init__(self, settings: dict, embedder) -> None:
        self._settings = Settings(**settings)
        self._embedder = embedder

    def __serve_build_asgi_app__(self):
        from service.app import create_app

        return create_app(self._settings, query_embedder=remote_query_embedder(self._embedder))


def build_application(s: Settings, backend: str, model: str | None):
    """The bound Serve application: ingress replicas over one (or more) batched embedders."""
    # Ray would set OMP_NUM_THREADS to the actor's CPU reservation; the engine wants the cores
    threads = s.ray_embedder_threads or os.cpu_count() or 1
    embedder = serve.deployment(QueryEmbedderDeployment, name=EMBEDDER).options(
        num_replicas=s.ray_embedder_replicas, max_ongoing_requests=max(64, 4 * s.query_batch_size),
        ray_actor_options={"num_cpus": s.ray_embedder_cpus,
                           "runtime_env": {"env_vars": {"OMP_NUM_THREADS": str(threads)}}},
        health_check_timeout_s=s.ray_health_timeout_s,
    ).bind(backend, model, s.query_batch_size, s.query_batch_wait_ms / 1000)
    scaling: dict = {"num_replicas": s.ray_replicas}
    if s.ray_max_replicas:
        scaling = {"autoscaling_config": {"min_replicas": s.ray_replicas,
                                          "max_replicas": max(s.ray_max_replicas, s.ray_replicas),
                                          "target_ongoing_requests": s.ray_target_requests}}
    ingress = serve.deployment(serve.ingress()(IngressDeployment), name=INGRESS).options(
        ray_actor_options={"num_cpus": s.ray_replica_cpus}, max_ongoing_requests=256,
        health_check_timeout_s=s.ray_health_timeout_s, **scaling)
    return ingress.bind(s.model_dump(mode="json"), embedder)


def start_ray(s: Settings, cpus_needed: float) -> None:
    """Join ``s.ray_address``, or start a local Ray with this machine's cores."""
    import ray

    if ray.is_initialized():
        return
    if s.ray_address:
        token_auth_if_available()
    local_cpus = max(os.cpu_count() or 1, int(cpus_needed + 0.999))  # reservations, not a hard cap
    if not s.ray_address:  # the local Ray's processes (Serve's controller among them) inherit these
        for name in PROXY_CHECK_TIMEOUTS:
            os.environ.setdefault(name, str(s.ray_health_timeout_s))
    ray.init(address=s.ray_address, num_cpus=None if s.ray_address else local_cpus,
             include_dashboard=False, log_to_driver=False)


def start_serve(s: Settings, attempts: int = 2) -> None:
    """Start Serve's controller and HTTP proxy; a start that failed is tried once more.

    Serve gives its proxy a fixed 60 s to come up and kills one that misses its ready checks: on
    an overloaded machine the first start can fail while the second, with the imports cached, does not."""
    from ray.exceptions import RayActorError

    for attempt in range(1, attempts + 1):
        try:
            serve.start(http_options={"host": s.host, "port": s.port})
            return
        except (TimeoutError, RayActorError) as e:
            serve.shutdown()
            if attempt == attempts:
                raise ServeStartError(f"Ray Serve did not start ({attempts} tries): {e}",
                                      hint="the machine is probably too busy: try again when it is less "
                                           "loaded, or serve without Ray (`qa serve`)") from e


def serve_forever(s: Settings, backend: str, model: str | None, ready=None) -> None:
    """Deploy the application, call ``ready(address)`` with the Ray cluster's address, block until
    SIGINT/SIGTERM, then shut Serve down."""
    import ray

    cpus = s.ray_replicas * s.ray_replica_cpus + s.ray_embedder_replicas * s.ray_embedder_cpus
    start_ray(s, cpus)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        start_serve(s)
        serve.run(build_application(s, backend, model), name=APP_NAME, route_prefix="/")
        if ready is not None:
            ready(ray.get_runtime_context().gcs_address)
        stop.wait()
    finally:
        serve.shutdown()
        ray.shutdown()
