"""The Kanban through the real tracker_service (and the real discovery_service for the postings) over
gRPC, on real PostgreSQL and Redis: creating applications, every move the table allows or refuses,
concurrent moves, notes, ratings, dates, lists and board, analyses, stats, and never across users."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import icalendar
import pytest
from google.protobuf import timestamp_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from common.bus import Bus
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from jobmate.tracker.v1 import tracker_pb2_grpc
from tests.helpers import bearer, service_token, user_token, wait_for

S = pb.ApplicationStatus
TO_APPLY, APPLIED, INTERVIEW, OFFER, HIRED, REJECTED, WITHDRAWN = (
    S.Value(f"APPLICATION_STATUS_{n}") for n in ("TO_APPLY", "APPLIED", "INTERVIEW", "OFFER", "HIRED", "REJECTED",
                                                 "WITHDRAWN"))
ALL = [TO_APPLY, APPLIED, INTERVIEW, OFFER, HIRED, REJECTED, WITHDRAWN]
OPEN = [TO_APPLY, APPLIED, INTERVIEW, OFFER]
FUNNEL = [TO_APPLY, APPLIED, INTERVIEW, OFFER, HIRED]
ANALYSIS_WRITER = {"tracker.analysis.write", "tracker.read"}


def name(status: int) -> str:
    return S.Name(status).removeprefix("APPLICATION_STATUS_")


class Client:
    """One user's view: their token on every call to tracker and discovery."""

    def __init__(self, tracker: tracker_pb2_grpc.TrackerServiceStub,
                 discovery: discovery_pb2_grpc.DiscoveryServiceStub, user_id: str | None = None) -> None:
        self.user_id = user_id or str(uuid.uuid4())
        self.tracker = tracker
        self.discovery = discovery
        self.metadata = bearer(user_token(self.user_id))
        self._titles = itertools.count(1)

    async def call(self, method: str, request):
        return await getattr(self.tracker, method)(request, metadata=self.metadata)

    async def add_job(self, *, title: str | None = None, company: str = "Acme", location: str = "Berlin",
                      url: str = "") -> discovery_pb2.Job:
        title = title or f"Backend Engineer {next(self._titles)}"
        response = await self.discovery.AddJobManually(
            discovery_pb2.AddJobManuallyRequest(company=company, title=title, location=location, url=url),
            metadata=self.metadata)
        return response.job

    async def new_card(self, **job_fields) -> pb.Application:
        job = await self.add_job(**job_fields)
        return (await self.call("CreateApplication", pb.CreateApplicationRequest(job_id=job.id))).application

    async def move(self, card_id: str, to: int, **kwargs) -> pb.Application:
        return (await self.call("MoveCard", pb.MoveCardRequest(id=card_id, to_status=to, **kwargs))).application

    async def drive_to(self, status: int) -> pb.Application:
        """A fresh card brought to `status` through allowed moves."""
        card = await self.new_card()
        if status in FUNNEL:
            for step in FUNNEL[1:FUNNEL.index(status) + 1]:
                card = await self.move(card.id, step)
        else:
            card = await self.move(card.id, status)
        return card


async def rpc_error(awaitable) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await awaitable
    return caught.value


@pytest.fixture
async def mesh(services):
    # profile too: discovery reads the user's red flags from it when a posting is added by hand.
    await services.start("profile_service")
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", outbox_poll_interval_s=0.05)
    tracker_channel = grpc.aio.insecure_channel(services.address("tracker_service"))
    discovery_channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    bus = Bus.from_url(services.redis_url)
    tracker = tracker_pb2_grpc.TrackerServiceStub(tracker_channel)
    discovery = discovery_pb2_grpc.DiscoveryServiceStub(discovery_channel)

    def client(user_id: str | None = None) -> Client:
        return Client(tracker, discovery, user_id)

    yield client, tracker, bus, services
    await bus.close()
    await tracker_channel.close()
    await discovery_channel.close()


async def user_events(bus: Bus, user_id: str, event_type: int) -> list[events_pb2.Event]:
    return [e.event for e in await bus.read_user_events(user_id) if e.event.type == event_type]


# --- creating --------------------------------------------------------------------------------------
async def test_creating_an_application_snapshots_the_posting_and_queues_its_analysis(mesh) -> None:
    client, _tracker, bus, services = mesh
    alice = client()
    job = await alice.add_job(title="Platform Engineer", company="Globex", location="Lyon",
                              url="https://jobs.example.com/globex/42")
    subscription = bus.subscribe(["CMD_ANALYZE_JOB"])
    received: list[events_pb2.Command] = []

    async def collect() -> None:
        from common import messages
        async for _channel, data in subscription:
            received.append(messages.command_from_json(data))

    collector = asyncio.create_task(collect())
    await asyncio.wait_for(subscription.connected.wait(), 5)
    try:
        created = await alice.call("CreateApplication", pb.CreateApplicationRequest(job_id=job.id))
        card = created.application
        assert created.created is True
        assert card.status == TO_APPLY and card.version == 1 and card.user_id == alice.user_id
        assert (card.job.title, card.job.company, card.job.location, card.job.url) == (
            "Platform Engineer", "Globex", "Lyon", "https://jobs.example.com/globex/42")
        assert card.job.source == job.source and card.job_id == job.id
        assert card.analysis_state == pb.ANALYSIS_STATE_QUEUED
        assert list(card.allowed_moves) == [APPLIED, REJECTED, WITHDRAWN]

        command = (await wait_for(lambda: [c for c in received if c.analyze_job.application_id == card.id]))[0]
        assert command.user_id == alice.user_id and command.analyze_job.job_id == job.id

        again = await alice.call("CreateApplication", pb.CreateApplicationRequest(job_id=job.id))
        assert again.created is False and again.application.id == card.id
        runtime = services.runtimes["tracker_service"]
        commands = await runtime.pool.fetchval(
            "SELECT count(*) FROM outbox WHERE kind = 'command' AND payload->'analyzeJob'->>'applicationId' = $1",
            card.id)
        assert commands == 1  # the repeated call queued nothing new
    finally:
        subscription.close()
        collector.cancel()
        await asyncio.gather(collector, return_exceptions=True)


async def test_creating_from_a_posting_that_is_not_yours_or_does_not_exist_is_not_found(mesh) -> None:
    client, *_ = mesh
    alice, bob = client(), client()
    alices_job = await alice.add_job()
    error = await rpc_error(bob.call("CreateApplication", pb.CreateApplicationRequest(job_id=alices_job.id)))
    assert error.code() is grpc.StatusCode.NOT_FOUND
    error = await rpc_error(bob.call("CreateApplication", pb.CreateApplicationRequest(job_id=str(uuid.uuid4()))))
    assert error.code() is grpc.StatusCode.NOT_FOUND
    error = await rpc_error(bob.call("CreateApplication", pb.CreateApplicationRequest(job_id=" ")))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "job_id" in error.details()
    board = await bob.call("GetBoard", pb.GetBoardRequest())
    assert sum(c.count for c in board.columns) == 0


# --- moves -----------------------------------------------------------------------------------------
EXPECTED_ALLOWED = {
    TO_APPLY: {APPLIED, REJECTED, WITHDRAWN},
    APPLIED: {INTERVIEW, TO_APPLY, REJECTED, WITHDRAWN},
    INTERVIEW: {OFFER, APPLIED, REJECTED, WITHDRAWN},
    OFFER: {HIRED, INTERVIEW, REJECTED, WITHDRAWN},
    HIRED: set(),
    REJECTED: set(),
    WITHDRAWN: set(),
}


async def test_every_move_of_the_transition_table_is_allowed_or_refused_as_specified(mesh) -> None:
    client, *_ = mesh
    alice = client()
    pairs = [(src, dst) for src in ALL for dst in ALL if src != dst]

    async def attempt(src: int, dst: int) -> tuple[int, int, grpc.StatusCode, str, pb.Application | None]:
        card = await alice.drive_to(src)
        assert card.status == src
        try:
            moved = await alice.move(card.id, dst, note="checking the table")
        except grpc.aio.AioRpcError as exc:
            after = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
            assert after.status == src and after.version == card.version  # a refused move changes nothing
            return src, dst, exc.code(), exc.details(), None
        return src, dst, grpc.StatusCode.OK, "", moved

    results = await asyncio.gather(*(attempt(src, dst) for src, dst in pairs))
    for src, dst, code, details, moved in results:
        label = f"{name(src)} -> {name(dst)}"
        if dst in EXPECTED_ALLOWED[src]:
            assert code is grpc.StatusCode.OK, f"{label} refused: {details}"
            assert moved is not None and moved.status == dst
        else:
            assert code is grpc.StatusCode.FAILED_PRECONDITION, f"{label} gave {code}"
            if src in OPEN:
                for allowed in EXPECTED_ALLOWED[src]:
                    assert name(allowed) in details, f"{label}: {details!r} does not name {name(allowed)}"
            else:
                assert "reopen" in details.lower(), details
    for src in ALL:
        card = await alice.drive_to(src)
        assert set(card.allowed_moves) == EXPECTED_ALLOWED[src]


async def test_moves_are_recorded_in_the_history_with_corrections_and_reopens_and_emit_events(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice = client()
    card = await alice.new_card()
    await alice.move(card.id, APPLIED, note="sent the CV")
    await alice.move(card.id, INTERVIEW)
    corrected = await alice.move(card.id, APPLIED, note="not an interview yet")
    assert corrected.version == 4
    rejected = await alice.move(card.id, REJECTED)
    error = await rpc_error(alice.move(card.id, APPLIED))
    assert error.code() is grpc.StatusCode.FAILED_PRECONDITION
    reopened = (await alice.call("ReopenApplication", pb.ReopenApplicationRequest(
        id=card.id, to_status=APPLIED, expected_version=rejected.version, note="they called back"))).application
    assert reopened.status == APPLIED and reopened.version == rejected.version + 1
    error = await rpc_error(alice.call("ReopenApplication", pb.ReopenApplicationRequest(id=card.id,
                                                                                        to_status=INTERVIEW)))
    assert error.code() is grpc.StatusCode.FAILED_PRECONDITION  # an open card is not reopened

    history = (await alice.call("GetHistory", pb.GetHistoryRequest(id=card.id))).entries
    assert [(h.from_status, h.to_status, h.correction, h.reopen, h.note) for h in history] == [
        (0, TO_APPLY, False, False, ""),
        (TO_APPLY, APPLIED, False, False, "sent the CV"),
        (APPLIED, INTERVIEW, False, False, ""),
        (INTERVIEW, APPLIED, True, False, "not an interview yet"),
        (APPLIED, REJECTED, False, False, ""),
        (REJECTED, APPLIED, False, True, "they called back"),
    ]
    assert all(h.by_user_id == alice.user_id for h in history)
    assert [h.at.ToDatetime() for h in history] == sorted(h.at.ToDatetime() for h in history)

    async def moved_events():
        events = await user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_CARD_MOVED)
        return events if len(events) == 5 else None

    events = await wait_for(moved_events)
    assert [(e.card_moved.from_status, e.card_moved.to_status, e.card_moved.correction) for e in events] == [
        ("TO_APPLY", "APPLIED", False), ("APPLIED", "INTERVIEW", False), ("INTERVIEW", "APPLIED", True),
        ("APPLIED", "REJECTED", False), ("REJECTED", "APPLIED", False)]
    assert [e.card_moved.version for e in events] == [2, 3, 4, 5, 6]


async def test_histories_of_many_cards_in_one_call_in_the_order_asked_and_only_the_callers(mesh) -> None:
    client, *_ = mesh
    alice, bob = client(), client()
    first, second, untouched = await alice.new_card(), await alice.new_card(), await alice.new_card()
    await alice.move(first.id, APPLIED, note="sent")
    await alice.move(second.id, WITHDRAWN)
    bobs = await bob.new_card()
    await bob.move(bobs.id, APPLIED, note="bob's move")

    asked = [second.id, bobs.id, first.id, str(uuid.uuid4()), untouched.id, second.id]
    reply = await alice.call("BatchGetHistory", pb.BatchGetHistoryRequest(ids=asked))
    assert [h.application_id for h in reply.histories] == [second.id, first.id, untouched.id]
    for history in reply.histories:
        single = (await alice.call("GetHistory", pb.GetHistoryRequest(id=history.application_id))).entries
        assert list(history.entries) == list(single)
    by_card = {h.application_id: [(e.from_status, e.to_status, e.note) for e in h.entries] for h in reply.histories}
    assert by_card == {first.id: [(0, TO_APPLY, ""), (TO_APPLY, APPLIED, "sent")],
                       second.id: [(0, TO_APPLY, ""), (TO_APPLY, WITHDRAWN, "")],
                       untouched.id: [(0, TO_APPLY, "")]}

    assert list((await alice.call("BatchGetHistory", pb.BatchGetHistoryRequest())).histories) == []
    error = await rpc_error(alice.call("BatchGetHistory", pb.BatchGetHistoryRequest(ids=[first.id, "card-1"])))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "'card-1'" in error.details()
    error = await rpc_error(alice.call("BatchGetHistory", pb.BatchGetHistoryRequest(
        ids=[str(uuid.uuid4()) for _ in range(201)])))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "at most 200" in error.details()


async def test_two_concurrent_moves_on_one_card_one_wins_the_other_is_aborted(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card()
    outcomes = await asyncio.gather(alice.move(card.id, APPLIED, expected_version=card.version),
                                    alice.move(card.id, WITHDRAWN, expected_version=card.version),
                                    return_exceptions=True)
    winners = [o for o in outcomes if isinstance(o, pb.Application)]
    losers = [o for o in outcomes if isinstance(o, grpc.aio.AioRpcError)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].code() is grpc.StatusCode.ABORTED and "reload" in losers[0].details()
    final = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert final.status == winners[0].status and final.version == 2
    history = (await alice.call("GetHistory", pb.GetHistoryRequest(id=card.id))).entries
    assert [h.to_status for h in history] == [TO_APPLY, winners[0].status]

    # Without expected versions, both moves happen one after the other and both are in the history.
    card = await alice.new_card()
    await alice.move(card.id, APPLIED)
    outcomes = await asyncio.gather(alice.move(card.id, INTERVIEW), alice.move(card.id, REJECTED),
                                    return_exceptions=True)
    history = (await alice.call("GetHistory", pb.GetHistoryRequest(id=card.id))).entries
    succeeded = [o for o in outcomes if isinstance(o, pb.Application)]
    assert len(history) == 2 + len(succeeded)
    final = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert final.status == history[-1].to_status and final.version == 2 + len(succeeded)


async def test_a_stale_expected_version_is_aborted_and_nothing_is_lost(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card()
    applied = await alice.move(card.id, APPLIED, expected_version=1)
    error = await rpc_error(alice.move(card.id, REJECTED, expected_version=1))
    assert error.code() is grpc.StatusCode.ABORTED
    current = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert current.status == APPLIED and current.version == applied.version


async def test_bad_move_requests_are_invalid_arguments(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card()
    error = await rpc_error(alice.move(card.id, 0))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "to_status" in error.details()
    error = await rpc_error(alice.move(card.id, APPLIED, note="x" * 2001))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    error = await rpc_error(alice.move("not-an-id", APPLIED))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "application id" in error.details()


# --- isolation -------------------------------------------------------------------------------------
async def test_a_user_can_neither_see_nor_change_another_users_cards_even_guessing_ids(mesh) -> None:
    client, tracker, *_ = mesh
    alice, bob = client(), client()
    card = await alice.new_card()
    note = (await alice.call("AddNote", pb.AddNoteRequest(application_id=card.id, body="mine"))).note
    await bob.new_card()

    attempts = {
        "GetApplication": pb.GetApplicationRequest(id=card.id),
        "MoveCard": pb.MoveCardRequest(id=card.id, to_status=APPLIED),
        "ReopenApplication": pb.ReopenApplicationRequest(id=card.id, to_status=APPLIED),
        "GetHistory": pb.GetHistoryRequest(id=card.id),
        "AddNote": pb.AddNoteRequest(application_id=card.id, body="hijack"),
        "EditNote": pb.EditNoteRequest(application_id=card.id, note_id=note.id, body="hijack"),
        "DeleteNote": pb.DeleteNoteRequest(application_id=card.id, note_id=note.id),
        "RateApplication": pb.RateApplicationRequest(id=card.id, rating=1),
        "SetFollowUp": pb.SetFollowUpRequest(id=card.id),
        "SetFollowUp with a mask": pb.SetFollowUpRequest(id=card.id, update_mask=FieldMask(paths=["interview_at"])),
        "Reanalyze": pb.ReanalyzeRequest(id=card.id),
        "DeleteApplication": pb.DeleteApplicationRequest(id=card.id),
    }
    for what, request in attempts.items():
        error = await rpc_error(bob.call(what.split()[0], request))
        assert error.code() is grpc.StatusCode.NOT_FOUND, what
    for guessed in (str(uuid.uuid4()), card.id):
        batch = await bob.call("BatchGetApplications", pb.BatchGetApplicationsRequest(ids=[guessed]))
        assert list(batch.applications) == []
        histories = await bob.call("BatchGetHistory", pb.BatchGetHistoryRequest(ids=[guessed]))
        assert list(histories.histories) == []
    listed = await bob.call("ListApplications", pb.ListApplicationsRequest())
    assert [a.id for a in listed.applications] != [] and card.id not in [a.id for a in listed.applications]
    board = await bob.call("GetBoard", pb.GetBoardRequest())
    assert card.id not in [c.id for column in board.columns for c in column.cards]
    assert "mine" not in (await bob.call("ExportCalendar", pb.ExportCalendarRequest())).ics

    # Alice's card is exactly as she left it.
    mine = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert mine.status == TO_APPLY and mine.version == 1 and mine.rating == 0
    assert [n.body for n in mine.notes] == ["mine"]
    # An internal reader with scope tracker.read may read it (ai_coach does).
    internal = await tracker.GetApplication(pb.GetApplicationRequest(id=card.id),
                                            metadata=bearer(service_token("ai_coach", {"tracker.read"})))
    assert internal.application.user_id == alice.user_id


# --- notes, rating, dates --------------------------------------------------------------------------
async def test_notes_are_timestamped_and_the_owner_edits_or_deletes_them(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card()
    first = (await alice.call("AddNote", pb.AddNoteRequest(application_id=card.id, body="  Call Anna on Monday "))).note
    second = (await alice.call("AddNote", pb.AddNoteRequest(application_id=card.id, body="Ask about remote"))).note
    assert first.body == "Call Anna on Monday" and first.created_at.seconds > 0
    edited = (await alice.call("EditNote", pb.EditNoteRequest(application_id=card.id, note_id=first.id,
                                                              body="Called Anna"))).note
    assert edited.body == "Called Anna" and edited.created_at == first.created_at
    assert edited.updated_at.ToDatetime() >= first.updated_at.ToDatetime()
    await alice.call("DeleteNote", pb.DeleteNoteRequest(application_id=card.id, note_id=second.id))
    current = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert [(n.id, n.body) for n in current.notes] == [(first.id, "Called Anna")]
    for body in ("", "   ", "x" * 10_001):
        error = await rpc_error(alice.call("AddNote", pb.AddNoteRequest(application_id=card.id, body=body)))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    error = await rpc_error(alice.call("DeleteNote", pb.DeleteNoteRequest(application_id=card.id, note_id=second.id)))
    assert error.code() is grpc.StatusCode.NOT_FOUND


async def test_rating_from_one_to_five_and_zero_clears(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card()
    rated = (await alice.call("RateApplication", pb.RateApplicationRequest(id=card.id, rating=4))).application
    assert rated.rating == 4
    for bad in (6, -1):
        error = await rpc_error(alice.call("RateApplication", pb.RateApplicationRequest(id=card.id, rating=bad)))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "between 1 and 5" in error.details()
    cleared = (await alice.call("RateApplication", pb.RateApplicationRequest(id=card.id, rating=0))).application
    assert cleared.rating == 0


def ts(value: datetime) -> timestamp_pb2.Timestamp:
    out = timestamp_pb2.Timestamp()
    out.FromDatetime(value)
    return out


async def test_follow_up_and_interview_dates_and_their_calendar_export(mesh) -> None:
    client, *_ = mesh
    alice = client()
    card = await alice.new_card(title="Data Engineer", company="Initech", location="Paris")
    follow_up = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    interview = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    updated = (await alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, follow_up_at=ts(follow_up), interview_at=ts(interview)))).application
    assert updated.follow_up_at.ToDatetime(tzinfo=UTC) == follow_up
    assert updated.interview_at.ToDatetime(tzinfo=UTC) == interview

    error = await rpc_error(alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, follow_up_at=ts(datetime.now(UTC) - timedelta(hours=1)))))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "future" in error.details()

    ics = (await alice.call("ExportCalendar", pb.ExportCalendarRequest())).ics
    calendar = icalendar.Calendar.from_ical(ics)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Follow up: Data Engineer at Initech", "Interview: Data Engineer at Initech"}
    assert events["Follow up: Data Engineer at Initech"].decoded("dtstart") == follow_up
    assert events["Interview: Data Engineer at Initech"].decoded("dtstart") == interview
    assert str(events["Interview: Data Engineer at Initech"]["location"]) == "Paris"
    assert len({str(e["uid"]) for e in events.values()}) == 2

    cleared = (await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=card.id))).application
    assert not cleared.HasField("follow_up_at") and not cleared.HasField("interview_at")
    ics = (await alice.call("ExportCalendar", pb.ExportCalendarRequest())).ics
    assert icalendar.Calendar.from_ical(ics).walk("VEVENT") == []


async def test_a_follow_up_mask_changes_only_the_dates_it_names(mesh) -> None:
    client, _tracker, _bus, services = mesh
    alice = client()
    card = await alice.new_card()
    follow_up = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    interview = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=card.id, follow_up_at=ts(follow_up),
                                                          interview_at=ts(interview)))

    def dates(application: pb.Application) -> tuple[datetime | None, datetime | None]:
        return tuple(getattr(application, name).ToDatetime(tzinfo=UTC) if application.HasField(name) else None
                     for name in ("follow_up_at", "interview_at"))

    later = interview + timedelta(days=1)
    moved = (await alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, interview_at=ts(later), update_mask=FieldMask(paths=["interview_at"])))).application
    assert dates(moved) == (follow_up, later)
    # A masked date left unset is cleared; the other one stays.
    cleared = (await alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, update_mask=FieldMask(paths=["follow_up_at"])))).application
    assert dates(cleared) == (None, later)
    both = (await alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, follow_up_at=ts(follow_up), update_mask=FieldMask(paths=["follow_up_at", "interview_at"]))))
    assert dates(both.application) == (follow_up, None)

    # A follow-up the mask leaves alone is neither re-armed nor checked, even once it has fired.
    pool = services.runtimes["tracker_service"].pool
    fired_at = await pool.fetchval(
        "UPDATE applications SET follow_up_at = now() - interval '1 hour', follow_up_fired_at = now()"
        " WHERE id = $1 RETURNING follow_up_fired_at", uuid.UUID(card.id))
    await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=card.id, interview_at=ts(later),
                                                          update_mask=FieldMask(paths=["interview_at"])))
    assert await pool.fetchval("SELECT follow_up_fired_at FROM applications WHERE id = $1",
                               uuid.UUID(card.id)) == fired_at
    # Naming it means setting it, and a new follow-up must be in the future.
    error = await rpc_error(alice.call("SetFollowUp", pb.SetFollowUpRequest(
        id=card.id, follow_up_at=ts(datetime.now(UTC) - timedelta(minutes=5)),
        update_mask=FieldMask(paths=["follow_up_at"]))))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "future" in error.details()

    for bad in (["rating"], ["follow_up_at", "notes"], ["interview"]):
        error = await rpc_error(alice.call("SetFollowUp", pb.SetFollowUpRequest(
            id=card.id, update_mask=FieldMask(paths=bad))))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT, bad
        assert "allowed: follow_up_at, interview_at" in error.details()
    assert dates((await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application)[1] == later


# --- lists, board, delete --------------------------------------------------------------------------
async def test_list_filters_sorts_and_pages_with_an_opaque_cursor(mesh) -> None:
    client, *_ = mesh
    alice = client()
    cards = [await alice.new_card() for _ in range(7)]
    for card in cards[:3]:
        await alice.move(card.id, APPLIED)

    seen: list[str] = []
    token = ""
    while True:
        page = await alice.call("ListApplications", pb.ListApplicationsRequest(
            sort=pb.APPLICATION_SORT_CREATED_DESC, page=common_pb2.PageRequest(page_size=3, page_token=token)))
        assert page.page_info.total_count == 7 and len(page.applications) <= 3
        seen += [a.id for a in page.applications]
        token = page.page_info.next_page_token
        assert page.page_info.has_more == bool(token)
        if not token:
            break
    assert seen == [c.id for c in reversed(cards)]

    applied = await alice.call("ListApplications", pb.ListApplicationsRequest(statuses=[APPLIED]))
    assert sorted(a.id for a in applied.applications) == sorted(c.id for c in cards[:3])
    assert applied.page_info.total_count == 3
    by_update = await alice.call("ListApplications", pb.ListApplicationsRequest())
    assert [a.id for a in by_update.applications][:3] == [c.id for c in reversed(cards[:3])]

    first = await alice.call("ListApplications", pb.ListApplicationsRequest(
        sort=pb.APPLICATION_SORT_FOLLOW_UP_ASC, page=common_pb2.PageRequest(page_size=2)))
    second = await alice.call("ListApplications", pb.ListApplicationsRequest(
        sort=pb.APPLICATION_SORT_FOLLOW_UP_ASC, page=common_pb2.PageRequest(
            page_size=10, page_token=first.page_info.next_page_token)))
    assert len({a.id for a in [*first.applications, *second.applications]}) == 7

    error = await rpc_error(alice.call("ListApplications", pb.ListApplicationsRequest(
        statuses=[APPLIED], page=common_pb2.PageRequest(page_token=first.page_info.next_page_token))))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "page_token" in error.details()
    error = await rpc_error(alice.call("ListApplications", pb.ListApplicationsRequest(
        page=common_pb2.PageRequest(page_token="garbage!"))))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT


async def test_board_has_every_column_with_complete_counts_and_bounded_cards(mesh) -> None:
    client, *_ = mesh
    alice = client()
    cards = [await alice.new_card() for _ in range(4)]
    await alice.move(cards[0].id, APPLIED)
    await alice.move(cards[1].id, WITHDRAWN)
    board = await alice.call("GetBoard", pb.GetBoardRequest(cards_per_column=1))
    assert [c.status for c in board.columns] == ALL
    counts = {c.status: c.count for c in board.columns}
    assert counts == {TO_APPLY: 2, APPLIED: 1, INTERVIEW: 0, OFFER: 0, HIRED: 0, REJECTED: 0, WITHDRAWN: 1}
    assert [len(c.cards) for c in board.columns] == [1, 1, 0, 0, 0, 0, 1]
    assert board.columns[0].cards[0].id == cards[3].id  # most recently updated first


async def test_a_board_card_reads_as_the_card_does_alone(mesh) -> None:
    """GetBoard reads counts, cards and their notes in one statement (TrackerRepository.board); every card
    there must be the card GetApplication gives, notes in their order, with complete counts beside cards
    cut to the column's size; with analysis_score_only, the same card with its analysis' score alone."""
    client, tracker, _bus, services = mesh
    coach = bearer(service_token("ai_coach", ANALYSIS_WRITER))
    alice, bob = client(), client()
    to_apply = [await alice.new_card() for _ in range(3)]
    applied = [await alice.drive_to(APPLIED) for _ in range(2)]
    interview = await alice.drive_to(INTERVIEW)
    withdrawn = await alice.move((await alice.new_card()).id, WITHDRAWN)
    await bob.new_card()  # another user's card is never on alice's board
    for body in ("Call Anna on Monday", "Ask about remote", "Salary band: 70-80k"):
        await alice.call("AddNote", pb.AddNoteRequest(application_id=applied[0].id, body=body))
    await alice.call("AddNote", pb.AddNoteRequest(application_id=to_apply[2].id, body="Referral from Ben"))
    await alice.call("RateApplication", pb.RateApplicationRequest(id=applied[1].id, rating=4))
    soon = timestamp_pb2.Timestamp(seconds=int((datetime.now(UTC) + timedelta(days=3)).timestamp()))
    await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=interview.id, follow_up_at=soon, interview_at=soon))
    for card, score in ((applied[0], 77), (to_apply[2], 0)):
        await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
            command_id=await analyze_command_id(services, card.id), application_id=card.id,
            analysis=sample_analysis(score)), metadata=coach)

    board = await alice.call("GetBoard", pb.GetBoardRequest(cards_per_column=2))
    assert [(c.status, c.count, len(c.cards)) for c in board.columns] == [
        (TO_APPLY, 3, 2), (APPLIED, 2, 2), (INTERVIEW, 1, 1), (OFFER, 0, 0), (HIRED, 0, 0), (REJECTED, 0, 0),
        (WITHDRAWN, 1, 1)]
    shown = [card for column in board.columns for card in column.cards]
    assert {card.id for card in shown} == {to_apply[2].id, to_apply[1].id, *(c.id for c in applied), interview.id,
                                          withdrawn.id}
    alone = {card.id: (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
             for card in shown}
    for card in shown:
        assert card == alone[card.id]
    notes = {card.id: [note.body for note in card.notes] for card in shown}
    assert notes[applied[0].id] == ["Call Anna on Monday", "Ask about remote", "Salary band: 70-80k"]
    assert notes[to_apply[2].id] == ["Referral from Ben"]
    assert sum(map(len, notes.values())) == 4

    scores = await alice.call("GetBoard", pb.GetBoardRequest(cards_per_column=2, analysis_score_only=True))
    for column, scored in zip(board.columns, scores.columns, strict=True):
        assert (scored.status, scored.count, scored.no_response_count) == (
            column.status, column.count, column.no_response_count)
        for card, score_only in zip(column.cards, scored.cards, strict=True):
            expected = pb.Application()
            expected.CopyFrom(card)
            if card.HasField("analysis"):
                expected.analysis.CopyFrom(pb.Analysis(score=card.analysis.score))
            assert score_only == expected
    assert sum(card.HasField("analysis") for column in scores.columns for card in column.cards) == 2


async def test_deleting_an_application_removes_it_and_lets_the_posting_be_applied_to_again(mesh) -> None:
    client, _tracker, _bus, services = mesh
    alice = client()
    job = await alice.add_job()
    card = (await alice.call("CreateApplication", pb.CreateApplicationRequest(job_id=job.id))).application
    await alice.call("DeleteApplication", pb.DeleteApplicationRequest(id=card.id))
    error = await rpc_error(alice.call("GetApplication", pb.GetApplicationRequest(id=card.id)))
    assert error.code() is grpc.StatusCode.NOT_FOUND
    pool = services.runtimes["tracker_service"].pool
    assert await pool.fetchval("SELECT status FROM outbox WHERE kind = 'command'"
                               " AND payload->'analyzeJob'->>'applicationId' = $1", card.id) == "FAILED"
    again = await alice.call("CreateApplication", pb.CreateApplicationRequest(job_id=job.id))
    assert again.created is True and again.application.id != card.id


# --- analyses --------------------------------------------------------------------------------------
def sample_analysis(score: int = 82) -> pb.Analysis:
    return pb.Analysis(
        score=score, pros=["Python"], cons=["No Kubernetes"], cover_letter="Dear team,", engine="heuristic",
        breakdown=[pb.BreakdownItem(name="skills", weight=0.5, score=0.9, explanation="5 of 6 skills")],
        ats_advice=pb.AtsAdvice(keywords_to_add=["asyncio"], missing_skills=["Kubernetes"], tips=["Use bullets"]),
        model="", duration_ms=12)


async def analyze_command_id(services, application_id: str) -> str:
    pool = services.runtimes["tracker_service"].pool
    return str(await pool.fetchval(
        "SELECT analysis_command_id FROM applications WHERE id = $1", uuid.UUID(application_id)))


async def test_recorded_analysis_is_stored_once_per_command_and_announced(mesh) -> None:
    client, tracker, bus, services = mesh
    coach = bearer(service_token("ai_coach", ANALYSIS_WRITER))
    alice = client()
    card = await alice.new_card()
    command_id = await analyze_command_id(services, card.id)

    running = await tracker.MarkAnalysisRunning(pb.MarkAnalysisRunningRequest(
        command_id=command_id, application_id=card.id), metadata=coach)
    assert running.current is True
    state = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application.analysis_state
    assert state == pb.ANALYSIS_STATE_RUNNING

    first = await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=command_id, application_id=card.id, analysis=sample_analysis(82)), metadata=coach)
    second = await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=command_id, application_id=card.id, analysis=sample_analysis(10)), metadata=coach)
    assert first.already_recorded is False and second.already_recorded is True

    stored = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert stored.analysis_state == pb.ANALYSIS_STATE_DONE
    assert stored.analysis.score == 82 and list(stored.analysis.pros) == ["Python"]
    assert stored.analysis.breakdown[0].explanation == "5 of 6 skills"
    assert list(stored.analysis.ats_advice.missing_skills) == ["Kubernetes"]
    assert stored.analysis.cover_letter == "Dear team," and stored.analysis.created_at.seconds > 0
    listed = (await alice.call("ListApplications", pb.ListApplicationsRequest())).applications
    assert listed[0].analysis == stored.analysis  # a list shows the same analysis as the card itself
    board = (await alice.call("GetBoard", pb.GetBoardRequest())).columns
    to_apply = next(column for column in board if column.status == pb.APPLICATION_STATUS_TO_APPLY)
    assert to_apply.cards[0].analysis == stored.analysis
    scores = (await alice.call("GetBoard", pb.GetBoardRequest(analysis_score_only=True))).columns
    card_only = next(column for column in scores if column.status == pb.APPLICATION_STATUS_TO_APPLY).cards[0]
    assert card_only.analysis == pb.Analysis(score=82)  # the score a board shows, nothing else read
    assert (card_only.id, card_only.job.title, card_only.version) == (stored.id, stored.job.title, stored.version)

    assert (await tracker.MarkAnalysisRunning(pb.MarkAnalysisRunningRequest(
        command_id=command_id, application_id=card.id), metadata=coach)).current is False
    done = await wait_for(lambda: user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_ANALYSIS_DONE))
    assert len(done) == 1 and done[0].analysis_done.ok and done[0].analysis_done.score == 82
    assert done[0].analysis_done.command_id == command_id
    # The notification names the posting ("Analysis ready for Data Engineer at Initech: …").
    assert (done[0].analysis_done.title, done[0].analysis_done.company) == (card.job.title, card.job.company)
    assert done[0].analysis_done.title and done[0].analysis_done.company

    # A user cannot record analyses; a bad score is refused.
    error = await rpc_error(alice.call("RecordAnalysis", pb.RecordAnalysisRequest(
        command_id=command_id, application_id=card.id, analysis=sample_analysis())))
    assert error.code() is grpc.StatusCode.PERMISSION_DENIED
    error = await rpc_error(tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=str(uuid.uuid4()), application_id=card.id, analysis=sample_analysis(101)), metadata=coach))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT


async def test_reanalyze_supersedes_the_running_command_and_a_failure_is_stored(mesh) -> None:
    client, tracker, bus, services = mesh
    coach = bearer(service_token("ai_coach", ANALYSIS_WRITER))
    alice = client()
    card = await alice.new_card()
    old_command = await analyze_command_id(services, card.id)
    queued = (await alice.call("Reanalyze", pb.ReanalyzeRequest(id=card.id))).application
    assert queued.analysis_state == pb.ANALYSIS_STATE_QUEUED
    new_command = await analyze_command_id(services, card.id)
    assert new_command != old_command

    stale = await tracker.MarkAnalysisRunning(pb.MarkAnalysisRunningRequest(
        command_id=old_command, application_id=card.id), metadata=coach)
    assert stale.current is False
    late = await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=old_command, application_id=card.id, analysis=sample_analysis(40)), metadata=coach)
    assert late.already_recorded is False
    current = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert current.analysis_state == pb.ANALYSIS_STATE_QUEUED and not current.HasField("analysis")

    failed = await tracker.RecordAnalysisFailure(pb.RecordAnalysisFailureRequest(
        command_id=new_command, application_id=card.id, reason="the posting has no description"), metadata=coach)
    assert failed.already_recorded is False
    current = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert current.analysis_state == pb.ANALYSIS_STATE_FAILED
    assert current.analysis_error == "the posting has no description"
    events = await wait_for(lambda: user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_ANALYSIS_DONE))
    assert [(e.analysis_done.ok, e.analysis_done.reason) for e in events] == [
        (False, "the posting has no description")]
    pool = services.runtimes["tracker_service"].pool
    statuses = dict(await pool.fetch("SELECT id::text, status FROM outbox WHERE id = ANY($1::uuid[])",
                                     [old_command, new_command]))
    assert statuses == {old_command: "FAILED", new_command: "FAILED"}


# --- stats -----------------------------------------------------------------------------------------
async def test_funnel_stats_count_convert_and_split_by_source(mesh) -> None:
    client, *_ = mesh
    alice = client()
    cards = [await alice.new_card() for _ in range(4)]
    for card in cards[:3]:
        await alice.move(card.id, APPLIED)
    await alice.move(cards[0].id, INTERVIEW)
    await alice.move(cards[1].id, INTERVIEW)
    await alice.move(cards[1].id, APPLIED)  # a correction: cards[1] never really had an interview
    await alice.move(cards[2].id, REJECTED)
    stats = await alice.call("GetFunnelStats", pb.GetFunnelStatsRequest())
    assert stats.total == 4
    assert dict(stats.counts_by_status) == {"TO_APPLY": 1, "APPLIED": 1, "INTERVIEW": 1, "OFFER": 0, "HIRED": 0,
                                            "REJECTED": 1, "WITHDRAWN": 0}
    conversions = {(c.from_status, c.to_status): c for c in stats.conversions}
    assert conversions[(TO_APPLY, APPLIED)].rate == pytest.approx(3 / 4)
    assert conversions[(APPLIED, INTERVIEW)].rate == pytest.approx(1 / 3)
    assert conversions[(INTERVIEW, OFFER)].rate == 0
    assert conversions[(APPLIED, INTERVIEW)].HasField("median_days")
    assert not conversions[(INTERVIEW, OFFER)].HasField("median_days")
    assert len(stats.by_source) == 1 and stats.by_source[0].total == 4
    assert stats.by_source[0].source == cards[0].job.source
