"""ai_coach end to end through the real owners: profile, discovery and tracker run in-process against the
test's PostgreSQL and Redis, the worker runs in-process too, and the test drives what a user does.

- An approved posting is analysed: the application's analysis is DONE with a score and its breakdown (the
  score is the posting's fit score in the inbox), and EVENT_ANALYSIS_DONE (emitted by tracker's outbox)
  reaches the user's event stream.
- With nothing in the profile, the analysis ends in a stored failure that says what to do.
- An uploaded CV fills the profile, and its stored info names the fields the parser failed on or found
  nothing for; hostile PDFs that pass the upload check end in a stored failure with
  the parser's reason, EVENT_CV_PARSED says so, and the worker goes on serving the next command.
"""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest

from ai_coach.cv import parser
from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from common.bus import Bus
from common.grpc_client import create_channel
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tests.helpers import bearer, wait_for
from tests.unit.test_cv_hostile import (
    corrupted_xref,
    deeply_nested_arrays,
    deeply_nested_dictionaries,
    deeply_nested_page_tree,
    image_only_page,
    thousands_of_pages_declared_as_one,
    zero_pages,
)
from tests.unit.test_cv_pdfs import one_column_cv

POSTING = ("About the role\nWe build logistics software.\nRequirements:\n- 3+ years of Python\n"
           "- PostgreSQL\n- Docker and Kubernetes\nNice to have: Terraform")


class Mesh:
    """The three owners and one worker, plus stubs a signed-in user calls them with."""

    def __init__(self, services) -> None:
        self.services = services
        self.channels: list[grpc.aio.Channel] = []
        self.worker_task: asyncio.Task | None = None
        self.worker_stop = asyncio.Event()

    async def start(self) -> None:
        for name in ("profile_service", "discovery_service", "tracker_service"):
            # No scheduled discovery run: a saved search here must not reach out to a real job board.
            await self.services.start(name, outbox_poll_interval_s=0.1, discovery_tick_interval_s=3600)
        self.profile = profile_pb2_grpc.ProfileServiceStub(self._channel("profile_service"))
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self._channel("discovery_service"))
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self._channel("tracker_service"))
        self.worker = Worker(self.services.settings(AiCoachSettings))
        self.worker_task = asyncio.create_task(run_worker(self.worker, self.worker_stop))
        await wait_for(self.worker.subscription.connected.is_set)
        self.bus = Bus.from_url(self.services.redis_url)

    def _channel(self, name: str) -> grpc.aio.Channel:
        channel = create_channel(self.services.address(name))
        self.channels.append(channel)
        return channel

    async def close(self) -> None:
        self.worker_stop.set()
        if self.worker_task is not None:
            await self.worker_task
            await self.worker.close()
            await self.bus.close()
        for channel in self.channels:
            await channel.close()

    async def register(self) -> tuple[str, list]:
        response = await self.profile.Register(profile_pb2.RegisterRequest(
            email=f"ada-{uuid.uuid4().hex[:8]}@example.org", password="correct horse battery staple 42",
            full_name="Ada Example"))
        return response.user.id, bearer(response.tokens.access_token)

    async def approve(self, auth: list, *, title: str = "Backend Engineer (Python)",
                      search_config_id: str = "") -> tracker_pb2.Application:
        job = (await self.discovery.AddJobManually(discovery_pb2.AddJobManuallyRequest(
            company="Acme Logistics", title=title, location="Berlin", description=POSTING), metadata=auth)).job
        created = await self.tracker.CreateApplication(
            tracker_pb2.CreateApplicationRequest(job_id=job.id, search_config_id=search_config_id), metadata=auth)
        return created.application

    async def settled_application(self, application_id: str, auth: list) -> tracker_pb2.Application:
        async def settled() -> tracker_pb2.Application | None:
            app = (await self.tracker.GetApplication(
                tracker_pb2.GetApplicationRequest(id=application_id), metadata=auth)).application
            done = (tracker_pb2.ANALYSIS_STATE_DONE, tracker_pb2.ANALYSIS_STATE_FAILED)
            return app if app.analysis_state in done else None

        return await wait_for(settled, timeout_s=30)

    async def settled_cv(self, auth: list) -> profile_pb2.CvInfo:
        async def settled() -> profile_pb2.CvInfo | None:
            cv = (await self.profile.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=auth)).cv
            done = (profile_pb2.CV_PARSE_STATUS_DONE, profile_pb2.CV_PARSE_STATUS_FAILED)
            return cv if cv.parse_status in done else None

        return await wait_for(settled, timeout_s=60)

    async def events(self, user_id: str, event_type: int) -> list[events_pb2.Event]:
        return [entry.event for entry in await self.bus.read_user_events(user_id) if entry.event.type == event_type]


@pytest.fixture
async def mesh(services):
    mesh = Mesh(services)
    try:
        await mesh.start()
        yield mesh
    finally:
        await mesh.close()


async def fill_profile(mesh: Mesh, auth: list) -> None:
    profile = profile_pb2.Profile(
        headline="Backend engineer", skills=[profile_pb2.Skill(name="Python", years=5),
                                             profile_pb2.Skill(name="PostgreSQL"), profile_pb2.Skill(name="Docker")],
        experience=[profile_pb2.Experience(title="Backend engineer", company="Initech", start="2019-01",
                                           end="present", description="Python services on PostgreSQL")],
        languages=[profile_pb2.Language(name="English", level="C1")])
    request = profile_pb2.UpdateProfileRequest(profile=profile)
    request.update_mask.paths.extend(["headline", "skills", "experience", "languages"])
    await mesh.profile.UpdateProfile(request, metadata=auth)


async def scored_job(mesh: Mesh, job_id: str, auth: list) -> discovery_pb2.Job | None:
    job = (await mesh.discovery.GetJob(discovery_pb2.GetJobRequest(id=job_id), metadata=auth)).job
    return job if job.HasField("fit") else None


async def test_an_approved_job_is_analysed_and_the_user_is_told(mesh: Mesh) -> None:
    user_id, auth = await mesh.register()
    await fill_profile(mesh, auth)
    application = await mesh.approve(auth)

    settled = await mesh.settled_application(application.id, auth)

    assert settled.analysis_state == tracker_pb2.ANALYSIS_STATE_DONE, settled.analysis_error
    analysis = settled.analysis
    assert 0 < analysis.score <= 100 and analysis.engine == "heuristic"
    # The score is the inbox's fit score, with its breakdown; the posting here is short, and says so.
    assert [item.name for item in analysis.breakdown] == ["occupation", "skills", "semantic", "lexical"]
    assert all(item.explanation for item in analysis.breakdown)
    assert analysis.HasField("confidence") and analysis.confidence < 0.5
    assert analysis.cons[0].startswith("Little to judge") and list(analysis.confidence_notes)
    job = await wait_for(lambda: scored_job(mesh, settled.job_id, auth), timeout_s=30)
    assert analysis.score == round(job.fit.score)  # the inbox and the analysis agree
    assert {"Python", "PostgreSQL", "Docker"} <= set(analysis.matched_skills)
    assert "Kubernetes" in analysis.missing_skills
    assert analysis.cover_letter and analysis.pros and analysis.cons
    events = await wait_for(lambda: mesh.events(user_id, events_pb2.EVENT_TYPE_ANALYSIS_DONE))
    assert [(e.analysis_done.application_id, e.analysis_done.ok, e.analysis_done.score) for e in events] == [
        (application.id, True, analysis.score)]


async def test_the_saved_search_shapes_the_analysis(mesh: Mesh) -> None:
    _, auth = await mesh.register()
    await fill_profile(mesh, auth)
    search = (await mesh.profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(
        config=profile_pb2.SearchConfig(
            name="Python in Berlin", job_titles=["Backend Engineer"], locations=["Berlin"],
            sources=[profile_pb2.SourceSelection(source="remotive")],
            cover_letter_template="Hello {company}! I would love to be your {title}. My strengths: {matched_skills}."),
    ), metadata=auth)).config
    application = await mesh.approve(auth, search_config_id=search.id)

    settled = await mesh.settled_application(application.id, auth)

    assert settled.analysis_state == tracker_pb2.ANALYSIS_STATE_DONE, settled.analysis_error
    letter = settled.analysis.cover_letter
    assert letter.startswith("Hello Acme Logistics! I would love to be your Backend Engineer (Python).")
    assert "Python" in letter.split("My strengths:")[1]


async def test_with_an_empty_profile_the_analysis_fails_with_a_reason_the_user_can_act_on(mesh: Mesh) -> None:
    user_id, auth = await mesh.register()
    application = await mesh.approve(auth)

    settled = await mesh.settled_application(application.id, auth)

    assert settled.analysis_state == tracker_pb2.ANALYSIS_STATE_FAILED
    assert "profile is empty" in settled.analysis_error and "Upload a CV" in settled.analysis_error
    events = await wait_for(lambda: mesh.events(user_id, events_pb2.EVENT_TYPE_ANALYSIS_DONE))
    assert [(e.analysis_done.ok, e.analysis_done.reason) for e in events] == [(False, settled.analysis_error)]


async def test_an_uploaded_cv_fills_the_profile(mesh: Mesh) -> None:
    user_id, auth = await mesh.register()
    await mesh.profile.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=one_column_cv()),
                                metadata=auth)

    cv = await mesh.settled_cv(auth)

    assert cv.parse_status == profile_pb2.CV_PARSE_STATUS_DONE, cv.parse_error
    profile = (await mesh.profile.GetProfile(profile_pb2.GetProfileRequest(), metadata=auth)).profile
    assert profile.full_name == "Ada Example"  # set at registration: the parse fills only what is unset
    assert profile.headline == "Backend Developer"
    assert profile.contact.email == "jane.example@example.org"
    assert {"Python", "Docker", "Kubernetes", "PostgreSQL"} <= {s.name for s in profile.skills}
    assert [(e.title, e.company) for e in profile.experience] == [("Software Engineer", "Acme Widgets Ltd")]
    assert "University of Leeds" in profile.cv_text
    events = await wait_for(lambda: mesh.events(user_id, events_pb2.EVENT_TYPE_CV_PARSED))
    assert [(e.cv_parsed.cv_id, e.cv_parsed.ok) for e in events] == [(cv.cv_id, True)]
    assert "headline" in events[0].cv_parsed.fields_filled
    # The CV gives everything a profile needs, and every reader read it: no notice for the user.
    assert (list(cv.fields_unread), list(cv.fields_missing)) == ([], [])


# No phone number anywhere; an experience section the (here broken) experience reader cannot read.
CV_WITHOUT_PHONE = """Jane Roe
Backend developer
jane.roe@example.org · London

Experience
Senior Engineer, Contoso Ltd  Jan 2019 - Mar 2022
- Built the billing platform in Python and PostgreSQL.

Skills
Python, PostgreSQL, Docker, Kubernetes
"""


async def test_the_cv_says_which_fields_its_parse_could_not_read_and_which_it_did_not_find(
        mesh: Mesh, monkeypatch: pytest.MonkeyPatch) -> None:
    # A layout the experience reader does not foresee (tests/unit/test_cv_field_readers.py): it raises.
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise IndexError("list index out of range")

    monkeypatch.setattr(parser, "build_experience", broken)
    monkeypatch.setattr(parser, "read_text_entries", broken)
    _, auth = await mesh.register()
    await mesh.profile.UploadCv(profile_pb2.UploadCvRequest(filename="pasted-cv.txt",
                                                            content=CV_WITHOUT_PHONE.encode()), metadata=auth)

    cv = await mesh.settled_cv(auth)

    assert cv.parse_status == profile_pb2.CV_PARSE_STATUS_DONE, cv.parse_error
    assert (list(cv.fields_unread), list(cv.fields_missing)) == (["experience"], ["contact.phone"])
    profile = (await mesh.profile.GetProfile(profile_pb2.GetProfileRequest(), metadata=auth)).profile
    assert profile.contact.email == "jane.roe@example.org"  # the rest of the CV was read
    assert {"Python", "PostgreSQL"} <= {s.name for s in profile.skills}
    assert not profile.experience


HOSTILE_UPLOADS = [
    ("corrupted xref", corrupted_xref, "damaged"),
    ("zero pages", zero_pages, "no pages"),
    ("thousands of pages behind a page count of one", thousands_of_pages_declared_as_one, "more than 30 pages"),
    ("deep page tree", deeply_nested_page_tree, "nested too deeply"),
    ("deeply nested arrays", deeply_nested_arrays, "nested too deeply"),
    ("deeply nested dictionaries", deeply_nested_dictionaries, "nested too deeply"),
    ("a scan", image_only_page, "no text layer"),
]


async def test_hostile_pdfs_end_in_a_stored_failure_and_the_worker_keeps_serving(mesh: Mesh) -> None:
    user_id, auth = await mesh.register()
    for name, build, phrase in HOSTILE_UPLOADS:
        uploaded = (await mesh.profile.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=build()),
                                                metadata=auth)).cv
        cv = await mesh.settled_cv(auth)
        assert cv.cv_id == uploaded.cv_id, name
        assert cv.parse_status == profile_pb2.CV_PARSE_STATUS_FAILED, name
        assert phrase in cv.parse_error, (name, cv.parse_error)

    # The failure is stored before its event leaves through the outbox: wait for one event per upload.
    async def all_parsed_events():
        events = await mesh.events(user_id, events_pb2.EVENT_TYPE_CV_PARSED)
        return events if len(events) >= len(HOSTILE_UPLOADS) else None

    failures = await wait_for(all_parsed_events)
    assert [e.cv_parsed.ok for e in failures] == [False] * len(HOSTILE_UPLOADS)
    assert all(e.cv_parsed.reason for e in failures)
    assert (await mesh.worker.ready())[0]

    await mesh.profile.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=one_column_cv()),
                                metadata=auth)
    cv = await mesh.settled_cv(auth)
    assert cv.parse_status == profile_pb2.CV_PARSE_STATUS_DONE, cv.parse_error
