"""Why each dev skill label is missed and each found skill is extra, by a mechanical cause (issue 16).

``python -m evals.skill_causes [DATA_DIR]`` prints one tab-separated row per missed or extra skill of the dev split
(the check split is never read): cv, kind (miss/extra), skill, cause. Both sides are compared after the vocabulary's
canonical spelling, as ``python -m evals cv`` does. Causes of a miss:

- ``unknown to vocabulary``: the vocabulary has no such skill, so only a skills list can give it as written;
- ``known, spelling not in text``: the vocabulary knows the skill, but the page writes it in a form it does not know
  (a translation, an inflection, a summary of a bullet) or not at all (an inferred label);
- ``known, in text, filtered (category)``: the vocabulary finds it in the text, and the parser's context rules left
  it out (a category that counts only in a skills list, an ordinary word with no technical company).

Causes of an extra: ``known (category)`` (a vocabulary skill the label does not have) or ``unknown item (list)`` (an
item of a skills list the vocabulary does not know). ``evals/data/cv_labels/SKILLS.md`` tabulates them.

``EVAL_CV_ONLY=a,b,z`` restricts it to the CVs whose id starts with one of those prefixes, as ``python -m evals cv``
does: a held-out batch whose labels say ``dev`` (part h) must be left out by naming the batches designed on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from evals.compare import plain
from evals.cv import LABELS_DIR, canonical_skill, parse_document
from evals.paths import cv_only_prefixes, eval_data_dir, load_labels


def causes(data_dir: Path | None = None) -> list[tuple[str, str, str, str]]:
    from ai_coach.vocabulary import load_cv_vocabulary

    vocabulary = load_cv_vocabulary()
    rows: list[tuple[str, str, str, str]] = []
    only = cv_only_prefixes()
    for label in load_labels(LABELS_DIR):
        if label["split"] != "dev" or (only and not label["id"].startswith(only)):
            continue
        cv = parse_document((data_dir or eval_data_dir()) / "cvs" / label["file"])
        want = {canonical_skill(name): name for name in label["fields"].get("skills") or []}
        got = {canonical_skill(name): name for name in cv.skills}
        in_text = {plain(name) for name in vocabulary.find_in_text(cv.text)}
        for key, name in want.items():
            if key in got:
                continue
            known = vocabulary.canonical(name)
            if known is None:
                cause = "unknown to vocabulary"
            elif plain(known) in in_text:
                cause = f"known, in text, filtered ({vocabulary.category(known)})"
            else:
                cause = "known, spelling not in text"
            rows.append((label["id"][:3], "miss", name, cause))
        for key, name in got.items():
            if key not in want:
                known = vocabulary.canonical(name)
                cause = "unknown item (list)" if known is None else f"known ({vocabulary.category(known)})"
                rows.append((label["id"][:3], "extra", name, cause))
    return rows


if __name__ == "__main__":
    print("cv\tkind\tskill\tcause")
    for row in causes(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print("\t".join(row))
