"""The rows the product hands to its experience reader for each dev CV, cached, so the experience model can be
trained without running the layout and the section splitter again for every fold; and the parser run with
another reader in the rules' place (``reading_experience_with``), so a trained reader is scored on exactly
the path the CV eval scores the rules on.

Each dev CV goes through the product's own path (``evals.cv.parse_document``) with the reader recorded (the
layout rules answering, so the recording needs no trained model): one call per group of experience sections the
parser reads together and, when the CV has no experience heading, the unnamed rows it searches for dated "Title
at Company" entries (``undated=False``). Only dev files are read: the check split stays unopened.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ai_coach.cv.layout import Row, TextLine
from ai_coach.domain import ExperienceEntry
from evals.cv import LABELS_DIR, parse_document
from evals.paths import eval_data_dir, load_labels

# One call of read_experience as the parser made it: (its rows, its `undated` flag).
Call = tuple[list[Row], bool]


def _cache_dir() -> Path:
    """Beside the eval's extraction cache, one folder per version of the CV reader's code (a change to the layout
    or the section splitter records the rows again; ``EXPERIENCE_ROWS_CACHE`` moves it)."""
    code = hashlib.sha256()
    for source in sorted((Path(__file__).resolve().parents[1] / "ai_coach" / "cv").glob("*.py")):
        code.update(source.read_bytes())
    default = Path(os.environ.get("EVAL_CACHE_DIR", "/tmp/jobmate-eval-cache")) / "experience-calls"
    return (Path(os.environ["EXPERIENCE_ROWS_CACHE"]) if "EXPERIENCE_ROWS_CACHE" in os.environ else default) / code.hexdigest()[:16]


def cv_path(label: dict[str, Any], data_dir: Path | None = None) -> Path:
    return (data_dir or eval_data_dir()) / "cvs" / label["file"]


def _row_json(row: Row) -> dict[str, Any]:
    return {"page": row.page, "column": row.column,
            "fragments": [[f.x0, f.y0, f.x1, f.y1, f.size, f.bold, f.text] for f in row.fragments]}


def _row(data: dict[str, Any]) -> Row:
    return Row([TextLine(*fragment) for fragment in data["fragments"]], page=data["page"], column=data["column"])


@contextmanager
def reading_experience_with(reader: Callable[..., list[ExperienceEntry]]) -> Iterator[None]:
    """The parser with ``reader`` in the layout rules' place wherever it reads experience entries: each group of
    ``build_experience_sections`` (a section set in its own type is read on its own) and the unnamed parts' dated
    entries. Everything around those calls stays the parser's own (grouping, the translated copy, the job-word and
    schooling filter of unnamed entries, the pasted-text reading), so a figure read under this is the CV eval's
    figure for that reader. The section splitter's own uses of the rules (where a section cuts) keep the rules:
    only the parser's names are replaced, and ``experience.build_experience`` only while the groups are read."""
    import ai_coach.cv.experience as experience
    import ai_coach.cv.parser as parser

    rules, sections = experience.build_experience, parser.build_experience_sections

    def sections_read_by_reader(sections_rows: list[list[Row]]) -> list[ExperienceEntry]:
        experience.build_experience = reader  # type: ignore[assignment]
        try:
            return sections(sections_rows)
        finally:
            experience.build_experience = rules  # type: ignore[assignment]

    parser.build_experience = reader  # type: ignore[assignment]
    parser.build_experience_sections = sections_read_by_reader  # type: ignore[assignment]
    try:
        yield
    finally:
        parser.build_experience = rules  # type: ignore[assignment]
        parser.build_experience_sections = sections  # type: ignore[assignment]


def recorded_calls(path: Path) -> list[Call]:
    """The experience-reader calls the parser makes for one CV file: one per group of experience sections read
    together (``undated`` True) or, for a CV with no experience heading, the unnamed rows (``undated`` False)."""
    from ai_coach.cv.experience import build_experience

    calls: list[Call] = []

    def recorder(rows: list[Row], *, undated: bool = True) -> list[ExperienceEntry]:
        calls.append((list(rows), undated))
        return build_experience(rows, undated=undated)

    with reading_experience_with(recorder):
        parse_document(path)
    return calls


def parsed_experience(path: Path, reader: Callable[..., list[ExperienceEntry]]) -> list[ExperienceEntry]:
    """The experience the parser keeps for one CV file with ``reader`` in the rules' place (no entries when the
    product refuses the file, as the CV eval scores it)."""
    try:
        with reading_experience_with(reader):
            return parse_document(path).experience
    except Exception:  # noqa: BLE001 - a CV the product refuses reads no entries
        return []


def dev_files(data_dir: Path | None = None) -> list[tuple[dict[str, Any], list[Call]]]:
    """(label, recorded calls) for every dev CV, from the cache when it is there."""
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
                calls = recorded_calls(cv_path(label, data_dir))
            except Exception:  # noqa: BLE001 - a CV the product refuses has no rows to learn from
                calls = []
            cached.write_text(json.dumps([[[_row_json(row) for row in rows], undated] for rows, undated in calls]),
                              encoding="utf-8")
        found.append((label, calls))
    return found
