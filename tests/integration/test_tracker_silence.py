"""Silence noticed, with two tracker replicas on one database (real PostgreSQL and Redis): applications
past their status's threshold are flagged "no response" and one reminder fires per silence, whichever
replica's job gets there, however many passes run; the board and the stats show the flags; any new
event (or move) clears them; thresholds are per user."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from common.db import create_pool
from common.outbox import Outbox
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from jobmate.tracker.v1 import tracker_pb2_grpc
from tests.helpers import wait_for
from tests.integration.test_tracker import APPLIED, INTERVIEW, OFFER, Client, rpc_error, user_events
from tracker_service.convert import analysis_document_for_import
from tracker_service.crm import Crm

STATUS = pb.ApplicationStatus


@pytest.fixture
async def replicas(services):
    """Two tracker replicas (each with its silence job every 50 ms), discovery and profile."""
    import tracker_service.server as server
    from tracker_service.settings import TrackerSettings

    fast = {"outbox_poll_interval_s": 0.05, "tracker_silence_check_interval_s": 0.05}
    await services.start("profile_service")
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", **fast)
    second = server.make_runtime(services.settings(TrackerSettings, **fast))
    second_port = await second.start(server.build, port=0, host="127.0.0.1")
    channels = [grpc.aio.insecure_channel(address) for address in (
        services.address("tracker_service"), f"127.0.0.1:{second_port}", services.address("discovery_service"))]
    trackers = [tracker_pb2_grpc.TrackerServiceStub(c) for c in channels[:2]]
    discovery = discovery_pb2_grpc.DiscoveryServiceStub(channels[2])
    from common.bus import Bus

    bus = Bus.from_url(services.redis_url)
    db = await asyncpg.connect(services.database_url)
    try:
        yield trackers, discovery, bus, db, services
    finally:
        await db.close()
        await bus.close()
        for channel in channels:
            await channel.close()
        await second.shutdown()


async def backdate(db: asyncpg.Connection, card_ids: list[str], days: float) -> None:
    """Time passes: the cards' last activity moves `days` into the past."""
    await db.execute("UPDATE tracker.applications SET last_activity_at = now() - make_interval(secs => $2)"
                     " WHERE id = ANY($1::uuid[])", [uuid.UUID(i) for i in card_ids], days * 86400)


async def no_response_events(bus, user_id: str, count: int) -> list[events_pb2.Event]:
    async def arrived():
        found = await user_events(bus, user_id, events_pb2.EVENT_TYPE_NO_RESPONSE)
        return found if len(found) >= count else None

    return await wait_for(arrived, timeout_s=20)


async def silence_passes(services, bus, replicas: int = 2) -> list[int]:
    """Passes of the silence job run at once, as more replicas would: how many each flagged."""
    pools = [await create_pool(services.database_url, schema="tracker") for _ in range(replicas)]
    try:
        crms = [Crm(pool, Outbox(pool, bus), analysis_document=analysis_document_for_import) for pool in pools]
        return list(await asyncio.gather(*(crm.flag_silent_applications() for crm in crms)))
    finally:
        for pool in pools:
            await pool.close()


async def reminders_written(db: asyncpg.Connection, card_ids: list[str]) -> dict[str, int]:
    """Per card: the NO_RESPONSE timeline entries and outbox events written for it."""
    rows = await db.fetch(
        "SELECT a.id::text AS id,"
        " (SELECT count(*) FROM tracker.timeline_events e WHERE e.application_id = a.id AND e.kind = 'NO_RESPONSE')"
        " AS entries,"
        " (SELECT count(*) FROM tracker.outbox o WHERE o.channel = 'EVENT_NO_RESPONSE'"
        "  AND o.payload->'noResponse'->>'applicationId' = a.id::text) AS events"
        " FROM tracker.applications a WHERE a.id = ANY($1::uuid[])", [uuid.UUID(i) for i in card_ids])
    return {r["id"]: (r["entries"], r["events"]) for r in rows}


async def test_a_silence_fires_once_across_two_replicas_and_shows_on_the_board(replicas) -> None:
    (first, second), discovery, bus, db, _services = replicas
    alice = Client(first, discovery)
    alice_on_second = Client(second, discovery, alice.user_id)
    alice_on_second._titles = itertools.count(100)  # postings of its own (the same title is the same posting)
    applied = [await (alice if n % 2 else alice_on_second).drive_to(APPLIED) for n in range(6)]
    interviewing = [await alice.drive_to(INTERVIEW) for _ in range(2)]
    recent = await alice.drive_to(APPLIED)
    to_apply = await alice.new_card()
    await backdate(db, [c.id for c in applied], 11)       # past APPLIED's 10 days
    await backdate(db, [c.id for c in interviewing], 8)   # past INTERVIEW's 7 days
    await backdate(db, [recent.id], 9)                    # not yet
    await backdate(db, [to_apply.id], 60)                 # TO_APPLY is never flagged by default

    silent = [c.id for c in applied + interviewing]
    events = await no_response_events(bus, alice.user_id, len(silent))
    # Both replicas' jobs keep running; two more passes started by hand race them as well.
    assert await silence_passes(_services, bus) == [0, 0]
    assert sorted(e.no_response.application_id for e in events) == sorted(silent)
    assert await reminders_written(db, silent + [recent.id, to_apply.id]) == {
        **{card: (1, 1) for card in silent}, recent.id: (0, 0), to_apply.id: (0, 0)}
    reminder = next(e.no_response for e in events if e.no_response.application_id == applied[0].id)
    assert (reminder.status, reminder.threshold_days, reminder.company) == ("APPLIED", 10, "Acme")

    board = await alice.call("GetBoard", pb.GetBoardRequest())
    counts = {STATUS.Name(c.status).removeprefix("APPLICATION_STATUS_"): (c.count, c.no_response_count)
              for c in board.columns}
    assert counts["APPLIED"] == (7, 6) and counts["INTERVIEW"] == (2, 2) and counts["TO_APPLY"] == (1, 0)
    flagged = {c.id for column in board.columns for c in column.cards if c.HasField("no_response_at")}
    assert flagged == set(silent)
    stats = await alice.call("GetFunnelStats", pb.GetFunnelStatsRequest())
    assert stats.no_response_count == 8
    company = (await alice.call("GetCompany", pb.GetCompanyRequest(id=applied[0].company_id))).company
    assert company.no_response_count == 8

    # The reminder is in the timeline, read-only.
    timeline = (await alice.call("ListTimeline", pb.ListTimelineRequest(application_id=applied[0].id))).events
    entry = next(e for e in timeline if e.kind == pb.TIMELINE_EVENT_KIND_NO_RESPONSE)
    assert entry.origin == pb.TIMELINE_ORIGIN_SILENCE and not entry.editable
    assert (entry.no_response.status, entry.no_response.threshold_days) == (APPLIED, 10)
    refused = await rpc_error(alice.call("UpdateTimelineEvent", pb.UpdateTimelineEventRequest(
        id=entry.id, title="x", update_mask=FieldMask(paths=["title"]))))
    assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_any_new_event_clears_the_flag_and_the_next_silence_fires_again(replicas) -> None:
    (first, second), discovery, bus, db, _services = replicas
    alice = Client(first, discovery)
    cards = [await alice.drive_to(APPLIED) for _ in range(3)]
    await backdate(db, [c.id for c in cards], 12)
    await no_response_events(bus, alice.user_id, 3)

    now = timestamp_pb2.Timestamp()
    now.FromDatetime(datetime.now(UTC) - timedelta(days=3))  # an e-mail from three days ago, logged today
    await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=cards[0].id, kind=pb.TIMELINE_EVENT_KIND_EMAIL_RECEIVED, occurred_at=now))
    moved = await alice.move(cards[1].id, INTERVIEW)
    assert not moved.HasField("no_response_at")
    on_second = Client(second, discovery, alice.user_id)
    on_second._titles = itertools.count(100)
    states = {c.id: (await on_second.call("GetApplication", pb.GetApplicationRequest(id=c.id))).application
              for c in cards}
    assert not states[cards[0].id].HasField("no_response_at")
    assert states[cards[0].id].last_activity_at.ToDatetime(tzinfo=UTC) > datetime.now(UTC) - timedelta(minutes=5)
    assert states[cards[2].id].HasField("no_response_at")
    cleared = [e.timeline_event_changed for e in await user_events(bus, alice.user_id,
                                                                   events_pb2.EVENT_TYPE_TIMELINE_EVENT_CHANGED)]
    assert [c.no_response_cleared for c in cleared] == [True]
    board = await alice.call("GetBoard", pb.GetBoardRequest())
    assert {c.status: c.no_response_count for c in board.columns}[APPLIED] == 1

    # A new silence is a new reminder.
    await backdate(db, [cards[0].id], 11)
    events = await no_response_events(bus, alice.user_id, 4)
    assert [e.no_response.application_id for e in events].count(cards[0].id) == 2
    assert (await reminders_written(db, [cards[0].id]))[cards[0].id] == (2, 2)


async def test_thresholds_are_per_user(replicas) -> None:
    (first, _second), discovery, bus, db, _services = replicas
    alice, bob = Client(first, discovery), Client(first, discovery)
    defaults = (await bob.call("GetSilenceThresholds", pb.GetSilenceThresholdsRequest())).thresholds
    assert [(t.status, t.days, t.is_default) for t in defaults] == [
        (STATUS.Value("APPLICATION_STATUS_TO_APPLY"), 0, True), (APPLIED, 10, True), (INTERVIEW, 7, True),
        (OFFER, 5, True)]
    changed = (await bob.call("SetSilenceThresholds", pb.SetSilenceThresholdsRequest(thresholds=[
        pb.SilenceThreshold(status=APPLIED, days=3), pb.SilenceThreshold(status=INTERVIEW, days=0)]))).thresholds
    assert [(t.days, t.is_default) for t in changed] == [(0, True), (3, False), (0, False), (5, True)]
    for bad in ([pb.SilenceThreshold(status=STATUS.Value("APPLICATION_STATUS_HIRED"), days=3)],
                [pb.SilenceThreshold(status=APPLIED, days=366)], [pb.SilenceThreshold(status=APPLIED, days=-1)],
                [pb.SilenceThreshold(status=APPLIED, days=2), pb.SilenceThreshold(status=APPLIED, days=4)],
                [pb.SilenceThreshold(status=0, days=3)]):
        assert (await rpc_error(bob.call("SetSilenceThresholds", pb.SetSilenceThresholdsRequest(
            thresholds=bad)))).code() == grpc.StatusCode.INVALID_ARGUMENT

    bobs_applied, bobs_interview = await bob.drive_to(APPLIED), await bob.drive_to(INTERVIEW)
    alices_applied = await alice.drive_to(APPLIED)
    await backdate(db, [bobs_applied.id, bobs_interview.id, alices_applied.id], 5)
    events = await no_response_events(bus, bob.user_id, 1)
    assert [e.no_response.threshold_days for e in events] == [3]
    assert events[0].no_response.application_id == bobs_applied.id
    # Alice keeps the defaults: 5 days after applying is not silence yet for her; Bob's interview never is.
    assert await silence_passes(_services, bus) == [0, 0]
    assert await reminders_written(db, [bobs_applied.id, bobs_interview.id, alices_applied.id]) == {
        bobs_applied.id: (1, 1), bobs_interview.id: (0, 0), alices_applied.id: (0, 0)}
    await backdate(db, [alices_applied.id], 10.5)
    assert [e.no_response.application_id for e in await no_response_events(bus, alice.user_id, 1)] == \
        [alices_applied.id]

    back = (await bob.call("SetSilenceThresholds", pb.SetSilenceThresholdsRequest(thresholds=[
        pb.SilenceThreshold(status=APPLIED, is_default=True)]))).thresholds
    assert [(t.days, t.is_default) for t in back][1] == (10, True)


async def test_imported_history_is_flagged_without_a_reminder(replicas) -> None:
    (first, _second), discovery, bus, db, _services = replicas
    alice = Client(first, discovery)
    applied_at = datetime.now(UTC) - timedelta(days=40)
    csv = ("Company,Job Title,Status,Date Applied\n"
           f"Initech,Engineer,Applied,{applied_at.date().isoformat()}\n"
           f"Globex,Engineer,Applied,{datetime.now(UTC).date().isoformat()}\n").encode()
    report = (await alice.call("ImportData", pb.ImportDataRequest(format=pb.DATA_FORMAT_CSV, content=csv))).report
    assert report.applications == 2
    board = await alice.call("GetBoard", pb.GetBoardRequest())
    applied_column = next(c for c in board.columns if c.status == APPLIED)
    assert applied_column.no_response_count == 1
    old = next(c for c in applied_column.cards if c.job.company == "Initech")
    assert old.HasField("no_response_at")
    # An imported silence is not news: however many passes run, no reminder comes.
    assert await silence_passes(_services, bus) == [0, 0]
    imported = await wait_for(lambda: user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_DATA_IMPORTED))
    assert imported[0].data_imported.applications == 2
    assert await user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_NO_RESPONSE) == []
    assert (await reminders_written(db, [old.id]))[old.id] == (0, 0)
