"""Parse time per CV with the experience model and with the layout rules alone, median over the dev CVs.

    EVAL_DATA_DIR=/work/devdata PYTHONPATH=. python -m evals.experience_timing

Each dev CV's extraction comes from the eval cache (evals.cv), so what is timed is the parser after the
sandbox: layout, sections, every field. "rules" puts experience.build_experience in read_experience's place.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import evals.experience_model as model
from ai_coach.cv.experience import build_experience
from evals.cv import LABELS_DIR, parse_document
from evals.paths import eval_data_dir, load_labels

REPEATS = 3


def median_parse_seconds(paths: list[Path]) -> float:
    timings = []
    for path in paths:
        best = min(_timed(path) for _ in range(REPEATS))
        timings.append(best)
    return statistics.median(timings)


def _timed(path: Path) -> float:
    started = time.perf_counter()
    parse_document(path)
    return time.perf_counter() - started


def main() -> None:
    cvs = eval_data_dir() / "cvs"
    paths = [cvs / label["file"] for label in load_labels(LABELS_DIR) if label["split"] == "dev"]
    paths = [path for path in paths if path.is_file()]
    for path in paths:
        parse_document(path)  # warm the extraction cache and the lazily loaded tables
    with_model = median_parse_seconds(paths)
    original = model.read_experience
    model.read_experience = build_experience
    try:
        with_rules = median_parse_seconds(paths)
    finally:
        model.read_experience = original
    print(f"{len(paths)} dev CVs, median parse time: rules {with_rules * 1000:.1f} ms, model {with_model * 1000:.1f} ms")


if __name__ == "__main__":
    main()
