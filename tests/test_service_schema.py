"""Property-based tests generated from the real app's OpenAPI schema (schemathesis):
whatever a client sends, the server answers without a 5xx and as documented."""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("schemathesis") is None:
    pytest.fail("schemathesis is not installed; run: pip install -e '.[test]' (or `make setup-test`)",
                pytrace=False)

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.test_service_fixtures import start_server

pytestmark = pytest.mark.slow

# no 5xx, and every status, content type and body is the one the schema documents
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12  # per operation: enough to hit every error path, bounded to keep the run short


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory, corpus_index_dir):
    # an unreachable LLM endpoint with no retries: "llm": "openai" must fall back, quickly
    srv = start_server(tmp_path_factory.mktemp("schema"), corpus_index_dir,
                       llm_base_url="http://127.0.0.1:9/v1", llm_retries=0, llm_timeout=5.0)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0, "a request reached the last-resort 500 handler"


def operations() -> list[str]:
    """Every operation of the app's schema (building the app loads nothing, so this is cheap)."""
    from qa.config import load_settings
    from service.app import create_app

    spec = create_app(load_settings()).openapi()
    return [f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item]


@pytest.fixture(scope="module")
def api_schema(fuzzed_server):
    return schemathesis.openapi.from_url(f"{fuzzed_server.url}/openapi.json")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("label", operations())
def test_no_server_errors(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=CHECKS, timeout=300)

    try:
        run()
    except Unsatisfiable:
        # only possible for negative mode on operations whose every input is valid
        # (GET /healthz takes nothing; any string is a well-formed document id)
        assert mode is GenerationMode.NEGATIVE, label
