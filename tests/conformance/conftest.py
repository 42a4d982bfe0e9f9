"""Conformance tests read real-world files from ../shared/fixtures (never copied into this repository).

They are marked `conformance` and run by `make conformance`; `make test` needs nothing outside the repo.
"""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES_DIR = Path(os.environ.get("JOBMATE_SHARED_DIR", REPO_ROOT.parent / "shared")) / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.conformance)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not FIXTURES_DIR.is_dir():
        pytest.fail(f"shared fixtures not found at {FIXTURES_DIR}; set JOBMATE_SHARED_DIR")
    return FIXTURES_DIR
