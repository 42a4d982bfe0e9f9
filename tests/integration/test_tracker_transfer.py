"""A user's data in and out through the real tracker_service over gRPC (real PostgreSQL and Redis):
a realistic CSV from another tracker with bad rows (reported, nothing of them written), importing it
again (nothing twice), a dry run (nothing at all), the JSON round trip (export, import into a fresh
account, export again: the same document), the CSV export, and hostile files."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import grpc
from google.protobuf import timestamp_pb2

from jobmate.common.v1 import common_pb2
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from tests.helpers import bearer, service_token, wait_for
from tests.integration import test_tracker
from tests.integration.test_tracker import INTERVIEW, OFFER, REJECTED, Client, rpc_error, user_events

mesh = test_tracker.mesh  # profile, discovery and tracker in-process
CSV, JSON = pb.DATA_FORMAT_CSV, pb.DATA_FORMAT_JSON
S = pb.ApplicationStatus

# An export of Huntr's job board as a user would bring it, US dates, with mistakes on lines 9 to 15.
HUNTR_CSV = '''Company,Job Title,List,URL,Location,Salary,Date Added,Date Applied,Notes,Contact,Contact Email
"ACME, Inc.",Backend Engineer,Applied,https://boards.greenhouse.io/acme/jobs/1,"Berlin, Germany","€70,000 - €85,000",2024-03-01,2024-03-02,"Referral from Sam; ""great team""",Sam Lee,sam@acme.example
Globex,Platform Engineer,Interview,https://jobs.lever.co/globex/abc,Remote,$120k-$140k/year,03/05/2024,03/06/2024,,,
Initech,Data Engineer,Wishlist,,Austin TX,,2024-03-10,,"multi
line note",,
Umbrella,SRE,Rejected,https://umbrella.example/jobs/9,,,2024-02-01,2024-02-03,,,
Hooli,ML Engineer,Offer,https://hooli.example/careers/ml,Palo Alto,180000 USD,2024-01-15,2024-01-16,,Gavin Belson,gavin@hooli.example
Pied Piper,Compression Engineer,Accepted,,,,2024-01-01,2024-01-02,,,
Vandelay,Importer,Applied,https://vandelay.example,,,2024-13-45,,bad date,,
,Nameless Job,Applied,,,,2024-03-01,,missing company,,
Soylent,Food Scientist,Maybe Later,,,,2024-03-01,,,,
Tyrell,Replicant Designer,Applied,javascript:alert(1),,,2024-03-01,,,,
"ACME, Inc.",Backend Engineer,Applied,https://boards.greenhouse.io/acme/jobs/1,,,2024-03-01,,duplicate,,
Cyberdyne,Engineer,Applied,,,,2024-03-01,,,,extra,cells,here
Wayne Enterprises,Security Engineer,Applied,,,,2024-03-03,2024-03-04,,Lucius Fox,not-an-email
Acme GmbH,Frontend Engineer,Applied,https://boards.greenhouse.io/acme/jobs/2,,,2024-03-05,2024-03-05,,,
'''
BAD_LINES = {
    9: "created_at '2024-13-45' is not a date",
    10: "company is required",
    11: "status 'Maybe Later' is not one JobMate knows",
    12: "url must be an http:// or https:// address",
    13: "same company, title and link as line 2",
    14: "the row has 13 cells but the header names 11 columns",
    15: "email is not an e-mail address",
}


def ts(value: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(value)
    return stamp


async def import_file(client: Client, content: bytes | str, data_format: int = CSV, **options) -> pb.ImportReport:
    dry_run = options.pop("dry_run", False)
    request = pb.ImportDataRequest(format=data_format, content=content.encode() if isinstance(content, str) else content,
                                   csv=pb.CsvImportOptions(**options), dry_run=dry_run)
    return (await client.call("ImportData", request)).report


async def applications_of(client: Client) -> list[pb.Application]:
    reply = await client.call("ListApplications", pb.ListApplicationsRequest(
        page=common_pb2.PageRequest(page_size=200)))
    return list(reply.applications)


async def companies_of(client: Client) -> dict[str, pb.Company]:
    reply = await client.call("ListCompanies", pb.ListCompaniesRequest(page=common_pb2.PageRequest(page_size=200)))
    return {c.name: c for c in reply.companies}


async def test_a_huntr_csv_with_bad_rows_imports_the_good_ones_whole_and_reports_the_rest(mesh) -> None:
    client, _tracker, bus, _services = mesh
    alice = client()
    report = await import_file(alice, HUNTR_CSV, preset=pb.CSV_PRESET_HUNTR)
    assert (report.records, report.applications, report.skipped) == (14, 7, 7)
    assert (report.companies, report.contacts, report.notes, report.salaries) == (6, 2, 2, 3)
    assert report.already_present == 0 and not report.dry_run
    issues = {i.row: i for i in report.issues}
    assert set(issues) == set(BAD_LINES)
    for line, reason in BAD_LINES.items():
        assert issues[line].skipped and issues[line].entity == "application"
        assert reason in issues[line].reason, (line, issues[line].reason)

    cards = {c.job.title: c for c in await applications_of(alice)}
    assert {title: S.Name(c.status).removeprefix("APPLICATION_STATUS_") for title, c in cards.items()} == {
        "Backend Engineer": "APPLIED", "Platform Engineer": "INTERVIEW", "Data Engineer": "TO_APPLY",
        "SRE": "REJECTED", "ML Engineer": "OFFER", "Compression Engineer": "HIRED", "Frontend Engineer": "APPLIED"}
    backend = cards["Backend Engineer"]
    assert (backend.job.company, backend.job.location, backend.job.source) == ("ACME, Inc.", "Berlin, Germany", "huntr")
    assert backend.job.job_id.startswith("import:") and backend.analysis_state == pb.ANALYSIS_STATE_NOT_REQUESTED
    assert [n.body for n in backend.notes] == ['Referral from Sam; "great team"']
    assert [n.body for n in cards["Data Engineer"].notes] == ["multi\nline note"]
    assert backend.created_at.ToDatetime(tzinfo=UTC) == datetime(2024, 3, 1, tzinfo=UTC)
    assert cards["Platform Engineer"].created_at.ToDatetime(tzinfo=UTC) == datetime(2024, 3, 5, tzinfo=UTC)  # US date
    assert cards["Frontend Engineer"].company_id == backend.company_id  # "Acme GmbH" is "ACME, Inc."

    # Nothing of a skipped row exists: no company, no contact.
    companies = await companies_of(alice)
    assert sorted(companies) == ["ACME, Inc.", "Globex", "Hooli", "Initech", "Pied Piper", "Umbrella"]
    assert (companies["ACME, Inc."].board, companies["ACME, Inc."].board_token) == ("greenhouse", "acme")
    assert (companies["Globex"].board, companies["Globex"].board_token) == ("lever", "globex")
    contacts = (await alice.call("ListContacts", pb.ListContactsRequest(company_id=backend.company_id))).contacts
    assert [(c.name, c.email) for c in contacts] == [("Sam Lee", "sam@acme.example")]
    salaries = (await alice.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(
        application_id=cards["Platform Engineer"].id))).observations
    assert [(s.kind, s.salary.min, s.salary.max, s.salary.currency, s.salary.period) for s in salaries] == [
        (pb.SALARY_KIND_ADVERTISED, 120000, 140000, "USD", common_pb2.SALARY_PERIOD_YEAR)]
    history = (await alice.call("GetHistory", pb.GetHistoryRequest(id=cards["ML Engineer"].id))).entries
    assert [S.Name(h.to_status).removeprefix("APPLICATION_STATUS_") for h in history] == [
        "TO_APPLY", "APPLIED", "INTERVIEW", "OFFER"]
    imported = await wait_for(lambda: user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_DATA_IMPORTED))
    assert (imported[0].data_imported.applications, imported[0].data_imported.skipped) == (7, 7)

    # The same file again adds nothing, and says why each record is already there.
    again = await import_file(alice, HUNTR_CSV, preset=pb.CSV_PRESET_HUNTR)
    assert (again.applications, again.companies, again.contacts, again.notes, again.salaries) == (0, 0, 0, 0, 0)
    assert again.already_present == 7 + 6 + 2 + 2 + 3 and again.skipped == 7
    assert len(await applications_of(alice)) == 7
    assert len((await alice.call("ListContacts", pb.ListContactsRequest(
        company_id=backend.company_id))).contacts) == 1
    assert len(await user_events(bus, alice.user_id, events_pb2.EVENT_TYPE_DATA_IMPORTED)) == 1


async def test_a_row_imported_again_with_a_note_and_a_salary_adds_neither_to_the_card_already_there(mesh) -> None:
    """A CSV row's note and salary come with its card only: the card already there keeps its own."""
    client, _tracker, _bus, _services = mesh
    dora = client()
    header = "Company,Job Title,List,URL,Salary,Notes\n"
    first = await import_file(dora, header + "Initrode,Support Engineer,Applied,https://initrode.example/jobs/1,,\n")
    assert (first.applications, first.companies, first.notes, first.salaries) == (1, 1, 0, 0)
    again = await import_file(dora, header + 'Initrode,Support Engineer,Applied,https://initrode.example/jobs/1,'
                                             '"€70,000 - €85,000",call them back on Monday\n')
    assert (again.applications, again.companies, again.notes, again.salaries, again.skipped) == (0, 0, 0, 0, 0)
    assert again.already_present == 4  # the company, the card, its note and its salary
    [card] = await applications_of(dora)
    assert list(card.notes) == []
    salaries = await dora.call("ListSalaryObservations", pb.ListSalaryObservationsRequest(application_id=card.id))
    assert list(salaries.observations) == []


async def test_a_dry_run_reports_and_writes_nothing(mesh) -> None:
    client, _tracker, bus, _services = mesh
    bob = client()
    report = await import_file(bob, HUNTR_CSV, preset=pb.CSV_PRESET_HUNTR, dry_run=True)
    assert report.dry_run and (report.applications, report.skipped, report.companies) == (7, 7, 6)
    assert await applications_of(bob) == [] and await companies_of(bob) == {}
    real = await import_file(bob, HUNTR_CSV, preset=pb.CSV_PRESET_HUNTR)
    assert (real.applications, real.companies) == (7, 6)
    assert len(await wait_for(lambda: user_events(bus, bob.user_id, events_pb2.EVENT_TYPE_DATA_IMPORTED))) == 1


async def test_a_column_mapping_and_a_semicolon_spreadsheet_with_day_first_dates(mesh) -> None:
    client, _tracker, _bus, _services = mesh
    carol = client()
    sheet = ("\ufeffFirm;Role;Stage;Applied on;Salary;Currency;Excitement\n"
             "Société Générale;Quant Developer;Entretien;05/03/2024;55 000;EUR;4\n"
             "Zalando SE;Backend Engineer;applied;13/03/2024;;;★★★\n")
    refused = await rpc_error(carol.call("ImportData", pb.ImportDataRequest(format=CSV, content=sheet.encode())))
    assert refused.code() == grpc.StatusCode.INVALID_ARGUMENT and "column_mapping" in refused.details()
    mapping = {"company": "Firm", "title": "Role", "status": "Stage", "applied_at": "Applied on"}
    report = await import_file(carol, sheet, column_mapping=mapping, day_first=True)
    assert (report.applications, report.skipped) == (1, 1)
    assert "status 'Entretien'" in report.issues[0].reason and report.issues[0].row == 2
    [card] = await applications_of(carol)
    assert (card.job.company, card.job.title, card.rating) == ("Zalando SE", "Backend Engineer", 3)
    history = (await carol.call("GetHistory", pb.GetHistoryRequest(id=card.id))).entries
    assert history[-1].at.ToDatetime(tzinfo=UTC) == datetime(2024, 3, 13, tzinfo=UTC)  # 13/03: day first
    for bad_mapping in ({"company": "Nope"}, {"employer": "Firm"}):
        failure = await rpc_error(carol.call("ImportData", pb.ImportDataRequest(
            format=CSV, content=sheet.encode(), csv=pb.CsvImportOptions(column_mapping=bad_mapping))))
        assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT and "column_mapping" in failure.details()


async def test_hostile_files_are_refused_with_a_clear_error_and_write_nothing(mesh) -> None:
    client, _tracker, _bus, _services = mesh
    mallory = client()
    cases = {
        b"Company,Title\n\"Acme,Engineer\n": "not valid CSV",                       # an unterminated quote
        b"Company,Title\nAcme,Engi\x00neer\n": "NUL",
        "Company,Title\nSoci\u00e9t\u00e9,Ing\u00e9nieur\n".encode("latin-1"): "not UTF-8",
        b"Company,Title\nAcme," + b"x" * 100_001 + b"\n": "not valid CSV",          # a field past the limit
        b"Company,Title\n" + b"Acme,Engineer\n" * 5_001: "more than 5000 rows",
        b"   \n": "empty",
        b"Title,Status\nEngineer,Applied\n": "column_mapping",
        b"a" * (5 * 1024 * 1024 + 1): "larger than 5 MiB",
    }
    for content, message in cases.items():
        failure = await rpc_error(mallory.call("ImportData", pb.ImportDataRequest(format=CSV, content=content)))
        assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT, message
        assert message in failure.details(), (message, failure.details())
    json_cases = {
        b"{not json": "not JSON",
        b'{"format": "something else"}': "not a JobMate export",
        b'{"format": "jobmate.tracker.export", "version": 2}': "version 2",
        b"[" * 100_000 + b"]" * 100_000: "not JSON",                                  # nesting past the parser
        b'{"format": "jobmate.tracker.export", "version": 1, "applications": {}}': "must be a list",
        b'{"format": "jobmate.tracker.export", "version": 1, "companies": [{"ref": "c", "name": "A\\u0000"}]}': "NUL",
    }
    for content, message in json_cases.items():
        failure = await rpc_error(mallory.call("ImportData", pb.ImportDataRequest(format=JSON, content=content)))
        assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT, message
        assert message in failure.details(), (message, failure.details())
    no_format = await rpc_error(mallory.call("ImportData", pb.ImportDataRequest(content=b"Company\nAcme\n")))
    assert no_format.code() == grpc.StatusCode.INVALID_ARGUMENT
    # Past gRPC's message limit the transport itself refuses.
    too_big = await rpc_error(mallory.call("ImportData", pb.ImportDataRequest(format=CSV, content=b"a" * 17_000_000)))
    assert too_big.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert await applications_of(mallory) == [] and await companies_of(mallory) == {}

    # Bad records of a JSON file are skipped one by one; the others and what depends on them stay consistent.
    document = {"format": "jobmate.tracker.export", "version": 1, "companies": [
        {"ref": "c1", "name": "Good Co"}, {"ref": "c2", "name": ""}, {"ref": "c1", "name": "Twin"},
        {"ref": "c3", "name": "Bad Site", "website": "javascript:alert(1)"}],
        "contacts": [{"ref": "p1", "company_ref": "c2", "name": "Orphan"}, {"ref": "p2", "company_ref": "c1",
                                                                            "name": "Kept"}],
        "applications": [
            {"ref": "a1", "company_ref": "c1", "job": {"job_id": "j1", "title": "Engineer"}, "status": "APPLIED",
             "created_at": "2024-01-01T00:00:00+00:00"},
            {"ref": "a2", "job": {"job_id": "j2"}, "status": "NOPE", "created_at": "2024-01-01T00:00:00+00:00"},
            {"ref": "a3", "job": {"job_id": "j3"}, "status": "APPLIED", "created_at": "yesterday"},
            {"ref": "a4", "job": {"job_id": "j4"}, "status": "TO_APPLY", "created_at": "2024-01-01T00:00:00+00:00",
             "analysis_state": "DONE", "analysis": {"score": "high"}},
            {"ref": "a5", "job": {"job_id": "j5"}, "status": "APPLIED", "rating": True,
             "created_at": "2024-01-01T00:00:00+00:00"},
            "not an object"],
        "events": [{"ref": "e1", "application_ref": "a2", "kind": "NOTE", "body": "x",
                    "occurred_at": "2024-01-02T00:00:00+00:00", "recorded_at": "2024-01-02T00:00:00+00:00"},
                   {"ref": "e2", "application_ref": "a1", "kind": "STATUS_CHANGE",
                    "occurred_at": "2024-01-02T00:00:00+00:00"},
                   {"ref": "e3", "application_ref": "a1", "kind": "INTERVIEW", "occurred_at": "2024-01-02T00:00:00Z",
                    "contact_refs": ["p2", "p1"], "details": {"duration_minutes": "long"}},
                   {"ref": "e4", "application_ref": "a1", "kind": "INTERVIEW", "occurred_at": "2024-01-02T00:00:00Z",
                    "recorded_at": "2024-01-02T00:00:00Z", "contact_refs": ["p2", "p1"],
                    "details": {"stage": "final"}}],
    }
    report = await import_file(mallory, json.dumps(document), JSON)
    assert (report.companies, report.contacts, report.applications, report.events) == (1, 1, 1, 1)
    skipped = sorted((i.entity, i.ref) for i in report.issues if i.skipped)
    assert skipped == [("application", ""), ("application", "a2"), ("application", "a3"), ("application", "a4"),
                       ("application", "a5"), ("company", "c1"), ("company", "c2"), ("company", "c3"),
                       ("contact", "p1"), ("event", "e1"), ("event", "e2"), ("event", "e3")]
    warnings = [(i.entity, i.ref) for i in report.issues if not i.skipped]
    assert warnings == [("event", "e4")]  # imported without the contact that was not
    [card] = await applications_of(mallory)
    timeline = (await mallory.call("ListTimeline", pb.ListTimelineRequest(application_id=card.id))).events
    interview = next(e for e in timeline if e.kind == pb.TIMELINE_EVENT_KIND_INTERVIEW)
    assert len(interview.contact_ids) == 1 and interview.interview.stage == "final"


async def build_an_account(client: Client, tracker, services) -> None:
    """Companies, contacts, applications in several statuses with their analyses (as ai_coach reports
    them), notes, events, salaries, a follow-up and thresholds: something of everything an export holds."""
    writer = bearer(service_token("ai_coach", {"tracker.analysis.write"}))
    interviewing = await client.drive_to(INTERVIEW)
    offered = await client.drive_to(OFFER)
    rejected = await client.drive_to(REJECTED)
    db = await asyncpg.connect(services.database_url)
    try:  # the command each card waits for, as ai_coach receives it
        commands = {card.id: await db.fetchval("SELECT analysis_command_id::text FROM tracker.applications"
                                               " WHERE id = $1", uuid.UUID(card.id))
                    for card in (interviewing, offered, rejected)}
    finally:
        await db.close()
    for card in (interviewing, offered):
        await tracker.RecordAnalysis(pb.RecordAnalysisRequest(
            command_id=commands[card.id], application_id=card.id, analysis=pb.Analysis(
                score=81, pros=["Python"], cons=["no Go"], engine="heuristic")), metadata=writer)
    await tracker.RecordAnalysisFailure(pb.RecordAnalysisFailureRequest(
        command_id=commands[rejected.id], application_id=rejected.id, reason="the posting has no text"),
        metadata=writer)
    await client.call("AddNote", pb.AddNoteRequest(application_id=interviewing.id, body="=SUM(A1:A2) is not a formula"))
    umbrella = (await client.call("CreateCompany", pb.CreateCompanyRequest(
        name="Umbrella", website="https://umbrella.example", notes="applied in 2019"))).company
    await client.call("CreateContact", pb.CreateContactRequest(company_id=umbrella.id, name="Alice Abernathy"))
    recruiter = (await client.call("CreateContact", pb.CreateContactRequest(
        company_id=interviewing.company_id, name="Ada", email="ada@acme.example", role="Recruiter"))).contact
    soon = datetime.now(UTC) + timedelta(days=2)
    await client.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=interviewing.id, kind=pb.TIMELINE_EVENT_KIND_INTERVIEW, occurred_at=ts(soon),
        contact_ids=[recruiter.id], interview=pb.InterviewDetails(stage="final", link="https://meet.example/x")))
    await client.call("CreateTimelineEvent", pb.CreateTimelineEventRequest(
        application_id=offered.id, kind=pb.TIMELINE_EVENT_KIND_OFFER, occurred_at=ts(datetime.now(UTC)),
        offer=pb.OfferDetails(salary=common_pb2.Salary(min=90000, max=95000, currency="EUR",
                                                       period=common_pb2.SALARY_PERIOD_YEAR), bonus="5%")))
    await client.call("AddSalaryObservation", pb.AddSalaryObservationRequest(
        application_id=offered.id, kind=pb.SALARY_KIND_ASKED, salary=common_pb2.Salary(
            min=100000, currency="EUR", period=common_pb2.SALARY_PERIOD_YEAR, gross=True)))
    await client.call("SetFollowUp", pb.SetFollowUpRequest(id=interviewing.id, follow_up_at=ts(soon)))
    await client.call("SetSilenceThresholds", pb.SetSilenceThresholdsRequest(thresholds=[
        pb.SilenceThreshold(status=pb.ApplicationStatus.Value("APPLICATION_STATUS_APPLIED"), days=14)]))
    await import_file(client, "Company,Title,Status,Salary\nInitech,Data Engineer,Applied,50-60k EUR/year\n")


def document_of(reply: pb.ExportDataResponse) -> dict:
    [file] = reply.files
    assert (file.name, file.content_type) == ("jobmate-export.json", "application/json")
    document = json.loads(file.content)
    document.pop("exported_at")
    return document


async def test_export_import_into_a_fresh_account_export_again_gives_the_same_document(mesh) -> None:
    client, tracker, _bus, services = mesh
    alice, bob = client(), client()
    await build_an_account(alice, tracker, services)
    states = sorted(pb.AnalysisState.Name(c.analysis_state) for c in await applications_of(alice))
    assert states == ["ANALYSIS_STATE_DONE", "ANALYSIS_STATE_DONE", "ANALYSIS_STATE_FAILED",
                      "ANALYSIS_STATE_NOT_REQUESTED"]
    exported = document_of(await alice.call("ExportData", pb.ExportDataRequest(format=JSON)))
    assert len(exported["applications"]) == 4 and len(exported["companies"]) == 3  # Acme (3 cards), Umbrella, Initech
    assert len(exported["contacts"]) == 2 and len(exported["events"]) == 2 and len(exported["salaries"]) == 3
    assert exported["silence_thresholds"] == {"APPLIED": 14}

    report = await import_file(bob, json.dumps(exported), JSON)
    assert report.issues == [] and report.already_present == 0
    assert (report.companies, report.contacts, report.applications, report.notes, report.events, report.salaries) == (
        3, 2, 4, len(exported["notes"]), 2, 3)
    again = document_of(await bob.call("ExportData", pb.ExportDataRequest(format=JSON)))
    assert again == exported

    # Importing it again, into the same account or into the one it came from, adds nothing.
    for owner, document in ((bob, exported), (alice, exported), (alice, again)):
        repeat = await import_file(owner, json.dumps(document), JSON)
        assert (repeat.companies, repeat.contacts, repeat.applications, repeat.notes, repeat.events,
                repeat.salaries) == (0, 0, 0, 0, 0, 0)
        assert repeat.skipped == 0 and repeat.already_present == report.records
    assert len(await applications_of(bob)) == 4 and len(await applications_of(alice)) == 4


async def test_the_csv_export_is_one_file_per_kind_and_reads_back_as_a_spreadsheet(mesh) -> None:
    client, tracker, _bus, services = mesh
    alice, carol = client(), client()
    await build_an_account(alice, tracker, services)
    files = {f.name: f for f in (await alice.call("ExportData", pb.ExportDataRequest(format=CSV))).files}
    assert sorted(files) == ["applications.csv", "companies.csv", "contacts.csv", "events.csv", "history.csv",
                             "notes.csv", "salaries.csv"]
    assert all(f.content_type == "text/csv; charset=utf-8" for f in files.values())
    rows = list(csv.DictReader(io.StringIO(files["applications.csv"].content.decode())))
    assert len(rows) == 4 and {r["status"] for r in rows} == {"INTERVIEW", "OFFER", "REJECTED", "APPLIED"}
    notes = list(csv.DictReader(io.StringIO(files["notes.csv"].content.decode())))
    assert notes[0]["body"] == "'=SUM(A1:A2) is not a formula"  # inert in a spreadsheet
    events = list(csv.DictReader(io.StringIO(files["events.csv"].content.decode())))
    assert sorted(e["kind"] for e in events) == ["INTERVIEW", "OFFER"]
    assert next(e for e in events if e["kind"] == "INTERVIEW")["contacts"] == "Ada"

    report = await import_file(carol, files["applications.csv"].content)
    assert (report.applications, report.skipped) == (4, 0)
    mine = {(c.job.company, c.job.title, c.status) for c in await applications_of(alice)}
    theirs = {(c.job.company, c.job.title, c.status) for c in await applications_of(carol)}
    companies = {c.id: c.name for c in (await companies_of(alice)).values()}
    assert {(companies[c.company_id], c.job.title, c.status) for c in await applications_of(alice)} == theirs
    assert len(mine) == 4
    carols_notes = [n.body for c in await applications_of(carol) for n in c.notes]
    assert carols_notes == ["=SUM(A1:A2) is not a formula"]


async def test_an_export_too_large_for_one_message_is_refused_clearly(mesh, monkeypatch) -> None:
    import tracker_service.crm

    client, _tracker, _bus, _services = mesh
    alice = client()
    await import_file(alice, HUNTR_CSV, preset=pb.CSV_PRESET_HUNTR)
    monkeypatch.setattr(tracker_service.crm, "MAX_EXPORT_BYTES", 2_000)
    refused = await rpc_error(alice.call("ExportData", pb.ExportDataRequest(format=JSON)))
    assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION and "more than one export carries" in refused.details()
    monkeypatch.setattr(tracker_service.crm, "MAX_EXPORT_BYTES", 15 * 1024 * 1024)
    assert len((await alice.call("ExportData", pb.ExportDataRequest(format=JSON))).files) == 1
