"""Fit scores in discovery, through the real service over gRPC on a real PostgreSQL and Redis: a new posting
asks for its score (SCORE_POSTINGS on the bus, from the outbox), RecordFitScores stores what ai_coach sends
(idempotently, never an older profile's score over a newer one's, never on another user's posting), and
the feed sorted by fit reads best first, the postings not scored yet last and saying so.

The whole loop with ai_coach scoring for real is in test_fit_flow.py."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from common import messages
from common.bus import Bus
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2 as pb
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from tests.helpers import bearer, service_token, user_token, wait_for


def scorer():
    return bearer(service_token("ai_coach", {"discovery.fit.write"}))


@pytest.fixture
async def discovery(services):
    await services.start("discovery_service", discovery_scheduler_enabled=False, outbox_poll_interval_s=0.1)
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    yield discovery_pb2_grpc.DiscoveryServiceStub(channel)
    await channel.close()


def as_user(user_id: str):
    return bearer(user_token(user_id))


def ts(value: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


async def add(stub, user_id: str, title: str) -> str:
    request = pb.AddJobManuallyRequest(company="Acme", title=title, description=f"{title} wanted.")
    return (await stub.AddJobManually(request, metadata=as_user(user_id))).job.id


def entry(job_id: str, score: float, reason: str = "Same occupational family.") -> pb.FitScoreEntry:
    return pb.FitScoreEntry(job_id=job_id, fit=pb.FitScore(score=score, confidence=0.9, reasons=[reason],
                                                           model="fit-1"))


async def record(stub, user_id: str, entries, *, command_id: str | None = None,
                 profile_at: datetime | None = None) -> pb.RecordFitScoresResponse:
    request = pb.RecordFitScoresRequest(command_id=command_id or str(uuid.uuid4()), user_id=user_id, scores=entries)
    if profile_at is not None:
        request.profile_updated_at.CopyFrom(ts(profile_at))
    return await stub.RecordFitScores(request, metadata=scorer())


async def fit_feed(stub, user_id: str, **request) -> list[pb.Job]:
    return list((await stub.GetJobFeed(pb.GetJobFeedRequest(sort=pb.FEED_SORT_FIT, **request),
                                       metadata=as_user(user_id))).jobs)


async def test_a_new_posting_asks_for_its_fit_score_through_the_outbox(discovery, redis_url) -> None:
    bus = Bus.from_url(redis_url)
    subscription = bus.subscribe([messages.command_channel(events_pb2.COMMAND_TYPE_SCORE_POSTINGS)])
    received: list[events_pb2.Command] = []

    async def listen() -> None:
        async for _, data in subscription:
            received.append(messages.command_from_json(data))

    listener = asyncio.create_task(listen())
    try:
        await wait_for(subscription.connected.is_set)
        user = str(uuid.uuid4())
        job_id = await add(discovery, user, "Backend Engineer")
        command = await wait_for(lambda: next((c for c in received if c.user_id == user), None))
        assert list(command.score_postings.job_ids) == [job_id]
        assert command.score_postings.reason == "new"
    finally:
        subscription.close()
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await bus.close()


async def test_the_feed_sorted_by_fit_reads_best_first_and_unscored_last(discovery) -> None:
    user = str(uuid.uuid4())
    low, high, unscored, middle = [await add(discovery, user, title) for title in
                                   ("Nanny", "Python Developer", "Florist", "Data Engineer")]
    answer = await record(discovery, user, [entry(low, 12.5, "Different occupational family."),
                                            entry(high, 81.0), entry(middle, 55.0)])
    assert (answer.recorded, answer.already_recorded) == (3, False)

    jobs = await fit_feed(discovery, user)
    assert [job.id for job in jobs] == [high, middle, low, unscored]
    assert [job.fit.score for job in jobs[:3]] == [81.0, 55.0, 12.5]
    assert list(jobs[2].fit.reasons) == ["Different occupational family."]
    assert jobs[0].fit.model == "fit-1" and jobs[0].fit.HasField("scored_at")
    assert not jobs[3].HasField("fit")  # not scored yet

    # Page by page, across the scored/unscored boundary, nothing is skipped or repeated.
    seen, token = [], ""
    while True:
        page = await discovery.GetJobFeed(pb.GetJobFeedRequest(
            sort=pb.FEED_SORT_FIT, page=common_pb2.PageRequest(page_size=1, page_token=token)), metadata=as_user(user))
        seen += [job.id for job in page.jobs]
        token = page.page_info.next_page_token
        if not token:
            break
    assert seen == [high, middle, low, unscored]
    # The default order is still newest first.
    newest = (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))).jobs
    assert [job.id for job in newest] == [middle, unscored, high, low]
    # A cursor of the fit order is refused by the newest-first order.
    first = await discovery.GetJobFeed(pb.GetJobFeedRequest(sort=pb.FEED_SORT_FIT, page=common_pb2.PageRequest(
        page_size=1)), metadata=as_user(user))
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.GetJobFeed(pb.GetJobFeedRequest(page=common_pb2.PageRequest(
            page_size=1, page_token=first.page_info.next_page_token)), metadata=as_user(user))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_recording_is_idempotent_and_an_older_profiles_score_never_replaces_a_newer_one(discovery) -> None:
    user = str(uuid.uuid4())
    job = await add(discovery, user, "Python Developer")
    now = datetime.now(UTC)
    command = str(uuid.uuid4())
    assert (await record(discovery, user, [entry(job, 70.0)], command_id=command, profile_at=now)).recorded == 1
    again = await record(discovery, user, [entry(job, 10.0)], command_id=command, profile_at=now)
    assert again.already_recorded and again.recorded == 0
    late = await record(discovery, user, [entry(job, 20.0)], profile_at=now - timedelta(hours=1))
    assert late.recorded == 0
    fresher = await record(discovery, user, [entry(job, 90.0, "Rescored.")], profile_at=now + timedelta(minutes=1))
    assert fresher.recorded == 1
    [stored] = await fit_feed(discovery, user)
    assert (stored.fit.score, list(stored.fit.reasons)) == (90.0, ["Rescored."])


async def test_scores_never_land_on_another_users_posting(discovery) -> None:
    owner, other = str(uuid.uuid4()), str(uuid.uuid4())
    job = await add(discovery, owner, "Python Developer")
    assert (await record(discovery, other, [entry(job, 99.0)])).recorded == 0
    [stored] = await fit_feed(discovery, owner)
    assert not stored.HasField("fit")


async def test_only_the_scorer_may_record_and_bad_scores_are_refused(discovery) -> None:
    user = str(uuid.uuid4())
    job = await add(discovery, user, "Python Developer")
    request = pb.RecordFitScoresRequest(command_id=str(uuid.uuid4()), user_id=user, scores=[entry(job, 50.0)])
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.RecordFitScores(request, metadata=as_user(user))
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
    for bad in (entry(job, 150.0), entry("not-an-id", 50.0)):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await record(discovery, user, [bad])
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


class Commands:
    """Collects the SCORE_POSTINGS commands discovery's outbox publishes."""

    def __init__(self, redis_url: str) -> None:
        self.bus = Bus.from_url(redis_url)
        self.subscription = self.bus.subscribe([messages.command_channel(events_pb2.COMMAND_TYPE_SCORE_POSTINGS)])
        self.received: list[events_pb2.Command] = []
        self.task = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        async for _, data in self.subscription:
            self.received.append(messages.command_from_json(data))

    def of(self, user_id: str, reason: str) -> list[events_pb2.Command]:
        return [c for c in self.received if c.user_id == user_id and c.score_postings.reason == reason]

    async def close(self) -> None:
        self.subscription.close()
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.bus.close()


def profile_updated(user_id: str, at: datetime) -> events_pb2.Event:
    return messages.new_event(events_pb2.EVENT_TYPE_PROFILE_UPDATED, user_id,
                              profile_updated=events_pb2.ProfileUpdated(updated_at=ts(at)))


async def test_a_profile_change_asks_once_for_every_pending_posting_and_a_missed_one_heals(discovery,
                                                                                         redis_url) -> None:
    commands = Commands(redis_url)
    try:
        await wait_for(commands.subscription.connected.is_set)
        user, other = str(uuid.uuid4()), str(uuid.uuid4())
        jobs = [await add(discovery, user, title) for title in ("Python Developer", "Nurse", "Florist")]
        theirs = await add(discovery, other, "Python Developer")
        before = datetime.now(UTC) - timedelta(minutes=5)
        await record(discovery, user, [entry(job, 50.0) for job in jobs[:2]], profile_at=before)
        await record(discovery, other, [entry(theirs, 50.0)], profile_at=before)
        await discovery.SetJobStatus(pb.SetJobStatusRequest(id=jobs[1], status=pb.JOB_STATUS_REJECTED),
                                     metadata=as_user(user))

        # The event, heard again and again (replicas, re-publications): one command for the pending postings.
        changed = datetime.now(UTC)

        async def asked() -> list[events_pb2.Command]:
            await commands.bus.publish_event(profile_updated(user, changed))
            return commands.of(user, "profile_changed")

        await commands.bus.publish_event(profile_updated(user, changed))
        [command] = await wait_for(asked, interval_s=0.2)
        await commands.bus.publish_event(profile_updated(user, changed))
        assert sorted(command.score_postings.job_ids) == sorted([jobs[0], jobs[2]])  # not the rejected one
        await asyncio.sleep(0.5)
        assert len(commands.of(user, "profile_changed")) == 1 and not commands.of(other, "profile_changed")

        # An event nobody heard: the next answer computed from the newer profile asks for the stale scores.
        later = changed + timedelta(minutes=1)
        await record(discovery, other, [], profile_at=later)
        [healed] = await wait_for(lambda: commands.of(other, "profile_changed"))
        assert list(healed.score_postings.job_ids) == [theirs]
    finally:
        await commands.close()


async def test_an_answer_from_a_new_version_of_the_scorer_asks_for_the_rest_of_the_inbox(discovery,
                                                                                         redis_url) -> None:
    commands = Commands(redis_url)
    try:
        await wait_for(commands.subscription.connected.is_set)
        user = str(uuid.uuid4())
        first, second = [await add(discovery, user, title) for title in ("Python Developer", "Data Engineer")]
        profile_at = datetime.now(UTC) - timedelta(minutes=1)
        await record(discovery, user, [entry(first, 40.0), entry(second, 60.0)], profile_at=profile_at)
        newer = pb.FitScoreEntry(job_id=first, fit=pb.FitScore(score=70.0, confidence=0.9, reasons=["New model."],
                                                                 model="fit-2"))
        assert (await record(discovery, user, [newer], profile_at=profile_at)).recorded == 1
        [command] = await wait_for(lambda: commands.of(user, "model_changed"))
        assert list(command.score_postings.job_ids) == [second]
        await record(discovery, user, [newer], profile_at=profile_at)  # another answer: asked once only
        await asyncio.sleep(0.5)
        assert len(commands.of(user, "model_changed")) == 1
    finally:
        await commands.close()
