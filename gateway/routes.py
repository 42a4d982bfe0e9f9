"""The gateway's HTTP handlers: the GraphQL view, /events, /calendar.ics, /healthz and /readyz.

Every handler finds the process's `GatewayState` with `state_of(request)` and the request's
authenticated `Caller` with `caller_of(request)` (set by `CallerMiddleware`); none reads a
credential itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import orjson
from grpc_health.v1 import health_pb2, health_pb2_grpc
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from common.log import ThrottledLog
from gateway.caller import EVENTS_SCOPES, caller_of
from gateway.clients import TRACKER
from gateway.context import GatewayContext
from gateway.errors import ApiError, call
from gateway.sse import ConnectionEventSourceResponse, is_stream_id
from gateway.state import GatewayState, state_of
from gateway.tickets import TicketHolder
from jobmate.tracker.v1 import tracker_pb2

log = logging.getLogger(__name__)
# While Redis is down every /events request would say so: once a minute, with how many were held back.
_redis_down_log = ThrottledLog(log)

CSRF_HEADERS = ("x-jobmate-csrf", "apollo-require-preflight")


class GatewayGraphQL(GraphQL):
    """Strawberry's ASGI view plus CSRF protection for uploads, and the gateway's context."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            if request.method == "POST" and request.headers.get("content-type", "").startswith("multipart/form-data") \
                    and not any(request.headers.get(name) for name in CSRF_HEADERS):
                # A browser sends a multipart form cross-site without a CORS preflight; requiring a custom
                # header forces one, so another site cannot make a signed-in browser upload a file.
                response = JSONResponse({"errors": [{"message": "multipart requests need the x-jobmate-csrf header",
                                                     "extensions": {"code": "BAD_USER_INPUT"}}]}, status_code=400)
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        # orjson: the inbox page's JSON in a tenth of the time of json.dumps (docs/perf/README.md).
        return orjson.dumps(data)

    async def get_context(self, request: Request, response: Response) -> GatewayContext:  # type: ignore[override]
        return GatewayContext(request=request, response=response, state=state_of(request), caller=caller_of(request))


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    state = state_of(request)

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
    state = state_of(request)
    feed_token = request.query_params.get("feed", "").strip()
    if not feed_token:
        return PlainTextResponse(_FEED_NOT_FOUND, status_code=404)
    try:
        reply = await call(TRACKER, state.downstream.tracker_feeds.ExportCalendarByFeedToken(
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


async def events(request: Request) -> Response:
    """GET /events: the caller's live events (see sse.py), authenticated by a Bearer token or a ticket."""
    state = state_of(request)
    try:
        holder = await _events_holder(request)
    except ApiError as exc:
        return JSONResponse({"error": exc.message}, status_code=403)
    still_allowed = _still_allowed(request, state, holder)
    if holder is None or (still_allowed is not None and not await still_allowed()):
        return JSONResponse({"error": "authenticate with an Authorization header or a ticket from the "
                                      "eventsTicket mutation"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    last_event_id = request.headers.get("last-event-id") or request.query_params.get("lastEventId")
    if last_event_id is not None and not is_stream_id(last_event_id):
        return JSONResponse({"error": "Last-Event-ID is not an event id from this stream"}, status_code=400)
    try:
        # Before the 200: a failure here is an answer the client can act on, not a broken stream.
        conn = await state.hub.register(holder.user_id)
    except (RedisError, OSError) as exc:
        _redis_down_log.warning("event stream", "cannot open an event stream: Redis unavailable",
                                extra={"error": str(exc)})
        return JSONResponse({"error": "live events are unavailable right now; retry in a few seconds"},
                            status_code=503, headers={"Retry-After": "2"})
    settings = state.gateway_settings
    identity = caller_of(request).identity
    if identity is not None and identity.from_personal_access_token:
        # Checked as often as an exchange is reused; the exchanged token's own expiry is renewed, not an end.
        recheck = {"recheck_s": settings.pat_cache_s}
    else:
        recheck = {"recheck_s": settings.sse_recheck_s, "ends_at": holder.expires_at or None}
    return ConnectionEventSourceResponse(
        state.hub, conn, last_event_id, ping=settings.sse_ping_s, send_timeout=settings.sse_send_timeout_s,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}, still_allowed=still_allowed, **recheck)


def _still_allowed(request: Request, state: GatewayState,
                   holder: TicketHolder | None) -> Callable[[], Awaitable[bool]] | None:
    """What an open stream asks again every so often (and once before it opens), ending once it says no
    (the client's reconnect is then refused): with a Bearer token, whether the token is still good (a
    personal access token not revoked, an access token not expired nor its session signed out); with a
    ticket, the same of the access token the ticket was issued to. None: nothing to ask (a ticket issued
    before tickets named their token's session)."""
    authenticator = state.authenticator
    if caller_of(request).identity is not None:
        secret = request.headers["authorization"].partition(" ")[2].strip()
        return lambda: authenticator.still_valid(secret)
    if holder is not None and (holder.session_id or holder.expires_at):
        return lambda: authenticator.session_still_live(holder.session_id, holder.expires_at)
    return None


async def _events_holder(request: Request) -> TicketHolder | None:
    """Whom a stream is for: the Bearer token's user, else the ticket's (EventSource cannot send headers).

    A Bearer token that fails verification is refused outright, not retried as a ticket; any other
    Authorization header (say, basic auth added by a proxy in front) leaves the ticket to decide.
    """
    caller = caller_of(request)
    if caller.bearer_presented:
        if caller.identity is None:
            return None
        caller.require_scope(*EVENTS_SCOPES)  # FORBIDDEN for a personal access token without them
        return TicketHolder(caller.identity.user_id, caller.identity.session_id, caller.identity.expires_at)
    ticket = request.query_params.get("ticket")
    if ticket:
        return await state_of(request).tickets.consume_sse_ticket(ticket)
    return None
