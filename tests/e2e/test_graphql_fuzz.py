"""Fuzz the whole GraphQL schema through the real gateway and services (schemathesis, GraphQL mode).

Schemathesis reads the schema by introspection (on in test mode) and generates queries and mutations
with arbitrary arguments for every field, anonymous and as a signed-in user. Whatever it sends, the
gateway must never answer with a server error: HTTP status below 500, and every GraphQL error names
a code other than the masked INTERNAL_SERVER_ERROR and carries a message.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.e2e

MAX_EXAMPLES = 15


def assert_no_server_error(operation: str, response) -> None:
    assert response.status_code < 500, f"{operation}: HTTP {response.status_code}: {response.text[:500]}"
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert error.get("message"), f"{operation}: error without a message: {error}"
        assert code != "INTERNAL_SERVER_ERROR", f"{operation}: server error: {error}"


def test_no_generated_operation_causes_a_server_error(running_mesh) -> None:
    from tests.helpers import user_token

    schema = schemathesis.graphql.from_url(running_mesh.graphql_url, wait_for_schema=30)
    # A token for a user id the services have never seen: every field must still answer cleanly.
    signed_in = {"Authorization": f"Bearer {user_token('00000000-0000-4000-8000-000000000001')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema lists operations"
    for operation in operations:
        fuzz_operation(operation, signed_in)


def fuzz_operation(operation, signed_in: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def fuzz(case) -> None:
        assert_no_server_error(operation.label, case.call())
        assert_no_server_error(operation.label, case.call(headers=signed_in))

    fuzz()
