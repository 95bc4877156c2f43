"""Typed FastAPI dependencies: the service state, the current snapshot, settings, the API key."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from qa.config import Settings
from qa.errors import AuthError, ForbiddenError
from service.state import ServiceState, Snapshot
from service.streaming import StreamPool

_bearer = HTTPBearer(auto_error=False, description="required for upload and delete when QA_API_KEY is set")


async def get_state(request: Request) -> ServiceState:
    """The state created by :func:`service.app.create_app`."""
    return request.app.state.service


async def get_settings(state: Annotated[ServiceState, Depends(get_state)]) -> Settings:
    return state.settings


async def get_snapshot(state: Annotated[ServiceState, Depends(get_state)]) -> Snapshot:
    """Taken once per request: the whole request reads this one index."""
    return state.snapshot()


async def get_streams(request: Request) -> StreamPool:
    """The threads that produce streamed answers (see :class:`service.streaming.StreamPool`)."""
    return request.app.state.streams


def is_local(request: Request) -> bool:
    """Whether the client is on this machine (a loopback address, or a Unix socket)."""
    if request.client is None:
        return True
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:  # not an IP address: a test client or a Unix socket path
        return request.client.host in ("localhost", "testclient")


async def require_api_key(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """When ``settings.api_key`` is set, demand ``Authorization: Bearer <key>``; without a key,
    accept only clients on this machine unless ``settings.open_uploads``."""
    if not settings.api_key:
        if settings.open_uploads or is_local(request):
            return
        raise ForbiddenError("without an API key, this server accepts uploads and deletes only from its own "
                             "machine", hint="start it with --api-key KEY and send Authorization: Bearer KEY, "
                                             "or with --open-uploads to let any client change the documents")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("this operation needs the API key", hint="send the header Authorization: Bearer <key>")
    if not hmac.compare_digest(credentials.credentials.encode(), settings.api_key.encode()):
        raise AuthError("the API key is wrong", hint="send the key configured as QA_API_KEY")


StateDep = Annotated[ServiceState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
StreamsDep = Annotated[StreamPool, Depends(get_streams)]
ApiKey = Depends(require_api_key)
