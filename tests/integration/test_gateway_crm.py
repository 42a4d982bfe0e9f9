"""The CRM (issue 18) through GraphQL, the gateway in front of the real services (in-process, real
PostgreSQL and Redis): companies and the company view, the timeline, contacts, salaries and offers,
silence thresholds, the board's and the stats' new figures, import and export with their size limits,
and another user's ids refused as NOT_FOUND."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from common.bus import Bus
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, codes, data, register
from tests.integration.test_tracker import user_events
from tests.integration.test_tracker_transfer import HUNTR_CSV

gateway = test_gateway.gateway  # profile, tracker and discovery in-process behind the gateway

COMPANY = ("id name website careersUrl board notes applicationCount openApplicationCount noResponseCount "
           "lastActivityAt")
EVENT = ("id kind origin editable title body occurredAt recordedAt contactIds contacts { id name } "
         "interview { stage place link durationMinutes } offer { salary { min max currency period } bonus } "
         "statusChange { fromStatus toStatus } application { id }")


async def approve(gateway: RunningGateway, token: str, title: str) -> dict:
    job = await add_manual_job(gateway, token, title)
    return data(await gateway.graphql(
        "mutation($id: ID!) { approveJob(id: $id) { id companyId noResponse lastActivityAt "
        f"company {{ {COMPANY} }} }} }}", {"id": job["id"]}, token=token))["approveJob"]


async def upload(gateway: RunningGateway, token: str, content: bytes, variables: dict, *,
                 filename: str = "export.csv", csrf: bool = True):
    query = ("mutation($f: Upload!, $format: DataFormat!, $csv: CsvImportInput, $dry: Boolean! = false) { "
             "importData(file: $f, format: $format, csv: $csv, dryRun: $dry) { dryRun records applications "
             "companies contacts notes salaries events alreadyPresent skipped issues { row entity reason skipped } } }")
    operations = json.dumps({"query": query, "variables": {"f": None, **variables}})
    files = {"operations": (None, operations), "map": (None, json.dumps({"0": ["variables.f"]})),
             "0": (filename, content, "text/csv")}
    headers = {"authorization": f"Bearer {token}", **({"x-jobmate-csrf": "1"} if csrf else {})}
    return await gateway.http.post("/graphql", files=files, headers=headers)


async def test_companies_the_timeline_and_contacts_through_graphql(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    _, other_token, _ = await register(gateway, "Grace")
    first = await approve(gateway, token, "Backend Engineer")
    second = await approve(gateway, token, "Data Engineer")
    assert first["companyId"] == second["companyId"] == first["company"]["id"]
    assert first["company"]["name"] == "Acme" and first["noResponse"] is False and first["lastActivityAt"]
    company_id = first["companyId"]

    contact = data(await gateway.graphql(
        "mutation($c: ID!, $i: CompanyContactInput!) { createContact(companyId: $c, input: $i) { id name role "
        "company { name } } }", {"c": company_id, "i": {"name": "Ada", "role": "Recruiter", "email": "ada@acme.example"}},
        token=token))["createContact"]
    assert contact["company"] == {"name": "Acme"}
    when = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    add = f"mutation($i: TimelineEventInput!) {{ addTimelineEvent(input: $i) {{ {EVENT} }} }}"
    interview = data(await gateway.graphql(add, {"i": {
        "applicationId": first["id"], "kind": "INTERVIEW", "occurredAt": when.isoformat(), "title": "Onsite",
        "contactIds": [contact["id"]], "interview": {"stage": "onsite", "place": "Acme HQ", "durationMinutes": 90}}},
        token=token))["addTimelineEvent"]
    assert (interview["kind"], interview["origin"], interview["editable"]) == ("INTERVIEW", "RECORDED", True)
    assert interview["contacts"] == [{"id": contact["id"], "name": "Ada"}]
    assert interview["interview"] == {"stage": "onsite", "place": "Acme HQ", "link": "", "durationMinutes": 90}
    assert interview["application"] == {"id": first["id"]}
    offer = data(await gateway.graphql(add, {"i": {
        "applicationId": second["id"], "kind": "OFFER", "occurredAt": datetime.now(UTC).isoformat(),
        "offer": {"salary": {"min": 90000, "max": 95000, "currency": "EUR", "period": "YEAR"}, "bonus": "5%"}}},
        token=token))["addTimelineEvent"]
    assert offer["offer"] == {"salary": {"min": 90000.0, "max": 95000.0, "currency": "EUR", "period": "YEAR"},
                              "bonus": "5%"}

    update = (f"mutation($id: ID!, $i: TimelineEventUpdateInput!) {{ updateTimelineEvent(id: $id, input: $i) "
              f"{{ {EVENT} }} }}")
    later = when + timedelta(hours=2)
    moved = data(await gateway.graphql(update, {"id": interview["id"], "i": {
        "occurredAt": later.isoformat(), "interview": {"stage": "final", "link": "https://meet.example/z"}}},
        token=token))["updateTimelineEvent"]
    assert moved["occurredAt"] == later.isoformat() and moved["recordedAt"] == interview["recordedAt"]
    assert (moved["title"], moved["interview"]["link"], moved["contactIds"]) == (
        "Onsite", "https://meet.example/z", [contact["id"]])
    wrong = await gateway.graphql(update, {"id": interview["id"], "i": {"email": {"subject": "x"}}}, token=token)
    assert codes(wrong) == ["BAD_USER_INPUT"]

    view = data(await gateway.graphql(
        f"query($id: ID!) {{ company(id: $id) {{ {COMPANY} applications(first: 1) {{ nodes {{ id }} "
        "pageInfo { hasNextPage endCursor totalCount } } timeline(first: 50) { nodes { kind applicationId } "
        "pageInfo { totalCount } } contacts { nodes { name } } } }", {"id": company_id}, token=token))["company"]
    assert view["applicationCount"] == 2 and view["applications"]["pageInfo"]["hasNextPage"] is True
    assert view["applications"]["pageInfo"]["totalCount"] == 2
    assert {n["kind"] for n in view["timeline"]["nodes"]} == {"INTERVIEW", "OFFER", "STATUS_CHANGE"}
    assert {n["applicationId"] for n in view["timeline"]["nodes"]} == {first["id"], second["id"]}
    assert view["contacts"]["nodes"] == [{"name": "Ada"}]
    second_page = data(await gateway.graphql(
        "query($id: ID!, $after: String) { company(id: $id) { applications(first: 1, after: $after) { nodes { id } "
        "pageInfo { hasNextPage } } } }", {"id": company_id, "after": view["applications"]["pageInfo"]["endCursor"]},
        token=token))["company"]["applications"]
    assert second_page["pageInfo"]["hasNextPage"] is False
    assert {second_page["nodes"][0]["id"], view["applications"]["nodes"][0]["id"]} == {first["id"], second["id"]}
    timeline = data(await gateway.graphql(
        f"query($id: ID!) {{ timeline(applicationId: $id) {{ nodes {{ {EVENT} }} pageInfo {{ totalCount }} }} }}",
        {"id": first["id"]}, token=token))["timeline"]
    assert [n["kind"] for n in timeline["nodes"]] == ["INTERVIEW", "STATUS_CHANGE"]
    assert timeline["nodes"][1]["statusChange"] == {"fromStatus": None, "toStatus": "TO_APPLY"}
    listed = data(await gateway.graphql(f"{{ companies(first: 5) {{ nodes {{ {COMPANY} }} pageInfo {{ totalCount }} }} }}",
                                        token=token))["companies"]
    assert [c["id"] for c in listed["nodes"]] == [company_id] and listed["pageInfo"]["totalCount"] == 1

    # Another user sees none of it and changes none of it.
    for query, variables in (
            (f"query($id: ID!) {{ company(id: $id) {{ {COMPANY} }} }}", {"id": company_id}),
            ("query($id: ID!) { timeline(applicationId: $id) { nodes { id } } }", {"id": first["id"]}),
            ("query($id: ID!) { contacts(companyId: $id) { nodes { id } } }", {"id": company_id}),
            ("query($id: ID!) { salaryObservations(applicationId: $id) { id } }", {"id": first["id"]}),
            (update, {"id": interview["id"], "i": {"title": "mine"}}),
            ("mutation($id: ID!) { deleteTimelineEvent(id: $id) }", {"id": interview["id"]}),
            ("mutation($id: ID!) { deleteContact(id: $id) }", {"id": contact["id"]}),
            ("mutation($id: ID!) { updateCompany(id: $id, input: {notes: \"x\"}) { id } }", {"id": company_id}),
            ("mutation($id: ID!) { deleteCompany(id: $id) }", {"id": company_id}),
            (add, {"i": {"applicationId": first["id"], "kind": "NOTE", "body": "x",
                         "occurredAt": datetime.now(UTC).isoformat()}})):
        reply = await gateway.graphql(query, variables, token=other_token)
        assert codes(reply) == ["NOT_FOUND"], (query, reply)
    still = data(await gateway.graphql(f"query($id: ID!) {{ timeline(applicationId: $id) {{ nodes {{ {EVENT} }} }} }}",
                                       {"id": first["id"]}, token=token))["timeline"]["nodes"][0]
    assert still["title"] == "Onsite"
    assert codes(await gateway.graphql("query { company(id: \"nope\") { id } }", token=token)) == ["BAD_USER_INPUT"]
    assert codes(await gateway.graphql("query { timeline { nodes { id } } }", token=token)) == ["BAD_USER_INPUT"]

    # Deleting: the event goes; a company with applications stays.
    assert data(await gateway.graphql("mutation($id: ID!) { deleteTimelineEvent(id: $id) }", {"id": interview["id"]},
                                      token=token)) == {"deleteTimelineEvent": True}
    in_use = await gateway.graphql("mutation($id: ID!) { deleteCompany(id: $id) }", {"id": company_id}, token=token)
    assert codes(in_use) == ["BAD_USER_INPUT"] and "2 application(s)" in in_use["errors"][0]["message"]
    duplicate = await gateway.graphql("mutation { createCompany(input: {name: \"ACME GmbH\"}) { id } }", token=token)
    assert codes(duplicate) == ["CONFLICT"]


async def test_salaries_offers_silence_board_and_stats_through_graphql(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    card = await approve(gateway, token, "Staff Engineer")
    added = data(await gateway.graphql(
        "mutation($i: SalaryObservationInput!) { addSalaryObservation(input: $i) { id kind note "
        "salary { min max currency period gross } } }",
        {"i": {"applicationId": card["id"], "kind": "ASKED", "note": "first call",
               "salary": {"min": 100000, "currency": "EUR", "period": "YEAR", "gross": True}}}, token=token))
    assert added["addSalaryObservation"]["salary"] == {"min": 100000.0, "max": None, "currency": "EUR",
                                                       "period": "YEAR", "gross": True}
    bad = await gateway.graphql(
        "mutation($i: SalaryObservationInput!) { addSalaryObservation(input: $i) { id } }",
        {"i": {"applicationId": card["id"], "kind": "OFFERED", "salary": {"min": 5, "max": 1, "currency": "EUR",
                                                                          "period": "YEAR"}}}, token=token)
    assert codes(bad) == ["BAD_USER_INPUT"]
    await gateway.graphql("mutation($i: TimelineEventInput!) { addTimelineEvent(input: $i) { id } }", {"i": {
        "applicationId": card["id"], "kind": "OFFER", "occurredAt": datetime.now(UTC).isoformat(),
        "offer": {"salary": {"min": 8000, "currency": "EUR", "period": "MONTH"}, "equity": "none"}}}, token=token)
    rows = data(await gateway.graphql(
        "{ offerComparison { applicationId company title annualMin annualMax offered { kind salary { min period } } "
        "asked { salary { min } } offer { equity } } }", token=token))["offerComparison"]
    assert rows == [{"applicationId": card["id"], "company": "Acme", "title": "Staff Engineer", "annualMin": 96000.0,
                     "annualMax": None, "offered": {"kind": "OFFERED", "salary": {"min": 8000.0, "period": "MONTH"}},
                     "asked": {"salary": {"min": 100000.0}}, "offer": {"equity": "none"}}]
    observations = data(await gateway.graphql(
        "query($id: ID!) { salaryObservations(applicationId: $id) { kind eventId } }", {"id": card["id"]},
        token=token))["salaryObservations"]
    assert [o["kind"] for o in observations] == ["ASKED", "OFFERED"] and observations[1]["eventId"]

    thresholds = data(await gateway.graphql(
        "mutation { setSilenceThresholds(thresholds: [{status: APPLIED, days: 3}, {status: OFFER, useDefault: true}]) "
        "{ status days isDefault } }", token=token))["setSilenceThresholds"]
    assert thresholds == [{"status": "TO_APPLY", "days": 0, "isDefault": True},
                          {"status": "APPLIED", "days": 3, "isDefault": False},
                          {"status": "INTERVIEW", "days": 7, "isDefault": True},
                          {"status": "OFFER", "days": 5, "isDefault": True}]
    assert codes(await gateway.graphql("mutation { setSilenceThresholds(thresholds: [{status: HIRED, days: 3}]) "
                                       "{ days } }", token=token)) == ["BAD_USER_INPUT"]
    assert data(await gateway.graphql("{ silenceThresholds { days } }", token=token))["silenceThresholds"][1] == \
        {"days": 3}

    figures = data(await gateway.graphql(
        "{ board { columns { status count noResponseCount } } funnelStats { noResponseCount "
        "response { applied responded rate medianDaysToResponse } timeInStage { status completed current } } }",
        token=token))
    assert {c["status"]: c["noResponseCount"] for c in figures["board"]["columns"]}["TO_APPLY"] == 0
    stats = figures["funnelStats"]
    assert stats["noResponseCount"] == 0 and stats["response"] == {"applied": 0, "responded": 0, "rate": 0.0,
                                                                   "medianDaysToResponse": None}
    assert {s["status"]: (s["completed"], s["current"]) for s in stats["timeInStage"]}["TO_APPLY"] == (0, 1)


async def test_import_and_export_through_graphql(gateway: RunningGateway, services) -> None:
    user_id, token, _ = await register(gateway)
    _, fresh, _ = await register(gateway, "Grace")
    refused = await upload(gateway, token, HUNTR_CSV.encode(), {"format": "CSV"}, csrf=False)
    assert refused.status_code == 400  # a multipart form needs the CSRF header
    dry = data((await upload(gateway, token, HUNTR_CSV.encode(), {"format": "CSV", "dry": True,
                                                                 "csv": {"preset": "HUNTR"}})).json())["importData"]
    assert dry["dryRun"] is True and (dry["applications"], dry["skipped"]) == (7, 7)
    assert data(await gateway.graphql("{ myApplications { nodes { id } } }", token=token))["myApplications"]["nodes"] == []
    report = data((await upload(gateway, token, HUNTR_CSV.encode(), {"format": "CSV",
                                                                     "csv": {"preset": "HUNTR"}})).json())["importData"]
    assert (report["applications"], report["companies"], report["skipped"]) == (7, 6, 7)
    assert {i["row"] for i in report["issues"]} == {9, 10, 11, 12, 13, 14, 15}
    again = data((await upload(gateway, token, HUNTR_CSV.encode(), {"format": "CSV",
                                                                    "csv": {"preset": "HUNTR"}})).json())["importData"]
    assert (again["applications"], again["companies"], again["alreadyPresent"]) == (0, 0, 20)
    mapped = data((await upload(gateway, token, b"Firm,Role\nTyrell,Designer\n", {"format": "CSV", "csv": {
        "columnMapping": [{"field": "company", "column": "Firm"}, {"field": "title", "column": "Role"}]}})).json())
    assert mapped["importData"]["applications"] == 1

    exported = data(await gateway.graphql("{ exportData(format: JSON) { name contentType content } }",
                                          token=token))["exportData"]
    assert [(f["name"], f["contentType"]) for f in exported] == [("jobmate-export.json", "application/json")]
    document = json.loads(exported[0]["content"])
    assert len(document["applications"]) == 8
    restored = data((await upload(gateway, fresh, exported[0]["content"].encode(), {"format": "JSON"},
                                  filename="jobmate-export.json")).json())["importData"]
    assert (restored["applications"], restored["companies"], restored["skipped"]) == (8, 7, 0)
    csv_files = data(await gateway.graphql("{ exportData(format: CSV) { name } }", token=token))["exportData"]
    assert len(csv_files) == 7
    bus = Bus.from_url(services.redis_url)
    try:
        imported = await wait_for(lambda: user_events(bus, user_id, events_pb2.EVENT_TYPE_DATA_IMPORTED))
        assert imported[0].data_imported.applications == 7
    finally:
        await bus.close()

    not_a_file = await gateway.graphql("mutation($f: Upload!) { importData(file: $f, format: CSV) { records } }",
                                       {"f": "Company\nAcme\n"}, token=token)
    assert codes(not_a_file) == ["BAD_USER_INPUT"]
    malformed = (await upload(gateway, token, b"Company,Title\n\"Acme,Engineer\n", {"format": "CSV"})).json()
    assert codes(malformed) == ["BAD_USER_INPUT"] and "line" in malformed["errors"][0]["message"]
    anonymous = await gateway.http.post("/graphql", files={
        "operations": (None, json.dumps({"query": "mutation($f: Upload!) { importData(file: $f, format: CSV) "
                                                  "{ records } }", "variables": {"f": None}})),
        "map": (None, json.dumps({"0": ["variables.f"]})), "0": ("a.csv", b"Company\nAcme\n", "text/csv")},
        headers={"x-jobmate-csrf": "1"})
    assert codes(anonymous.json()) == ["UNAUTHENTICATED"]


async def test_import_size_limits_at_the_gateway(services) -> None:
    for name in ("profile_service", "tracker_service", "discovery_service"):
        await services.start(name, discovery_scheduler_enabled=False)
    limits = GatewaySettings(max_import_bytes=2_000, multipart_overhead_bytes=4_096)
    settings = services.settings(cv_max_bytes=1_000)
    async with RunningGateway(settings, limits) as small:
        _, token, _ = await register(small)
        fits = await upload(small, token, b"Company\n" + b"Acme\n" * 300, {"format": "CSV"})
        assert data(fits.json())["importData"]["records"] == 300
        over = await upload(small, token, b"Company\n" + b"Acme\n" * 450, {"format": "CSV"})  # 2,258 bytes
        assert codes(over.json()) == ["BAD_USER_INPUT"]
        assert "larger than" in over.json()["errors"][0]["message"]
        way_over = await upload(small, token, b"Company\n" + b"Acme\n" * 5_000, {"format": "CSV"})
        assert way_over.status_code == 413  # refused while the body arrives, before GraphQL parses anything
        assert data(await small.graphql("{ myApplications { pageInfo { totalCount } } }", token=token)) == {
            "myApplications": {"pageInfo": {"totalCount": 1}}}
