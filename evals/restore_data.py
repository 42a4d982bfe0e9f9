"""Bring the labelled development documents back into ``$EVAL_DATA_DIR`` from git mirrors.

Each label in ``evals/data/cv_labels``, ``evals/data/job_page_labels`` and ``evals/data/text_cv_labels``
records where its document came from (``source.repo``, ``source.path``, ``source.commit``); a text-CV label
that names a row of the shared ranking fixture (``source_row``) has no file to restore. Given a directory of bare mirrors named
``<owner>+<name>/repo`` (the layout the session's fetch tool writes), this writes every document to
``$EVAL_DATA_DIR/cvs/<file>`` or ``$EVAL_DATA_DIR/job_pages/<file>`` with ``git show commit:path``.
A document whose mirror or commit is missing is reported and skipped.

``python -m evals.restore_data [MIRROR_ROOT]`` (default /work/.mirror).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from evals.paths import eval_data_dir

LABELS = Path(__file__).resolve().parent / "data"
KINDS = {"cv_labels": "cvs", "job_page_labels": "job_pages", "text_cv_labels": "text_cvs"}


def _git_dir(mirror_root: Path, repo: str) -> Path:
    base = mirror_root / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def restore(mirror_root: Path, data_dir: Path) -> list[str]:
    """Write every labelled document; return the files that could not be restored."""
    missing: list[str] = []
    for labels, folder in KINDS.items():
        target_dir = data_dir / folder
        target_dir.mkdir(parents=True, exist_ok=True)
        for label_path in sorted((LABELS / labels).glob("*.json")):
            label = json.loads(label_path.read_text(encoding="utf-8"))
            source = label["source"]
            if "repo" not in source:
                continue  # a row of a shared fixture, read from there
            shown = subprocess.run(
                ["git", "--git-dir", str(_git_dir(mirror_root, source["repo"])), "show",
                 f"{source['commit']}:{source['path']}"],
                capture_output=True, check=False,
            )
            if shown.returncode:
                missing.append(label["file"])
                print(f"missing {label['file']}: {shown.stderr.decode(errors='replace').strip()[:160]}")
                continue
            target = target_dir / label["file"]
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(shown.stdout)
            os.replace(partial, target)  # atomic: a reader never sees half a file
            print(f"ok {label['file']} ({len(shown.stdout)} bytes)")
    return missing


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/.mirror")
    sys.exit(1 if restore(root, eval_data_dir()) else 0)
