"""Fit the fit score's component weights on the development half of the ranking data, and only there.

    python -m evals.fit_weights

Prints each component's own NDCG@10 on the dev half, then the weights (a grid over the simplex in
steps of ``STEP``, plus the skills value given to postings that name no skills) that maximise the mean
dev NDCG@10: over the whole simplex, and with every weight at least ``MIN_WEIGHT``. The check half is
never read. ai_coach/engines/fit/scorer.py holds the constrained optimum: every component's reason is
shown to the user, so every component must count; the components are correlated and the unconstrained
optimum tends to drop some for gains within the noise of 50 resumes. Re-run this after changing a
component and copy the weights over.
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
COMPONENTS = tuple(fit_scorer.WEIGHTS)


def component_values(scorer: FitScorer, resumes, postings) -> dict[str, np.ndarray]:
    """name -> (resumes x postings) matrix of component values; "no_skills" marks skill-less postings."""
    jobs = [posting.job for posting in postings]
    values = {name: np.zeros((len(resumes), len(jobs))) for name in COMPONENTS}
    values["no_skills"] = np.zeros((len(resumes), len(jobs)))
    for row, resume in enumerate(resumes):
        for column, result in enumerate(scorer.score(resume.profile, jobs)):
            for part in result.components:
                values[part.name][row, column] = part.value
            values["no_skills"][row, column] = "names no specific skills" in result.components[1].reason
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
    best: tuple[float, tuple[float, ...], float] = (-1.0, (), 0.0)
    constrained = best
    for no_skills in NO_SKILLS_VALUES:
        skills = np.where(values["no_skills"] > 0, no_skills, values["skills"])
        for combination in itertools.product(range(steps + 1), repeat=len(COMPONENTS) - 1):
            if sum(combination) > steps:
                continue
            weights = (*[c * STEP for c in combination], (steps - sum(combination)) * STEP)
            total = sum(w * (skills if name == "skills" else values[name])
                        for w, name in zip(weights, COMPONENTS, strict=True))
            figure = mean_ndcg(total, gains)
            if figure > best[0]:
                best = (figure, weights, no_skills)
            if figure > constrained[0] and min(weights) >= MIN_WEIGHT - 1e-9:
                constrained = (figure, weights, no_skills)
    for label, (figure, weights, no_skills) in (("best", best), (f"best with every weight >= {MIN_WEIGHT}",
                                                                  constrained)):
        print(f"{label}: dev NDCG@{K} {figure:.3f} with weights "
              + ", ".join(f"{name} {w:.2f}" for name, w in zip(COMPONENTS, weights, strict=True))
              + f"; skills value for postings naming none {no_skills}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
