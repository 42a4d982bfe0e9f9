"""Protections at the public edge that are not GraphQL cost limits (those live in schema.py).

- `RequestContextMiddleware`: a request id per HTTP request (echoed as X-Request-ID, carried into
  logs and to the services as x-request-id).
- `BodySizeLimitMiddleware`: refuses oversized bodies with 413 before GraphQL parses anything;
  chunked bodies are counted as they arrive, so a missing Content-Length does not bypass it.
- `RateLimiter`: sliding windows in Redis (shared by every replica) for login, register and
  personal access tokens, per client address, per account and per token.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
import uuid
from collections.abc import Callable

import redis.asyncio as redis
from redis.exceptions import RedisError
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.log import ThrottledLog, new_request_id, request_id_var
from gateway.errors import ApiError, ErrorCode

log = logging.getLogger(__name__)
# While Redis is down every attempt would say so: once a minute, with how many were held back.
_redis_down_log = ThrottledLog(log)


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        # Accept a caller's id only when it looks like one (it ends up in logs).
        request_id = incoming if 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum() \
            else new_request_id()
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id  # for work done outside this task (MCP)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """`limit_for(scope, content_type)` gives the byte limit for a request, or None for no body check."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[Scope, str], int | None]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope, headers.get("content-type", ""))
        if limit is None:
            await self.app(scope, receive, send)
            return
        too_large = JSONResponse({"errors": [{"message": f"request body larger than {limit} bytes",
                                              "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}, status_code=413)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await too_large(scope, receive, send)
            return
        # Read the body here (bounded), then replay it: the GraphQL view reads it whole anyway.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await too_large(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def account_key(email: str) -> str:
    """Rate-limit key for an account: the normalised e-mail, hashed so Redis holds no addresses."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


# Every counter's key starts with this (`make dev` clears them at start, so a restart in dev mode does
# not inherit an earlier run's limits; in production they persist).
RATE_LIMIT_KEY_PREFIX = "gateway:ratelimit:"


# One attempt against a sliding window kept as a sorted set of the attempts let through (score: time).
# KEYS[1] the set; ARGV: now, window (seconds), limit, a unique member. Returns 0 when the attempt is let
# through, else the seconds until the oldest attempt leaves the window. Atomic, so replicas agree.
_SLIDING_WINDOW_HIT = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('EXPIRE', KEYS[1], math.ceil(window) + 1)
  return '0'
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + window - now)
"""


class RateLimiter:
    """At most `limit` attempts in any `window_s` seconds per key: a sliding window, exact.

    Counters aligned to the clock would let a client make `limit` attempts just before a window ends and
    `limit` more just after, twice the limit in a moment. The window is a sorted set of the times of the
    attempts let through (at most `limit` entries per key); a refused attempt is not stored, so the wait
    a refusal names is exactly when the next attempt fits.
    """

    def __init__(self, client: redis.Redis, *, window_s: int, prefix: str = RATE_LIMIT_KEY_PREFIX,
                 clock: Callable[[], float] = time.time) -> None:
        self._redis = client
        self._window = window_s
        self._prefix = prefix
        self._clock = clock
        self._hit = client.register_script(_SLIDING_WINDOW_HIT)

    async def hit(self, action: str, dimension: str, key: str, limit: int, *, what: str | None = None) -> None:
        """Count one attempt; raise RATE_LIMITED when `limit` attempts were let through in the last window.

        If Redis is unreachable the attempt is let through (logged): profile_service throttles
        logins too, and an outage of the limiter must not lock every user out.
        """
        now = self._clock()
        try:
            wait = float(await self._hit(keys=[f"{self._prefix}{action}:{dimension}:{key}"],
                                         args=[repr(now), self._window, limit, f"{now!r}:{uuid.uuid4().hex}"]))
        except RedisError as exc:
            _redis_down_log.warning("rate limiter", "rate limiter unavailable; letting the attempt through",
                                    extra={"error": str(exc)})
            return
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ApiError(ErrorCode.RATE_LIMITED,
                           f"too many {what or action + ' attempts'}; try again in {retry_after} seconds",
                           retryAfterSeconds=retry_after)
