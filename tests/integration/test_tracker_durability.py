"""What the tracker guarantees across failures, with the real services on real PostgreSQL and Redis:
a command written while Redis is down still arrives, an unanswered analysis is re-published and then
stored as failed, a follow-up fires exactly once with two tracker replicas, and a hire archives the
user's saved searches through profile even when profile is down at that moment."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf import timestamp_pb2

from common import messages
from common.bus import Bus
from devtools.devstack import EmbeddedRedis
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from jobmate.tracker.v1 import tracker_pb2_grpc
from tests.helpers import bearer, user_token, wait_for
from tests.integration.test_profile_support import profile_client, register


class CommandCollector:
    """Everything published on one command channel while it runs."""

    def __init__(self, bus: Bus, channel: str = "CMD_ANALYZE_JOB") -> None:
        self.commands: list[events_pb2.Command] = []
        self.subscription = bus.subscribe([channel])
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        async for _channel, data in self.subscription:
            self.commands.append(messages.command_from_json(data))

    def for_application(self, application_id: str) -> list[events_pb2.Command]:
        return [c for c in self.commands if c.analyze_job.application_id == application_id]

    async def close(self) -> None:
        self.subscription.close()
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def new_card(services, metadata, title: str = "Backend Engineer") -> pb.Application:
    async with grpc.aio.insecure_channel(services.address("discovery_service")) as channel:
        job = (await discovery_pb2_grpc.DiscoveryServiceStub(channel).AddJobManually(
            discovery_pb2.AddJobManuallyRequest(company="Acme", title=title), metadata=metadata)).job
    async with grpc.aio.insecure_channel(services.address("tracker_service")) as channel:
        return (await tracker_pb2_grpc.TrackerServiceStub(channel).CreateApplication(
            pb.CreateApplicationRequest(job_id=job.id), metadata=metadata)).application


@pytest.fixture
async def tracker_stub(services) -> AsyncIterator[tracker_pb2_grpc.TrackerServiceStub]:
    async with grpc.aio.insecure_channel(services.address("tracker_service")) as channel:
        yield tracker_pb2_grpc.TrackerServiceStub(channel)


async def test_redis_down_during_create_application_and_the_command_still_arrives_after_recovery(
        services, tracker_stub, restartable_redis: EmbeddedRedis) -> None:
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", redis_url=restartable_redis.url, outbox_poll_interval_s=0.05)
    user = bearer(user_token(str(uuid.uuid4())))
    restartable_redis.stop()

    card = await new_card(services, user)  # Redis is down: the application is created anyway
    assert card.status == pb.APPLICATION_STATUS_TO_APPLY and card.analysis_state == pb.ANALYSIS_STATE_QUEUED
    pool = services.runtimes["tracker_service"].pool
    query = ("SELECT status, attempts, last_error FROM outbox WHERE kind = 'command'"
             " AND payload->'analyzeJob'->>'applicationId' = $1")
    row = await wait_for(lambda: _with_error(pool, query, card.id))
    assert row["status"] == "PENDING" and row["attempts"] == 0 and "publish failed" in row["last_error"]

    await asyncio.to_thread(restartable_redis.start)
    bus = Bus.from_url(restartable_redis.url)
    collector = CommandCollector(bus)
    try:
        await asyncio.wait_for(collector.subscription.connected.wait(), 10)
        delivered = await wait_for(lambda: collector.for_application(card.id), timeout_s=20)
        assert delivered[0].attempt == 1 and delivered[0].analyze_job.job_id == card.job_id
    finally:
        await collector.close()
        await bus.close()


async def _with_error(pool, query: str, application_id: str):
    row = await pool.fetchrow(query, application_id)
    return row if row is not None and row["last_error"] else None


async def test_an_unanswered_analysis_is_republished_then_stored_as_failed_after_the_last_attempt(
        services, tracker_stub) -> None:
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", outbox_poll_interval_s=0.05, outbox_result_timeout_s=0.3,
                         outbox_max_attempts=3)
    user_id = str(uuid.uuid4())
    user = bearer(user_token(user_id))
    bus = Bus.from_url(services.redis_url)
    collector = CommandCollector(bus)
    try:
        await asyncio.wait_for(collector.subscription.connected.wait(), 10)
        card = await new_card(services, user)

        async def failed() -> pb.Application | None:
            current = (await tracker_stub.GetApplication(pb.GetApplicationRequest(id=card.id),
                                                         metadata=user)).application
            return current if current.analysis_state == pb.ANALYSIS_STATE_FAILED else None

        current = await wait_for(failed, timeout_s=20)
        assert "did not complete" in current.analysis_error and "3 attempts" in current.analysis_error
        assert [c.attempt for c in collector.for_application(card.id)] == [1, 2, 3]
        assert len({c.id for c in collector.for_application(card.id)}) == 1  # the same command, re-published

        async def done_events():
            entries = await bus.read_user_events(user_id)
            return [e.event for e in entries if e.event.type == events_pb2.EVENT_TYPE_ANALYSIS_DONE]

        events = await wait_for(done_events)
        assert len(events) == 1 and events[0].analysis_done.ok is False
        assert events[0].analysis_done.reason == current.analysis_error
        await asyncio.sleep(0.5)  # several result timeouts later: nothing more is published
        assert len(collector.for_application(card.id)) == 3
    finally:
        await collector.close()
        await bus.close()


def _timestamp(value: datetime) -> timestamp_pb2.Timestamp:
    out = timestamp_pb2.Timestamp()
    out.FromDatetime(value)
    return out


async def test_a_follow_up_fires_exactly_once_with_two_tracker_replicas_and_snoozing_rearms_it(
        services, tracker_stub) -> None:
    from tracker_service import server
    from tracker_service.settings import TrackerSettings

    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", outbox_poll_interval_s=0.02)
    second = server.make_runtime(services.settings(TrackerSettings, outbox_poll_interval_s=0.02))
    await second.start(server.build, port=0, host="127.0.0.1")
    try:
        user_id = str(uuid.uuid4())
        user = bearer(user_token(user_id))
        cards = await asyncio.gather(*(new_card(services, user, title=f"Engineer {i}") for i in range(12)))
        due = datetime.now(UTC) + timedelta(seconds=1)
        for card in cards:
            await tracker_stub.SetFollowUp(pb.SetFollowUpRequest(id=card.id, follow_up_at=_timestamp(due)),
                                           metadata=user)
        bus = Bus.from_url(services.redis_url)

        async def follow_up_events() -> list[events_pb2.Event]:
            entries = await bus.read_user_events(user_id)
            return [e.event for e in entries if e.event.type == events_pb2.EVENT_TYPE_FOLLOW_UP_DUE]

        try:
            await wait_for(lambda: _at_least(follow_up_events, len(cards)), timeout_s=20)
            await asyncio.sleep(0.5)  # both replicas keep polling meanwhile
            events = await follow_up_events()
            fired = sorted(e.follow_up_due.application_id for e in events)
            assert fired == sorted(c.id for c in cards)  # each reminder exactly once
            first = next(e for e in events if e.follow_up_due.application_id == cards[0].id)
            assert first.follow_up_due.title == "Engineer 0" and first.follow_up_due.company == "Acme"

            # Snoozing one reminder re-arms it: it fires once more, at the new time.
            snoozed = datetime.now(UTC) + timedelta(seconds=1)
            await tracker_stub.SetFollowUp(pb.SetFollowUpRequest(id=cards[0].id, follow_up_at=_timestamp(snoozed)),
                                           metadata=user)
            await wait_for(lambda: _at_least(follow_up_events, len(cards) + 1), timeout_s=20)
            await asyncio.sleep(0.5)
            events = await follow_up_events()
            assert len(events) == len(cards) + 1
            assert events[-1].follow_up_due.application_id == cards[0].id
            assert events[-1].follow_up_due.due_at.ToDatetime(tzinfo=UTC) == snoozed
        finally:
            await bus.close()
    finally:
        await second.shutdown()


async def _at_least(read, count: int) -> bool:
    return len(await read()) >= count


async def test_hired_archives_the_users_saved_searches_through_profile_even_if_profile_was_down(
        services, tracker_stub) -> None:
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", outbox_poll_interval_s=0.05, outbox_max_attempts=10)
    async with profile_client(services) as profile:
        account = await register(profile)
        auth = bearer(account.access_token)
        search = profile_pb2.SearchConfig(name="Python in Berlin", job_titles=["Python developer"],
                                          locations=["Berlin"], run_interval_minutes=60,
                                          sources=[profile_pb2.SourceSelection(source="remotive")])
        for _ in range(2):
            await profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=search), metadata=auth)
        card = await new_card(services, auth)
        assert len((await profile_list(profile, auth)).configs) == 2
        for step in (pb.APPLICATION_STATUS_APPLIED, pb.APPLICATION_STATUS_INTERVIEW, pb.APPLICATION_STATUS_OFFER):
            await tracker_stub.MoveCard(pb.MoveCardRequest(id=card.id, to_status=step), metadata=auth)

        await services.stop("profile_service")  # profile is down at the moment of the hire
        hired = (await tracker_stub.MoveCard(pb.MoveCardRequest(id=card.id, to_status=pb.APPLICATION_STATUS_HIRED),
                                             metadata=auth)).application
        assert hired.status == pb.APPLICATION_STATUS_HIRED
        pool = services.runtimes["tracker_service"].pool
        query = "SELECT status, attempts, last_error FROM outbox WHERE channel = 'CMD_ARCHIVE_SEARCH_CONFIGS'"
        row = await wait_for(lambda: _attempted(pool, query), timeout_s=20)
        assert row["status"] == "PENDING" and "UNAVAILABLE" in row["last_error"]

        await services.start("profile_service")
        await wait_for(lambda: _done(pool, query), timeout_s=30)
        assert (await profile_list(profile, auth)).configs == []


async def profile_list(profile, auth) -> profile_pb2.ListSearchConfigsResponse:
    return await profile.ListSearchConfigs(profile_pb2.ListSearchConfigsRequest(), metadata=auth, timeout=10,
                                           wait_for_ready=True)


async def _attempted(pool, query: str):
    row = await pool.fetchrow(query)
    return row if row is not None and row["attempts"] >= 1 else None


async def _done(pool, query: str) -> bool:
    row = await pool.fetchrow(query)
    return row is not None and row["status"] == "DONE"
