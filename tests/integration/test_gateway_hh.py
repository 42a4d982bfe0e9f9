"""HH.ru through GraphQL, the gateway in front of the real services and the loopback fake HH: linking
(startHhLink → HH's authorize page → completeHhLink, a forged or replayed state refused), resumes and the
default one, unlinking; an installation without HH says it is off; auto-apply settings of a saved search
(validated), the kill switch, and discarding only a dry run's letter."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import from_url as connect

from common.secret_box import generate_key_spec
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from tests.fakes.hh import FakeHH, hh_resume
from tests.integration.test_gateway import codes, data, register

ACCOUNT = "hhAccount { enabled linked hhUserId email name defaultResumeId linkedAt needsRelinkReason }"


@pytest.fixture
def hh():
    with FakeHH() as fake:
        yield fake


@pytest.fixture
async def hh_gateway(services, hh) -> AsyncIterator[RunningGateway]:
    hh_settings = hh.jobmate_settings(hh_token_keys=generate_key_spec("k1"))
    await services.start("profile_service", **hh_settings)
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    await services.start("tracker_service", **hh_settings, hh_apply_poll_interval_s=0)
    client = connect(services.redis_url)
    for key in await client.keys("gateway:ratelimit:*"):
        await client.delete(key)
    await client.aclose()
    async with RunningGateway(services.settings(), GatewaySettings()) as running:
        yield running


async def browser_allows(authorize_url: str) -> dict[str, str]:
    """What a browser does at HH's authorize page: show it, click Allow, follow to the callback."""
    async with httpx.AsyncClient() as browser:
        page = await browser.get(authorize_url)
        assert page.status_code == 200 and "Allow" in page.text
        fields = dict(httpx.QueryParams(authorize_url.split("?", 1)[1]))
        answer = await browser.post(authorize_url.split("?", 1)[0], data={**fields, "decision": "allow"})
    assert answer.status_code == 302
    return dict(httpx.QueryParams(answer.headers["location"].split("?", 1)[1]))


async def link(gateway: RunningGateway, token: str) -> dict:
    start = data(await gateway.graphql("mutation { startHhLink { authorizeUrl expiresAt } }", token=token))
    callback = await browser_allows(start["startHhLink"]["authorizeUrl"])
    return data(await gateway.graphql(
        "mutation($c: String!, $s: String!) { completeHhLink(code: $c, state: $s) "
        "{ enabled linked hhUserId email } }", {"c": callback["code"], "s": callback["state"]},
        token=token))["completeHhLink"]


async def test_link_pick_a_resume_and_unlink_through_graphql(hh_gateway, hh) -> None:
    seeker = hh.add_user(resumes=[hh_resume("r1", "Python developer"), hh_resume("r2", "Team lead")])
    _, token, _ = await register(hh_gateway)
    before = data(await hh_gateway.graphql(f"{{ {ACCOUNT} }}", token=token))["hhAccount"]
    assert before["enabled"] is True and before["linked"] is False

    linked = await link(hh_gateway, token)
    assert linked == {"enabled": True, "linked": True, "hhUserId": seeker.id, "email": seeker.email}
    resumes = data(await hh_gateway.graphql("{ hhResumes { id title status url isDefault } }", token=token))
    assert [(r["id"], r["isDefault"]) for r in resumes["hhResumes"]] == [("r1", False), ("r2", False)]
    data(await hh_gateway.graphql('mutation { setDefaultHhResume(resumeId: "r2") { defaultResumeId } }',
                                  token=token))
    resumes = data(await hh_gateway.graphql('{ hhResumes(vacancyId: "55") { id isDefault } }', token=token))
    assert resumes["hhResumes"] == [{"id": "r1", "isDefault": False}, {"id": "r2", "isDefault": True}]

    assert data(await hh_gateway.graphql("mutation { unlinkHhAccount }", token=token))["unlinkHhAccount"] is True
    after = data(await hh_gateway.graphql(f"{{ {ACCOUNT} }}", token=token))["hhAccount"]
    assert after["linked"] is False and hh.grant_count() == 0


async def test_a_forged_or_replayed_state_is_refused_through_graphql(hh_gateway, hh) -> None:
    hh.add_user()
    _, token, _ = await register(hh_gateway)
    _, other, _ = await register(hh_gateway, "Mallory")
    start = data(await hh_gateway.graphql("mutation { startHhLink { authorizeUrl } }", token=token))
    callback = await browser_allows(start["startHhLink"]["authorizeUrl"])
    complete = "mutation($c: String!, $s: String!) { completeHhLink(code: $c, state: $s) { linked } }"
    forged = await hh_gateway.graphql(complete, {"c": callback["code"], "s": "x" + callback["state"]}, token=token)
    stolen = await hh_gateway.graphql(complete, {"c": callback["code"], "s": callback["state"]}, token=other)
    assert codes(forged) == codes(stolen) == ["FORBIDDEN"]
    assert "start linking again" in forged["errors"][0]["message"]
    data(await hh_gateway.graphql(complete, {"c": callback["code"], "s": callback["state"]}, token=token))
    replayed = await hh_gateway.graphql(complete, {"c": callback["code"], "s": callback["state"]}, token=token)
    assert codes(replayed) == ["FORBIDDEN"]
    anonymous = await hh_gateway.graphql("mutation { startHhLink { authorizeUrl } }")
    assert codes(anonymous) == ["UNAUTHENTICATED"]


async def ingest_hh_posting(services, user_id: str, vacancy_id: str) -> str:
    """An HH vacancy in the user's inbox, as discovery's hh source would bring it; its job id."""
    import grpc

    from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
    from tests.helpers import bearer, service_token, user_token

    async with grpc.aio.insecure_channel(services.address("discovery_service")) as channel:
        stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)
        job = discovery_pb2.Job(source="hh", external_id=vacancy_id, title="Python developer", company="Yandex",
                                url=f"https://hh.ru/vacancy/{vacancy_id}", description_text="Python, PostgreSQL.")

        async def one():
            yield discovery_pb2.IngestJobsRequest(user_id=user_id, job=job)

        await stub.IngestJobs(one(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        feed = await stub.GetJobFeed(discovery_pb2.GetJobFeedRequest(), metadata=bearer(user_token(user_id)))
        return next(j.id for j in feed.jobs if j.external_id == vacancy_id)


async def test_apply_from_graphql_the_queue_the_bucket_and_the_timeline(hh_gateway, hh, services) -> None:
    from tracker_service import server as tracker_server

    seeker = hh.add_user(resumes=[hh_resume("r1", "Python developer")])
    user_id, token, _ = await register(hh_gateway)
    card = data(await hh_gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id status } }",
                                         {"id": await ingest_hh_posting(services, user_id, "4242")},
                                         token=token))["approveJob"]
    apply = "mutation($a: ID!, $r: String!, $m: String!) { applyOnHh(applicationId: $a, resumeId: $r, message: $m) " \
            "{ id state reason detail message attempts } }"
    not_linked = await hh_gateway.graphql(apply, {"a": card["id"], "r": "r1", "m": "Hello"}, token=token)
    assert codes(not_linked) == ["BAD_USER_INPUT"] and "link one" in not_linked["errors"][0]["message"]

    await link(hh_gateway, token)
    queued = data(await hh_gateway.graphql(apply, {"a": card["id"], "r": "r1", "m": "Hello"}, token=token))
    assert queued["applyOnHh"]["state"] == "QUEUED" and queued["applyOnHh"]["message"] == "Hello"
    bucket = "{ hhApplyBucket { tokens capacity refillPerHour nextTokenAt queued } }"
    assert data(await hh_gateway.graphql(bucket, token=token))["hhApplyBucket"] == {
        "tokens": 20.0, "capacity": 20.0, "refillPerHour": 8.0, "nextTokenAt": None, "queued": 1}

    await tracker_server.hh_apply_worker(services.runtimes["tracker_service"]).run_once()
    applies = data(await hh_gateway.graphql(
        "{ hhApplies { nodes { state negotiationId attempts } pageInfo { hasNextPage } } }", token=token))
    assert applies["hhApplies"]["nodes"] == [{"state": "APPLIED", "negotiationId": seeker.negotiations[0]["id"],
                                              "attempts": 1}]
    after = data(await hh_gateway.graphql(bucket, token=token))["hhApplyBucket"]
    assert 19 <= after["tokens"] < 19.01 and after["nextTokenAt"] and after["queued"] == 0
    timeline = data(await hh_gateway.graphql(
        "query($a: ID!) { timeline(applicationId: $a) { nodes { kind origin body hhApply { outcome resumeId } } } }",
        {"a": card["id"]}, token=token))["timeline"]["nodes"]
    applied = [n for n in timeline if n["kind"] == "HH_APPLY"]
    assert applied[0] == {"kind": "HH_APPLY", "origin": "HH_APPLY", "body": "Hello",
                          "hhApply": {"outcome": "APPLIED", "resumeId": "r1"}}
    status = data(await hh_gateway.graphql("query($id: ID!) { application(id: $id) { status } }",
                                           {"id": card["id"]}, token=token))
    assert status["application"]["status"] == "APPLIED"


SEARCH = "id autoApply { enabled minFitScore dailyCap dryRun }"


async def test_auto_apply_settings_and_the_kill_switch_through_graphql(hh_gateway, hh, services) -> None:
    hh.add_user(resumes=[hh_resume("r1", "Python developer")])
    _, token, _ = await register(hh_gateway)
    create = f"mutation($i: SearchConfigInput!) {{ createSearchConfig(input: $i) {{ {SEARCH} }} }}"
    base = {"name": "Python", "jobTitles": ["Python developer"], "sources": [{"source": "hh", "params": []}]}

    # Off by default.
    plain = data(await hh_gateway.graphql(create, {"i": base}, token=token))["createSearchConfig"]
    assert plain["autoApply"] == {"enabled": False, "minFitScore": 0.0, "dailyCap": 0, "dryRun": False}
    # Refused with a reason: a threshold off the 0-100 scale, a cap too high, a search without HH.
    for auto, message in (({"enabled": True, "minFitScore": 120}, "between 0 and 100"),
                          ({"enabled": True, "minFitScore": 70, "dailyCap": 500}, "between 1 and 200")):
        refused = await hh_gateway.graphql(create, {"i": {**base, "autoApply": auto}}, token=token)
        assert codes(refused) == ["BAD_USER_INPUT"] and message in refused["errors"][0]["message"]
    greenhouse = {**base, "sources": [{"source": "greenhouse", "params": [{"name": "board_token", "value": "acme"}]}]}
    refused = await hh_gateway.graphql(create, {"i": {**greenhouse, "autoApply": {"enabled": True}}}, token=token)
    assert codes(refused) == ["BAD_USER_INPUT"] and "HH.ru postings only" in refused["errors"][0]["message"]
    # On, with the default cap; then changed alone on update.
    auto = data(await hh_gateway.graphql(create, {"i": {**base, "autoApply": {"enabled": True, "minFitScore": 72.5,
                                                                              "dailyCap": 0}}}, token=token))
    search = auto["createSearchConfig"]
    assert search["autoApply"] == {"enabled": True, "minFitScore": 72.5, "dailyCap": 5, "dryRun": False}
    update = f"mutation($id: ID!, $i: SearchConfigInput!) {{ updateSearchConfig(id: $id, input: $i) {{ {SEARCH} }} }}"
    updated = data(await hh_gateway.graphql(update, {"id": search["id"], "i": {"autoApply": {
        "enabled": True, "minFitScore": 80, "dailyCap": 2, "dryRun": True}}}, token=token))["updateSearchConfig"]
    assert updated["autoApply"] == {"enabled": True, "minFitScore": 80.0, "dailyCap": 2, "dryRun": True}

    # The kill switch: off until set; setting it says how many pending automatic applies it stopped.
    switch = "{ autoApplySwitch { stopped changedAt } }"
    assert data(await hh_gateway.graphql(switch, token=token))["autoApplySwitch"] == {"stopped": False,
                                                                                      "changedAt": None}
    stop = "mutation($s: Boolean!) { setAutoApplyStopped(stopped: $s) { stopped changedAt appliesStopped } }"
    stopped = data(await hh_gateway.graphql(stop, {"s": True}, token=token))["setAutoApplyStopped"]
    assert stopped["stopped"] is True and stopped["appliesStopped"] == 0 and stopped["changedAt"]
    assert data(await hh_gateway.graphql(switch, token=token))["autoApplySwitch"]["stopped"] is True

    # Only a dry run's letter can be discarded: a queued apply cannot, an unknown id is not found.
    await link(hh_gateway, token)
    user_id = data(await hh_gateway.graphql("{ me { id } }", token=token))["me"]["id"]
    card = data(await hh_gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }",
                                         {"id": await ingest_hh_posting(services, user_id, "5151")},
                                         token=token))["approveJob"]
    queued = data(await hh_gateway.graphql(
        "mutation($a: ID!) { applyOnHh(applicationId: $a, resumeId: \"r1\", message: \"Hello\") { id state } }",
        {"a": card["id"]}, token=token))["applyOnHh"]
    discard = "mutation($id: ID!) { discardHhApply(id: $id) { id state } }"
    refused = await hh_gateway.graphql(discard, {"id": queued["id"]}, token=token)
    assert codes(refused) == ["BAD_USER_INPUT"] and "waiting for your review" in refused["errors"][0]["message"]
    missing = await hh_gateway.graphql(discard, {"id": "00000000-0000-0000-0000-000000000000"}, token=token)
    assert codes(missing) == ["NOT_FOUND"]
