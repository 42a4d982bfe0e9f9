"""gateway.caller.PersonalAccessTokens: one exchange per secret at a time, reuse for at most the cache
time and never near the access token's expiry, and refusals that say why (the exchange itself is
profile's RPC, replaced here by a function that answers as profile does)."""

from __future__ import annotations

import asyncio
import time

import grpc
import pytest

from common.auth import InvalidToken, TokenVerifier
from common.settings import get_settings
from gateway.caller import PAT_UNCHECKABLE, PersonalAccessTokens, TokenUncheckable
from jobmate.profile.v1 import profile_pb2
from tests.helpers import user_token

SECRET = "jm_pat_" + "x" * 43


class Profile:
    """Answers ExchangePersonalAccessToken like profile_service: a fresh access token each time."""

    def __init__(self, ttl_s: int = 50, error: grpc.StatusCode | None = None) -> None:
        self.calls = 0
        self.ttl_s = ttl_s
        self.error = error

    async def __call__(self, request: profile_pb2.ExchangePersonalAccessTokenRequest):
        self.calls += 1
        await asyncio.sleep(0.01)
        if self.error is not None:
            raise grpc.aio.AioRpcError(self.error, grpc.aio.Metadata(), grpc.aio.Metadata(),
                                       details="this personal access token is not valid (unknown or revoked)")
        reply = profile_pb2.ExchangePersonalAccessTokenResponse(
            access_token=user_token("u1", ttl_s=self.ttl_s, scopes={"feed:read"}, token_id="t1"), token_id="t1")
        reply.expires_at.FromSeconds(int(time.time()) + self.ttl_s)
        return reply


def tokens(profile: Profile, **options) -> PersonalAccessTokens:
    return PersonalAccessTokens(profile, TokenVerifier.from_settings(get_settings()), **options)


async def test_concurrent_requests_share_one_exchange_and_the_result_is_reused() -> None:
    profile = Profile()
    exchange = tokens(profile)
    identities = await asyncio.gather(*(exchange.identity_for(SECRET) for _ in range(5)))
    assert profile.calls == 1
    assert {(i.subject, i.token_id) for i in identities} == {("u1", "t1")}
    assert identities[0].allows("feed:read") and not identities[0].allows("feed:write")
    await exchange.identity_for(SECRET)
    assert profile.calls == 1


async def test_nothing_is_reused_past_the_cache_time_or_near_the_tokens_expiry() -> None:
    uncached = Profile()
    exchange = tokens(uncached, cache_s=0)
    await exchange.identity_for(SECRET)
    await exchange.identity_for(SECRET)
    assert uncached.calls == 2
    short_lived = Profile(ttl_s=8)  # less than the 10-s margin: it must not be handed out again
    exchange = tokens(short_lived)
    await exchange.identity_for(SECRET)
    await exchange.identity_for(SECRET)
    assert short_lived.calls == 2


async def test_a_refusal_says_why_and_is_remembered_and_an_outage_says_so_and_is_not() -> None:
    refusing = Profile(error=grpc.StatusCode.UNAUTHENTICATED)
    exchange = tokens(refusing)
    for _ in range(3):  # a script retrying a revoked token costs profile one call
        with pytest.raises(InvalidToken, match="not valid"):
            await exchange.identity_for(SECRET)
    assert refusing.calls == 1
    down = Profile(error=grpc.StatusCode.UNAVAILABLE)
    exchange = tokens(down)
    for _ in range(2):
        with pytest.raises(TokenUncheckable) as info:
            await exchange.identity_for(SECRET)
        assert str(info.value) == PAT_UNCHECKABLE
    assert down.calls == 2


async def test_a_request_that_goes_away_does_not_fail_the_others() -> None:
    profile = Profile()
    exchange = tokens(profile)
    first = asyncio.create_task(exchange.identity_for(SECRET))
    second = asyncio.create_task(exchange.identity_for(SECRET))
    await asyncio.sleep(0)
    first.cancel()
    assert (await second).token_id == "t1"
    assert profile.calls == 1
