"""The gateway's Starlette application: /graphql, /events (SSE), /calendar.ics, /healthz, /readyz, /metrics.

The gateway owns nothing in PostgreSQL. For each GraphQL request it verifies the caller's access
token (refusing garbage early) and forwards the raw token to the services, which verify it again
and take the user id from it alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from grpc_health.v1 import health_pb2, health_pb2_grpc
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from common.auth import Identity, InvalidToken, TokenKind, TokenVerifier, current_identity, ensure_dev_keys
from common.bus import Bus
from common.settings import REPO_ROOT, Settings, get_settings
from gateway import metrics
from gateway.clients import Downstream
from gateway.config import GatewaySettings
from gateway.context import GatewayContext
from gateway.errors import ApiError, call
from gateway.schema import build_schema
from gateway.security import BodySizeLimitMiddleware, RateLimiter, RequestContextMiddleware, client_address
from gateway.session_cookie import OPT_IN_HEADER, SESSION_PATH
from gateway.sse import EventHub, events_endpoint
from gateway.tickets import TicketStore
from gateway.webapp import web_app
from jobmate.tracker.v1 import tracker_pb2

log = logging.getLogger(__name__)

CSRF_HEADERS = ("x-jobmate-csrf", "apollo-require-preflight")


@dataclass
class GatewayState:
    """Everything a request handler needs, built once per process in the lifespan."""

    settings: Settings
    gateway_settings: GatewaySettings
    verifier: TokenVerifier
    bus: Bus
    downstream: Downstream
    hub: EventHub
    tickets: TicketStore
    rate_limiter: RateLimiter

    def public_base_url(self, request: Request) -> str:
        if self.gateway_settings.public_url:
            return self.gateway_settings.public_url.rstrip("/")
        return str(request.base_url).rstrip("/")


class GatewayGraphQL(GraphQL):
    """Strawberry's ASGI view plus: the caller's identity for the request, and CSRF for uploads."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope)
        if request.method == "POST" and request.headers.get("content-type", "").startswith("multipart/form-data") \
                and not any(request.headers.get(name) for name in CSRF_HEADERS):
            # A browser sends a multipart form cross-site without a CORS preflight; requiring a custom
            # header forces one, so another site cannot make a signed-in browser upload a file.
            response = JSONResponse({"errors": [{"message": "multipart requests need the x-jobmate-csrf header",
                                                 "extensions": {"code": "BAD_USER_INPUT"}}]}, status_code=400)
            await response(scope, receive, send)
            return
        identity, problem = self._identify(request)
        scope.setdefault("state", {})
        scope["state"]["identity"], scope["state"]["auth_problem"] = identity, problem
        token = current_identity.set(identity)  # common.grpc_client forwards this token downstream
        try:
            await super().__call__(scope, receive, send)
        finally:
            current_identity.reset(token)

    def _identify(self, request: Request) -> tuple[Identity | None, str | None]:
        authorization = request.headers.get("authorization", "")
        if not authorization:
            return None, None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None, "the Authorization header must be 'Bearer <access token>'"
        try:
            return request.app.state.gateway.verifier.verify(token.strip(), expected=TokenKind.USER), None
        except InvalidToken:
            return None, "the access token is invalid or expired; refresh it or sign in again"

    async def get_context(self, request: Request, response: Response) -> GatewayContext:  # type: ignore[override]
        return GatewayContext(request=request, response=response, state=request.app.state.gateway,
                              identity=request.state.identity, auth_problem=request.state.auth_problem,
                              client_address=client_address(request.scope))


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    state: GatewayState = request.app.state.gateway

    async def service_ok(channel) -> bool:
        try:
            reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
            return reply.status == health_pb2.HealthCheckResponse.SERVING
        except Exception:  # any failure of a dependency means "not ready"
            return False

    names = list(state.downstream.channels)
    results = await asyncio.gather(state.bus.ping(), *(service_ok(state.downstream.channels[n]) for n in names))
    checks = {"redis": results[0], **dict(zip(names, results[1:], strict=True))}
    ok = all(checks.values())
    return JSONResponse({"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503)


_FEED_NOT_FOUND = "this calendar link is not valid (it may have been replaced); get the current one in JobMate"


async def calendar_ics(request: Request) -> Response:
    """GET /calendar.ics?feed=…: a user's follow-ups and interviews (RFC 5545), for calendar apps to poll.

    The feed token is the only credential (calendar apps send no headers); the gateway asks the
    tracker with its own service token, which may do nothing but this. Any unknown token, rotated or
    made up, is the same 404.
    """
    state: GatewayState = request.app.state.gateway
    feed_token = request.query_params.get("feed", "").strip()
    if not feed_token:
        return PlainTextResponse(_FEED_NOT_FOUND, status_code=404)
    try:
        reply = await call("tracker", state.downstream.tracker_feeds.ExportCalendarByFeedToken(
            tracker_pb2.ExportCalendarByFeedTokenRequest(feed_token=feed_token)))
    except ApiError as exc:
        if exc.code == "NOT_FOUND":
            return PlainTextResponse(_FEED_NOT_FOUND, status_code=404)
        if exc.code == "UNAVAILABLE":
            return PlainTextResponse("the calendar is unavailable right now; try again later", status_code=503)
        log.error("calendar feed export failed: %s", exc.code)
        return PlainTextResponse("the calendar could not be produced", status_code=500)
    # `private`: the URL is a secret; shared caches must not keep it. Calendar apps poll anyway.
    return Response(reply.ics, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="jobmate.ics"',
                             "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"})


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
        app.state.gateway = GatewayState(
            settings=settings, gateway_settings=gateway_settings, verifier=TokenVerifier.from_settings(settings),
            bus=bus, downstream=Downstream.connect(settings), hub=hub, tickets=TicketStore(bus.redis),
            rate_limiter=RateLimiter(bus.redis, window_s=gateway_settings.rate_window_s))
        # /events reads these directly.
        app.state.hub, app.state.bus, app.state.tickets = hub, bus, app.state.gateway.tickets
        app.state.verifier, app.state.gateway_settings = app.state.gateway.verifier, gateway_settings
        hub.start()
        try:
            yield
        finally:
            await hub.stop()
            await app.state.gateway.downstream.close()
            await hub_bus.close()
            await bus.close()

    graphql = GatewayGraphQL(build_schema(gateway_settings, dev_mode=settings.is_dev),
                             graphql_ide="graphiql" if settings.is_dev else None,
                             allow_queries_via_get=False, multipart_uploads_enabled=True)

    def body_limit(scope: Scope, content_type: str) -> int | None:
        if scope["path"] not in ("/graphql", SESSION_PATH):
            return gateway_settings.max_json_body_bytes
        if content_type.startswith("multipart/form-data"):
            return settings.cv_max_bytes + gateway_settings.multipart_overhead_bytes
        return gateway_settings.max_json_body_bytes

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    middleware = [
        Middleware(RequestContextMiddleware),
        Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                   allow_headers=["authorization", "content-type", "last-event-id", OPT_IN_HEADER, *CSRF_HEADERS],
                   expose_headers=["x-request-id"], max_age=600),
        Middleware(BodySizeLimitMiddleware, limit_for=body_limit),
    ]
    routes = [
        Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics.metrics_endpoint),
        Route("/graphql", graphql, methods=["GET", "POST"]), Route("/events", events_endpoint),
        Route("/calendar.ics", calendar_ics),
        # Where browsers refresh and sign out with their session cookie (gateway.session_cookie).
        Route(SESSION_PATH, graphql, methods=["POST"]),
        # Last: everything else is the web app (its files, or index.html for its client routes).
        Mount("/", app=web_app(Path(gateway_settings.web_dist_dir or REPO_ROOT / "web" / "dist"))),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
