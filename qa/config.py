"""Settings: the one place that reads environment variables and the config file.

Every setting has an environment variable ``QA_<NAME>`` (``QA_INDEX_DIR``, ``QA_LLM``,
...) and a key in ``zhqa.toml`` in the working directory (``index_dir = "my-index"``);
CLI flags override variables, which override the file. The OpenAI-compatible key also
honours the conventional ``OPENAI_API_KEY``.

Paths default to the working directory (``./corpus``, ``./.qa-index``), never to the
folder the program is installed in: a user runs ``qa`` in their own folder. Relative
paths in ``zhqa.toml`` are relative to the file's folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from qa.errors import ConfigError
from qa.formats.base import Progress, ReadOptions

CONFIG_FILE = "zhqa.toml"
_PATH_KEYS = ("corpus_dir", "index_dir", "llm_gguf_path", "conversations_db")


def project_root() -> Path:
    """The repository (install) root when running from a checkout, else the working directory.

    Only for the project's own resources (gold sets, benchmark data, recorded results);
    user-facing defaults use :func:`work_dir`.
    """
    here = Path(__file__).resolve().parents[1]
    return here if (here / "pyproject.toml").exists() else Path.cwd()


def work_dir() -> Path:
    """The folder user-facing defaults are relative to: the working directory."""
    return Path.cwd()


class Settings(BaseSettings):
    """All configuration of the CLI and the service."""

    model_config = SettingsConfigDict(
        env_prefix="QA_", extra="ignore", validate_assignment=True, populate_by_name=True
    )

    # where things are
    corpus_dir: Path = Field(default_factory=lambda: work_dir() / "corpus")
    index_dir: Path = Field(default_factory=lambda: work_dir() / ".qa-index")
    # the corpus's vocabulary (qa/lexicon.py); None: <corpus_dir>/lexicon.json when present; "none": no lexicon
    lexicon: Path | None = None

    # what answers the searches (qa/index/stores): "local" (FAISS + bm25s files) or "milvus";
    # None: the one the index records (local for a new index). store_uri: a Milvus Lite file
    # (*.db) or http://host:19530. store_keyword (milvus): "ours" (our BM25 as sparse vectors)
    # or "builtin" (Milvus's BM25 with its jieba analyzer; kept for measuring, see docs/milvus.md)
    store: str | None = None
    store_uri: str | None = None
    store_keyword: str | None = None

    # embedding
    embedder: str = "e5-small"
    embedder_model: str | None = None  # model dir or hub name for sentence-transformers
    embed_batch_size: int = Field(default=16, ge=1, le=1024)

    # chunking (characters)
    chunk_size: int = Field(default=200, ge=40, le=4000)

    # reading documents (qa/formats): limits, and OCR for pages without a text layer
    max_document_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    max_pages: int = Field(default=300, ge=1)
    max_unzipped_bytes: int = Field(default=200 * 1024 * 1024, ge=1)  # a .docx unpacked (zip bombs)
    ocr: bool = True
    ocr_cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "zhqa" / "ocr")

    # retrieval
    top_k: int = Field(default=5, ge=1, le=100)

    # answering
    # the span reader inside the extractive composer (qa/reader): "trained" or "none" (the rules alone).
    # "trained" since it holds every gold set's floor (eval/floors.json) and carries over to text nobody
    # tuned for (CMRC 2018, RGB-zh: docs/reader.md); "none" answers in ~45 ms instead of ~180
    reader: str = "trained"
    llm: str = "extractive"
    llm_base_url: str = "http://127.0.0.1:8080/v1"
    llm_model: str = "default"
    llm_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("QA_LLM_API_KEY", "OPENAI_API_KEY")
    )
    llm_timeout: float = Field(default=30.0, gt=0)
    llm_retries: int = Field(default=2, ge=0, le=10)
    llm_max_tokens: int = Field(default=256, ge=16, le=8192)
    llm_gguf_path: Path | None = None
    # some chat templates (Gemma's) drop system messages: send the instructions in the user turn
    llm_system_in_user: bool = False

    # service
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    api_key: str | None = None  # bearer token required for upload/delete when set
    cors_origins: list[str] = Field(default_factory=list)
    max_question_chars: int = Field(default=500, ge=1)
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1)
    max_request_bytes: int = Field(default=6 * 1024 * 1024, ge=1)
    delete_removes_file: bool = False  # when false, deleted documents move to corpus/.deleted/
    # without an API key, uploads and deletes are accepted from loopback clients only, unless this is set
    open_uploads: bool = False
    body_timeout: float = Field(default=30.0, gt=0)  # seconds to receive a whole request body
    # per-client limits (limits' notation: "N/second|minute|hour", several joined by ";"); an empty
    # string disables one. Generous: the page, the tests and a load test from one client stay below.
    rate_limit_ask: str = "3000/minute"
    rate_limit_search: str = "6000/minute"
    rate_limit_upload: str = "300/minute"
    stream_workers: int = Field(default=64, ge=1, le=1024)  # threads producing streamed answers

    # conversations (qa/conversation): the SQLite file that keeps them (None: next to the index,
    # <index_dir>.conversations.sqlite3, outside the index folder that re-indexing replaces) and its bounds
    conversations_db: Path | None = None
    max_conversations: int = Field(default=1000, ge=1)  # the least recently updated are removed beyond this
    max_conversation_turns: int = Field(default=100, ge=1)  # per conversation; the oldest turns go first
    max_history_turns: int = Field(default=20, ge=1, le=1000)  # earlier turns a request may send

    def conversations_path(self) -> Path:
        """Where conversations are stored (see ``conversations_db``)."""
        return self.conversations_db or self.index_dir.with_name(self.index_dir.name + ".conversations.sqlite3")
    # serving on Ray Serve (`qa serve --ray`; service/ray_serve.py). Without an address a local Ray
    # is started on this machine; with one (ray://host:10001 or "auto") the app joins that cluster.
    ray_address: str | None = None
    ray_replicas: int = Field(default=2, ge=1, le=1024)  # FastAPI ingress replicas (the minimum when autoscaling)
    ray_max_replicas: int | None = Field(default=None, ge=1, le=1024)  # set: autoscale up to this many
    ray_target_requests: float = Field(default=8.0, gt=0)  # autoscaling: ongoing requests per ingress replica
    ray_replica_cpus: float = Field(default=0.5, ge=0)  # CPUs Ray reserves per ingress replica
    ray_embedder_replicas: int = Field(default=1, ge=1, le=1024)  # batched query-embedder replicas
    ray_embedder_cpus: float = Field(default=1.0, ge=0)  # CPUs Ray reserves per embedder replica
    ray_embedder_threads: int | None = Field(default=None, ge=1, le=256)  # engine threads (default: cores)
    # how long Serve waits on a proxy's or replica's ready/health check before it kills it: Ray's
    # 5-30 s defaults killed the proxy of a local Ray starting on a loaded 2-core machine
    ray_health_timeout_s: float = Field(default=120.0, gt=0)
    query_batch_size: int = Field(default=16, ge=1, le=256)  # most questions embedded in one engine call
    # > 0: reload the index when another process published a new one (checked every N seconds);
    # `qa serve --ray` sets 1 so that an upload through one replica reaches the others
    follow_index_s: float = Field(default=0.0, ge=0)
    query_batch_wait_ms: float = Field(default=2.0, ge=0, le=1000)  # how long a batch waits to fill

    def read_options(self, progress: Progress | None = None) -> ReadOptions:
        """Options for the document readers (:class:`qa.formats.ReadOptions`)."""
        return ReadOptions(max_bytes=self.max_document_bytes, max_pages=self.max_pages, max_unzipped_bytes=self.max_unzipped_bytes, ocr=self.ocr,
                           ocr_cache_dir=self.ocr_cache_dir, progress=progress)

    @field_validator("corpus_dir", "index_dir", "llm_gguf_path", "ocr_cache_dir", "conversations_db")
    @classmethod
    def _expand(cls, v: Path | None) -> Path | None:
        # absolute, so the paths printed and recorded are the ones used wherever the process runs
        return v.expanduser().absolute() if v is not None else None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return init_settings, env_settings, ConfigFileSource(settings_cls)


class ConfigFileSource(PydanticBaseSettingsSource):
    """``zhqa.toml`` in the working directory, if there is one."""

    def get_field_value(self, field, field_name):  # unused: __call__ reads the whole file
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = work_dir() / CONFIG_FILE
        if not path.is_file():
            return {}
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}", hint="fix the file or remove it") from exc
        unknown = sorted(set(raw) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}",
                              hint="valid names: " + ", ".join(sorted(Settings.model_fields)))
        for key in _PATH_KEYS:
            if isinstance(raw.get(key), str):
                raw[key] = str(path.parent / Path(raw[key]).expanduser())
        return raw


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, then apply non-None overrides (CLI flags)."""
    try:
        settings = Settings()
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        raise ConfigError(f"invalid setting: {exc}", hint="check QA_* variables and flags") from exc
    return settings
