"""Who is calling: the one place the gateway reads a request's credentials.

`CallerMiddleware` runs once per HTTP request, before any route: it parses the `Authorization:
Bearer` header, verifies the token (`Authenticator`), keeps the result as the request's `Caller`
(read by `caller_of(request)` in routes and by `GatewayContext.caller` in resolvers), and sets
`common.auth.current_identity` for the request, which `common.grpc_client` reads to forward the
caller's token on every downstream call. Nothing else in the gateway looks at the header.

The gateway cannot act for a user without that user's token: it forwards the raw token, and the
services verify it again. The two exceptions are deliberate and narrow: an SSE ticket (`tickets.py`)
names a user for one `GET /events`, and the calendar feed route calls the tracker with the
gateway's own service token (`clients.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from common.auth import Identity, InvalidToken, TokenKind, TokenVerifier, current_identity
from gateway.errors import unauthenticated

NOT_BEARER = "the Authorization header must be 'Bearer <access token>'"
TOKEN_REFUSED = "the access token is invalid or expired; refresh it or sign in again"


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


class Authenticator:
    """Turns the credentials a request presents into a `Caller`."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self._verifier = verifier

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
        except InvalidToken:
            return Caller(address, refusal=TOKEN_REFUSED, bearer_presented=True)
        return Caller(address, identity=identity, bearer_presented=True)

    async def identity_for_bearer(self, token: str) -> Identity:
        """The identity a Bearer token proves; InvalidToken if it proves none.

        The seam for credentials other than an access token: a personal access token (`jm_pat_…`)
        is to be exchanged here for a short-lived access token, which is then verified and forwarded
        like any other, so the services keep seeing JWTs only.
        """
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
        caller = await self.authenticator_of(scope).authenticate(scope)
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
