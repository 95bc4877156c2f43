"""Typed FastAPI dependencies: the service state, the current snapshot, settings, the API key."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from qa.config import Settings
from qa.errors import AuthError
from service.state import ServiceState, Snapshot

_bearer = HTTPBearer(auto_error=False, description="required for upload and delete when QA_API_KEY is set")


def get_state(request: Request) -> ServiceState:
    """The state created by :func:`service.app.create_app`."""
    return request.app.state.service


def get_settings(state: Annotated[ServiceState, Depends(get_state)]) -> Settings:
    return state.settings


def get_snapshot(state: Annotated[ServiceState, Depends(get_state)]) -> Snapshot:
    """Taken once per request: the whole request reads this one index."""
    return state.snapshot()


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """When ``settings.api_key`` is set, demand ``Authorization: Bearer <key>``."""
    if not settings.api_key:
        return
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("this operation needs the API key", hint="send the header Authorization: Bearer <key>")
    if not hmac.compare_digest(credentials.credentials.encode(), settings.api_key.encode()):
        raise AuthError("the API key is wrong", hint="send the key configured as QA_API_KEY")


StateDep = Annotated[ServiceState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
ApiKey = Depends(require_api_key)
