"""Joining the Ray cluster of a running ``qa serve --ray`` (``service/ray_serve.py``) as a driver:
its address, the names of its Serve application and deployments, and the embedder's batch sizes.

Shared by the service, the load test (``eval.bench.serving_ray``) and the tests. Ray is optional
(``pip install 'zhqa[ray]'``); nothing here imports it until used.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "zhqa"  # the Serve application
EMBEDDER = "QueryEmbedder"  # its batched query-embedder deployment
INGRESS = "Ingress"  # its FastAPI deployment


def connect(address: str) -> None:
    """Join the Ray cluster at ``address`` as a driver (a no-op when already connected).

    Ray 2.5x turns on token authentication for a local cluster and keeps the token in
    ``~/.ray/auth_token``; it uses that token by itself only for ``address="auto"``. An explicit
    address on a machine that has a token gets the same treatment here (``RAY_AUTH_MODE`` wins)."""
    import ray

    if ray.is_initialized():
        return
    token_auth_if_available()
    ray.init(address=address, log_to_driver=False)


def token_auth_if_available() -> None:
    """Use the machine's Ray token (``~/.ray/auth_token``) unless ``RAY_AUTH_MODE`` says otherwise."""
    if "RAY_AUTH_MODE" not in os.environ and (Path.home() / ".ray" / "auth_token").is_file():
        os.environ["RAY_AUTH_MODE"] = "token"
        # Ray read its settings when imported: make it read them again
        from ray._raylet import Config

        Config.initialize("")


def embedder_stats(address: str) -> dict:
    """The query embedder's batch sizes so far: ``{"batches": {size: engine calls}, "questions": n,
    "pid": pid}`` (one embedder replica's, when there are several)."""
    from ray import serve

    connect(address)
    return serve.get_deployment_handle(EMBEDDER, app_name=APP_NAME).stats.remote().result(timeout_s=60)
