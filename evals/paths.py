"""Where the evaluation data lives (outside the repository, read by path).

- The shared fixtures: ``$JOBMATE_SHARED_DIR/fixtures``, else ``../shared/fixtures`` beside the
  repository, exactly as tests/conformance/conftest.py finds them.
- The team's own development data (labelled CVs, pages): ``$EVAL_DATA_DIR``, default ``/work/devdata``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


class DataUnavailable(Exception):
    """A section's data is not where it should be: the section is reported as skipped, not failed."""


def shared_fixtures_dir() -> Path:
    return Path(os.environ.get("JOBMATE_SHARED_DIR", REPO_ROOT.parent / "shared")) / "fixtures"


def eval_data_dir() -> Path:
    return Path(os.environ.get("EVAL_DATA_DIR", "/work/devdata"))


def splits_with_lines(splits: tuple[str, ...] | list[str]) -> set[str]:
    """The splits whose per-file lines a section prints: ``EVAL_LINES=dev`` (or ``none``) keeps the held-out
    files' lines out of sight while rules are tuned, in every section.
    ``EVAL_CV_LINES`` is the older name, read when ``EVAL_LINES`` is not set."""
    chosen = os.environ.get("EVAL_LINES", os.environ.get("EVAL_CV_LINES"))
    return set(splits) if chosen is None else {split for split in chosen.split(",") if split in splits}


def splits_with_totals(splits: tuple[str, ...] | list[str]) -> set[str]:
    """The splits whose totals a section prints: every split, unless ``EVAL_LINES`` hides some files' lines;
    then their totals are hidden too (a helper tuning on dev saw the held-out totals at every run), until
    ``EVAL_TOTALS=dev,check`` asks for them, once, at the end."""
    chosen = os.environ.get("EVAL_TOTALS")
    if chosen is not None:
        return {split for split in chosen.split(",") if split in splits}
    return splits_with_lines(splits)


def totals_splits(splits: tuple[str, ...] | list[str]) -> Iterator[str]:
    """The splits whose totals a section prints (splits_with_totals), each after its heading ("dev:") is
    printed; for each other split, the line that says its totals are hidden."""
    shown = splits_with_totals(splits)
    for split in splits:
        if split not in shown:
            print(f"\n{split}: totals hidden (EVAL_LINES; EVAL_TOTALS={','.join(splits)} shows them)")
            continue
        print(f"\n{split}:")
        yield split


def cv_only_prefixes() -> tuple[str, ...]:
    """The id prefixes ``EVAL_CV_ONLY=a,b0`` names (empty: every CV): a batch measured on its own, or the batches
    designed on, so that a held-out batch whose labels say ``dev`` is left out."""
    return tuple(prefix for prefix in os.environ.get("EVAL_CV_ONLY", "").split(",") if prefix)


def require_dir(path: Path, what: str, variable: str) -> Path:
    if not path.is_dir():
        raise DataUnavailable(f"{what} not found at {path}; set {variable}")
    return path


def load_labels(directory: Path) -> list[dict[str, Any]]:
    """The hand-written labels of an evaluation: every JSON file of `directory`, in name order."""
    if not directory.is_dir():
        raise DataUnavailable(f"no labels at {directory}")
    labels = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))]
    if not labels:
        raise DataUnavailable(f"no labels in {directory}")
    return labels
