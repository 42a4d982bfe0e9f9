"""The inbox's fit order end to end: profile_service and discovery_service run in-process on the test's
PostgreSQL and Redis, ai_coach's worker runs in-process with the real FitScorer, and the test does what a
user does (fills a profile, adds postings, reads the inbox sorted by fit, changes the profile).

- New postings are scored and the feed sorted by fit returns them best first, each with its reasons.
- A posting added while ai_coach is down reads "not scored yet" (no fit) and comes last; once ai_coach is
  back, discovery's outbox publishes the command again and the posting is scored (the command is durable).
- A profile change (EVENT_PROFILE_UPDATED) rescores every pending posting from the new profile; another
  user's postings are untouched.
"""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest

from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from common.grpc_client import create_channel
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.helpers import bearer, wait_for

PYTHON_POSTING = (
    "We are looking for a Python developer to build and run our backend services. You will design REST APIs "
    "with Django and FastAPI, model data in PostgreSQL, write tests with pytest, and ship with Docker on "
    "Kubernetes. Requirements: 4+ years of Python, solid SQL, experience with Git, CI pipelines and code "
    "review. Nice to have: Celery, Redis, AWS. You will work with product managers and other engineers to "
    "deliver features, fix bugs and improve the performance and reliability of the platform.")
NURSE_POSTING = (
    "Our hospital is hiring a registered nurse for the surgical ward. You will assess patients, give "
    "medication, monitor vital signs, dress wounds, and work with physicians to plan care. Requirements: a "
    "nursing degree and an active RN license, BLS certification, two years of clinical experience in an acute "
    "care setting. You will educate patients and families, keep accurate charts, and take part in night and "
    "weekend shifts on a rotating schedule. Compassion and calm under pressure are essential.")
SALES_POSTING = (
    "We are hiring an account executive to sell our software to mid-sized retailers. You will prospect new "
    "customers, run product demos, negotiate contracts and close deals, and manage your pipeline in "
    "Salesforce. Requirements: three years of B2B sales experience, a track record of meeting quota, strong "
    "presentation skills. You will work with marketing on campaigns and with customer success on renewals, "
    "travel to trade shows, and report forecasts to the head of sales every week.")

PYTHON_PROFILE = profile_pb2.Profile(
    headline="Python backend developer",
    summary="Backend developer with six years of Python, building web services and APIs on PostgreSQL.",
    skills=[profile_pb2.Skill(name=name) for name in ("Python", "Django", "FastAPI", "PostgreSQL", "Docker", "Git")],
    experience=[profile_pb2.Experience(
        title="Backend developer", company="Initech", start="2019-01", end="present",
        description="Built REST APIs in Python with Django and FastAPI, PostgreSQL data models, pytest suites, "
                    "Docker images deployed on Kubernetes, Celery workers with Redis.")])
NURSE_PROFILE = profile_pb2.Profile(
    headline="Registered nurse",
    summary="Registered nurse with eight years on surgical and intensive care wards, caring for patients "
            "before and after surgery.",
    skills=[profile_pb2.Skill(name=name) for name in ("Patient care", "Medication administration", "BLS")],
    experience=[profile_pb2.Experience(
        title="Registered nurse", company="St Mary's Hospital", start="2016-03", end="present",
        description="Assessed patients, gave medication, monitored vital signs, dressed wounds and kept charts "
                    "on a busy surgical ward; trained new nurses and worked night shifts.")])
PROFILE_PATHS = ["headline", "summary", "skills", "experience"]


class FitMesh:
    def __init__(self, services) -> None:
        self.services = services
        self.channels: list[grpc.aio.Channel] = []
        self.worker: Worker | None = None
        self.worker_task: asyncio.Task | None = None
        self.worker_stop = asyncio.Event()

    async def start(self) -> None:
        for name in ("profile_service", "discovery_service"):
            # Unanswered commands are published again after 1 s (instead of minutes): the durable path.
            await self.services.start(name, outbox_poll_interval_s=0.1, outbox_result_timeout_s=1.0,
                                      outbox_max_attempts=100, discovery_scheduler_enabled=False)
        self.profile = profile_pb2_grpc.ProfileServiceStub(self._channel("profile_service"))
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self._channel("discovery_service"))

    async def start_worker(self) -> None:
        self.worker_stop = asyncio.Event()
        self.worker = Worker(self.services.settings(AiCoachSettings))
        self.worker_task = asyncio.create_task(run_worker(self.worker, self.worker_stop))
        await wait_for(self.worker.subscription.connected.is_set)

    async def stop_worker(self) -> None:
        if self.worker_task is None or self.worker is None:
            return
        self.worker_stop.set()
        await self.worker_task
        await self.worker.close()
        self.worker_task = self.worker = None

    def _channel(self, name: str) -> grpc.aio.Channel:
        channel = create_channel(self.services.address(name))
        self.channels.append(channel)
        return channel

    async def close(self) -> None:
        await self.stop_worker()
        for channel in self.channels:
            await channel.close()

    async def register(self, profile: profile_pb2.Profile) -> list:
        response = await self.profile.Register(profile_pb2.RegisterRequest(
            email=f"fit-{uuid.uuid4().hex[:8]}@example.org", password="correct horse battery staple 42",
            full_name="Fit Example"))
        auth = bearer(response.tokens.access_token)
        await self.set_profile(auth, profile)
        return auth

    async def set_profile(self, auth: list, profile: profile_pb2.Profile) -> None:
        request = profile_pb2.UpdateProfileRequest(profile=profile)
        request.update_mask.paths.extend(PROFILE_PATHS)
        await self.profile.UpdateProfile(request, metadata=auth)

    async def add(self, auth: list, title: str, description: str) -> str:
        return (await self.discovery.AddJobManually(discovery_pb2.AddJobManuallyRequest(
            company="Acme", title=title, description=description), metadata=auth)).job.id

    async def feed(self, auth: list) -> list[discovery_pb2.Job]:
        return list((await self.discovery.GetJobFeed(discovery_pb2.GetJobFeedRequest(
            sort=discovery_pb2.FEED_SORT_FIT), metadata=auth)).jobs)

    async def scored_feed(self, auth: list, count: int, *, after=None) -> list[discovery_pb2.Job]:
        """The fit feed once `count` postings are scored (from a profile newer than `after`, if given)."""
        async def ready() -> list[discovery_pb2.Job] | None:
            jobs = await self.feed(auth)
            fresh = [job for job in jobs if job.HasField("fit") and (
                after is None or job.fit.profile_updated_at.ToDatetime() > after)]
            return jobs if len(fresh) >= count else None

        return await wait_for(ready, timeout_s=90, interval_s=0.2)


@pytest.fixture
async def mesh(services):
    mesh = FitMesh(services)
    try:
        await mesh.start()
        yield mesh
    finally:
        await mesh.close()


async def test_postings_are_scored_sorted_by_fit_durably_and_rescored_when_the_profile_changes(mesh) -> None:
    await mesh.start_worker()
    auth = await mesh.register(PYTHON_PROFILE)
    other = await mesh.register(PYTHON_PROFILE)
    nurse = await mesh.add(auth, "Registered Nurse", NURSE_POSTING)
    python = await mesh.add(auth, "Python Developer", PYTHON_POSTING)
    sales = await mesh.add(auth, "Account Executive", SALES_POSTING)
    others = await mesh.add(other, "Python Developer", PYTHON_POSTING)

    jobs = await mesh.scored_feed(auth, 3)
    assert [job.id for job in jobs][0] == python
    assert {job.id for job in jobs} == {nurse, python, sales}
    scores = [job.fit.score for job in jobs]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1] + 20
    top = jobs[0].fit
    assert top.reasons and top.model and 0 < top.confidence <= 1
    assert any("Python" in reason for reason in top.reasons)
    [theirs] = await mesh.scored_feed(other, 1)
    their_scored_at = theirs.fit.scored_at.ToDatetime()

    # ai_coach down: a new posting waits, unscored, at the end of the fit order.
    await mesh.stop_worker()
    late = await mesh.add(auth, "Django Backend Engineer", PYTHON_POSTING.replace("Python developer", "Django engineer"))
    jobs = await mesh.feed(auth)
    assert jobs[-1].id == late and not jobs[-1].HasField("fit")  # the client shows "not scored yet"
    # ai_coach back: the outbox publishes the command again and the posting is scored.
    await mesh.start_worker()
    jobs = await mesh.scored_feed(auth, 4)
    assert next(job for job in jobs if job.id == late).fit.score > next(job for job in jobs if job.id == nurse).fit.score

    # The profile changes to a nurse's: every pending posting is rescored, the nurse posting now leads.
    before = max(job.fit.profile_updated_at.ToDatetime() for job in jobs)
    await mesh.set_profile(auth, NURSE_PROFILE)
    jobs = await mesh.scored_feed(auth, 4, after=before)
    assert jobs[0].id == nurse
    assert [job.fit.score for job in jobs] == sorted((job.fit.score for job in jobs), reverse=True)
    # Another user's postings were not touched.
    [theirs] = await mesh.feed(other)
    assert theirs.id == others and theirs.fit.scored_at.ToDatetime() == their_scored_at
