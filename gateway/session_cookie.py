"""Browser sessions: the refresh token in an HttpOnly cookie instead of in JavaScript's reach.

A browser client (the web app) asks for this by sending `x-jobmate-session: cookie` with `login` or
`register`: the gateway then sets the refresh token as a cookie and leaves `refreshToken` empty in the
answer, so no script ever sees it. The cookie is

- `HttpOnly` (scripts cannot read it), `SameSite=Strict` (never sent from another site's page),
- `Secure`, except on plain-HTTP loopback in dev/test mode (there is no TLS on `make dev`),
- scoped to `Path=/graphql/session`: the GraphQL endpoint mounted there is where the app sends
  `refreshToken` and `logout` without an argument, and no other request carries the cookie.

Refresh and logout by cookie also need the `x-jobmate-csrf` header (a cross-site page cannot add a
custom header without a CORS preflight, which the gateway only grants to `CORS_ORIGINS`) and, when the
browser sends an `Origin`, one that is this gateway's own or in `CORS_ORIGINS`. A refresh that fails
clears the cookie, so a revoked session does not keep being presented.

Non-browser clients are unaffected: without the header, tokens travel in the body as before, and
`refreshToken(refreshToken: "...")` / `logout(refreshToken: "...")` work at `/graphql`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from starlette.requests import Request

from gateway.errors import ApiError, ErrorCode

if TYPE_CHECKING:
    from gateway.context import GatewayContext

COOKIE_NAME = "jobmate_refresh"
SESSION_PATH = "/graphql/session"
OPT_IN_HEADER = "x-jobmate-session"
CSRF_HEADER = "x-jobmate-csrf"
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def wants_cookie(request: Request) -> bool:
    """The client asked for its refresh token as a cookie (the web app does, on login and register)."""
    return request.headers.get(OPT_IN_HEADER, "").strip().lower() == "cookie"


def is_session_path(request: Request) -> bool:
    return request.url.path == SESSION_PATH


def _secure(ctx: GatewayContext) -> bool:
    request = ctx.request
    plain_loopback = request.url.scheme == "http" and (request.url.hostname or "") in _LOOPBACK_HOSTS
    return not (ctx.state.settings.is_dev and plain_loopback)


def set_refresh_cookie(ctx: GatewayContext, token: str, expires_at: datetime | None) -> None:
    max_age = None
    if expires_at is not None:
        max_age = max(0, int((expires_at - datetime.now(UTC)).total_seconds()))
    ctx.response.set_cookie(COOKIE_NAME, token, max_age=max_age, path=SESSION_PATH, secure=_secure(ctx),
                            httponly=True, samesite="strict")


def clear_refresh_cookie(ctx: GatewayContext) -> None:
    ctx.response.delete_cookie(COOKIE_NAME, path=SESSION_PATH, secure=_secure(ctx), httponly=True,
                               samesite="strict")


def check_csrf(ctx: GatewayContext) -> None:
    """Refresh and logout by cookie: only from this app's own pages (see the module docstring)."""
    request = ctx.request
    if not request.headers.get(CSRF_HEADER):
        raise ApiError(ErrorCode.FORBIDDEN, f"a session cookie is only accepted with the {CSRF_HEADER} header")
    origin = request.headers.get("origin")
    if origin is None:
        return  # same-origin fetches may omit it; the custom header already forced a preflight cross-site
    own = f"{request.url.scheme}://{request.url.netloc}"
    allowed = {o.strip().rstrip("/") for o in ctx.state.gateway_settings.cors_origins.split(",") if o.strip()}
    if origin.rstrip("/") != own and origin.rstrip("/") not in allowed:
        raise ApiError(ErrorCode.FORBIDDEN, "this origin may not use the session cookie")


def cookie_token(ctx: GatewayContext) -> str | None:
    """The refresh token a browser presents with refreshToken or logout without an argument (None: no
    cookie). Only at SESSION_PATH, and only past the CSRF check."""
    if not is_session_path(ctx.request):
        raise ApiError(ErrorCode.BAD_USER_INPUT, "give refreshToken, or send this mutation to "
                                                 f"{SESSION_PATH} with the session cookie")
    check_csrf(ctx)
    return ctx.request.cookies.get(COOKIE_NAME, "").strip() or None
