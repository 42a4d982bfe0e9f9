"""CV parsing benchmark: parse time p50/p95 over the fixture CVs and field accuracy against the
hand-written expectations in tests/conformance/cv_expectations.py.

    .venv/bin/python bench/cv_parse.py [fixtures dir]     (default: ../shared/fixtures)

Prints one line per CV, a summary, and a final JSON line for machines. Each CV is parsed
`--rounds` times (default 3) so the percentiles include the child-process start-up a worker pays.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from ai_coach.cv import CvParseError, parse_cv_pdf
from tests.conformance.cv_expectations import CV_EXPECTATIONS

REPO_ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="?", default=str(REPO_ROOT.parent / "shared" / "fixtures"))
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    cv_dir = Path(arguments.fixtures) / "cvs"
    paths = sorted(cv_dir.glob("*.pdf"))
    if not paths:
        print(f"no CV PDFs in {cv_dir}", file=sys.stderr)
        return 2

    timings: list[float] = []
    hits = {"name": 0, "email": 0, "sections": 0}
    totals = {"name": 0, "email": 0, "sections": 0}
    skills_expected = skills_found = 0
    failures: list[str] = []
    for path in paths:
        data = path.read_bytes()
        file_times: list[float] = []
        parsed = None
        for _ in range(arguments.rounds):
            started = time.perf_counter()
            try:
                parsed = parse_cv_pdf(data)
            except CvParseError as error:
                failures.append(f"{path.name}: {error.code}")
                parsed = None
            file_times.append(time.perf_counter() - started)
        timings.extend(file_times)
        expected = CV_EXPECTATIONS.get(path.name)
        verdict = "no expectation written"
        if expected is not None and parsed is not None:
            checks = {
                "name": parsed.full_name == expected["full_name"],
                "email": parsed.contact.email == expected["email"],
                "sections": parsed.sections == expected["sections"],
            }
            for field, ok in checks.items():
                totals[field] += 1
                hits[field] += int(ok)
            found = [skill for skill in expected["skills"] if skill in parsed.skills]
            skills_expected += len(expected["skills"])
            skills_found += len(found)
            verdict = " ".join(f"{field}={'ok' if ok else 'MISS'}" for field, ok in checks.items())
            verdict += f" skills={len(found)}/{len(expected['skills'])}"
        elif expected is not None:
            for field in totals:
                totals[field] += 1
            skills_expected += len(expected["skills"])
            verdict = "parse failed"
        print(f"{path.name:42s} median {statistics.median(file_times) * 1000:7.0f} ms  {verdict}")

    accuracy = {field: hits[field] / totals[field] if totals[field] else None for field in hits}
    accuracy["skills_recall"] = skills_found / skills_expected if skills_expected else None
    summary = {
        "cvs": len(paths),
        "rounds": arguments.rounds,
        "parse_ms_p50": round(percentile(timings, 0.50) * 1000, 1),
        "parse_ms_p95": round(percentile(timings, 0.95) * 1000, 1),
        "accuracy": {field: None if value is None else round(value, 3) for field, value in accuracy.items()},
        "failures": failures,
    }
    print(
        f"parse time over {len(timings)} parses: p50 {summary['parse_ms_p50']} ms, p95 {summary['parse_ms_p95']} ms"
    )
    for field, value in summary["accuracy"].items():
        print(f"{field:14s} {'n/a' if value is None else f'{value:.1%}'}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
