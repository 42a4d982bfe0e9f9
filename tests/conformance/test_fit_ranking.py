"""The fit score against the text baselines on real resumes and postings (../shared/fixtures/ranking).

Runs the ranking evaluation of evals/ranking.py on both halves of the resumes and holds floors: the fit
score's mean NDCG@10 must stay clearly above the best of TF-IDF and BM25 computed in the same run. The
development half is where the score was designed and its weights fitted; the check half is held out (no
rule or weight is chosen on it), so its floor is the independent check that runs against every landing:
a change that wins on dev by learning dev shows here. The figures themselves are printed by `make eval`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.ranking import RankingReport, evaluate

# Dev: fit-2 was 0.24 above BM25; fit-3 at stop 23 0.767, fit-4 0.776, fit-5 0.791, fit-6 0.798, fit-7 0.801 (docs/fit_score.md).
MIN_DEV_MARGIN = 0.18
MIN_DEV_NDCG = 0.75
# Check, held out: fit-5 0.741 (+0.141), fit-6 0.758 (+0.158), fit-7 0.767 (+0.167). Floors under them, not targets tuned to them.
MIN_CHECK_MARGIN = 0.10
MIN_CHECK_NDCG = 0.70


@pytest.fixture(scope="module")
def report(fixtures_dir: Path) -> RankingReport:
    return evaluate(fixtures_dir, splits=("dev", "check"), scorer_names=("ours", "TF-IDF", "BM25"))


@pytest.mark.parametrize(("split", "resumes", "min_margin", "min_ndcg"), [
    ("dev", 50, MIN_DEV_MARGIN, MIN_DEV_NDCG),  # 53 resumes, less 3 Advocate ones (no relevant posting)
    ("check", 35, MIN_CHECK_MARGIN, MIN_CHECK_NDCG),
])
def test_fit_score_ranks_clearly_better_than_the_text_baselines(
        report: RankingReport, split: str, resumes: int, min_margin: float, min_ndcg: float) -> None:
    assert report.count(split) == resumes
    baseline, figure = report.best_baseline(split)
    ours = report.mean("ours", split)
    assert ours >= figure + min_margin, f"fit score {ours:.3f} vs {baseline} {figure:.3f} on the {split} half"
    assert ours >= min_ndcg, f"fit score {ours:.3f} on the {split} half"
