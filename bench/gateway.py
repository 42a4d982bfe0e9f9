"""Gateway benchmark: GraphQL overhead on the inbox query, and idle SSE connections.

    python bench/gateway.py [--seconds 10] [--concurrency 16] [--sse 2000] [--approvals 30]

Starts the whole mesh as `make dev` does (five processes; embedded PostgreSQL and Redis unless
DATABASE_URL / REDIS_URL are set), then:

1. `jobFeed(first: 50)` through the gateway (HTTP + GraphQL + gRPC) against the same `GetJobFeed`
   call made directly over gRPC with the same token, same concurrency, same run: queries per second
   and p50/p99. Target: the gateway keeps at least half the direct throughput.
2. Holds `--sse` idle /events connections (tokens of synthetic users plus the bench user, signed with
   the dev keys as profile_service would) and reports the gateway's memory per connection (RSS).
3. Under that load, approves postings one at a time and measures approve → ANALYSIS_DONE (the SSE
   frame reaching the client) p50/p99.

Human lines first; the last line is the JSON of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from contextlib import suppress

import grpc
import httpx
import psutil

from bench.scratch_mesh import ScratchMesh, run_on_scratch_mesh
from common.auth import TokenSigner
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc

FEED_QUERY = "{ jobFeed(first: 50) { nodes { id title company locations status discoveredAt } " \
             "pageInfo { endCursor hasNextPage } } }"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def closed_loop(call, seconds: float, concurrency: int) -> dict:
    """`concurrency` workers calling back to back for `seconds`; throughput and latency."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "qps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 50) * 1000, 2), "p99_ms": round(percentile(latencies, 99) * 1000, 2)}


async def gql(http: httpx.AsyncClient, query: str, token: str | None = None, variables: dict | None = None) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL error: {body['errors']}")
    return body["data"]


class SseHolder:
    """Idle SSE connections; `frames` collects what the bench user's own connection receives."""

    def __init__(self, base_url: str) -> None:
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)
        self.http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(30, read=None), limits=limits)
        self.tasks: list[asyncio.Task] = []
        self.open = 0
        self.frames: asyncio.Queue = asyncio.Queue()

    def add(self, token: str, *, watch: bool = False) -> None:
        self.tasks.append(asyncio.create_task(self._hold(token, watch)))

    async def _hold(self, token: str, watch: bool) -> None:
        async with self.http.stream("GET", "/events", headers={"authorization": f"Bearer {token}"}) as response:
            response.raise_for_status()
            self.open += 1
            async for line in response.aiter_lines():
                if watch and line.startswith("data:"):
                    await self.frames.put((time.perf_counter(), json.loads(line[5:])))

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with suppress(asyncio.CancelledError, Exception):
                await task
        await self.http.aclose()


async def bench(scratch: ScratchMesh, args: argparse.Namespace) -> dict:
    base_url = scratch.gateway_url
    http = httpx.AsyncClient(base_url=base_url, timeout=30, limits=httpx.Limits(max_connections=args.concurrency * 2))
    auth = await gql(http, "mutation { register(email: \"bench@example.org\", password: \"bench password 123\", "
                           "fullName: \"Bench\") { user { id } accessToken } }")
    token = auth["register"]["accessToken"]
    postings = 50 + args.approvals
    for i in range(postings):
        await gql(http, "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id } }", token,
                  {"i": {"company": f"Company {i}", "title": f"Python Backend Engineer {i}", "location": "Remote",
                         "description": "Python, PostgreSQL, Docker and Kubernetes services. " * 20}})
    print(f"seeded {postings} postings in the inbox")

    # 1. jobFeed through the gateway vs GetJobFeed over gRPC.
    async def via_gateway() -> None:
        data = await gql(http, FEED_QUERY, token)
        assert len(data["jobFeed"]["nodes"]) == 50

    channel = grpc.aio.insecure_channel(scratch.grpc_address("discovery_service"))
    stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)
    metadata = (("authorization", f"Bearer {token}"),)

    async def direct() -> None:
        reply = await stub.GetJobFeed(discovery_pb2.GetJobFeedRequest(page=common_pb2.PageRequest(page_size=50)),
                                      metadata=metadata, timeout=10)
        assert len(reply.jobs) == 50

    for call in (via_gateway, direct):  # warm both paths (caches, connections)
        await closed_loop(call, 1.0, args.concurrency)
    direct_figures = await closed_loop(direct, args.seconds, args.concurrency)
    gateway_figures = await closed_loop(via_gateway, args.seconds, args.concurrency)
    ratio = round(gateway_figures["qps"] / direct_figures["qps"], 3)
    print(f"jobFeed(first: 50) through the gateway: {gateway_figures['qps']} q/s, p50 {gateway_figures['p50_ms']} ms, "
          f"p99 {gateway_figures['p99_ms']} ms ({args.concurrency} concurrent clients, {args.seconds} s)")
    print(f"GetJobFeed(page_size 50) over gRPC:     {direct_figures['qps']} q/s, p50 {direct_figures['p50_ms']} ms, "
          f"p99 {direct_figures['p99_ms']} ms")
    print(f"gateway / direct throughput: {ratio} (target >= 0.5: {'met' if ratio >= 0.5 else 'NOT met'})")
    await channel.close()

    # 2. Idle SSE connections and the gateway's memory.
    gateway_process = psutil.Process(scratch.mesh.processes["gateway"].pid)
    rss_before = gateway_process.memory_info().rss
    signer = TokenSigner.for_users(scratch.settings)
    holder = SseHolder(base_url)
    holder.add(token, watch=True)
    synthetic_users = max(1, args.sse // 4)  # four tabs per synthetic user
    tokens = [signer.sign(str(uuid.uuid4()), ttl_s=3600)[0] for _ in range(synthetic_users)]
    for i in range(args.sse - 1):
        holder.add(tokens[i % synthetic_users])
        if i % 200 == 199:
            await asyncio.sleep(0.2)  # let the gateway accept them in waves
    deadline = time.perf_counter() + 120
    while holder.open < args.sse and time.perf_counter() < deadline:  # noqa: ASYNC110 (a count, not an event)
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)
    rss_after = gateway_process.memory_info().rss
    per_connection_kib = round((rss_after - rss_before) / max(holder.open, 1) / 1024, 1)
    print(f"idle SSE connections held: {holder.open} ({synthetic_users} synthetic users + the bench user); "
          f"gateway RSS {rss_before / 2**20:.1f} -> {rss_after / 2**20:.1f} MiB, {per_connection_kib} KiB per connection")

    # 3. approve -> ANALYSIS_DONE under that load.
    feed = await gql(http, "{ jobFeed(status: PENDING, first: 100) { nodes { id } } }", token)
    job_ids = [node["id"] for node in feed["jobFeed"]["nodes"]][: args.approvals]
    latencies: list[float] = []
    for job_id in job_ids:
        started = time.perf_counter()
        application = await gql(http, "mutation($id: ID!) { approveJob(id: $id) { id } }", token, {"id": job_id})
        app_id = application["approveJob"]["id"]
        while True:
            arrived, frame = await asyncio.wait_for(holder.frames.get(), 120)
            if frame.get("type") == "ANALYSIS_DONE" and frame.get("applicationId") == app_id:
                latencies.append(arrived - started)
                break
    approve_figures = {"samples": len(latencies), "p50_ms": round(percentile(latencies, 50) * 1000, 1),
                       "p99_ms": round(percentile(latencies, 99) * 1000, 1),
                       "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None}
    print(f"approve -> ANALYSIS_DONE over SSE with {holder.open} connections open: p50 {approve_figures['p50_ms']} ms, "
          f"p99 {approve_figures['p99_ms']} ms ({len(latencies)} approvals, one at a time)")
    sse_open = holder.open
    await holder.close()
    await http.aclose()
    return {"feed_gateway": gateway_figures, "feed_direct_grpc": direct_figures, "gateway_to_direct_ratio": ratio,
            "target_ratio_met": ratio >= 0.5, "concurrency": args.concurrency, "seconds": args.seconds,
            "sse_connections": sse_open, "sse_rss_before_mib": round(rss_before / 2**20, 1),
            "sse_rss_after_mib": round(rss_after / 2**20, 1), "sse_kib_per_connection": per_connection_kib,
            "approve_to_analysis_done": approve_figures, "cpus": os.cpu_count()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--sse", type=int, default=2000)
    parser.add_argument("--approvals", type=int, default=30)
    args = parser.parse_args()
    figures = run_on_scratch_mesh(bench, args, name="gateway")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
