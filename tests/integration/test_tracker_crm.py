"""The tracker's CRM (issue 18) through the real tracker_service over gRPC, on real PostgreSQL and Redis
(discovery and profile real too): companies found or created from postings, the timeline (recorded
events with their owner-only CRUD, and moves, notes, analyses, follow-ups merged in), contacts, salary
observations and the offer comparison, interviews in the calendar, funnel figures, and never across users."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import icalendar
import pytest
from google.protobuf import timestamp_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from tests.helpers import bearer, service_token, user_token, wait_for
from tests.integration import test_tracker
from tests.integration.test_tracker import (
    APPLIED,
    INTERVIEW,
    OFFER,
    REJECTED,
    TO_APPLY,
    Client,
    rpc_error,
    user_events,
)

mesh = test_tracker.mesh  # the same fixture: profile, discovery and tracker in-process

K = pb.TimelineEventKind
INTERVIEW_KIND, OFFER_KIND, NOTE_KIND = K.TIMELINE_EVENT_KIND_INTERVIEW, K.TIMELINE_EVENT_KIND_OFFER, K.TIMELINE_EVENT_KIND_NOTE


def ts(value: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(value)
    return stamp


def page(size: int = 0, token: str = "") -> common_pb2.PageRequest:
    return common_pb2.PageRequest(page_size=size, page_token=token)


async def company_of(client: Client, card: pb.Application) -> pb.Company:
    return (await client.call("GetCompany", pb.GetCompanyRequest(id=card.company_id))).company


async def stream_events(bus, user_id: str, event_type: int, count: int) -> list[events_pb2.Event]:
    """The user's live-stream events of a type, once `count` of them arrived (and no more than that)."""
    async def arrived() -> list[events_pb2.Event] | None:
        found = await user_events(bus, user_id, event_type)
        return found if len(found) >= count else None

    found = await wait_for(arrived)
    assert len(found) == count, found
    return found


async def all_pages(fetch, items: str, size: int = 2) -> list:
    """Every item of a paged list, page by page."""
    found, token = [], ""
    while True:
        reply = await fetch(page(size, token))
        found.extend(getattr(reply, items))
        token = reply.page_info.next_page_token
        assert reply.page_info.has_more == bool(token)
        if not token:
            return found


async def ingest(services, user_id: str, **job_fields) -> str:
    """A posting as a job board would bring it (URL, salary), through discovery's IngestJobs."""
    from jobmate.discovery.v1 import discovery_pb2_grpc

    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    try:
        stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)
        job = discovery_pb2.Job(source="greenhouse", external_id=uuid.uuid4().hex, description_text="Python.",
                                **job_fields)

        async def one():
            yield discovery_pb2.IngestJobsRequest(user_id=user_id, job=job)

        counts = await stub.IngestJobs(one(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        assert counts.inserted == 1
        feed = await stub.GetJobFeed(discovery_pb2.GetJobFeedRequest(), metadata=bearer(user_token(user_id)))
        return next(j.id for j in feed.jobs if j.external_id == job.external_id)
    finally:
        await channel.close()


# --- companies ---------------------------------------------------------------------------------------
async def test_applications_find_their_company_by_its_normalised_name(mesh) -> None:
    client, _tracker, bus, services = mesh
    alice, bob = client(), client()
    first = await alice.new_card(company="ACME Inc.")
    second = await alice.new_card(company="acme, inc")
    third = await alice.new_card(company="Acme GmbH")
    other = await alice.new_card(company="Globex")
    bobs = await bob.new_card(company="ACME")
    assert first.company_id and first.company_id == second.company_id == third.company_id
    assert other.company_id != first.company_id and bobs.company_id != first.company_id

    company = await company_of(alice, first)
    assert company.name == "ACME Inc."  # as the first posting wrote it
    assert (company.application_count, company.open_application_count, company.no_response_count) == (3, 3, 0)
    assert company.HasField("last_activity_at")
    created = await stream_events(bus, alice.user_id, events_pb2.EVENT_TYPE_COMPANY_CHANGED, 2)
    assert {e.company_changed.company_id for e in created} == {first.company_id, other.company_id}
    assert all(e.company_changed.change == events_pb2.CHANGE_CREATED for e in created)

    # The company's applications, paged, and only its own.
    listed = await all_pages(lambda p: alice.call("ListApplications", pb.ListApplicationsRequest(
        company_id=first.company_id, page=p)), "applications")
    assert sorted(a.id for a in listed) == sorted([first.id, second.id, third.id])
    # Another user's company is not found, however it is asked for.
    for method, request in (("GetCompany", pb.GetCompanyRequest(id=first.company_id)),
                            ("ListApplications", pb.ListApplicationsRequest(company_id=first.company_id)),
                            ("ListTimeline", pb.ListTimelineRequest(company_id=first.company_id)),
                            ("ListContacts", pb.ListContactsRequest(company_id=first.company_id)),
                            ("UpdateCompany", pb.UpdateCompanyRequest(id=first.company_id, notes="x",
                                                                      update_mask=FieldMask(paths=["notes"]))),
                            ("DeleteCompany", pb.DeleteCompanyRequest(id=first.company_id)),
                            ("SetApplicationCompany", pb.SetApplicationCompanyRequest(
                                application_id=bobs.id, company_id=first.company_id)),
                            ("CreateContact", pb.CreateContactRequest(company_id=first.company_id, name="Eve"))):
        assert (await rpc_error(bob.call(method, request))).code() == grpc.StatusCode.NOT_FOUND, method
    found = await bob.call("BatchGetCompanies", pb.BatchGetCompaniesRequest(ids=[first.company_id, bobs.company_id]))
    assert [c.id for c in found.companies] == [bobs.company_id]
    assert (await rpc_error(alice.call("GetCompany", pb.GetCompanyRequest(id="not-an-id")))).code() == \
        grpc.StatusCode.INVALID_ARGUMENT


async def test_a_board_url_and_an_advertised_salary_come_from_the_posting(mesh) -> None:
    client, _tracker, _bus, services = mesh
    alice = client()
    job_id = await ingest(services, alice.user_id, title="Platform Engineer", company="Initech GmbH",
                          url="https://boards.greenhouse.io/initech/jobs/4012345",
                          salary=common_pb2.Salary(min=70000, max=85000, currency="eur",
                                                   period=common_pb2.SALARY_PERIOD_YEAR))
    card = (await alice.call("CreateApplication", pb.CreateApplicationRequest(job_id=job_id))).application
    company = await company_of(alice, card)
    assert (company.name, company.board, company.board_token, company.careers_url) == (
        "Initech GmbH", "greenhouse", "initech", "https://job-boards.greenhouse.io/initech")
    salaries = (await alice.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(
        application_id=card.id))).observations
    assert len(salaries) == 1
    advertised = salaries[0]
    assert advertised.kind == pb.SALARY_KIND_ADVERTISED
    assert (advertised.salary.min, advertised.salary.max, advertised.salary.currency, advertised.salary.period) == (
        70000, 85000, "EUR", common_pb2.SALARY_PERIOD_YEAR)


async def test_companies_are_created_edited_paged_and_deleted_by_their_owner(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice = client()
    created = (await alice.call("CreateCompany", pb.CreateCompanyRequest(
        name="  Umbrella   Corp ", website="umbrella.example", notes="biotech"))).company
    assert (created.name, created.website, created.application_count) == ("Umbrella Corp", "https://umbrella.example", 0)
    assert not created.HasField("last_activity_at")
    again = await rpc_error(alice.call("CreateCompany", pb.CreateCompanyRequest(name="UMBRELLA corporation")))
    assert again.code() == grpc.StatusCode.ALREADY_EXISTS and created.id in again.details()
    for bad in (pb.CreateCompanyRequest(name=""), pb.CreateCompanyRequest(name="x" * 301),
                pb.CreateCompanyRequest(name="A", website="javascript:alert(1)"),
                pb.CreateCompanyRequest(name="A", board="Green House!")):
        assert (await rpc_error(alice.call("CreateCompany", bad))).code() == grpc.StatusCode.INVALID_ARGUMENT

    card = await alice.new_card(company="Cyberdyne Systems")
    renamed = (await alice.call("UpdateCompany", pb.UpdateCompanyRequest(
        id=created.id, name="Umbrella Pharmaceuticals", careers_url="https://umbrella.example/jobs",
        update_mask=FieldMask(paths=["name", "careers_url"])))).company
    assert (renamed.name, renamed.careers_url, renamed.website, renamed.notes) == (
        "Umbrella Pharmaceuticals", "https://umbrella.example/jobs", "https://umbrella.example", "biotech")
    clash = await rpc_error(alice.call("UpdateCompany", pb.UpdateCompanyRequest(
        id=created.id, name="Cyberdyne Systems Inc.", update_mask=FieldMask(paths=["name"]))))
    assert clash.code() == grpc.StatusCode.ALREADY_EXISTS
    unknown_path = await rpc_error(alice.call("UpdateCompany", pb.UpdateCompanyRequest(
        id=created.id, update_mask=FieldMask(paths=["user_id"]))))
    assert unknown_path.code() == grpc.StatusCode.INVALID_ARGUMENT

    for name in ("Alpha", "beta", "Gamma"):
        await alice.call("CreateCompany", pb.CreateCompanyRequest(name=name))
    by_name = await all_pages(lambda p: alice.call("ListCompanies", pb.ListCompaniesRequest(
        sort=pb.COMPANY_SORT_NAME_ASC, page=p)), "companies")
    assert [c.name for c in by_name] == ["Alpha", "beta", "Cyberdyne Systems", "Gamma", "Umbrella Pharmaceuticals"]
    by_activity = await all_pages(lambda p: alice.call("ListCompanies", pb.ListCompaniesRequest(page=p)), "companies")
    assert by_activity[0].id == card.company_id and len(by_activity) == 5  # the one with an application first
    wrong_token = await rpc_error(alice.call("ListCompanies", pb.ListCompaniesRequest(
        sort=pb.COMPANY_SORT_NAME_ASC, page=page(2, "garbage"))))
    assert wrong_token.code() == grpc.StatusCode.INVALID_ARGUMENT

    # A company with applications stays; move them, then it goes.
    in_use = await rpc_error(alice.call("DeleteCompany", pb.DeleteCompanyRequest(id=card.company_id)))
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION and "1 application" in in_use.details()
    moved = (await alice.call("SetApplicationCompany", pb.SetApplicationCompanyRequest(
        application_id=card.id, company_id=created.id))).application
    assert moved.company_id == created.id
    await alice.call("DeleteCompany", pb.DeleteCompanyRequest(id=card.company_id))
    assert (await rpc_error(alice.call("GetCompany", pb.GetCompanyRequest(id=card.company_id)))).code() == \
        grpc.StatusCode.NOT_FOUND
    # Created by hand (4), by the application (1), renamed, moved to, deleted.
    changes = [e.company_changed for e in await stream_events(bus, alice.user_id,
                                                              events_pb2.EVENT_TYPE_COMPANY_CHANGED, 8)]
    assert [(c.change, c.name) for c in changes] == [
        (events_pb2.CHANGE_CREATED, "Umbrella Corp"), (events_pb2.CHANGE_CREATED, "Cyberdyne Systems"),
        (events_pb2.CHANGE_UPDATED, "Umbrella Pharmaceuticals"), (events_pb2.CHANGE_CREATED, "Alpha"),
        (events_pb2.CHANGE_CREATED, "beta"), (events_pb2.CHANGE_CREATED, "Gamma"),
        (events_pb2.CHANGE_UPDATED, "Umbrella Pharmaceuticals"), (events_pb2.CHANGE_DELETED, "Cyberdyne Systems")]
    assert (changes[-2].company_id, changes[-2].application_id) == (created.id, card.id)
    assert changes[-1].company_id == card.company_id


# --- contacts ----------------------------------------------------------------------------------------
async def test_contacts_belong_to_a_company_and_to_the_events_they_took_part_in(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice, bob = client(), client()
    card = await alice.new_card(company="Hooli")
    ada = (await alice.call("CreateContact", pb.CreateContactRequest(
        company_id=card.company_id, name="Ada Recruiter", role="Talent partner", email="ada@hooli.example",
        phone="+1 (555) 010-9999", profile_url="https://www.linkedin.com/in/ada"))).contact
    bert = (await alice.call("CreateContact", pb.CreateContactRequest(company_id=card.company_id,
                                                                      name="Bert Manager"))).contact
    for bad in (pb.CreateContactRequest(company_id=card.company_id, name=""),
                pb.CreateContactRequest(company_id=card.company_id, name="X", email="not-an-email"),
                pb.CreateContactRequest(company_id=card.company_id, name="X", phone="call me maybe"),
                pb.CreateContactRequest(company_id=card.company_id, name="X", profile_url="file:///etc/passwd")):
        assert (await rpc_error(alice.call("CreateContact", bad))).code() == grpc.StatusCode.INVALID_ARGUMENT
    listed = await all_pages(lambda p: alice.call("ListContacts", pb.ListContactsRequest(
        company_id=card.company_id, page=p)), "contacts", size=1)
    assert [c.name for c in listed] == ["Ada Recruiter", "Bert Manager"]

    call = (await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=card.id, kind=K.TIMELINE_EVENT_KIND_RECRUITER_CALL, body="Intro call",
        occurred_at=ts(datetime.now(UTC) - timedelta(hours=2)), contact_ids=[ada.id, bert.id, ada.id]))).event
    assert sorted(call.contact_ids) == sorted([ada.id, bert.id])
    # Someone else's contact (or none at all) cannot take part.
    bobs_card = await bob.new_card(company="Hooli")
    eve = (await bob.call("CreateContact", pb.CreateContactRequest(company_id=bobs_card.company_id,
                                                                   name="Eve"))).contact
    for contact_id in (eve.id, str(uuid.uuid4())):
        foreign = await rpc_error(alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
            application_id=card.id, kind=NOTE_KIND, body="x", occurred_at=ts(datetime.now(UTC)),
            contact_ids=[contact_id])))
        assert foreign.code() == grpc.StatusCode.NOT_FOUND
    assert (await rpc_error(bob.call("UpdateContact", pb.UpdateContactRequest(
        id=ada.id, role="x", update_mask=FieldMask(paths=["role"]))))).code() == grpc.StatusCode.NOT_FOUND
    assert (await rpc_error(bob.call("DeleteContact", pb.DeleteContactRequest(id=ada.id)))).code() == \
        grpc.StatusCode.NOT_FOUND
    found = await bob.call("BatchGetContacts", pb.BatchGetContactsRequest(ids=[ada.id, eve.id]))
    assert [c.id for c in found.contacts] == [eve.id]

    updated = (await alice.call("UpdateContact", pb.UpdateContactRequest(
        id=bert.id, role="Engineering manager", email="bert@hooli.example",
        update_mask=FieldMask(paths=["role", "email"])))).contact
    assert (updated.name, updated.role, updated.email) == ("Bert Manager", "Engineering manager", "bert@hooli.example")
    await alice.call("DeleteContact", pb.DeleteContactRequest(id=bert.id))
    timeline = (await alice.call("ListTimeline", pb.ListTimelineRequest(application_id=card.id))).events
    assert next(e for e in timeline if e.id == call.id).contact_ids == [ada.id]  # a deleted contact leaves the event
    changes = await stream_events(bus, alice.user_id, events_pb2.EVENT_TYPE_CONTACT_CHANGED, 4)
    assert [e.contact_changed.change for e in changes] == [events_pb2.CHANGE_CREATED, events_pb2.CHANGE_CREATED,
                                                           events_pb2.CHANGE_UPDATED, events_pb2.CHANGE_DELETED]
    bobs_changes = await user_events(bus, bob.user_id, events_pb2.EVENT_TYPE_CONTACT_CHANGED)
    assert [e.contact_changed.contact_id for e in bobs_changes] == [eve.id]


# --- the timeline --------------------------------------------------------------------------------------
async def test_recorded_events_are_added_edited_and_deleted_by_their_owner_only(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice, bob = client(), client()
    card = await alice.new_card(company="Initrode")
    next_week = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)
    created = (await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=card.id, kind=INTERVIEW_KIND, title="Technical interview", body="Bring the laptop",
        occurred_at=ts(next_week), interview=pb.InterviewDetails(stage="technical", place="Initrode HQ, Berlin",
                                                                 duration_minutes=90)))).event
    assert created.kind == INTERVIEW_KIND and created.origin == pb.TIMELINE_ORIGIN_RECORDED and created.editable
    assert created.occurred_at.ToDatetime(tzinfo=UTC) == next_week  # in the future: a scheduled interview
    assert (created.interview.stage, created.interview.place, created.interview.duration_minutes) == (
        "technical", "Initrode HQ, Berlin", 90)
    assert created.company_id == card.company_id

    moved_later = next_week + timedelta(days=1, hours=2)
    edited = (await alice.call("UpdateTimelineEvent", pb.UpdateTimelineEventRequest(
        id=created.id, occurred_at=ts(moved_later), interview=pb.InterviewDetails(
            stage="technical", link="https://meet.example/abc"),
        update_mask=FieldMask(paths=["occurred_at", "interview"])))).event
    assert edited.occurred_at.ToDatetime(tzinfo=UTC) == moved_later
    assert (edited.interview.place, edited.interview.link) == ("", "https://meet.example/abc")
    assert (edited.title, edited.body) == ("Technical interview", "Bring the laptop")  # not in the mask: kept
    assert edited.recorded_at == created.recorded_at  # never changes
    # The card's last activity holds until the interview: a scheduled interview is not silence.
    refreshed = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert refreshed.last_activity_at.ToDatetime(tzinfo=UTC) == moved_later

    refused = [
        pb.UpdateTimelineEventRequest(id=created.id, offer=pb.OfferDetails(bonus="x"),
                                      update_mask=FieldMask(paths=["offer"])),  # another kind's details
        pb.UpdateTimelineEventRequest(id=created.id, update_mask=FieldMask(paths=["recorded_at"])),
        pb.UpdateTimelineEventRequest(id=created.id, update_mask=FieldMask(paths=["kind"])),
        pb.UpdateTimelineEventRequest(id=created.id),  # no mask: nothing to change
        pb.UpdateTimelineEventRequest(id=created.id, occurred_at=ts(datetime(2300, 1, 1, tzinfo=UTC)),
                                      update_mask=FieldMask(paths=["occurred_at"])),
        pb.UpdateTimelineEventRequest(id=created.id, interview=pb.InterviewDetails(link="javascript:alert(1)"),
                                      update_mask=FieldMask(paths=["interview"])),
    ]
    for request in refused:
        assert (await rpc_error(alice.call("UpdateTimelineEvent", request))).code() == grpc.StatusCode.INVALID_ARGUMENT
    for request in (pb.CreateTimelineEventRequest(application_id=card.id, kind=K.TIMELINE_EVENT_KIND_CUSTOM,
                                                  occurred_at=ts(next_week)),  # CUSTOM needs a title
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=NOTE_KIND,
                                                  occurred_at=ts(next_week)),  # NOTE needs a body
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=K.TIMELINE_EVENT_KIND_STATUS_CHANGE,
                                                  occurred_at=ts(next_week)),  # the tracker's own kind
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=NOTE_KIND, body="x"),  # no time
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=NOTE_KIND, body="x",
                                                  occurred_at=ts(next_week), interview=pb.InterviewDetails()),
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=OFFER_KIND, occurred_at=ts(next_week),
                                                  offer=pb.OfferDetails(salary=common_pb2.Salary(min=5, max=1))),
                    pb.CreateTimelineEventRequest(application_id=card.id, kind=0, occurred_at=ts(next_week))):
        assert (await rpc_error(alice.call("CreateTimelineEvent", request))).code() == grpc.StatusCode.INVALID_ARGUMENT

    # Another user: not found, whatever they try; and the event is untouched.
    bobs_card = await bob.new_card()
    for method, request in (
            ("UpdateTimelineEvent", pb.UpdateTimelineEventRequest(id=created.id, title="mine",
                                                                  update_mask=FieldMask(paths=["title"]))),
            ("DeleteTimelineEvent", pb.DeleteTimelineEventRequest(id=created.id)),
            ("CreateTimelineEvent", pb.CreateTimelineEventRequest(application_id=card.id, kind=NOTE_KIND, body="x",
                                                                  occurred_at=ts(next_week))),
            ("ListTimeline", pb.ListTimelineRequest(application_id=card.id))):
        assert (await rpc_error(bob.call(method, request))).code() == grpc.StatusCode.NOT_FOUND, method
    assert (await bob.call("ListTimeline", pb.ListTimelineRequest(application_id=bobs_card.id))).page_info.total_count == 1
    # Entries the tracker keeps elsewhere are read-only through these RPCs.
    status_entry = next(e for e in (await alice.call("ListTimeline", pb.ListTimelineRequest(
        application_id=card.id))).events if e.kind == K.TIMELINE_EVENT_KIND_STATUS_CHANGE)
    assert not status_entry.editable and status_entry.id.startswith("status:")
    assert (await rpc_error(alice.call("DeleteTimelineEvent", pb.DeleteTimelineEventRequest(
        id=status_entry.id)))).code() == grpc.StatusCode.INVALID_ARGUMENT

    await alice.call("DeleteTimelineEvent", pb.DeleteTimelineEventRequest(id=created.id))
    assert (await rpc_error(alice.call("DeleteTimelineEvent", pb.DeleteTimelineEventRequest(
        id=created.id)))).code() == grpc.StatusCode.NOT_FOUND
    after = (await alice.call("GetApplication", pb.GetApplicationRequest(id=card.id))).application
    assert after.last_activity_at.ToDatetime(tzinfo=UTC) < next_week  # the interview's activity went with it

    changes = [e.timeline_event_changed for e in await stream_events(
        bus, alice.user_id, events_pb2.EVENT_TYPE_TIMELINE_EVENT_CHANGED, 3)]
    assert [c.change for c in changes] == [events_pb2.CHANGE_CREATED, events_pb2.CHANGE_UPDATED,
                                           events_pb2.CHANGE_DELETED]
    assert {c.event_id for c in changes} == {created.id} and {c.kind for c in changes} == {"INTERVIEW"}
    assert not await user_events(bus, bob.user_id, events_pb2.EVENT_TYPE_TIMELINE_EVENT_CHANGED)


async def test_the_timeline_merges_moves_notes_analyses_follow_ups_and_events(mesh) -> None:
    client, tracker, _bus, _services = mesh
    alice = client()
    card = await alice.new_card(company="Vandelay Industries")
    sibling = await alice.new_card(company="Vandelay Industries")
    await alice.move(card.id, APPLIED)
    await alice.call("AddNote", pb.AddNoteRequest(application_id=card.id, body="Referred by Jerry"))
    analysis = await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
        command_id=str(uuid.uuid4()), application_id=card.id, analysis=pb.Analysis(score=73)),
        metadata=bearer(service_token("ai_coach", {"tracker.analysis.write"})))
    assert not analysis.already_recorded
    follow_up = datetime.now(UTC) + timedelta(days=3)
    await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=card.id, follow_up_at=ts(follow_up)))
    email = (await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=card.id, kind=K.TIMELINE_EVENT_KIND_EMAIL_SENT, occurred_at=ts(datetime.now(UTC)),
        email=pb.EmailDetails(subject="Application: importer/exporter", address="art@vandelay.example")))).event
    await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=sibling.id, kind=K.TIMELINE_EVENT_KIND_REJECTION, occurred_at=ts(datetime.now(UTC)),
        body="Position filled"))

    timeline = await all_pages(lambda p: alice.call("ListTimeline", pb.ListTimelineRequest(
        application_id=card.id, page=p)), "events")
    kinds = [K.Name(e.kind).removeprefix("TIMELINE_EVENT_KIND_") for e in timeline]
    assert sorted(kinds) == sorted(["FOLLOW_UP", "EMAIL_SENT", "ANALYSIS", "NOTE", "STATUS_CHANGE", "STATUS_CHANGE"])
    assert kinds[0] == "FOLLOW_UP"  # newest first: the follow-up is three days ahead
    times = [(e.occurred_at.ToDatetime(), e.id) for e in timeline]
    assert times == sorted(times, reverse=True) and len({e.id for e in timeline}) == len(timeline)
    by_kind = {K.Name(e.kind).removeprefix("TIMELINE_EVENT_KIND_"): e for e in timeline}
    assert by_kind["ANALYSIS"].analysis.ok and by_kind["ANALYSIS"].analysis.score == 73
    assert by_kind["ANALYSIS"].origin == pb.TIMELINE_ORIGIN_ANALYSIS and not by_kind["ANALYSIS"].editable
    assert by_kind["NOTE"].origin == pb.TIMELINE_ORIGIN_CARD_NOTE and by_kind["NOTE"].body == "Referred by Jerry"
    assert not by_kind["FOLLOW_UP"].follow_up.fired
    moves = [e.status_change for e in timeline if e.kind == K.TIMELINE_EVENT_KIND_STATUS_CHANGE]
    assert [(m.from_status, m.to_status) for m in moves] == [(TO_APPLY, APPLIED), (0, TO_APPLY)]
    assert by_kind["EMAIL_SENT"].id == email.id and by_kind["EMAIL_SENT"].email.address == "art@vandelay.example"

    # The company's timeline has both applications' entries.
    company_timeline = await all_pages(lambda p: alice.call("ListTimeline", pb.ListTimelineRequest(
        company_id=card.company_id, page=p)), "events", size=3)
    assert {e.application_id for e in company_timeline} == {card.id, sibling.id}
    assert len(company_timeline) == len(timeline) + 2  # the sibling: its creation and its rejection
    neither = await rpc_error(alice.call("ListTimeline", pb.ListTimelineRequest()))
    assert neither.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_entries_of_the_same_minute_read_newest_first_and_page_the_same_way(mesh) -> None:
    client, _tracker, _bus, _services = mesh
    alice = client()
    # A spreadsheet row gives one date, so its creation and its made-up moves all happen at one instant,
    # with the note the row carries.
    sheet = "Company,Title,Status,Date added,Notes\nInitech,Engineer,Offer,2026-11-10,Second round went well\n"
    report = (await alice.call("ImportData", pb.ImportDataRequest(format=pb.DATA_FORMAT_CSV, content=sheet.encode()))).report
    assert report.applications == 1
    card = (await alice.call("ListApplications", pb.ListApplicationsRequest(page=page(50)))).applications[0]
    # Two events the form recorded at the same minute: the one recorded second is the newer.
    minute = datetime(2026, 11, 12, 10, 15, tzinfo=UTC)
    for title in ("Call with Bill", "Email to Bill"):
        await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
            application_id=card.id, kind=K.TIMELINE_EVENT_KIND_CUSTOM, occurred_at=ts(minute), title=title))

    def said(e: pb.TimelineEvent) -> str:
        if e.kind == K.TIMELINE_EVENT_KIND_STATUS_CHANGE:
            move = e.status_change
            name = pb.ApplicationStatus.Name
            return (f"{name(move.from_status)[19:]}->{name(move.to_status)[19:]}" if move.from_status
                    else f"added {name(move.to_status)[19:]}")
        return e.title or e.body

    timeline = [said(e) for e in (await alice.call("ListTimeline", pb.ListTimelineRequest(
        application_id=card.id, page=page(50)))).events]
    assert timeline == ["Email to Bill", "Call with Bill", "Second round went well", "INTERVIEW->OFFER",
                        "APPLIED->INTERVIEW", "TO_APPLY->APPLIED", "added TO_APPLY"]
    # Paged two by two, the company's timeline gives the same entries in the same order, each once.
    whole = await alice.call("ListTimeline", pb.ListTimelineRequest(company_id=card.company_id, page=page(50)))
    paged = await all_pages(lambda p: alice.call("ListTimeline", pb.ListTimelineRequest(
        company_id=card.company_id, page=p)), "events", size=2)
    assert [e.id for e in paged] == [e.id for e in whole.events] and [said(e) for e in paged] == timeline


# --- the calendar ---------------------------------------------------------------------------------------
async def test_scheduled_interviews_are_in_the_calendar_next_to_follow_ups(mesh) -> None:
    client, _tracker, _bus, _services = mesh
    alice, bob = client(), client()
    card = await alice.new_card(company="Pied Piper", title="Compression Engineer")
    follow_up = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    interview_at = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    await alice.call("SetFollowUp", pb.SetFollowUpRequest(id=card.id, follow_up_at=ts(follow_up)))
    interview = (await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=card.id, kind=INTERVIEW_KIND, occurred_at=ts(interview_at), body="With Richard",
        interview=pb.InterviewDetails(stage="onsite", place="5230 Newell Road, Palo Alto",
                                      duration_minutes=120)))).event
    await bob.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=(await bob.new_card()).id, kind=INTERVIEW_KIND, occurred_at=ts(interview_at)))

    ics = (await alice.call("ExportCalendar", pb.ExportCalendarRequest())).ics
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    assert set(events) == {f"{card.id}-follow-up@jobmate", f"{interview.id}-interview@jobmate"}
    meeting = events[f"{interview.id}-interview@jobmate"]
    assert str(meeting["summary"]) == "Interview (onsite): Compression Engineer at Pied Piper"
    assert str(meeting["location"]) == "5230 Newell Road, Palo Alto"
    assert meeting.decoded("dtstart") == interview_at
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == timedelta(minutes=120)
    assert "With Richard" in str(meeting["description"])

    # Moving the interview moves the same calendar event (same UID).
    later = interview_at + timedelta(hours=3)
    await alice.call("UpdateTimelineEvent", pb.UpdateTimelineEventRequest(
        id=interview.id, occurred_at=ts(later), update_mask=FieldMask(paths=["occurred_at"])))
    ics = (await alice.call("ExportCalendar", pb.ExportCalendarRequest())).ics
    moved = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    assert moved[f"{interview.id}-interview@jobmate"].decoded("dtstart") == later and len(moved) == 2


# --- salaries and offers ------------------------------------------------------------------------------
async def test_salary_observations_and_offers_side_by_side(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice, bob = client(), client()
    yearly = await alice.new_card(company="Massive Dynamic", title="Staff Engineer")
    monthly = await alice.new_card(company="Soylent", title="Senior Engineer")
    no_offer = await alice.new_card(company="Tyrell")
    year = common_pb2.SALARY_PERIOD_YEAR
    asked = (await alice.call("AddSalaryObservation", pb.AddSalaryObservationRequest(
        application_id=yearly.id, kind=pb.SALARY_KIND_ASKED, note="said on the first call",
        salary=common_pb2.Salary(min=95000, currency="EUR", period=year)))).observation
    assert asked.salary.min == 95000 and not asked.salary.HasField("max")
    offer = (await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=yearly.id, kind=OFFER_KIND, occurred_at=ts(datetime.now(UTC)),
        offer=pb.OfferDetails(salary=common_pb2.Salary(min=90000, max=100000, currency="eur", period=year),
                              bonus="10% target", equity="0.1% over 4 years",
                              respond_by=ts(datetime.now(UTC) + timedelta(days=7)))))).event
    assert offer.offer.salary.currency == "EUR" and offer.offer.bonus == "10% target"
    await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=monthly.id, kind=OFFER_KIND, occurred_at=ts(datetime.now(UTC)),
        offer=pb.OfferDetails(salary=common_pb2.Salary(min=9000, max=9000, currency="EUR",
                                                       period=common_pb2.SALARY_PERIOD_MONTH))))
    await alice.drive_to(OFFER)  # in OFFER, with no figures yet

    rows = (await alice.call("CompareOffers", pb.CompareOffersRequest())).rows
    assert no_offer.id not in {r.application_id for r in rows}
    assert [r.application_id for r in rows[:2]] == [monthly.id, yearly.id]  # 108k a year before 95k (midpoints)
    best, second, without = rows
    assert (best.annual_min, best.annual_max) == (108000, 108000)
    assert (second.company, second.title, second.asked.salary.min) == ("Massive Dynamic", "Staff Engineer", 95000)
    assert (second.annual_min, second.annual_max, second.offer.equity) == (90000, 100000, "0.1% over 4 years")
    assert not without.HasField("offered") and not without.HasField("annual_min") and without.status == OFFER

    # The offer's figures are its event's: edited and deleted with it.
    await alice.call("UpdateTimelineEvent", pb.UpdateTimelineEventRequest(
        id=offer.id, offer=pb.OfferDetails(salary=common_pb2.Salary(min=99000, max=105000, currency="EUR", period=year)),
        update_mask=FieldMask(paths=["offer"])))
    observations = (await alice.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(
        application_id=yearly.id))).observations
    offered = [o for o in observations if o.kind == pb.SALARY_KIND_OFFERED]
    assert len(offered) == 1 and offered[0].salary.min == 99000 and offered[0].event_id == offer.id
    await alice.call("DeleteTimelineEvent", pb.DeleteTimelineEventRequest(id=offer.id))
    left = (await alice.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(
        application_id=yearly.id))).observations
    assert [o.kind for o in left] == [pb.SALARY_KIND_ASKED]

    for request in (pb.AddSalaryObservationRequest(application_id=yearly.id, kind=pb.SALARY_KIND_ASKED,
                                                   salary=common_pb2.Salary(min=1, currency="EUR")),  # no period
                    pb.AddSalaryObservationRequest(application_id=yearly.id, kind=pb.SALARY_KIND_ASKED,
                                                   salary=common_pb2.Salary(min=1, period=year)),  # no currency
                    pb.AddSalaryObservationRequest(application_id=yearly.id, kind=pb.SALARY_KIND_OFFERED,
                                                   salary=common_pb2.Salary(min=-5, currency="EUR", period=year)),
                    pb.AddSalaryObservationRequest(application_id=yearly.id, kind=pb.SALARY_KIND_ASKED,
                                                   salary=common_pb2.Salary(currency="EUR", period=year)),
                    pb.AddSalaryObservationRequest(application_id=yearly.id, kind=pb.SALARY_KIND_ASKED,
                                                   salary=common_pb2.Salary(min=1, currency="EURO", period=year)),
                    pb.AddSalaryObservationRequest(application_id=yearly.id, kind=0,
                                                   salary=common_pb2.Salary(min=1, currency="EUR", period=year))):
        assert (await rpc_error(alice.call("AddSalaryObservation", request))).code() == \
            grpc.StatusCode.INVALID_ARGUMENT
    assert (await rpc_error(bob.call("AddSalaryObservation", pb.AddSalaryObservationRequest(
        application_id=yearly.id, kind=pb.SALARY_KIND_ASKED,
        salary=common_pb2.Salary(min=1, currency="EUR", period=year))))).code() == grpc.StatusCode.NOT_FOUND
    assert (await rpc_error(bob.call("DeleteSalaryObservation", pb.DeleteSalaryObservationRequest(
        id=asked.id)))).code() == grpc.StatusCode.NOT_FOUND
    assert (await rpc_error(bob.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(
        application_id=yearly.id)))).code() == grpc.StatusCode.NOT_FOUND
    assert (await bob.call("CompareOffers", pb.CompareOffersRequest())).rows == []
    await alice.call("DeleteSalaryObservation", pb.DeleteSalaryObservationRequest(id=asked.id))
    changed = await stream_events(bus, alice.user_id, events_pb2.EVENT_TYPE_SALARY_OBSERVATION_CHANGED, 2)
    assert [(e.salary_observation_changed.change, e.salary_observation_changed.observation_id) for e in changed] == [
        (events_pb2.CHANGE_CREATED, asked.id), (events_pb2.CHANGE_DELETED, asked.id)]


# --- funnel figures -------------------------------------------------------------------------------------
async def test_funnel_stats_gain_time_in_stage_and_response_rate(mesh) -> None:
    client, _tracker, _bus, _services = mesh
    alice = client()
    answered_by_move = await alice.drive_to(INTERVIEW)
    answered_by_call = await alice.drive_to(APPLIED)
    await alice.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=answered_by_call.id, kind=K.TIMELINE_EVENT_KIND_RECRUITER_CALL,
        occurred_at=ts(datetime.now(UTC) + timedelta(minutes=1))))
    rejected = await alice.drive_to(APPLIED)
    await alice.move(rejected.id, REJECTED)
    await alice.drive_to(APPLIED)  # silent
    await alice.new_card()  # never applied

    stats = await alice.call("GetFunnelStats", pb.GetFunnelStatsRequest())
    assert (stats.response.applied, stats.response.responded) == (4, 3)
    assert stats.response.rate == pytest.approx(0.75)
    assert stats.response.HasField("median_days_to_response")
    stages = {pb.ApplicationStatus.Name(s.status).removeprefix("APPLICATION_STATUS_"): s for s in stats.time_in_stage}
    assert stages["TO_APPLY"].completed == 4 and stages["TO_APPLY"].current == 1
    assert stages["APPLIED"].completed == 2 and stages["APPLIED"].current == 2
    assert stages["INTERVIEW"].current == 1 and stages["INTERVIEW"].completed == 0
    assert not stages["INTERVIEW"].HasField("median_days") and stages["INTERVIEW"].HasField("current_median_days")
    assert stats.no_response_count == 0
    assert answered_by_move.status == INTERVIEW
