"""profile_service as identity provider: sign-up, sign-in, throttling, refresh rotation, sign-out, token kinds."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from common.auth import TokenKind, TokenVerifier
from common.settings import get_settings
from jobmate.profile.v1 import profile_pb2
from tests.helpers import bearer, user_token
from tests.integration.test_profile_support import PASSWORD, internal, profile_client, register


def client_ip() -> list[tuple[str, str]]:
    """A fresh client address per test, so address counters in the shared Redis never leak between tests."""
    return [("x-client-ip", f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}")]


async def login(stub, email: str, password: str, address: list[tuple[str, str]]):
    return await stub.Login(profile_pb2.LoginRequest(email=email, password=password), metadata=address, timeout=10)


async def expect_error(call, code: grpc.StatusCode) -> str:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call
    assert info.value.code() == code, info.value.details()
    return info.value.details()


async def test_register_issues_a_verifiable_user_token_and_login_normalises_the_email(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub, email="  Ada.Lovelace@Example.COM ", full_name="Ada Lovelace")
        assert account.email == "ada.lovelace@example.com"
        identity = TokenVerifier.from_settings(get_settings()).verify(account.access_token)
        assert (identity.kind, identity.subject) == (TokenKind.USER, account.user_id)

        reply = await login(stub, "ADA.lovelace@example.com", PASSWORD, client_ip())
        assert reply.user.id == account.user_id
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(),
                                         metadata=bearer(reply.tokens.access_token), timeout=5)).profile
        assert (profile.user_id, profile.full_name, profile.contact.email) == (
            account.user_id, "Ada Lovelace", "ada.lovelace@example.com")

        message = await expect_error(stub.Register(profile_pb2.RegisterRequest(
            email="ada.lovelace@EXAMPLE.com", password=PASSWORD), timeout=10), grpc.StatusCode.ALREADY_EXISTS)
        assert "already exists" in message


@pytest.mark.parametrize(("email", "password", "expected"), [
    ("someone@example.com", "short", "at least 10 characters"),
    ("someone@example.com", "password123", "too easy to guess"),
    ("someone@example.com", "aaaaaaaaaaaa", "too repetitive"),
    ("not-an-email", PASSWORD, "not a valid address"),
    ("", PASSWORD, "email is required"),
])
async def test_register_refuses_weak_passwords_and_bad_emails_with_a_clear_message(
        services, email, password, expected) -> None:
    async with profile_client(services) as stub:
        message = await expect_error(stub.Register(profile_pb2.RegisterRequest(email=email, password=password),
                                                   timeout=10), grpc.StatusCode.INVALID_ARGUMENT)
        assert expected in message


async def test_unknown_email_and_wrong_password_get_the_same_answer(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        wrong_password = await expect_error(login(stub, account.email, "not the password", client_ip()),
                                            grpc.StatusCode.UNAUTHENTICATED)
        unknown_email = await expect_error(login(stub, "nobody@example.com", PASSWORD, client_ip()),
                                           grpc.StatusCode.UNAUTHENTICATED)
        assert wrong_password == unknown_email == "email or password is incorrect"


async def test_repeated_failures_lock_the_account_even_for_the_right_password(services) -> None:
    async with profile_client(services) as stub:
        victim, bystander = await register(stub), await register(stub)
        address = client_ip()
        for _ in range(5):
            await expect_error(login(stub, victim.email, "guess " + uuid.uuid4().hex, address),
                               grpc.StatusCode.UNAUTHENTICATED)
        # From another address too: the account itself is locked.
        message = await expect_error(login(stub, victim.email, PASSWORD, client_ip()),
                                     grpc.StatusCode.RESOURCE_EXHAUSTED)
        assert "too many failed sign-in attempts; try again in" in message and "seconds" in message
        # Other accounts are not affected by one account's lock.
        assert (await login(stub, bystander.email, PASSWORD, address)).user.id == bystander.user_id


async def test_an_address_guessing_at_many_accounts_is_slowed_down(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        guessing = client_ip()
        for i in range(20):
            await expect_error(login(stub, f"victim{i}-{uuid.uuid4().hex[:6]}@example.com", "guess", guessing),
                               grpc.StatusCode.UNAUTHENTICATED)
        await expect_error(login(stub, account.email, PASSWORD, guessing), grpc.StatusCode.RESOURCE_EXHAUSTED)
        assert (await login(stub, account.email, PASSWORD, client_ip())).user.id == account.user_id


async def test_refresh_rotates_and_reusing_an_old_refresh_token_ends_the_session(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        first = (await stub.Refresh(profile_pb2.RefreshRequest(refresh_token=account.refresh_token),
                                    timeout=5)).tokens
        assert first.refresh_token != account.refresh_token and first.access_token
        second = (await stub.Refresh(profile_pb2.RefreshRequest(refresh_token=first.refresh_token),
                                     timeout=5)).tokens

        # The original token again: someone else holds a copy. The whole session ends...
        message = await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token=account.refresh_token),
                                                  timeout=5), grpc.StatusCode.UNAUTHENTICATED)
        assert "already used" in message
        # ...including the newest token, which the legitimate holder (or the thief) had.
        await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token=second.refresh_token), timeout=5),
                           grpc.StatusCode.UNAUTHENTICATED)
        # Another session of the same user (a second sign-in) is unaffected.
        other = await login(stub, account.email, PASSWORD, client_ip())
        assert (await stub.Refresh(profile_pb2.RefreshRequest(refresh_token=other.tokens.refresh_token),
                                   timeout=5)).tokens.refresh_token


async def test_refreshing_never_extends_a_session_past_its_maximum_age(services) -> None:
    async with profile_client(services, refresh_session_max_age_s=3600) as stub:
        before = datetime.now(UTC)
        account = await register(stub)
        signed_in = await login(stub, account.email, PASSWORD, client_ip())
        session_end = signed_in.tokens.refresh_expires_at.ToDatetime(tzinfo=UTC)
        # The refresh TTL (30 days) is longer than the session's life: the token ends with the session.
        assert before + timedelta(seconds=3600) <= session_end <= datetime.now(UTC) + timedelta(seconds=3600)
        token = signed_in.tokens.refresh_token
        for _ in range(3):
            tokens = (await stub.Refresh(profile_pb2.RefreshRequest(refresh_token=token), timeout=5)).tokens
            assert tokens.refresh_expires_at.ToDatetime(tzinfo=UTC) == session_end  # no sliding
            token = tokens.refresh_token


async def test_a_refresh_past_the_sessions_maximum_age_ends_it(services) -> None:
    async with profile_client(services, refresh_session_max_age_s=1) as stub:
        account = await register(stub)
        await asyncio.sleep(1.1)
        message = await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token=account.refresh_token),
                                                  timeout=5), grpc.StatusCode.UNAUTHENTICATED)
        assert message == "your session has expired; sign in again"
        # The session (the whole token family) was revoked, not just this token refused.
        message = await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token=account.refresh_token),
                                                  timeout=5), grpc.StatusCode.UNAUTHENTICATED)
        assert "session has ended" in message
        # Signing in again starts a new session.
        assert (await login(stub, account.email, PASSWORD, client_ip())).tokens.refresh_token


async def test_logout_ends_the_session_and_unknown_refresh_tokens_are_refused(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        await stub.Logout(profile_pb2.LogoutRequest(refresh_token=account.refresh_token), timeout=5)
        await stub.Logout(profile_pb2.LogoutRequest(refresh_token=account.refresh_token), timeout=5)  # twice is fine
        message = await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token=account.refresh_token),
                                                  timeout=5), grpc.StatusCode.UNAUTHENTICATED)
        assert "session has ended" in message
        await expect_error(stub.Refresh(profile_pb2.RefreshRequest(refresh_token="made-up"), timeout=5),
                           grpc.StatusCode.UNAUTHENTICATED)


async def test_expired_access_token_is_refused(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        expired = user_token(account.user_id, ttl_s=900, now=time.time() - 3600)
        message = await expect_error(stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=bearer(expired),
                                                     timeout=5), grpc.StatusCode.UNAUTHENTICATED)
        assert "expired" in message


async def test_service_tokens_and_user_tokens_are_never_interchangeable(services) -> None:
    async with profile_client(services) as stub:
        account = await register(stub)
        coach = internal("ai_coach", "profile.read", "profile.cv.read", "profile.cv.write", "profile.searches.read")
        # A service token, whatever its scopes, is not a user.
        for call in (stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=coach, timeout=5),
                     stub.ListSearchConfigs(profile_pb2.ListSearchConfigsRequest(), metadata=coach, timeout=5),
                     stub.UploadCv(profile_pb2.UploadCvRequest(content=b"%PDF-"), metadata=coach, timeout=5),
                     stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=coach, timeout=5)):
            await expect_error(call, grpc.StatusCode.PERMISSION_DENIED)
        # A user token never reaches an internal method.
        for call in (
            stub.BatchGetProfiles(profile_pb2.BatchGetProfilesRequest(user_ids=[account.user_id]),
                                  metadata=account.auth, timeout=5),
            stub.ListActiveSearchConfigs(profile_pb2.ListActiveSearchConfigsRequest(), metadata=account.auth,
                                         timeout=5),
            stub.BatchGetSearchConfigs(profile_pb2.BatchGetSearchConfigsRequest(), metadata=account.auth, timeout=5),
            stub.ArchiveSearchConfigs(profile_pb2.ArchiveSearchConfigsRequest(user_id=account.user_id),
                                      metadata=account.auth, timeout=5),
            stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(), metadata=account.auth, timeout=5),
            stub.RecordCvParseFailure(profile_pb2.RecordCvParseFailureRequest(), metadata=account.auth, timeout=5),
        ):
            await expect_error(call, grpc.StatusCode.PERMISSION_DENIED)
        # A service token without the method's scope is refused too.
        discovery = internal("discovery_service", "profile.searches.read")
        await expect_error(stub.BatchGetProfiles(profile_pb2.BatchGetProfilesRequest(user_ids=[account.user_id]),
                                                 metadata=discovery, timeout=5), grpc.StatusCode.PERMISSION_DENIED)
        reply = await stub.BatchGetProfiles(profile_pb2.BatchGetProfilesRequest(user_ids=[account.user_id]),
                                            metadata=coach, timeout=5)
        assert [p.user_id for p in reply.profiles] == [account.user_id]
