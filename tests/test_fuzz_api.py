"""Property-based fuzzing of the API from its own OpenAPI document (Schemathesis)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service import create_app

EXAMPLES_PER_OPERATION = 300  # about 1,200 generated requests per run, most on the POST routes
# No 5xx, and every answer (status, content type, headers, body) as the document says.
# The service is deliberately stricter than JSON Schema can say (whitespace-only text,
# unknown actor codes, body size in bytes), so "schema-valid input must succeed" is not
# among the checks; those refusals are documented 4xx answers.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture()
def api_schema(model_dir):
    app = create_app({"MODEL_DIR": str(model_dir), "ADMIN_TOKEN": "fuzz-token"})
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck)
)
def test_api_conforms_to_its_document(case):
    case.call_and_validate(headers={"Authorization": "Bearer fuzz-token"}, checks=CHECKS)
