"""Applying on HH.ru through the real tracker, profile and discovery services against the loopback fake
HH: the durable queue, the per-user token bucket in PostgreSQL (time moved by the test's clock, never
slept), at most one negotiation per (user, vacancy, resume) across a crash and across two replicas,
and each of HH's outcomes as the user sees it (the apply's state, the card, the timeline)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from common.bus import Bus
from common.secret_box import generate_key_spec
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2 as pb
from jobmate.tracker.v1 import tracker_pb2_grpc
from tests.fakes.hh import FakeHH, hh_resume
from tests.helpers import bearer, service_token, wait_for
from tests.integration.test_profile_support import register
from tracker_service import server as tracker_server
from tracker_service.settings import TrackerSettings

S = pb.HhApplyState
LEASE_S = 120


class MovedClock:
    """The workers' clock: the real time plus what the test moved it by."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


class Seeker:
    """A JobMate user with a linked HH account: their token on tracker calls."""

    def __init__(self, mesh: Mesh, user_id: str, auth, hh_user) -> None:
        self.mesh, self.user_id, self.auth, self.hh_user = mesh, user_id, auth, hh_user

    async def card(self, vacancy_id: str, *, source: str = "hh") -> pb.Application:
        job = discovery_pb2.Job(source=source, external_id=vacancy_id, title=f"Python developer {vacancy_id}",
                                company="Yandex", url=f"https://hh.ru/vacancy/{vacancy_id}", description_text="Python.")

        async def one():
            yield discovery_pb2.IngestJobsRequest(user_id=self.user_id, job=job)

        await self.mesh.discovery.IngestJobs(one(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        feed = await self.mesh.discovery.GetJobFeed(discovery_pb2.GetJobFeedRequest(), metadata=self.auth)
        job_id = next(j.id for j in feed.jobs if j.external_id == vacancy_id and j.source == source)
        reply = await self.mesh.tracker.CreateApplication(pb.CreateApplicationRequest(job_id=job_id),
                                                          metadata=self.auth)
        return reply.application

    async def apply(self, card: pb.Application, resume_id: str = "r1", message: str = "Dear team, ..."):
        return await self.mesh.tracker.ApplyOnHh(pb.ApplyOnHhRequest(application_id=card.id, resume_id=resume_id,
                                                                     message=message), metadata=self.auth)

    async def applies(self) -> list[pb.HhApply]:
        reply = await self.mesh.tracker.ListHhApplies(pb.ListHhAppliesRequest(page={"page_size": 200}),
                                                      metadata=self.auth)
        return list(reply.applies)

    async def states(self) -> Counter:
        return Counter(S.Name(a.state).removeprefix("HH_APPLY_STATE_") for a in await self.applies())

    async def bucket(self) -> pb.HhApplyBucket:
        return (await self.mesh.tracker.GetHhApplyBucket(pb.GetHhApplyBucketRequest(), metadata=self.auth)).bucket

    async def get(self, card: pb.Application) -> pb.Application:
        return (await self.mesh.tracker.GetApplication(pb.GetApplicationRequest(id=card.id),
                                                       metadata=self.auth)).application


class Mesh:
    def __init__(self, services, hh: FakeHH, hh_settings: dict) -> None:
        self.services, self.hh, self.hh_settings = services, hh, hh_settings
        self.clock = MovedClock()
        self.channels = [grpc.aio.insecure_channel(services.address(name))
                         for name in ("profile_service", "tracker_service", "discovery_service")]
        self.profile = profile_pb2_grpc.ProfileServiceStub(self.channels[0])
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self.channels[1])
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self.channels[2])

    def worker(self, runtime=None):
        """One replica's apply worker, on the test's clock."""
        return tracker_server.hh_apply_worker(runtime or self.services.runtimes["tracker_service"], clock=self.clock)

    async def seeker(self, resumes=None) -> Seeker:
        hh_user = self.hh.add_user(resumes=resumes or [hh_resume("r1", "Python developer")])
        account = await register(self.profile)
        start = await self.profile.StartHhLink(profile_pb2.StartHhLinkRequest(), metadata=account.auth)
        code, state = self.hh.approve(start.authorize_url, hh_user)
        await self.profile.CompleteHhLink(profile_pb2.CompleteHhLinkRequest(code=code, state=state),
                                          metadata=account.auth)
        return Seeker(self, account.user_id, account.auth, hh_user)

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()


@pytest.fixture
async def mesh(services):
    with FakeHH() as hh:
        hh_settings = hh.jobmate_settings(hh_token_keys=generate_key_spec("k1"))
        await services.start("profile_service", **hh_settings)
        await services.start("discovery_service", discovery_scheduler_enabled=False)
        await services.start("tracker_service", **hh_settings, hh_apply_poll_interval_s=0,
                             hh_apply_lease_s=LEASE_S, outbox_poll_interval_s=0.05)
        running = Mesh(services, hh, hh_settings)
        yield running
        await running.close()


async def test_thirty_applies_with_twenty_tokens_go_out_as_the_bucket_refills(mesh) -> None:
    alice = await mesh.seeker()
    cards = [await alice.card(str(100 + i)) for i in range(30)]
    for card in cards:
        reply = await alice.apply(card)
        assert reply.created and reply.apply.state == S.HH_APPLY_STATE_QUEUED
    bucket = await alice.bucket()
    assert (bucket.tokens, bucket.capacity, bucket.refill_per_hour, bucket.queued) == (20, 20, 8, 30)
    assert not bucket.HasField("next_token_at")  # full

    worker = mesh.worker()
    assert await worker.run_once() == 20
    assert len(mesh.hh.negotiations_of(alice.hh_user)) == 20
    assert await alice.states() == {"APPLIED": 20, "QUEUED": 10}
    assert await worker.run_once() == 0  # nothing more without time passing
    waiting = [a for a in await alice.applies() if a.state == S.HH_APPLY_STATE_QUEUED]
    assert {a.not_before.ToDatetime(tzinfo=UTC) > mesh.clock() + timedelta(minutes=7) for a in waiting} == {True}

    mesh.clock.advance(450)  # 7.5 minutes: one token at 8 an hour
    assert await worker.run_once() == 1
    assert await alice.states() == {"APPLIED": 21, "QUEUED": 9}
    mesh.clock.advance(9 * 450)
    assert await worker.run_once() == 9
    assert await alice.states() == {"APPLIED": 30}
    negotiations = mesh.hh.negotiations_of(alice.hh_user)
    assert sorted(int(n["vacancy"]["id"]) for n in negotiations) == list(range(100, 130))
    assert {n["message"] for n in negotiations} == {"Dear team, ..."}

    card = await alice.get(cards[0])
    assert pb.ApplicationStatus.Name(card.status) == "APPLICATION_STATUS_APPLIED"
    timeline = await mesh.tracker.ListTimeline(pb.ListTimelineRequest(application_id=cards[0].id), metadata=alice.auth)
    hh_entries = [e for e in timeline.events if e.kind == pb.TIMELINE_EVENT_KIND_HH_APPLY]
    assert [e.hh_apply.outcome for e in hh_entries] == ["APPLIED", "QUEUED"]  # newest first
    assert hh_entries[0].body == "Dear team, ..." and hh_entries[0].hh_apply.negotiation_id
    assert hh_entries[0].origin == pb.TIMELINE_ORIGIN_HH_APPLY and not hh_entries[0].editable


async def test_a_worker_killed_between_the_post_and_its_write_applies_once_after_restart(mesh) -> None:
    alice = await mesh.seeker()
    card = await alice.card("777")
    await alice.apply(card)
    held = threading.Event()
    mesh.hh.hold_negotiation_answers = held
    doomed = asyncio.create_task(mesh.worker().run_once())
    await wait_for(lambda: len(mesh.hh.negotiations_of(alice.hh_user)) == 1)
    doomed.cancel()  # the process dies: HH has the negotiation, JobMate never heard back
    with contextlib.suppress(asyncio.CancelledError):
        await doomed
    held.set()
    assert [a.state for a in await alice.applies()] == [S.HH_APPLY_STATE_SENDING]

    restarted = mesh.worker()
    assert await restarted.run_once() == 0  # the claim's lease still runs
    mesh.clock.advance(LEASE_S + 1)
    assert await restarted.run_once() == 1
    [apply] = await alice.applies()
    assert apply.state == S.HH_APPLY_STATE_APPLIED and apply.attempts == 2
    assert apply.negotiation_id == mesh.hh.negotiations_of(alice.hh_user)[0]["id"]
    assert len(mesh.hh.negotiations_of(alice.hh_user, "777")) == 1
    assert len(mesh.hh.requests_to("/negotiations", "POST")) == 1
    assert mesh.hh.requests_to("/negotiations", "GET")[0].query["vacancy_id"] == "777"
    assert pb.ApplicationStatus.Name((await alice.get(card)).status) == "APPLICATION_STATUS_APPLIED"

    # The user's live stream (SSE) heard each change, with the bucket after it.
    bus = Bus.from_url(mesh.services.redis_url)
    try:
        async def changes():
            found = [e.event.hh_apply_changed for e in await bus.read_user_events(alice.user_id)
                     if e.event.type == events_pb2.EVENT_TYPE_HH_APPLY_CHANGED]
            return found if len(found) >= 2 else None

        found = await wait_for(changes)
    finally:
        await bus.close()
    assert [c.state for c in found] == ["QUEUED", "APPLIED"] and 18.9 < found[-1].tokens_left < 19.5


async def test_two_replicas_never_apply_twice_and_the_bucket_never_goes_below_zero(mesh) -> None:
    alice = await mesh.seeker()
    cards = [await alice.card(str(500 + i)) for i in range(30)]
    for card in cards:
        await alice.apply(card)
    second = tracker_server.make_runtime(mesh.services.settings(
        TrackerSettings, **mesh.hh_settings, hh_apply_poll_interval_s=0, hh_apply_lease_s=LEASE_S))
    await second.start(tracker_server.build, port=0, host="127.0.0.1")
    try:
        one, two = mesh.worker(), mesh.worker(second)
        done = await asyncio.gather(one.run_once(), two.run_once())
        assert sum(done) == 20
        pool = mesh.services.runtimes["tracker_service"].pool
        assert 0 <= await pool.fetchval("SELECT tokens FROM hh_apply_buckets") < 1
        mesh.clock.advance(3600)  # 8 more tokens
        done = await asyncio.gather(one.run_once(), two.run_once())
        assert sum(done) == 8
        mesh.clock.advance(3600)
        await asyncio.gather(one.run_once(), two.run_once())
    finally:
        await second.shutdown()
    vacancies = Counter(n["vacancy"]["id"] for n in mesh.hh.negotiations_of(alice.hh_user))
    assert len(vacancies) == 30 and set(vacancies.values()) == {1}
    assert len(mesh.hh.requests_to("/negotiations", "POST")) == 30
    assert await alice.states() == {"APPLIED": 30}


async def test_each_of_hhs_answers_becomes_what_the_user_sees(mesh) -> None:
    alice = await mesh.seeker()
    worker = mesh.worker()
    hh = mesh.hh

    async def outcome(vacancy: str, *answers: str) -> pb.HhApply:
        if answers:
            hh.vacancy(vacancy, *answers)
        card = await alice.card(vacancy)
        apply = (await alice.apply(card)).apply
        await worker.run_once()
        return next(a for a in await alice.applies() if a.id == apply.id)

    needs = await outcome("301", "test_required")
    assert needs.state == S.HH_APPLY_STATE_NEEDS_USER and needs.reason == "test_required"
    assert "test" in needs.detail and "open the vacancy on HH.ru" in needs.detail
    for number, reason in enumerate(("resume_visibility_conflict", "empty_message", "too_long_message",
                                     "application_denied")):
        refused = await outcome(f"31{number}", reason)
        assert (refused.state, refused.reason) == (S.HH_APPLY_STATE_NEEDS_USER, reason), refused
    assert (await alice.bucket()).tokens > 19.99  # HH took none of them: their tokens came back

    already = await outcome("302", "already_applied")
    assert (already.state, already.reason) == (S.HH_APPLY_STATE_APPLIED, "already_applied")

    waiting = await outcome("303", "limit_exceeded", "created")
    assert (waiting.state, waiting.reason) == (S.HH_APPLY_STATE_QUEUED, "limit_exceeded")
    pool = mesh.services.runtimes["tracker_service"].pool
    assert await pool.fetchval("SELECT tokens FROM hh_apply_buckets") == 0  # HH's limit empties the bucket
    mesh.clock.advance(450)
    await worker.run_once()
    assert next(a for a in await alice.applies() if a.id == waiting.id).state == S.HH_APPLY_STATE_APPLIED

    mesh.clock.advance(3 * 3600)  # a full bucket again
    hh.fail_next_negotiations(503)
    flaky = await outcome("304")
    assert flaky.state == S.HH_APPLY_STATE_QUEUED and flaky.attempts == 1 and "trying again" in flaky.detail
    mesh.clock.advance(31)
    await worker.run_once()
    flaky = next(a for a in await alice.applies() if a.id == flaky.id)
    assert flaky.state == S.HH_APPLY_STATE_APPLIED and flaky.attempts == 2
    # The retry asked HH for the vacancy's negotiations before posting again (so did 303's, after the limit).
    calls = [(r.method, r.query.get("vacancy_id") or r.form.get("vacancy_id")) for r in hh.requests
             if r.path == "/negotiations"]
    assert calls[-3:] == [("POST", "304"), ("GET", "304"), ("POST", "304")]
    assert len(hh.negotiations_of(alice.hh_user, "304")) == 1

    hh.fail_next_negotiations(*[500] * 5)
    broken = await outcome("305")
    for wait in (31, 121, 481, 1801):
        mesh.clock.advance(wait)
        await worker.run_once()
    broken = next(a for a in await alice.applies() if a.id == broken.id)
    assert broken.state == S.HH_APPLY_STATE_FAILED and broken.attempts == 5
    assert "did not answer after 5 attempts" in broken.detail and not hh.negotiations_of(alice.hh_user, "305")

    hh.advance(15 * 24 * 3600)  # the access token expires: profile refreshes it, the apply goes on
    renewed = await outcome("306")
    assert renewed.state == S.HH_APPLY_STATE_APPLIED
    assert [r.form.get("grant_type") for r in hh.requests_to("/token")][-1] == "refresh_token"

    hh.refuse_job_seeker_methods = "application_not_found"
    restricted = await outcome("307")
    assert restricted.state == S.HH_APPLY_STATE_NEEDS_USER and restricted.reason == "application_not_found"
    assert "not available here" in restricted.detail
    card = next(c for c in (await mesh.tracker.ListApplications(pb.ListApplicationsRequest(), metadata=alice.auth)
                            ).applications if c.id == restricted.application_id)
    assert pb.ApplicationStatus.Name(card.status) == "APPLICATION_STATUS_TO_APPLY"  # nothing half-applied


async def test_what_can_be_queued_and_what_is_refused_at_once(mesh) -> None:
    alice = await mesh.seeker()
    card = await alice.card("401")
    first = await alice.apply(card)
    again = await alice.apply(card, message="another letter")
    assert first.created and not again.created and again.apply.id == first.apply.id
    other_resume = await alice.apply(card, resume_id="r2")
    assert other_resume.created  # one apply per (user, vacancy, resume)

    async def refused(call) -> grpc.aio.AioRpcError:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call
        return caught.value

    not_hh = await alice.card("402", source="greenhouse")
    error = await refused(alice.apply(not_hh))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "did not come from HH.ru" in error.details()
    error = await refused(alice.apply(card, resume_id=""))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "resume" in error.details()
    error = await refused(alice.apply(card, message="x" * 10_001))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT

    bob = Seeker(mesh, str(uuid.uuid4()), None, None)
    account = await register(mesh.profile)
    bob.user_id, bob.auth = account.user_id, account.auth
    error = await refused(bob.apply(card))
    assert error.code() == grpc.StatusCode.NOT_FOUND  # alice's card is not bob's
    bobs = await bob.card("403")
    error = await refused(bob.apply(bobs))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "link one" in error.details()
    assert await bob.applies() == []


async def test_the_letter_defaults_to_the_analysis_and_an_unlinked_account_needs_the_user(mesh) -> None:
    from tests.integration.test_tracker import analyze_command_id, sample_analysis

    alice = await mesh.seeker()
    card = await alice.card("601")
    coach = bearer(service_token("ai_coach", {"tracker.analysis.write"}))
    await mesh.tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=await analyze_command_id(mesh.services, card.id), application_id=card.id,
        analysis=sample_analysis(82)), metadata=coach)
    queued = (await alice.apply(card, message="  ")).apply
    assert queued.message == "Dear team,"  # the analysis's cover letter, for the user to review first

    later = await alice.card("602")
    await alice.apply(later)
    await mesh.profile.UnlinkHhAccount(profile_pb2.UnlinkHhAccountRequest(), metadata=alice.auth)
    await mesh.worker().run_once()
    applies = {a.vacancy_id: a for a in await alice.applies()}
    assert applies["602"].state == S.HH_APPLY_STATE_NEEDS_USER and "link one" in applies["602"].detail
    assert mesh.hh.negotiations_of(alice.hh_user) == []
    assert (await alice.bucket()).tokens > 19.99  # nothing went out: no token spent


async def test_the_queue_pages_newest_first(mesh) -> None:
    alice = await mesh.seeker()
    for vacancy in ("701", "702", "703"):
        await alice.apply(await alice.card(vacancy))
    seen, token = [], ""
    while True:
        reply = await mesh.tracker.ListHhApplies(pb.ListHhAppliesRequest(page={"page_size": 2, "page_token": token}),
                                                 metadata=alice.auth)
        seen += [a.vacancy_id for a in reply.applies]
        token = reply.page_info.next_page_token
        if not token:
            break
    assert seen == ["703", "702", "701"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await mesh.tracker.ListHhApplies(pb.ListHhAppliesRequest(page={"page_token": "bogus"}), metadata=alice.auth)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
