"""Who is calling: the one place the gateway reads a request's credentials.

`CallerMiddleware` runs once per HTTP request, before any route: it parses the `Authorization:
Bearer` header, verifies the token (`Authenticator`), keeps the result as the request's `Caller`
(read by `caller_of(request)` in routes and by `GatewayContext.caller` in resolvers), and sets
`common.auth.current_identity` for the request, which `common.grpc_client` reads to forward the
caller's token on every downstream call. Nothing else in the gateway looks at the header.

A personal access token (`Bearer jm_pat_…`, for scripts and AI agents) is exchanged here, and only
here, with profile_service for a short-lived access token carrying the token's scopes and id
(`PersonalAccessTokens`, cached for most of that token's life); that access token is what the request's
identity holds and forwards, so the services see JWTs only and check scopes in their access policy.
Requests with a personal access token are rate limited per token.

The gateway cannot act for a user without that user's token: it forwards the raw token, and the
services verify it again. The two exceptions are deliberate and narrow: an SSE ticket (`tickets.py`)
names a user for one `GET /events`, and the calendar feed route calls the tracker with the
gateway's own service token (`clients.py`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import grpc
from redis.exceptions import RedisError
from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from common.auth import Identity, InvalidToken, TokenKind, TokenVerifier, current_identity
from common.log import ThrottledLog
from common.sessions import EndedSessions
from gateway.errors import ApiError, ErrorCode, unauthenticated
from gateway.security import RateLimiter
from jobmate.profile.v1 import profile_pb2

log = logging.getLogger(__name__)
# While Redis is down every request would say so: once a minute, with how many were held back.
_redis_down_log = ThrottledLog(log)

NOT_BEARER = "the Authorization header must be 'Bearer <access token>'"
TOKEN_REFUSED = "the access token is invalid or expired; refresh it or sign in again"
SESSION_ENDED = "this sign-in session has ended (signed out); sign in again"
PAT_PREFIX = "jm_pat_"
# Live events tell of postings and applications: a personal access token needs one of these to see them.
EVENTS_SCOPES = ("feed:read", "applications:read")
PAT_UNCHECKABLE = "personal access tokens cannot be checked right now (profile is unavailable); try again shortly"


@dataclass(frozen=True, slots=True)
class Caller:
    """The sender of one request: where it came from and, if it proved it, who it is."""

    address: str  # the peer as uvicorn reports it (X-Forwarded-For applies only from trusted proxies)
    identity: Identity | None = None
    refusal: str | None = None  # why the credentials presented were refused (None: none presented, or valid)
    bearer_presented: bool = False  # a Bearer token was sent (valid or not)

    def require_user(self) -> Identity:
        """The verified user, or UNAUTHENTICATED saying why (no token, not Bearer, invalid or expired)."""
        if self.identity is None:
            raise unauthenticated(self.refusal) if self.refusal else unauthenticated()
        return self.identity

    def require_scope(self, *any_of: str) -> Identity:
        """The verified user if it may do what one of the scopes names (a password sign-in may do
        everything), else FORBIDDEN naming the scope."""
        identity = self.require_user()
        if not any(identity.allows(scope) for scope in any_of):
            raise missing_scope(*any_of)
        return identity

    def require_password_session(self) -> Identity:
        """The verified user signed in with a password: a personal access token is FORBIDDEN."""
        identity = self.require_user()
        if identity.from_personal_access_token:
            raise ApiError(ErrorCode.FORBIDDEN, "a personal access token cannot do this; sign in with your password")
        return identity


class TokenUncheckable(InvalidToken):
    """A personal access token could not be checked (profile unreachable): refused for now, not revoked."""


def missing_scope(*any_of: str) -> ApiError:
    return ApiError(ErrorCode.FORBIDDEN, f"this token lacks the scope {' or '.join(any_of)}",
                    missingScope=any_of[0])


@dataclass(frozen=True, slots=True)
class _Cached:
    identity: Identity | None
    fresh_until: float  # time.monotonic()
    refusal: str = ""  # set instead of identity: profile refused the secret (revoked, expired, unknown)


class PersonalAccessTokens:
    """Trades `jm_pat_` secrets for short-lived access tokens (profile's ExchangePersonalAccessToken, with
    the gateway's service token), and keeps each for at most `cache_s` and never closer than
    `margin_s` to its expiry, so what is forwarded stays valid through the downstream calls.

    Profile mints 50-s access tokens; with a 40-s cache here, a revoked token is refused by this gateway
    within 40 s and by every service within 60 s (the token's life plus their 10-s leeway).
    Concurrent requests with one secret share one exchange. The cache is keyed by the secret's hash.
    A refusal is kept as long (a revoked or expired token never comes back, and a script retrying one in
    a loop should not cost profile a call each time); an outage of profile is not.
    """

    def __init__(self, exchange: Callable[[profile_pb2.ExchangePersonalAccessTokenRequest],
                                          Awaitable[profile_pb2.ExchangePersonalAccessTokenResponse]],
                 verifier: TokenVerifier, *, cache_s: float = 40.0, margin_s: float = 10.0,
                 max_entries: int = 10_000) -> None:
        self._exchange = exchange
        self._verifier = verifier
        self._cache_s, self._margin_s, self._max_entries = cache_s, margin_s, max_entries
        self._cache: OrderedDict[bytes, _Cached] = OrderedDict()
        self._inflight: dict[bytes, asyncio.Task[Identity]] = {}

    async def identity_for(self, secret: str) -> Identity:
        key = hashlib.sha256(secret.encode()).digest()
        cached = self._cache.get(key)
        if cached is not None and cached.fresh_until > time.monotonic():
            if cached.identity is None:
                raise InvalidToken(cached.refusal)
            return cached.identity
        task = self._inflight.get(key)
        if task is None:
            # A task of its own, so a request that goes away does not cancel the others' exchange.
            task = asyncio.create_task(self._exchange_for(secret, key))
            self._inflight[key] = task
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(task)

    async def _exchange_for(self, secret: str, key: bytes) -> Identity:
        try:
            reply = await self._exchange(profile_pb2.ExchangePersonalAccessTokenRequest(secret=secret))
        except grpc.aio.AioRpcError as exc:
            self._cache.pop(key, None)
            if exc.code() in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INVALID_ARGUMENT):
                refusal = exc.details() or "this personal access token is not valid"
                self._keep(key, _Cached(None, time.monotonic() + self._cache_s, refusal))
                raise InvalidToken(refusal) from exc
            log.warning("personal access token exchange failed", extra={"grpc_code": exc.code().name})
            raise TokenUncheckable(PAT_UNCHECKABLE) from exc
        identity = self._verifier.verify(reply.access_token, expected=TokenKind.USER)
        life = reply.expires_at.ToSeconds() - time.time()
        keep = min(self._cache_s, life - self._margin_s)
        if keep > 0:
            self._keep(key, _Cached(identity, time.monotonic() + keep))
        return identity

    def _keep(self, key: bytes, entry: _Cached) -> None:
        self._cache[key] = entry
        self._cache.move_to_end(key)
        while len(self._cache) > self._max_entries:
            self._cache.popitem(last=False)


class Authenticator:
    """Turns the credentials a request presents into a `Caller`; requests with a personal access token
    count against that token's rate limit (`RATE_LIMITED` past it)."""

    def __init__(self, verifier: TokenVerifier, personal_tokens: PersonalAccessTokens | None = None,
                 limiter: RateLimiter | None = None, requests_per_window: int = 0,
                 ended_sessions: EndedSessions | None = None) -> None:
        self._verifier = verifier
        self._personal_tokens = personal_tokens
        self._limiter = limiter
        self._requests_per_window = requests_per_window
        self._ended_sessions = ended_sessions

    async def authenticate(self, scope: Scope) -> Caller:
        address = client_address(scope)
        authorization = Headers(scope=scope).get("authorization", "")
        if not authorization:
            return Caller(address)
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return Caller(address, refusal=NOT_BEARER)
        try:
            identity = await self.identity_for_bearer(token)
        except InvalidToken as exc:
            refusal = str(exc) if token.startswith(PAT_PREFIX) else TOKEN_REFUSED
            return Caller(address, refusal=refusal, bearer_presented=True)
        # A signed-out session's access tokens still verify until they expire: the gateway refuses them
        # (one Redis lookup per request), so signing out signs out now, not in up to 15 minutes.
        if not identity.from_personal_access_token and not await self._session_not_ended(identity.session_id):
            return Caller(address, refusal=SESSION_ENDED, bearer_presented=True)
        if identity.from_personal_access_token and self._limiter is not None:
            await self._limiter.hit("token", "id", identity.token_id, self._requests_per_window,
                                    what="requests with this personal access token")
        return Caller(address, identity=identity, bearer_presented=True)

    async def still_valid(self, token: str) -> bool:
        """Whether a Bearer token accepted earlier is still good (for long-lived streams): False once it is
        refused, past its expiry or its sign-in session has ended; True while it cannot be checked, so an
        outage of profile ends no stream."""
        try:
            identity = await self.identity_for_bearer(token)
        except TokenUncheckable:
            return True
        except InvalidToken:
            return False
        return await self.session_still_live(identity.session_id, identity.expires_at)

    async def session_still_live(self, session_id: str, expires_at: float) -> bool:
        """False once a token that expires at `expires_at` (unix seconds; 0: no expiry known) has expired,
        without the verifiers' leeway, or once its sign-in session `session_id` has ended (signed out);
        True while Redis cannot tell, so an outage of Redis ends no stream before its token expires."""
        if expires_at and expires_at <= time.time():
            return False
        return await self._session_not_ended(session_id)

    async def _session_not_ended(self, session_id: str) -> bool:
        if not session_id or self._ended_sessions is None:
            return True
        try:
            return not await self._ended_sessions.contains(session_id)
        except (RedisError, OSError) as exc:
            _redis_down_log.warning("ended sessions", "cannot check whether a session has ended",
                                    extra={"error": str(exc)})
            return True

    async def identity_for_bearer(self, token: str) -> Identity:
        """The identity a Bearer token proves; InvalidToken (saying why, for a personal access token)
        if it proves none. A personal access token (`jm_pat_…`) is exchanged for a short-lived access
        token, which is what the identity holds and forwards."""
        if token.startswith(PAT_PREFIX):
            if self._personal_tokens is None:
                raise InvalidToken("personal access tokens are not accepted here")
            return await self._personal_tokens.identity_for(token)
        return self._verifier.verify(token, expected=TokenKind.USER)


class CallerMiddleware:
    """Authenticates every HTTP request once, with the authenticator `authenticator_of(scope)` returns
    (looked up per request: it is built in the app's lifespan, after the middleware)."""

    def __init__(self, app: ASGIApp, authenticator_of: Callable[[Scope], Authenticator]) -> None:
        self.app = app
        self.authenticator_of = authenticator_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            caller = await self.authenticator_of(scope).authenticate(scope)
        except ApiError as exc:  # a personal access token past its rate limit
            retry_after = str(exc.extensions.get("retryAfterSeconds", 60))
            response = JSONResponse({"errors": [{"message": exc.message, "extensions": exc.extensions}]},
                                    status_code=429, headers={"Retry-After": retry_after})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["caller"] = caller
        token = current_identity.set(caller.identity)
        try:
            await self.app(scope, receive, send)
        finally:
            current_identity.reset(token)


def caller_of(connection: HTTPConnection) -> Caller:
    return connection.state.caller


def client_address(scope: Scope) -> str:
    """The peer address as uvicorn reports it (it applies X-Forwarded-For only from trusted proxies)."""
    client = scope.get("client")
    return client[0] if client else "unknown"
