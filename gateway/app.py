"""The gateway's Starlette application: /graphql, /events (SSE), /healthz, /readyz.

The gateway owns nothing in PostgreSQL; it forwards the caller's token to the services over gRPC.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from grpc_health.v1 import health_pb2, health_pb2_grpc
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from common.auth import ensure_dev_keys
from common.bus import Bus
from common.grpc_client import create_channel
from common.settings import get_settings
from gateway.schema import schema

DOWNSTREAM = ("profile", "tracker", "discovery")


def create_app() -> Starlette:
    settings = get_settings()
    ensure_dev_keys(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.bus = Bus.from_url(settings.require_redis_url())
        app.state.channels = {name: create_channel(getattr(settings, f"{name}_addr"),
                                                   default_timeout_s=settings.grpc_deadline_s)
                              for name in DOWNSTREAM}
        yield
        for channel in app.state.channels.values():
            await channel.close()
        await app.state.bus.close()

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        checks: dict[str, bool] = {"redis": await request.app.state.bus.ping()}
        for name, channel in request.app.state.channels.items():
            try:
                reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
                checks[name] = reply.status == health_pb2.HealthCheckResponse.SERVING
            except Exception:  # any failure of a dependency means "not ready"
                checks[name] = False
        ok = all(checks.values())
        return JSONResponse({"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503)

    graphql = GraphQL(schema, graphql_ide="graphiql" if settings.is_dev else None)
    return Starlette(routes=[Route("/healthz", healthz), Route("/readyz", readyz),
                             Route("/graphql", graphql, methods=["GET", "POST"])], lifespan=lifespan)
