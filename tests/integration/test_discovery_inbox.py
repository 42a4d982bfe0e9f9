"""The inbox through the real discovery_service over gRPC, on a real PostgreSQL: adding postings by hand,
reading them (alone, in batches, as a feed), triaging them, and never across users."""

from __future__ import annotations

import uuid

import grpc
import pytest

from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2 as pb
from jobmate.discovery.v1 import discovery_pb2_grpc
from tests.helpers import bearer, service_token, user_token


@pytest.fixture
async def discovery(services):
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    yield discovery_pb2_grpc.DiscoveryServiceStub(channel)
    await channel.close()


def as_user(user_id: str):
    return bearer(user_token(user_id))


async def add(stub, user_id: str, **fields) -> pb.AddJobManuallyResponse:
    request = pb.AddJobManuallyRequest(**{"company": "Acme", "title": "Backend Engineer", **fields})
    return await stub.AddJobManually(request, metadata=as_user(user_id))


async def test_a_job_added_by_hand_is_pending_in_the_users_inbox_with_everything_they_wrote(discovery) -> None:
    user = str(uuid.uuid4())
    added = await add(discovery, user, location="Berlin", description="Build APIs.\n\nWith Python & <Go>.",
                      start_date="2025-09-01", duration="6 months", why_us="Great mission",
                      url="https://jobs.example.com/acme/42?utm_source=x")
    assert not added.duplicate
    job = (await discovery.GetJob(pb.GetJobRequest(id=added.job.id), metadata=as_user(user))).job
    assert (job.title, job.company, list(job.locations)) == ("Backend Engineer", "Acme", ["Berlin"])
    assert job.status == pb.JOB_STATUS_PENDING
    assert (job.start_date, job.duration, job.why_us, job.origin) == ("2025-09-01", "6 months", "Great mission", "manual")
    assert job.description_text == "Build APIs.\n\nWith Python & <Go>."
    assert "&lt;Go&gt;" in job.description_html and "<Go>" not in job.description_html
    assert job.url == "https://jobs.example.com/acme/42?utm_source=x"
    assert job.user_id == user
    assert job.HasField("expires_at") and job.expires_at.ToDatetime() > job.discovered_at.ToDatetime()
    assert job.raw_json == ""  # the raw payload is for internal tooling only


async def test_a_feed_without_descriptions_leaves_only_them_out(discovery) -> None:
    user = str(uuid.uuid4())
    await add(discovery, user, location="Berlin", description="Build APIs with Python.")
    full = (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))).jobs[0]
    short = (await discovery.GetJobFeed(pb.GetJobFeedRequest(omit_descriptions=True), metadata=as_user(user))).jobs[0]
    assert full.description_text == "Build APIs with Python." and "Build APIs" in full.description_html
    assert (short.description_text, short.description_html) == ("", "")
    short.description_text, short.description_html = full.description_text, full.description_html
    assert short == full  # everything else is the same
    assert full.raw_json == ""  # a feed never carries the raw payload


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "  "}, "title is required"),
    ({"company": ""}, "company is required"),
    ({"start_date": "next monday"}, "start_date must be a date"),
    ({"url": "ftp://example.com/job"}, "http:// or https://"),
    ({"description": "x" * 100_001}, "description is too long"),
])
async def test_bad_manual_input_is_refused_clearly_and_stores_nothing(discovery, fields, message) -> None:
    user = str(uuid.uuid4())
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await add(discovery, user, **fields)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert message in error.value.details()
    feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))
    assert list(feed.jobs) == [] and feed.page_info.total_count == 0


async def test_adding_the_same_posting_twice_gives_back_the_first(discovery) -> None:
    user = str(uuid.uuid4())
    first = await add(discovery, user, location="Paris", description="Same text")
    second = await add(discovery, user, location="paris", description="Same   text!", why_us="I use it daily")
    assert second.duplicate and second.job.id == first.job.id
    assert second.job.why_us == "I use it daily"  # what the user wrote the second time is not lost
    feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))
    assert [job.id for job in feed.jobs] == [first.job.id]


async def test_a_user_can_never_read_or_triage_another_users_job(discovery) -> None:
    owner, intruder = str(uuid.uuid4()), str(uuid.uuid4())
    job_id = (await add(discovery, owner)).job.id
    for call in (discovery.GetJob(pb.GetJobRequest(id=job_id), metadata=as_user(intruder)),
                 discovery.SetJobStatus(pb.SetJobStatusRequest(id=job_id, status=pb.JOB_STATUS_APPROVED),
                                        metadata=as_user(intruder)),
                 discovery.GetJob(pb.GetJobRequest(id=str(uuid.uuid4())), metadata=as_user(owner))):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await call
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
    batch = await discovery.BatchGetJobs(pb.BatchGetJobsRequest(ids=[job_id]), metadata=as_user(intruder))
    assert list(batch.jobs) == []
    feed = await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(intruder))
    assert list(feed.jobs) == []
    owner_view = (await discovery.GetJob(pb.GetJobRequest(id=job_id), metadata=as_user(owner))).job
    assert owner_view.status == pb.JOB_STATUS_PENDING  # the intruder changed nothing
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.GetJob(pb.GetJobRequest(id="1 OR 1=1"), metadata=as_user(owner))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_batch_get_serves_the_owner_and_services_with_discovery_read_only(discovery) -> None:
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    a1 = (await add(discovery, alice, title="First")).job.id
    a2 = (await add(discovery, alice, title="Second")).job.id
    b1 = (await add(discovery, bob, title="Third")).job.id
    mine = await discovery.BatchGetJobs(pb.BatchGetJobsRequest(ids=[a2, b1, a1]), metadata=as_user(alice))
    assert [job.id for job in mine.jobs] == [a2, a1]
    reader = bearer(service_token("tracker_service", {"discovery.read"}))
    theirs = await discovery.BatchGetJobs(pb.BatchGetJobsRequest(ids=[b1, a1]), metadata=reader)
    assert [(job.id, job.user_id) for job in theirs.jobs] == [(b1, bob), (a1, alice)]
    single = await discovery.GetJob(pb.GetJobRequest(id=b1), metadata=reader)
    assert single.job.title == "Third"
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.BatchGetJobs(pb.BatchGetJobsRequest(ids=[a1]),
                                     metadata=bearer(service_token("ai_coach", {"tracker.write"})))
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as error:  # a service may not act in a user's inbox
        await discovery.SetJobStatus(pb.SetJobStatusRequest(id=a1, status=pb.JOB_STATUS_APPROVED), metadata=reader)
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_set_status_approves_or_rejects_and_is_idempotent(discovery) -> None:
    user = str(uuid.uuid4())
    job_id = (await add(discovery, user)).job.id
    approve = pb.SetJobStatusRequest(id=job_id, status=pb.JOB_STATUS_APPROVED)
    first = await discovery.SetJobStatus(approve, metadata=as_user(user))
    assert first.changed and first.job.status == pb.JOB_STATUS_APPROVED
    assert not first.job.HasField("expires_at")  # approved postings stay
    again = await discovery.SetJobStatus(approve, metadata=as_user(user))
    assert not again.changed and again.job.status == pb.JOB_STATUS_APPROVED
    for status in (pb.JOB_STATUS_PENDING, pb.JOB_STATUS_UNSPECIFIED):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await discovery.SetJobStatus(pb.SetJobStatusRequest(id=job_id, status=status), metadata=as_user(user))
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "APPROVED or REJECTED" in error.value.details()
    rejected = await discovery.SetJobStatus(pb.SetJobStatusRequest(id=job_id, status=pb.JOB_STATUS_REJECTED),
                                            metadata=as_user(user))
    assert rejected.changed and rejected.job.status == pb.JOB_STATUS_REJECTED


async def test_the_feed_is_newest_first_in_pages_and_filters_by_status_and_text(discovery) -> None:
    user = str(uuid.uuid4())
    titles = ["Kotlin Developer", "Python Engineer", "Data Analyst", "Senior Python Developer", "Go Engineer"]
    ids = [(await add(discovery, user, title=title, description=f"{title} at Acme")).job.id for title in titles]
    seen: list[str] = []
    token = ""
    while True:
        page = await discovery.GetJobFeed(
            pb.GetJobFeedRequest(page=common_pb2.PageRequest(page_size=2, page_token=token)), metadata=as_user(user))
        assert page.page_info.total_count == 5
        seen.extend(job.id for job in page.jobs)
        token = page.page_info.next_page_token
        assert page.page_info.has_more == bool(token)
        if not token:
            break
    assert seen == list(reversed(ids))

    await discovery.SetJobStatus(pb.SetJobStatusRequest(id=ids[1], status=pb.JOB_STATUS_REJECTED), metadata=as_user(user))
    pending = await discovery.GetJobFeed(pb.GetJobFeedRequest(status=pb.JOB_STATUS_PENDING), metadata=as_user(user))
    assert [job.id for job in pending.jobs] == [ids[4], ids[3], ids[2], ids[0]]

    python = await discovery.GetJobFeed(pb.GetJobFeedRequest(query="python"), metadata=as_user(user))
    assert [job.title for job in python.jobs] == ["Senior Python Developer", "Python Engineer"]
    both = await discovery.GetJobFeed(pb.GetJobFeedRequest(query="python", status=pb.JOB_STATUS_PENDING),
                                      metadata=as_user(user))
    assert [job.title for job in both.jobs] == ["Senior Python Developer"]

    first = await discovery.GetJobFeed(pb.GetJobFeedRequest(page=common_pb2.PageRequest(page_size=1)),
                                       metadata=as_user(user))
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await discovery.GetJobFeed(pb.GetJobFeedRequest(
            query="python", page=common_pb2.PageRequest(page_size=1, page_token=first.page_info.next_page_token)),
            metadata=as_user(user))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_feed_page_carries_each_posting_as_reading_it_alone_does(discovery) -> None:
    """GetJobFeed puts its rows on the wire without building domain objects (convert.fill_job_from_feed_row);
    every kind of posting must read the same there as through BatchGetJobs: a hand-added one with its
    start date, duration and reasons; an ingested one with a salary range, skills, a posting date and
    red-flag-free remote work; one with a fit score (0, which is still a score) and one with a full score;
    an approved one (no time to live); one with no salary bounds or posting date."""
    from google.protobuf.timestamp_pb2 import Timestamp

    user = str(uuid.uuid4())
    manual = (await add(discovery, user, location="Berlin", description="Build APIs.", start_date="2025-09-01",
                        duration="6 months", why_us="Great mission", url="https://jobs.example.com/acme/7")).job
    posted = Timestamp(seconds=1_760_000_000, nanos=123_000_000)

    async def ingested():
        for n, fields in enumerate([
            {"salary": common_pb2.Salary(min=60000, max=80000, currency="EUR", period=common_pb2.SALARY_PERIOD_YEAR,
                                         gross=True, text="€60k–€80k"),
             "skills": ["Python", "gRPC"], "posted_at": posted, "remote_type": common_pb2.REMOTE_TYPE_REMOTE,
             "locations": ["Paris", "Remote - Europe"], "employment_type": "FULL_TIME", "language": "en"},
            {"salary": common_pb2.Salary(text="competitive")},
            {"salary": common_pb2.Salary(min=0, currency="USD", period=common_pb2.SALARY_PERIOD_HOUR, gross=False)},
        ]):
            yield pb.IngestJobsRequest(user_id=user, job=pb.Job(
                source="import", external_id=f"feed-{n}", url=f"https://example.com/jobs/{n}", title=f"Engineer {n}",
                company="Initech", description_text=f"Role number {n}.", **fields))

    ingest = await discovery.IngestJobs(ingested(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
    assert ingest.inserted == 3
    feed = (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))).jobs
    ids = [job.id for job in feed]
    scored, zero = ids[0], ids[1]
    await discovery.RecordFitScores(pb.RecordFitScoresRequest(
        command_id=str(uuid.uuid4()), user_id=user, profile_updated_at=posted, scores=[
            pb.FitScoreEntry(job_id=scored, fit=pb.FitScore(score=81.5, confidence=0.9, reasons=["Same family."],
                                                            missing=["Kubernetes"], model="fit-1")),
            pb.FitScoreEntry(job_id=zero, fit=pb.FitScore(score=0.0, confidence=0.2, model="fit-1"))]),
        metadata=bearer(service_token("ai_coach", {"discovery.fit.write"})))
    await discovery.SetJobStatus(pb.SetJobStatusRequest(id=ids[2], status=pb.JOB_STATUS_APPROVED),
                                 metadata=as_user(user))

    for omit in (False, True):
        for sort in (pb.FEED_SORT_UNSPECIFIED, pb.FEED_SORT_FIT):
            page = (await discovery.GetJobFeed(pb.GetJobFeedRequest(omit_descriptions=omit, sort=sort),
                                               metadata=as_user(user))).jobs
            alone = {job.id: job for job in (await discovery.BatchGetJobs(
                pb.BatchGetJobsRequest(ids=[job.id for job in page]), metadata=as_user(user))).jobs}
            assert len(page) == 4 and manual.id in alone
            for job in page:
                expected = alone[job.id]
                if omit:
                    expected.description_text, expected.description_html = "", ""
                assert job == expected, job.title
    page = {job.id: job for job in (await discovery.GetJobFeed(pb.GetJobFeedRequest(), metadata=as_user(user))).jobs}
    assert page[scored].fit.score == 81.5 and list(page[scored].fit.missing) == ["Kubernetes"]
    assert page[zero].HasField("fit") and page[zero].fit.score == 0.0
    assert page[ids[2]].status == pb.JOB_STATUS_APPROVED
    assert page[manual.id].why_us == "Great mission" and not page[manual.id].HasField("fit")
