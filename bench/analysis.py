"""Benchmark of the heuristic engine: analyses per second on one core, and ranking quality (NDCG@10)
on the real postings of ../shared/fixtures/jobs_api with the hand-graded profiles of
tests/conformance/test_ranking.py.

Run from the repository root:  .venv/bin/python bench/analysis.py [--seconds 5]
Prints human-readable lines, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from ai_coach.engines import HeuristicEngine
from bench.cpu import pin_to_one_core
from tests.conformance.conftest import FIXTURES_DIR
from tests.conformance.test_ranking import (
    NDCG_K,
    RANKING_PROFILES,
    load_fixture_postings,
    ranking_report,
)

REPO_ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to run the throughput loop")
    args = parser.parse_args()

    core = pin_to_one_core()
    engine = HeuristicEngine()
    postings = list(load_fixture_postings(FIXTURES_DIR).values())
    profiles = list(RANKING_PROFILES.values())
    pairs = [(job, profile) for job in postings for profile in profiles]
    for job, profile in pairs:  # warm-up: vocabulary load and regex caches
        engine.analyze(job, profile)

    count = 0
    started = time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        for job, profile in pairs:
            engine.analyze(job, profile)
        count += len(pairs)
    elapsed = time.perf_counter() - started
    per_second = count / elapsed
    mean_chars = sum(len(job.description_text) for job in postings) / len(postings)

    print(f"python {platform.python_version()} on {platform.machine()}, pinned to core {core}")
    print(
        f"heuristic analyses: {count} in {elapsed:.2f}s = {per_second:,.0f}/s on one core "
        f"({1000 / per_second:.2f} ms each; {len(postings)} postings x {len(profiles)} profiles, "
        f"mean posting {mean_chars:,.0f} chars)"
    )

    report = ranking_report(FIXTURES_DIR, engine)
    ndcg = {name: round(float(result["ndcg"]), 4) for name, result in report.items()}
    misordered = {name: len(result["misordered"]) for name, result in report.items()}
    for name, result in report.items():
        print(
            f"NDCG@{NDCG_K} {name}: {ndcg[name]:.3f} "
            f"(fitting-below-unrelated pairs: {misordered[name]} of {result['pairs']})"
        )
    mean_ndcg = sum(ndcg.values()) / len(ndcg)
    print(f"NDCG@{NDCG_K} mean: {mean_ndcg:.3f}")
    print(
        json.dumps(
            {
                "benchmark": "analysis",
                "analyses_per_second_one_core": round(per_second, 1),
                "ms_per_analysis": round(1000 / per_second, 3),
                "analyses": count,
                "postings": len(postings),
                "profiles": len(profiles),
                "ndcg_at_10": ndcg,
                "ndcg_at_10_mean": round(mean_ndcg, 4),
                "misordered_pairs": misordered,
            }
        )
    )


if __name__ == "__main__":
    main()
