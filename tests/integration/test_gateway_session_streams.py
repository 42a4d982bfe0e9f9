"""An event stream lives no longer than the password session that opened it, through the real gateway in
front of the real profile service: opened with a session's access token (in the header, or through a
ticket issued to it), it ends when that token expires, and once the session is signed out; the reconnect
is then refused, while the user's other sessions keep theirs. Its ordinary requests are refused at once too."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from tests.helpers import clear_rate_limits
from tests.integration.test_gateway import PASSWORD, data, register

REGISTER = "mutation($e: String!, $p: String!) { register(email: $e, password: $p) { accessToken refreshToken } }"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }"


@asynccontextmanager
async def running_gateway(services, *, access_token_ttl_s: int = 900, **settings) -> AsyncIterator[RunningGateway]:
    await services.start("profile_service", access_token_ttl_s=access_token_ttl_s)
    await clear_rate_limits(services.redis_url)
    async with RunningGateway(services.settings(), GatewaySettings(**settings)) as running:
        yield running


async def ticket_for(gateway: RunningGateway, token: str) -> dict[str, str]:
    return {"ticket": data(await gateway.graphql("mutation { eventsTicket { ticket } }", token=token))
            ["eventsTicket"]["ticket"]}


async def ends(response: httpx.Response) -> None:
    """Returns once the server has ended the stream (a bound on the wait, not a timing assertion)."""

    async def drain() -> None:
        async for _ in response.aiter_lines():
            pass

    await asyncio.wait_for(drain(), timeout=30)


async def test_a_stream_ends_when_the_session_token_that_opened_it_expires(services) -> None:
    # Tokens of 2 s, and a re-check far later than that: what ends the streams is the token's expiry.
    async with running_gateway(services, access_token_ttl_s=2, sse_recheck_s=300) as gateway:
        _, by_header, _ = await register(gateway)
        headers = {"authorization": f"Bearer {by_header}"}
        async with gateway.http.stream("GET", "/events", headers=headers) as response:
            assert response.status_code == 200
            await ends(response)
        assert (await gateway.http.get("/events", headers=headers)).status_code == 401

        _, for_ticket, _ = await register(gateway, "Grace")
        params = await ticket_for(gateway, for_ticket)
        async with gateway.http.stream("GET", "/events", params=params) as response:
            assert response.status_code == 200
            await ends(response)


async def test_signing_out_ends_the_sessions_streams_and_only_its_own(services) -> None:
    async with running_gateway(services, sse_recheck_s=0.3) as gateway:
        email = f"two-tabs-{uuid.uuid4().hex[:8]}@example.org"
        signed_up = data(await gateway.graphql(REGISTER, {"e": email, "p": PASSWORD}))["register"]
        token, refresh_token = signed_up["accessToken"], signed_up["refreshToken"]
        # The same user signed in a second time, elsewhere: another session.
        other = data(await gateway.graphql(LOGIN, {"e": email, "p": PASSWORD}))["login"]["accessToken"]
        headers = {"authorization": f"Bearer {token}"}
        async with gateway.http.stream("GET", "/events", headers=headers) as by_header, \
                gateway.http.stream("GET", "/events", params=await ticket_for(gateway, token)) as by_ticket:
            assert by_header.status_code == by_ticket.status_code == 200
            signed_out = await gateway.graphql("mutation($r: String) { logout(refreshToken: $r) }",
                                               {"r": refresh_token})
            assert data(signed_out)["logout"] is True
            await asyncio.gather(ends(by_header), ends(by_ticket))
        # The signed-out session's token, though not expired, opens no stream and reads nothing; the other
        # session's does both.
        assert (await gateway.http.get("/events", headers=headers)).status_code == 401
        refused = await gateway.graphql("{ me { id } health }", token=token)
        assert refused["data"] == {"me": None, "health": "ok"}
        assert [error["extensions"]["code"] for error in refused["errors"]] == ["UNAUTHENTICATED"]
        assert "signed out" in refused["errors"][0]["message"]
        assert data(await gateway.graphql("{ me { id } }", token=other))["me"]["id"]
        async with gateway.http.stream("GET", "/events", headers={"authorization": f"Bearer {other}"}) as response:
            assert response.status_code == 200
        async with gateway.http.stream("GET", "/events", params=await ticket_for(gateway, other)) as response:
            assert response.status_code == 200


async def test_a_live_session_keeps_its_stream_through_the_re_checks(services) -> None:
    async with running_gateway(services, sse_recheck_s=0.2, sse_ping_s=0.5) as gateway:
        _, token, _ = await register(gateway)
        async with gateway.http.stream("GET", "/events", headers={"authorization": f"Bearer {token}"}) as response:
            assert response.status_code == 200
            lines = response.aiter_lines()
            # Pings are comments; with pings every 0.5 s, two of them span several re-checks.
            pings = 0
            while pings < 2:
                line = await asyncio.wait_for(anext(lines), timeout=30)
                pings += line.startswith(":")
