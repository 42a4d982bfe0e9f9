"""Where the evaluation data lives (outside the repository, read by path).

- The shared fixtures: ``$JOBMATE_SHARED_DIR/fixtures``, else ``../shared/fixtures`` beside the
  repository, exactly as tests/conformance/conftest.py finds them.
- The team's own development data (labelled CVs, pages): ``$EVAL_DATA_DIR``, default ``/work/devdata``.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


class DataUnavailable(Exception):
    """A section's data is not where it should be: the section is reported as skipped, not failed."""


def shared_fixtures_dir() -> Path:
    return Path(os.environ.get("JOBMATE_SHARED_DIR", REPO_ROOT.parent / "shared")) / "fixtures"


def eval_data_dir() -> Path:
    return Path(os.environ.get("EVAL_DATA_DIR", "/work/devdata"))


def require_dir(path: Path, what: str, variable: str) -> Path:
    if not path.is_dir():
        raise DataUnavailable(f"{what} not found at {path}; set {variable}")
    return path
