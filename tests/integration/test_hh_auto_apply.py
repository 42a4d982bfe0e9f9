"""Auto-apply end to end (docs/hh.md, "Auto-apply"): profile, discovery and tracker run in-process on the
test's PostgreSQL and Redis, ai_coach's worker runs in-process (the real fit scorer and analysis), HH's
vacancy search is a loopback board and HH's applicant API the loopback fake HH. The test does what a user
does: links HH, picks a default resume, saves a search with auto-apply, runs it; then it reads what the
user would see (the applies, the inbox, the card's timeline) and what HH received.

- Postings scored at or above the threshold are approved on the user's behalf and, once their analysis
  wrote the letter, applied to with it and the default resume; a posting below the threshold stays in the
  inbox. With a daily cap of 2, two go out (two workers at once share the cap) and the third waits for the next UTC day (the workers' clock is
  moved by the test, never slept), and goes out then. Nothing is applied twice.
- A dry run sends nothing and leaves the letters for review; one is sent by the user, one discarded.
- A posting the user rejected before it was scored is never approved or applied to automatically; one the
  user applies to while its automatic apply waits becomes the user's apply, with the user's letter.
- The kill switch stops the automatic applies that have not gone out, and while it is on new postings are
  not approved automatically.
- The timeline of each card shows the automatic steps, marked automatic, with the letter.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, timedelta

import pytest

from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from common.secret_box import generate_key_spec
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2 as pb
from tests.fakes.boards import FakeBoard
from tests.fakes.hh import FakeHH, hh_resume
from tests.helpers import wait_for
from tests.integration.test_fit_flow import NURSE_POSTING, PROFILE_PATHS, PYTHON_POSTING, PYTHON_PROFILE
from tests.integration.test_tracker_hh_apply import LEASE_S, Mesh
from tracker_service.auto_apply import next_utc_day

S = pb.HhApplyState
THRESHOLD = 50.0
SCORING_TIMEOUT_S = 120  # the first scoring loads the fit scorer's tables


def hh_vacancy(vacancy_id: int, title: str, description: str) -> dict:
    return {"id": str(vacancy_id), "name": title, "alternate_url": f"https://hh.ru/vacancy/{vacancy_id}",
            "employer": {"name": f"Company {vacancy_id}"}, "area": {"name": "Москва"},
            "snippet": {"responsibility": description[:80]}, "published_at": "2026-12-01T12:00:00+0300",
            "description": f"<p>{description}</p>"}


class AutoMesh(Mesh):
    def __init__(self, services, hh: FakeHH, hh_settings: dict, board: FakeBoard) -> None:
        super().__init__(services, hh, hh_settings)
        self.board = board
        self.ai_stop = asyncio.Event()
        self.ai: Worker | None = None
        self.ai_task: asyncio.Task | None = None

    async def start_ai_coach(self) -> None:
        self.ai = Worker(self.services.settings(AiCoachSettings))
        self.ai_task = asyncio.create_task(run_worker(self.ai, self.ai_stop))
        await wait_for(self.ai.subscription.connected.is_set)

    async def stop_ai_coach(self) -> None:
        if self.ai_task is not None and self.ai is not None:
            self.ai_stop.set()
            await self.ai_task
            await self.ai.close()
        self.ai = self.ai_task = None
        self.ai_stop = asyncio.Event()

    async def close(self) -> None:
        await self.stop_ai_coach()
        await super().close()

    def serve_vacancies(self, vacancies: list[dict]) -> None:
        """What the board answers to the search and to each vacancy's detail call."""
        self.board.reset()
        self.board.add_json("/vacancies", {"items": vacancies, "found": len(vacancies), "pages": 1, "page": 0,
                                           "per_page": 100})
        for vacancy in vacancies:
            self.board.add_json(f"/vacancies/{vacancy['id']}", vacancy)

    async def auto_seeker(self):
        seeker = await self.seeker(resumes=[hh_resume("r1", "Python developer")])
        await self.profile.SetDefaultHhResume(profile_pb2.SetDefaultHhResumeRequest(resume_id="r1"),
                                              metadata=seeker.auth)
        request = profile_pb2.UpdateProfileRequest(profile=PYTHON_PROFILE)
        request.update_mask.paths.extend(PROFILE_PATHS)
        await self.profile.UpdateProfile(request, metadata=seeker.auth)
        return seeker

    async def save_search(self, seeker, *, daily_cap: int, dry_run: bool) -> profile_pb2.SearchConfig:
        config = profile_pb2.SearchConfig(name="Python on HH", job_titles=["Python Developer", "Registered Nurse"],
                                          run_interval_minutes=60, active=True,
                                          auto_apply=profile_pb2.AutoApply(enabled=True, min_fit_score=THRESHOLD,
                                                                           daily_cap=daily_cap, dry_run=dry_run))
        config.sources.add(source="hh", params={"details": "true"})
        reply = await self.profile.CreateSearchConfig(profile_pb2.CreateSearchConfigRequest(config=config),
                                                      metadata=seeker.auth)
        return reply.config

    async def run_search(self, seeker, config_id: str) -> discovery_pb2.DiscoveryRun:
        started = await self.discovery.RunSearchNow(discovery_pb2.RunSearchNowRequest(search_config_id=config_id),
                                                    metadata=seeker.auth)

        async def finished():
            runs = await self.discovery.ListDiscoveryRuns(discovery_pb2.ListDiscoveryRunsRequest(
                search_config_id=config_id), metadata=seeker.auth)
            run = next((r for r in runs.runs if r.id == started.run.id), None)
            return run if run is not None and run.status != discovery_pb2.RUN_STATUS_RUNNING else None

        run = await wait_for(finished, timeout_s=30)
        assert run.status == discovery_pb2.RUN_STATUS_SUCCEEDED, run.errors
        return run

    async def inbox(self, seeker) -> dict[str, discovery_pb2.Job]:
        """The user's postings by HH vacancy id, whatever their status."""
        feed = await self.discovery.GetJobFeed(discovery_pb2.GetJobFeedRequest(page={"page_size": 100}),
                                               metadata=seeker.auth)
        return {job.external_id: job for job in feed.jobs}

    async def applies_by_vacancy(self, seeker) -> dict[str, pb.HhApply]:
        return {apply.vacancy_id: apply for apply in await seeker.applies()}

    async def settled(self, seeker, vacancy_ids: set[str], states: set[int]) -> dict[str, pb.HhApply]:
        """The applies once every one of these vacancies has one in one of `states`."""
        async def ready():
            applies = await self.applies_by_vacancy(seeker)
            done = {v for v, a in applies.items() if a.state in states}
            return applies if vacancy_ids <= done else None

        return await wait_for(ready, timeout_s=SCORING_TIMEOUT_S, interval_s=0.2)

    async def timeline(self, seeker, application_id: str) -> list[pb.TimelineEvent]:
        reply = await self.tracker.ListTimeline(pb.ListTimelineRequest(application_id=application_id,
                                                                       page={"page_size": 100}),
                                                metadata=seeker.auth)
        return list(reply.events)

    def move_to_next_utc_day(self) -> None:
        now = self.clock()
        self.clock.advance((next_utc_day(now) - now + timedelta(seconds=1)).total_seconds())


@pytest.fixture
async def mesh(services):
    with FakeHH() as hh, FakeBoard() as board:
        hh_settings = hh.jobmate_settings(hh_token_keys=generate_key_spec("k1"))
        fast_outbox = {"outbox_poll_interval_s": 0.1, "outbox_result_timeout_s": 2.0, "outbox_max_attempts": 100}
        await services.start("profile_service", **hh_settings, **fast_outbox)
        await services.start("discovery_service", discovery_scheduler_enabled=False,
                             source_base_url_overrides={"hh": board.base_url}, discovery_fetch_per_host_interval_s=0.0,
                             hh_user_agent=hh_settings["hh_user_agent"], **fast_outbox)
        await services.start("tracker_service", **hh_settings, hh_apply_poll_interval_s=0, hh_apply_lease_s=LEASE_S,
                             **fast_outbox)
        running = AutoMesh(services, hh, hh_settings, board)
        try:
            await running.start_ai_coach()
            yield running
        finally:
            await running.close()


PYTHON_IDS = ("201", "202", "203")


def python_vacancies() -> list[dict]:
    return [hh_vacancy(int(v), f"Python Developer {v}", PYTHON_POSTING) for v in PYTHON_IDS]


async def test_auto_apply_sends_what_passes_the_threshold_within_the_daily_cap_then_the_rest_next_day(mesh) -> None:
    alice = await mesh.auto_seeker()
    search = await mesh.save_search(alice, daily_cap=2, dry_run=False)
    assert (search.auto_apply.enabled, search.auto_apply.min_fit_score, search.auto_apply.daily_cap) == (True, 50, 2)
    mesh.serve_vacancies([*python_vacancies(), hh_vacancy(299, "Registered Nurse", NURSE_POSTING)])

    run = await mesh.run_search(alice, search.id)
    assert run.new_count == 4

    # The three Python postings score above the threshold: approved for Alice, analysed, their letters ready.
    applies = await mesh.settled(alice, set(PYTHON_IDS), {S.HH_APPLY_STATE_CAPPED})
    inbox = await mesh.inbox(alice)
    assert all(inbox[v].fit.score >= THRESHOLD for v in PYTHON_IDS)
    assert inbox["299"].HasField("fit") and inbox["299"].fit.score < THRESHOLD  # the nurse posting: below
    assert inbox["299"].status == discovery_pb2.JOB_STATUS_PENDING and "299" not in applies  # left to Alice
    assert all(inbox[v].status == discovery_pb2.JOB_STATUS_APPROVED for v in PYTHON_IDS)
    for apply in applies.values():
        assert apply.automatic and apply.resume_id == "r1" and apply.search_config_id == search.id
        assert apply.message.strip()  # the analysis's cover letter
    assert mesh.hh.negotiations_of(alice.hh_user) == []  # nothing goes out before the worker runs

    # Two replicas' workers at once: two go out (the cap, shared), the third waits for the next UTC day.
    worker, other_replica = mesh.worker(), mesh.worker()
    assert sum(await asyncio.gather(worker.run_once(), other_replica.run_once())) == 2
    applies = await mesh.applies_by_vacancy(alice)
    states = sorted(S.Name(a.state) for a in applies.values())
    assert states == ["HH_APPLY_STATE_APPLIED", "HH_APPLY_STATE_APPLIED", "HH_APPLY_STATE_CAPPED"]
    [waiting] = [a for a in applies.values() if a.state == S.HH_APPLY_STATE_CAPPED]
    assert "daily cap (2" in waiting.detail
    assert waiting.not_before.ToDatetime(tzinfo=UTC) == next_utc_day(mesh.clock())
    assert len(mesh.hh.negotiations_of(alice.hh_user)) == 2
    assert await worker.run_once() == 0  # still today: it waits

    mesh.move_to_next_utc_day()
    assert await worker.run_once() == 1
    applies = await mesh.applies_by_vacancy(alice)
    assert {a.state for a in applies.values()} == {S.HH_APPLY_STATE_APPLIED}
    sent = mesh.hh.negotiations_of(alice.hh_user)
    assert sorted(n["vacancy"]["id"] for n in sent) == sorted(PYTHON_IDS)  # each once, nothing twice

    # Each card moved to APPLIED; its timeline shows the automatic apply with the letter sent.
    for vacancy_id in PYTHON_IDS:
        apply = applies[vacancy_id]
        card = await alice.get(pb.Application(id=apply.application_id))
        assert card.status == pb.APPLICATION_STATUS_APPLIED
        entries = [e for e in await mesh.timeline(alice, apply.application_id)
                   if e.kind == pb.TIMELINE_EVENT_KIND_HH_APPLY]
        outcomes = {e.hh_apply.outcome: e for e in entries}
        assert set(outcomes) == {"QUEUED", "APPLIED"}
        assert all(e.hh_apply.automatic for e in entries)
        assert outcomes["APPLIED"].body == apply.message
        posted = next(n for n in sent if n["vacancy"]["id"] == vacancy_id)
        assert posted["message"] == apply.message  # the letter HH received is the one the timeline shows

    # Another of Alice's searches with auto-apply finds the same vacancies: they are the postings she has,
    # not new ones, and nothing is applied to twice.
    overlapping = await mesh.save_search(alice, daily_cap=5, dry_run=False)
    run = await mesh.run_search(alice, overlapping.id)
    assert (run.fetched, run.new_count) == (4, 0)
    mesh.move_to_next_utc_day()
    assert await worker.run_once() == 0
    assert len(mesh.hh.negotiations_of(alice.hh_user)) == 3


async def test_dry_run_sends_nothing_and_the_kill_switch_stops_what_has_not_gone_out(mesh) -> None:
    bob = await mesh.auto_seeker()
    dry = await mesh.save_search(bob, daily_cap=5, dry_run=True)
    mesh.serve_vacancies(python_vacancies()[:2])
    await mesh.run_search(bob, dry.id)

    # Dry run: the letters wait for Bob's review; the worker sends nothing.
    applies = await mesh.settled(bob, {"201", "202"}, {S.HH_APPLY_STATE_REVIEW})
    worker = mesh.worker()
    assert await worker.run_once() == 0
    assert mesh.hh.negotiations_of(bob.hh_user) == []
    review = applies["201"]
    assert review.dry_run and review.automatic and review.message.strip()
    [entry] = [e for e in await mesh.timeline(bob, review.application_id) if e.kind == pb.TIMELINE_EVENT_KIND_HH_APPLY]
    assert (entry.hh_apply.outcome, entry.hh_apply.automatic, entry.body) == ("REVIEW", True, review.message)

    # Bob sends one (edited) and discards the other.
    edited = review.message + "\n\nP.S. I can start in January."
    sent = await bob.apply(pb.Application(id=review.application_id), resume_id="r1", message=edited)
    assert sent.created and sent.apply.state == S.HH_APPLY_STATE_QUEUED and sent.apply.id == review.id
    assert not sent.apply.automatic  # from now on it is Bob's apply
    discarded = await mesh.tracker.DiscardHhApply(pb.DiscardHhApplyRequest(apply_id=applies["202"].id),
                                                  metadata=bob.auth)
    assert discarded.apply.state == S.HH_APPLY_STATE_DISCARDED
    assert await worker.run_once() == 1
    [negotiation] = mesh.hh.negotiations_of(bob.hh_user)
    assert (negotiation["vacancy"]["id"], negotiation["message"]) == ("201", edited)
    entries = [e for e in await mesh.timeline(bob, review.application_id) if e.kind == pb.TIMELINE_EVENT_KIND_HH_APPLY]
    by_outcome = {e.hh_apply.outcome: e.hh_apply.automatic for e in entries}
    assert by_outcome == {"REVIEW": True, "QUEUED": False, "APPLIED": False}  # the send was Bob's, not automatic

    # A search that sends, capped at 1 a day: one goes out, two wait; the kill switch stops those two.
    sending = await mesh.save_search(bob, daily_cap=1, dry_run=False)
    mesh.serve_vacancies([hh_vacancy(int(v), f"Python Developer {v}", PYTHON_POSTING) for v in ("301", "302", "303")])
    await mesh.run_search(bob, sending.id)
    await mesh.settled(bob, {"301", "302", "303"}, {S.HH_APPLY_STATE_CAPPED})
    assert await worker.run_once() == 1
    stopped = await mesh.tracker.SetAutoApplySwitch(pb.SetAutoApplySwitchRequest(stopped=True), metadata=bob.auth)
    assert stopped.switch.stopped and stopped.applies_stopped == 2
    applies = await mesh.applies_by_vacancy(bob)
    assert sorted(S.Name(applies[v].state) for v in ("301", "302", "303")) == [
        "HH_APPLY_STATE_APPLIED", "HH_APPLY_STATE_STOPPED", "HH_APPLY_STATE_STOPPED"]
    assert applies["202"].state == S.HH_APPLY_STATE_DISCARDED  # the user's own decisions stay as they were
    halted = next(a for a in applies.values() if a.state == S.HH_APPLY_STATE_STOPPED)
    [entry] = [e for e in await mesh.timeline(bob, halted.application_id)
               if e.kind == pb.TIMELINE_EVENT_KIND_HH_APPLY and e.hh_apply.outcome == "STOPPED"]
    assert entry.hh_apply.automatic
    mesh.move_to_next_utc_day()
    assert await worker.run_once() == 0
    assert len(mesh.hh.negotiations_of(bob.hh_user)) == 2  # 201 (Bob's send) and one of 301-303

    # While the switch is on, new postings that pass the threshold stay in Bob's inbox, undecided.
    mesh.serve_vacancies([hh_vacancy(401, "Python Developer 401", PYTHON_POSTING)])
    another = await mesh.save_search(bob, daily_cap=5, dry_run=False)
    run = await mesh.run_search(bob, another.id)
    assert run.new_count == 1

    async def scored():
        job = (await mesh.inbox(bob)).get("401")
        return job if job is not None and job.HasField("fit") else None

    job = await wait_for(scored, timeout_s=SCORING_TIMEOUT_S, interval_s=0.2)
    assert job.fit.score >= THRESHOLD
    # The automatic approval was asked for and declined by the tracker (discovery's own record of it).
    pool = mesh.services.runtimes["discovery_service"].pool

    async def declined():
        return await pool.fetchrow("SELECT state, reason FROM auto_approvals WHERE job_id = $1 AND state = 'SKIPPED'",
                                   uuid.UUID(job.id))

    decision = await wait_for(declined, timeout_s=30)
    assert "kill switch" in decision["reason"]
    assert (await mesh.inbox(bob))["401"].status == discovery_pb2.JOB_STATUS_PENDING
    assert "401" not in await mesh.applies_by_vacancy(bob)
    switch = await mesh.tracker.GetAutoApplySwitch(pb.GetAutoApplySwitchRequest(), metadata=bob.auth)
    assert switch.switch.stopped and switch.switch.HasField("changed_at")


async def test_a_posting_the_user_rejected_before_its_score_came_is_never_auto_applied(mesh) -> None:
    carol = await mesh.auto_seeker()
    search = await mesh.save_search(carol, daily_cap=5, dry_run=False)
    await mesh.stop_ai_coach()  # the scores come later: Carol triages first
    mesh.serve_vacancies(python_vacancies())
    await mesh.run_search(carol, search.id)
    inbox = await mesh.inbox(carol)
    await mesh.discovery.SetJobStatus(discovery_pb2.SetJobStatusRequest(
        id=inbox["202"].id, status=discovery_pb2.JOB_STATUS_REJECTED), metadata=carol.auth)

    await mesh.start_ai_coach()  # discovery's outbox asks again; the three postings are scored
    applies = await mesh.settled(carol, {"201", "203"}, {S.HH_APPLY_STATE_CAPPED})
    inbox = await mesh.inbox(carol)
    assert inbox["202"].HasField("fit") and inbox["202"].fit.score >= THRESHOLD  # it would have qualified
    assert inbox["202"].status == discovery_pb2.JOB_STATUS_REJECTED and "202" not in applies

    # Carol applies to 203 herself while its automatic apply waits: that apply becomes hers, with her letter.
    mine = await carol.apply(pb.Application(id=applies["203"].application_id), resume_id="r1", message="Mine.")
    assert (mine.created, mine.apply.id, mine.apply.automatic) == (True, applies["203"].id, False)
    assert await mesh.worker().run_once() == 2
    sent = {n["vacancy"]["id"]: n["message"] for n in mesh.hh.negotiations_of(carol.hh_user)}
    assert sent == {"201": applies["201"].message, "203": "Mine."}
