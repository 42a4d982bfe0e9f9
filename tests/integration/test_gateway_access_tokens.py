"""Personal access tokens through the gateway, in front of the real services: created, listed and revoked
with GraphQL by a password session; used as `Bearer jm_pat_…` on GraphQL, SSE and (exchanged) on gRPC,
each held to its scopes; never able to manage tokens; refused once revoked or expired; rate limited."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import grpc
import pytest

from common.bus import connect
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tests.helpers import bearer, wait_for
from tests.integration.test_gateway import add_manual_job, codes, data, register

CREATE = ("mutation($i: AccessTokenInput!) { createAccessToken(input: $i) "
          "{ secret token { id name prefix scopes createdAt lastUsedAt expiresAt } } }")


@asynccontextmanager
async def running_gateway(services, **settings) -> AsyncIterator[RunningGateway]:
    for name in ("profile_service", "tracker_service", "discovery_service"):
        if name not in services.runtimes:
            await services.start(name, discovery_scheduler_enabled=False)
    client = connect(services.redis_url)
    for key in await client.keys("gateway:ratelimit:*"):
        await client.delete(key)
    await client.aclose()
    async with RunningGateway(services.settings(), GatewaySettings(**settings)) as running:
        yield running


@pytest.fixture
async def gateway(services) -> AsyncIterator[RunningGateway]:
    async with running_gateway(services) as running:
        yield running


async def create_token(gateway: RunningGateway, session: str, scopes: list[str], name: str = "agent",
                       expires_in_days: int | None = None) -> dict:
    reply = await gateway.graphql(CREATE, {"i": {"name": name, "scopes": scopes, "expiresInDays": expires_in_days}},
                                  token=session)
    return data(reply)["createAccessToken"]


def forbidden(reply: dict) -> dict:
    assert codes(reply) == ["FORBIDDEN"], reply
    return reply["errors"][0]


async def test_a_token_created_with_graphql_works_on_graphql_within_its_scopes(gateway: RunningGateway) -> None:
    user_id, session, _ = await register(gateway)
    created = await create_token(gateway, session, ["feed:read", "profile:read"], name="Claude Desktop",
                                 expires_in_days=30)
    secret, token = created["secret"], created["token"]
    assert secret.startswith("jm_pat_") and token["prefix"] == secret[:11]
    assert token["scopes"] == ["feed:read", "profile:read"] and token["expiresAt"] and token["lastUsedAt"] is None

    reply = data(await gateway.graphql("{ me { id } myProfile { userId } jobFeed(first: 5) { nodes { id } } }",
                                       token=secret))
    assert reply["me"] == {"id": user_id} and reply["myProfile"] == {"userId": user_id}

    refused = forbidden(await gateway.graphql("mutation { updateProfile(input: {headline: \"x\"}) { headline } }",
                                              token=secret))
    assert refused["message"] == "this token lacks the scope profile:write"
    assert refused["extensions"]["missingScope"] == "profile:write"
    refused = forbidden(await gateway.graphql(
        "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id } }",
        {"i": {"company": "Acme", "title": "Engineer", "description": "Python services."}}, token=secret))
    assert refused["extensions"]["missingScope"] == "feed:write"

    listed = data(await gateway.graphql("{ accessTokens { id name lastUsedAt } }", token=session))["accessTokens"]
    assert [(t["id"], t["name"]) for t in listed] == [(token["id"], "Claude Desktop")]
    assert listed[0]["lastUsedAt"] is not None


async def test_a_token_cannot_manage_tokens_whatever_its_scopes(gateway: RunningGateway) -> None:
    _, session, _ = await register(gateway)
    every = ["feed:write", "applications:write", "profile:write", "searches:write"]
    created = await create_token(gateway, session, every)
    secret = created["secret"]
    for query, variables in [
        (CREATE, {"i": {"name": "more", "scopes": ["feed:read"]}}),
        ("{ accessTokens { id } }", {}),
        ("mutation($id: ID!) { revokeAccessToken(id: $id) }", {"id": created["token"]["id"]}),
        ("{ calendarUrl }", {}),  # a calendar URL never expires: it would outlive the token's revocation
    ]:
        refused = forbidden(await gateway.graphql(query, variables, token=secret))
        assert "personal access token cannot do this" in refused["message"], query
    assert codes(await gateway.graphql(CREATE, {"i": {"name": "x", "scopes": ["admin"]}}, token=session)) == [
        "BAD_USER_INPUT"]


async def test_grpc_tooling_gets_an_access_token_that_keeps_the_scopes(gateway: RunningGateway, services) -> None:
    _, session, _ = await register(gateway)
    job = await add_manual_job(gateway, session)
    card = data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id version } }", {"id": job["id"]},
                                      token=session))["approveJob"]
    secret = (await create_token(gateway, session, ["applications:read"]))["secret"]
    exchanged = data(await gateway.graphql("{ patAccessToken { accessToken expiresAt scopes tokenId } }",
                                           token=secret))["patAccessToken"]
    assert exchanged["scopes"] == ["applications:read"]
    assert codes(await gateway.graphql("{ patAccessToken { accessToken } }", token=session)) == ["BAD_USER_INPUT"]

    async with grpc.aio.insecure_channel(services.address("tracker_service")) as channel:
        tracker = tracker_pb2_grpc.TrackerServiceStub(channel)
        auth = bearer(exchanged["accessToken"])
        board = await tracker.GetBoard(tracker_pb2.GetBoardRequest(), metadata=auth, timeout=5)
        assert card["id"] in {c.id for column in board.columns for c in column.cards}
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await tracker.MoveCard(tracker_pb2.MoveCardRequest(id=card["id"],
                                                               to_status=tracker_pb2.APPLICATION_STATUS_APPLIED),
                                   metadata=auth, timeout=5)
        assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert info.value.details() == "this token lacks the scope applications:write"
        with pytest.raises(grpc.aio.AioRpcError) as info:  # the secret itself is not a token services take
            await tracker.GetBoard(tracker_pb2.GetBoardRequest(), metadata=bearer(secret), timeout=5)
        assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_revoked_and_expired_tokens_are_refused_with_the_reason(services) -> None:
    # A short cache so that the revocation shows in a test's time; the default (40 s) bounds it the same way.
    async with running_gateway(services, pat_cache_s=0.5) as gateway:
        _, session, _ = await register(gateway)
        created = await create_token(gateway, session, ["profile:read"])
        secret = created["secret"]
        data(await gateway.graphql("{ myProfile { userId } }", token=secret))
        assert data(await gateway.graphql("mutation($id: ID!) { revokeAccessToken(id: $id) }",
                                          {"id": created["token"]["id"]}, token=session)) == {"revokeAccessToken": True}

        async def refused() -> dict | None:
            reply = await gateway.graphql("{ myProfile { userId } }", token=secret)
            return reply if codes(reply) == ["UNAUTHENTICATED"] else None

        reply = await wait_for(refused, timeout_s=20, interval_s=0.2)
        assert "not valid (unknown or revoked)" in reply["errors"][0]["message"]

        expiring = await create_token(gateway, session, ["profile:read"], name="short", expires_in_days=1)
        data(await gateway.graphql("{ myProfile { userId } }", token=expiring["secret"]))
        conn = await asyncpg.connect(services.database_url)
        try:  # a day passes
            await conn.execute("UPDATE profile.personal_access_tokens SET expires_at = now() - interval '1 second'"
                               " WHERE id = $1::uuid", expiring["token"]["id"])
        finally:
            await conn.close()

        async def expired() -> dict | None:
            reply = await gateway.graphql("{ myProfile { userId } }", token=expiring["secret"])
            return reply if codes(reply) == ["UNAUTHENTICATED"] else None

        reply = await wait_for(expired, timeout_s=20, interval_s=0.2)
        assert "expired on" in reply["errors"][0]["message"]
        made_up = await gateway.graphql("{ myProfile { userId } }", token="jm_pat_" + uuid.uuid4().hex)
        assert codes(made_up) == ["UNAUTHENTICATED"]


async def test_requests_are_rate_limited_per_token(services) -> None:
    async with running_gateway(services, pat_requests_per_minute=3) as gateway:
        _, session, _ = await register(gateway)
        first = (await create_token(gateway, session, ["profile:read"], name="one"))["secret"]
        second = (await create_token(gateway, session, ["profile:read"], name="two"))["secret"]
        for _ in range(3):
            data(await gateway.graphql("{ me { id } }", token=first))
        response = await gateway.http.post("/graphql", json={"query": "{ me { id } }"},
                                           headers={"authorization": f"Bearer {first}"})
        assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert "too many requests with this personal access token" in error["message"]
        data(await gateway.graphql("{ me { id } }", token=second))  # another token has its own budget
        data(await gateway.graphql("{ me { id } }", token=session))  # password sessions are not counted


async def test_live_events_need_a_read_scope(gateway: RunningGateway) -> None:
    _, session, _ = await register(gateway)
    profile_only = (await create_token(gateway, session, ["profile:read"]))["secret"]
    response = await gateway.http.get("/events", headers={"authorization": f"Bearer {profile_only}"})
    assert response.status_code == 403
    assert response.json()["error"] == "this token lacks the scope feed:read or applications:read"
    feed = await create_token(gateway, session, ["feed:read"], name="feed")
    # A ticket's stream is re-checked against a password session, so a personal access token uses its header.
    assert "personal access token cannot" in forbidden(
        await gateway.graphql("mutation { eventsTicket { ticket } }", token=feed["secret"]))["message"]
    async with gateway.http.stream("GET", "/events", headers={"authorization": f"Bearer {feed['secret']}"}) as response:
        assert response.status_code == 200


async def test_an_open_stream_ends_once_its_token_is_revoked(services) -> None:
    async with running_gateway(services, pat_cache_s=0.5) as gateway:
        _, session, _ = await register(gateway)
        created = await create_token(gateway, session, ["feed:read"])
        headers = {"authorization": f"Bearer {created['secret']}"}
        async with gateway.http.stream("GET", "/events", headers=headers) as response:
            assert response.status_code == 200
            data(await gateway.graphql("mutation($id: ID!) { revokeAccessToken(id: $id) }",
                                       {"id": created["token"]["id"]}, token=session))

            async def drain() -> None:
                async for _ in response.aiter_lines():
                    pass

            await asyncio.wait_for(drain(), timeout=20)  # the server ends the stream
        again = await gateway.http.get("/events", headers=headers)
        assert again.status_code == 401
