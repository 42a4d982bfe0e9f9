"""The public edge refuses abuse and reports failures with stable codes.

Cost limits, batching, body size, CSRF on uploads, GET mutations, tokens, rate limits, introspection,
and the gRPC status -> extensions.code mapping with masking of unexpected errors.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
import strawberry
from grpc.aio import AioRpcError, Metadata

from common.settings import Settings
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from gateway.errors import ApiError, MaskUnexpectedErrors, from_grpc
from gateway.schema import build_schema
from tests.helpers import clear_rate_limits, service_token, user_token

# The multipart body limit is the larger upload limit (CV or import) plus the overhead: 128 KiB here.
LIMITS = GatewaySettings(max_query_depth=4, max_aliases=5, max_tokens=400, max_json_body_bytes=8 * 1024,
                         login_per_account=3, login_per_address=100, register_per_address=100,
                         max_import_bytes=16 * 1024)


@pytest.fixture
async def gateway(redis_url: str, test_data_dir) -> AsyncIterator[RunningGateway]:
    # No service runs behind these addresses: what is tested here is the gateway's own behaviour.
    settings = Settings(jobmate_env="test", data_dir=test_data_dir, redis_url=redis_url, grpc_deadline_s=1.0,
                        profile_addr="127.0.0.1:9", tracker_addr="127.0.0.1:9", discovery_addr="127.0.0.1:9",
                        cv_max_bytes=64 * 1024)
    await clear_rate_limits(redis_url)
    async with RunningGateway(settings, LIMITS) as running:
        yield running


def codes(reply: dict) -> list[str]:
    return [error["extensions"]["code"] for error in reply.get("errors", [])]


async def test_deep_aliased_and_huge_queries_are_refused(gateway: RunningGateway) -> None:
    token = user_token(str(uuid.uuid4()))
    deep = await gateway.graphql("{ board { columns { cards { posting { salary { min } } } } } }", token=token)
    assert deep.get("data") is None and "exceeds maximum operation depth" in deep["errors"][0]["message"]
    aliased = await gateway.graphql("{ " + " ".join(f"h{i}: health" for i in range(6)) + " }")
    assert aliased.get("data") is None and "aliases" in aliased["errors"][0]["message"]
    huge = await gateway.graphql("{ " + " ".join("health" for _ in range(500)) + " }")
    assert huge.get("data") is None and "token" in huge["errors"][0]["message"].lower()
    for reply in (deep, aliased, huge):
        assert codes(reply) == ["GRAPHQL_VALIDATION_FAILED"]
    assert (await gateway.graphql("{ health }")) == {"data": {"health": "ok"}}


async def test_batches_large_bodies_and_get_mutations_are_refused(gateway: RunningGateway) -> None:
    batch = await gateway.http.post("/graphql", json=[{"query": "{ health }"}, {"query": "{ health }"}])
    assert batch.status_code == 400
    big = await gateway.http.post("/graphql", json={"query": "{ health }", "variables": {"x": "a" * 20_000}})
    assert big.status_code == 413
    assert big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    async def chunks():
        for _ in range(20):
            yield b" " * 1024

    chunked = await gateway.http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413
    via_get = await gateway.http.get("/graphql", params={"query": "mutation { logout(refreshToken: \"x\") }"})
    assert via_get.status_code in (400, 405)
    form = await gateway.http.post("/graphql", content=b"query={health}",
                                   headers={"content-type": "text/plain"})
    assert form.status_code == 400


async def test_multipart_upload_needs_the_csrf_header(gateway: RunningGateway) -> None:
    token = user_token(str(uuid.uuid4()))
    operations = json.dumps({"query": "mutation($f: Upload!) { uploadCV(file: $f) { id } }",
                             "variables": {"f": None}})
    files = {"operations": (None, operations), "map": (None, json.dumps({"0": ["variables.f"]})),
             "0": ("cv.pdf", b"%PDF-1.4 tiny", "application/pdf")}
    refused = await gateway.http.post("/graphql", files=files, headers={"authorization": f"Bearer {token}"})
    assert refused.status_code == 400
    assert "x-jobmate-csrf" in refused.text
    accepted = await gateway.http.post("/graphql", files=files, headers={"authorization": f"Bearer {token}",
                                                                       "x-jobmate-csrf": "1"})
    assert accepted.status_code == 200
    # It reached the resolver, which asked profile_service (down here) for the upload.
    assert codes(accepted.json()) == ["UNAVAILABLE"]
    too_big = dict(files, **{"0": ("cv.pdf", b"%PDF" + b"x" * 200_000, "application/pdf")})
    refused_size = await gateway.http.post("/graphql", files=too_big, headers={"authorization": f"Bearer {token}",
                                                                             "x-jobmate-csrf": "1"})
    assert refused_size.status_code == 413


async def test_missing_garbage_and_expired_tokens_are_unauthenticated(gateway: RunningGateway) -> None:
    why = {None: "sign in first", "garbage": "invalid or expired",
           user_token(str(uuid.uuid4()), ttl_s=-120): "invalid or expired",
           service_token("tracker", {"tracker.calendar.read"}): "invalid or expired"}
    for token, reason in why.items():
        reply = await gateway.graphql("{ myProfile { fullName } jobFeed { nodes { id } } health }", token=token)
        assert codes(reply) == ["UNAUTHENTICATED", "UNAUTHENTICATED"]
        assert all(reason in error["message"] for error in reply["errors"]), (token, reply["errors"])
        assert reply["data"] == {"myProfile": None, "jobFeed": None, "health": "ok"}
    # A header that is not a Bearer token (a proxy's basic auth, a bare token) is named as the problem.
    for header in ("Basic dXNlcjpwYXNz", user_token(str(uuid.uuid4())), "Bearer"):
        reply = await gateway.graphql("{ me { id } health }", headers={"authorization": header})
        assert codes(reply) == ["UNAUTHENTICATED"] and "must be 'Bearer" in reply["errors"][0]["message"], header
        assert reply["data"] == {"me": None, "health": "ok"}
    # Anonymous operations do not care what the header holds.
    anonymous = await gateway.graphql("mutation { logout(refreshToken: \"x\") }", token="garbage")
    assert codes(anonymous) == ["UNAVAILABLE"]  # refused by profile_service (not running here), not by the edge


async def test_a_service_that_is_down_fails_only_its_fields(gateway: RunningGateway) -> None:
    user_id = str(uuid.uuid4())
    reply = await gateway.graphql("{ me { id } board { columns { count } } }", token=user_token(user_id))
    assert reply["data"] == {"me": {"id": user_id}, "board": None}
    assert reply["errors"][0]["path"] == ["board"]
    assert reply["errors"][0]["extensions"] == {"code": "UNAVAILABLE", "service": "tracker"}


async def test_login_is_rate_limited_per_account(gateway: RunningGateway) -> None:
    query = "mutation($e: String!) { login(email: $e, password: \"wrong password\") { accessToken } }"
    email = f"{uuid.uuid4().hex[:8]}@example.org"
    for _ in range(LIMITS.login_per_account):
        assert codes(await gateway.graphql(query, {"e": email})) != ["RATE_LIMITED"]
    limited = await gateway.graphql(query, {"e": email.upper()})  # same account however it is spelled
    assert codes(limited) == ["RATE_LIMITED"]
    assert limited["errors"][0]["extensions"]["retryAfterSeconds"] > 0
    other = await gateway.graphql(query, {"e": f"x{email}"})
    assert codes(other) != ["RATE_LIMITED"]


async def test_health_readiness_and_metrics(gateway: RunningGateway) -> None:
    assert (await gateway.http.get("/healthz")).json() == {"status": "ok"}
    ready = await gateway.http.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"] == {"redis": True, "profile": False, "tracker": False, "discovery": False}
    await gateway.graphql("{ health }")
    metrics = (await gateway.http.get("/metrics")).text
    assert 'jobmate_gateway_graphql_operations_total{operation_type="query",outcome="ok"}' in metrics
    assert "jobmate_gateway_sse_connections" in metrics
    assert gateway.app is not None and (await gateway.http.get("/healthz")).headers["x-request-id"]


def test_introspection_is_for_dev_mode_only() -> None:
    query = "{ __schema { queryType { name } } }"
    assert build_schema(GatewaySettings(), dev_mode=True).execute_sync(query).errors is None
    result = build_schema(GatewaySettings(), dev_mode=False).execute_sync(query)
    assert result.errors and "introspection" in result.errors[0].message.lower()


@pytest.mark.parametrize(("status", "code"), [
    (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED"), (grpc.StatusCode.PERMISSION_DENIED, "FORBIDDEN"),
    (grpc.StatusCode.NOT_FOUND, "NOT_FOUND"), (grpc.StatusCode.INVALID_ARGUMENT, "BAD_USER_INPUT"),
    (grpc.StatusCode.FAILED_PRECONDITION, "BAD_USER_INPUT"), (grpc.StatusCode.OUT_OF_RANGE, "BAD_USER_INPUT"),
    (grpc.StatusCode.ALREADY_EXISTS, "CONFLICT"), (grpc.StatusCode.ABORTED, "CONFLICT"),
    (grpc.StatusCode.UNAVAILABLE, "UNAVAILABLE"), (grpc.StatusCode.DEADLINE_EXCEEDED, "UNAVAILABLE"),
    (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED"),
])
def test_grpc_status_codes_become_graphql_codes(status: grpc.StatusCode, code: str) -> None:
    error = from_grpc("tracker", AioRpcError(status, Metadata(), Metadata(("retry-after", "7")), "card not found"))
    assert isinstance(error, ApiError)
    assert error.extensions["code"] == code
    if code not in ("UNAVAILABLE",):
        assert error.message == "card not found"


def test_unexpected_errors_are_masked_with_the_request_id() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> str | None:
            raise RuntimeError("password=hunter2 leaked in a stack trace")

        @strawberry.field
        def internal(self) -> str | None:
            raise from_grpc("profile", AioRpcError(grpc.StatusCode.INTERNAL, Metadata(), Metadata(), "db down"))

        @strawberry.field
        def missing(self) -> str | None:
            raise from_grpc("profile", AioRpcError(grpc.StatusCode.NOT_FOUND, Metadata(), Metadata(), "no such card"))

    result = strawberry.Schema(query=Query, extensions=[MaskUnexpectedErrors]).execute_sync(
        "{ broken internal missing }")
    by_path = {error.path[0]: error for error in result.errors}
    for name in ("broken", "internal"):
        assert by_path[name].extensions["code"] == "INTERNAL_SERVER_ERROR"
        assert by_path[name].message.startswith("unexpected error (request id")
        assert "hunter2" not in by_path[name].message and "db down" not in by_path[name].message
    assert by_path["missing"].extensions == {"code": "NOT_FOUND"}
    assert by_path["missing"].message == "no such card"


async def test_unrepresentable_input_is_bad_user_input(gateway: RunningGateway) -> None:
    token = user_token(str(uuid.uuid4()))
    too_large = await gateway.graphql("mutation { updateProfile(input: {skills: [{name: \"Go\", years: 1e300}]}) "
                                      "{ headline } }", token=token)
    assert codes(too_large) == ["BAD_USER_INPUT"] and "too large" in too_large["errors"][0]["message"]
    surrogate = await gateway.graphql("mutation($t: String!) { addJobManually(input: {company: $t, title: $t}) "
                                      "{ id } }", {"t": "\ud800"}, token=token)
    assert codes(surrogate) == ["BAD_USER_INPUT"]


async def test_an_upload_given_inline_instead_of_as_a_file_part_is_bad_user_input(gateway: RunningGateway) -> None:
    """Found by the schema fuzzer: the Upload scalar takes any inline value, which is not a file."""
    token = user_token(str(uuid.uuid4()))
    for value in ['""', '"%PDF-1.4"', "42"]:
        reply = await gateway.graphql(f"mutation {{ uploadCV(file: {value}) {{ id }} }}", token=token)
        assert codes(reply) == ["BAD_USER_INPUT"], reply
        assert "multipart" in reply["errors"][0]["message"]
