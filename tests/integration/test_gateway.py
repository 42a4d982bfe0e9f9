"""The GraphQL API through the gateway in front of the real services (in-process, real PostgreSQL and
Redis): identity, profile and saved searches, the inbox, approveJob, the board, isolation between users,
partial answers when a service is down, the calendar link."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import grpc
import pytest

import gateway.graphql.tracker.types as tracker_types
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tests.helpers import bearer, clear_rate_limits, service_token

PASSWORD = "correct horse battery staple"


@pytest.fixture
async def gateway(services) -> AsyncIterator[RunningGateway]:
    for name in ("profile_service", "tracker_service", "discovery_service"):
        await services.start(name, discovery_scheduler_enabled=False)
    await clear_rate_limits(services.redis_url)
    async with RunningGateway(services.settings(), GatewaySettings()) as running:
        yield running


def codes(reply: dict) -> list[str]:
    return [error["extensions"]["code"] for error in reply.get("errors", [])]


def data(reply: dict) -> dict:
    assert "errors" not in reply, reply["errors"]
    return reply["data"]


async def register(gateway: RunningGateway, name: str = "Ada") -> tuple[str, str, str]:
    """Returns (user id, access token, refresh token)."""
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.org"
    reply = data(await gateway.graphql(
        "mutation($e: String!, $p: String!, $n: String!) { register(email: $e, password: $p, fullName: $n) "
        "{ user { id email } accessToken refreshToken } }", {"e": email, "p": PASSWORD, "n": name}))
    payload = reply["register"]
    assert payload["user"]["email"] == email
    return payload["user"]["id"], payload["accessToken"], payload["refreshToken"]


async def add_manual_job(gateway: RunningGateway, token: str, title: str = "Backend Engineer") -> dict:
    reply = await gateway.graphql(
        "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id title company status origin } }",
        {"i": {"company": "Acme", "title": title, "location": "Paris",
               "description": "Python, PostgreSQL and gRPC services for a job-search product."}}, token=token)
    return data(reply)["addJobManually"]


async def test_register_login_refresh_logout_and_me(gateway: RunningGateway) -> None:
    user_id, token, refresh = await register(gateway)
    me = data(await gateway.graphql("{ me { id } myProfile { userId fullName } }", token=token))
    assert me == {"me": {"id": user_id}, "myProfile": {"userId": user_id, "fullName": "Ada"}}

    email = (await gateway.graphql("{ myProfile { contact { email } } }", token=token))["data"]
    assert email is not None
    refreshed = data(await gateway.graphql(
        "mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }", {"r": refresh}))
    new_refresh = refreshed["refreshToken"]["refreshToken"]
    assert new_refresh != refresh
    reused = await gateway.graphql("mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }",
                                   {"r": refresh})
    assert codes(reused) == ["UNAUTHENTICATED"]
    assert data(await gateway.graphql("mutation($r: String!) { logout(refreshToken: $r) }",
                                      {"r": new_refresh})) == {"logout": True}


async def test_wrong_password_and_duplicate_email_are_clear_errors(gateway: RunningGateway) -> None:
    email = f"grace-{uuid.uuid4().hex[:8]}@example.org"
    query = "mutation($e: String!, $p: String!) { register(email: $e, password: $p) { accessToken } }"
    data(await gateway.graphql(query, {"e": email, "p": PASSWORD}))
    assert codes(await gateway.graphql(query, {"e": email, "p": PASSWORD})) == ["CONFLICT"]
    assert codes(await gateway.graphql(query, {"e": "not-an-email", "p": PASSWORD})) == ["BAD_USER_INPUT"]
    wrong = await gateway.graphql("mutation($e: String!) { login(email: $e, password: \"nope nope nope\") "
                                  "{ accessToken } }", {"e": email})
    assert codes(wrong) == ["UNAUTHENTICATED"]
    ok = await gateway.graphql("mutation($e: String!, $p: String!) { login(email: $e, password: $p) "
                               "{ user { email } accessToken } }", {"e": email, "p": PASSWORD})
    assert data(ok)["login"]["user"]["email"] == email


async def test_profile_and_saved_searches(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    updated = data(await gateway.graphql(
        "mutation($i: ProfileInput!) { updateProfile(input: $i) { headline skills { name } contact { phone } } }",
        {"i": {"headline": "Backend engineer", "skills": [{"name": "Python"}, {"name": "PostgreSQL"}],
               "contact": {"phone": "+33 1 23 45 67 89"}}}, token=token))["updateProfile"]
    assert updated == {"headline": "Backend engineer", "skills": [{"name": "Python"}, {"name": "PostgreSQL"}],
                       "contact": {"phone": "+33 1 23 45 67 89"}}
    nothing = await gateway.graphql("mutation { updateProfile(input: {}) { headline } }", token=token)
    assert codes(nothing) == ["BAD_USER_INPUT"]

    created = data(await gateway.graphql(
        "mutation($i: SearchConfigInput!) { createSearchConfig(input: $i) { id name jobTitles remotePolicy "
        "sources { source params { name value } } active } }",
        {"i": {"name": "Python jobs", "jobTitles": ["Backend Engineer"], "keywords": ["python"],
               "remotePolicy": "REMOTE", "redFlags": ["unpaid"],
               "sources": [{"source": "greenhouse", "params": [{"name": "board_token", "value": "acme"}]}]}},
        token=token))["createSearchConfig"]
    assert created["remotePolicy"] == "REMOTE" and created["active"] is True
    assert created["sources"] == [{"source": "greenhouse", "params": [{"name": "board_token", "value": "acme"}]}]
    renamed = data(await gateway.graphql(
        "mutation($id: ID!) { updateSearchConfig(id: $id, input: {name: \"Remote Python\"}) { name jobTitles } }",
        {"id": created["id"]}, token=token))["updateSearchConfig"]
    assert renamed == {"name": "Remote Python", "jobTitles": ["Backend Engineer"]}
    listed = data(await gateway.graphql("{ mySearchConfigs { id name } }", token=token))["mySearchConfigs"]
    assert listed == [{"id": created["id"], "name": "Remote Python"}]
    assert data(await gateway.graphql("mutation($id: ID!) { deleteSearchConfig(id: $id) }", {"id": created["id"]},
                                      token=token)) == {"deleteSearchConfig": True}
    assert data(await gateway.graphql("{ mySearchConfigs { id } }", token=token))["mySearchConfigs"] == []


async def test_approve_job_creates_the_application_once_and_the_board_follows(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    job = await add_manual_job(gateway, token)
    assert job["status"] == "PENDING" and job["origin"] == "manual"
    feed = data(await gateway.graphql("{ jobFeed(status: PENDING, first: 10) { nodes { id title } "
                                      "pageInfo { hasNextPage endCursor } } }", token=token))["jobFeed"]
    assert feed["nodes"] == [{"id": job["id"], "title": "Backend Engineer"}]
    assert feed["pageInfo"]["hasNextPage"] is False

    approve = "mutation($id: ID!) { approveJob(id: $id) { id status analysisState job { title company } " \
              "posting { id status } } }"
    first = data(await gateway.graphql(approve, {"id": job["id"]}, token=token))["approveJob"]
    again = data(await gateway.graphql(approve, {"id": job["id"]}, token=token))["approveJob"]
    assert first["id"] == again["id"]
    assert first["status"] == "TO_APPLY" and first["analysisState"] in ("QUEUED", "RUNNING", "DONE", "FAILED")
    assert first["job"] == {"title": "Backend Engineer", "company": "Acme"}
    assert first["posting"] == {"id": job["id"], "status": "APPROVED"}

    moved = data(await gateway.graphql(
        "mutation($id: ID!) { moveCard(id: $id, toStatus: APPLIED, note: \"sent\") { status version "
        "history { fromStatus toStatus note } } }", {"id": first["id"]}, token=token))["moveCard"]
    assert moved["status"] == "APPLIED"
    assert moved["history"][-1] == {"fromStatus": "TO_APPLY", "toStatus": "APPLIED", "note": "sent"}
    stale = await gateway.graphql("mutation($id: ID!, $v: Int!) { moveCard(id: $id, toStatus: INTERVIEW, "
                                  "expectedVersion: $v) { status } }", {"id": first["id"], "v": moved["version"] - 1},
                                  token=token)
    assert codes(stale) == ["CONFLICT"]
    refused = await gateway.graphql("mutation($id: ID!) { moveCard(id: $id, toStatus: HIRED) { status } }",
                                    {"id": first["id"]}, token=token)
    assert codes(refused) == ["BAD_USER_INPUT"]

    note = data(await gateway.graphql("mutation($id: ID!) { addNote(applicationId: $id, body: \"call Tuesday\") "
                                      "{ body } }", {"id": first["id"]}, token=token))
    assert note == {"addNote": {"body": "call Tuesday"}}
    rated = data(await gateway.graphql("mutation($id: ID!) { rateApplication(id: $id, rating: 4) { rating } }",
                                       {"id": first["id"]}, token=token))
    assert rated == {"rateApplication": {"rating": 4}}
    assert codes(await gateway.graphql("mutation($id: ID!) { rateApplication(id: $id, rating: 9) { rating } }",
                                       {"id": first["id"]}, token=token)) == ["BAD_USER_INPUT"]
    reminder = data(await gateway.graphql(
        "mutation($id: ID!) { setRelanceReminder(id: $id, at: \"2099-01-02T09:00:00+00:00\") { followUpAt } }",
        {"id": first["id"]}, token=token))["setRelanceReminder"]
    assert reminder["followUpAt"].startswith("2099-01-02T09:00:00")

    board = data(await gateway.graphql("{ board { columns { status count cards { id notes { body } } } } "
                                       "funnelStats { total countsByStatus { status count } } "
                                       "myApplications(status: APPLIED) { nodes { id rating } } }", token=token))
    columns = {c["status"]: c for c in board["board"]["columns"]}
    assert columns["APPLIED"]["count"] == 1 and columns["TO_APPLY"]["count"] == 0
    assert columns["APPLIED"]["cards"][0]["notes"] == [{"body": "call Tuesday"}]
    assert board["funnelStats"]["total"] == 1
    assert {"status": "APPLIED", "count": 1} in board["funnelStats"]["countsByStatus"]
    assert board["myApplications"]["nodes"] == [{"id": first["id"], "rating": 4}]

    url = data(await gateway.graphql("{ calendarUrl }", token=token))["calendarUrl"]
    calendar = await gateway.http.get(url.removeprefix(gateway.base_url))
    assert calendar.status_code == 200 and calendar.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in calendar.text and "Backend Engineer" in calendar.text
    assert (await gateway.http.get("/calendar.ics?token=guessed")).status_code == 404


async def test_the_feed_has_descriptions_when_asked_through_a_fragment_or_directly(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    job = await add_manual_job(gateway, token)
    description = "Python, PostgreSQL and gRPC services for a job-search product."
    for query in ("{ jobFeed(first: 5) { nodes { id descriptionText } } }",
                  "fragment F on Job { descriptionText } { jobFeed(first: 5) { nodes { id ...F } } }",
                  "{ jobFeed(first: 5) { nodes { id ... on Job { text: descriptionText } } } }"):
        node = data(await gateway.graphql(query, token=token))["jobFeed"]["nodes"][0]
        assert node["id"] == job["id"]
        assert node.get("descriptionText", node.get("text")) == description, query


async def test_board_cards_carry_the_whole_analysis_when_asked_and_the_score_always(gateway, services) -> None:
    _, token, _ = await register(gateway)
    job = await add_manual_job(gateway, token)
    card = data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job["id"]},
                                      token=token))["approveJob"]
    command_id = await services.runtimes["tracker_service"].pool.fetchval(
        "SELECT analysis_command_id FROM applications WHERE id = $1", uuid.UUID(card["id"]))
    async with grpc.aio.insecure_channel(services.address("tracker_service")) as channel:
        await tracker_pb2_grpc.TrackerServiceStub(channel).RecordAnalysis(tracker_pb2.RecordAnalysisRequest(
            command_id=str(command_id), application_id=card["id"],
            analysis=tracker_pb2.Analysis(score=77, pros=["Python"], cover_letter="Dear team,")),
            metadata=bearer(service_token("ai_coach", {"tracker.analysis.write", "tracker.read"})))

    def first_card(reply: dict) -> dict:
        columns = {c["status"]: c for c in data(reply)["board"]["columns"]}
        return columns["TO_APPLY"]["cards"][0]

    score = first_card(await gateway.graphql("{ board { columns { status cards { analysis { score } } } } }",
                                             token=token))
    assert score["analysis"] == {"score": 77}
    for query in ("{ board { columns { status cards { analysis { score pros coverLetter } } } } }",
                  "fragment A on Analysis { pros coverLetter } "
                  "{ board { columns { status cards { analysis { score ...A } } } } }"):
        whole = first_card(await gateway.graphql(query, token=token))
        assert whole["analysis"] == {"score": 77, "pros": ["Python"], "coverLetter": "Dear team,"}, query


async def test_user_b_cannot_reach_user_a_data_through_any_field(gateway: RunningGateway) -> None:
    _, token_a, _ = await register(gateway, "Alice")
    _, token_b, _ = await register(gateway, "Bob")
    job = await add_manual_job(gateway, token_a, "Staff Engineer")
    application = data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job["id"]},
                                             token=token_a))["approveJob"]
    config = data(await gateway.graphql("mutation { createSearchConfig(input: {name: \"A's search\", "
                                        "jobTitles: [\"Engineer\"], sources: [{source: \"remotive\"}]}) { id } }",
                                        token=token_a))["createSearchConfig"]
    ids = {"app": application["id"], "job": job["id"], "cfg": config["id"]}
    reads = await gateway.graphql(
        "query($app: ID!, $job: ID!) { application(id: $app) { id } job(id: $job) { id } "
        "jobFeed { nodes { id } } myApplications { nodes { id } } board { columns { count } } "
        "mySearchConfigs { id } funnelStats { total } discoveryRuns { nodes { id } } }",
        {"app": ids["app"], "job": ids["job"]}, token=token_b)
    assert reads["data"]["application"] is None and reads["data"]["job"] is None
    assert set(codes(reads)) <= {"NOT_FOUND", "FORBIDDEN"} and len(codes(reads)) == 2
    assert reads["data"]["jobFeed"]["nodes"] == [] and reads["data"]["myApplications"]["nodes"] == []
    assert all(c["count"] == 0 for c in reads["data"]["board"]["columns"])
    assert reads["data"]["mySearchConfigs"] == [] and reads["data"]["funnelStats"]["total"] == 0

    writes = {
        "approveJob": "mutation($job: ID!) { approveJob(id: $job) { id } }",
        "rejectJob": "mutation($job: ID!) { rejectJob(id: $job) { id } }",
        "createApplication": "mutation($job: ID!) { createApplication(jobId: $job) { id } }",
        "moveCard": "mutation($app: ID!) { moveCard(id: $app, toStatus: APPLIED) { id } }",
        "addNote": "mutation($app: ID!) { addNote(applicationId: $app, body: \"x\") { id } }",
        "rateApplication": "mutation($app: ID!) { rateApplication(id: $app, rating: 1) { id } }",
        "setRelanceReminder": "mutation($app: ID!) { setRelanceReminder(id: $app, at: null) { id } }",
        "deleteApplication": "mutation($app: ID!) { deleteApplication(id: $app) }",
        "updateSearchConfig": "mutation($cfg: ID!) { updateSearchConfig(id: $cfg, input: {name: \"B\"}) { id } }",
        "deleteSearchConfig": "mutation($cfg: ID!) { deleteSearchConfig(id: $cfg) }",
        "triggerScan": "mutation($cfg: ID!) { triggerScan(searchConfigId: $cfg) { id } }",
    }
    for name, query in writes.items():
        variables = {k: v for k, v in ids.items() if f"${k}" in query}
        reply = await gateway.graphql(query, variables, token=token_b)
        assert codes(reply) and set(codes(reply)) <= {"NOT_FOUND", "FORBIDDEN"}, (name, reply)

    # A's data is untouched.
    still = data(await gateway.graphql("query($app: ID!) { application(id: $app) { status rating notes { id } } "
                                       "mySearchConfigs { name } }", {"app": ids["app"]}, token=token_a))
    assert still == {"application": {"status": "TO_APPLY", "rating": None, "notes": []},
                     "mySearchConfigs": [{"name": "A's search"}]}


async def test_with_the_tracker_stopped_the_board_fails_and_my_profile_is_answered(gateway, services) -> None:
    user_id, token, _ = await register(gateway)
    await services.stop("tracker_service")
    reply = await gateway.graphql("{ myProfile { userId } board { columns { count } } }", token=token)
    assert reply["data"] == {"myProfile": {"userId": user_id}, "board": None}
    assert [(e["path"], e["extensions"]["code"]) for e in reply["errors"]] == [(["board"], "UNAVAILABLE")]


async def test_postings_on_applications_load_in_one_batch(gateway: RunningGateway, monkeypatch) -> None:
    _, token, _ = await register(gateway)
    for i in range(3):
        job = await add_manual_job(gateway, token, f"Engineer {i}")
        data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job["id"]},
                                   token=token))
    # Record the batches the per-request loader sends to discovery's BatchGetJobs.
    batches: list[list[str]] = []
    make_loader = tracker_types.jobs_by_id

    def recording_loader(ctx):
        loader = make_loader(ctx)
        load = loader.load_fn

        async def recorded(ids):
            batches.append(list(ids))
            return await load(ids)

        loader.load_fn = recorded
        return loader

    monkeypatch.setattr(tracker_types, "jobs_by_id", recording_loader)
    reply = data(await gateway.graphql("{ myApplications { nodes { posting { title } } } }", token=token))
    assert sorted(n["posting"]["title"] for n in reply["myApplications"]["nodes"]) == \
        ["Engineer 0", "Engineer 1", "Engineer 2"]
    assert len(batches) == 1 and len(batches[0]) == 3
