"""Approved jobs survive faults: the real mesh approves 300 postings while, in turn, ai_coach is killed
and restarted, Redis is restarted, the tracker is killed and restarted, and every PostgreSQL
connection is dropped.

For each fault, at the end:
- every approved posting has exactly one stored analysis or one stored failure (none lost, none
  duplicated), read from the tracker's schema;
- no user-visible request got a 5xx or an INTERNAL_SERVER_ERROR; UNAVAILABLE during the fault is
  allowed only because the client's retry then succeeded (every approval is accepted in the end);
- every settled application has an ANALYSIS_DONE in the user's stream (within a relay pass of its
  commit: the tracker's outbox publishes after the transaction), and an SSE client dropped during the
  fault and reconnected with Last-Event-ID received every one of them. When one is missing, the
  failure says where the tracker's outbox is with it (no row, PENDING, or DONE yet gone from Redis).

The counts per scenario are printed at the end of the run (tests/faults/conftest.py).
Run: `make test-faults` (or `pytest -m faults tests/faults -q`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from devtools.devstack import EmbeddedRedis, Mesh, free_port
from devtools.processes import PROCESSES
from tests.faults.conftest import record_report
from tests.faults.harness import (
    GatewayClient,
    OutboxEventRow,
    SseRecorder,
    Tally,
    analysis_done_outbox_rows,
    analysis_outcomes,
    approve_until_accepted,
    relay_lag_ms,
    republished_analysis_commands,
    seed_manual_jobs,
    settle,
    settled_count,
    user_stream_analysis_events,
)
from tests.helpers import create_database, drop_database

POSTINGS = 300
APPROVAL_CONCURRENCY = 8
FAULT_AFTER_APPROVALS = 60  # the fault lands while approvals and analyses are in full flow
SETTLE_TIMEOUT_S = 150.0  # outbox: 5 s result timeout x 5 attempts, plus the analyses themselves
EVENT_RELAY_TIMEOUT_S = 30.0  # a settled outcome's event is in the stream after the next relay pass
MESH_ENV = {
    # Re-publication and claim expiry within the test's time, not production's minutes.
    "OUTBOX_RESULT_TIMEOUT_S": "5",
    "OUTBOX_POLL_INTERVAL_S": "0.5",
    "AI_COACH_CLAIM_TTL_S": "5",
    # Room for every event of 300 approvals (card created, analysis done, ...) in the replay stream.
    "EVENT_STREAM_MAXLEN": "10000",
}


@dataclass
class FaultStack:
    mesh: Mesh
    redis: EmbeddedRedis
    database_url: str
    log_dir: Path

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.mesh.ports['gateway']}"

    async def kill(self, name: str) -> None:
        """SIGKILL: no drain, no clean-up; in-flight work and claims are left as a crash leaves them."""
        process = self.mesh.processes[name]
        process.kill()
        await asyncio.to_thread(process.wait)

    async def start(self, name: str) -> None:
        self.mesh.start_one(name)
        await asyncio.to_thread(self.mesh.wait_healthy, 90, (name,))

    async def ensure_all_running(self) -> None:
        for name in PROCESSES:
            process = self.mesh.processes.get(name)
            if process is None or process.poll() is not None:
                self.mesh.start_one(name)
        await asyncio.to_thread(self.mesh.wait_healthy, 90)

    def log_tail(self, name: str, lines: int = 25, needle: str = "") -> str:
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return ""
        chosen = [line for line in path.read_text(errors="replace").splitlines() if needle in line]
        return "\n".join(chosen[-lines:])


@pytest.fixture(scope="module")
def fault_stack(postgres_server_dsn: str, test_data_dir: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    """The five processes on a database and a Redis of this module's own (so Redis can be restarted).
    Redis keeps an append-only file, as a deployment that promises event replay does."""
    work = tmp_path_factory.mktemp("faults")
    redis = EmbeddedRedis(work / "redis", persist=True)
    redis.start()
    name, database_url = asyncio.run(create_database(postgres_server_dsn, "jm_faults"))
    env = {"JOBMATE_ENV": "test", "DATA_DIR": str(test_data_dir), "DATABASE_URL": database_url,
           "REDIS_URL": redis.url, "SHUTDOWN_DRAIN_S": "0.2", "CV_STORAGE_DIR": str(work / "cv"), **MESH_ENV}
    mesh = Mesh(env=env, ports={p: free_port() for p in PROCESSES}, log_dir=work / "logs")
    mesh.start()
    try:
        mesh.wait_healthy(timeout_s=90)
        yield FaultStack(mesh, redis, database_url, work / "logs")
    finally:
        mesh.stop()
        redis.stop()
        asyncio.run(drop_database(postgres_server_dsn, name))


# --- the faults -----------------------------------------------------------------------------------------
async def kill_and_restart_ai_coach(stack: FaultStack) -> None:
    await stack.kill("ai_coach")
    await asyncio.sleep(3)  # commands published meanwhile reach nobody: only re-publication saves them
    await stack.start("ai_coach")


async def restart_redis(stack: FaultStack) -> None:
    await asyncio.to_thread(stack.redis.stop)
    await asyncio.sleep(2)
    await asyncio.to_thread(stack.redis.start)


async def kill_and_restart_tracker(stack: FaultStack) -> None:
    await stack.kill("tracker_service")
    await asyncio.sleep(2)
    await stack.start("tracker_service")


async def drop_postgres_connections(stack: FaultStack) -> None:
    """Terminate every other backend of the mesh's database, three times a second apart, so that
    connections are cut both idle in the pools and in the middle of transactions."""
    conn = await asyncpg.connect(stack.database_url)
    try:
        for _ in range(3):
            await conn.fetch("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                             " WHERE datname = current_database() AND pid <> pg_backend_pid()")
            await asyncio.sleep(1)
    finally:
        await conn.close()


FAULTS: dict[str, Callable[[FaultStack], Awaitable[None]]] = {
    "ai_coach killed and restarted": kill_and_restart_ai_coach,
    "Redis restarted": restart_redis,
    "tracker killed and restarted": kill_and_restart_tracker,
    "PostgreSQL connections dropped": drop_postgres_connections,
}


# --- the scenario ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fault_name", list(FAULTS))
async def test_every_approved_job_ends_analysed_or_failed_exactly_once(fault_stack: FaultStack,
                                                                       fault_name: str) -> None:
    stack = fault_stack
    await stack.ensure_all_running()
    tally = Tally()
    setup = GatewayClient(stack.gateway_url)  # setup traffic is not part of the fault's tally
    user_id = await setup.register()
    await setup.fill_profile()
    job_ids = await seed_manual_jobs(setup, POSTINGS)
    assert len(set(job_ids)) == POSTINGS
    client = GatewayClient(stack.gateway_url, token=setup.token, tally=tally)
    await setup.close()

    sse = SseRecorder(stack.gateway_url, client.token or "")
    await sse.connect()

    approved: list[str] = []
    not_accepted: list[tuple[str, list[str]]] = []
    enough_approved = asyncio.Event()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for job_id in job_ids:
        queue.put_nowait(job_id)

    async def approver() -> None:
        while not queue.empty():
            job_id = queue.get_nowait()
            outcome = await approve_until_accepted(client, job_id)
            if outcome.application_id:
                approved.append(job_id)
            else:
                not_accepted.append((job_id, outcome.final_codes))
            if len(approved) >= FAULT_AFTER_APPROVALS:
                enough_approved.set()

    async def inject() -> float:
        await enough_approved.wait()
        started = time.monotonic()
        await sse.disconnect()  # the user's connection drops with the fault ...
        await FAULTS[fault_name](stack)
        await sse.connect(timeout_s=60)  # ... and comes back with Last-Event-ID
        return time.monotonic() - started

    workers = [asyncio.create_task(approver()) for _ in range(APPROVAL_CONCURRENCY)]
    fault_task = asyncio.create_task(inject())
    await asyncio.gather(*workers)
    enough_approved.set()  # should every approval fail, the fault still runs and the report says why
    fault_seconds = await fault_task

    # Every accepted approval must settle: analysis or failure, within the outbox's bounded attempts.
    async def all_settled() -> bool:
        return await settled_count(stack.database_url, user_id) >= len(approved)

    await settle(all_settled, SETTLE_TIMEOUT_S, interval_s=1)
    outcomes = await analysis_outcomes(stack.database_url, user_id, set(approved))

    # Every settled application's ANALYSIS_DONE reaches the user's stream. The tracker's relay publishes
    # it after the outcome's transaction commits, so the stream may trail the tables by a relay pass.
    settled_apps = await _settled_application_ids(stack.database_url, user_id)
    stream_events = await user_stream_analysis_events(stack.redis.url, user_id)
    relaying_at_settle = settled_apps - set(stream_events.values())

    async def every_settled_application_in_stream() -> bool:
        nonlocal stream_events
        stream_events = await user_stream_analysis_events(stack.redis.url, user_id)
        return settled_apps <= set(stream_events.values())

    await settle(every_settled_application_in_stream, EVENT_RELAY_TIMEOUT_S)
    outbox_rows = await analysis_done_outbox_rows(stack.database_url, user_id)

    # Every ANALYSIS_DONE in the user's stream must reach the reconnected SSE client.
    await settle(lambda: set(stream_events) <= sse.ids_of_type("ANALYSIS_DONE"), 30)
    received = sse.ids_of_type("ANALYSIS_DONE")
    await sse.close()
    await client.close()
    apps_with_event = set(stream_events.values())
    without_event = settled_apps - apps_with_event

    report = {
        "fault": fault_name, "fault_seconds": round(fault_seconds, 1), **outcomes.as_dict(),
        "commands_republished": await republished_analysis_commands(stack.database_url, user_id),
        "approvals_not_accepted": len(not_accepted), "user_requests": tally.requests,
        "http_5xx": tally.http_5xx, "internal_errors": tally.error_codes.get("INTERNAL_SERVER_ERROR", 0),
        "unavailable_then_retried": tally.error_codes.get("UNAVAILABLE", 0),
        "transport_errors_then_retried": sum(tally.transport_errors.values()),
        "sse_expected": len(stream_events), "sse_received": len(received & set(stream_events)),
        "sse_connections": sse.connections,
        "settled_without_event": len(without_event),
        "events_still_relaying_at_settle": len(relaying_at_settle),
        "analysis_done_relay_lag_ms": relay_lag_ms(stream_events, outbox_rows),
    }
    record_report(report)
    context = _diagnostics(stack, report, not_accepted, outcomes.lost, tally)
    if without_event or relaying_at_settle:
        context += "\n" + _relay_diagnostics(outbox_rows, without_event, relaying_at_settle)

    assert not not_accepted, f"approvals the user could not get through: {not_accepted[:5]}\n{context}"
    assert tally.http_5xx == 0 and report["internal_errors"] == 0, f"{tally.server_faults[:5]}\n{context}"
    assert outcomes.lost == [], f"{len(outcomes.lost)} approved jobs never settled\n{context}"
    assert outcomes.duplicates == 0, f"duplicated analyses or applications\n{context}"
    assert outcomes.analysed + outcomes.failed == len(approved) == POSTINGS, context
    assert set(stream_events) <= received, f"SSE missed {len(set(stream_events) - received)} events\n{context}"
    assert settled_apps <= apps_with_event, f"settled applications without ANALYSIS_DONE\n{context}"


async def _settled_application_ids(database_url: str, user_id: str) -> set[str]:
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT id::text FROM tracker.applications WHERE user_id = $1"
                                " AND analysis_state IN ('DONE', 'FAILED')", user_id)
    finally:
        await conn.close()
    return {row["id"] for row in rows}


def _relay_diagnostics(outbox_rows: dict[str, list[OutboxEventRow]], without_event: set[str],
                       relaying_at_settle: set[str]) -> str:
    """Where the tracker's outbox is with the events the stream lacked: no row (never emitted), PENDING
    (not relayed: late or stuck) or DONE (Redis acknowledged the XADD, yet the entry is gone)."""
    lines = []
    for title, apps in (("without ANALYSIS_DONE in the stream", without_event),
                        ("not yet in the stream when all had settled", relaying_at_settle)):
        lines.append(f"--- {len(apps)} settled applications {title}:")
        for app in sorted(apps)[:10]:
            rows = outbox_rows.get(app)
            lines.append("  " + ("; ".join(r.describe() for r in rows) if rows else f"{app}: no outbox row"))
    return "\n".join(lines)


def _diagnostics(stack: FaultStack, report: dict, not_accepted: list, lost: list[str], tally: Tally) -> str:
    lines = [f"report: {report}", f"tally: {tally.summary()}", f"sample lost: {lost[:5]}",
             f"sample not accepted: {not_accepted[:3]}"]
    for name in PROCESSES:
        tail = stack.log_tail(name, lines=8, needle='"level": "error"') or stack.log_tail(name, lines=6, needle="Traceback")
        if tail:
            lines.append(f"--- {name} errors:\n{tail}")
    return "\n".join(lines)
