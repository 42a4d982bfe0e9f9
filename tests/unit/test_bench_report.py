"""`make bench` writes docs/benchmarks.md: a benchmark run alone replaces its own section in place and keeps
the others, so branches that each ran a different benchmark do not both rewrite the file's order."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

bench_main = importlib.import_module("bench.__main__")


def result(name: str, line: str) -> dict:
    return {"name": name, "status": "ok", "command": f"python bench/{name}.py", "lines": [line],
            "figures": {"value": line}, "seconds": 1.0, "stderr_tail": ""}


def sections(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_a_benchmark_run_alone_replaces_its_section_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "benchmarks.md"
    monkeypatch.setattr(bench_main, "REPORT", report)
    names = list(bench_main.BENCHMARKS)
    bench_main.write_report([result(name, f"{name} first run") for name in names])
    assert sections(report.read_text()) == names

    last = names[-1]
    bench_main.write_report([result(last, f"{last} second run")])
    text = report.read_text()
    assert sections(text) == names  # not moved to the top
    assert f"{last} second run" in text and f"{last} first run" not in text
    assert f"{names[0]} first run" in text  # the others keep their last run's figures


def test_a_section_kept_from_an_earlier_run_names_that_run_and_its_machine_and_does_not_grow(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "benchmarks.md"
    monkeypatch.setattr(bench_main, "REPORT", report)
    names = list(bench_main.BENCHMARKS)
    monkeypatch.setattr(bench_main, "machine", lambda: {"cpu": "First CPU", "cores": "2"})
    bench_main.write_report([result(name, f"{name} first run") for name in names])
    monkeypatch.setattr(bench_main, "machine", lambda: {"cpu": "Second CPU", "cores": "2"})
    bench_main.write_report([result(names[-1], "second run")])
    after_one = report.read_text()
    kept = after_one.split(f"## {names[0]}\n", 1)[1].split("\n## ", 1)[0]
    assert "on First CPU" in kept and "Second CPU" not in kept
    assert "| cpu | Second CPU |" in after_one
    for _ in range(3):  # more runs of another benchmark alone leave the kept section as it was
        bench_main.write_report([result(names[-1], "again")])
    assert report.read_text().split(f"## {names[1]}", 1)[0] == after_one.split(f"## {names[1]}", 1)[0]
