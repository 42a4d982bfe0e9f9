"""Skills recall and precision per dev batch with the vocabulary of an earlier commit: a proxy for unseen CVs.

    python -m evals.skills_unseen [COMMIT]     (default: DEFAULT_COMMIT; dev split only)

The dev figures of ``python -m evals cv`` flatter the skills reader: most of its gain came from names the dev
files showed being added to ``ai_coach/data/skills.toml`` (SKILLS.md), and an unseen CV brings names the
vocabulary has never met (the check split reads recall 60.9% where dev reads 84.0%; fresh batches read ~49%
before any rule saw them). This run parses the dev CVs with today's parser but the CV vocabulary
(``skills.toml`` and ``technologies.tsv``) as it was at ``COMMIT``, before the dev batches fed it their names,
and prints the figures per batch (the id's first letter) and in total beside today's vocabulary. A rule meant
to find skills the vocabulary does not know (list structure, enumerations, a larger taxonomy) shows here
whether it finds them and at what cost in precision; a name added to the vocabulary does not move it.
Design a rule on some batches and read its effect on the others (leave batches out), as SKILLS.md does.

Both sides are mapped to canonical names with the same (earlier) vocabulary, so the labelled and the found
spellings of one skill still meet when that vocabulary knows them. Check-split labels are never read. The
earlier files come from ``git show COMMIT:path``, so the clone needs that commit (not a shallow one).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ai_coach.vocabulary import SkillVocabulary, load_cv_vocabulary
from evals.paths import DataUnavailable, eval_data_dir, load_labels

# The commit that brought in the O*NET technology taxonomy (2026-12-06), before the skills passes added the
# names the dev files showed (SKILLS.md: "Parser and vocabulary changes").
DEFAULT_COMMIT = "d221c6a"
VOCABULARY_FILES = ("ai_coach/data/skills.toml", "ai_coach/data/technologies.tsv")
REPO_ROOT = Path(__file__).resolve().parents[1]
LABELS_DIR = REPO_ROOT / "evals" / "data" / "cv_labels"


def dev_labels(labels: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dev-split labels only: the check split stays held out."""
    return [label for label in labels if label.get("split") == "dev"]


def batch_totals(rows: Iterable[tuple[str, set[str], set[str]]]) -> dict[str, list[int]]:
    """{batch: [found and labelled, labelled, found]} over (CV id, labelled names, found names) rows, the batch
    being the id's first letter, with "all" for the total."""
    totals: dict[str, list[int]] = {}
    for cv_id, want, got in rows:
        for key in (cv_id[:1], "all"):
            entry = totals.setdefault(key, [0, 0, 0])
            entry[0] += len(want & got)
            entry[1] += len(want)
            entry[2] += len(got)
    return totals


def vocabulary_at(commit: str, directory: Path) -> tuple[Path, Path]:
    """The CV vocabulary files as they were at ``commit``, written into ``directory``."""
    paths = []
    for name in VOCABULARY_FILES:
        text = subprocess.run(["git", "-C", str(REPO_ROOT), "show", f"{commit}:{name}"], check=True,
                              capture_output=True, text=True).stdout
        path = directory / Path(name).name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def _rows(vocabulary: SkillVocabulary | None, cvs_dir: Path) -> list[tuple[str, set[str], set[str]]]:
    """(CV id, labelled names, found names) per dev CV, parsed and mapped to canonical names with
    ``vocabulary`` (None: today's)."""
    from evals import cv as cv_eval

    rows = []
    for label in dev_labels(load_labels(LABELS_DIR)):
        path = cvs_dir / label["file"]
        if not path.is_file():
            continue
        try:
            found = cv_eval.parse_document(path, vocabulary=vocabulary).skills
        except Exception:  # noqa: BLE001 - a refused CV finds no skills, as in evals.cv
            found = []
        want = {cv_eval.canonical_skill(name, vocabulary) for name in label["fields"].get("skills") or []}
        rows.append((label["id"], want, {cv_eval.canonical_skill(name, vocabulary) for name in found}))
    return rows


def _line(right: int, total: int) -> str:
    return f"{right}/{total} {100 * right / total:5.1f}%" if total else f"{right}/{total}   -  "


def run(commit: str = DEFAULT_COMMIT) -> dict[str, dict[str, list[int]]]:
    cvs_dir = eval_data_dir() / "cvs"
    if not cvs_dir.is_dir():
        raise DataUnavailable(f"CVs not found at {cvs_dir}; set EVAL_DATA_DIR (python -m evals.restore_data)")
    with tempfile.TemporaryDirectory() as directory:
        skills, technologies = vocabulary_at(commit, Path(directory))
        earlier = batch_totals(_rows(load_cv_vocabulary(skills, technologies), cvs_dir))
    today = batch_totals(_rows(None, cvs_dir))
    print(f"dev skills, vocabulary at {commit} (unseen proxy) | today's vocabulary")
    for batch in sorted(today, key=lambda key: (key == "all", key)):
        then, now = earlier.get(batch, [0, 0, 0]), today[batch]
        print(f"  {batch:<4} recall {_line(then[0], then[1]):>17} precision {_line(then[0], then[2]):>17}"
              f" | recall {_line(now[0], now[1]):>17} precision {_line(now[0], now[2]):>17}")
    return {"earlier": earlier, "today": today}


if __name__ == "__main__":
    try:
        run(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_COMMIT)
    except DataUnavailable as missing:
        print(f"SKIPPED skills_unseen: {missing}")
