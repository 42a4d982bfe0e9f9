"""Text CVs: the experience entries read from a CV pasted as plain text or Markdown.

The labels are ``evals/data/text_cv_labels/*.json``, read from the source text before the reader ran on it:

- ``k<row>``: resumes of the ranking fixture's development half (``../shared/fixtures/ranking/resumes_dev.csv``,
  ``source_row``; the Kaggle export's "Title - Company" line and "company - X" / "description - ..." blocks,
  with the upstream mojibake). Check-half resumes are never labelled here.
- ``g<nn>``: real plain-text and Markdown CVs from public repositories, kept in ``$EVAL_DATA_DIR/text_cvs``
  (``python -m evals.restore_data`` brings them back).

Each text goes through the product's pasted-text path (``ai_coach.cv.documents.parse_cv_text``, the parser
behind ``profileFromText``). Figures per file and in total (right / total):

- experience: as in ``evals.cv`` (title, company without legal forms, start and end all equal; missing and
  invented entries both cost);
- employers: the same one-to-one matching on the company and dates alone, so a title the text gives only in
  a sentence ("working as ETL Developer in ...") does not hide whether the entries were found at all.

``EVAL_DETAILS=dev`` prints what each file got wrong.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from ai_coach.cv.documents import DocumentLimits, parse_cv_text
from ai_coach.domain import ExperienceEntry
from evals.cv import _company, _shown, matched, same_entry
from evals.paths import DataUnavailable, eval_data_dir, load_labels, shared_fixtures_dir

LABELS_DIR = Path(__file__).resolve().parent / "data" / "text_cv_labels"
RESUMES_FILE = "ranking/resumes_dev.csv"
FIELDS = ("experience", "employers")
# Whole resumes however long; the product's own limit is for what a person pastes.
_NO_LENGTH_LIMIT = DocumentLimits(max_text_characters=10**9)


def same_employer(expected: dict[str, Any], found: ExperienceEntry) -> bool:
    return (
        _company(expected.get("company")) == _company(found.company)
        and (expected.get("start") or None) == (found.start or None)
        and (expected.get("end") or None) == (found.end or None)
    )


def _texts(labels: list[dict[str, Any]], data_dir: Path) -> dict[str, str]:
    """Each label's text: its row of the ranking fixture, or its file in ``text_cvs``."""
    texts: dict[str, str] = {}
    rows_wanted = {label["source_row"]: label["id"] for label in labels if "source_row" in label}
    if rows_wanted:
        path = shared_fixtures_dir() / RESUMES_FILE
        if not path.is_file():
            raise DataUnavailable(f"resumes not found at {path}; set JOBMATE_SHARED_DIR")
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if int(row["source_row"]) in rows_wanted:
                    texts[rows_wanted[int(row["source_row"])]] = row["Resume"]
    for label in labels:
        if "file" in label:
            path = data_dir / "text_cvs" / label["file"]
            if path.is_file():
                texts[label["id"]] = path.read_text(encoding="utf-8")
    return texts


def run(data_dir: Path | None = None, *, verbose: bool = True) -> dict[str, list[int]]:
    """Parse every labelled text CV; print a line per file and the totals; return {field: [right, total]}."""
    labels = load_labels(LABELS_DIR)
    texts = _texts(labels, data_dir or eval_data_dir())
    details = "dev" in os.environ.get("EVAL_DETAILS", "")
    totals = {field: [0, 0] for field in FIELDS}
    missing = [label["id"] for label in labels if label["id"] not in texts]
    for label in labels:
        expected = label["fields"]["experience"]
        text = texts.get(label["id"])
        if text is None:
            # Not restored here (python -m evals.restore_data): left out of the totals, not counted as misread.
            if verbose:
                print(f"{label['id'][:34]:<34} {label['split']:<5} text missing: not counted")
            continue
        found = parse_cv_text(text, _NO_LENGTH_LIMIT)
        entries = found.experience
        results = {"experience": matched(expected, entries, same_entry), "employers": matched(expected, entries, same_employer)}
        for field, (right, total) in results.items():
            totals[field][0] += right
            totals[field][1] += total
        if verbose:
            marks = " ".join(f"{field}={right}/{total}" for field, (right, total) in results.items())
            print(f"{label['id'][:34]:<34} {label['split']:<5} {marks}")
            if details and results["experience"][0] < results["experience"][1]:
                print(f"    experience: {_shown(label, found, 'experience')}")
    if verbose:
        print("\ndev (text CVs)" + (f", {len(missing)} of {len(labels)} not found and left out (python -m "
                                    f"evals.restore_data):" if missing else ":"))
        for field in FIELDS:
            right, total = totals[field]
            print(f"  {field:<17} {right:>4}/{total:<4} {right / total:6.1%}" if total else f"  {field:<17}    n/a")
    return totals


if __name__ == "__main__":
    try:
        run()
    except DataUnavailable as missing:
        print(f"SKIPPED text_cv: {missing}")
