"""The shared gRPC server and client bootstrap, through a real server on a free port and real channels.

A tiny generic service (raw bytes in and out) stands in for a domain service, so these tests exercise
only the shared runtime: authentication, health through start and shutdown, deadlines, forwarding.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.auth import (
    Identity,
    ServiceTokenProvider,
    TokenKind,
    TokenSigner,
    TokenVerifier,
    current_identity,
)
from common.errors import NotFound
from common.grpc_client import CredentialMode, create_channel
from common.grpc_server import PUBLIC, GrpcServer, service, user_or_service
from common.settings import get_settings

SERVICE = "jobmate.test.v1.ProbeService"
TYPED_SERVICE = "jobmate.test.v1.TypedProbeService"


def _m(name: str) -> str:
    return f"/{SERVICE}/{name}"


POLICY = {_m("Public"): PUBLIC, _m("Internal"): service("probe.internal"),
          _m("Either"): user_or_service("probe.read")}


async def who_am_i(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    identity = current_identity.get()
    return f"{identity.kind}:{identity.subject}".encode() if identity else b"anonymous"


async def slow(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    await asyncio.sleep(float(request.decode() or "0.5"))
    return b"done"


async def missing(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    raise NotFound("application not found")


async def boom(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    raise RuntimeError("secret internals")


def _handler(fn):
    return grpc.unary_unary_rpc_method_handler(fn, request_deserializer=None, response_serializer=None)


@pytest.fixture
async def server() -> AsyncIterator[tuple[GrpcServer, int]]:
    settings = get_settings()
    srv = GrpcServer("probe", TokenVerifier.from_settings(settings), POLICY, [SERVICE])
    srv.server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(SERVICE, {
        "WhoAmI": _handler(who_am_i), "Public": _handler(who_am_i), "Internal": _handler(who_am_i),
        "Either": _handler(who_am_i), "Slow": _handler(slow), "Missing": _handler(missing), "Boom": _handler(boom),
    })])
    from jobmate.profile.v1 import profile_pb2

    srv.server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(TYPED_SERVICE, {
        "WhoAmI": grpc.unary_unary_rpc_method_handler(
            who_am_i, request_deserializer=profile_pb2.RegisterRequest.FromString,
            response_serializer=None)})])
    port = await srv.start(0, host="127.0.0.1")
    yield srv, port
    await srv.stop(0)


def user_token(subject: str = "user-a", **kwargs) -> str:
    return TokenSigner.for_users(get_settings()).sign(subject, ttl_s=kwargs.pop("ttl_s", 60), **kwargs)[0]


def service_token(scopes: set[str]) -> str:
    return TokenSigner.for_services(get_settings()).sign("service:tool", ttl_s=60, scopes=scopes)[0]


async def call(port: int, method: str, *, metadata=(), body: bytes = b"", deadline_s: float = 5) -> bytes:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        return await channel.unary_unary(_m(method))(body, metadata=metadata, timeout=deadline_s)


async def expect_code(code: grpc.StatusCode, coro) -> str:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await coro
    assert info.value.code() == code, info.value.details()
    return info.value.details()


async def health_status(port: int) -> int:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        return reply.status


async def test_health_is_not_serving_until_ready_then_serving(server) -> None:
    srv, port = server
    assert await health_status(port) == health_pb2.HealthCheckResponse.NOT_SERVING
    await srv.set_serving()
    assert await health_status(port) == health_pb2.HealthCheckResponse.SERVING


async def test_health_turns_not_serving_at_shutdown_while_in_flight_calls_finish(server) -> None:
    srv, port = server
    await srv.set_serving()
    in_flight = asyncio.create_task(call(port, "Slow", body=b"1.0", metadata=[("authorization", f"Bearer {user_token()}")]))
    await asyncio.sleep(0.2)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        assert (await health.Check(health_pb2.HealthCheckRequest(), timeout=2)).status == \
            health_pb2.HealthCheckResponse.SERVING
        stopping = asyncio.create_task(srv.stop(3, drain_s=1.0))
        await asyncio.sleep(0.1)
        during = await health.Check(health_pb2.HealthCheckRequest(), timeout=2)
        assert during.status == health_pb2.HealthCheckResponse.NOT_SERVING
        assert await in_flight == b"done"  # the grace period let it finish
        await stopping


async def test_call_without_token_is_unauthenticated(server) -> None:
    _, port = server
    details = await expect_code(grpc.StatusCode.UNAUTHENTICATED, call(port, "WhoAmI"))
    assert "missing bearer token" in details


async def test_bare_user_id_header_grants_nothing(server) -> None:
    _, port = server
    await expect_code(grpc.StatusCode.UNAUTHENTICATED, call(port, "WhoAmI", metadata=[("x-user-id", "user-a")]))
    # With a valid token for B, an x-user-id header naming A changes nothing: identity comes from the token.
    reply = await call(port, "WhoAmI", metadata=[("authorization", f"Bearer {user_token('user-b')}"),
                                                 ("x-user-id", "user-a")])
    assert reply == b"user:user-b"


async def test_invalid_and_expired_tokens_are_unauthenticated(server) -> None:
    _, port = server
    expired = user_token(ttl_s=60, now=time.time() - 3600)
    details = await expect_code(grpc.StatusCode.UNAUTHENTICATED,
                                call(port, "WhoAmI", metadata=[("authorization", f"Bearer {expired}")]))
    assert "expired" in details
    await expect_code(grpc.StatusCode.UNAUTHENTICATED,
                      call(port, "WhoAmI", metadata=[("authorization", "Bearer not-a-jwt")]))
    await expect_code(grpc.StatusCode.UNAUTHENTICATED,
                      call(port, "WhoAmI", metadata=[("authorization", f"Basic {user_token()}")]))


async def test_token_kinds_and_scopes_are_enforced(server) -> None:
    _, port = server
    user = [("authorization", f"Bearer {user_token()}")]
    internal = [("authorization", f"Bearer {service_token({'probe.internal'})}")]
    reader = [("authorization", f"Bearer {service_token({'probe.read'})}")]

    assert await call(port, "WhoAmI", metadata=user) == b"user:user-a"
    await expect_code(grpc.StatusCode.PERMISSION_DENIED, call(port, "WhoAmI", metadata=internal))
    await expect_code(grpc.StatusCode.PERMISSION_DENIED, call(port, "Internal", metadata=user))
    assert await call(port, "Internal", metadata=internal) == b"service:service:tool"
    await expect_code(grpc.StatusCode.PERMISSION_DENIED, call(port, "Internal", metadata=reader))
    assert await call(port, "Either", metadata=user) == b"user:user-a"
    assert await call(port, "Either", metadata=reader) == b"service:service:tool"
    await expect_code(grpc.StatusCode.PERMISSION_DENIED, call(port, "Either", metadata=internal))
    assert await call(port, "Public") == b"anonymous"


async def test_domain_errors_become_status_codes_and_internals_are_masked(server) -> None:
    _, port = server
    auth = [("authorization", f"Bearer {user_token()}"), ("x-request-id", "req-123")]
    assert await expect_code(grpc.StatusCode.NOT_FOUND, call(port, "Missing", metadata=auth)) == "application not found"
    details = await expect_code(grpc.StatusCode.INTERNAL, call(port, "Boom", metadata=auth))
    assert "secret internals" not in details and "req-123" in details


async def test_client_applies_a_default_deadline(server) -> None:
    _, port = server
    channel = create_channel(f"127.0.0.1:{port}", default_timeout_s=0.3)
    current_identity.set(Identity(TokenKind.USER, "user-a", token=user_token()))
    try:
        await expect_code(grpc.StatusCode.DEADLINE_EXCEEDED, channel.unary_unary(_m("Slow"))(b"2"))
    finally:
        current_identity.set(None)
        await channel.close()


async def test_client_forwards_the_callers_token_else_uses_its_service_token(server) -> None:
    _, port = server
    provider = ServiceTokenProvider(TokenSigner.for_services(get_settings()), "tracker_service", {"probe.read"})
    channel = create_channel(f"127.0.0.1:{port}", service_tokens=provider)
    internal_only = create_channel(f"127.0.0.1:{port}", service_tokens=provider, mode=CredentialMode.SERVICE)
    try:
        # Inside a user's request: that user's token travels on.
        token = current_identity.set(Identity(TokenKind.USER, "user-a", token=user_token("user-a")))
        assert await channel.unary_unary(_m("Either"))(b"") == b"user:user-a"
        assert await internal_only.unary_unary(_m("Either"))(b"") == b"service:service:tracker_service"
        current_identity.reset(token)
        # With no user in context (a background job), the service token is used.
        assert await channel.unary_unary(_m("Either"))(b"") == b"service:service:tracker_service"
    finally:
        await channel.close()
        await internal_only.close()


async def test_text_with_a_nul_character_is_refused_after_authentication(server) -> None:
    """PostgreSQL cannot store NUL in text: the edge refuses it with a clear message, naming the field."""
    from common.grpc_server import find_nul_text
    from jobmate.profile.v1 import profile_pb2

    nested = profile_pb2.UpdateProfileRequest(profile=profile_pb2.Profile(
        full_name="Ada", skills=[profile_pb2.Skill(name="Python"), profile_pb2.Skill(name="S\x00QL")]))
    assert find_nul_text(nested) == "profile.skills[1].name"
    mapped = profile_pb2.SearchConfig(sources=[profile_pb2.SourceSelection(source="hh", params={"area": "1\x00"})])
    assert find_nul_text(mapped) == "sources[0].params['area']"
    assert find_nul_text(profile_pb2.UpdateProfileRequest(profile=profile_pb2.Profile(full_name="Ada"))) is None

    _, port = server
    request = profile_pb2.RegisterRequest(email="a\x00@example.com").SerializeToString()
    details = await expect_code(grpc.StatusCode.INVALID_ARGUMENT, _typed_call(
        port, "WhoAmI", request, metadata=[("authorization", f"Bearer {user_token()}")]))
    assert details == "email contains a NUL character, which is not allowed in text"
    # Without a token the caller learns nothing about its input: authentication comes first.
    await expect_code(grpc.StatusCode.UNAUTHENTICATED, _typed_call(port, "WhoAmI", request, metadata=[]))


async def _typed_call(port: int, method: str, body: bytes, *, metadata) -> bytes:
    """Like call(), but the server side decodes the body as a RegisterRequest (a typed handler)."""
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        return await channel.unary_unary(f"/{TYPED_SERVICE}/{method}")(body, metadata=metadata, timeout=5)
