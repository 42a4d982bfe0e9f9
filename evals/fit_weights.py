"""Fit the fit score's component weights on the development half of the ranking data, and only there.

    python -m evals.fit_weights

Prints each component's own NDCG@10 on the dev half, then the weights (a grid over the simplex in
steps of ``STEP``, plus the skills value given to postings that name no skills) that maximise the mean
dev NDCG@10: over the whole simplex, and with every weight at least ``MIN_WEIGHT``. The check half is
never read. ai_coach/engines/fit/scorer.py holds the constrained optimum: every component's reason is
shown to the user, so every component must count; the components are correlated and the unconstrained
optimum tends to drop some for gains within the noise of 50 resumes. Re-run this after changing a
component and copy the weights over. The grid ranks the parts' weighted totals; the score the user sees
(and `python -m evals ranking` measures) is that total pulled toward the middle when there is little to
judge (ai_coach/engines/fit/confidence.py), which the weights cannot change, so the two figures differ
by that pull's cost (docs/fit_score.md, "Little to judge"); both are printed.

Then it asks whether a refit would be more than noise, still inside the dev half: the 50 resumes are
cut into ``FOLDS`` random folds (``REPEATS`` times, fixed seeds); for each fold the constrained optimum
is chosen on the other folds and scored on the held-out one beside the scorer's own weights. A gain
that does not hold on the held-out folds is noise of 50 resumes, not a better model.
"""

from __future__ import annotations

import itertools
import statistics
import sys

import numpy as np

from ai_coach.engines.fit import FitScorer
from ai_coach.engines.fit import scorer as fit_scorer
from evals.paths import shared_fixtures_dir
from evals.ranking import K, load_postings, load_resumes, relevance

STEP = 0.05
MIN_WEIGHT = 0.10
NO_SKILLS_VALUES = (0.15, 0.3, 0.45)
FOLDS = 5
REPEATS = 3
COMPONENTS = tuple(fit_scorer.WEIGHTS)


def component_values(scorer: FitScorer, resumes, postings) -> dict[str, np.ndarray]:
    """name -> (resumes x postings) matrix of component values; "no_skills" marks skill-less postings."""
    jobs = [posting.job for posting in postings]
    values = {name: np.zeros((len(resumes), len(jobs))) for name in COMPONENTS}
    values["no_skills"] = np.zeros((len(resumes), len(jobs)))
    values["shown"] = np.zeros((len(resumes), len(jobs)))
    for row, resume in enumerate(resumes):
        for column, result in enumerate(scorer.score(resume.profile, jobs)):
            for part in result.components:
                values[part.name][row, column] = part.value
            values["no_skills"][row, column] = "names no specific skills" in result.components[1].reason
            values["shown"][row, column] = result.score
    return values


_DISCOUNTS = 1.0 / np.log2(np.arange(2, 2 + 4096))


def _ndcg_row(scores: np.ndarray, gains: np.ndarray) -> float:
    """evals.ranking.tie_aware_ndcg in numpy (the grid calls it hundreds of thousands of times)."""
    ideal = _DISCOUNTS[: min(K, int(gains.sum()))].sum()
    top_values = np.unique(np.sort(scores)[::-1][:K])[::-1]
    dcg = 0.0
    for value in top_values:
        members = scores == value
        start = int((scores > value).sum())
        end = min(K, start + int(members.sum()))
        dcg += gains[members].mean() * _DISCOUNTS[start:end].sum()
    return float(dcg / ideal)


def mean_ndcg(scores: np.ndarray, gains: np.ndarray) -> float:
    return statistics.fmean(_ndcg_row(row, gain) for row, gain in zip(scores, gains, strict=True))


def main() -> int:
    fixtures = shared_fixtures_dir()
    postings = load_postings(fixtures)
    resumes = [r for r in load_resumes(fixtures) if r.split == "dev"]
    gains = np.array([relevance(r, postings) for r in resumes])
    keep = gains.sum(axis=1) > 0
    resumes = [r for r, k in zip(resumes, keep, strict=True) if k]
    gains = gains[keep]
    values = component_values(FitScorer(), resumes, postings)
    for name in COMPONENTS:
        print(f"{name:<12} alone: dev NDCG@{K} {mean_ndcg(values[name], gains):.3f}")
    steps = round(1 / STEP)
    # per-resume NDCG@10 of every grid point, so the folds below reuse them
    grid: dict[tuple[tuple[float, ...], float], np.ndarray] = {}
    for no_skills in NO_SKILLS_VALUES:
        skills = np.where(values["no_skills"] > 0, no_skills, values["skills"])
        for combination in itertools.product(range(steps + 1), repeat=len(COMPONENTS) - 1):
            if sum(combination) > steps:
                continue
            weights = tuple(round(w, 2) for w in (*[c * STEP for c in combination],
                                                   (steps - sum(combination)) * STEP))
            total = sum(w * (skills if name == "skills" else values[name])
                        for w, name in zip(weights, COMPONENTS, strict=True))
            grid[weights, no_skills] = np.array([_ndcg_row(row, gain) for row, gain in zip(total, gains,
                                                                                             strict=True)])
    constrained_points = [point for point in grid if min(point[0]) >= MIN_WEIGHT - 1e-9]
    best = max(grid, key=lambda point: grid[point].mean())
    constrained = max(constrained_points, key=lambda point: grid[point].mean())
    for label, (weights, no_skills) in (("best", best), (f"best with every weight >= {MIN_WEIGHT}", constrained)):
        print(f"{label}: dev NDCG@{K} {grid[weights, no_skills].mean():.3f} with weights "
              + ", ".join(f"{name} {w:.2f}" for name, w in zip(COMPONENTS, weights, strict=True))
              + f"; skills value for postings naming none {no_skills}")
    current = (tuple(round(fit_scorer.WEIGHTS[name], 2) for name in COMPONENTS), fit_scorer.NO_SKILLS_VALUE)
    if current not in grid:
        print("the scorer's own weights are not on the grid; no cross-validation")
        return 0
    print(f"the scorer's weights: dev NDCG@{K} {grid[current].mean():.3f} on the parts' totals; "
          f"{mean_ndcg(values['shown'], gains):.3f} on the scores shown and sorted by (after the pull of a "
          "low-confidence score toward the middle, ai_coach/engines/fit/confidence.py; the figure "
          "`python -m evals ranking` prints)")
    print(f"refit on {FOLDS - 1} of {FOLDS} folds of the dev resumes, scored on the fifth "
          f"(held-out NDCG@{K}: refit vs the scorer's weights):")
    differences = []
    for repeat in range(REPEATS):
        order = np.random.default_rng(repeat).permutation(len(resumes))
        for fold, held_out in enumerate(np.array_split(order, FOLDS)):
            training = np.setdiff1d(order, held_out)
            chosen = max(constrained_points, key=lambda point: grid[point][training].mean())
            refit, own = grid[chosen][held_out].mean(), grid[current][held_out].mean()
            differences.append(refit - own)
            print(f"  repeat {repeat} fold {fold}: {refit:.3f} vs {own:.3f} ({refit - own:+.3f}) with "
                  + ", ".join(f"{name} {w:.2f}" for name, w in zip(COMPONENTS, chosen[0], strict=True))
                  + f", no-skills {chosen[1]}")
    print(f"held-out gain of refitting: mean {statistics.fmean(differences):+.3f}, "
          f"from {min(differences):+.3f} to {max(differences):+.3f} over {len(differences)} folds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
