"""Read-path ladder: the inbox page and the board, each measured at three steps in one run, same data.

    python bench/read_ladder.py [--seconds 8] [--connections 16,50] [--profile DIR]

Starts the whole mesh as `make dev` does (embedded PostgreSQL and Redis unless DATABASE_URL /
REDIS_URL are set), seeds one user with 500 PENDING postings of realistic length (a board's HTML
description, its text, the board's raw payload) and 100 applications with their analyses (approved
through the gateway, analysed by ai_coach's heuristic engine, spread over three board columns), then
climbs the ladder for each page:

1. bare: the very SQL the service runs (`discovery_service.repository.feed_statements`,
   `tracker_service.repository.BOARD_*`), in a loop of asyncpg calls from this process, on a pool the
   size of the service's and given back as the services give theirs (`common.db.read_only`), with as
   many concurrent loops as there are connections below;
2. grpc: `GetJobFeed(PENDING, page_size 50)` / `GetBoard(cards_per_column 50)` straight to the service,
   driven by h2load (nghttp2-client) over h2c with a prebuilt gRPC request body. Beside it, the floor:
   the service's gRPC health check under the same load (no token, no database, a 2-byte reply), what
   grpc.aio and the interceptors cost per call before any handler runs;
3. gateway: the web app's own `Feed` / `Board` operation (read from web/src/api/operations.graphql, so
   the fields are those the inbox and the board ask for) through the gateway, driven by wrk.

Both generators are compiled programs outside the Python processes (installed with apt-get when
missing and running as root). Each step runs at each number of connections (`--connections`): a
warm-up, then `--seconds` of closed-loop load. Printed per step: throughput, p50, p99, the ratio of
its throughput to the step below, and the CPU each process spent per request (psutil, user+system;
PostgreSQL counts its whole process tree). The targets (issue 20): gateway >= 70% of gRPC for the
inbox, gRPC >= 50% of the bare loop, p99 < 100 ms through the gateway at 16 connections.

`--profile DIR` also records py-spy flame graphs (SVG) at the first number of connections: of discovery
(inbox) or the tracker (board) alone under h2load during the gRPC step (`<page>-<service>-grpc.svg`), and
of the gateway and that service during the gateway step (`<page>-<process>.svg`); py-spy from the dev
lock; root. The sampler costs the profiled process some CPU: take figures from a run without it.

Human lines first; the last line is the JSON of the figures. Absolute figures on a shared machine are
noisy: read the ratios between steps of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import asyncpg
import grpc
import httpx
import psutil
from grpc_health.v1 import health_pb2

from bench.scratch_mesh import ScratchMesh, run_on_scratch_mesh
from common.db import create_pool, read_only
from common.settings import Settings
from devtools.devstack import Mesh
from discovery_service.dedup import posting_keys
from discovery_service.domain import Candidate, JobStatus, Origin, Posting, RemoteType, Salary, SalaryPeriod
from discovery_service.repository import JobRepository, feed_statements
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.repository import BOARD_SCORES_SQL, BOARD_SQL

REPO_ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = REPO_ROOT / "web" / "src" / "api" / "operations.graphql"
# The ladder measured before issue 20's changes (docs/perf/README.md): each run prints its steps beside it.
BEFORE = REPO_ROOT / "docs" / "perf" / "read_ladder_before.json"
PAGE = 50  # the inbox's page and the board's cards per column, as the web app asks
PENDING = 500
APPLICATIONS = 100
# Where the 100 applications sit on the board: the web app shows 50 cards per column.
COLUMNS = (("TO_APPLY", 40), ("APPLIED", 40), ("INTERVIEW", 20))
TOOLS = {"wrk": "wrk", "h2load": "nghttp2-client"}
HEALTH_CHECK = "grpc.health.v1.Health/Check"
TARGETS = {"gateway_to_grpc_inbox": 0.70, "grpc_to_bare": 0.50, "gateway_p99_ms_at_16": 100.0}


# --- the data --------------------------------------------------------------------------------------
SKILLS = ["Python", "PostgreSQL", "Docker", "Kubernetes", "gRPC", "Redis", "AWS", "Terraform", "Kafka", "React"]
ROLES = ["Senior Python Engineer", "Backend Developer", "Platform Engineer", "Data Engineer", "Site Reliability Engineer"]
CITIES = ["Berlin, Germany", "Paris, France", "Remote - Europe", "London, United Kingdom", "Amsterdam, Netherlands"]


def posting(n: int, now: datetime) -> Posting:
    """A Greenhouse-like posting: ~4 KB of sanitised HTML, its ~3 KB text, and the board's raw item."""
    role, city = ROLES[n % len(ROLES)], CITIES[n % len(CITIES)]
    company = f"Company {n % 37}"
    duties = [f"Design, build and operate service {n}-{i} end to end: APIs, storage, observability and on-call, "
              f"with a team that ships small changes daily." for i in range(8)]
    needs = [f"{years}+ years with {skill} in production, ideally at a company of our size and pace."
             for years, skill in zip(range(2, 8), SKILLS[n % 4:n % 4 + 6], strict=False)]
    about = (f"{company} builds software that thousands of teams use every day. We are a remote-friendly team of "
             "120 people across Europe, profitable and growing, and we care about calm, sustainable work. ") * 3
    html = (f"<p>{about}</p><h3>What you will do</h3><ul>" + "".join(f"<li><p>{d}</p></li>" for d in duties)
            + "</ul><h3>What you bring</h3><ul>" + "".join(f"<li><p>{x}</p></li>" for x in needs)
            + "</ul><h3>Benefits</h3><p>30 days of holiday, a learning budget, equipment of your choice, "
            "and a yearly team week.</p>")
    text = (about + "\n\nWhat you will do\n\n" + "\n".join(f"- {d}" for d in duties) + "\n\nWhat you bring\n\n"
            + "\n".join(f"- {x}" for x in needs) + "\n\nBenefits\n\n30 days of holiday, a learning budget, "
            "equipment of your choice, and a yearly team week.")
    url = f"https://boards.greenhouse.io/company{n % 37}/jobs/{5_000_000 + n}"
    raw = {"id": 5_000_000 + n, "title": f"{role} ({n})", "absolute_url": url, "company_name": company,
           "location": {"name": city}, "content": html, "updated_at": "2026-11-20T10:00:00Z",
           "metadata": [{"id": 1, "name": "Employment Type", "value": "Full-time"},
                        {"id": 2, "name": "Team", "value": f"Team {n % 9}"}],
           "departments": [{"id": 10 + n % 5, "name": "Engineering"}], "offices": [{"id": 3, "name": city}]}
    return Posting(source="greenhouse", external_id=str(5_000_000 + n), url=url, title=f"{role} ({n})",
                   company=company, locations=[city], remote_type=RemoteType.REMOTE if n % 3 else RemoteType.HYBRID,
                   salary=Salary(min=60000 + 500 * (n % 40), max=80000 + 500 * (n % 40), currency="EUR",
                                 period=SalaryPeriod.YEAR, text="€60k–€80k"),
                   employment_type="FULL_TIME", description_text=text, description_html=html,
                   skills=SKILLS[n % 5:n % 5 + 5], posted_at=now - timedelta(hours=n), raw=raw, language="en")


def extract_operation(source: str, head: str) -> str:
    """The definition in operations.graphql that starts with `head` ("query Feed", "fragment X on"),
    up to its matching closing brace."""
    start = source.index(head)
    depth, i = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return source[start:i + 1]
        i += 1


def web_operation(name: str, fragment: str) -> str:
    source = OPERATIONS.read_text()
    return extract_operation(source, f"query {name}") + "\n" + extract_operation(source, f"fragment {fragment} on")


async def gql(http: httpx.AsyncClient, query: str, token: str | None = None, variables: dict | None = None) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = (await http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)).json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL error: {body['errors']}")
    return body["data"]


@dataclass
class Seeded:
    token: str
    user_id: str
    feed_query: str
    board_query: str
    feed_bytes: int = 0
    board_bytes: int = 0
    grpc_feed_bytes: int = 0
    grpc_board_bytes: int = 0


async def seed(mesh: Mesh, http: httpx.AsyncClient) -> Seeded:
    auth = await gql(http, 'mutation { register(email: "ladder@example.org", password: "ladder password 123", '
                           'fullName: "Ladder") { user { id } accessToken } }')
    token, user_id = auth["register"]["accessToken"], auth["register"]["user"]["id"]
    await gql(http, "mutation($i: ProfileInput!) { updateProfile(input: $i) { userId } }", token,
              {"i": {"headline": "Backend engineer", "summary": "Python services on PostgreSQL and Kubernetes.",
                     "skills": [{"name": s, "level": "ADVANCED", "years": 4} for s in SKILLS[:6]]}})
    now = datetime.now(UTC)
    pool = await create_pool(mesh.env["DATABASE_URL"], schema="discovery", min_size=1, max_size=2)
    try:
        postings = [posting(n, now) for n in range(PENDING + APPLICATIONS)]
        async with pool.acquire() as conn, conn.transaction():
            stored = await JobRepository(pool).store(
                conn, user_id=user_id, origin=Origin.SCHEDULE,
                candidates=[Candidate(p, keys=posting_keys(p)) for p in postings])
    finally:
        await pool.close()
    job_ids = [s.job_id for s in stored if s.job_id]
    assert len(job_ids) == PENDING + APPLICATIONS, f"stored {len(job_ids)} postings"

    approve = asyncio.Semaphore(4)

    async def approve_one(job_id: str) -> str:
        async with approve:
            return (await gql(http, "mutation($id: ID!) { approveJob(id: $id) { id } }", token,
                              {"id": job_id}))["approveJob"]["id"]

    application_ids = await asyncio.gather(*(approve_one(j) for j in job_ids[:APPLICATIONS]))
    deadline = time.monotonic() + 300
    while True:  # every analysis done (ai_coach's heuristic engine), so the board carries them
        cards = (await gql(http, "{ myApplications(first: 100) { nodes { id analysisState } } }",
                           token))["myApplications"]["nodes"]
        done = sum(card["analysisState"] == "DONE" for card in cards)
        if done >= APPLICATIONS:
            break
        # On a machine loaded by other work ai_coach now and then fails one ("internal error"): asked again.
        for card in cards:
            if card["analysisState"] == "FAILED":
                await gql(http, "mutation($id: ID!) { reanalyze(id: $id) { id } }", token, {"id": card["id"]})
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {done} of {APPLICATIONS} analyses done after 300 s")
        await asyncio.sleep(1.0)
    position = 0
    for column, (_, count) in enumerate(COLUMNS):
        for application_id in application_ids[position:position + count]:
            for step, _ in COLUMNS[1:column + 1]:  # the board's order: TO_APPLY -> APPLIED -> INTERVIEW
                await gql(http, "mutation($id: ID!, $to: ApplicationStatus!) { moveCard(id: $id, toStatus: $to) "
                                "{ id } }", token, {"id": application_id, "to": step})
        position += count
    return Seeded(token=token, user_id=user_id, feed_query=web_operation("Feed", "JobSummaryFields"),
                  board_query=web_operation("Board", "CardFields"))


# --- measuring ---------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


class CpuMeter:
    """CPU seconds (user+system) of the mesh's processes, this process and the load generators."""

    def __init__(self, mesh: Mesh, postgres_pid: int | None) -> None:
        self.processes = {name: psutil.Process(process.pid) for name, process in mesh.processes.items()
                          if name in ("gateway", "discovery_service", "tracker_service")}
        self.postgres = psutil.Process(postgres_pid) if postgres_pid else None

    @staticmethod
    def _seconds(process: psutil.Process, *, tree: bool = False) -> float:
        members = [process, *(process.children(recursive=True) if tree else [])]
        total = 0.0
        for member in members:
            with suppress(psutil.Error):
                times = member.cpu_times()
                total += times.user + times.system
        return total

    def sample(self) -> dict[str, float]:
        # The gateway's tree: with GATEWAY_WORKERS > 1 its requests are served by uvicorn's worker processes.
        figures = {name: self._seconds(process, tree=name == "gateway") for name, process in self.processes.items()}
        if self.postgres is not None:
            figures["postgres"] = self._seconds(self.postgres, tree=True)
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the load generator, once waited for
        figures["bench (this process)"] = own.ru_utime + own.ru_stime
        figures["load generator"] = children.ru_utime + children.ru_stime
        return figures


@dataclass
class StepResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: dict[str, float] = field(default_factory=dict)
    note: str = ""

    @property
    def qps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {"qps": round(self.qps, 1), "requests": self.requests, "p50_ms": round(self.p50_ms, 2),
                "p99_ms": round(self.p99_ms, 2), "cpu_ms_per_request": self.cpu_ms_per_request,
                **({"note": self.note} if self.note else {})}


async def settle(meter: CpuMeter, *, quiet_ms: float = 20.0, interval_s: float = 0.25, limit_s: float = 15.0) -> None:
    """Wait until the mesh's processes are idle: the requests a warm-up left in flight (its load generator
    stops on time, the servers finish what they were given) are not charged to the step measured next.
    At a few requests per second they were a fifth of a step's CPU."""
    deadline = time.monotonic() + limit_s
    last = sum(v for k, v in meter.sample().items() if k in meter.processes)
    while time.monotonic() < deadline:
        await asyncio.sleep(interval_s)
        now = sum(v for k, v in meter.sample().items() if k in meter.processes)
        if (now - last) * 1000 < quiet_ms:
            return
        last = now


async def timed_with_cpu(meter: CpuMeter, step) -> StepResult:
    """Await `step` (a coroutine not started yet) and charge each process's CPU to its requests."""
    await settle(meter)
    before = meter.sample()
    result: StepResult = await step
    after = meter.sample()
    result.cpu_ms_per_request = {name: round((after[name] - before[name]) * 1000 / max(result.requests, 1), 2)
                                 for name in after if after[name] - before[name] > 0.0005}
    return result


async def bare_loop(pool: asyncpg.Pool, statements, seconds: float, concurrency: int) -> StepResult:
    """`concurrency` loops running the page's statements back to back on one pooled connection each time."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            async with read_only(pool) as conn:  # as the services read a page: no session reset after
                await statements(conn)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return StepResult(len(latencies), elapsed, percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000)


def grpc_frame(message) -> bytes:
    payload = message.SerializeToString()
    return b"\x00" + struct.pack(">I", len(payload)) + payload


async def run_h2load(url: str, body: Path, token: str, seconds: float, connections: int, work: Path,
                     expected_bytes: int) -> StepResult:
    log = work / "h2load.log"
    log.unlink(missing_ok=True)
    command = ["h2load", "-t", "1", "-c", str(connections), "-m", "1", "-D", str(int(seconds)),
               "-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers",
               "-H", f"authorization: Bearer {token}", f"--log-file={log}", url]
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    output = (await process.communicate())[0].decode()
    if process.returncode != 0:
        raise RuntimeError(f"h2load failed ({process.returncode}):\n{output}")
    durations, first, last = [], None, None
    for line in log.read_text().splitlines():
        start_us, status, duration_us = (int(x) for x in line.split("\t")[:3])
        if status != 200:
            continue
        durations.append(duration_us / 1000)
        first = start_us if first is None else min(first, start_us)
        last = start_us + duration_us if last is None else max(last, start_us + duration_us)
    data = re.search(r"\((\d+)\) data", output)
    per_response = int(data.group(1)) / max(len(durations), 1) if data else 0
    note = ""
    if per_response < 0.9 * expected_bytes:  # a gRPC error is an HTTP 200 with a short body
        note = f"responses average {per_response:.0f} bytes, expected {expected_bytes}: errors?"
    elapsed = (last - first) / 1e6 if durations else seconds
    return StepResult(len(durations), elapsed, percentile(durations, 50), percentile(durations, 99), note=note)


WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = [==[{body}]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
bad = 0
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("bad") end
  io.write(string.format("LADDER %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), failed + summary.errors.status + summary.errors.timeout))
end
"""


async def run_wrk(url: str, body: str, token: str, seconds: float, connections: int, work: Path) -> StepResult:
    script = work / "ladder.lua"
    script.write_text(WRK_SCRIPT.format(body=body, token=token))
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{int(seconds)}s", "--timeout", "10s",
               "-s", str(script), url]
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    output = (await process.communicate())[0].decode()
    found = re.search(r"LADDER (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    if process.returncode != 0 or not found:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{output}")
    requests, duration_us, p50_us, p99_us, failed = (int(x) for x in found.groups())
    return StepResult(requests, duration_us / 1e6, p50_us / 1000, p99_us / 1000,
                      note=f"{failed} failed responses" if failed else "")


class _CannedStub:
    """A downstream stub whose every RPC answers `reply` at once."""

    def __init__(self, reply) -> None:
        self._reply = reply

    def __getattr__(self, rpc: str):
        async def answer(request, **kwargs):
            return self._reply
        return lambda request, **kwargs: answer(request)


def graphql_execution_cost(query: str, variables: dict, service: str, reply, runs: int = 100) -> dict:
    """The gateway's GraphQL execution alone, in this process: the schema run on the operation with a
    canned reply from `service` (no HTTP, no gRPC). CPU milliseconds per execution, and the fields resolved."""
    # `python bench/read_ladder.py` puts bench/ first on the path, where bench/gateway.py shadows the package.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [entry for entry in sys.path if str(Path(entry or ".").resolve()) != here]
    from gateway.config import GatewaySettings
    from gateway.schema import build_schema

    settings = GatewaySettings()
    schema = build_schema(settings, dev_mode=False)
    state = SimpleNamespace(downstream=SimpleNamespace(**{service: _CannedStub(reply)}), gateway_settings=settings)
    caller = SimpleNamespace(require_user=lambda: "ladder")
    resolved = 0

    def count(node) -> int:
        if isinstance(node, dict):
            return len(node) + sum(count(value) for value in node.values())
        if isinstance(node, list):
            return sum(count(value) for value in node)
        return 0

    async def execute() -> dict:
        context = SimpleNamespace(state=state, caller=caller, loaders={}, request=None, response=None)
        result = await schema.execute(query, variable_values=variables, context_value=context)
        if result.errors:
            raise RuntimeError(f"GraphQL error: {result.errors}")
        return result.data

    async def measure() -> float:
        nonlocal resolved
        resolved = count(await execute())  # counted once, outside the runs timed (it was a tenth of them)
        started = time.process_time()
        for _ in range(runs):
            await execute()
        return (time.process_time() - started) / runs * 1000

    cpu_ms = asyncio.run(measure())
    return {"cpu_ms_per_execution": round(cpu_ms, 2), "fields_resolved": resolved,
            "us_per_field": round(cpu_ms * 1000 / max(resolved, 1), 1)}


# --- the ladder --------------------------------------------------------------------------------------
@dataclass
class Page:
    name: str  # "inbox", "board"
    bare: object  # async (conn) -> None
    grpc_url: str
    grpc_body: Path
    grpc_expected_bytes: int
    floor_url: str  # a trivial RPC of the same service: grpc.aio's per-call cost and our interceptors'
    floor_body: Path
    gateway_body: str


def py_spy(pid: int, out: Path, seconds: float) -> subprocess.Popen | None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("  (py-spy not found: no flame graphs)")
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([spy, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "250",
                             "--format", "flamegraph", "--output", str(out), "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def climb(page: Page, *, mesh: Mesh, meter: CpuMeter, pool: asyncpg.Pool, token: str, args, work: Path,
                gateway_url: str) -> dict:
    results: dict[str, dict] = {}
    for connections in args.connections:
        steps: dict[str, StepResult] = {}
        warm = min(2.0, args.seconds)
        await bare_loop(pool, page.bare, warm, connections)
        steps["bare"] = await timed_with_cpu(meter, bare_loop(pool, page.bare, args.seconds, connections))
        await run_h2load(page.grpc_url, page.grpc_body, token, warm, connections, work, page.grpc_expected_bytes)
        service = "discovery_service" if page.name == "inbox" else "tracker_service"
        grpc_spy = None
        if args.profile and connections == args.connections[0]:  # the service alone, under h2load
            grpc_spy = py_spy(mesh.processes[service].pid, args.profile / f"{page.name}-{service}-grpc.svg",
                              args.seconds)
        steps["grpc"] = await timed_with_cpu(meter, run_h2load(
            page.grpc_url, page.grpc_body, token, args.seconds, connections, work, page.grpc_expected_bytes))
        if grpc_spy is not None:
            grpc_spy.wait(60)
        # The floor: the service's health check (no token, no database, a 2-byte reply) under the same load,
        # what any call costs in grpc.aio and the interceptors before a handler does anything.
        await run_h2load(page.floor_url, page.floor_body, token, warm, connections, work, 0)
        steps["floor"] = await timed_with_cpu(meter, run_h2load(
            page.floor_url, page.floor_body, token, args.seconds, connections, work, 0))
        await run_wrk(gateway_url, page.gateway_body, token, warm, connections, work)
        spies = []
        if args.profile and connections == args.connections[0]:
            for name in ("gateway", service):
                spy = py_spy(mesh.processes[name].pid, args.profile / f"{page.name}-{name}.svg", args.seconds)
                if spy is not None:
                    spies.append(spy)
        steps["gateway"] = await timed_with_cpu(meter, run_wrk(
            gateway_url, page.gateway_body, token, args.seconds, connections, work))
        for spy in spies:
            spy.wait(60)
        results[str(connections)] = report(page.name, connections, steps)
    return results


def report(name: str, connections: int, steps: dict[str, StepResult]) -> dict:
    figures = {step: result.as_dict() for step, result in steps.items()}
    below = {"grpc": "bare", "gateway": "grpc"}
    print(f"{name}, {connections} connections:")
    for step, result in steps.items():
        ratio = ""
        if step in below and steps[below[step]].qps:
            figures[step]["ratio_to_step_below"] = round(result.qps / steps[below[step]].qps, 3)
            # What the ratio would be on a machine whose cores are the bottleneck: CPU per request (every
            # process, the load generator's too) of the step below over this step's. The load of the
            # other users of a shared machine moves it far less than it moves throughput.
            figures[step]["cpu_bound_ratio"] = round(sum(steps[below[step]].cpu_ms_per_request.values())
                                                     / max(sum(result.cpu_ms_per_request.values()), 1e-9), 3)
            ratio = (f"  = {figures[step]['ratio_to_step_below']:.2f} x {below[step]} "
                     f"(by CPU per request: {figures[step]['cpu_bound_ratio']:.2f})")
        cpu = ", ".join(f"{k} {v}" for k, v in result.cpu_ms_per_request.items())
        print(f"  {step:8s} {result.qps:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms{ratio}")
        print(f"           CPU ms/request: {cpu}" + (f"  [{result.note}]" if result.note else ""))
    return figures


def postgres_pid(mesh: Mesh, work: Path) -> int | None:
    pid_file = work / "postgres" / "postmaster.pid"
    with suppress(OSError, ValueError, IndexError):
        return int(pid_file.read_text().splitlines()[0])
    return None


def ensure_tools() -> None:
    missing = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"install {' '.join(missing)} (apt-get install {' '.join(missing)}): the ladder's load "
                         "generators")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)


async def ladder(scratch: ScratchMesh, args) -> dict:
    mesh, work, gateway_url = scratch.mesh, scratch.work, scratch.gateway_url
    async with httpx.AsyncClient(base_url=gateway_url, timeout=60) as http:
        started = time.perf_counter()
        seeded = await seed(mesh, http)
        print(f"seeded {PENDING} pending postings and {APPLICATIONS} analysed applications "
              f"({', '.join(f'{n} {s}' for s, n in COLUMNS)}) in {time.perf_counter() - started:.0f} s")
        feed_variables = {"status": "PENDING", "first": PAGE}
        feed = await http.post("/graphql", json={"query": seeded.feed_query, "variables": feed_variables},
                               headers={"authorization": f"Bearer {seeded.token}"})
        assert len(feed.json()["data"]["jobFeed"]["nodes"]) == PAGE, feed.text[:500]
        board = await http.post("/graphql", json={"query": seeded.board_query, "variables": {"perColumn": PAGE}},
                                headers={"authorization": f"Bearer {seeded.token}"})
        cards = sum(len(c["cards"]) for c in board.json()["data"]["board"]["columns"])
        assert cards == APPLICATIONS, board.text[:500]
        print(f"inbox page: {len(feed.content):,} bytes of JSON; board: {cards} cards, {len(board.content):,} bytes")

    # What the gateway asks for the web app's two queries (no descriptions in a list; scores on cards).
    feed_request = discovery_pb2.GetJobFeedRequest(status=discovery_pb2.JOB_STATUS_PENDING,
                                                   page=common_pb2.PageRequest(page_size=PAGE), omit_descriptions=True)
    board_request = tracker_pb2.GetBoardRequest(cards_per_column=PAGE, analysis_score_only=True)
    metadata = (("authorization", f"Bearer {seeded.token}"),)
    discovery_address = scratch.grpc_address("discovery_service")
    tracker_address = scratch.grpc_address("tracker_service")
    async with grpc.aio.insecure_channel(discovery_address) as d, grpc.aio.insecure_channel(tracker_address) as t:
        feed_reply = await discovery_pb2_grpc.DiscoveryServiceStub(d).GetJobFeed(feed_request, metadata=metadata)
        board_reply = await tracker_pb2_grpc.TrackerServiceStub(t).GetBoard(board_request, metadata=metadata)
    print(f"GetJobFeed reply: {feed_reply.ByteSize():,} bytes; GetBoard reply: {board_reply.ByteSize():,} bytes")
    (work / "feed.grpc").write_bytes(grpc_frame(feed_request))
    (work / "board.grpc").write_bytes(grpc_frame(board_request))
    (work / "health.grpc").write_bytes(grpc_frame(health_pb2.HealthCheckRequest()))

    page_statement, count_statement = feed_statements(
        user_id=seeded.user_id, status=JobStatus.PENDING, query="", search_config_id="", after=None, limit=PAGE,
        descriptions=not feed_request.omit_descriptions)

    async def feed_bare(conn: asyncpg.Connection) -> None:  # as JobRepository.feed
        if not await conn.fetch(*page_statement):
            await conn.fetchval(*count_statement)

    async def board_bare(conn: asyncpg.Connection) -> None:  # as TrackerRepository.board
        await conn.fetch(BOARD_SCORES_SQL if board_request.analysis_score_only else BOARD_SQL, seeded.user_id, PAGE)

    meter = CpuMeter(mesh, postgres_pid(mesh, work))
    settings = Settings()
    figures: dict = {"pending_postings": PENDING, "applications": APPLICATIONS, "page": PAGE,
                     "seconds": args.seconds, "connections": args.connections, "cpus": os.cpu_count(),
                     "grpc_feed_reply_bytes": feed_reply.ByteSize(), "grpc_board_reply_bytes": board_reply.ByteSize()}
    pages = [
        Page("inbox", feed_bare, f"http://{discovery_address}/jobmate.discovery.v1.DiscoveryService/GetJobFeed",
             work / "feed.grpc", feed_reply.ByteSize(), f"http://{discovery_address}/{HEALTH_CHECK}",
             work / "health.grpc",
             json.dumps({"query": seeded.feed_query, "variables": feed_variables})),
        Page("board", board_bare, f"http://{tracker_address}/jobmate.tracker.v1.TrackerService/GetBoard",
             work / "board.grpc", board_reply.ByteSize(), f"http://{tracker_address}/{HEALTH_CHECK}",
             work / "health.grpc",
             json.dumps({"query": seeded.board_query, "variables": {"perColumn": PAGE}})),
    ]
    for page in (page for page in pages if page.name in args.pages):
        schema = "discovery" if page.name == "inbox" else "tracker"
        pool = await create_pool(mesh.env["DATABASE_URL"], schema=schema, min_size=settings.db_pool_max,
                                 max_size=settings.db_pool_max)
        try:
            figures[page.name] = await climb(page, mesh=mesh, meter=meter, pool=pool, token=seeded.token,
                                             args=args, work=work, gateway_url=f"{gateway_url}/graphql")
        finally:
            await pool.close()
    figures["targets"] = check_targets(figures, args.connections)
    compare_with_before(figures)
    figures["_canned"] = {"inbox": (seeded.feed_query, feed_variables, "discovery", feed_reply),
                          "board": (seeded.board_query, {"perColumn": PAGE}, "tracker", board_reply)}
    return figures


def report_graphql_execution(figures: dict, pages: list[str]) -> None:
    """What the gateway step costs in GraphQL execution alone: the part no service below it pays."""
    canned = figures.pop("_canned")
    print("the gateway's GraphQL execution alone (this process, the operation on a canned gRPC reply):")
    for name in pages:
        cost = graphql_execution_cost(*canned[name])
        figures[name]["graphql_execution"] = cost
        print(f"  {name}: {cost['cpu_ms_per_execution']} ms CPU per execution, {cost['fields_resolved']} fields "
              f"resolved, {cost['us_per_field']} us per field")


def compare_with_before(figures: dict) -> None:
    """Each step's throughput and p99 beside the run recorded before the changes (same machine, other load)."""
    if not BEFORE.exists():
        return
    before = json.loads(BEFORE.read_text())
    print(f"against the ladder before issue 20 ({before.get('measured_at', BEFORE.name)}); absolute figures "
          "vary with the machine's load, the ratios less so:")
    for name in (name for name in ("inbox", "board") if name in figures):
        for level, steps in figures[name].items():
            old = before.get(name, {}).get(level)
            if not old:
                continue
            print(f"  {name} @{level}: " + "; ".join(
                f"{step} {old[step]['qps']:.0f} -> {steps[step]['qps']:.0f} req/s, p99 {old[step]['p99_ms']:.0f} -> "
                f"{steps[step]['p99_ms']:.0f} ms" + (f", ratio {old[step]['ratio_to_step_below']:.2f} -> "
                                                    f"{steps[step]['ratio_to_step_below']:.2f}"
                                                    if "ratio_to_step_below" in old[step] else "")
                for step in steps if step in old))


def check_targets(figures: dict, connections: list[int]) -> dict:
    """The issue's targets, for the pages measured."""
    outcome = {}
    pages = [name for name in ("inbox", "board") if name in figures]
    print("targets (issue 20):")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for level in map(str, connections):
        if "inbox" in figures:
            ratio = figures["inbox"][level]["gateway"]["ratio_to_step_below"]
            outcome[f"inbox_gateway_to_grpc_at_{level}"] = ratio
            print(f"  {level} connections: inbox gateway/gRPC {ratio:.2f} "
                  f"({verdict(ratio >= TARGETS['gateway_to_grpc_inbox'])}, >= 0.70)")
        for name in pages:
            ratio = figures[name][level]["grpc"]["ratio_to_step_below"]
            outcome[f"{name}_grpc_to_bare_at_{level}"] = ratio
            print(f"  {level} connections: {name} gRPC/bare {ratio:.2f} ({verdict(ratio >= TARGETS['grpc_to_bare'])}, "
                  ">= 0.50)")
    for name in pages:
        if "16" in figures[name]:
            p99 = figures[name]["16"]["gateway"]["p99_ms"]
            outcome[f"{name}_gateway_p99_ms_at_16"] = p99
            print(f"  {name} through the gateway at 16 connections: p99 {p99:.1f} ms "
                  f"({verdict(p99 < TARGETS['gateway_p99_ms_at_16'])}, < 100 ms)")
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=lambda s: [int(x) for x in s.split(",")], default=[16, 50])
    parser.add_argument("--profile", type=Path, default=None, help="write py-spy flame graphs (SVG) here")
    parser.add_argument("--pages", type=lambda s: s.split(","), default=["inbox", "board"],
                        help="inbox, board or both (comma-separated)")
    args = parser.parse_args()
    if args.profile is not None:
        args.profile = args.profile.resolve()
    ensure_tools()
    figures = run_on_scratch_mesh(ladder, args, name="ladder", env={"LLM_BASE_URL": "", "LLM_MODEL": ""})
    report_graphql_execution(figures, args.pages)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
