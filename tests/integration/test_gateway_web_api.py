"""What the web app needed from the API and got (additive): through the real gateway in front of the real
services (real PostgreSQL and Redis).

- the profile's job preferences (desired locations, remote preference, salary expectation) and which
  fields the user set themselves (`userSetFields`, in GraphQL's names);
- `jobSources`: the boards a saved search can list, with their parameters and help text;
- `jobFeed` filters by board, work arrangement, pay and discovery date (with paging that keeps them);
- `job(id).matchReasons`: why a posting passed its saved search's filters;
- `SearchConfig.inactiveReason`: a paused search and a deleted one are told apart;
- `CvInfo.unreadFields` / `missingFields`: what a parsed CV did not give, in GraphQL's names.
"""

from __future__ import annotations

import uuid

import grpc

from devtools.gateway import RunningGateway
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2 as dpb
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.helpers import bearer, service_token
from tests.integration import test_gateway

PASSWORD = "correct horse battery staple"


gateway = test_gateway.gateway  # profile, tracker and discovery in-process behind the gateway


def data(reply: dict) -> dict:
    assert "errors" not in reply, reply["errors"]
    return reply["data"]


async def sign_up(gateway: RunningGateway, name: str = "Ada") -> str:
    reply = data(await gateway.graphql(
        "mutation($e: String!, $p: String!, $n: String!) { register(email: $e, password: $p, fullName: $n) "
        "{ accessToken } }", {"e": f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.org", "p": PASSWORD, "n": name}))
    return reply["register"]["accessToken"]


PROFILE_FIELDS = "fullName headline desiredLocations remotePreference salaryExpectation salaryCurrency userSetFields"


async def test_profile_preferences_and_user_set_fields(gateway: RunningGateway) -> None:
    token = await sign_up(gateway)
    before = data(await gateway.graphql(f"{{ myProfile {{ {PROFILE_FIELDS} }} }}", token=token))["myProfile"]
    assert before["userSetFields"] == ["fullName"]
    assert (before["desiredLocations"], before["remotePreference"], before["salaryExpectation"]) == ([], None, None)

    updated = data(await gateway.graphql(
        f"mutation($i: ProfileInput!) {{ updateProfile(input: $i) {{ {PROFILE_FIELDS} }} }}",
        {"i": {"headline": "Backend engineer", "desiredLocations": ["Paris", "Remote EU"],
               "remotePreference": "HYBRID", "salaryExpectation": 60000, "salaryCurrency": "eur",
               "contact": {"phone": "+33 6 00 00 00 00"}}}, token=token))["updateProfile"]
    assert updated["desiredLocations"] == ["Paris", "Remote EU"]
    assert (updated["remotePreference"], updated["salaryExpectation"], updated["salaryCurrency"]) == (
        "HYBRID", 60000, "EUR")
    assert updated["userSetFields"] == sorted(["fullName", "headline", "desiredLocations", "remotePreference",
                                               "salaryExpectation", "salaryCurrency", "contact.phone"])

    refused = await gateway.graphql("mutation($i: ProfileInput!) { updateProfile(input: $i) { headline } }",
                                    {"i": {"salaryExpectation": 1e12, "salaryCurrency": "EUR"}}, token=token)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert refused["errors"][0]["message"].startswith("salary_expectation must be")


async def test_job_sources_list_every_board_with_its_parameters(gateway: RunningGateway) -> None:
    token = await sign_up(gateway)
    sources = data(await gateway.graphql(
        "{ jobSources { name minFetchIntervalMinutes params { name description kind required choices defaultValue "
        "minValue maxValue pattern secret } } }", token=token))["jobSources"]
    by_name = {s["name"]: s for s in sources}
    assert {"greenhouse", "lever", "hh", "rss", "remotive"} <= set(by_name)
    board_token = by_name["greenhouse"]["params"][0]
    assert (board_token["name"], board_token["required"], board_token["kind"]) == ("board_token", True, "string")
    assert "board token" in board_token["description"] and board_token["pattern"]
    hh = {p["name"]: p for p in by_name["hh"]["params"]}
    assert hh["oauth_token"]["secret"] is True
    assert (hh["max_results"]["kind"], hh["max_results"]["defaultValue"], hh["max_results"]["minValue"]) == (
        "integer", "100", 1)
    assert hh["details"]["defaultValue"] == "true" and hh["experience"]["choices"]
    unauthenticated = await gateway.graphql("{ jobSources { name } }")
    assert unauthenticated["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def ingest(services, user_id: str, jobs: list[dpb.Job], search_config_id: str = "") -> None:
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    try:
        stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)

        async def stream():
            for job in jobs:
                yield dpb.IngestJobsRequest(user_id=user_id, job=job, search_config_id=search_config_id)

        counts = await stub.IngestJobs(stream(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        assert counts.inserted == len(jobs), counts
    finally:
        await channel.close()


def posting(n: int, source: str, remote: int, salary: common_pb2.Salary | None = None, **fields) -> dpb.Job:
    job = dpb.Job(source=source, external_id=f"{source}-{n}", url=f"https://jobs.example.org/{source}/{n}",
                  title=fields.pop("title", f"Python Engineer {n}"), company=f"Company {n}",
                  description_text=fields.pop("description", f"Python services, posting number {n}."),
                  remote_type=remote, **fields)
    if salary is not None:
        job.salary.CopyFrom(salary)
    return job


FEED = ("query($s: [String!], $r: [RemoteType!], $min: Float, $cur: String, $after: DateTime, $first: Int, "
        "$cursor: String) { jobFeed(sources: $s, remoteTypes: $r, salaryAtLeast: $min, salaryCurrency: $cur, "
        "discoveredAfter: $after, first: $first, after: $cursor) { nodes { title source } "
        "pageInfo { totalCount hasNextPage endCursor } } }")


async def test_the_feed_filters_by_board_work_arrangement_pay_and_date(gateway: RunningGateway, services) -> None:
    token = await sign_up(gateway)
    user_id = data(await gateway.graphql("{ me { id } }", token=token))["me"]["id"]
    yearly = common_pb2.SALARY_PERIOD_YEAR
    await ingest(services, user_id, [
        posting(1, "greenhouse", common_pb2.REMOTE_TYPE_REMOTE,
                common_pb2.Salary(min=50000, max=70000, currency="EUR", period=yearly)),
        posting(2, "greenhouse", common_pb2.REMOTE_TYPE_ON_SITE,
                common_pb2.Salary(min=4000, currency="EUR", period=common_pb2.SALARY_PERIOD_MONTH)),  # 48k a year
        posting(3, "lever", common_pb2.REMOTE_TYPE_HYBRID,
                common_pb2.Salary(max=90000, currency="USD", period=yearly)),
        posting(4, "lever", common_pb2.REMOTE_TYPE_REMOTE),  # says nothing about pay
        posting(5, "remotive", common_pb2.REMOTE_TYPE_UNSPECIFIED),
    ])

    async def titles(**variables) -> tuple[list[str], int]:
        feed = data(await gateway.graphql(FEED, variables, token=token))["jobFeed"]
        return sorted(n["title"] for n in feed["nodes"]), feed["pageInfo"]["totalCount"] or 0  # 0 is null

    assert await titles(s=["lever"]) == (["Python Engineer 3", "Python Engineer 4"], 2)
    assert await titles(r=["REMOTE"]) == (["Python Engineer 1", "Python Engineer 4"], 2)
    assert await titles(s=["greenhouse", "remotive"], r=["ON_SITE", "REMOTE"]) == (
        ["Python Engineer 1", "Python Engineer 2"], 2)
    assert await titles(min=60000) == (["Python Engineer 1", "Python Engineer 3"], 2)  # per year, top of the range
    assert await titles(min=45000, cur="eur") == (["Python Engineer 1", "Python Engineer 2"], 2)
    assert await titles(after="2000-01-01T00:00:00Z") == ([f"Python Engineer {n}" for n in range(1, 6)], 5)
    assert await titles(after="2999-01-01T00:00:00Z") == ([], 0)

    # Paging keeps the filters; a cursor made for other filters is refused rather than misapplied.
    first = data(await gateway.graphql(FEED, {"s": ["lever", "greenhouse"], "first": 2}, token=token))["jobFeed"]
    assert first["pageInfo"]["hasNextPage"] and first["pageInfo"]["totalCount"] == 4
    second = data(await gateway.graphql(FEED, {"s": ["lever", "greenhouse"], "first": 2,
                                               "cursor": first["pageInfo"]["endCursor"]}, token=token))["jobFeed"]
    assert {n["title"] for n in first["nodes"]} | {n["title"] for n in second["nodes"]} == {
        f"Python Engineer {n}" for n in range(1, 5)}
    mismatched = await gateway.graphql(FEED, {"s": ["lever"], "first": 2, "cursor": first["pageInfo"]["endCursor"]},
                                       token=token)
    assert mismatched["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    for bad in ({"min": -5}, {"cur": "euros"}, {"s": [f"board{i}" for i in range(21)]}):
        refused = await gateway.graphql(FEED, bad, token=token)
        assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad


async def test_a_posting_says_why_it_passed_its_searchs_filters(gateway: RunningGateway, services) -> None:
    token = await sign_up(gateway)
    user_id = data(await gateway.graphql("{ me { id } }", token=token))["me"]["id"]
    search = data(await gateway.graphql(
        "mutation($i: SearchConfigInput!) { createSearchConfig(input: $i) { id } }",
        {"i": {"name": "Python", "jobTitles": ["python engineer"], "keywords": ["postgresql", "kafka"],
               "locations": ["Paris"], "remotePolicy": "HYBRID", "redFlags": ["unpaid"], "salaryMin": 50000,
               "salaryCurrency": "EUR", "sources": [{"source": "greenhouse",
                                                     "params": [{"name": "board_token", "value": "acme"}]}]}},
        token=token))["createSearchConfig"]["id"]
    await ingest(services, user_id, [
        posting(7, "greenhouse", common_pb2.REMOTE_TYPE_HYBRID,
                common_pb2.Salary(min=55000, currency="EUR", period=common_pb2.SALARY_PERIOD_YEAR),
                title="Senior Python Engineer", description="Python and PostgreSQL at scale.", locations=["Paris, FR"]),
    ], search_config_id=search)
    job_id = data(await gateway.graphql("{ jobFeed { nodes { id } } }", token=token))["jobFeed"]["nodes"][0]["id"]
    job = data(await gateway.graphql("query($id: ID!) { job(id: $id) { matchReasons } }", {"id": job_id},
                                     token=token))["job"]
    assert job["matchReasons"] == ["title:python engineer", "keyword:postgresql", "remote:HYBRID", "location:Paris",
                                   "salary_meets_floor", "no_red_flags"]
    listed = data(await gateway.graphql("{ jobFeed { nodes { matchReasons } } }", token=token))["jobFeed"]
    assert listed["nodes"][0]["matchReasons"] == []  # the feed leaves them out (one profile call per posting)

    manual = data(await gateway.graphql(
        "mutation { addJobManually(input: {company: \"Acme\", title: \"Cook\"}) { id } }", token=token))
    reasons = data(await gateway.graphql("query($id: ID!) { job(id: $id) { matchReasons } }",
                                         {"id": manual["addJobManually"]["id"]}, token=token))["job"]["matchReasons"]
    assert reasons == ["added_by_user"]


async def test_a_paused_search_and_a_deleted_one_are_told_apart(gateway: RunningGateway) -> None:
    token = await sign_up(gateway)
    fields = "id name active inactiveReason"
    created = []
    for name in ("Paused", "Deleted"):
        created.append(data(await gateway.graphql(
            f"mutation($i: SearchConfigInput!) {{ createSearchConfig(input: $i) {{ {fields} }} }}",
            {"i": {"name": name, "jobTitles": ["Engineer"],
                   "sources": [{"source": "remotive", "params": []}]}}, token=token))["createSearchConfig"])
    assert [(c["active"], c["inactiveReason"]) for c in created] == [(True, None), (True, None)]
    paused = data(await gateway.graphql(
        f"mutation($id: ID!) {{ updateSearchConfig(id: $id, input: {{active: false}}) {{ {fields} }} }}",
        {"id": created[0]["id"]}, token=token))["updateSearchConfig"]
    assert (paused["active"], paused["inactiveReason"]) == (False, None)
    assert data(await gateway.graphql("mutation($id: ID!) { deleteSearchConfig(id: $id) }", {"id": created[1]["id"]},
                                      token=token)) == {"deleteSearchConfig": True}
    listed = data(await gateway.graphql(f"{{ mySearchConfigs(includeInactive: true) {{ {fields} }} }}",
                                        token=token))["mySearchConfigs"]
    assert {c["name"]: (c["active"], c["inactiveReason"]) for c in listed} == {
        "Paused": (False, None), "Deleted": (False, "deleted")}
    resumed = data(await gateway.graphql(
        f"mutation($id: ID!) {{ updateSearchConfig(id: $id, input: {{active: true}}) {{ {fields} }} }}",
        {"id": created[1]["id"]}, token=token))["updateSearchConfig"]
    assert (resumed["active"], resumed["inactiveReason"]) == (True, None)


async def test_the_cv_info_names_the_fields_its_parse_could_not_read_or_did_not_find(gateway: RunningGateway,
                                                                                     services) -> None:
    token = await sign_up(gateway, "Cleo")
    cv = data(await gateway.graphql(
        "mutation($t: String!) { profileFromText(text: $t) { id unreadFields missingFields } }",
        {"t": "Cleo Example\ncleo@example.org\n\nSkills: Python"}, token=token))["profileFromText"]
    assert (cv["unreadFields"], cv["missingFields"]) == ([], [])  # nothing is known before the parse

    # ai_coach's answer, as it sends it: its name reader failed; the CV has no phone and no experience.
    pool = services.runtimes["profile_service"].pool
    command_id = str(await pool.fetchval("SELECT parse_command_id FROM cv_files WHERE id = $1", uuid.UUID(cv["id"])))
    parsed = profile_pb2.Profile(contact=profile_pb2.Contact(email="cleo@example.org"),
                                 skills=[profile_pb2.Skill(name="Python")])
    channel = grpc.aio.insecure_channel(services.address("profile_service"))
    try:
        await profile_pb2_grpc.ProfileServiceStub(channel).ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv["id"], parsed=parsed, fields_unread=["full_name"]),
            metadata=bearer(service_token("ai_coach", {"profile.cv.write"})), timeout=5)
    finally:
        await channel.close()

    reply = data(await gateway.graphql(
        "{ cvStatus { parseStatus unreadFields missingFields } myProfile { cv { unreadFields missingFields } } }",
        token=token))
    assert reply["cvStatus"] == {"parseStatus": "DONE", "unreadFields": ["fullName"],
                                 "missingFields": ["contact.phone", "experience"]}
    assert reply["myProfile"]["cv"] == {"unreadFields": ["fullName"], "missingFields": ["contact.phone", "experience"]}
