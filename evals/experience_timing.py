"""Parse time per CV with the layout rules, the experience model and its rules_partial hybrid, median over the dev
CVs.

    EVAL_DATA_DIR=/work/devdata PYTHONPATH=. python -m evals.experience_timing

Each dev CV's extraction comes from the eval cache (evals.cv), so what is timed is the parser after the
sandbox: layout, sections, every field. The model and the hybrid are put in the rules' place on the parser's own
path (evals.experience_rows.reading_experience_with), as `EVAL_EXPERIENCE_READER` does for the CV eval; patching
``experience_model.read_experience`` alone (this script's earlier way) timed the rules twice.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from pathlib import Path

from evals.cv import LABELS_DIR, parse_document
from evals.experience_model import reader
from evals.experience_rows import reading_experience_with
from evals.paths import eval_data_dir, load_labels

REPEATS = 3
READERS = ("rules", "model", "rules_partial")


def median_parse_seconds(paths: list[Path], kind: str) -> float:
    within = contextlib.nullcontext() if kind == "rules" else reading_experience_with(reader(kind))
    with within:
        return statistics.median(min(_timed(path) for _ in range(REPEATS)) for path in paths)


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
    reader("model")([])  # and the model's weights and vocabularies
    timings = {kind: median_parse_seconds(paths, kind) for kind in READERS}
    figures = ", ".join(f"{kind} {seconds * 1000:.1f} ms" for kind, seconds in timings.items())
    print(f"{len(paths)} dev CVs, median parse time: {figures}")


if __name__ == "__main__":
    main()
