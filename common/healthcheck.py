"""Container health probe: `python -m common.healthcheck grpc HOST:PORT` or `... http URL`.

Exits 0 when healthy (gRPC health SERVING, or HTTP 200), 1 otherwise, printing why.
"""

from __future__ import annotations

import asyncio
import sys
import urllib.request

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


async def check_grpc(target: str, service: str = "", timeout_s: float = 3.0) -> tuple[bool, str]:
    async with grpc.aio.insecure_channel(target) as channel:
        try:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout_s)
        except grpc.aio.AioRpcError as exc:
            return False, f"{exc.code().name}: {exc.details()}"
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == health_pb2.HealthCheckResponse.SERVING, status


def check_http(url: str, timeout_s: float = 3.0) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 (operator-given URL)
            return response.status == 200, f"HTTP {response.status}"
    except Exception as exc:  # any failure means unhealthy, with its reason printed
        return False, str(exc)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("grpc", "http"):
        print("usage: python -m common.healthcheck grpc HOST:PORT | http URL", file=sys.stderr)
        return 2
    ok, detail = asyncio.run(check_grpc(argv[1])) if argv[0] == "grpc" else check_http(argv[1])
    print(detail)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
