"""A new channel does not inherit another channel's failure: common.grpc_client keeps subchannels per
channel, so a client that saw a peer down (or a test that reuses a port) connects as soon as it is up."""

from __future__ import annotations

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from common.grpc_client import create_channel
from devtools.devstack import free_port


async def test_a_new_channel_connects_at_once_after_an_earlier_one_failed() -> None:
    address = f"127.0.0.1:{free_port()}"
    early = create_channel(address, default_timeout_s=1.0)
    try:
        # Waiting for readiness keeps reconnecting, so the early channel's reconnect backoff grows.
        await health_pb2_grpc.HealthStub(early).Check(health_pb2.HealthCheckRequest(), timeout=4.0,
                                                      wait_for_ready=True)
        raise AssertionError("nothing listens yet: the call must fail")
    except grpc.aio.AioRpcError as exc:
        assert exc.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

    server = grpc.aio.server()
    health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
    server.add_insecure_port(address)
    await server.start()
    fresh = create_channel(address, default_timeout_s=1.0)
    try:
        reply = await health_pb2_grpc.HealthStub(fresh).Check(health_pb2.HealthCheckRequest())
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    finally:
        await fresh.close()
        await early.close()
        await server.stop(0)
