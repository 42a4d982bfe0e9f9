"""Run the Triager users headless for a while and print the figures as one JSON line (child of
`python -m tests.load`: locust patches the process with gevent, so it gets a process of its own).

    python -m tests.load.run_locust --host http://127.0.0.1:4000 --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import json

import gevent
from locust.env import Environment
from locust.stats import StatsEntry

from tests.load.locustfile import Triager


def figures(entry: StatsEntry, seconds: float) -> dict:
    return {"requests": entry.num_requests, "failures": entry.num_failures,
            "rps": round(entry.num_requests / seconds, 1),
            "p50_ms": entry.get_response_time_percentile(0.50), "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99), "max_ms": round(entry.max_response_time or 0, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    env = Environment(user_classes=[Triager], host=args.host)
    runner = env.create_local_runner()
    runner.start(args.users, spawn_rate=args.users)
    gevent.spawn_later(args.seconds, runner.quit)
    runner.greenlet.join()
    stats = env.stats
    errors = [{"name": e.name, "error": str(e.error), "count": e.occurrences} for e in stats.errors.values()]
    print(json.dumps({"total": figures(stats.total, args.seconds),
                      "per_request": {name: figures(entry, args.seconds) for (name, _), entry in stats.entries.items()},
                      "errors": errors}))


if __name__ == "__main__":
    main()
