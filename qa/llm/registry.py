"""Registry of named LLM backends.

Three sources, in order of precedence:

1. names given to :func:`register` (so a test or an application can override anything);
2. the built-ins below, referenced by import string so that importing this module never
   imports ``httpx``, ``llama_cpp`` or the answer package;
3. third-party plugins advertised in the ``qa.llm`` entry-point group, e.g. in a
   plugin's ``pyproject.toml``::

       [project.entry-points."qa.llm"]
       my-backend = "my_pkg.backend:MyBackend"

   An entry point never shadows a built-in: installing a package must not silently
   change what ``--llm openai`` means.

A target is an import string ``"module:attr"`` or an object. The resolved object is
either a class with a ``from_settings(settings)`` classmethod or a plain callable
``factory(settings) -> LLM``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from qa.config import Settings
from qa.errors import ConfigError, UnknownBackendError
from qa.llm.base import LLM

ENTRY_POINT_GROUP = "qa.llm"

#: An import string ``"pkg.module:Attr"``, a class with ``from_settings`` or a factory.
Target = str | type | Callable[[Settings], LLM]

BUILTINS: dict[str, str] = {
    "openai": "qa.llm.openai:OpenAIBackend",
    "llama-cpp": "qa.llm.llama_cpp:LlamaCppBackend",
    "extractive": "qa.answer.backend:ExtractiveBackend",
}

_registered: dict[str, Target] = {}


def register(name: str, target: Target) -> None:
    """Make ``target`` available as backend ``name``; replaces any earlier entry.

    ``target`` is resolved only when :func:`get_llm` asks for ``name``.
    """
    if not name or not name.strip():
        raise ConfigError("an LLM backend name must not be empty")
    _registered[name] = target


def unregister(name: str) -> None:
    """Remove a name added with :func:`register` (built-ins and plugins stay)."""
    _registered.pop(name, None)


def available() -> list[str]:
    """All backend names that :func:`get_llm` accepts, sorted."""
    return sorted({*_registered, *BUILTINS, *_plugin_entry_points()})


def get_llm(name: str, settings: Settings) -> LLM:
    """Build the backend called ``name`` from ``settings``.

    Raises :class:`UnknownBackendError` (listing the valid names) for an unknown name and
    :class:`ConfigError` when the backend cannot be imported or built.
    """
    target = _lookup(name)
    factory = _resolve(name, target)
    llm = _build(name, factory, settings)
    if not isinstance(llm, LLM):
        raise ConfigError(
            f"LLM backend {name!r} built a {type(llm).__name__}, which is not an LLM",
            hint="a backend needs `name`, `generative` and `generate()`",
        )
    return llm


def _lookup(name: str) -> Target:
    if name in _registered:
        return _registered[name]
    if name in BUILTINS:
        return BUILTINS[name]
    plugins = _plugin_entry_points()
    if name in plugins:
        return plugins[name].value
    raise UnknownBackendError("LLM backend", name, available())


def _plugin_entry_points() -> dict[str, EntryPoint]:
    # Re-read each time: cheap next to building a backend, and a plugin installed while
    # a long-lived process runs is then picked up.
    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {name: ep for name, ep in found.items() if name not in BUILTINS}


def _resolve(name: str, target: Target) -> Any:
    if not isinstance(target, str):
        return target
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        missing = getattr(exc, "name", None) or module_name
        raise ConfigError(
            f"LLM backend {name!r} is not available: cannot import {missing!r} ({exc})",
            hint=f"install the package that provides {module_name!r} or pick another "
            f"backend: {', '.join(available())}",
        ) from exc
    obj: Any = module
    for part in filter(None, attr.split(".")):
        try:
            obj = getattr(obj, part)
        except AttributeError as exc:
            raise ConfigError(
                f"LLM backend {name!r} is not available: {target!r} does not exist"
            ) from exc
    return obj


def _build(name: str, factory: Any, settings: Settings) -> Any:
    from_settings = getattr(factory, "from_settings", None)
    if callable(from_settings):
        return from_settings(settings)
    if callable(factory):
        return factory(settings)
    raise ConfigError(
        f"LLM backend {name!r} resolves to {factory!r}, which has no from_settings()",
    )
