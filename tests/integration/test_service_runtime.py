"""A service started through the shared runtime: migrations applied, health SERVING, auth enforced."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc


@pytest.mark.parametrize("name", ["profile_service", "tracker_service", "discovery_service"])
async def test_service_starts_serving_with_its_schema_and_requires_a_token(services, name) -> None:
    runtime = await services.start(name)
    async with grpc.aio.insecure_channel(services.address(name)) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    versions = await runtime.pool.fetch(f"SELECT version FROM {runtime.schema}.schema_migrations")
    assert "outbox-0001" in {r["version"] for r in versions}


async def test_user_method_without_token_is_unauthenticated_on_a_real_service(services) -> None:
    await services.start("profile_service")
    async with grpc.aio.insecure_channel(services.address("profile_service")) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await profile_pb2_grpc.ProfileServiceStub(channel).GetProfile(
                profile_pb2.GetProfileRequest(), metadata=[("x-user-id", "someone")], timeout=2)
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
