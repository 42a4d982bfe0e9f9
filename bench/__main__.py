"""`make bench`: run every benchmark, print its figures, and write docs/benchmarks.md.

Each benchmark is a script under bench/ that prints human-readable lines and, last, one JSON line with
its figures (and, where it has one, the baseline measured in the same run). This runner only collects:
it records the machine, the command, the lines and the JSON of each, so the report stays current
whenever the benchmarks change. A benchmark that fails is reported as failed, not left out.

    python -m bench              # all
    python -m bench cv_parse     # some, by name
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
REPORT = REPO_ROOT / "docs" / "benchmarks.md"

# name: (what it measures, the issue that asks for it). Order: cheap first.
BENCHMARKS: dict[str, str] = {
    "analysis": "Heuristic analyses per second on one core; ranking quality (NDCG@10) on real postings",
    "fit_scoring": "Fit scores per second on one core (fresh postings, one batch per profile) vs the heuristic engine in the same run",
    "fit_inbox": "Time to score and order a 5,000-posting inbox: FitScorer batches of 200 on one core, each "
                 "recorded in PostgreSQL as RecordFitScores does, then the first page of the feed sorted by fit",
    "cv_parse": "CV parse time p50/p95 over the fixture CVs; field accuracy against hand-written expectations",
    "discovery_ingest": "Postings ingested per second from a loopback board of 5,000 postings vs the bare insert path",
    "analysis_latency": "Approve-to-ANALYSIS_DONE latency p50/p99 through the real mesh",
    "gateway": "jobFeed(first: 50) through the gateway vs GetJobFeed over gRPC; idle SSE connections",
    "access_tokens": "jobFeed with a personal access token vs a session token, the MCP list_inbox tool, and "
                     "the exchange a cache miss costs (issue 17)",
    "read_ladder": "The inbox page and the board at three steps (bare SQL loop, gRPC by h2load, the web app's "
                   "query through the gateway by wrk) at 16 and 50 connections: throughput, p50/p99, ratios, CPU per request",
    "load": "50 users triaging and moving cards through the gateway with 500 idle SSE clients, 60 s (make load)",
    "web": "The web app: initial JavaScript (gzip), sign-in to first screen interactive, a 1,000-posting inbox's "
           "long tasks, in headless Chromium",
}
TIMEOUT_S = 900
EARLIER = "(figures from the run of {date} on {cpu}: the last run did not include this benchmark)"


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                           if line.startswith("MemTotal")))
        memory = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory,
            "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}"}


def run(name: str) -> dict:
    script = REPO_ROOT / "bench" / f"{name}.py"
    command = [sys.executable, str(script.relative_to(REPO_ROOT))]
    if not script.exists():
        return {"name": name, "status": "missing", "command": " ".join(command), "lines": [], "figures": None}
    started = time.perf_counter()
    try:
        completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True,
                                   timeout=TIMEOUT_S)
        output, code, errors = completed.stdout, completed.returncode, completed.stderr
    except subprocess.TimeoutExpired:
        output, code, errors = "", -1, f"timed out after {TIMEOUT_S} s"
    lines = [line for line in output.splitlines() if line.strip()]
    figures = None
    if lines:
        try:
            figures = json.loads(lines[-1])
            lines = lines[:-1]
        except json.JSONDecodeError:
            pass
    status = "ok" if code == 0 and figures is not None else f"failed (exit {code})"
    for line in lines:
        print(f"  {line}")
    if status != "ok":
        print(f"  {name}: {status}\n  {errors.strip()[-2000:]}")
    return {"name": name, "status": status, "command": " ".join(command), "lines": lines, "figures": figures,
            "seconds": round(time.perf_counter() - started, 1), "stderr_tail": errors.strip()[-1500:]}


def earlier_sections(names: set[str]) -> dict[str, list[str]]:
    """The report's sections of benchmarks not run this time (`python -m bench web` keeps the others),
    each saying which run its figures come from."""
    if not REPORT.exists():
        return {}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    run_date, cpu = "an earlier date", "an unrecorded machine"
    for line in REPORT.read_text().splitlines():
        if current is None and line.startswith("Run: "):
            run_date = line.removeprefix("Run: ").strip()
        if current is None and line.startswith("| cpu | "):
            cpu = line.removeprefix("| cpu | ").rstrip(" |")
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        if current is not None:
            sections[current].append(line)
    kept = {}
    for name, lines in sections.items():
        if name in names or name not in BENCHMARKS:
            continue
        # A section kept from an earlier run says which run and machine its figures are from (the header
        # above names only this run's): the note it already has, or a new one.
        note = next((line for line in lines if line.startswith("(figures from the run of ")), None)
        rest = [line for line in lines[1:] if line != note]
        while rest and not rest[0].strip():
            rest.pop(0)  # the blank lines around the old note: kept, they would add up run after run
        kept[name] = [lines[0], "", note or EARLIER.format(date=run_date, cpu=cpu), "", *rest]
    return kept


def section_of(result: dict) -> list[str]:
    """One benchmark's section of the report, from this run."""
    lines = [f"## {result['name']}", "", BENCHMARKS.get(result["name"], ""), "",
             f"Command: `{result['command']}` ({result['status']}"
             + (f", {result['seconds']} s)" if "seconds" in result else ")"), ""]
    if result["lines"]:
        lines += ["```", *result["lines"], "```", ""]
    if result["figures"] is not None:
        lines += ["<details><summary>figures (JSON)</summary>", "", "```json",
                  json.dumps(result["figures"], indent=2, ensure_ascii=False), "```", "</details>", ""]
    elif result.get("stderr_tail"):
        lines += ["```", result["stderr_tail"], "```", ""]
    return lines


def write_report(results: list[dict]) -> None:
    info = machine()
    kept = earlier_sections({result["name"] for result in results})
    out = ["# Benchmarks", "",
           "Written by `make bench` (`python -m bench`); do not edit by hand. Figures come from one run on the",
           "machine below, and each is shown beside the baseline measured in the same run where the benchmark has",
           "one. Shared machines are noisy: compare ratios, not absolute numbers across runs.", "",
           f"Run: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}", "",
           "| machine | |", "|---|---|", *[f"| {k} | {v} |" for k, v in info.items()], ""]
    fresh = {result["name"]: section_of(result) for result in results}
    # Sections keep the registry's order whichever ran, so two branches that each ran one benchmark
    # change only their own section of the file; one not run this time keeps its last run's figures.
    for name in BENCHMARKS:
        out += fresh.get(name) or kept.get(name, [])
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(out))


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    results = []
    for name in names:
        print(f"== {name}: {BENCHMARKS[name]}", flush=True)
        results.append(run(name))
    write_report(results)
    print(f"wrote {REPORT.relative_to(REPO_ROOT)}")
    return 0 if all(r["status"] == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
