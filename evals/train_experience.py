"""Train the experience model (evals/experience_model.py) on the dev CVs and measure it by cross-validation.

    EVAL_DATA_DIR=/work/devdata PYTHONPATH=. python -m evals.train_experience --by-batch   # LOBO, then write the weights
    ... --by-batch --cv-only          # leave-one-batch-out only (about 8 minutes on 194 CVs, 2 CPUs)
    ... --by-batch --batches=x,y      # only those batches' folds (each trained on every other dev batch)
    ... --write-only                  # train on every dev CV and write the weights (about 1 minute)
    ... (no --by-batch)               # leave-one-file-out: one fold per CV (slow: ~6 s of training per fold)

Row targets come from the entry-level labels (evals/data/cv_labels, dev split only) by alignment: each
labelled entry is matched to the row of dates whose dates equal its own, and its title and company to the
pieces around that row whose text equals them (companies compared without legal forms, as the CV figure
does). An anchor whose dates no label has is taught "no title, no company", so dates inside a description
are left out. The two scorers are conditional logits (softmax over an anchor's pieces and "none"), fitted by
full-batch Adam with an L2 penalty in numpy: no training library is needed.

Every reader is scored on the parser's own path (evals.experience_rows.reading_experience_with), with
evals.cv.experience_score, so the rules' column is the CV eval's experience figure. The figure that counts is
the leave-one-batch-out one beside each batch's first-sight figure (evals/data/cv_first_sight.json): the rules'
own dev figure is inflated (they were written on these files), and so is every hybrid's on today's code.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from ai_coach.cv.experience import _anchors
from ai_coach.cv.layout import Row
from ai_coach.cv.sections import body_size
from ai_coach.cv.text import clean_text
from evals.compare import plain
from evals.cv import FIRST_SIGHT_PATH, _company, experience_score
from evals.experience_model import (
    FEATURE_NAMES,
    HYBRIDS,
    PAIR_FEATURE_NAMES,
    WEIGHTS_PATH,
    AnchorCandidates,
    candidates,
    pair_candidates,
    pair_features,
    reader,
    section_patterns,
)
from evals.experience_rows import Call, cv_path, dev_files, parsed_experience

L2 = 1e-2
STEPS = 400
LEARNING_RATE = 0.05
TARGETS = ("title", "company")


@dataclass(slots=True)
class Example:
    """One anchor's candidates with, per target, the positions of the right pieces (None: not aligned)."""

    item: AnchorCandidates
    positives: dict[str, list[int] | None]
    section: list[AnchorCandidates]  # every anchor of its section, for the patterns the section shares


def section_rows(rows: list[Row]) -> list[Row]:
    return [row for row in rows if clean_text(row.text)]


def anchor_candidates(rows: list[Row]) -> list[AnchorCandidates]:
    if not rows:
        return []
    return candidates(rows, _anchors(rows, body_size(rows)))


def _positions(item: AnchorCandidates, wanted: str | None, same: Any) -> list[int] | None:
    none = len(item.pieces)
    if not wanted:
        return [none]
    found = [number for number, piece in enumerate(item.pieces) if same(wanted, piece.text)]
    return found or None


def aligned_examples(label: dict[str, Any], calls: list[Call]) -> tuple[list[Example], int, int]:
    """The file's training examples, and (labelled entries aligned in full, labelled entries). Every call the
    parser made (each group of experience sections, or the unnamed rows) gives its anchors; a labelled entry is
    aligned to the first anchor with its dates."""
    labelled = list(label["fields"].get("experience") or [])
    unused = list(labelled)
    examples, aligned = [], 0
    for rows, _ in calls:
        found = anchor_candidates(section_rows(rows))
        for item in found:
            entry = next((entry for entry in unused if (entry.get("start"), entry.get("end")) == item.dates), None)
            if entry is None:
                none = [len(item.pieces)]
                examples.append(Example(item, {"title": none, "company": none}, found))
                continue
            unused.remove(entry)
            positives = {
                "title": _positions(item, entry.get("title"), lambda want, text: plain(want) == plain(text)),
                "company": _positions(item, entry.get("company"),
                                      lambda want, text: bool(_company(text)) and _company(want) == _company(text)),
            }
            aligned += all(value is not None for value in positives.values())
            examples.append(Example(item, positives, found))
    return examples, aligned, len(labelled)


def conditional_logit(groups: list[tuple[np.ndarray, list[int]]]) -> np.ndarray:
    """Weights that maximise, per group (one feature row per choice, the right choices' positions), log P(a
    right choice) under a softmax over the group's scores; full-batch Adam with an L2 penalty."""
    matrix = np.vstack([features for features, _ in groups])
    sizes = np.array([len(features) for features, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(groups)), sizes)
    positive = np.zeros(len(matrix))
    for start, (_, right) in zip(starts, groups, strict=True):
        positive[start + np.array(right)] = 1.0
    weights = np.zeros(matrix.shape[1])
    moment, velocity = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, STEPS + 1):
        scores = matrix @ weights
        peak = np.maximum.reduceat(scores, starts)[group]
        exp = np.exp(scores - peak)
        total = np.add.reduceat(exp, starts)[group]
        right = np.add.reduceat(exp * positive, starts)[group]
        # d(-log sum_right p)/d score_i = p_i - [i right] * p_i / P(right)
        gradient_scores = exp / total - positive * exp / right
        gradient = matrix.T @ gradient_scores / len(groups) + L2 * weights
        moment = 0.9 * moment + 0.1 * gradient
        velocity = 0.999 * velocity + 0.001 * gradient**2
        weights -= LEARNING_RATE * (moment / (1 - 0.9**step)) / (np.sqrt(velocity / (1 - 0.999**step)) + 1e-8)
    return weights


def train(examples: list[Example]) -> dict[str, np.ndarray]:
    """The two piece scorers, then the pair scorer over each anchor's best pieces (fitted on the same files)."""
    weights = {target: conditional_logit([(example.item.features, example.positives[target]) for example in examples
                                          if example.positives[target] is not None]) for target in TARGETS}
    groups = []
    patterns_of = {}
    for example in examples:  # each section's patterns from its own anchors (examples of one call are in order)
        patterns_of.setdefault(id(example.section), []).append(example.item)
    patterns_of = {key: section_patterns(items, weights) for key, items in patterns_of.items()}
    for example in examples:
        right_titles, right_companies = example.positives["title"], example.positives["company"]
        if right_titles is None or right_companies is None:
            continue
        pairs, title_scores, company_scores = pair_candidates(example.item, weights)
        right = [number for number, (t, c) in enumerate(pairs) if t in right_titles and c in right_companies]
        if right:
            groups.append((np.array([pair_features(example.item, t, c, title_scores, company_scores,
                                                   patterns_of[id(example.section)])
                                     for t, c in pairs]), right))
    weights["pair"] = conditional_logit(groups)
    return weights


def batch_of(label: dict[str, Any]) -> str:
    """The labelled batch a dev CV came in (a, b, ... from its id): the unit of leave-one-batch-out."""
    return label["id"][0]


def _share(right: int, total: int) -> str:
    return f"{right}/{total} = {right / max(total, 1):.1%}"


def main(argv: list[str]) -> None:
    started = time.perf_counter()
    files = dev_files()
    per_file = []
    aligned_total = labelled_total = 0
    for label, calls in files:
        examples, aligned, labelled = aligned_examples(label, calls)
        per_file.append(examples)
        aligned_total += aligned
        labelled_total += labelled
    print(f"alignment: {aligned_total}/{labelled_total} labelled entries matched to a row of dates with their title "
          f"and company found among its pieces ({aligned_total / max(labelled_total, 1):.1%}); "
          f"rows and features in {time.perf_counter() - started:.0f} s")
    if "--write-only" not in argv:
        cross_validate(files, per_file, argv)
    if "--cv-only" in argv or any(arg.startswith("--batches=") for arg in argv):
        return
    started = time.perf_counter()
    weights = train([example for examples in per_file for example in examples])
    WEIGHTS_PATH.write_text(json.dumps({
        "about": "experience_model.py's title and company scorers; rebuilt by "
                 "EVAL_DATA_DIR=/work/devdata python -m evals.train_experience (dev CVs only)",
        "features": FEATURE_NAMES,
        "pair_features": PAIR_FEATURE_NAMES,
        "weights": {target: [round(float(value), 5) for value in weights[target]] for target in (*TARGETS, "pair")},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_PATH} (trained on all {len(files)} dev CVs in {time.perf_counter() - started:.0f} s)")


def cross_validate(files: list[tuple[dict[str, Any], list[Call]]], per_file: list[list[Example]], argv: list[str]) -> None:
    """Each dev CV (or, with --batches=, each CV of those batches) read by a model trained without its fold, by
    the rules, the model and each hybrid; printed per file, per batch beside its first-sight figure, and pooled."""
    # Folds: one file (leave-one-file-out) or, with --by-batch, one labelled batch (a, b, ...: each came from
    # other generators at another time, so a held-out batch is the closest dev stand-in for unseen layouts).
    by_batch_folds = "--by-batch" in argv
    fold = "LOBO" if by_batch_folds else "LOFO"
    fold_of = [batch_of(label) if by_batch_folds else str(number) for number, (label, _) in enumerate(files)]
    # --batches=x,y: only those batches' folds are trained and read (each still trained on every other dev batch).
    held_out = next((arg.split("=", 1)[1].split(",") for arg in argv if arg.startswith("--batches=")), None)
    read = [number for number, (label, _) in enumerate(files) if held_out is None or batch_of(label) in held_out]
    started = time.perf_counter()
    fold_weights = {key: train([example for other, examples in enumerate(per_file) if fold_of[other] != key
                                for example in examples]) for key in dict.fromkeys(fold_of[number] for number in read)}
    print(f"{len(fold_weights)} {fold} folds trained in {time.perf_counter() - started:.0f} s")
    # Each reader in the parser's own path (evals.experience_rows.reading_experience_with), scored as the CV eval
    # scores it; the trained ones with the weights of the fold that did not see the file.
    readers = ("rules", "model", *HYBRIDS)
    totals = {name: [0, 0] for name in readers}
    by_batch: dict[str, dict[str, list[int]]] = {}
    for number in read:
        label = files[number][0]
        weights = fold_weights[fold_of[number]]
        labelled = label["fields"].get("experience") or []
        scores = {name: experience_score(labelled, parsed_experience(cv_path(label), reader(name, weights)))
                  for name in readers}
        batch = by_batch.setdefault(batch_of(label), {name: [0, 0] for name in totals})
        for name, (right, total) in scores.items():
            for sums in (totals[name], batch[name]):
                sums[0] += right
                sums[1] += total
        if "--quiet" not in argv:
            print(f"{label['id'][:34]:<34} " + "  ".join(f"{name}={right}/{total}" for name, (right, total) in scores.items()))
    first_sight = json.loads(FIRST_SIGHT_PATH.read_text(encoding="utf-8"))["batches"]
    print(f"\nper batch ({fold} for the trained readers; rules: written on every dev batch; first sight: the rules "
          "before any rule saw the batch, evals/data/cv_first_sight.json)")
    print("batch  first-sight  " + "  ".join(f"{name:>13}" for name in readers))
    pools = {"first-sight batches": [batch for batch in sorted(by_batch) if batch in first_sight],
             "the others": [batch for batch in sorted(by_batch) if batch not in first_sight]}
    for batch, sums in sorted(by_batch.items()):
        seen = first_sight.get(batch, {}).get("experience")
        print(f"{batch:<6} {(f'{seen[0]}/{seen[1]}' if seen else '-'):>11}  "
              + "  ".join(f"{f'{right}/{total}':>13}" for right, total in sums.values()))
    for pool, batches in pools.items():
        if not batches:
            continue
        seen = [sum(first_sight[batch]["experience"][i] for batch in batches if batch in first_sight) for i in (0, 1)]
        print(f"{pool} ({''.join(batches)}): first sight {_share(*seen) if seen[1] else '-'}; " + "; ".join(
            f"{name} {_share(sum(by_batch[b][name][0] for b in batches), sum(by_batch[b][name][1] for b in batches))}"
            for name in readers))
    for name in readers:
        note = "written on these files" if name == "rules" else fold if name == "model" else f"today's rules + {fold} model"
        print(f"{name} ({note}): {_share(*totals[name])}")


if __name__ == "__main__":
    main(sys.argv[1:])
