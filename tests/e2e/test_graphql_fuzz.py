"""Fuzz the whole GraphQL schema through the real gateway and services (schemathesis, GraphQL mode).

Schemathesis reads the schema by introspection (on in test mode) and generates queries and mutations
with arbitrary arguments for every field, anonymous and as a signed-in user. Whatever it sends, the
gateway must never answer with a server error: HTTP status below 500, and every GraphQL error names
a code other than the masked INTERNAL_SERVER_ERROR and carries a message.
"""

from __future__ import annotations

import graphql
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.e2e

MAX_EXAMPLES = 25

# File uploads travel as multipart parts, never inside the JSON body: any inline value is hostile input
# the gateway must refuse cleanly, so the fuzzer sends arbitrary strings there.
schemathesis.graphql.scalar("Upload", st.text(max_size=50).map(lambda text: graphql.StringValueNode(value=text)))


def assert_no_server_error(mesh, operation: str, response) -> None:
    assert response.status_code < 500, f"{operation}: HTTP {response.status_code}: {response.text[:500]}"
    body = response.json()
    for error in body.get("errors") or []:
        extensions = error.get("extensions") or {}
        assert error.get("message"), f"{operation}: error without a message: {error}"
        if extensions.get("code") == "INTERNAL_SERVER_ERROR":
            logs = "\n".join(mesh.log_lines(extensions.get("requestId") or "no request id"))
            pytest.fail(f"{operation}: server error: {error}\nrequest: {response.request.body!r}\nlogs:\n{logs}")


def test_no_generated_operation_causes_a_server_error(running_mesh) -> None:
    from tests.helpers import user_token

    schema = schemathesis.graphql.from_url(running_mesh.graphql_url, wait_for_schema=30)
    # A token for a user id the services have never seen: every field must still answer cleanly.
    signed_in = {"Authorization": f"Bearer {user_token('00000000-0000-4000-8000-000000000001')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    # The seed's operations are all reachable by the fuzzer (a sample that spans the three services).
    assert {"Query.jobFeed", "Query.myProfile", "Query.myApplications", "Mutation.approveJob",
            "Mutation.moveCard", "Mutation.uploadCV", "Mutation.addJobByUrl", "Mutation.login"} <= labels, labels
    for operation in operations:
        fuzz_operation(running_mesh, operation, signed_in)
    print(f"fuzzed {len(operations)} operations, up to {MAX_EXAMPLES} generated requests each, twice")


def fuzz_operation(mesh, operation, signed_in: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def fuzz(case) -> None:
        assert_no_server_error(mesh, operation.label, case.call())
        assert_no_server_error(mesh, operation.label, case.call(headers=signed_in))

    fuzz()
