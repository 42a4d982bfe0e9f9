"""The ai_coach worker's delivery guarantees against a real Redis: one replica per command, idempotency
by command id, bounded concurrency, abandon-and-retry, graceful shutdown and Redis restarts.

The handlers here are small recorders standing in for the analysis and CV handlers, whose own flows
through the real owners are in test_ai_coach_flow.py: these tests are about the dispatcher.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from pathlib import Path

import pytest

from ai_coach.handlers import RetryLater
from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from common import messages
from common.bus import Bus
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for

ANALYZE = events_pb2.CommandType.COMMAND_TYPE_ANALYZE_JOB
PARSE_CV = events_pb2.CommandType.COMMAND_TYPE_PARSE_CV


def analyze_command(user_id: str = "user-1") -> events_pb2.Command:
    return messages.new_command(ANALYZE, user_id, analyze_job=events_pb2.AnalyzeJob(
        application_id="app-1", job_id="job-1"))


class Recorder:
    """A handler that records each command it runs; `gate` (when set) holds every run until opened."""

    def __init__(self, *, gate: asyncio.Event | None = None, retry_first: int = 0) -> None:
        self.handled: list[str] = []
        self.running = 0
        self.max_running = 0
        self.cancelled: list[str] = []
        self._gate = gate
        self._retry_first = retry_first

    async def handle(self, command: events_pb2.Command) -> None:
        self.running += 1
        self.max_running = max(self.max_running, self.running)
        try:
            if self._gate is not None:
                await self._gate.wait()
            if self._retry_first:
                self._retry_first -= 1
                raise RetryLater("owner unavailable")
            self.handled.append(command.id)
        except asyncio.CancelledError:
            self.cancelled.append(command.id)
            raise
        finally:
            self.running -= 1


class RunningWorker:
    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(run_worker(worker, self.stop))

    async def shutdown(self) -> None:
        self.stop.set()
        await self.task
        await self.worker.close()


@pytest.fixture
async def start_worker(redis_url: str, test_data_dir: Path):
    running: list[RunningWorker] = []

    async def start(handler, *, redis: str | None = None, **overrides) -> RunningWorker:
        settings = AiCoachSettings(jobmate_env="test", data_dir=test_data_dir, redis_url=redis or redis_url,
                                   shutdown_grace_s=overrides.pop("shutdown_grace_s", 1.0), **overrides)
        worker = Worker(settings, handlers={ANALYZE: handler, PARSE_CV: handler})
        handle = RunningWorker(worker)
        running.append(handle)
        await wait_for(worker.subscription.connected.is_set)
        return handle

    yield start
    for handle in running:
        if not handle.task.done():
            await handle.shutdown()


async def test_each_command_is_handled_by_exactly_one_replica_and_only_once(start_worker, bus: Bus) -> None:
    recorders = [Recorder(), Recorder(), Recorder()]
    for recorder in recorders:
        await start_worker(recorder)
    commands = [analyze_command() for _ in range(10)]
    for command in commands:
        assert await bus.publish_command(command) >= 3  # every replica receives every command
    await wait_for(lambda: sum(len(r.handled) for r in recorders) == 10)

    # The outbox re-publishes (attempt 2) a command whose result it has not seen yet: a late duplicate.
    for command in commands:
        command.attempt = 2
        await bus.publish_command(command)
    await asyncio.sleep(0.5)  # give a wrong second run the chance to happen

    counts = Counter(command_id for r in recorders for command_id in r.handled)
    assert counts == Counter({command.id: 1 for command in commands})


async def test_a_command_that_cannot_be_settled_is_taken_again_when_republished(start_worker, bus: Bus) -> None:
    recorder = Recorder(retry_first=1)
    handle = await start_worker(recorder)
    command = analyze_command()

    await bus.publish_command(command)
    await wait_for(lambda: recorder.running == 0 and recorder._retry_first == 0)
    assert await handle.worker.claims.state(command.id) is None  # claim released, not left to expire
    assert recorder.handled == []

    command.attempt = 2
    await bus.publish_command(command)
    await wait_for(lambda: recorder.handled == [command.id])
    assert await handle.worker.claims.state(command.id) == b"done"


async def test_concurrency_is_bounded_and_every_command_still_runs(start_worker, bus: Bus) -> None:
    gate = asyncio.Event()
    recorder = Recorder(gate=gate)
    handle = await start_worker(recorder, ai_coach_concurrency=2)
    commands = [analyze_command() for _ in range(6)]
    for command in commands:
        await bus.publish_command(command)

    await wait_for(lambda: recorder.running == 2)
    await asyncio.sleep(0.3)  # the other four wait for a slot rather than start
    assert recorder.running == 2 and handle.worker.in_flight == 2
    gate.set()
    await wait_for(lambda: len(recorder.handled) == 6)
    assert sorted(recorder.handled) == sorted(c.id for c in commands)
    assert recorder.max_running == 2


async def test_shutdown_lets_quick_work_finish_and_abandons_slow_work_releasing_its_claim(
        start_worker, bus: Bus) -> None:
    gate = asyncio.Event()
    recorder = Recorder(gate=gate)
    handle = await start_worker(recorder, shutdown_grace_s=0.5)
    command = analyze_command()
    await bus.publish_command(command)
    await wait_for(lambda: recorder.running == 1)

    await handle.shutdown()  # the gate never opens: the grace period runs out

    assert recorder.cancelled == [command.id] and recorder.handled == []
    claims_bus = Bus.from_url(handle.worker.settings.redis_url)
    try:
        assert await claims_bus.redis.get(f"ai_coach:command:{command.id}") is None
    finally:
        await claims_bus.close()

    # A fresh replica takes the outbox's re-publication.
    replacement = Recorder()
    await start_worker(replacement)
    command.attempt = 2
    await bus.publish_command(command)
    await wait_for(lambda: replacement.handled == [command.id])


async def test_in_flight_work_that_ends_within_the_grace_period_completes(start_worker, bus: Bus) -> None:
    gate = asyncio.Event()
    recorder = Recorder(gate=gate)
    handle = await start_worker(recorder, shutdown_grace_s=10)
    command = analyze_command()
    await bus.publish_command(command)
    await wait_for(lambda: recorder.running == 1)

    shutdown = asyncio.create_task(handle.shutdown())
    await asyncio.sleep(0.2)
    assert not (await handle.worker.ready())[0]  # no longer ready: takes no new work
    gate.set()
    await shutdown
    assert recorder.handled == [command.id] and recorder.cancelled == []


async def test_a_claim_held_by_a_dead_replica_expires_so_the_command_is_taken_again(start_worker, bus: Bus) -> None:
    recorder = Recorder()
    await start_worker(recorder, ai_coach_claim_ttl_s=0.5)
    command = analyze_command()
    # A replica that died mid-work: its claim is there, and nobody renews it.
    assert await bus.redis.set(f"ai_coach:command:{command.id}", "dead-replica", nx=True, px=500)

    await bus.publish_command(command)
    await asyncio.sleep(0.2)
    assert recorder.handled == []

    async def claim_expired() -> bool:
        return not await bus.redis.exists(f"ai_coach:command:{command.id}")

    await wait_for(claim_expired, timeout_s=5)
    command.attempt = 2
    await bus.publish_command(command)
    await wait_for(lambda: recorder.handled == [command.id])


async def test_slow_work_keeps_its_claim_past_the_ttl(start_worker, bus: Bus) -> None:
    gate = asyncio.Event()
    first, second = Recorder(gate=gate), Recorder(gate=gate)
    await start_worker(first, ai_coach_claim_ttl_s=0.3)
    await start_worker(second, ai_coach_claim_ttl_s=0.3)
    command = analyze_command()
    await bus.publish_command(command)
    await wait_for(lambda: first.running + second.running == 1)
    await asyncio.sleep(1.0)  # three TTLs: without renewal the claim would have lapsed
    command.attempt = 2
    await bus.publish_command(command)
    await asyncio.sleep(0.3)
    gate.set()
    await wait_for(lambda: len(first.handled) + len(second.handled) == 1)
    await asyncio.sleep(0.3)
    assert first.handled + second.handled == [command.id]


async def test_garbage_on_the_command_channels_does_not_stop_the_worker(start_worker, bus: Bus) -> None:
    recorder = Recorder()
    await start_worker(recorder)
    await bus.redis.publish("CMD_ANALYZE_JOB", b"\xff not json")
    await bus.redis.publish("CMD_ANALYZE_JOB", b'{"id": "x", "type": "COMMAND_TYPE_ANALYZE_JOB"}')  # no payload
    wrong_payload = messages.new_command(ANALYZE, "user-1", parse_cv=events_pb2.ParseCv(cv_id="cv-1"))
    await bus.publish_command(wrong_payload)
    command = analyze_command()
    await bus.publish_command(command)
    await wait_for(lambda: recorder.handled == [command.id])


async def test_the_worker_resubscribes_after_redis_restarts(start_worker, restartable_redis) -> None:
    recorder = Recorder()
    handle = await start_worker(recorder, redis=restartable_redis.url)
    assert (await handle.worker.ready())[0]

    await asyncio.to_thread(restartable_redis.restart)
    await wait_for(lambda: handle.worker.subscription.reconnects >= 1, timeout_s=20)

    async def ready() -> bool:
        return (await handle.worker.ready())[0]

    await wait_for(ready)  # the first ping may land on a connection from before the restart

    bus = Bus.from_url(restartable_redis.url)
    try:
        command = analyze_command()
        await bus.publish_command(command)
        await wait_for(lambda: recorder.handled == [command.id])
    finally:
        await bus.close()


async def test_health_endpoint_reports_ready_while_subscribed(start_worker) -> None:
    from common.health_http import start_health_server
    from devtools.devstack import free_port

    handle = await start_worker(Recorder())
    port = free_port()
    server = await start_health_server(port, handle.worker.ready, host="127.0.0.1")
    try:
        async def get(path: str) -> tuple[int, str]:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            await writer.drain()
            response = (await reader.read()).decode()
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
            return int(response.split()[1]), response

        assert (await get("/healthz"))[0] == 200
        status, body = await get("/readyz")
        assert status == 200 and '"subscribed": true' in body
        handle.worker.stop_accepting()
        assert (await get("/readyz"))[0] == 503
    finally:
        server.close()
