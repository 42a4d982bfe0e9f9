"""What the fault suite, the load run and the hostile-input tests drive the real mesh with.

- `GatewayClient`: GraphQL over real HTTP as a user's app sends it, with a `Tally` of what the user saw
  (HTTP statuses, GraphQL error codes). A 5xx or an INTERNAL_SERVER_ERROR is always a failure;
  UNAVAILABLE is what a client is told to retry.
- `approve_until_accepted`: approveJob, retried on UNAVAILABLE / connection errors the way a client
  retries, so the user's intent survives a fault (approving twice is idempotent).
- `SseRecorder`: an SSE client for `/events` that can drop its connection and come back with
  Last-Event-ID, keeping every frame it received.
- `analysis_outcomes` / `user_stream_analysis_events`: read-only checks of what was stored (the tracker's
  schema) and what the user's event stream holds (Redis).

Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx

log = logging.getLogger(__name__)

# A client retries these; anything else is an answer.
RETRYABLE_CODES = frozenset({"UNAVAILABLE"})
SERVER_FAULT_CODES = frozenset({"INTERNAL_SERVER_ERROR"})


@dataclass
class Tally:
    """What users saw: per operation, HTTP statuses and GraphQL error codes."""

    statuses: Counter = field(default_factory=Counter)
    error_codes: Counter = field(default_factory=Counter)
    transport_errors: Counter = field(default_factory=Counter)
    server_faults: list[str] = field(default_factory=list)  # 5xx / INTERNAL_SERVER_ERROR, with detail

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.transport_errors.values())

    @property
    def http_5xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> dict[str, Any]:
        return {"requests": self.requests, "http_5xx": self.http_5xx,
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
                "error_codes": dict(self.error_codes), "transport_errors": dict(self.transport_errors),
                "server_faults": self.server_faults[:10]}


@dataclass
class GraphQLReply:
    status: int
    data: dict[str, Any] | None
    errors: list[dict[str, Any]]

    @property
    def codes(self) -> list[str]:
        return [str((e.get("extensions") or {}).get("code", "")) for e in self.errors]

    @property
    def retryable(self) -> bool:
        return bool(self.errors) and all(code in RETRYABLE_CODES for code in self.codes)


class TransportFailure(Exception):
    """The request never got an HTTP answer (connection refused or reset, timeout)."""


class GatewayClient:
    """One user's GraphQL client against the gateway."""

    def __init__(self, base_url: str, *, token: str | None = None, tally: Tally | None = None,
                 timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.tally = tally or Tally()
        self._http = httpx.AsyncClient(timeout=timeout_s, limits=httpx.Limits(max_connections=50))

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> GatewayClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def graphql(self, query: str, variables: dict[str, Any] | None = None, *,
                      operation: str = "graphql") -> GraphQLReply:
        try:
            response = await self._http.post(f"{self.base_url}/graphql", headers=self.headers(),
                                              json={"query": query, "variables": variables or {}})
        except httpx.TransportError as exc:
            self.tally.transport_errors[type(exc).__name__] += 1
            raise TransportFailure(f"{operation}: {type(exc).__name__}: {exc}") from exc
        return self._record(operation, response)

    async def upload(self, query: str, variables: dict[str, Any], file_variable: str, filename: str,
                     content: bytes, *, operation: str = "upload") -> GraphQLReply:
        """A GraphQL multipart request (the spec's `operations` + `map` + file part)."""
        operations = json.dumps({"query": query, "variables": {**variables, file_variable: None}})
        files = {"operations": (None, operations), "map": (None, json.dumps({"0": [f"variables.{file_variable}"]})),
                 "0": (filename, content, "application/pdf")}
        try:
            response = await self._http.post(f"{self.base_url}/graphql", files=files,
                                              headers={**self.headers(), "x-jobmate-csrf": "1"})
        except httpx.TransportError as exc:
            self.tally.transport_errors[type(exc).__name__] += 1
            raise TransportFailure(f"{operation}: {type(exc).__name__}: {exc}") from exc
        return self._record(operation, response)

    def _record(self, operation: str, response: httpx.Response) -> GraphQLReply:
        self.tally.statuses[response.status_code] += 1
        try:
            body = response.json()
        except ValueError:
            body = {}
        reply = GraphQLReply(response.status_code, body.get("data"), body.get("errors") or [])
        for code in reply.codes:
            self.tally.error_codes[code or "NO_CODE"] += 1
        if response.status_code >= 500 or SERVER_FAULT_CODES & set(reply.codes):
            self.tally.server_faults.append(f"{operation}: HTTP {response.status_code} {response.text[:300]}")
        return reply

    # --- the user's actions ------------------------------------------------------------------------
    async def register(self, email: str | None = None, password: str = "correct horse battery staple 42") -> str:
        """Register a fresh account; keeps and returns its access token. Returns the user id."""
        email = email or f"fault-{uuid.uuid4().hex[:12]}@example.com"
        reply = await self.graphql(
            "mutation($e: String!, $p: String!) { register(email: $e, password: $p, fullName: \"Fault Test\")"
            " { accessToken user { id } } }", {"e": email, "p": password}, operation="register")
        if reply.errors or not reply.data:
            raise AssertionError(f"register failed: HTTP {reply.status} {reply.errors}")
        self.token = reply.data["register"]["accessToken"]
        return reply.data["register"]["user"]["id"]

    async def fill_profile(self) -> None:
        """A profile with skills, so analyses have something to compare postings with."""
        reply = await self.graphql(
            "mutation($i: ProfileInput!) { updateProfile(input: $i) { headline } }",
            {"i": {"headline": "Backend engineer", "summary": "Python services on PostgreSQL and Redis.",
                   "skills": [{"name": "Python", "years": 6}, {"name": "PostgreSQL", "years": 4},
                              {"name": "Redis", "years": 3}, {"name": "gRPC", "years": 2}]}},
            operation="updateProfile")
        if reply.errors or not reply.data:
            raise AssertionError(f"updateProfile failed: HTTP {reply.status} {reply.errors}")

    async def add_manual_job(self, index: int, tag: str) -> str:
        reply = await self.graphql(
            "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id } }",
            {"i": {"company": f"Acme {tag} {index}", "title": f"Python engineer {index}",
                   "location": "Berlin", "description": f"Build services in Python, PostgreSQL and Redis ({tag} {index})."}},
            operation="addJobManually")
        if reply.errors or not reply.data:
            raise AssertionError(f"addJobManually failed: HTTP {reply.status} {reply.errors}")
        return reply.data["addJobManually"]["id"]

    async def approve(self, job_id: str) -> GraphQLReply:
        return await self.graphql("mutation($id: ID!) { approveJob(id: $id) { id analysisState } }",
                                  {"id": job_id}, operation="approveJob")


async def seed_manual_jobs(client: GatewayClient, count: int, *, concurrency: int = 8) -> list[str]:
    """`count` distinct postings in the user's inbox, added by hand through the gateway."""
    tag = uuid.uuid4().hex[:8]
    slots = asyncio.Semaphore(concurrency)

    async def one(i: int) -> str:
        async with slots:
            return await client.add_manual_job(i, tag)

    return list(await asyncio.gather(*(one(i) for i in range(count))))


@dataclass
class ApprovalOutcome:
    job_id: str
    application_id: str | None
    attempts: int
    final_codes: list[str]


async def approve_until_accepted(client: GatewayClient, job_id: str, *, give_up_after_s: float = 90.0,
                                 backoff_s: float = 0.25) -> ApprovalOutcome:
    """approveJob as a client app does it: retry on UNAVAILABLE or a dropped connection, with backoff,
    until the gateway accepts it (or answers with a non-retryable error, which is returned as is)."""
    deadline = time.monotonic() + give_up_after_s
    attempts = 0
    codes: list[str] = []
    while True:
        attempts += 1
        try:
            reply = await client.approve(job_id)
        except TransportFailure as exc:
            codes = [f"transport: {exc}"]
        else:
            if not reply.errors and reply.data and reply.data.get("approveJob"):
                return ApprovalOutcome(job_id, reply.data["approveJob"]["id"], attempts, [])
            codes = reply.codes
            if not reply.retryable:
                return ApprovalOutcome(job_id, None, attempts, codes)
        if time.monotonic() > deadline:
            return ApprovalOutcome(job_id, None, attempts, codes)
        await asyncio.sleep(backoff_s)
        backoff_s = min(backoff_s * 2, 2.0)


# --- server-sent events ---------------------------------------------------------------------------------
@dataclass
class SseFrame:
    id: str
    data: dict[str, Any]


class SseRecorder:
    """An SSE client of /events for one user. `connect()` starts reading (from Last-Event-ID when it
    has seen an event before); `disconnect()` drops the connection as a flaky network would."""

    def __init__(self, base_url: str, token: str) -> None:
        self.url = base_url.rstrip("/") + "/events"
        self.token = token
        self.frames: list[SseFrame] = []
        self.connections = 0
        self.errors: list[str] = []
        self._task: asyncio.Task | None = None
        self._connected = asyncio.Event()
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, read=None))

    @property
    def last_event_id(self) -> str | None:
        return self.frames[-1].id if self.frames else None

    async def connect(self, *, timeout_s: float = 30.0) -> None:
        """Connect (retrying while the gateway cannot serve the stream) and return once the stream is open."""
        assert self._task is None, "already connected"
        self._connected.clear()
        self._task = asyncio.create_task(self._read_with_retries(), name="sse-recorder")
        waiter = asyncio.create_task(self._connected.wait())
        done, _ = await asyncio.wait({waiter, self._task}, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        if waiter not in done:
            waiter.cancel()
            raise AssertionError(f"SSE stream did not open within {timeout_s} s: {self.errors[-3:]}")

    async def disconnect(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def close(self) -> None:
        await self.disconnect()
        await self._http.aclose()

    async def _read_with_retries(self) -> None:
        """Like a browser's EventSource: when the stream ends or breaks, reconnect with Last-Event-ID."""
        while True:
            try:
                await self._read_once()
            except (httpx.HTTPError, OSError) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(0.5)

    async def _read_once(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "text/event-stream"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        async with self._http.stream("GET", self.url, headers=headers) as response:
            if response.status_code != 200:
                self.errors.append(f"HTTP {response.status_code}: {(await response.aread())[:200]!r}")
                return
            self.connections += 1
            self._connected.set()
            event_id, data_lines = "", []
            async for line in response.aiter_lines():
                if line.startswith("id:"):
                    event_id = line[3:].strip()
                elif line.startswith("data:"):
                    data_lines.append(line[5:].strip())
                elif line == "":
                    if data_lines and event_id:
                        self.frames.append(SseFrame(event_id, json.loads("\n".join(data_lines))))
                    event_id, data_lines = "", []

    def ids_of_type(self, event_type: str) -> set[str]:
        return {f.id for f in self.frames if f.data.get("type") == event_type}


async def settle(predicate: Callable[[], Awaitable[bool] | bool], timeout_s: float,
                 interval_s: float = 0.5) -> bool:
    """Poll until predicate() holds or the time is up; returns whether it held. Unlike
    tests.helpers.wait_for it does not fail the test, so a scenario can still report its counts."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if not isinstance(value, bool):
            value = await value
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(interval_s)


# --- read-only verification ---------------------------------------------------------------------------
@dataclass
class AnalysisOutcomes:
    """Per approved posting: what the tracker stored."""

    approved: int
    analysed: int  # state DONE, the analysis on the card, exactly one stored successful result
    failed: int  # state FAILED with a reason for the user
    duplicates: int  # applications with more than one stored result, or more than one application per job
    lost: list[str]  # approved job ids with no application, or still QUEUED/RUNNING
    states: Counter

    def as_dict(self) -> dict[str, Any]:
        return {"approved": self.approved, "analysed": self.analysed, "failed": self.failed,
                "duplicates": self.duplicates, "lost": len(self.lost), "states": dict(self.states)}


async def analysis_outcomes(database_url: str, user_id: str, approved_job_ids: set[str]) -> AnalysisOutcomes:
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT a.job_id, a.analysis_state, a.analysis IS NOT NULL AS has_analysis, a.analysis_error,"
            "       count(r.command_id) AS results, count(r.command_id) FILTER (WHERE r.ok) AS ok_results"
            "  FROM tracker.applications a LEFT JOIN tracker.analysis_results r ON r.application_id = a.id"
            " WHERE a.user_id = $1 GROUP BY a.id", user_id)
    finally:
        await conn.close()
    per_job = Counter(row["job_id"] for row in rows)
    analysed = failed = duplicates = 0
    lost: list[str] = [job_id for job_id in approved_job_ids if job_id not in per_job]
    states: Counter = Counter()
    for row in rows:
        if row["job_id"] not in approved_job_ids:
            continue
        states[row["analysis_state"]] += 1
        if row["results"] > 1:
            duplicates += 1
        if row["analysis_state"] == "DONE" and row["has_analysis"] and row["ok_results"] == 1:
            analysed += 1
        elif row["analysis_state"] == "FAILED" and row["analysis_error"] and row["ok_results"] == 0:
            failed += 1
        elif row["analysis_state"] in ("QUEUED", "RUNNING"):
            lost.append(row["job_id"])
    duplicates += sum(1 for n in per_job.values() if n > 1)
    return AnalysisOutcomes(len(approved_job_ids), analysed, failed, duplicates, lost, states)


async def settled_count(database_url: str, user_id: str) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetchval("SELECT count(*) FROM tracker.applications WHERE user_id = $1"
                                   " AND analysis_state IN ('DONE', 'FAILED')", user_id)
    finally:
        await conn.close()


async def republished_analysis_commands(database_url: str, user_id: str) -> int:
    """CMD_ANALYZE_JOB commands of the user that the tracker's outbox had to publish more than once:
    evidence that the fault really cut work in flight."""
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetchval("SELECT count(*) FROM tracker.outbox WHERE user_id = $1 AND kind = 'command'"
                                   " AND channel = 'CMD_ANALYZE_JOB' AND attempts > 1", user_id)
    finally:
        await conn.close()


@dataclass
class OutboxEventRow:
    """One ANALYSIS_DONE event row of the tracker's outbox: where the relay is with it."""

    application_id: str
    status: str  # PENDING (not relayed yet) or DONE (XADD acknowledged by Redis)
    attempts: int
    created_at_ms: int  # the start of the transaction that stored the outcome (unix ms)
    published_at_ms: int | None  # the start of the relay pass that published it
    last_error: str | None

    def describe(self) -> str:
        return (f"{self.application_id}: {self.status} after {self.attempts} publications,"
                f" stored at {self.created_at_ms}, published at {self.published_at_ms},"
                f" last error {self.last_error!r}")


async def analysis_done_outbox_rows(database_url: str, user_id: str) -> dict[str, list[OutboxEventRow]]:
    """The tracker's ANALYSIS_DONE outbox rows of one user, per application id, oldest first."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT payload->'analysisDone'->>'applicationId' AS application_id, status, attempts,"
            "       (extract(epoch FROM created_at) * 1000)::bigint AS created_ms,"
            "       (extract(epoch FROM last_published_at) * 1000)::bigint AS published_ms, last_error"
            "  FROM tracker.outbox WHERE user_id = $1 AND kind = 'event' AND channel = 'EVENT_ANALYSIS_DONE'"
            " ORDER BY created_at", user_id)
    finally:
        await conn.close()
    found: dict[str, list[OutboxEventRow]] = {}
    for row in rows:
        found.setdefault(row["application_id"], []).append(OutboxEventRow(
            row["application_id"], row["status"], row["attempts"], row["created_ms"], row["published_ms"],
            row["last_error"]))
    return found


def relay_lag_ms(stream_events: dict[str, str], outbox_rows: dict[str, list[OutboxEventRow]]) -> dict[str, int]:
    """From storing an outcome to its ANALYSIS_DONE entering the user's stream (the entry id's time),
    over the applications that have both: p50 and max, in milliseconds."""
    first_entry_ms: dict[str, int] = {}
    for entry_id, application_id in stream_events.items():
        ms = int(entry_id.split("-")[0])
        first_entry_ms[application_id] = min(ms, first_entry_ms.get(application_id, ms))
    lags = sorted(first_entry_ms[app] - rows[0].created_at_ms for app, rows in outbox_rows.items()
                  if app in first_entry_ms)
    if not lags:
        return {}
    return {"p50": lags[len(lags) // 2], "max": lags[-1]}


async def user_stream_analysis_events(redis_url: str, user_id: str) -> dict[str, str]:
    """ANALYSIS_DONE entries in the user's Redis stream: entry id -> application id."""
    from common.bus import Bus

    bus = Bus.from_url(redis_url)
    found: dict[str, str] = {}
    try:
        after = "0-0"
        while True:
            entries = await bus.read_user_events(user_id, after_id=after, count=500)
            for entry in entries:
                if entry.event.WhichOneof("payload") == "analysis_done":
                    found[entry.id] = entry.event.analysis_done.application_id
            if len(entries) < 500:
                return found
            after = entries[-1].id
    finally:
        await bus.close()
