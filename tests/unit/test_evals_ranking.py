"""Unit tests for the ranking evaluation's own machinery: the tie-aware NDCG, the dev/check split and the
`python -m evals` runner (no shared fixtures needed)."""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import pytest

from evals import __main__ as runner
from evals.ranking import Resume, split_resumes, tie_aware_ndcg


def brute_force_ndcg(scores: list[float], gains: list[int], k: int) -> float:
    """The mean NDCG@k over every order that sorts by score and permutes the tied items."""
    ideal = sum(1 / math.log2(p + 2) for p in range(min(k, sum(gains))))
    groups: dict[float, list[int]] = {}
    for score, gain in zip(scores, gains, strict=True):
        groups.setdefault(score, []).append(gain)
    ordered = [groups[score] for score in sorted(groups, reverse=True)]
    totals = []
    for orders in itertools.product(*(set(itertools.permutations(group)) for group in ordered)):
        ranking = [gain for group in orders for gain in group]
        totals.append(sum(g / math.log2(p + 2) for p, g in enumerate(ranking[:k])) / ideal)
    return sum(totals) / len(totals)


def test_tie_aware_ndcg_is_the_expectation_over_orders_of_ties() -> None:
    rng = random.Random(16)
    for _ in range(300):
        n = rng.randint(2, 8)
        scores = [float(rng.randint(0, 3)) for _ in range(n)]
        gains = [rng.randint(0, 1) for _ in range(n)]
        if not any(gains):
            continue
        k = rng.randint(1, n)
        assert tie_aware_ndcg(scores, gains, k) == pytest.approx(brute_force_ndcg(scores, gains, k))


def test_tie_aware_ndcg_edge_cases() -> None:
    assert tie_aware_ndcg([3, 2, 1, 0], [1, 1, 0, 0], k=2) == pytest.approx(1.0)
    assert tie_aware_ndcg([3, 2, 1, 0], [0, 0, 1, 1], k=2) == 0.0
    # Everything tied: each of the top k positions holds the mean gain (file order neither helps nor hurts).
    assert tie_aware_ndcg([5] * 4, [1, 0, 0, 0], k=2) == pytest.approx(
        0.25 * (1 + 1 / math.log2(3)) / 1.0
    )
    assert tie_aware_ndcg([5] * 4, [1, 0, 0, 0], k=2) == tie_aware_ndcg([5] * 4, [0, 0, 0, 1], k=2)
    with pytest.raises(ValueError, match="no relevant"):
        tie_aware_ndcg([1, 2], [0, 0])
    with pytest.raises(ValueError, match="one gain per score"):
        tie_aware_ndcg([1, 2], [1])


def test_the_split_alternates_within_each_category_by_source_row() -> None:
    resumes = [Resume(row, category, "") for row, category in
               [(9, "HR"), (3, "HR"), (5, "HR"), (1, "Sales"), (2, "Sales"), (7, "Arts")]]
    split_resumes(list(reversed(resumes)))
    by_row = {resume.source_row: resume.split for resume in resumes}
    assert by_row == {3: "dev", 5: "check", 9: "dev", 1: "dev", 2: "check", 7: "dev"}


def test_the_runner_skips_a_section_without_data_and_refuses_unknown_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMATE_SHARED_DIR", str(tmp_path))
    assert runner.main(["ranking"]) == 0
    assert "SKIPPED ranking: ranking fixtures not found" in capsys.readouterr().out
    assert runner.main(["no-such-section"]) == 2
    assert "unknown section" in capsys.readouterr().err


def test_eval_lines_dev_keeps_held_out_resumes_lines_and_totals_out_of_the_report_until_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from evals.ranking import RankingReport, print_report

    dev = Resume(source_row=4, category="Data Science", text="", split="dev")
    check = Resume(source_row=6, category="Hadoop", text="", split="check")
    report = RankingReport(
        scorers=["ours", "TF-IDF", "BM25"],
        per_resume=[(dev, {"ours": 0.9, "TF-IDF": 0.5, "BM25": 0.6}), (check, {"ours": 0.7, "TF-IDF": 0.4, "BM25": 0.3})],
        skipped=[],
        seconds={"ours": 1.0},
    )
    monkeypatch.delenv("EVAL_CV_LINES", raising=False)
    monkeypatch.setenv("EVAL_LINES", "dev")
    out = io.StringIO()
    print_report(report, out)
    text = out.getvalue()
    assert "Data Science" in text and "Hadoop" not in text  # per resume and per category: dev only
    assert "dev             1     0.900" in text
    assert "0.700" not in text and "\nall " not in text  # the held-out total too, and the total that mixes it in
    monkeypatch.setenv("EVAL_TOTALS", "dev,check")  # the one look at the end
    out = io.StringIO()
    print_report(report, out)
    assert "check           1     0.700" in out.getvalue() and "Hadoop" not in out.getvalue()
    monkeypatch.delenv("EVAL_TOTALS")

    monkeypatch.delenv("EVAL_LINES")
    out = io.StringIO()
    print_report(report, out)
    assert "Hadoop" in out.getvalue()
