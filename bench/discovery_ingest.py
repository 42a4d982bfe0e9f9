"""Discovery ingestion benchmark: postings per second from a loopback fake board of 5,000 postings through
the whole pipeline (fetch, parse, filter, de-duplicate, insert) into a real PostgreSQL, next to the bare
insert path (the same postings, already parsed, written with one INSERT each and no lookups) measured
in the same run. A second run of the same search shows the all-duplicates path.

    .venv/bin/python bench/discovery_ingest.py [--postings 5000]

Uses DATABASE_URL when set (a scratch database is created and dropped), else an embedded PostgreSQL in
a temporary directory. Prints human lines, then one JSON line. Target: >= 1,000 postings/s end to end.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
import uuid
from pathlib import Path

from bench.scratch_db import run_on_scratch_database
from common.db import create_pool, migrate
from common.outbox import outbox_migrations
from discovery_service.domain import Candidate, Origin, Posting, SearchCriteria
from discovery_service.pipeline import screen_and_store
from discovery_service.repository import _INSERT_JOB, JobRepository, _insert_args
from discovery_service.settings import DiscoverySettings
from discovery_service.sources.greenhouse import GreenhouseSource
from discovery_service.web.fetch import HttpFetcher
from tests.fakes.boards import FakeBoard

REPO_ROOT = Path(__file__).resolve().parents[1]

MIGRATIONS = REPO_ROOT / "discovery_service" / "migrations"
TARGET_PER_S = 1000
ROLES = ["Python Developer", "Senior Python Developer", "Backend Engineer", "Data Engineer", "Sales Manager"]
CITIES = ["Berlin", "Paris", "Remote - Europe", "London", "Madrid"]


def greenhouse_board(count: int) -> dict:
    """A Greenhouse-shaped board: realistic descriptions (lists with paragraphs, ~1.5 KB), a few red flags."""
    jobs = []
    for n in range(count):
        role = ROLES[n % len(ROLES)]
        flag = " This role is unpaid." if n % 50 == 0 else ""
        description = (
            f"<p>Acme is hiring a {role} (team {n}) to build and run our platform.{flag}</p>"
            "<h3>What you will do</h3><ul>"
            + "".join(f"<li><p>Own service number {n}-{i}, from design to production.</p></li>" for i in range(6))
            + "</ul><h3>About you</h3><p>" + "You like clean code, tests and calm on-call weeks. " * 12 + "</p>")
        jobs.append({"id": 4_000_000 + n, "title": f"{role} #{n}", "company_name": "Acme",
                     "location": {"name": CITIES[n % len(CITIES)]},
                     "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{4_000_000 + n}?gh_src=bench",
                     "content": html.escape(description), "updated_at": "2025-05-01T10:00:00Z",
                     "metadata": [{"name": "Employment Type", "value": "Full-time"}]})
    return {"jobs": jobs, "meta": {"total": count}}


async def fetch_postings(source: GreenhouseSource, fetcher: HttpFetcher) -> list[Posting]:
    return [posting async for posting in source.fetch(fetcher, SearchCriteria().query(), {"board_token": "acme"})]


async def measure(dsn: str, count: int) -> dict:
    pool = await create_pool(dsn, schema="discovery", min_size=2, max_size=4)
    await migrate(pool, schema="discovery", directory=MIGRATIONS, before=outbox_migrations())
    jobs = JobRepository(pool)
    criteria = SearchCriteria(titles=["Python Developer", "Backend Engineer", "Data Engineer"], red_flags=["unpaid"])
    with FakeBoard() as board:
        board.add_json("/v1/boards/acme/jobs", greenhouse_board(count))
        source = GreenhouseSource(board.base_url)
        async with HttpFetcher(per_host_interval_s=0.0, max_bytes=DiscoverySettings().discovery_fetch_max_bytes) as fetcher:
            await fetch_postings(source, fetcher)  # warm-up: imports, connections, JIT-free but cache-warm

            async def pipeline(user_id: str) -> tuple[float, float, object]:
                started = time.perf_counter()
                postings = await fetch_postings(source, fetcher)
                fetched = time.perf_counter()
                async with pool.acquire() as conn, conn.transaction():
                    counts = await screen_and_store(conn, jobs, user_id=user_id, postings=postings,
                                                    criteria=criteria, origin=Origin.SCHEDULE,
                                                    search_config_id="bench")
                return fetched - started, time.perf_counter() - started, counts

            user = f"bench-{uuid.uuid4().hex[:8]}"
            fetch_s, full_s, counts = await pipeline(user)
            _, repeat_s, repeat_counts = await pipeline(user)
            postings = await fetch_postings(source, fetcher)

    rows = [_insert_args(str(uuid.uuid4()), f"bare-{uuid.uuid4().hex[:8]}", Candidate(p, keys=["-"]),
                         Origin.SCHEDULE, "bench") for p in postings]
    started = time.perf_counter()
    async with pool.acquire() as conn, conn.transaction():
        await conn.executemany(_INSERT_JOB, rows)
    bare_s = time.perf_counter() - started
    await pool.close()
    return {
        "postings": count,
        "pipeline_postings_per_s": round(count / full_s),
        "pipeline_seconds": round(full_s, 3),
        "fetch_and_parse_seconds": round(fetch_s, 3),
        "new": len(counts.new_ids), "filtered": counts.filtered, "duplicates": counts.duplicates,
        "repeat_run_postings_per_s": round(count / repeat_s),
        "repeat_run_duplicates": repeat_counts.duplicates,
        "bare_insert_postings_per_s": round(count / bare_s),
        "bare_insert_seconds": round(bare_s, 3),
        "target_postings_per_s": TARGET_PER_S,
        "meets_target": count / full_s >= TARGET_PER_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=5000)
    arguments = parser.parse_args()
    result = run_on_scratch_database(measure, arguments.postings)
    print(f"full pipeline (fetch, parse, filter, dedup, insert): {result['pipeline_postings_per_s']:,} postings/s "
          f"({result['postings']:,} in {result['pipeline_seconds']} s; fetch+parse {result['fetch_and_parse_seconds']} s)")
    print(f"  outcome: {result['new']:,} new, {result['filtered']:,} filtered, {result['duplicates']:,} duplicates")
    print(f"same search again (all duplicates): {result['repeat_run_postings_per_s']:,} postings/s")
    print(f"bare insert path (parsed postings, one INSERT each): {result['bare_insert_postings_per_s']:,} postings/s")
    print(f"target {TARGET_PER_S:,} postings/s end to end: {'met' if result['meets_target'] else 'NOT met'}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
