"""Personal access tokens: what a `jm_pat_` token and the MCP path cost per request.

    python bench/access_tokens.py [--seconds 8] [--concurrency 16]

Starts profile, tracker, discovery and the gateway as `make dev` does (embedded PostgreSQL and Redis
unless DATABASE_URL / REDIS_URL are set), seeds 20 postings, then measures, same concurrency, same run:

1. `jobFeed(first: 20)` through the gateway with a password session's access token (the baseline);
2. the same with a personal access token (exchanged once, then reused from the gateway's cache, and
   counted against the token's rate limit in Redis on every request);
3. the MCP tool `list_inbox` (POST /mcp, JSON-RPC `tools/call`, stateless) with that token: the same
   GraphQL operation run in-process, plus the MCP framing and the text formatting;
4. profile's `ExchangePersonalAccessToken` over gRPC with the gateway's service token: what a cache
   miss adds (a hash lookup, a conditional last_used_at write, an Ed25519 signature).

Human lines first; the last line is the JSON of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import grpc
import httpx

from bench.gateway import closed_loop, gql
from bench.scratch_mesh import ScratchMesh, run_on_scratch_mesh
from common.auth import ServiceTokenProvider, TokenSigner
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc

FEED = "{ jobFeed(first: 20) { nodes { id title company locations status } pageInfo { endCursor hasNextPage } } }"
PROCESSES = ("profile_service", "tracker_service", "discovery_service", "gateway")


async def bench(scratch: ScratchMesh, args: argparse.Namespace) -> dict:
    http = httpx.AsyncClient(base_url=scratch.gateway_url, timeout=30, limits=httpx.Limits(max_connections=args.concurrency * 2))
    session = (await gql(http, "mutation { register(email: \"pat@example.org\", password: \"bench password 123\") "
                               "{ accessToken } }"))["register"]["accessToken"]
    for i in range(20):
        await gql(http, "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id } }", session,
                  {"i": {"company": f"Company {i}", "title": f"Backend Engineer {i}", "location": "Remote",
                         "description": "Python, PostgreSQL and gRPC services."}})
    secret = (await gql(http, "mutation { createAccessToken(input: {name: \"bench\", scopes: [\"feed:read\"]}) "
                              "{ secret } }", session))["createAccessToken"]["secret"]

    async def feed(token: str) -> None:
        assert len((await gql(http, FEED, token))["jobFeed"]["nodes"]) == 20

    mcp_request = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                   "params": {"name": "list_inbox", "arguments": {"first": 20}}}
    mcp_headers = {"authorization": f"Bearer {secret}", "accept": "application/json, text/event-stream",
                   "mcp-protocol-version": "2025-06-18"}

    async def mcp_list_inbox() -> None:
        response = await http.post("/mcp", json=mcp_request, headers=mcp_headers)
        result = response.json()["result"]
        assert not result.get("isError") and "Backend Engineer" in result["content"][0]["text"], result

    provider = ServiceTokenProvider(TokenSigner.for_services(scratch.settings), "gateway", {"profile.pat.exchange"})
    channel = grpc.aio.insecure_channel(scratch.grpc_address("profile_service"))
    profile = profile_pb2_grpc.ProfileServiceStub(channel)

    async def exchange() -> None:
        await profile.ExchangePersonalAccessToken(profile_pb2.ExchangePersonalAccessTokenRequest(secret=secret),
                                                  metadata=(("authorization", f"Bearer {provider.token()}"),),
                                                  timeout=10)

    figures = {}
    for name, call in [("feed_session_token", lambda: feed(session)), ("feed_personal_token", lambda: feed(secret)),
                       ("mcp_list_inbox", mcp_list_inbox), ("exchange_grpc", exchange)]:
        await call()  # warm: the first exchange, connections
        figures[name] = await closed_loop(call, args.seconds, args.concurrency)
        print(f"{name}: {figures[name]['qps']} req/s, p50 {figures[name]['p50_ms']} ms, "
              f"p99 {figures[name]['p99_ms']} ms")
    await channel.close()
    await http.aclose()
    ratio = figures["feed_personal_token"]["qps"] / figures["feed_session_token"]["qps"]
    print(f"personal token / session token throughput: {ratio:.2f}")
    return {**figures, "personal_vs_session_ratio": round(ratio, 2), "concurrency": args.concurrency,
            "seconds": args.seconds, "cpus": os.cpu_count()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    # A rate limit no benchmark reaches: the figure is the cost of counting, not of refusing.
    figures = run_on_scratch_mesh(bench, args, name="pat", processes=PROCESSES,
                                  env={"GATEWAY_PAT_REQUESTS_PER_MINUTE": "10000000"})
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
