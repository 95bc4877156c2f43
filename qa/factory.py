"""Building the runtime objects from settings: the embedder, the index, the retriever.

Shared by the CLI and the service's app factory so both wire things the same way.
"""

from __future__ import annotations

from embeddings import CachedEmbedder, Embedder, MissingDependencyError, UnknownEmbedderError, get_embedder
from embeddings import available as available_embedders
from qa.config import Settings
from qa.errors import ConfigError, EmbedderError, IndexStoreError, UnknownBackendError
from qa.index.manifest import Manifest
from qa.index.store import Index
from qa.index.stores import StoreSpec, check_spec
from qa.retrieve import Retriever


def make_embedder(backend: str, model: str | None = None, cache: bool = True) -> Embedder:
    """The embedder registered as ``backend`` (errors become QAErrors with a hint)."""
    options = {"model": model} if model else {}
    try:
        embedder = get_embedder(backend, **options)
    except UnknownEmbedderError as exc:
        raise UnknownBackendError("embedder", backend, available_embedders()) from exc
    except MissingDependencyError as exc:
        raise EmbedderError(str(exc), hint=f"install them with pip install 'zhqa[{exc.extra}]'") from exc
    except ValueError as exc:
        raise ConfigError(str(exc), hint="set --embedder-model / QA_EMBEDDER_MODEL") from exc
    except (OSError, RuntimeError, ImportError) as exc:
        raise EmbedderError(f"cannot load embedder {backend!r}: {exc}") from exc
    return CachedEmbedder(embedder) if cache else embedder


def load_index(settings: Settings, explicit_embedder: bool = False) -> Index:
    """Load the index; when the user named an embedder explicitly it must match."""
    expected = None
    if explicit_embedder:
        expected = make_embedder(settings.embedder, settings.embedder_model, cache=False).name
    return Index.load(settings.index_dir, embedder=expected, store_uri=settings.store_uri)


def store_spec(settings: Settings) -> StoreSpec:
    """The store to index into: the settings' (``--store``, ``QA_STORE``), else the one the
    index records, else ``local``; its URI and keyword mode likewise."""
    try:
        recorded = Manifest.read(settings.index_dir).store
    except IndexStoreError:
        recorded = {}
    name = settings.store or recorded.get("name", "local")
    same = recorded.get("name") == name
    uri = settings.store_uri or (recorded.get("uri") if same else None)
    keyword = settings.store_keyword or (recorded.get("keyword") if same else None) or "ours"
    return check_spec(name, uri, keyword)


def embedder_for(index: Index) -> Embedder:
    """The embedder the index was built with."""
    m = index.manifest
    embedder = make_embedder(m.embedder_backend, m.embedder_model)
    if embedder.name != m.embedder:
        raise EmbedderError(
            f"the embedder {m.embedder_backend!r} now reports {embedder.name!r}, the index has {m.embedder!r}",
            hint="rebuild the index with `qa index --rebuild`",
        )
    return embedder


def make_retriever(index: Index, embedder: Embedder | None = None) -> Retriever:
    return Retriever(index, embedder or embedder_for(index))

