"""Killing or stopping ai_coach in the middle of an analysis loses nothing and stores nothing twice.

The mesh runs as real processes (profile, discovery, tracker, ai_coach); the LLM is a loopback fake
OpenAI-compatible provider that takes a few seconds to answer, so the analysis is reliably in flight when
ai_coach gets SIGKILL (no clean-up: its claim on the command is left to expire). A new ai_coach process
starts; tracker's outbox re-publishes the command (OUTBOX_RESULT_TIMEOUT_S is lowered for the test), the
new process claims it once the dead one's claim has expired, and the analysis completes. Exactly one
analysis is stored and exactly one EVENT_ANALYSIS_DONE is emitted. A SIGTERM whose grace period is shorter
than the analysis takes the clean path instead: the process releases its claim and exits 0, and the
restarted worker completes the analysis just the same.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import asyncpg
import grpc
import pytest

from common.bus import Bus
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tests.fakes.boards import FakeBoard
from tests.helpers import bearer

pytestmark = pytest.mark.e2e

LLM_DELAY_S = 2.5
LLM_REPLY = {
    "score_adjustment": 5,
    "adjustment_reasons": ["the posting's logistics domain matches the candidate's past work"],
    "pros": ["Has shipped Python services on PostgreSQL"],
    "cons": [],
    "cover_letter": "Dear Acme Logistics team, I build Python services on PostgreSQL and would like to join you.",
    "ats_tips": [],
}
OWNERS = ("profile_service", "discovery_service", "tracker_service")


def completion() -> dict:
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": "fake-coach",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(LLM_REPLY)}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}}


def wait_until(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"{what}: not within {timeout_s:.0f} s")


def approve_a_job(mesh) -> tuple[str, str, list]:
    """A registered user with a profile approves a posting; returns (user id, application id, auth)."""
    def stub(factory, name):
        return factory(grpc.insecure_channel(f"127.0.0.1:{mesh.ports[name]}"))

    profile = stub(profile_pb2_grpc.ProfileServiceStub, "profile_service")
    discovery = stub(discovery_pb2_grpc.DiscoveryServiceStub, "discovery_service")
    tracker = stub(tracker_pb2_grpc.TrackerServiceStub, "tracker_service")
    registered = profile.Register(profile_pb2.RegisterRequest(
        email=f"kill-{uuid.uuid4().hex[:8]}@example.org", password="correct horse battery staple 42",
        full_name="Ada Example"), timeout=10)
    auth = bearer(registered.tokens.access_token)
    update = profile_pb2.UpdateProfileRequest(profile=profile_pb2.Profile(
        headline="Backend engineer", skills=[profile_pb2.Skill(name="Python", years=5),
                                             profile_pb2.Skill(name="PostgreSQL")]))
    update.update_mask.paths.extend(["headline", "skills"])
    profile.UpdateProfile(update, metadata=auth, timeout=10)
    job = discovery.AddJobManually(discovery_pb2.AddJobManuallyRequest(
        company="Acme Logistics", title="Backend Engineer (Python)", location="Berlin",
        description="Requirements:\n- 3+ years of Python\n- PostgreSQL"), metadata=auth, timeout=10).job
    application = tracker.CreateApplication(tracker_pb2.CreateApplicationRequest(job_id=job.id),
                                            metadata=auth, timeout=10).application
    return registered.user.id, application.id, auth


def get_application(mesh, application_id: str, auth: list) -> tracker_pb2.Application:
    with grpc.insecure_channel(f"127.0.0.1:{mesh.ports['tracker_service']}") as channel:
        return tracker_pb2_grpc.TrackerServiceStub(channel).GetApplication(
            tracker_pb2.GetApplicationRequest(id=application_id), metadata=auth, timeout=10).application


async def stored_results(database_url: str, application_id: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetch("SELECT command_id, ok FROM tracker.analysis_results WHERE application_id = $1",
                                uuid.UUID(application_id))
    finally:
        await conn.close()


async def analysis_events(redis_url: str, user_id: str) -> list[events_pb2.Event]:
    bus = Bus.from_url(redis_url)
    try:
        return [e.event for e in await bus.read_user_events(user_id)
                if e.event.type == events_pb2.EVENT_TYPE_ANALYSIS_DONE]
    finally:
        await bus.close()


async def analysis_claim(database_url: str, redis_url: str, application_id: str) -> bytes | None:
    """ai_coach's claim on the application's current analysis command, as Redis holds it."""
    conn = await asyncpg.connect(database_url)
    try:
        command_id = await conn.fetchval("SELECT analysis_command_id FROM tracker.applications WHERE id = $1",
                                         uuid.UUID(application_id))
    finally:
        await conn.close()
    bus = Bus.from_url(redis_url)
    try:
        return await bus.redis.get(f"ai_coach:command:{command_id}")
    finally:
        await bus.close()


@pytest.mark.parametrize("stop", ["SIGKILL", "SIGTERM"])
def test_stopping_ai_coach_mid_analysis_stores_exactly_one_analysis(
        stop: str, mesh_factory, database_url, redis_url) -> None:
    with FakeBoard() as llm:
        llm.add_json("/v1/chat/completions", completion(), delay_s=LLM_DELAY_S)
        mesh = mesh_factory({
            "LLM_BASE_URL": f"{llm.base_url}/v1", "LLM_MODEL": "fake-coach", "LLM_TIMEOUT_S": "20",
            "OUTBOX_RESULT_TIMEOUT_S": "3", "OUTBOX_POLL_INTERVAL_S": "0.2", "OUTBOX_MAX_ATTEMPTS": "20",
            "AI_COACH_CLAIM_TTL_S": "2", "SHUTDOWN_GRACE_S": "0.5",
        })
        mesh.start(OWNERS + ("ai_coach",))
        mesh.wait_healthy(timeout_s=90)
        user_id, application_id, auth = approve_a_job(mesh)

        wait_until(lambda: llm.requests_to("/v1/chat/completions"), 30, "the analysis reached the LLM")
        assert get_application(mesh, application_id, auth).analysis_state == tracker_pb2.ANALYSIS_STATE_RUNNING
        victim = mesh.processes.pop("ai_coach")
        if stop == "SIGKILL":
            victim.kill()  # no drain, no claim release: the claim has to expire
            assert victim.wait(10) == -9
        else:
            victim.terminate()  # the grace period (0.5 s) is shorter than the LLM's answer (2.5 s)
            assert victim.wait(10) == 0
            # Abandoned work releases its claim at once rather than leaving it to expire.
            assert asyncio.run(analysis_claim(database_url, redis_url, application_id)) is None
        mesh.start_one("ai_coach")
        mesh.wait_healthy(timeout_s=60, names=("ai_coach",))

        done = wait_until(
            lambda: (app := get_application(mesh, application_id, auth)).analysis_state
            in (tracker_pb2.ANALYSIS_STATE_DONE, tracker_pb2.ANALYSIS_STATE_FAILED) and app,
            60, "the analysis settled after the restart")

        assert done.analysis_state == tracker_pb2.ANALYSIS_STATE_DONE, done.analysis_error
        assert done.analysis.engine == "llm" and done.analysis.model == "fake-coach"
        assert len(llm.requests_to("/v1/chat/completions")) >= 2  # the killed attempt, then the one that finished
        results = asyncio.run(stored_results(database_url, application_id))
        assert [r["ok"] for r in results] == [True]
        # A late re-publication after the result is dropped, not analysed again.
        time.sleep(4)
        assert len(asyncio.run(stored_results(database_url, application_id))) == 1
        events = asyncio.run(analysis_events(redis_url, user_id))
        assert [(e.analysis_done.application_id, e.analysis_done.ok, e.analysis_done.score) for e in events] == [
            (application_id, True, done.analysis.score)]
