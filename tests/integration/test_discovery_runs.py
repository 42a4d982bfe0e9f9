"""Discovery runs through the real discovery and profile services, with loopback fake job boards standing
in for Greenhouse and Arbeitnow: retries and paging, filters, cross-board de-duplication, per-source
failure, minimum fetch intervals, racing schedulers and stuck-run recovery; hh.ru gets the configured
HH-User-Agent."""

from __future__ import annotations

import asyncio
import html
import uuid

import grpc
import pytest

from common.bus import Bus
from discovery_service.runner import SearchRunner
from discovery_service.server import make_scheduler
from discovery_service.sources.hh import DEFAULT_USER_AGENT
from jobmate.discovery.v1 import discovery_pb2 as pb
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.fakes.boards import FakeBoard
from tests.helpers import bearer, wait_for

DESCRIPTION = "<p>Build our Python APIs.</p><ul><li><p>Django</p></li><li>PostgreSQL</li></ul>"


def greenhouse_job(job_id: int, title: str, *, description: str = DESCRIPTION, location: str = "Berlin",
                   url: str | None = None) -> dict:
    return {"id": job_id, "title": title, "company_name": "Acme", "location": {"name": location},
            "absolute_url": url or f"https://boards.greenhouse.io/acme/jobs/{job_id}",
            "content": html.escape(description), "updated_at": f"2025-05-{job_id % 28 + 1:02d}T10:00:00Z",
            "metadata": []}


def arbeitnow_job(slug: str, title: str, *, description: str = DESCRIPTION, location: str = "Berlin") -> dict:
    return {"slug": slug, "title": title, "company_name": "Acme GmbH", "location": location, "remote": False,
            "url": f"https://www.arbeitnow.com/jobs/{slug}?utm_source=feed", "description": description,
            "tags": ["python"], "job_types": ["full time"], "created_at": 1746000000}


@pytest.fixture
def board():
    with FakeBoard() as fake:
        yield fake


@pytest.fixture
async def mesh(services, board):
    overrides = {"greenhouse": board.base_url, "arbeitnow": board.base_url, "smartrecruiters": board.base_url}
    await services.start("profile_service")
    runtime = await services.start("discovery_service", discovery_scheduler_enabled=False,
                                   source_base_url_overrides=overrides, discovery_fetch_per_host_interval_s=0.01)
    profile_channel = grpc.aio.insecure_channel(services.address("profile_service"))
    discovery_channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    yield (profile_pb2_grpc.ProfileServiceStub(profile_channel),
           discovery_pb2_grpc.DiscoveryServiceStub(discovery_channel), runtime)
    await profile_channel.close()
    await discovery_channel.close()


async def register(profile) -> tuple[str, list]:
    reply = await profile.Register(profile_pb2.RegisterRequest(
        email=f"{uuid.uuid4().hex[:10]}@example.com", password="correct horse battery staple", full_name="Ada"))
    return reply.user.id, bearer(reply.tokens.access_token)


async def save_search(profile, auth, **fields) -> profile_pb2.SearchConfig:
    config = profile_pb2.SearchConfig(name="Python", job_titles=["Python Developer"], red_flags=["unpaid"],
                                      run_interval_minutes=60, active=True, **fields)
    if not config.sources:
        config.sources.add(source="greenhouse", params={"board_token": "acme"})
    reply = await profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=config), metadata=auth)
    return reply.config


async def run_now(discovery, auth, config_id: str) -> pb.DiscoveryRun:
    started = await discovery.RunSearchNow(pb.RunSearchNowRequest(search_config_id=config_id), metadata=auth)

    async def finished():
        runs = await discovery.ListDiscoveryRuns(pb.ListDiscoveryRunsRequest(search_config_id=config_id),
                                                 metadata=auth)
        run = next(r for r in runs.runs if r.id == started.run.id)
        return run if run.status != pb.RUN_STATUS_RUNNING else None

    return await wait_for(finished, timeout_s=30)


async def test_a_search_on_smartrecruiters_fills_the_inbox_with_the_job_ads_and_their_pay(mesh, board) -> None:
    profile, discovery, _ = mesh
    _, auth = await register(profile)
    config = profile_pb2.SearchConfig(name="Python", job_titles=["Python Developer"], run_interval_minutes=60,
                                      active=True)
    config.sources.add(source="smartrecruiters", params={"company": "Acme1", "max_results": "10"})
    config = (await profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=config),
                                               metadata=auth)).config
    listing = {"offset": 0, "limit": 100, "totalFound": 2, "content": [
        {"id": "744000001", "name": "Python Developer", "company": {"identifier": "Acme1", "name": "Acme"},
         "releasedDate": "2026-03-01T10:00:00.000Z", "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
         "location": {"city": "Berlin", "country": "de", "remote": False, "hybrid": True,
                      "fullLocation": "Berlin, Germany"}},
        {"id": "744000002", "name": "Office Manager", "company": {"identifier": "Acme1", "name": "Acme"},
         "location": {"city": "Berlin", "country": "de"}},
    ]}
    board.add_json("/v1/companies/Acme1/postings", listing)
    board.add_json("/v1/companies/Acme1/postings/744000001", {**listing["content"][0],
        "postingUrl": "https://jobs.smartrecruiters.com/Acme1/744000001-python-developer",
        "jobAd": {"sections": {
            "jobDescription": {"title": "Job Description", "text": "<p>Build our Python services.</p>"},
            "additionalInformation": {"title": "Additional Information",
                                      "text": "<p>Salary: €65.000 – €75.000 brutto per year.</p>"}}}})
    board.add_json("/v1/companies/Acme1/postings/744000002", {**listing["content"][1], "jobAd": {"sections": {}}})

    run = await run_now(discovery, auth, config.id)

    assert run.status == pb.RUN_STATUS_SUCCEEDED, run.errors
    assert (run.fetched, run.new_count, dict(run.filtered_by_reason)) == (2, 1, {"irrelevant_title": 1})
    [job] = (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)).jobs
    assert (job.source, job.title, job.company, list(job.locations)) == (
        "smartrecruiters", "Python Developer", "Acme", ["Berlin, Germany"])
    assert job.url == "https://jobs.smartrecruiters.com/Acme1/744000001-python-developer"
    assert job.description_text.startswith("Job Description\n\nBuild our Python services.")
    assert (job.salary.min, job.salary.max, job.salary.currency, job.salary.gross) == (65_000, 75_000, "EUR", True)
    assert list(job.inferred_fields) == ["salary"]


async def test_a_run_retries_filters_merges_across_boards_and_tells_the_user(mesh, board, redis_url) -> None:
    profile, discovery, _ = mesh
    user_id, auth = await register(profile)
    config = await save_search(profile, auth)
    config.sources.add(source="arbeitnow", params={"max_pages": "3"})
    config = (await profile.UpdateSearchConfig(profile_pb2.UpdateSearchConfigRequest(
        config=config, update_mask={"paths": ["sources"]}), metadata=auth)).config
    board.add_json("/v1/boards/acme/jobs", {"error": "down"}, status=503)  # retried
    board.add_json("/v1/boards/acme/jobs", {"jobs": [
        greenhouse_job(1, "Senior Python Developer"),
        greenhouse_job(2, "Python Developer (unpaid)", description="<p>An UNPAID role.</p>"),
        greenhouse_job(3, "Sales Manager"),
        greenhouse_job(4, "Python Developer", location="Paris", description="<p>Another team.</p>",
                       url="https://boards.greenhouse.io/acme/jobs/4?gh_src=abc&utm_campaign=x"),
    ]})
    # Arbeitnow pages: page 2 is rate-limited once; its posting is job 1 again (same text, "Acme GmbH").
    board.add_json("/api/job-board-api", {"data": [arbeitnow_job("py-dev-x", "Python Developer II")],
                                          "links": {"next": "?page=2"}}, query={"page": "1"})
    board.add_json("/api/job-board-api", {"message": "slow down"}, status=429, headers={"Retry-After": "1"},
                   query={"page": "2"})
    board.add_json("/api/job-board-api", {"data": [arbeitnow_job("acme-senior-python", "Senior Python Developer")],
                                          "links": {"next": None}}, query={"page": "2"})

    run = await run_now(discovery, auth, config.id)

    assert run.status == pb.RUN_STATUS_SUCCEEDED, run.errors
    assert (run.fetched, run.new_count, run.duplicates, run.filtered) == (6, 3, 1, 2)
    assert dict(run.filtered_by_reason) == {"red_flag:unpaid": 1, "irrelevant_title": 1}
    assert run.trigger == "manual" and run.duration_ms >= 0
    assert len(board.requests_to("/v1/boards/acme/jobs")) == 2
    assert [r.query["page"] for r in board.requests_to("/api/job-board-api")] == ["1", "2", "2"]

    feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)
    titles = sorted(job.title for job in feed.jobs)
    assert titles == ["Python Developer", "Python Developer II", "Senior Python Developer"]
    merged = next(job for job in feed.jobs if job.title == "Senior Python Developer")
    assert merged.source_urls == ["https://boards.greenhouse.io/acme/jobs/1",
                                  "https://www.arbeitnow.com/jobs/acme-senior-python?utm_source=feed"]
    assert merged.description_text == "Build our Python APIs.\n\n- Django\n- PostgreSQL"
    assert all(job.search_config_id == config.id and job.origin == "schedule" for job in feed.jobs)

    bus = Bus.from_url(redis_url)
    try:
        async def discovered():
            entries = await bus.read_user_events(user_id)
            events = [entry.event for entry in entries]
            return [e for e in events if e.type == events_pb2.EVENT_TYPE_JOB_DISCOVERED] and events
        events = await wait_for(discovered)
    finally:
        await bus.close()
    [found] = [e for e in events if e.type == events_pb2.EVENT_TYPE_JOB_DISCOVERED]
    assert found.job_discovered.count == 3 and set(found.job_discovered.job_ids) == {j.id for j in feed.jobs}
    progress = [e.discovery_run_progress for e in events if e.type == events_pb2.EVENT_TYPE_DISCOVERY_RUN_PROGRESS]
    # Started, one event per board done while running (with the postings fetched so far), finished.
    assert [(p.status, p.sources_done, p.sources_total) for p in progress] == [
        ("RUNNING", 0, 2), ("RUNNING", 1, 2), ("SUCCEEDED", 2, 2)]
    assert progress[1].fetched in (4, 2)  # greenhouse's four postings or arbeitnow's two, whichever came first
    assert progress[2].fetched == 6


async def test_a_failing_board_fails_only_its_part_and_boards_are_not_called_too_often(mesh, board) -> None:
    profile, discovery, _ = mesh
    _, auth = await register(profile)
    config = await save_search(profile, auth)
    config.sources.add(source="arbeitnow", params={"max_pages": "1"})
    config = (await profile.UpdateSearchConfig(profile_pb2.UpdateSearchConfigRequest(
        config=config, update_mask={"paths": ["sources"]}), metadata=auth)).config
    board.add_json("/v1/boards/acme/jobs", {"jobs": [greenhouse_job(1, "Python Developer")]})
    board.add_text("/api/job-board-api", "{not json")

    first = await run_now(discovery, auth, config.id)
    assert first.status == pb.RUN_STATUS_PARTIAL
    assert [(e.source, "malformed JSON" in e.reason) for e in first.errors] == [("arbeitnow", True)]
    assert first.new_count == 1

    second = await run_now(discovery, auth, config.id)  # both boards allow one call an hour per search
    assert second.status == pb.RUN_STATUS_SUCCEEDED and second.fetched == 0
    assert sorted(s.source for s in second.skipped) == ["arbeitnow", "greenhouse"]
    assert len(board.requests_to("/v1/boards/acme/jobs")) == 1


async def test_run_search_now_is_only_for_the_owners_search(mesh) -> None:
    profile, discovery, _ = mesh
    _, owner = await register(profile)
    _, intruder = await register(profile)
    config = await save_search(profile, owner)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.RunSearchNow(pb.RunSearchNowRequest(search_config_id=config.id), metadata=intruder)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    runs = await discovery.ListDiscoveryRuns(pb.ListDiscoveryRunsRequest(), metadata=intruder)
    assert list(runs.runs) == []


async def test_two_schedulers_racing_never_run_the_same_search_twice(mesh, board) -> None:
    profile, discovery, runtime = mesh
    board.add_json("/v1/boards/acme/jobs", {"jobs": [greenhouse_job(1, "Python Developer")]})
    searches = []
    for _ in range(6):
        user_id, auth = await register(profile)
        searches.append((await save_search(profile, auth)).id)
    replicas = [make_scheduler(runtime, _runner(runtime, name), _profile_client(runtime), _outbox(runtime))
                for name in ("replica-a", "replica-b", "replica-c")]
    assert await replicas[0].sync()
    started = await asyncio.gather(*(replica.claim_and_start() for replica in replicas for _ in range(3)))
    assert sum(started) == len(searches)
    for replica in replicas:
        await asyncio.gather(*list(replica._runner._tasks))
    async with runtime.pool.acquire() as conn:
        per_config = await conn.fetch("SELECT search_config_id, count(*) AS runs FROM discovery_runs"
                                      " GROUP BY search_config_id")
        claimed = await conn.fetchval("SELECT count(*) FROM search_schedules WHERE claimed_by IS NOT NULL")
    assert sorted(row["search_config_id"] for row in per_config) == sorted(searches)
    assert {row["runs"] for row in per_config} == {1}
    assert claimed == 0
    assert sum(await asyncio.gather(*(replica.claim_and_start() for replica in replicas))) == 0  # none due yet


async def test_a_run_stuck_in_running_is_recovered_and_its_search_runs_again(mesh, board) -> None:
    profile, discovery, runtime = mesh
    board.add_json("/v1/boards/acme/jobs", {"jobs": [greenhouse_job(1, "Python Developer")]})
    _, auth = await register(profile)
    config = await save_search(profile, auth)
    scheduler = make_scheduler(runtime, _runner(runtime, "survivor"), _profile_client(runtime), _outbox(runtime))
    await scheduler.sync()
    # A replica claimed the search and started a run, then died: both are two hours old.
    async with runtime.pool.acquire() as conn:
        await conn.execute("UPDATE search_schedules SET claimed_by = 'dead-replica', claimed_at = now() - interval '2 hours'")
        stuck_id = await conn.fetchval(
            "INSERT INTO discovery_runs (id, search_config_id, user_id, trigger, runner, started_at)"
            " SELECT gen_random_uuid(), search_config_id, user_id, 'schedule', 'dead-replica', now() - interval '2 hours'"
            " FROM search_schedules RETURNING id")
    assert await scheduler.claim_and_start() == 0  # still claimed by the dead replica

    assert await scheduler.tick() == 1
    runs = await discovery.ListDiscoveryRuns(pb.ListDiscoveryRunsRequest(search_config_id=config.id), metadata=auth)
    stuck = next(run for run in runs.runs if run.id == str(stuck_id))
    assert stuck.status == pb.RUN_STATUS_FAILED
    assert "did not finish in time" in stuck.errors[0].reason

    async def new_run_done():
        listed = await discovery.ListDiscoveryRuns(pb.ListDiscoveryRunsRequest(search_config_id=config.id),
                                                   metadata=auth)
        return [r for r in listed.runs if r.id != str(stuck_id) and r.status == pb.RUN_STATUS_SUCCEEDED]
    assert await wait_for(new_run_done)


# --- replicas in the test's process, sharing the service's database -----------------------------------
def _outbox(runtime):
    from common.outbox import Outbox

    return Outbox(runtime.pool, runtime.bus)


def _profile_client(runtime):
    from discovery_service.profile_client import ProfileClient

    return ProfileClient(runtime.channel(runtime.settings.profile_addr))


def _runner(runtime, name: str) -> SearchRunner:
    from discovery_service.sources import build_sources
    from discovery_service.web.fetch import HttpFetcher

    sources = build_sources(runtime.settings.source_base_url_overrides)
    return SearchRunner(pool=runtime.pool, outbox=_outbox(runtime), sources=sources,
                        fetcher=HttpFetcher(per_host_interval_s=0.0), runner_name=name, source_timeout_s=30)


def hh_vacancy(vacancy_id: int, title: str) -> dict:
    return {"id": str(vacancy_id), "name": title, "alternate_url": f"https://hh.ru/vacancy/{vacancy_id}",
            "employer": {"name": "Яндекс"}, "area": {"name": "Москва"},
            "snippet": {"responsibility": "Python APIs"}, "published_at": "2025-05-01T12:00:00+0300"}


@pytest.mark.parametrize("configured", ["JobMate/1.0 (jobs@example.org)", ""])
async def test_hh_receives_the_configured_user_agent_and_a_missing_one_is_warned_about(
        services, board, caplog, configured) -> None:
    await services.start("profile_service")
    with caplog.at_level("WARNING", logger="discovery_service.server"):
        await services.start("discovery_service", discovery_scheduler_enabled=False, hh_user_agent=configured,
                             source_base_url_overrides={"hh": board.base_url},
                             discovery_fetch_per_host_interval_s=0.01)
    warned = [r for r in caplog.records if "HH_USER_AGENT is not set" in r.getMessage()]
    assert bool(warned) == (not configured)
    board.add_json("/vacancies", {"items": [hh_vacancy(7, "Python Developer")], "found": 1, "pages": 1,
                                  "page": 0, "per_page": 100})
    profile_channel = grpc.aio.insecure_channel(services.address("profile_service"))
    discovery_channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    try:
        profile = profile_pb2_grpc.ProfileServiceStub(profile_channel)
        discovery = discovery_pb2_grpc.DiscoveryServiceStub(discovery_channel)
        _, auth = await register(profile)
        config = profile_pb2.SearchConfig(name="Python", job_titles=["Python Developer"], run_interval_minutes=60,
                                          active=True)
        config.sources.add(source="hh", params={"details": "false"})
        config = (await profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=config),
                                                   metadata=auth)).config

        run = await run_now(discovery, auth, config.id)

        assert run.status == pb.RUN_STATUS_SUCCEEDED, run.errors
        assert run.new_count == 1
        [search] = board.requests_to("/vacancies")
        expected = configured or DEFAULT_USER_AGENT
        assert search.headers["hh-user-agent"] == expected
    finally:
        await profile_channel.close()
        await discovery_channel.close()
