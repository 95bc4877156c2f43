"""The backend registry: names, lazy loading, plugins through entry points."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.config import Settings
from qa.errors import ConfigError, UnknownBackendError
from qa.llm import LLM, available, complete, get_llm, register, unregister
from qa.llm.openai import OpenAIBackend
from qa.llm.registry import BUILTINS

SETTINGS = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_retries=0)


class Echo:
    """A minimal backend, as a plugin would write it."""

    generative = True

    def __init__(self, name: str, model: str) -> None:
        self.name, self.model = name, model

    @classmethod
    def from_settings(cls, settings: Settings) -> Echo:
        return cls("echo", settings.llm_model)

    def generate(self, prompt, *, system=None, max_tokens=None, temperature=0.0):
        yield from prompt.split()


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        unregister(name)


def test_builtins_are_listed():
    assert {"openai", "llama-cpp", "extractive"} <= set(available())
    assert available() == sorted(available())


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(UnknownBackendError) as info:
        get_llm("gpt-17", SETTINGS)
    error = info.value
    assert "gpt-17" in str(error)
    assert error.valid == available()
    for name in ("openai", "llama-cpp", "extractive"):
        assert name in error.hint
    assert isinstance(error, ConfigError)


def test_openai_builtin_is_built_from_settings():
    llm = get_llm("openai", SETTINGS)
    assert isinstance(llm, OpenAIBackend) and isinstance(llm, LLM)
    assert (llm.name, llm.model, llm.retries) == ("openai", "m", 0)


def test_importing_the_package_loads_no_backend_module():
    code = textwrap.dedent("""
        import sys
        import qa.llm
        heavy = ["httpx", "llama_cpp", "qa.llm.openai", "qa.llm.llama_cpp", "qa.answer"]
        print([m for m in heavy if m in sys.modules])
        from qa.config import Settings
        qa.llm.get_llm("openai", Settings())
        print("qa.llm.openai" in sys.modules, "llama_cpp" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parents[1], check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True False"


def test_extractive_is_listed_and_loaded_lazily():
    assert BUILTINS["extractive"] == "qa.answer.backend:ExtractiveBackend"
    try:
        llm = get_llm("extractive", SETTINGS)
    except ConfigError as error:  # until qa.answer.extractive is written
        assert "extractive" in str(error) and "qa.answer.extractive" in str(error)
    else:
        assert llm.generative is False


def test_register_a_class_by_object(cleanup):
    cleanup.append("echo")
    register("echo", Echo)
    assert "echo" in available()
    llm = get_llm("echo", SETTINGS)
    assert complete(llm, "a b c") == "abc" and llm.model == "m"


def test_register_by_import_string_is_resolved_only_on_use(cleanup):
    cleanup.append("late")
    register("late", "tests.no_such_module:Backend")  # registering imports nothing
    assert "late" in available()
    with pytest.raises(ConfigError, match="cannot import 'tests.no_such_module'"):
        get_llm("late", SETTINGS)


def test_register_a_missing_attribute_is_a_config_error(cleanup):
    cleanup.append("typo")
    register("typo", "qa.llm.openai:OpenAIBackendd")
    with pytest.raises(ConfigError, match="does not exist"):
        get_llm("typo", SETTINGS)


def test_register_a_factory_function(cleanup):
    cleanup.append("fn")
    register("fn", lambda settings: Echo("fn", settings.llm_model))
    assert get_llm("fn", SETTINGS).name == "fn"


def test_register_overrides_a_builtin_until_unregistered(cleanup):
    cleanup.append("openai")
    register("openai", Echo)
    assert isinstance(get_llm("openai", SETTINGS), Echo)
    unregister("openai")
    assert isinstance(get_llm("openai", SETTINGS), OpenAIBackend)


def test_a_factory_returning_a_non_llm_is_a_config_error(cleanup):
    cleanup.append("bad")
    register("bad", lambda settings: object())
    with pytest.raises(ConfigError, match="not an LLM"):
        get_llm("bad", SETTINGS)


def test_empty_name_is_refused():
    with pytest.raises(ConfigError):
        register("  ", Echo)


def _install_plugin(root: Path, entries: str) -> None:
    """A real installed distribution (a dist-info on sys.path) advertising entry points."""
    (root / "qa_echo_plugin.py").write_text(textwrap.dedent("""
        class PluginBackend:
            generative = True
            def __init__(self, name):
                self.name = name
            @classmethod
            def from_settings(cls, settings):
                return cls("plugin:" + settings.llm_model)
            def generate(self, prompt, *, system=None, max_tokens=None, temperature=0.0):
                yield prompt.upper()
    """))
    dist = root / "qa_echo_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: qa-echo-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[qa.llm]\n{entries}\n")


def test_entry_point_plugins_are_discovered(tmp_path, monkeypatch):
    _install_plugin(tmp_path, "shout = qa_echo_plugin:PluginBackend")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "shout" in available()
    assert "qa_echo_plugin" not in sys.modules  # listing does not import the plugin
    llm = get_llm("shout", SETTINGS)
    assert llm.name == "plugin:m" and complete(llm, "hi") == "HI"
    monkeypatch.delitem(sys.modules, "qa_echo_plugin")


def test_entry_point_cannot_shadow_a_builtin(tmp_path, monkeypatch):
    _install_plugin(tmp_path, "openai = qa_echo_plugin:PluginBackend")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert available().count("openai") == 1
    assert isinstance(get_llm("openai", SETTINGS), OpenAIBackend)


def test_broken_entry_point_is_a_config_error(tmp_path, monkeypatch):
    _install_plugin(tmp_path, "broken = qa_missing_plugin_module:Backend")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ConfigError, match="qa_missing_plugin_module"):
        get_llm("broken", SETTINGS)
