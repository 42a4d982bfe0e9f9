"""`make load` (`python -m tests.load`): 50 users triage their inboxes and move cards through the gateway
while 500 SSE clients stay connected, for 60 seconds; prints throughput, p50/p95/p99 per request type and
the error count (target: zero), as human lines plus a final JSON line.

With no GATEWAY_URL (or --gateway-url) it starts the whole mesh itself (`devtools.devstack.Mesh`) on a
throw-away embedded PostgreSQL and Redis, with the registration rate limit raised for the seeding.
Against an existing gateway, that limit must allow --users registrations from this address.
All traffic goes to 127.0.0.1 unless you point it elsewhere.

    python -m tests.load --seconds 60 --users 50 --sse 500 --jobs-per-user 40
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tests.faults.harness import GatewayClient, SseRecorder, seed_manual_jobs


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway-url", default=os.environ.get("GATEWAY_URL", ""))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--sse", type=int, default=500, help="idle SSE connections held during the run")
    parser.add_argument("--jobs-per-user", type=int, default=40)
    return parser.parse_args()


@contextlib.contextmanager
def own_mesh(work: Path):
    """The five processes on throw-away embedded PostgreSQL and Redis, with the registration and login
    limits raised for the seeding; yields the gateway's URL."""
    from devtools.devstack import throwaway_mesh

    limits = {"LOG_LEVEL": "WARNING", "GATEWAY_REGISTER_PER_ADDRESS": "100000",
              "GATEWAY_LOGIN_PER_ADDRESS": "100000"}
    with throwaway_mesh(work, env=limits, from_environment=False) as mesh:
        # The harness signs tokens in this process: the same mode and keys as the mesh.
        os.environ.update({"JOBMATE_ENV": mesh.env["JOBMATE_ENV"], "DATA_DIR": mesh.env["DATA_DIR"]})
        print(f"[load] mesh up (logs in {work / 'logs'})", flush=True)
        yield f"http://127.0.0.1:{mesh.ports['gateway']}"


async def seed(gateway: str, users: int, jobs_per_user: int) -> list[dict]:
    async def one() -> dict:
        async with GatewayClient(gateway) as client:
            await client.register()
            await client.fill_profile()
            job_ids = await seed_manual_jobs(client, jobs_per_user, concurrency=4)
            return {"token": client.token, "job_ids": job_ids}

    accounts: list[dict] = []
    for start in range(0, users, 10):  # ten accounts at a time: the KDF is deliberately slow
        accounts += await asyncio.gather(*(one() for _ in range(min(10, users - start))))
    return accounts


async def hold_sse(gateway: str, accounts: list[dict], count: int, stop: asyncio.Event) -> dict:
    """`count` SSE connections spread over the accounts, held until `stop`; counts what happened."""
    recorders = [SseRecorder(gateway, accounts[i % len(accounts)]["token"]) for i in range(count)]
    opened = await asyncio.gather(*(r.connect(timeout_s=60) for r in recorders), return_exceptions=True)
    failed_to_open = sum(1 for o in opened if isinstance(o, BaseException))
    await stop.wait()
    result = {"sse_clients": count, "sse_failed_to_open": failed_to_open,
              "sse_reconnects": sum(max(0, r.connections - 1) for r in recorders),
              "sse_events_received": sum(len(r.frames) for r in recorders),
              "sse_errors": sum(len(r.errors) for r in recorders)}
    await asyncio.gather(*(r.close() for r in recorders))
    return result


async def run(args: argparse.Namespace, gateway: str, work: Path) -> dict:
    started = time.monotonic()
    accounts = await seed(gateway, args.users, args.jobs_per_user)
    print(f"[load] seeded {len(accounts)} users x {args.jobs_per_user} postings in {time.monotonic() - started:.0f} s",
          flush=True)
    accounts_file = work / "accounts.json"
    accounts_file.write_text(json.dumps(accounts))
    stop = asyncio.Event()
    sse_task = asyncio.create_task(hold_sse(gateway, accounts, args.sse, stop))
    await asyncio.sleep(min(20, 2 + args.sse / 50))  # let the SSE clients connect before the clock starts
    print(f"[load] {args.sse} SSE clients connecting; {args.users} users for {args.seconds:.0f} s", flush=True)
    env = {**os.environ, "JOBMATE_LOAD_ACCOUNTS": str(accounts_file)}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.load.run_locust", "--host", gateway, "--users", str(args.users),
        "--seconds", str(args.seconds), env=env, stdout=asyncio.subprocess.PIPE)
    out, _ = await child.communicate()
    stop.set()
    sse = await sse_task
    lines = [line for line in out.decode().splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        raise SystemExit(f"locust failed (exit {child.returncode})")
    return {**json.loads(lines[-1]), **sse, "users": args.users, "seconds": args.seconds}


def report(result: dict) -> None:
    total = result["total"]
    print(f"\nload: {result['users']} users for {result['seconds']:.0f} s, {result['sse_clients']} SSE clients")
    print(f"{'request':<12} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for name, f in sorted(result["per_request"].items()):
        print(f"{name:<12} {f['requests']:>7} {f['failures']:>5} {f['rps']:>7} {f['p50_ms']:>6} {f['p95_ms']:>6} {f['p99_ms']:>6}")
    print(f"{'total':<12} {total['requests']:>7} {total['failures']:>5} {total['rps']:>7} {total['p50_ms']:>6} "
          f"{total['p95_ms']:>6} {total['p99_ms']:>6}")
    print(f"SSE: {result['sse_clients'] - result['sse_failed_to_open']} of {result['sse_clients']} connected, "
          f"{result['sse_reconnects']} reconnects, {result['sse_events_received']} events received")
    errors = total["failures"] + result["sse_failed_to_open"]
    print(f"errors: {errors}" + "".join(f"\n  {e['count']} x {e['name']}: {e['error']}" for e in result["errors"]))
    print(json.dumps({"load": {**result, "errors_total": errors}}))


def main() -> int:
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="jobmate-load-"))
    try:
        if args.gateway_url:
            result = asyncio.run(run(args, args.gateway_url.rstrip("/"), work))
        else:
            with own_mesh(work) as gateway:
                result = asyncio.run(run(args, gateway, work))
    finally:
        if not os.environ.get("JOBMATE_KEEP_LOAD_DIR"):
            shutil.rmtree(work, ignore_errors=True)
    report(result)
    return 0 if result["total"]["failures"] + result["sse_failed_to_open"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
