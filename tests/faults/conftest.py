"""Fault tests: every test here is marked `faults` and runs under `make test-faults` (and in CI).

Scenarios hand their counts to `record_report`; they are printed in the terminal summary, whatever
the outcome, so a CI log always shows what each fault did.
"""

import json
from pathlib import Path
from typing import Any

import pytest

_REPORTS: list[dict[str, Any]] = []


def record_report(report: dict[str, Any]) -> None:
    _REPORTS.append(report)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.faults)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _REPORTS:
        return
    terminalreporter.section("fault scenarios: counts")
    for report in _REPORTS:
        terminalreporter.write_line(json.dumps(report, sort_keys=False))
