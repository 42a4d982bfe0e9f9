"""The gateway's Starlette application: /graphql, /events (SSE), /mcp (agents), /calendar.ics, /healthz, /readyz, /metrics,
and the web app at / (webapp.py), with browsers' session cookie at /graphql/session (session_cookie.py).

This module only wires: the process's state (built in the lifespan), the middleware and the routes
(handlers in routes.py). Only the entry point (`python -m gateway`) and `devtools.gateway` import it.

The gateway owns nothing in PostgreSQL. For each request it verifies the caller's access token once
(`caller.py`, refusing garbage early) and forwards the raw token to the services, which verify it
again and take the user id from it alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.types import Scope

from common.auth import TokenVerifier, ensure_dev_keys
from common.bus import Bus
from common.gc_tuning import tuned_for_serving
from common.sessions import EndedSessions
from common.settings import REPO_ROOT, Settings, get_settings
from gateway import metrics
from gateway.caller import Authenticator, CallerMiddleware, PersonalAccessTokens
from gateway.clients import Downstream
from gateway.config import GatewaySettings
from gateway.mcp.server import McpEndpoint
from gateway.routes import CSRF_HEADERS, GatewayGraphQL, calendar_ics, events, healthz, readyz
from gateway.schema import build_schema
from gateway.security import BodySizeLimitMiddleware, RateLimiter, RequestContextMiddleware
from gateway.session_cookie import OPT_IN_HEADER, SESSION_PATH
from gateway.sse import EventHub
from gateway.state import GatewayState
from gateway.tickets import TicketStore
from gateway.webapp import web_app


def create_app(settings: Settings | None = None, gateway_settings: GatewaySettings | None = None) -> Starlette:
    settings = settings or get_settings()
    gateway_settings = gateway_settings or GatewaySettings()
    ensure_dev_keys(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        bus = Bus.from_url(settings.require_redis_url(), stream_maxlen=settings.event_stream_maxlen)
        # A separate connection pool for the hub's blocking reads, so they never hold up GraphQL's.
        hub_bus = Bus.from_url(settings.require_redis_url())
        hub = EventHub(hub_bus, block_ms=gateway_settings.sse_block_ms, queue_size=gateway_settings.sse_queue_size)
        downstream = Downstream.connect(settings)
        verifier = TokenVerifier.from_settings(settings)
        personal_tokens = PersonalAccessTokens(downstream.profile_exchange.ExchangePersonalAccessToken, verifier,
                                               cache_s=gateway_settings.pat_cache_s)
        authenticator = Authenticator(verifier, personal_tokens, RateLimiter(bus.redis, window_s=60),
                                      gateway_settings.pat_requests_per_minute, EndedSessions(bus.redis))
        state = GatewayState(
            settings=settings, gateway_settings=gateway_settings, authenticator=authenticator, bus=bus,
            downstream=downstream, hub=hub, tickets=TicketStore(bus.redis),
            rate_limiter=RateLimiter(bus.redis, window_s=gateway_settings.rate_window_s))
        app.state.gateway = state
        hub.start()
        try:
            # Entered last: what start-up built is frozen out of garbage collections while serving.
            async with mcp.session_manager.run():
                with tuned_for_serving(gateway_settings.gc_young_threshold):
                    yield
        finally:
            await hub.stop()
            await state.downstream.close()
            await hub_bus.close()
            await bus.close()

    schema = build_schema(gateway_settings, dev_mode=settings.is_dev)
    mcp = McpEndpoint.create(schema)  # the agents' tools run this same schema as the caller
    graphql = GatewayGraphQL(schema,
                             graphql_ide="graphiql" if settings.is_dev else None,
                             allow_queries_via_get=False, multipart_uploads_enabled=True)

    def body_limit(scope: Scope, content_type: str) -> int | None:
        if scope["path"] == "/graphql" and content_type.startswith("multipart/form-data"):  # uploadCV, importData
            return max(settings.cv_max_bytes, gateway_settings.max_import_bytes) + gateway_settings.multipart_overhead_bytes
        return gateway_settings.max_json_body_bytes

    def authenticator_of(scope: Scope) -> Authenticator:
        return scope["app"].state.gateway.authenticator

    origins = [o.strip() for o in gateway_settings.cors_origins.split(",") if o.strip()]
    middleware = [
        Middleware(RequestContextMiddleware),
        Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                   allow_headers=["authorization", "content-type", "last-event-id", OPT_IN_HEADER, *CSRF_HEADERS,
                                  "mcp-protocol-version"],
                   expose_headers=["x-request-id"], max_age=600),
        Middleware(BodySizeLimitMiddleware, limit_for=body_limit),
        Middleware(CallerMiddleware, authenticator_of=authenticator_of),
    ]
    routes = [
        Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics.metrics_endpoint),
        Route("/graphql", graphql, methods=["GET", "POST"]), Route("/events", events),
        Route("/calendar.ics", calendar_ics),
        Route("/mcp", mcp, methods=["GET", "POST", "DELETE"]),
        # Where browsers refresh and sign out with their session cookie (gateway.session_cookie).
        Route(SESSION_PATH, graphql, methods=["POST"]),
        # Last: everything else is the web app (its files, or index.html for its client routes).
        Mount("/", app=web_app(Path(gateway_settings.web_dist_dir or REPO_ROOT / "web" / "dist"))),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
