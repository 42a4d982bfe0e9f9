"""Linking an HH.ru account through the real profile_service against the loopback fake HH: the OAuth
flow with its state bound to the user (forged, replayed, foreign and expired states refused), tokens
sealed at rest (not in the database in any readable form; a rotated key still opens old rows),
refresh only after HH says the token expired and once per account across replicas, unlink, resumes
and the default resume, HH's refusals as clear messages."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import asyncpg
import grpc
import pytest

from common.errors import FailedPrecondition, PermissionDenied
from common.secret_box import SecretBox, generate_key_spec
from jobmate.profile.v1 import profile_pb2
from profile_service.hh_accounts import HhAccounts
from profile_service.settings import ProfileSettings
from tests.fakes.hh import FakeHH, hh_resume
from tests.integration.test_profile_support import internal, profile_client, register

OLD_KEY, NEW_KEY = generate_key_spec("k2025"), generate_key_spec("k2026")
FIFTEEN_DAYS = 15 * 24 * 3600


@pytest.fixture
def hh():
    with FakeHH() as fake:
        yield fake


@pytest.fixture
async def profile(services, hh):
    async with profile_client(services, **hh.jobmate_settings(hh_token_keys=OLD_KEY)) as stub:
        yield stub


async def error_of(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value


async def start(profile, account) -> str:
    reply = await profile.StartHhLink(profile_pb2.StartHhLinkRequest(), metadata=account.auth)
    return reply.authorize_url


async def link(profile, hh: FakeHH, account, seeker=None) -> profile_pb2.HhAccount:
    code, state = hh.approve(await start(profile, account), seeker)
    reply = await profile.CompleteHhLink(profile_pb2.CompleteHhLinkRequest(code=code, state=state),
                                         metadata=account.auth)
    return reply.account


def accounts_on(services, hh: FakeHH, pool: asyncpg.Pool, *, keys: str = OLD_KEY, clock=None) -> HhAccounts:
    """One more replica's view of the accounts (its own HH client), on the service's database."""
    settings = services.settings(ProfileSettings, **hh.jobmate_settings(hh_token_keys=keys))
    accounts = HhAccounts.from_settings(pool, settings)
    if clock is not None:
        accounts._now = clock
    return accounts


async def test_linking_binds_the_state_to_the_user_and_stores_the_tokens_sealed(services, hh, profile) -> None:
    seeker = hh.add_user()
    alice = await register(profile)
    url = await start(profile, alice)
    params = parse_qs(urlsplit(url).query)
    assert url.startswith(hh.authorize_url)
    assert params["client_id"] == [hh.client_id] and params["redirect_uri"] == [hh.redirect_uri]
    assert params["response_type"] == ["code"] and len(params["state"][0]) >= 40

    account = await link(profile, hh, alice, seeker)
    assert account.linked and account.enabled and account.hh_user_id == seeker.id and account.email == seeker.email
    shown = (await profile.GetHhAccount(profile_pb2.GetHhAccountRequest(), metadata=alice.auth)).account
    assert shown.linked and shown.name == "Ivan Petrov" and shown.linked_at.seconds > 0

    # The tokens HH issued are nowhere in the row, in any readable form.
    issued = [r for r in hh.requests_to("/me")][-1].headers["authorization"].removeprefix("Bearer ")
    pool = services.runtimes["profile_service"].pool
    row = await pool.fetchrow("SELECT * FROM hh_accounts WHERE user_id = $1", uuid.UUID(alice.user_id))
    raw = b"".join(bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in row.values())
    assert issued.encode() not in raw and issued[4:20].encode() not in raw
    box = SecretBox.from_spec(OLD_KEY)
    assert box.open(bytes(row["access_token"]), context=f"hh:{alice.user_id}:access") == issued
    with pytest.raises(Exception, match="does not open"):  # not even with the key, in another user's row
        box.open(bytes(row["access_token"]), context=f"hh:{uuid.uuid4()}:access")
    assert row["hh_user_id"] == seeker.id


async def test_forged_replayed_foreign_and_expired_states_are_refused(services, hh, profile) -> None:
    hh.add_user()
    alice, mallory = await register(profile), await register(profile)
    code, state = hh.approve(await start(profile, alice))

    forged = await error_of(profile.CompleteHhLink(
        profile_pb2.CompleteHhLinkRequest(code=code, state="forged-" + state[7:]), metadata=alice.auth))
    assert forged.code() == grpc.StatusCode.PERMISSION_DENIED and "not valid" in forged.details()
    foreign = await error_of(profile.CompleteHhLink(
        profile_pb2.CompleteHhLinkRequest(code=code, state=state), metadata=mallory.auth))
    assert foreign.code() == grpc.StatusCode.PERMISSION_DENIED
    assert not hh.requests_to("/token")  # no code was exchanged for a bad state

    await profile.CompleteHhLink(profile_pb2.CompleteHhLinkRequest(code=code, state=state), metadata=alice.auth)
    replayed = await error_of(profile.CompleteHhLink(
        profile_pb2.CompleteHhLinkRequest(code=code, state=state), metadata=alice.auth))
    assert replayed.code() == grpc.StatusCode.PERMISSION_DENIED
    assert len(hh.requests_to("/token")) == 1
    mallorys = (await profile.GetHhAccount(profile_pb2.GetHhAccountRequest(), metadata=mallory.auth)).account
    assert mallorys.enabled and not mallorys.linked

    # A state used after its ten minutes, by the clock of the replica that checks it.
    pool = services.runtimes["profile_service"].pool
    later = accounts_on(services, hh, pool, clock=lambda: datetime.now(UTC) + timedelta(minutes=11))
    try:
        code2, state2 = hh.approve(await start(profile, alice))
        with pytest.raises(PermissionDenied, match="not valid"):
            await later.complete_link(user_id=alice.user_id, code=code2, state=state2)
    finally:
        await later.aclose()

    # The user said no at HH: the state is spent, nothing changes, the message says so.
    _code3, state3 = hh.approve(await start(profile, mallory))
    denied = await error_of(profile.CompleteHhLink(
        profile_pb2.CompleteHhLinkRequest(state=state3, error="access_denied"), metadata=mallory.auth))
    assert denied.code() == grpc.StatusCode.FAILED_PRECONDITION and "access_denied" in denied.details()


async def test_resumes_the_suitable_ones_and_the_default(services, hh, profile) -> None:
    hh.add_user(resumes=[hh_resume("r1", "Python developer"), hh_resume("r2", "Team lead"),
                         hh_resume("r3", "Draft", status="not_published")])
    alice = await register(profile)
    await link(profile, hh, alice)
    mine = await profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth)
    assert [(r.id, r.title, r.status) for r in mine.resumes] == [
        ("r1", "Python developer", "published"), ("r2", "Team lead", "published"), ("r3", "Draft", "not_published")]
    assert mine.resumes[0].url == "https://hh.ru/resume/r1" and mine.default_resume_id == ""
    suitable = await profile.ListHhResumes(profile_pb2.ListHhResumesRequest(vacancy_id="123"), metadata=alice.auth)
    assert [r.id for r in suitable.resumes] == ["r1", "r2"]
    assert hh.requests_to("/vacancies/123/suitable_resumes")

    chosen = await profile.SetDefaultHhResume(profile_pb2.SetDefaultHhResumeRequest(resume_id="r2"),
                                              metadata=alice.auth)
    assert chosen.account.default_resume_id == "r2"
    assert (await profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth)).default_resume_id \
        == "r2"
    unknown = await error_of(profile.SetDefaultHhResume(profile_pb2.SetDefaultHhResumeRequest(resume_id="zz"),
                                                        metadata=alice.auth))
    assert unknown.code() == grpc.StatusCode.INVALID_ARGUMENT and "not one of your" in unknown.details()
    bad = await error_of(profile.ListHhResumes(profile_pb2.ListHhResumesRequest(vacancy_id="1; drop"),
                                               metadata=alice.auth))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT

    bob = await register(profile)
    nobody = await error_of(profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=bob.auth))
    assert nobody.code() == grpc.StatusCode.NOT_FOUND and "link one first" in nobody.details()


async def test_refresh_happens_only_when_hh_says_expired_and_once_across_replicas(services, hh, profile) -> None:
    hh.add_user()
    alice = await register(profile)
    await link(profile, hh, alice)
    await profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth)
    assert [r.form.get("grant_type") for r in hh.requests_to("/token")] == ["authorization_code"]

    hh.advance(FIFTEEN_DAYS)
    await profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth)  # expired → refreshed
    grants = [r.form.get("grant_type") for r in hh.requests_to("/token")]
    assert grants == ["authorization_code", "refresh_token"]

    # Two replicas hear token_expired for the same token at once: one refreshes, both get its token.
    hh.advance(FIFTEEN_DAYS)
    pool = services.runtimes["profile_service"].pool
    one, two = accounts_on(services, hh, pool), accounts_on(services, hh, pool)
    try:
        expired, _ = await one.access_token(user_id=alice.user_id)
        (first, _), (second, _) = await asyncio.gather(one.access_token(user_id=alice.user_id, expired=expired),
                                                       two.access_token(user_id=alice.user_id, expired=expired))
    finally:
        await one.aclose()
        await two.aclose()
    assert first == second != expired
    assert [r.form.get("grant_type") for r in hh.requests_to("/token")].count("refresh_token") == 2
    service = await profile.GetHhAccessToken(profile_pb2.GetHhAccessTokenRequest(user_id=alice.user_id),
                                             metadata=internal("tracker_service", "profile.hh.token"))
    assert service.access_token == first


async def test_a_refused_refresh_asks_to_link_again(services, hh, profile) -> None:
    hh.add_user()
    alice = await register(profile)
    await link(profile, hh, alice)
    hh.advance(FIFTEEN_DAYS)
    hh.deactivate_refresh_tokens()  # the user changed their HH password
    refused = await error_of(profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth))
    assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION and "link your account again" in refused.details()
    shown = (await profile.GetHhAccount(profile_pb2.GetHhAccountRequest(), metadata=alice.auth)).account
    assert shown.linked and shown.needs_relink_reason == "token deactivated"
    await link(profile, hh, alice)  # linking again clears it
    shown = (await profile.GetHhAccount(profile_pb2.GetHhAccountRequest(), metadata=alice.auth)).account
    assert shown.needs_relink_reason == ""


async def test_unlink_revokes_at_hh_and_deletes(services, hh, profile) -> None:
    hh.add_user()
    alice = await register(profile)
    await link(profile, hh, alice)
    assert hh.grant_count() == 1
    reply = await profile.UnlinkHhAccount(profile_pb2.UnlinkHhAccountRequest(), metadata=alice.auth)
    assert reply.revoked_at_hh and hh.grant_count() == 0 and hh.requests_to("/oauth/token", "DELETE")
    pool = services.runtimes["profile_service"].pool
    assert await pool.fetchval("SELECT count(*) FROM hh_accounts") == 0
    again = await error_of(profile.UnlinkHhAccount(profile_pb2.UnlinkHhAccountRequest(), metadata=alice.auth))
    assert again.code() == grpc.StatusCode.NOT_FOUND


async def test_a_rotated_key_still_opens_old_rows_and_without_the_key_nothing_opens(services, hh, profile) -> None:
    hh.add_user()
    alice = await register(profile)
    await link(profile, hh, alice)
    pool = services.runtimes["profile_service"].pool
    old_token, _ = await (old := accounts_on(services, hh, pool)).access_token(user_id=alice.user_id)
    rotated = accounts_on(services, hh, pool, keys=f"{NEW_KEY},{OLD_KEY}")
    without = accounts_on(services, hh, pool, keys=NEW_KEY)
    try:
        assert (await rotated.access_token(user_id=alice.user_id))[0] == old_token
        with pytest.raises(FailedPrecondition, match="link it again"):
            await without.access_token(user_id=alice.user_id)
        # The next write (a refresh) seals with the current key.
        hh.advance(FIFTEEN_DAYS)
        fresh, _ = await rotated.access_token(user_id=alice.user_id, expired=old_token)
        row = await pool.fetchrow("SELECT access_token, refresh_token FROM hh_accounts")
        assert SecretBox.from_spec(NEW_KEY).key_id_of(row["access_token"]) == "k2026"
        assert (await without.access_token(user_id=alice.user_id))[0] == fresh
    finally:
        for accounts in (old, rotated, without):
            await accounts.aclose()


async def test_hh_refusals_and_an_installation_without_hh(services, hh, profile) -> None:
    hh.add_user()
    alice = await register(profile)
    await link(profile, hh, alice)
    hh.refuse_job_seeker_methods = "application_not_found"
    refused = await error_of(profile.ListHhResumes(profile_pb2.ListHhResumesRequest(), metadata=alice.auth))
    assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "application_not_found" in refused.details() and "mark the card applied" in refused.details()
    user_call = await error_of(profile.GetHhAccessToken(profile_pb2.GetHhAccessTokenRequest(user_id=alice.user_id),
                                                        metadata=alice.auth))
    assert user_call.code() == grpc.StatusCode.PERMISSION_DENIED

    pool = services.runtimes["profile_service"].pool
    off = HhAccounts.from_settings(pool, services.settings(ProfileSettings))
    assert not off.enabled and not (await off.status(user_id=alice.user_id)).enabled
    with pytest.raises(FailedPrecondition, match="not enabled on this installation"):
        await off.start_link(user_id=alice.user_id)
