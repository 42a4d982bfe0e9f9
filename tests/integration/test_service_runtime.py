"""A service started through the shared runtime: migrations applied, health SERVING, auth enforced."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc


async def health(address: str) -> int:
    async with grpc.aio.insecure_channel(address) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        return reply.status


async def test_services_serve_once_their_downstream_services_are_up_in_any_start_order(services) -> None:
    # Started callers first: each waits (NOT_SERVING) for the services it calls, then turns SERVING.
    names = ["tracker_service", "discovery_service", "profile_service"]
    runtimes = {name: await services.start(name) for name in names}
    for name, runtime in runtimes.items():
        await runtime.wait_serving()
        assert await health(services.address(name)) == health_pb2.HealthCheckResponse.SERVING
        versions = await runtime.pool.fetch(f"SELECT version FROM {runtime.schema}.schema_migrations")
        assert "outbox-0001" in {r["version"] for r in versions}


async def test_a_caller_is_not_serving_while_what_it_calls_is_down(services) -> None:
    discovery = await services.start("discovery_service")  # discovery calls profile
    await asyncio.sleep(0.5)
    assert await health(services.address("discovery_service")) == health_pb2.HealthCheckResponse.NOT_SERVING
    await services.start("profile_service")
    await discovery.wait_serving()
    assert await health(services.address("discovery_service")) == health_pb2.HealthCheckResponse.SERVING


async def test_user_method_without_token_is_unauthenticated_on_a_real_service(services) -> None:
    await services.start("profile_service")
    async with grpc.aio.insecure_channel(services.address("profile_service")) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await profile_pb2_grpc.ProfileServiceStub(channel).GetProfile(
                profile_pb2.GetProfileRequest(), metadata=[("x-user-id", "someone")], timeout=2)
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
