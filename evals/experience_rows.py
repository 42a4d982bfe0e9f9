"""The rows the product hands to its experience reader (``build_experience``) for each dev CV, cached, so the experience model can be
trained and cross-validated without running the layout and the section splitter again for every fold.

Each dev CV goes through the product's own path (``evals.cv.parse_document``) with ``build_experience``
recorded (and the layout rules answering in its place, so the recording needs no trained model): the experience section's rows (the first call) and, when the CV has no experience heading, the
unnamed rows the parser searches for dated "Title at Company" entries (the second call, ``undated=False``).
Only dev files are read: the check split stays unopened.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ai_coach.cv.layout import Row, TextLine
from ai_coach.cv.parser import MIN_UNHEADED_ENTRIES
from ai_coach.domain import ExperienceEntry
from evals.cv import LABELS_DIR, parse_document
from evals.paths import eval_data_dir, load_labels

# One call of read_experience as the parser made it: (its rows, its `undated` flag).
Call = tuple[list[Row], bool]


def _cache_dir() -> Path:
    """Beside the eval's extraction cache; keyed by CV id, so delete it after changing the layout or the
    section splitter (``EXPERIENCE_ROWS_CACHE`` moves it)."""
    default = Path(os.environ.get("EVAL_CACHE_DIR", "/tmp/jobmate-eval-cache")) / "experience-rows"
    return Path(os.environ["EXPERIENCE_ROWS_CACHE"]) if "EXPERIENCE_ROWS_CACHE" in os.environ else default


def _row_json(row: Row) -> dict[str, Any]:
    return {"page": row.page, "column": row.column,
            "fragments": [[f.x0, f.y0, f.x1, f.y1, f.size, f.bold, f.text] for f in row.fragments]}


def _row(data: dict[str, Any]) -> Row:
    return Row([TextLine(*fragment) for fragment in data["fragments"]], page=data["page"], column=data["column"])


def recorded_calls(path: Path) -> list[Call]:
    """The experience-reader calls the parser makes for one CV file.

    The parser calls ``build_experience`` by the name it imported (``ai_coach.cv.parser.build_experience``),
    so that is the name recorded: patching ``evals.experience_model.read_experience`` (the experiment's
    reader, which the parser never calls) recorded nothing and left the training set empty."""
    import ai_coach.cv.parser as parser
    from ai_coach.cv.experience import build_experience

    calls: list[Call] = []

    def recorder(rows: list[Row], *, undated: bool = True) -> list[ExperienceEntry]:
        calls.append((list(rows), undated))
        return build_experience(rows, undated=undated)

    parser.build_experience = recorder  # type: ignore[assignment]
    try:
        parse_document(path)
    finally:
        parser.build_experience = build_experience  # type: ignore[assignment]
    return calls


def dev_files(data_dir: Path | None = None) -> list[tuple[dict[str, Any], list[Call]]]:
    """(label, recorded calls) for every dev CV, from the cache when it is there."""
    cvs_dir = (data_dir or eval_data_dir()) / "cvs"
    cache = _cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    found = []
    for label in load_labels(LABELS_DIR):
        if label["split"] != "dev":
            continue  # the check split is held out: never read here
        cached = cache / f"{label['id']}.json"
        if cached.is_file():
            data = json.loads(cached.read_text(encoding="utf-8"))
            calls = [([_row(row) for row in rows], undated) for rows, undated in data]
        else:
            try:
                calls = recorded_calls(cvs_dir / label["file"])
            except Exception:  # noqa: BLE001 - a CV the product refuses has no rows to learn from
                calls = []
            cached.write_text(json.dumps([[[_row_json(row) for row in rows], undated] for rows, undated in calls]),
                              encoding="utf-8")
        found.append((label, calls))
    return found


def parser_experience(calls: list[Call], build: Callable[..., list[ExperienceEntry]]) -> list[ExperienceEntry]:
    """What the parser keeps as the CV's experience, with `build` in read_experience's place (the same
    logic as ai_coach.cv.parser.parse_rows: the section's entries, or, with no experience heading, the
    unnamed rows' dated "Title at Company" entries when there are several)."""
    if not calls:
        return []
    entries = build(calls[0][0], undated=calls[0][1])
    if len(calls) > 1:
        rows, undated = calls[1]
        found = [entry for entry in build(rows, undated=undated) if entry.title and entry.company]
        if len(found) >= MIN_UNHEADED_ENTRIES:
            entries = found
    return entries
