"""AddJobByUrl (SSRF refusals, extraction, red-flag marking, tracking-parameter dedup), IngestJobs, and
the expiry purge, through the real services on a real PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import grpc
import pytest

from discovery_service.repository import JobRepository
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2 as pb
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.fakes.boards import FakeBoard
from tests.helpers import bearer, service_token, user_token

JOB_PAGE = """<!doctype html><html lang="en"><head><title>Careers</title>
<script type="application/ld+json">{json}</script></head><body><h1>Data Engineer</h1></body></html>"""


def job_page(description: str) -> str:
    return JOB_PAGE.replace("{json}", json.dumps({
        "@context": "https://schema.org", "@type": "JobPosting", "title": "Data Engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Globex"}, "description": description,
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Lyon", "addressCountry": "FR"}},
        "datePosted": "2025-05-01"}))


async def start_discovery(services, **settings):
    await services.start("discovery_service", discovery_scheduler_enabled=False, **settings)
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    return channel, discovery_pb2_grpc.DiscoveryServiceStub(channel)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:5432/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/",
])
async def test_add_by_url_refuses_private_addresses_clearly_and_stores_nothing(services, url) -> None:
    channel, discovery = await start_discovery(services, allow_loopback_fetch=False)
    auth = bearer(user_token(str(uuid.uuid4())))
    try:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await discovery.AddJobByUrl(pb.AddJobByUrlRequest(url=url), metadata=auth)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.value.details().startswith("this address cannot be fetched:")
        feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)
        assert feed.page_info.total_count == 0
    finally:
        await channel.close()


async def test_a_redirect_to_a_private_address_is_refused(services) -> None:
    # Loopback is allowed here so the fake site can answer; the metadata address it redirects to is not.
    channel, discovery = await start_discovery(services, allow_loopback_fetch=True)
    auth = bearer(user_token(str(uuid.uuid4())))
    try:
        with FakeBoard() as site:
            site.add_text("/jobs/1", "", status=302, headers={"Location": "http://169.254.169.254/latest/"})
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await discovery.AddJobByUrl(pb.AddJobByUrlRequest(url=site.url("/jobs/1")), metadata=auth)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "cannot be fetched" in error.value.details()
        assert (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)).page_info.total_count == 0
    finally:
        await channel.close()


async def test_a_job_page_is_extracted_marked_and_not_added_twice_through_tracking_links(services) -> None:
    await services.start("profile_service")
    channel, discovery = await start_discovery(services, allow_loopback_fetch=True)
    profile_channel = grpc.aio.insecure_channel(services.address("profile_service"))
    profile = profile_pb2_grpc.ProfileServiceStub(profile_channel)
    try:
        reply = await profile.Register(profile_pb2.RegisterRequest(
            email=f"{uuid.uuid4().hex[:8]}@example.com", password="correct horse battery staple"))
        auth = bearer(reply.tokens.access_token)
        config = profile_pb2.SearchConfig(name="Data", job_titles=["Data Engineer"], red_flags=["Commission only"],
                                          active=True)
        config.sources.add(source="remotive")
        await profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=config), metadata=auth)
        with FakeBoard() as site:
            site.add_text("/careers/data-engineer", job_page("<p>Pay is commission-only, sadly.</p>"),
                          content_type="text/html")
            first = await discovery.AddJobByUrl(
                pb.AddJobByUrlRequest(url=site.url("/careers/data-engineer?utm_source=linkedin")), metadata=auth)
            again = await discovery.AddJobByUrl(
                pb.AddJobByUrlRequest(url=site.url("/careers/data-engineer?utm_medium=mail&fbclid=1")), metadata=auth)
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await discovery.AddJobByUrl(pb.AddJobByUrlRequest(url=site.url("/missing")), metadata=auth)
        job = first.job
        assert (job.title, job.company, list(job.locations), job.origin) == ("Data Engineer", "Globex",
                                                                              ["Lyon, FR"], "url")
        assert list(job.red_flags) == ["Commission only"]  # kept, since the user asked for it, but marked
        assert job.status == pb.JOB_STATUS_PENDING
        assert again.duplicate and again.job.id == job.id
        assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "404" in error.value.details()
        assert (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)).page_info.total_count == 1
    finally:
        await channel.close()
        await profile_channel.close()


PLAIN_JOB_PAGE = """<!doctype html><html lang="de"><body><nav><a href="/">Start</a> <a href="/jobs">Jobs</a></nav>
<section><h2>Mitarbeiter*in in der Logistik (m/w/d)</h2><p>Hafenwerk Logistik · Bremen, Deutschland</p>
<p>Wir sind ein Familienunternehmen mit 40 Beschäftigten und suchen ab sofort Verstärkung für unser Lager am
Hafen. Du packst gern mit an und behältst auch in der Hochsaison den Überblick.</p>
<h3>Deine Aufgaben</h3><ul><li>Waren annehmen, prüfen und einlagern.</li><li>Aufträge kommissionieren.</li></ul>
<h3>Wir bieten</h3><p>Gehalt: 2.900 € – 3.300 € brutto im Monat, 30 Tage Urlaub.</p>
<a href="/bewerbung">Jetzt bewerben</a></section></body></html>"""

BLOG_PAGE = """<!doctype html><html><head><title>Hafenwerk blog</title></head><body><article>
<h1>Ten years at the port</h1><p>We started with two trucks and a small warehouse, and today we run three sites
along the river. Here is what we learnt on the way, from forklifts to software.</p>
<p>Thanks to everyone who made it possible.</p></article></body></html>"""


async def test_a_page_without_structured_data_is_added_with_its_inferred_fields(services) -> None:
    channel, discovery = await start_discovery(services, allow_loopback_fetch=True)
    auth = bearer(user_token(str(uuid.uuid4())))
    try:
        with FakeBoard() as site:
            site.add_text("/jobs/lager", PLAIN_JOB_PAGE, content_type="text/html")
            site.add_text("/blog/ten-years", BLOG_PAGE, content_type="text/html")
            added = await discovery.AddJobByUrl(pb.AddJobByUrlRequest(url=site.url("/jobs/lager")), metadata=auth)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await discovery.AddJobByUrl(pb.AddJobByUrlRequest(url=site.url("/blog/ten-years")), metadata=auth)
        stored = (await discovery.GetJob(pb.GetJobRequest(id=added.job.id), metadata=auth)).job
        assert (stored.title, stored.company, list(stored.locations)) == (
            "Mitarbeiter*in in der Logistik (m/w/d)", "Hafenwerk Logistik", ["Bremen, Deutschland"])
        salary = stored.salary
        assert (salary.min, salary.max, salary.currency, salary.period, salary.gross) == (
            2900, 3300, "EUR", common_pb2.SALARY_PERIOD_MONTH, True)
        assert stored.description_text.startswith("Wir sind ein Familienunternehmen")
        assert list(stored.inferred_fields) == ["title", "company", "locations", "salary", "description"]
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert refused.value.details().startswith(
            "no job posting could be read from that page: the page does not read as a job posting")
        assert (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)).page_info.total_count == 1
    finally:
        await channel.close()


async def test_ingest_jobs_streams_postings_in_and_counts_out(services) -> None:
    channel, discovery = await start_discovery(services)
    user = str(uuid.uuid4())

    def posting(n: int, **fields) -> pb.IngestJobsRequest:
        job = pb.Job(source="import", external_id=f"job-{n}", url=f"https://example.com/jobs/{n}",
                     title=f"Engineer {n}", company="Initech", description_text=f"Role number {n}.", **fields)
        return pb.IngestJobsRequest(user_id=user, job=job)

    async def stream():
        for n in range(5):
            yield posting(n)
        yield posting(1)  # the same posting again
        yield pb.IngestJobsRequest(user_id=user, job=pb.Job(source="import", external_id="x"))  # no title
        yield pb.IngestJobsRequest(job=pb.Job(source="import", external_id="y", title="Orphan"))  # no user
        yield posting(9, raw_json="{broken")

    try:
        counts = await discovery.IngestJobs(stream(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        assert (counts.received, counts.inserted, counts.duplicates, counts.filtered, counts.invalid) == (9, 5, 1, 0, 3)
        feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=bearer(user_token(user)))
        assert sorted(job.title for job in feed.jobs) == [f"Engineer {n}" for n in range(5)]
        for token in (user_token(user), service_token("tools", {"discovery.read"})):
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await discovery.IngestJobs(stream(), metadata=bearer(token))
            assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
    finally:
        await channel.close()


async def test_untriaged_and_rejected_postings_expire_and_do_not_come_back(services) -> None:
    channel, discovery = await start_discovery(services)
    user = str(uuid.uuid4())
    auth = bearer(user_token(user))
    try:
        ids = [(await discovery.AddJobManually(pb.AddJobManuallyRequest(company="Acme", title=title), metadata=auth)).job.id
               for title in ("Old pending", "Old rejected", "Kept approved", "Fresh pending")]
        await discovery.SetJobStatus(pb.SetJobStatusRequest(id=ids[1], status=pb.JOB_STATUS_REJECTED), metadata=auth)
        await discovery.SetJobStatus(pb.SetJobStatusRequest(id=ids[2], status=pb.JOB_STATUS_APPROVED), metadata=auth)
        pool = services.runtimes["discovery_service"].pool
        await pool.execute("UPDATE jobs SET status_changed_at = now() - interval '60 days' WHERE id = ANY($1::uuid[])",
                           [uuid.UUID(i) for i in ids[:3]])
        repository = JobRepository(pool)
        purged, _ = await repository.purge_expired(pending_ttl=timedelta(days=30), rejected_ttl=timedelta(days=14),
                                                   tombstone_ttl=timedelta(days=180))
        assert purged == 2
        feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=auth)
        assert sorted(job.title for job in feed.jobs) == ["Fresh pending", "Kept approved"]

        async def ingest_again():
            yield pb.IngestJobsRequest(user_id=user, job=pb.Job(source="manual", external_id="whatever",
                                                                title="Old rejected", company="Acme"))
        counts = await discovery.IngestJobs(ingest_again(), metadata=bearer(service_token("t", {"discovery.ingest"})))
        assert (counts.inserted, counts.duplicates) == (0, 1)  # a purged posting is remembered
        readd = await discovery.AddJobManually(pb.AddJobManuallyRequest(company="Acme", title="Old rejected"),
                                               metadata=auth)
        assert not readd.duplicate  # ...unless the user adds it back themselves
    finally:
        await channel.close()
