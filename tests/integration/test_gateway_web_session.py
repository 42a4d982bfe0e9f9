"""Browser sessions and the web app's files, through the real gateway in front of the real profile service.

- `x-jobmate-session: cookie` on login/register puts the refresh token in an HttpOnly, SameSite=Strict
  cookie scoped to /graphql/session (not Secure on plain-HTTP loopback in test mode) and leaves it out
  of the body; refresh and logout by cookie need /graphql/session, the CSRF header and an acceptable
  Origin; a reused (revoked) cookie is refused and cleared; the token-in-body API still works.
- `/` serves web/dist: files, index.html for client routes, immutable hashed assets, a strict CSP.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from gateway.session_cookie import COOKIE_NAME, SESSION_PATH
from tests.helpers import clear_rate_limits

PASSWORD = "correct horse battery staple"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }"
REGISTER = ("mutation($e: String!, $p: String!) { register(email: $e, password: $p) "
            "{ accessToken refreshToken user { id } } }")
REFRESH = "mutation { refreshToken { accessToken refreshToken } }"
LOGOUT = "mutation { logout }"
BROWSER = {"x-jobmate-session": "cookie"}
CSRF = {"x-jobmate-csrf": "1"}


@pytest.fixture
def web_dist(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<!doctype html><script type="module" src="/assets/index-abc123.js"></script>')
    (dist / "assets" / "index-abc123.js").write_text("console.log('app');" + " " * 4000)
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("outside the web root")
    return dist


@pytest.fixture
async def gateway(services, web_dist: Path) -> AsyncIterator[RunningGateway]:
    await services.start("profile_service")
    await clear_rate_limits(services.redis_url)
    async with RunningGateway(services.settings(), GatewaySettings(web_dist_dir=str(web_dist))) as running:
        yield running


async def post(http: httpx.AsyncClient, path: str, query: str, variables: dict | None = None,
               headers: dict[str, str] | None = None) -> httpx.Response:
    response = await http.post(path, json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response


def cookie_header(response: httpx.Response) -> str:
    found = [value for value in response.headers.get_list("set-cookie") if value.startswith(f"{COOKIE_NAME}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def cookie_value(response: httpx.Response) -> str:
    return cookie_header(response).split(";", 1)[0].split("=", 1)[1].strip('"')


async def browser_sign_up(gateway: RunningGateway, http: httpx.AsyncClient) -> tuple[str, httpx.Response]:
    email = f"web-{uuid.uuid4().hex[:8]}@example.org"
    response = await post(http, "/graphql", REGISTER, {"e": email, "p": PASSWORD}, BROWSER)
    return email, response


async def test_browser_login_puts_the_refresh_token_in_a_strict_httponly_cookie(gateway: RunningGateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        email, registered = await browser_sign_up(gateway, http)
        body = registered.json()["data"]["register"]
        assert body["accessToken"] and body["refreshToken"] == ""  # never in a script's reach
        attributes = [part.strip().lower() for part in cookie_header(registered).split(";")]
        assert "httponly" in attributes and "samesite=strict" in attributes
        assert f"path={SESSION_PATH}" in attributes
        assert "secure" not in attributes  # plain HTTP on loopback in test mode: a Secure cookie would be dropped
        assert any(a.startswith("max-age=") and int(a.split("=")[1]) > 3600 for a in attributes)

        logged_in = await post(http, "/graphql", LOGIN, {"e": email, "p": PASSWORD}, BROWSER)
        assert logged_in.json()["data"]["login"]["refreshToken"] == ""
        assert cookie_value(logged_in)


async def test_refresh_by_cookie_rotates_it_and_a_reused_cookie_is_refused_and_cleared(gateway: RunningGateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        _, registered = await browser_sign_up(gateway, http)
        first = cookie_value(registered)
        refreshed = await post(http, SESSION_PATH, REFRESH, headers=CSRF)
        payload = refreshed.json()["data"]["refreshToken"]
        assert payload["accessToken"] and payload["refreshToken"] == ""
        second = cookie_value(refreshed)
        assert second != first
        me = await gateway.graphql("{ me { id } }", token=payload["accessToken"])
        assert me["data"]["me"]["id"]

    # Someone replays the first cookie (stolen or a stale tab): the session is revoked and the cookie cleared.
    async with httpx.AsyncClient(base_url=gateway.base_url, cookies={COOKIE_NAME: first}) as replay:
        reused = await post(replay, SESSION_PATH, REFRESH, headers=CSRF)
        assert reused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "max-age=0" in cookie_header(reused).lower() or 'expires=' in cookie_header(reused).lower()
    async with httpx.AsyncClient(base_url=gateway.base_url, cookies={COOKIE_NAME: second}) as owner:
        revoked = await post(owner, SESSION_PATH, REFRESH, headers=CSRF)
        assert revoked.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_cookie_refresh_and_logout_need_the_csrf_header_a_good_origin_and_the_session_path(
        gateway: RunningGateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        _, registered = await browser_sign_up(gateway, http)
        token = cookie_value(registered)
    async with httpx.AsyncClient(base_url=gateway.base_url, cookies={COOKIE_NAME: token}) as http:
        no_header = await post(http, SESSION_PATH, REFRESH)
        assert no_header.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        other_site = await post(http, SESSION_PATH, REFRESH, headers={**CSRF, "origin": "https://evil.example"})
        assert other_site.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        forced_logout = await post(http, SESSION_PATH, LOGOUT, headers={"origin": "https://evil.example"})
        assert forced_logout.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert not [c for c in forced_logout.headers.get_list("set-cookie") if c.startswith(COOKIE_NAME)]
        # The API path does not take the cookie at all (it is scoped to /graphql/session anyway).
        wrong_path = await post(http, "/graphql", REFRESH, headers=CSRF)
        assert wrong_path.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        # None of the refused attempts used the token up: the real app can still refresh with it.
        ok = await post(http, SESSION_PATH, REFRESH, headers={**CSRF, "origin": gateway.base_url})
        assert ok.json()["data"]["refreshToken"]["accessToken"]


async def test_logout_by_cookie_revokes_the_session_and_clears_the_cookie(gateway: RunningGateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        _, registered = await browser_sign_up(gateway, http)
        token = cookie_value(registered)
    async with httpx.AsyncClient(base_url=gateway.base_url, cookies={COOKIE_NAME: token}) as http:
        out = await post(http, SESSION_PATH, LOGOUT, headers=CSRF)
        assert out.json()["data"]["logout"] is True
        assert "max-age=0" in cookie_header(out).lower() or "expires=" in cookie_header(out).lower()
    async with httpx.AsyncClient(base_url=gateway.base_url, cookies={COOKIE_NAME: token}) as http:
        again = await post(http, SESSION_PATH, REFRESH, headers=CSRF)
        assert again.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        no_cookie = await post(http, SESSION_PATH, LOGOUT, headers=CSRF)
        assert no_cookie.json()["data"]["logout"] is True  # idempotent
        no_cookie_refresh = await post(http, SESSION_PATH, REFRESH, headers=CSRF)
        assert no_cookie_refresh.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_tokens_in_the_body_still_work_for_other_clients(gateway: RunningGateway) -> None:
    email = f"cli-{uuid.uuid4().hex[:8]}@example.org"
    registered = (await gateway.graphql(REGISTER, {"e": email, "p": PASSWORD}))["data"]["register"]
    assert registered["refreshToken"]
    refreshed = await gateway.graphql("mutation($r: String) { refreshToken(refreshToken: $r) { refreshToken } }",
                                      {"r": registered["refreshToken"]})
    new = refreshed["data"]["refreshToken"]["refreshToken"]
    assert new and new != registered["refreshToken"]
    assert (await gateway.graphql("mutation($r: String) { logout(refreshToken: $r) }", {"r": new}))["data"] == {
        "logout": True}


async def test_the_web_app_is_served_with_client_route_fallback_cache_headers_and_a_strict_csp(
        gateway: RunningGateway) -> None:
    http = gateway.http
    index = await http.get("/")
    assert index.status_code == 200 and "/assets/index-abc123.js" in index.text
    assert index.headers["cache-control"] == "no-cache"
    csp = index.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert index.headers["x-content-type-options"] == "nosniff"

    route = await http.get("/applications/123")
    assert route.status_code == 200 and route.text == index.text and route.headers["content-security-policy"] == csp
    # HH.ru sends the browser back to the app's /hh/callback with a query (a code may hold dots): the app.
    callback = await http.get("/hh/callback?code=ab.cd-ef_1&state=St4te.x")
    assert callback.status_code == 200 and callback.text == index.text
    assert callback.headers["referrer-policy"] == "same-origin"  # the code does not leak to other sites

    asset = await http.get("/assets/index-abc123.js", headers={"accept-encoding": "gzip"})
    assert asset.status_code == 200 and asset.text.startswith("console.log")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-type"].startswith("text/javascript")
    assert asset.headers.get("content-encoding") == "gzip"

    assert (await http.get("/favicon.svg")).headers["cache-control"] == "no-cache"
    for missing in ("/assets/index-old.js", "/missing.png", "/../secret.txt", "/%2e%2e/secret.txt"):
        response = await http.get(missing)
        assert response.status_code == 404, missing
        assert "outside the web root" not in response.text
    assert (await http.post("/board")).status_code == 405
    # The API keeps its own routes.
    assert (await http.get("/healthz")).json() == {"status": "ok"}


async def test_without_a_build_the_root_says_how_to_build_it(services, tmp_path: Path) -> None:
    async with RunningGateway(services.settings(), GatewaySettings(web_dist_dir=str(tmp_path / "none"))) as gateway:
        response = await gateway.http.get("/inbox")
        assert response.status_code == 503 and "make web" in response.text
