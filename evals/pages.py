"""Page extraction: how well AddJobByUrl's extractor reads real job pages it was not written on.

The pages are saved HTML from public repositories, kept outside the repository in
``$EVAL_DATA_DIR/job_pages`` (default /work/devdata/job_pages); their hand-written labels are
``evals/data/job_page_labels/*.json`` (one per page: ``split`` dev or check, ``is_job_posting``, and for
postings the ``fields`` a reader sees). Rules are developed on the dev split only; check is reported
beside it.

Each page goes through the real ``discovery_service.web.extract.extract_job_posting`` at a neutral URL
(``https://jobs.example.test/<id>``), so nothing is learnt from the address the label came from. A page
is read as "not a posting" when the extractor raises ``ExtractionError``. For pages labelled as
postings, every field is compared (a field the label leaves null is right when the extractor leaves it
empty too; a refused posting gets every field wrong):

- title, company: equal after case, accents, punctuation and spacing are ignored (and, for the
  company, legal forms such as "Inc", "GmbH", "Ltd");
- location: a location the extractor gives equals the label, or names the same city (the label's part
  before the first comma) as its own first part;
- remote: true = REMOTE, false = ON_SITE, null = UNKNOWN;
- salary: min, max, currency, period and gross/net all equal (null = no amount read);
- description: the extracted text, spacing collapsed and list markers ("- " before an item) left
  out, starts with the label's first 60 characters;
- employment_type: "full-time" = FULL_TIME and so on (null = none).

``python -m evals.pages [DATA_DIR]`` prints a line per page and the totals per split; ``run()`` returns
the totals as {split: {field: [right, total]}}.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from discovery_service.domain import Posting, RemoteType
from discovery_service.web.extract import ExtractionError, extract_job_posting
from evals.compare import count_line
from evals.compare import plain as _plain
from evals.paths import DataUnavailable, eval_data_dir, load_labels, splits_with_lines, totals_splits

LABELS_DIR = Path(__file__).resolve().parent / "data" / "job_page_labels"
SPLITS = ("dev", "check")
FIELDS = (
    "is_job_posting",
    "title",
    "company",
    "location",
    "remote",
    "salary",
    "description",
    "employment_type",
)
_LEGAL_FORMS = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|gbr|kg|ohg|ag|sa|sas|sarl|bv|nv|plc|co|corp|corporation|limited|pvt|private|company)\b"
)
_LIST_MARKERS = re.compile(r"(?m)^[ \t]*[-•·*][ \t]+")  # how list items are written, not what they say
_REMOTE = {True: RemoteType.REMOTE, False: RemoteType.ON_SITE, None: RemoteType.UNKNOWN}


def default_data_dir() -> Path:
    return eval_data_dir()


def _same_title(expected: Any, posting: Posting) -> bool:
    return _plain(expected) == _plain(posting.title)


def _same_company(expected: Any, posting: Posting) -> bool:
    if expected is None:
        return not posting.company.strip()
    strip = lambda name: " ".join(_LEGAL_FORMS.sub(" ", _plain(name)).split())  # noqa: E731
    return bool(posting.company.strip()) and strip(expected) == strip(posting.company)


def _same_location(expected: Any, posting: Posting) -> bool:
    if expected is None:
        return not posting.locations
    city = _plain(expected.split(",")[0])
    return any(
        _plain(found) == _plain(expected) or _plain(found.split(",")[0]) == city
        for found in posting.locations
    )


def _same_remote(expected: Any, posting: Posting) -> bool:
    return posting.remote_type is _REMOTE[expected]


def _same_salary(expected: Any, posting: Posting) -> bool:
    salary = posting.salary
    if expected is None:
        return salary.min is None and salary.max is None
    gross = {"gross": True, "net": False, None: None}[expected.get("gross_net")]
    return (
        _same_number(expected.get("min"), salary.min)
        and _same_number(expected.get("max"), salary.max)
        and expected.get("currency") == salary.currency
        and str(expected.get("period") or "unknown").upper() == salary.period.value
        and gross == salary.gross
    )


def _same_number(expected: Any, found: float | None) -> bool:
    if expected is None or found is None:
        return expected is None and found is None
    return abs(float(expected) - found) < 0.005


def _same_description(expected: Any, posting: Posting) -> bool:
    text = " ".join(_LIST_MARKERS.sub("", posting.description_text).split())
    if expected is None:
        return not text
    return text.startswith(" ".join(expected.split())[:60])


def _same_employment(expected: Any, posting: Posting) -> bool:
    wanted = expected.upper().replace("-", "_") if isinstance(expected, str) else ""
    return posting.employment_type == wanted


COMPARISONS: dict[str, tuple[str, Callable[[Any, Posting], bool]]] = {
    "title": ("title", _same_title),
    "company": ("company", _same_company),
    "location": ("location", _same_location),
    "remote": ("remote", _same_remote),
    "salary": ("salary", _same_salary),
    "description": ("description_starts_with", _same_description),
    "employment_type": ("employment_type", _same_employment),
}


def _shown(posting: Posting | None, field: str) -> str:
    if posting is None:
        return "-"
    salary = posting.salary
    values = {
        "title": posting.title,
        "company": posting.company,
        "location": "; ".join(posting.locations),
        "remote": posting.remote_type.value,
        "salary": (
            f"{salary.min}-{salary.max} {salary.currency} {salary.period.value} gross={salary.gross}"
            if salary.min is not None or salary.max is not None
            else ""
        ),
        "description": " ".join(posting.description_text.split())[:60],
        "employment_type": posting.employment_type,
    }
    return repr(values.get(field, ""))


def run(data_dir: Path | None = None, *, verbose: bool = True) -> dict[str, dict[str, list[int]]]:
    """Extract every labelled page; print per page and per split; return {split: {field: [right, total]}}."""
    pages_dir = (data_dir or default_data_dir()) / "job_pages"
    if not pages_dir.is_dir():
        raise DataUnavailable(f"job pages not found at {pages_dir}; set EVAL_DATA_DIR")
    totals = {split: {field: [0, 0] for field in FIELDS} for split in SPLITS}
    line_splits = splits_with_lines(SPLITS)
    for label in load_labels(LABELS_DIR):
        split = label["split"]
        html = (pages_dir / label["file"]).read_text(encoding="utf-8", errors="replace")
        posting: Posting | None
        try:
            posting = extract_job_posting(html, f"https://jobs.example.test/{label['id']}")
            refusal = ""
        except ExtractionError as error:
            posting, refusal = None, error.reason
        results: dict[str, bool] = {"is_job_posting": (posting is not None) == bool(label["is_job_posting"])}
        if label["is_job_posting"]:
            fields = label["fields"]
            for field, (key, same) in COMPARISONS.items():
                results[field] = posting is not None and same(fields.get(key), posting)
        for field, right in results.items():
            totals[split][field][0] += right
            totals[split][field][1] += 1
        if verbose and split in line_splits:
            marks = " ".join(f"{field}={'ok' if right else 'NO'}" for field, right in results.items())
            print(f"{label['id']:<42} {split:<5} {marks}")
            for field, right in results.items():
                if not right and field != "is_job_posting":
                    expected = label["fields"].get(COMPARISONS[field][0])
                    print(f"    {field}: expected {expected!r}, got {_shown(posting, field)}")
            if refusal and label["is_job_posting"]:
                print(f"    refused: {refusal}")
            elif not label["is_job_posting"] and posting is not None:
                print(f"    taken for a posting: {posting.title!r}")
    if verbose:
        for split in totals_splits(SPLITS):
            for field in FIELDS:
                print(count_line(field, *totals[split][field], indent=2, name_width=16, count_width=2))
    return totals


if __name__ == "__main__":
    try:
        run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    except DataUnavailable as missing:
        print(f"SKIPPED pages: {missing}")
