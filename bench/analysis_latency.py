"""Approve-to-EVENT_ANALYSIS_DONE latency through the real mesh.

Starts profile, discovery, tracker and ai_coach as separate processes (devtools.devstack.Mesh, as
`make dev` runs them; the gateway is left out, as it only relays the approval), on an embedded
PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set. One user with a filled profile adds
postings by hand; each is then approved (tracker CreateApplication, which writes CMD_ANALYZE_JOB to its
outbox) and the clock stops when EVENT_ANALYSIS_DONE for that application arrives on Redis. The path
measured: tracker outbox relay → Redis → ai_coach claim → MarkAnalysisRunning → BatchGetJobs,
BatchGetProfiles → heuristic engine → RecordAnalysis → tracker outbox relay → Redis.

Two phases: approvals one at a time (the latency a user sees on a quiet system), then a burst of
approvals at once (queueing behind AI_COACH_CONCURRENCY).

    .venv/bin/python bench/analysis_latency.py [--count 40] [--burst 20]

Prints human-readable lines, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from pathlib import Path

import grpc
import redis.asyncio as redis

from bench.scratch_mesh import scratch_mesh
from common import messages
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc

REPO_ROOT = Path(__file__).resolve().parents[1]

PROCESSES = ("profile_service", "discovery_service", "tracker_service", "ai_coach")
POSTING = ("Requirements:\n- 3+ years of Python\n- PostgreSQL and Docker\n- Kubernetes\n"
           "Nice to have: Terraform, Go\nAbout us: we build logistics software in Berlin.")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(latencies_ms: list[float]) -> dict[str, float]:
    return {"count": len(latencies_ms), "p50_ms": round(percentile(latencies_ms, 0.50), 1),
            "p99_ms": round(percentile(latencies_ms, 0.99), 1), "mean_ms": round(statistics.fmean(latencies_ms), 1),
            "max_ms": round(max(latencies_ms), 1)}


class Client:
    def __init__(self, ports: dict[str, int], redis_url: str) -> None:
        def channel(name: str) -> grpc.aio.Channel:
            return grpc.aio.insecure_channel(f"127.0.0.1:{ports[name]}")

        self.channels = [channel("profile_service"), channel("discovery_service"), channel("tracker_service")]
        self.profile = profile_pb2_grpc.ProfileServiceStub(self.channels[0])
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self.channels[1])
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self.channels[2])
        self.redis = redis.Redis.from_url(redis_url)
        self.done_at: dict[str, tuple[float, bool]] = {}
        self.arrived = asyncio.Condition()
        self.auth: list[tuple[str, str]] = []

    async def listen(self, subscribed: asyncio.Event) -> None:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(messages.event_channel(events_pb2.EVENT_TYPE_ANALYSIS_DONE))
        subscribed.set()
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            event = messages.event_from_json(message["data"])
            async with self.arrived:
                self.done_at[event.analysis_done.application_id] = (time.perf_counter(), event.analysis_done.ok)
                self.arrived.notify_all()

    async def sign_up(self) -> None:
        registered = await self.profile.Register(profile_pb2.RegisterRequest(
            email=f"bench-{uuid.uuid4().hex[:8]}@example.org", password="correct horse battery staple 42",
            full_name="Bench User"), timeout=10)
        self.auth = [("authorization", f"Bearer {registered.tokens.access_token}")]
        update = profile_pb2.UpdateProfileRequest(profile=profile_pb2.Profile(
            headline="Backend engineer",
            skills=[profile_pb2.Skill(name=name, years=4) for name in ("Python", "PostgreSQL", "Docker", "Go")],
            experience=[profile_pb2.Experience(title="Backend engineer", company="Initech", start="2019-01",
                                               end="present", description="Python services on PostgreSQL")],
            languages=[profile_pb2.Language(name="English", level="C1")]))
        update.update_mask.paths.extend(["headline", "skills", "experience", "languages"])
        await self.profile.UpdateProfile(update, metadata=self.auth, timeout=10)

    async def add_job(self, n: int) -> str:
        job = await self.discovery.AddJobManually(discovery_pb2.AddJobManuallyRequest(
            company=f"Company {n} {uuid.uuid4().hex[:6]}", title=f"Backend Engineer {n}", location="Berlin",
            description=POSTING), metadata=self.auth, timeout=10)
        return job.job.id

    async def approve_and_wait(self, job_id: str, timeout_s: float = 60) -> tuple[float, bool]:
        started = time.perf_counter()
        created = await self.tracker.CreateApplication(tracker_pb2.CreateApplicationRequest(job_id=job_id),
                                                       metadata=self.auth, timeout=10)
        application_id = created.application.id
        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(lambda: application_id in self.done_at), timeout_s)
        finished, ok = self.done_at[application_id]
        return (finished - started) * 1000, ok

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()
        await self.redis.aclose()


async def measure(ports: dict[str, int], redis_url: str, count: int, burst: int) -> dict:
    client = Client(ports, redis_url)
    subscribed = asyncio.Event()
    listener = asyncio.create_task(client.listen(subscribed))
    try:
        await subscribed.wait()
        await client.sign_up()
        jobs = [await client.add_job(n) for n in range(3 + count + burst)]
        for job_id in jobs[:3]:  # warm-up: connections, vocabulary load, first-call costs
            await client.approve_and_wait(job_id)

        sequential = [await client.approve_and_wait(job_id) for job_id in jobs[3:3 + count]]
        burst_started = time.perf_counter()
        bursted = await asyncio.gather(*(client.approve_and_wait(job_id) for job_id in jobs[3 + count:]))
        burst_wall_s = time.perf_counter() - burst_started
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await client.close()
    failed = sum(1 for _, ok in sequential + list(bursted) if not ok)
    return {"sequential": summary([ms for ms, _ in sequential]),
            "burst": {**summary([ms for ms, _ in bursted]),
                      "analyses_per_s": round(len(bursted) / burst_wall_s, 1)} if bursted else None,
            "failed_analyses": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="approvals measured one at a time")
    parser.add_argument("--burst", type=int, default=20, help="approvals made at once afterwards (0: none)")
    args = parser.parse_args()

    with scratch_mesh("latency", processes=PROCESSES, env={"LLM_BASE_URL": "", "LLM_MODEL": ""}) as scratch:
        print(f"mesh up: {', '.join(PROCESSES)} (heuristic engine); PostgreSQL and Redis "
              f"{'given' if os.environ.get('DATABASE_URL') else 'embedded'}", flush=True)
        figures = asyncio.run(measure(scratch.mesh.ports, scratch.mesh.env["REDIS_URL"], args.count, args.burst))

    seq = figures["sequential"]
    print(f"one at a time ({seq['count']}): p50 {seq['p50_ms']} ms, p99 {seq['p99_ms']} ms, "
          f"mean {seq['mean_ms']} ms, max {seq['max_ms']} ms")
    if figures["burst"]:
        burst = figures["burst"]
        print(f"burst of {burst['count']} at once: p50 {burst['p50_ms']} ms, p99 {burst['p99_ms']} ms, "
              f"max {burst['max_ms']} ms, {burst['analyses_per_s']} analyses/s")
    if figures["failed_analyses"]:
        print(f"WARNING: {figures['failed_analyses']} analyses ended in a failure")
    print(json.dumps({"benchmark": "analysis_latency", "engine": "heuristic", "cores": os.cpu_count(), **figures}))


if __name__ == "__main__":
    main()
