"""Personal access tokens in profile_service: create (secret shown once, hash stored), list, revoke,
the gateway's exchange for a short-lived access token carrying scopes, and scopes enforced by the
access policy of every service's RPCs (here profile's own)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from common.auth import TokenKind, TokenVerifier
from common.settings import get_settings
from jobmate.profile.v1 import profile_pb2
from tests.helpers import bearer, user_token
from tests.integration.test_profile_support import Account, internal, profile_client, register


async def create(stub, account, name: str = "agent", scopes=("profile:read",), expires_at: datetime | None = None):
    request = profile_pb2.CreatePersonalAccessTokenRequest(name=name, scopes=list(scopes))
    if expires_at is not None:
        stamp = Timestamp()
        stamp.FromDatetime(expires_at)
        request.expires_at.CopyFrom(stamp)
    return await stub.CreatePersonalAccessToken(request, metadata=account.auth, timeout=5)


async def exchange(stub, secret: str):
    return await stub.ExchangePersonalAccessToken(profile_pb2.ExchangePersonalAccessTokenRequest(secret=secret),
                                                  metadata=internal("gateway", "profile.pat.exchange"), timeout=5)


async def refused(call, code: grpc.StatusCode) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call
    assert info.value.code() == code, info.value.details()
    return info.value


async def test_a_token_is_shown_once_stored_hashed_listed_and_exchanged_for_a_scoped_access_token(
        services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        created = await create(stub, account, name="  Claude Desktop ", scopes=["feed:read", "profile:read",
                                                                               "feed:read"])
        secret = created.secret
        assert secret.startswith("jm_pat_") and len(secret) == len("jm_pat_") + 43  # 32 bytes, URL-safe
        token = created.token
        assert (token.name, token.prefix, list(token.scopes)) == ("Claude Desktop", secret[:11],
                                                                  ["feed:read", "profile:read"])
        assert not token.HasField("last_used_at") and not token.HasField("expires_at")

        pool = await asyncpg.connect(services.database_url)
        try:
            stored = await pool.fetchrow("SELECT token_hash, prefix FROM profile.personal_access_tokens")
        finally:
            await pool.close()
        assert bytes(stored["token_hash"]) == hashlib.sha256(secret.encode()).digest()
        assert secret not in repr(dict(stored))

        reply = await exchange(stub, secret)
        assert (reply.user_id, reply.token_id, list(reply.scopes)) == (account.user_id, token.id,
                                                                       ["feed:read", "profile:read"])
        identity = TokenVerifier.from_settings(get_settings()).verify(reply.access_token)
        assert (identity.kind, identity.subject, identity.token_id) == (TokenKind.USER, account.user_id, token.id)
        assert identity.scopes == {"feed:read", "profile:read"}
        lifetime = reply.expires_at.ToDatetime(tzinfo=UTC) - datetime.now(UTC)
        assert timedelta(seconds=30) < lifetime <= timedelta(seconds=50)

        listed = (await stub.ListPersonalAccessTokens(profile_pb2.ListPersonalAccessTokensRequest(),
                                                      metadata=account.auth, timeout=5)).tokens
        assert [t.id for t in listed] == [token.id]
        first_use = listed[0].last_used_at.ToDatetime(tzinfo=UTC)
        assert listed[0].HasField("last_used_at")
        await exchange(stub, secret)  # within the minute: last_used_at is not written again
        again = (await stub.ListPersonalAccessTokens(profile_pb2.ListPersonalAccessTokensRequest(),
                                                     metadata=account.auth, timeout=5)).tokens
        assert again[0].last_used_at.ToDatetime(tzinfo=UTC) == first_use


async def test_the_access_token_of_a_personal_token_is_held_to_its_scopes(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub, full_name="Ada")
        secret = (await create(stub, account, scopes=["profile:read", "feed:read"])).secret
        access = bearer((await exchange(stub, secret)).access_token)

        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=access, timeout=5)).profile
        assert profile.full_name == "Ada"
        # Reading the inbox includes reading the saved searches that fill it.
        await stub.ListSearchConfigs(profile_pb2.ListSearchConfigsRequest(), metadata=access, timeout=5)

        update = profile_pb2.UpdateProfileRequest(profile=profile_pb2.Profile(headline="x"))
        update.update_mask.paths.append("headline")
        error = await refused(stub.UpdateProfile(update, metadata=access, timeout=5),
                              grpc.StatusCode.PERMISSION_DENIED)
        assert error.details() == "this token lacks the scope profile:write"
        assert ("x-missing-scope", "profile:write") in tuple(error.trailing_metadata())

        # A personal access token never manages tokens, whatever its scopes.
        every = (await create(stub, account, name="all", scopes=["profile:write", "feed:write",
                                                                 "applications:write", "searches:write"])).secret
        full = bearer((await exchange(stub, every)).access_token)
        for call in (stub.CreatePersonalAccessToken(profile_pb2.CreatePersonalAccessTokenRequest(
                         name="more", scopes=["profile:read"]), metadata=full, timeout=5),
                     stub.ListPersonalAccessTokens(profile_pb2.ListPersonalAccessTokensRequest(), metadata=full,
                                                   timeout=5)):
            error = await refused(call, grpc.StatusCode.PERMISSION_DENIED)
            assert "personal access token cannot do this" in error.details()
        # The exchange itself is the gateway's: a user's token cannot call it.
        await refused(stub.ExchangePersonalAccessToken(profile_pb2.ExchangePersonalAccessTokenRequest(secret=every),
                                                       metadata=account.auth, timeout=5),
                      grpc.StatusCode.PERMISSION_DENIED)


async def test_revoked_expired_and_made_up_tokens_are_refused_and_revoking_is_per_user(services) -> None:
    async with profile_client(services) as stub:
        ada, bob = await register(stub), await register(stub)
        created = await create(stub, ada)
        other = await refused(stub.RevokePersonalAccessToken(profile_pb2.RevokePersonalAccessTokenRequest(
            id=created.token.id), metadata=bob.auth, timeout=5), grpc.StatusCode.NOT_FOUND)
        assert other.details() == "personal access token not found"
        await exchange(stub, created.secret)  # Bob's attempt changed nothing

        for _ in range(2):  # idempotent
            await stub.RevokePersonalAccessToken(profile_pb2.RevokePersonalAccessTokenRequest(id=created.token.id),
                                                 metadata=ada.auth, timeout=5)
        error = await refused(exchange(stub, created.secret), grpc.StatusCode.UNAUTHENTICATED)
        assert "not valid (unknown or revoked)" in error.details()
        listed = await stub.ListPersonalAccessTokens(profile_pb2.ListPersonalAccessTokensRequest(),
                                                     metadata=ada.auth, timeout=5)
        assert list(listed.tokens) == []

        await refused(exchange(stub, "jm_pat_" + "A" * 43), grpc.StatusCode.UNAUTHENTICATED)
        error = await refused(exchange(stub, "ghp_something"), grpc.StatusCode.UNAUTHENTICATED)
        assert "starts with jm_pat_" in error.details()

        expiring = await create(stub, ada, name="short", expires_at=datetime.now(UTC) + timedelta(hours=1))
        assert expiring.token.HasField("expires_at")
        await exchange(stub, expiring.secret)
        conn = await asyncpg.connect(services.database_url)
        try:  # an hour passes
            await conn.execute("UPDATE profile.personal_access_tokens SET expires_at = now() - interval '1 second'"
                               " WHERE id = $1::uuid", expiring.token.id)
        finally:
            await conn.close()
        error = await refused(exchange(stub, expiring.secret), grpc.StatusCode.UNAUTHENTICATED)
        assert "expired on" in error.details()


@pytest.mark.parametrize(("name", "scopes", "expires_in", "expected"), [
    ("", ["feed:read"], None, "name the token"),
    ("x" * 101, ["feed:read"], None, "name the token"),
    ("agent", [], None, "at least one scope"),
    ("agent", ["feed:read", "admin"], None, "unknown scope admin"),
    ("agent", ["feed:read"], timedelta(minutes=-1), "must be in the future"),
])
async def test_bad_requests_are_refused_with_a_clear_message(services, name, scopes, expires_in, expected) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        expires_at = datetime.now(UTC) + expires_in if expires_in is not None else None
        error = await refused(create(stub, account, name=name, scopes=scopes, expires_at=expires_at),
                              grpc.StatusCode.INVALID_ARGUMENT)
        assert expected in error.details()


async def test_a_user_holds_a_bounded_number_of_live_tokens(services) -> None:
    async with profile_client(services, pat_max_per_user=2) as stub:
        account = await register(stub)
        first = await create(stub, account, name="one")
        await create(stub, account, name="two")
        error = await refused(create(stub, account, name="three"), grpc.StatusCode.FAILED_PRECONDITION)
        assert "revoke one first" in error.details()
        await stub.RevokePersonalAccessToken(profile_pb2.RevokePersonalAccessTokenRequest(id=first.token.id),
                                             metadata=account.auth, timeout=5)
        await create(stub, account, name="three")


async def test_a_token_for_an_account_that_does_not_exist_is_refused_cleanly(services) -> None:
    async with profile_client(services) as stub:
        ghost = Account(str(uuid.uuid4()), "ghost@example.org", user_token(str(uuid.uuid4())), "")
        error = await refused(create(stub, ghost), grpc.StatusCode.UNAUTHENTICATED)
        assert "no longer exists" in error.details()
