"""Benchmark of the fit score: postings scored per second on one core, beside the heuristic engine's
analyses per second measured in the same run on the same postings and profiles.

The postings are the 318 genuine EMSCAD postings of ../shared/fixtures/ranking (real lengths: median
about 250 words); the profiles are resumes of that folder read as pasted CVs. Each round scores every
posting for one profile in one batch, as the inbox does; the posting side (text, stems, skills,
embedding, occupation) is computed afresh every round, only the profile side is reused within a batch.

Run from the repository root:  .venv/bin/python bench/fit_scoring.py [--seconds 10]
Prints human-readable lines, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from ai_coach.engines import HeuristicEngine  # noqa: E402
from ai_coach.engines.fit import FitScorer  # noqa: E402
from bench.cpu import pin_to_one_core  # noqa: E402
from evals.paths import shared_fixtures_dir  # noqa: E402
from evals.ranking import load_postings, load_resumes  # noqa: E402

PROFILES = 6  # resumes of different categories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each throughput loop runs")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may be downloaded; this makes sure of it
    core = pin_to_one_core()

    fixtures = shared_fixtures_dir()
    jobs = [posting.job for posting in load_postings(fixtures)]
    seen: set[str] = set()
    profiles = []
    for resume in load_resumes(fixtures):
        if resume.category not in seen and resume.split == "dev":
            seen.add(resume.category)
            profiles.append(resume.profile)
        if len(profiles) == PROFILES:
            break

    started = time.perf_counter()
    scorer = FitScorer()
    scorer.score(profiles[0], jobs[:1])
    load_s = time.perf_counter() - started
    # The first batch fills the per-word caches (stems, WordLlama token ids); it is reported on its own.
    cpu_started, started = time.process_time(), time.perf_counter()
    scorer.score(profiles[0], jobs)
    cold_wall, cold_cpu = time.perf_counter() - started, time.process_time() - cpu_started

    scored, rounds = 0, 0
    cpu_started, started = time.process_time(), time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        scorer.score(profiles[rounds % len(profiles)], jobs)
        scored += len(jobs)
        rounds += 1
    fit_wall = time.perf_counter() - started
    fit_cpu = time.process_time() - cpu_started
    fit_per_second = scored / fit_wall

    engine = HeuristicEngine()
    analysed = 0
    cpu_started, started = time.process_time(), time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        profile = profiles[analysed // len(jobs) % len(profiles)]
        engine.analyze(jobs[analysed % len(jobs)], profile)
        analysed += 1
    heuristic_wall = time.perf_counter() - started
    heuristic_cpu = time.process_time() - cpu_started
    heuristic_per_second = analysed / heuristic_wall

    words = sorted(len(f"{job.title} {job.description_text}".split()) for job in jobs)
    print(f"python {platform.python_version()} on {platform.machine()}, pinned to core {core}")
    print(f"{len(jobs)} postings (median {words[len(words) // 2]} words), {len(profiles)} profiles")
    print(f"fit scorer load (WordLlama, O*NET occupations, IDF table) and first score: {load_s:.2f} s")
    print(f"first batch of {len(jobs)} with cold word caches: {cold_wall:.2f} s "
          f"(CPU {1000 * cold_cpu / len(jobs):.2f} ms each)")
    print(f"fit scores: {scored} in {fit_wall:.2f} s = {fit_per_second:,.0f}/s on one core "
          f"({1000 / fit_per_second:.2f} ms each; CPU time {1000 * fit_cpu / scored:.2f} ms each, "
          f"{scored / fit_cpu:,.0f} per CPU-second)")
    print(f"heuristic analyses (baseline, same run): {analysed} in {heuristic_wall:.2f} s = "
          f"{heuristic_per_second:,.0f}/s ({1000 / heuristic_per_second:.2f} ms each; "
          f"CPU time {1000 * heuristic_cpu / analysed:.2f} ms each, {analysed / heuristic_cpu:,.0f} per CPU-second)")
    print(f"fit score vs heuristic engine: {fit_per_second / heuristic_per_second:.1f}x the throughput "
          f"({(scored / fit_cpu) / (analysed / heuristic_cpu):.1f}x per CPU-second); "
          f"a 5,000-posting inbox in {5000 / fit_per_second:.1f} s")
    print(json.dumps({
        "fit_postings_per_second": round(fit_per_second, 1),
        "fit_ms_per_posting": round(1000 / fit_per_second, 3),
        "fit_cpu_ms_per_posting": round(1000 * fit_cpu / scored, 3),
        "fit_postings_per_cpu_second": round(scored / fit_cpu, 1),
        "fit_cold_batch_cpu_ms_per_posting": round(1000 * cold_cpu / len(jobs), 3),
        "heuristic_analyses_per_cpu_second": round(analysed / heuristic_cpu, 1),
        "heuristic_analyses_per_second": round(heuristic_per_second, 1),
        "fit_vs_heuristic": round(fit_per_second / heuristic_per_second, 2),
        "load_seconds": round(load_s, 2),
        "postings": len(jobs),
        "profiles": len(profiles),
        "core": core,
    }))


if __name__ == "__main__":
    main()
